package io.trestle.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * {@code trestle bench [--quick] [--json]}: a short JMH profile of the hot path, one JMH run (every figure
 * of one invocation is measured on the same machine within minutes, so the ratios are meaningful even when
 * the absolute times drift). JMH's progress goes to stderr; stdout gets a table (step, median, error,
 * allocation, then the targets as ratios) or, with {@code --json}, one JSON object whose schema is
 * documented as stable in README.md ("Performance", {@code trestle bench --json}).
 *
 * <p>Each step is one JMH benchmark, 1 fork, {@code -prof gc}; the median is over the measurement
 * iterations, the error is JMH's 99.9 % confidence half-width. {@code --quick}: 2 × 1 s warm-up and 3 × 1 s
 * measurement, the BLS and stream breakdowns left out (under 8 minutes on 2 cores); default: 3 × 1 s and
 * 5 × 1 s with the breakdowns. Exit 0 when every key was measured, 1 when a benchmark failed, 2 for usage.
 */
public final class BenchProfile {
  /** A step: JSON key, JMH benchmark (class.method), params, unit conversion. */
  private record Step(String key, String benchmark, String params, String label, boolean quick) {}

  private static final List<Step> STEPS = List.of(
      new Step("sync_update_512_us", "SyncUpdateBenchmark.update512", "", "light-client update, 512 signers, keys cached", true),
      new Step("sync_update_350_us", "SyncUpdateBenchmark.update350", "", "light-client update, 350 signers, keys cached", true),
      new Step("bls_fast_aggregate_verify_512_us", "SyncUpdateBenchmark.rawJblstFastAggregateVerify512", "",
          "raw jblst FastAggregateVerify, 512 cached keys (core_verify)", true),
      new Step("bls_fast_aggregate_verify_512_fastest_us", "SyncUpdateBenchmark.fastAggregateVerify512NoRecheck", "",
          "jblst FastAggregateVerify, 512 cached keys, no subgroup re-check", true),
      new Step("committee_rotation_us", "SyncUpdateBenchmark.committeeRotation", "", "update at a committee rotation (512 keys decompressed)", true),
      new Step("bls_decompress_512_us", "SyncUpdateBenchmark.blsDecompress512", "", "decompress + validate 512 keys, 1 thread", true),
      new Step("bls_part_sum_512_us", "SyncUpdateBenchmark.partSum512", "", "  part: sum 512 keys (512 JNI P1.add)", false),
      new Step("bls_part_core_verify_us", "SyncUpdateBenchmark.partCoreVerify", "", "  part: core_verify of the sum", false),
      new Step("bls_part_pairing_no_recheck_us", "SyncUpdateBenchmark.partPairingNoRecheck", "", "  part: pairing check of the sum, no subgroup re-check", false),
      new Step("bls_part_pairing_aggregate_sig_check_us", "SyncUpdateBenchmark.partPairingAggregateSigCheck", "", "  part: jblst Pairing.aggregate of the sum (re-checks the signature)", false),
      new Step("bls_part_signature_subgroup_us", "SyncUpdateBenchmark.partSignatureSubgroupCheck", "", "  part: signature G2 subgroup check", false),
      new Step("bls_part_key_subgroup_us", "SyncUpdateBenchmark.partKeySubgroupCheck", "", "  part: aggregate key G1 subgroup check", false),
      new Step("account_proof_us", "AccountProofBenchmark.verifyPresent", "", "account proof (100k-account trie)", true),
      new Step("account_proof_hash_only_us", "AccountProofBenchmark.keccakOnlyPresent", "", "  keccak of its nodes only", true),
      new Step("storage_proof_us", "StorageProofBenchmark.verify", "", "storage proof (50k-slot trie)", true),
      new Step("storage_proof_hash_only_us", "StorageProofBenchmark.keccakOnly", "", "  keccak of its nodes only", true),
      new Step("receipt_proof_us", "ReceiptProofBenchmark.verifyOnly", "", "receipt proof (300-receipt trie)", true),
      new Step("receipt_proof_hash_only_us", "ReceiptProofBenchmark.keccakOnly", "", "  keccak of its nodes only", true),
      new Step("keccak256_532_us", "KeccakBenchmark.trestle", "size=532", "keccak-256 of 532 bytes", true),
      new Step("message_path_us", "ReceiptProofBenchmark.messagePath", "", "message path: receipt proof + strict receipt + log + id", true),
      new Step("receipts_root_300_us", "ReceiptsRootBenchmark.rebuild", "", "receipts root of a 300-receipt block", true),
      new Step("receipts_root_300_hash_only_us", "ReceiptsRootBenchmark.keccakOnly", "", "  keccak of its trie nodes only", true),
      new Step("stream_block_us", "StreamBlockBenchmark.block", "", "stream: one mainnet-size block from JSON", true),
      new Step("stream_part_parse_us", "StreamBlockBenchmark.parseOnly", "", "  part: JSON parse", false),
      new Step("stream_part_typed_receipts_us", "StreamBlockBenchmark.typedReceipts", "", "  part: parse + strict receipts (blooms)", false),
      new Step("batch_1_thread_us", "BatchBenchmark.accountBatch", "threads=1", "batch of 1000 account proofs, 1 thread", true),
      new Step("batch_2_threads_us", "BatchBenchmark.accountBatch", "threads=2", "batch of 1000 account proofs, 2 threads", true));

