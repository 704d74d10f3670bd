package io.trestle.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The target ratios measured a second way, robust to a shared machine: the two sides of each pair run
 * alternately in one JVM (A B B A A B ...), each side for a slice of about 20 ms of <em>this thread's CPU
 * time</em> ({@link ThreadMXBean#getCurrentThreadCpuTime()}), and the figure is the median over the
 * slices. Time the thread spends descheduled because other processes hold the cores (what makes one-fork
 * wall-clock JMH figures on a loaded 2-core machine jump by 2-10×) is not counted; what remains is cache and
 * frequency interference. Used by {@link BenchProfile} after the JMH run, on the same benchmark objects and
 * data (their {@code @Setup} is called here). Not a JMH measurement: JIT profiles of all pairs share one JVM.
 */
final class PairedCpuTime {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final long SLICE_NS = 20_000_000L;

  /** Per-op CPU µs of both sides (medians over the slices) and their ratio. */
  record Pair(double aUs, double bUs) {
    double ratio() {
      return aUs / bUs;
    }
  }

  private PairedCpuTime() {}

  static Blackhole blackhole() {
    return new Blackhole(
        "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
  }

  /** Warms both sides up for about {@code warmupMs} of CPU each, then {@code slices} alternating slices each. */
  static Pair measure(final Runnable a, final Runnable b, final int warmupMs, final int slices) {
    final long warm = warmupMs * 1_000_000L;
    slice(a, warm);
    slice(b, warm);
    final double[] as = new double[slices];
    final double[] bs = new double[slices];
    for (int i = 0; i < slices; i++) {
      if (i % 2 == 0) {
        as[i] = slice(a, SLICE_NS);
        bs[i] = slice(b, SLICE_NS);
      } else {
        bs[i] = slice(b, SLICE_NS);
        as[i] = slice(a, SLICE_NS);
      }
    }
    return new Pair(median(as), median(bs));
  }

  /** CPU µs per op over about {@code cpuNanos} of CPU time (the clock is read every few ops). */
  private static double slice(final Runnable op, final long cpuNanos) {
    final long start = THREADS.getCurrentThreadCpuTime();
    long now = start;
    long ops = 0;
    int chunk = 1;
    while (now - start < cpuNanos) {
      for (int i = 0; i < chunk; i++) {
        op.run();
      }
      ops += chunk;
      final long t = THREADS.getCurrentThreadCpuTime();
      if (t - now < 200_000L && chunk < 1 << 20) {
        chunk *= 2; // read the clock about every 0.2 ms or less often
      }
      now = t;
    }
    return (now - start) / 1e3 / ops;
  }

  private static double median(final double[] xs) {
    final double[] s = xs.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  /** Every pair of the issue-10 targets, with their benchmarks' own setup and data. */
  static Map<String, Pair> all(final boolean quick) throws Exception {
    final int warm = quick ? 1000 : 2000;
    final int slices = quick ? 12 : 20;
    final Blackhole bh = blackhole();
    final Map<String, Pair> out = new LinkedHashMap<>();

    final AccountProofBenchmark account = new AccountProofBenchmark();
    account.source = "auto";
    account.setup();
    out.put("account_proof_vs_hash_only",
        measure(() -> bh.consume(account.verifyPresent()), () -> account.keccakOnlyPresent(bh), warm, slices));

    final StorageProofBenchmark storage = new StorageProofBenchmark();
    storage.setup();
    out.put("storage_proof_vs_hash_only",
        measure(() -> bh.consume(storage.verify()), () -> storage.keccakOnly(bh), warm, slices));

    final ReceiptProofBenchmark receipt = new ReceiptProofBenchmark();
    receipt.source = "auto";
    receipt.setup();
    out.put("receipt_proof_vs_hash_only",
        measure(() -> bh.consume(receipt.verifyOnly()), () -> receipt.keccakOnly(bh), warm, slices));

    final ReceiptsRootBenchmark root = new ReceiptsRootBenchmark();
    root.setup();
    out.put("receipts_root_300_vs_hash_only",
        measure(() -> bh.consume(root.rebuild()), () -> root.keccakOnly(bh), warm, slices));

    final SyncUpdateBenchmark sync = new SyncUpdateBenchmark();
    sync.setup();
    out.put("sync_update_512_vs_fastest_fast_aggregate_verify",
        measure(() -> bh.consume(sync.update512()), () -> bh.consume(sync.fastAggregateVerify512NoRecheck()), warm,
            slices));
    out.put("fastest_vs_raw_fast_aggregate_verify",
        measure(() -> bh.consume(sync.fastAggregateVerify512NoRecheck()),
            () -> bh.consume(sync.rawJblstFastAggregateVerify512()), warm, slices));

    final StreamBlockBenchmark stream = new StreamBlockBenchmark();
    stream.setup();
    out.put("stream_block_vs_receipts_root_300",
        measure(() -> bh.consume(stream.block()), () -> bh.consume(root.rebuild()), warm, slices));
    return out;
  }
}
