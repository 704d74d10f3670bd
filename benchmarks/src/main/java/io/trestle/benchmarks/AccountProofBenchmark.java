package io.trestle.benchmarks;

import io.trestle.crypto.Hash32;
import io.trestle.crypto.Keccak256;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.mpt.MptVerifier;
import io.trestle.proofs.mpt.TrieLookup;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Account-proof verification in a secure (state-layout) trie: one operation = one proof, cycling through
 * the set, {@code MptVerifier.verify(root, keccak(address), proof)} including the key hash (as the peers'
 * {@code useKeyHashing} verifiers do). Data: the peers harness's {@code account-proofs.json} (1000 present +
 * 100 absent proofs from a 100k-account trie) when found, else an equivalent synthetic trie (see {@link
 * BenchData}); {@code -p source=peers|synthetic} forces one.
 *
 * <p>{@code keccakOnly*} hashes the address and every node of the same proofs and nothing else: the floor
 * that any verifier must pay. {@code verify*} / {@code keccakOnly*} is the verifier's overhead factor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AccountProofBenchmark {
  /** auto (peers file if found, else synthetic), peers, or synthetic. */
  @Param({"auto"})
  public String source;

  private Hash32 root;
  private BenchData.Case[] present;
  private BenchData.Case[] absent;
  private int nextPresent;
  private int nextAbsent;

  /** Loads the proofs and verifies every one once (wrong data fails the run instead of timing errors). */
  @Setup
  public void setup() {
    final BenchData.ProofSet set = BenchData.accounts(source);
    root = set.root();
    present = set.present().toArray(BenchData.Case[]::new);
    absent = set.absent().toArray(BenchData.Case[]::new);
    System.out.println("[AccountProofBenchmark] " + present.length + " present + " + absent.length
        + " absent proofs from " + set.origin());
    for (int i = 0; i < present.length; i++) {
      final ProofResult<TrieLookup> r = verify(present[i]);
      if (!(r instanceof ProofResult.Verified<TrieLookup> v && v.value() instanceof TrieLookup.Present p
          && Arrays.equals(p.value().toArray(), present[i].value().orElseThrow()))) {
        throw new IllegalStateException("present proof " + i + " does not verify to its value: " + r);
      }
    }
    for (int i = 0; i < absent.length; i++) {
      final ProofResult<TrieLookup> r = verify(absent[i]);
      if (!(r instanceof ProofResult.Verified<TrieLookup> v && v.value() instanceof TrieLookup.Absent)) {
        throw new IllegalStateException("absent proof " + i + " does not verify as absent: " + r);
      }
    }
  }

  private ProofResult<TrieLookup> verify(final BenchData.Case c) {
    final byte[] address = c.keySource();
    return MptVerifier.verify(root, Keccak256.digest(address, 0, address.length), c.proof());
  }

  private static void keccakAll(final BenchData.Case c, final Blackhole bh) {
    final byte[] address = c.keySource();
    bh.consume(Keccak256.digest(address, 0, address.length));
    for (final byte[] n : c.nodes()) {
      bh.consume(Keccak256.digest(n, 0, n.length));
    }
  }

  /** Verify one proof of a present account (the next in the set). */
  @Benchmark
  public ProofResult<TrieLookup> verifyPresent() {
    final BenchData.Case c = present[nextPresent];
    nextPresent = nextPresent + 1 == present.length ? 0 : nextPresent + 1;
    return verify(c);
  }

  /** Verify one proof of absence (the next in the set). */
  @Benchmark
  public ProofResult<TrieLookup> verifyAbsent() {
    final BenchData.Case c = absent[nextAbsent];
    nextAbsent = nextAbsent + 1 == absent.length ? 0 : nextAbsent + 1;
    return verify(c);
  }

  /** Keccak of the address and of every node of one present proof, nothing else. */
  @Benchmark
  public void keccakOnlyPresent(final Blackhole bh) {
    final BenchData.Case c = present[nextPresent];
    nextPresent = nextPresent + 1 == present.length ? 0 : nextPresent + 1;
    keccakAll(c, bh);
  }

  /** Keccak of the address and of every node of one absence proof, nothing else. */
  @Benchmark
  public void keccakOnlyAbsent(final Blackhole bh) {
    final BenchData.Case c = absent[nextAbsent];
    nextAbsent = nextAbsent + 1 == absent.length ? 0 : nextAbsent + 1;
    keccakAll(c, bh);
  }
}