  private BenchProfile() {}

  /** Entry point: {@code [--quick] [--json]}. */
  public static void main(final String[] args) throws RunnerException {
    boolean quick = false;
    boolean json = false;
    for (final String a : args) {
      switch (a) {
        case "--quick" -> quick = true;
        case "--json" -> json = true;
        case "-h", "--help" -> {
          System.out.println("usage: trestle bench [--quick] [--json]");
          System.exit(0);
        }
        default -> {
          System.err.println("trestle bench: unknown option '" + a + "'\nusage: trestle bench [--quick] [--json]");
          System.exit(2);
        }
      }
    }
    // JMH relays the forks' own output (setup lines) to System.out: keep stdout for the table / the JSON.
    final PrintStream out = System.out;
    System.setOut(System.err);
    // JMH refuses to start while another JMH run holds /tmp/jmh.lock; on a shared machine that is another
    // user's run, so run anyway (the conditions say the machine was shared).
    System.setProperty("jmh.ignoreLock", "true");
    System.exit(run(quick, json, out, System.err));
  }

  static int run(final boolean quick, final boolean json, final PrintStream out, final PrintStream err)
      throws RunnerException {
    final List<Step> steps = STEPS.stream().filter(s -> s.quick() || !quick).toList();
    final ChainedOptionsBuilder opts = new OptionsBuilder()
        .forks(1)
        .warmupIterations(quick ? 2 : 3).warmupTime(TimeValue.seconds(1))
        .measurementIterations(quick ? 3 : 5).measurementTime(TimeValue.seconds(1))
        .timeUnit(TimeUnit.MICROSECONDS)
        .addProfiler(GCProfiler.class)
        .shouldFailOnError(false)
        .resultFormat(ResultFormatType.JSON)
        .result(System.getProperty("trestle.bench.result", "benchmarks/results/bench-latest.json"))
        .param("source", "auto");
    final List<String> forkArgs = new ArrayList<>();
    if (Runtime.version().feature() >= 17) {
      forkArgs.add("--enable-native-access=ALL-UNNAMED");
    }
    for (final String p : List.of(BenchData.DATA_DIR_PROPERTY, "trestle.bls512")) {
      final String v = System.getProperty(p);
      if (v != null) {
        forkArgs.add("-D" + p + "=" + v);
      }
    }
    opts.jvmArgsAppend(forkArgs.toArray(String[]::new));
    final List<String> distinct = steps.stream().map(Step::benchmark).distinct().toList();
    for (final String b : distinct) {
      opts.include("\\." + b.replace(".", "\\.") + "$");
    }
    opts.param("size", "532");
    final String resultFile = System.getProperty("trestle.bench.result", "benchmarks/results/bench-latest.json");
    new java.io.File(resultFile).getAbsoluteFile().getParentFile().mkdirs();
    final long t0 = System.nanoTime();
    // -Dtrestle.bench.skipJmh=true: only the paired CPU-time phase (for a quick look; the JMH keys are null).
    final Collection<RunResult> results = Boolean.getBoolean("trestle.bench.skipJmh") ? List.of()
        : new Runner(opts.build(), OutputFormatFactory.createFormatInstance(err, VerboseMode.NORMAL)).run();
    final double minutes = (System.nanoTime() - t0) / 60e9;

    final Map<String, Measured> byKey = new LinkedHashMap<>();
    for (final Step s : steps) {
      for (final RunResult r : results) {
        if (matches(r, s)) {
          byKey.put(s.key(), Measured.of(r));
        }
      }
    }
    final ObjectNode o = new ObjectMapper().createObjectNode();
    o.put("schema", "trestle-bench/1");
    for (final Step s : steps) {
      final Measured m = byKey.get(s.key());
      if (m == null) {
        o.putNull(s.key());
      } else {
        o.put(s.key(), round(m.median()));
      }
    }
    final Measured block = byKey.get("stream_block_us");
    putOrNull(o, "stream_blocks_per_s", block == null ? Double.NaN : 1e6 / block.median());
    // batch_speedup_2_threads: 1- and 2-thread batches alternated in this JVM (median of adjacent pairs); the two
    // JMH figures above come from forks minutes apart, whose ratio mostly shows how the machine's load changed.
    final double jmhSpeedup = ratio(byKey, "batch_1_thread_us", "batch_2_threads_us");
    BatchBenchmark.Speedup paired = null;
    try {
      err.println("[bench] batch speedup: 1- and 2-thread batches alternated ...");
      paired = BatchBenchmark.pairedSpeedup(quick ? 1500 : 2500, 150, quick ? 12 : 20);
    } catch (final Exception | LinkageError e) {
      err.println("[bench] paired batch speedup failed: " + e);
    }
    putOrNull(o, "batch_speedup_2_threads", paired == null ? jmhSpeedup : paired.speedup());
    putOrNull(o, "batch_speedup_2_threads_jmh", jmhSpeedup);
    final ObjectNode ratios = o.putObject("ratios");
    putOrNull(ratios, "account_proof_vs_hash_only", ratio(byKey, "account_proof_us", "account_proof_hash_only_us"));
    putOrNull(ratios, "storage_proof_vs_hash_only", ratio(byKey, "storage_proof_us", "storage_proof_hash_only_us"));
    putOrNull(ratios, "receipt_proof_vs_hash_only", ratio(byKey, "receipt_proof_us", "receipt_proof_hash_only_us"));
    putOrNull(ratios, "receipts_root_300_vs_hash_only",
        ratio(byKey, "receipts_root_300_us", "receipts_root_300_hash_only_us"));
    putOrNull(ratios, "sync_update_512_vs_fastest_fast_aggregate_verify",
        ratio(byKey, "sync_update_512_us", "bls_fast_aggregate_verify_512_fastest_us"));
    putOrNull(ratios, "sync_update_512_vs_raw_fast_aggregate_verify",
        ratio(byKey, "sync_update_512_us", "bls_fast_aggregate_verify_512_us"));
    // The same ratios as CPU time of alternating slices in this JVM (robust when other processes hold the cores).
    final ObjectNode cpu = o.putObject("cpu_time_ratios");
    final ObjectNode cpuUs = o.putObject("cpu_time_us");
    try {
      err.println("[bench] paired CPU-time ratios (alternating slices, this JVM) ...");
      for (final Map.Entry<String, PairedCpuTime.Pair> e : PairedCpuTime.all(quick).entrySet()) {
        putOrNull(cpu, e.getKey(), e.getValue().ratio());
        final ObjectNode pair = cpuUs.putObject(e.getKey());
        putOrNull(pair, "a", e.getValue().aUs());
        putOrNull(pair, "b", e.getValue().bUs());
      }
      if (paired != null) {
        // The same work at 1 and 2 threads: CPU per batch of the batch threads at 2 threads over that at 1 (1.0 = no work added).
        putOrNull(cpu, "batch_2_threads_vs_1_thread_cpu_per_batch", paired.cpuUs2() / paired.cpuUs1());
        final ObjectNode pair = cpuUs.putObject("batch_2_threads_vs_1_thread_cpu_per_batch");
        putOrNull(pair, "a", paired.cpuUs2());
        putOrNull(pair, "b", paired.cpuUs1());
      }
      final com.fasterxml.jackson.databind.JsonNode cpuBlock = cpuUs.at("/stream_block_vs_receipts_root_300/a");
      putOrNull(o, "stream_blocks_per_cpu_s", cpuBlock.isNumber() ? 1e6 / cpuBlock.asDouble() : Double.NaN);
    } catch (final Exception | LinkageError e) {
      err.println("[bench] paired CPU-time ratios failed: " + e);
      o.putNull("stream_blocks_per_cpu_s");
    }
    final ObjectNode alloc = o.putObject("alloc_bytes_per_op");
    final ObjectNode errors = o.putObject("error_us");
    for (final Step s : steps) {
      final Measured m = byKey.get(s.key());
      putOrNull(alloc, s.key(), m == null ? Double.NaN : m.allocBytes());
      putOrNull(errors, s.key(), m == null ? Double.NaN : m.error());
    }
    final ObjectNode cond = o.putObject("conditions");
    cond.put("quick", quick);
    cond.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    cond.put("processors", Runtime.getRuntime().availableProcessors());
    cond.put("load_average_at_end", round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    cond.put("forks", 1);
    cond.put("warmup", (quick ? 2 : 3) + " x 1 s");
    cond.put("measurement", (quick ? 3 : 5) + " x 1 s");
    cond.put("minutes", round(minutes));
    cond.put("finished", Instant.now().toString());
    cond.put("jmh_result_file", resultFile);
    final boolean complete = steps.stream().allMatch(s -> byKey.containsKey(s.key()));
    if (json) {
      try {
        out.println(new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(o));
      } catch (final com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    } else {
      printTable(steps, byKey, o, out);
    }
    return complete ? 0 : 1;
  }

  private static boolean matches(final RunResult r, final Step s) {
    final String name = r.getParams().getBenchmark();
    if (!name.endsWith("." + s.benchmark())) {
      return false;
    }
    if (s.params().isEmpty()) {
      return true;
    }
    final String[] kv = s.params().split("=");
    return kv[1].equals(r.getParams().getParam(kv[0]));
  }

  /** Median of the iterations, JMH error, allocation per op. */
  private record Measured(double median, double error, double allocBytes) {
    static Measured of(final RunResult r) {
      final List<Double> scores = new ArrayList<>();
      for (final BenchmarkResult b : r.getBenchmarkResults()) {
        for (final IterationResult it : b.getIterationResults()) {
          scores.add(it.getPrimaryResult().getScore());
        }
      }
      final double[] a = scores.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      final double median = a.length == 0 ? Double.NaN
          : a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
      final Result<?> gc = r.getAggregatedResult().getSecondaryResults().get("gc.alloc.rate.norm");
      return new Measured(median, r.getPrimaryResult().getScoreError(), gc == null ? Double.NaN : gc.getScore());
    }
  }

  private static double ratio(final Map<String, Measured> m, final String a, final String b) {
    final Measured x = m.get(a);
    final Measured y = m.get(b);
    return x == null || y == null ? Double.NaN : x.median() / y.median();
  }

  private static void putOrNull(final ObjectNode o, final String k, final double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      o.putNull(k);
    } else {
      o.put(k, round(v));
    }
  }

  private static double round(final double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static void printTable(final List<Step> steps, final Map<String, Measured> byKey, final ObjectNode o,
      final PrintStream out) {
    out.printf(Locale.ROOT, "%-62s %12s %12s %12s%n", "step", "median µs", "± error", "alloc B/op");
    for (final Step s : steps) {
      final Measured m = byKey.get(s.key());
      if (m == null) {
        out.printf(Locale.ROOT, "%-62s %12s%n", s.label(), "FAILED");
      } else {
        out.printf(Locale.ROOT, "%-62s %12.3f %12.3f %12.0f%n", s.label(), m.median(), m.error(), m.allocBytes());
      }
    }
    out.println();
    out.println("targets (ratios of medians, this run):");
    final ObjectNode r = (ObjectNode) o.get("ratios");
    target(out, "account proof / keccak of its nodes", r.get("account_proof_vs_hash_only"), "<= 1.3");
    target(out, "storage proof / keccak of its nodes", r.get("storage_proof_vs_hash_only"), "<= 1.3");
    target(out, "receipt proof / keccak of its nodes", r.get("receipt_proof_vs_hash_only"), "<= 1.3");
    target(out, "receipts root (300) / keccak of its nodes", r.get("receipts_root_300_vs_hash_only"), "<= 1.5");
    target(out, "update (512) / fastest FastAggregateVerify (512)",
        r.get("sync_update_512_vs_fastest_fast_aggregate_verify"), "<= 1.0");
    target(out, "stream blocks per second (one core)", o.get("stream_blocks_per_s"), ">= 100");
    target(out, "stream blocks per CPU-second", o.get("stream_blocks_per_cpu_s"), ">= 100");
    target(out, "batch speedup at 2 threads", o.get("batch_speedup_2_threads"), ">= 1.8");
    out.println("the same as CPU time of alternating slices: " + o.get("cpu_time_ratios"));
    out.println("allocation per proof (target <= 2048 B): account "
        + o.at("/alloc_bytes_per_op/account_proof_us") + ", storage " + o.at("/alloc_bytes_per_op/storage_proof_us")
        + ", receipt " + o.at("/alloc_bytes_per_op/receipt_proof_us"));
    out.println("conditions: " + o.get("conditions"));
  }

  private static void target(final PrintStream out, final String what, final com.fasterxml.jackson.databind.JsonNode v,
      final String goal) {
    out.printf(Locale.ROOT, "  %-52s %10s   (target %s)%n", what, v == null || v.isNull() ? "n/a" : v.asText(), goal);
  }

  static List<String> keys() {
    return Arrays.asList(STEPS.stream().map(Step::key).toArray(String[]::new));
  }
}
