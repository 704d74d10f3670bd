package io.trestle.benchmarks;

import io.trestle.crypto.Hash32;
import io.trestle.crypto.Keccak256;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Keccak-256: Trestle's {@link Keccak256#hash(byte[])} against Bouncy Castle's {@code KeccakDigest(256)},
 * both with a fresh digest per operation (what a stateless verifier does) and with one digest reused
 * across operations (Bouncy Castle's best case). Inputs: 32 bytes (a key or a hash, one permutation) and
 * 532 bytes (the size of a full 17-slot branch node, four permutations). The input is pseudo-random with a
 * fixed seed; its content does not affect Keccak's running time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class KeccakBenchmark {
  /** Input length in bytes. */
  @Param({"32", "532"})
  public int size;

  private byte[] input;
  private KeccakDigest reused;
  private byte[] reusedOut;

  /** Builds the input and checks that both implementations agree on it. */
  @Setup
  public void setup() {
    input = new byte[size];
    new SplittableRandom(0x7e57_1e5L + size).nextBytes(input);
    reused = new KeccakDigest(256);
    reusedOut = new byte[32];
    final byte[] bc = bcNewDigest();
    if (!Arrays.equals(bc, trestle().toArray())) {
      throw new IllegalStateException("Trestle and Bouncy Castle disagree on a " + size + "-byte input");
    }
  }

  /** Trestle: one call, result wrapped as an immutable {@link Hash32}. */
  @Benchmark
  public Hash32 trestle() {
    return Keccak256.hash(input);
  }

  /** Bouncy Castle, a new {@code KeccakDigest} and output array per operation. */
  @Benchmark
  public byte[] bcNewDigest() {
    final KeccakDigest d = new KeccakDigest(256);
    d.update(input, 0, input.length);
    final byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }

  /** Bouncy Castle, one digest and output array reused (doFinal resets the digest). */
  @Benchmark
  public byte[] bcReusedDigest() {
    reused.update(input, 0, input.length);
    reused.doFinal(reusedOut, 0);
    return reusedOut;
  }
}
