package io.trestle.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code trestle bench [--quick] [--json]}: runs the JMH profile of the hot path ({@code
 * io.trestle.benchmarks.BenchProfile} in {@code benchmarks/target/benchmarks.jar}, which the {@code trestle}
 * launcher builds when missing or stale) in a child JVM from the repository root, passing its output
 * through: progress on stderr, the table or the one JSON object on stdout. The JSON schema is stable and
 * documented in README.md. Exit 0 when every figure was measured, 1 when a benchmark failed, 2 for usage or
 * a missing benchmarks jar.
 */
final class BenchCommand implements Command {
  static final String MAIN = "io.trestle.benchmarks.BenchProfile";

  @Override
  public int dispatch(final List<String> argv, final PrintStream out, final PrintStream err) {
    final List<String> pass = new ArrayList<>();
    for (final String a : argv) {
      if (!a.equals("--quick") && !a.equals("--json")) {
        throw new UsageException("unknown option '" + a + "'");
      }
      if (!pass.contains(a)) {
        pass.add(a);
      }
    }
    final Path home = Path.of(System.getProperty("trestle.home", ".")).toAbsolutePath().normalize();
    final Path jar = home.resolve("benchmarks/target/benchmarks.jar");
    if (!Files.isRegularFile(jar)) {
      throw new UsageException("benchmarks jar not found at " + jar + " (the ./trestle launcher builds it; or run"
          + " ./mvnw -B -ntp -q -DskipTests -pl benchmarks -am package)", true);
    }
    final List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("--enable-native-access=ALL-UNNAMED");
    for (final String p : List.of("trestle.peers.data", "trestle.bls512", "trestle.bench.result")) {
      final String v = System.getProperty(p);
      if (v != null) {
        cmd.add("-D" + p + "=" + v);
      }
    }
    cmd.add("-cp");
    cmd.add(jar.toString());
    cmd.add(MAIN);
    cmd.addAll(pass);
    final Process child;
    try {
      child = new ProcessBuilder(cmd).directory(home.toFile()).start();
    } catch (final IOException e) {
      err.println("trestle bench: cannot start " + cmd.get(0) + ": " + e.getMessage());
      return USAGE;
    }
    final Thread stop = new Thread(child::destroy, "trestle-bench-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    final Thread errPump = pump(child.getErrorStream(), err);
    final Thread outPump = pump(child.getInputStream(), out);
    try {
      final int code = child.waitFor();
      outPump.join();
      errPump.join();
      return code;
    } catch (final InterruptedException e) {
      child.destroy();
      Thread.currentThread().interrupt();
      return REJECTED;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stop);
      } catch (final IllegalStateException ignored) {
        // already shutting down: the hook stops the child
      }
    }
  }

  private static Thread pump(final InputStream in, final PrintStream to) {
    final Thread t = new Thread(() -> {
      final byte[] buf = new byte[8192];
      try (in) {
        int n;
        while ((n = in.read(buf)) > 0) {
          to.write(buf, 0, n);
          to.flush();
        }
      } catch (final IOException ignored) {
        // the child went away; its exit code says how
      }
    }, "trestle-bench-pump");
    t.setDaemon(true);
    t.start();
    return t;
  }

  @Override
  public String usage() {
    return "bench [--quick] [--json]   JMH profile of the hot path (proofs, receipts root, stream, batch, BLS);"
        + " --quick under 8 min";
  }
}
