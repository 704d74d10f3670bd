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
 * Both parameter values verify the same 1000 proofs with the same per-item function; at 2 threads the caller and
 * one worker share them. {@code trestle bench} reports these two JMH figures, and takes {@code
 * batch_speedup_2_threads} from {@link #pairedSpeedup}: 1-thread and 2-thread batches alternated in one JVM, the
 * median of the adjacent pairs' ratios (two JMH forks minutes apart see different load on a shared machine). Only
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
    return run(batch, root, cases);
  }

  private static List<ProofResult<TrieLookup>> run(final BatchVerifier b, final Hash32 root,
      final List<BenchData.Case> cases) {
    return b.verifyAll(cases, c -> {
      final byte[] a = c.keySource();
      return MptVerifier.verify(root, Keccak256.digest(a, 0, a.length), c.proof());
    });
  }

  /**
   * The 2-thread speedup measured robustly on a shared machine: after a warm-up, slices of about {@code sliceMs}
   * wall-clock of 1-thread batches and of 2-thread batches alternate (A B B A ...), and the result is the median
   * over the {@code pairs} adjacent pairs of (wall time per batch at 1 thread) / (wall time per batch at 2
   * threads). Also the CPU time per batch of the batch's threads on each side (the same work should cost the same
   * CPU; a ratio above 1 is work the second thread adds). Every batch's results are checked.
   */
  static Speedup pairedSpeedup(final int warmupMs, final int sliceMs, final int pairs) {
    final BenchData.ProofSet set = BenchData.accounts("auto");
    final Hash32 root = set.root();
    final List<BenchData.Case> cases = set.present();
    try (BatchVerifier one = BatchVerifier.create(1); BatchVerifier two = BatchVerifier.create(2)) {
      slice(one, root, cases, warmupMs);
      slice(two, root, cases, warmupMs);
      final double[] ratios = new double[pairs];
      final double[] cpu1 = new double[pairs];
      final double[] cpu2 = new double[pairs];
      for (int i = 0; i < pairs; i++) {
        final double[] a;
        final double[] b;
        if (i % 2 == 0) {
          a = slice(one, root, cases, sliceMs);
          b = slice(two, root, cases, sliceMs);
        } else {
          b = slice(two, root, cases, sliceMs);
          a = slice(one, root, cases, sliceMs);
        }
        ratios[i] = a[0] / b[0];
        cpu1[i] = a[1];
        cpu2[i] = b[1];
      }
      return new Speedup(median(ratios), median(cpu1), median(cpu2));
    }
  }

  /** Median speedup, and median CPU µs per batch (the batch's threads) at 1 and at 2 threads. */
  record Speedup(double speedup, double cpuUs1, double cpuUs2) {}

  /**
   * {wall µs per batch, CPU µs per batch of the batch's threads (the caller and the {@code trestle-batch-*}
   * workers: per-thread CPU clocks, exact whatever the load)} over about {@code ms} of wall-clock time.
   */
  private static double[] slice(final BatchVerifier b, final Hash32 root, final List<BenchData.Case> cases,
      final int ms) {
    final long cpu0 = batchThreadsCpu();
    final long t0 = System.nanoTime();
    final long until = t0 + ms * 1_000_000L;
    long batches = 0;
    long now;
    do {
      final List<ProofResult<TrieLookup>> r = run(b, root, cases);
      if (r.size() != cases.size() || !(r.get(r.size() - 1) instanceof ProofResult.Verified<TrieLookup>)) {
        throw new IllegalStateException("batch result not verified: " + r.get(r.size() - 1));
      }
      batches++;
      now = System.nanoTime();
    } while (now < until);
    return new double[] {(now - t0) / 1e3 / batches, (batchThreadsCpu() - cpu0) / 1e3 / batches};
  }

  private static long batchThreadsCpu() {
    final java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long sum = mx.getCurrentThreadCpuTime();
    for (final Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("trestle-batch-")) {
        sum += Math.max(0, mx.getThreadCpuTime(t.getId()));
      }
    }
    return sum;
  }

  private static double median(final double[] xs) {
    final double[] s = xs.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
