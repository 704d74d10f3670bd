package io.trestle.benchmarks;

import io.trestle.crypto.Hash32;
import io.trestle.crypto.Keccak256;
import io.trestle.proofs.BatchVerifier;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.mpt.MptVerifier;
import io.trestle.proofs.mpt.TrieLookup;
import java.util.Arrays;
import java.util.List;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.TearDown;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link BatchVerifier} on the account-proof set of {@link AccountProofBenchmark} (1000 present proofs,
 * key hash included): one operation = the whole batch, on {@code threads} threads (the caller's included).
 * {@code batch_speedup_2_threads} = time at 1 thread / time at 2 threads, from the same run. Only
 * meaningful on a machine with at least 2 idle cores; other load on the machine lowers it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BatchBenchmark {
  @Param({"1", "2"})
  public int threads;

  @Param({"auto"})
  public String source;

  private Hash32 root;
  private List<BenchData.Case> cases;
  private BatchVerifier batch;

  @Setup(Level.Trial)
  public void setup() {
    final BenchData.ProofSet set = BenchData.accounts(source);
    root = set.root();
    cases = set.present();
    batch = BatchVerifier.create(threads);
    for (final ProofResult<TrieLookup> r : accountBatch()) {
      if (!(r instanceof ProofResult.Verified<TrieLookup> v && v.value() instanceof TrieLookup.Present)) {
        throw new IllegalStateException("batch result not a verified presence: " + r);
      }
    }
    System.out.println("[BatchBenchmark] " + cases.size() + " account proofs per batch, " + threads + " thread(s), "
        + Runtime.getRuntime().availableProcessors() + " processors");
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    batch.close();
  }

  @Benchmark
  public List<ProofResult<TrieLookup>> accountBatch() {
    return batch.verifyAll(cases, c -> {
      final byte[] a = c.keySource();
      return MptVerifier.verify(root, Keccak256.digest(a, 0, a.length), c.proof());
    });
  }
}
