package io.trestle.cli;

import io.trestle.testkit.devnet.DevnetChain;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The test entry point of the command line: the production commands plus the testkit's generated devnets as
 * network names ({@code trestle-devnet}, {@code trestle-devnet-gloas}, the demo's seed) and the per-request limit
 * options {@code --timeout-ms} and {@code --attempts}. {@link Main#run} accepts none of these.
 */
final class TestCli {
  static final OnlineSync.Extras EXTRAS = new OnlineSync.Extras(Map.of(
      DevnetChain.NAME, () -> DemoCommand.devnet().config(),
      DevnetChain.GLOAS_NAME, () -> DemoCommand.devnetGloas().config()), true);

  private TestCli() {}

  /** Runs a command line with the test extras; returns the exit code. */
  static int run(final List<String> argv, final PrintStream out, final PrintStream err) {
    return Main.runWith(EXTRAS, argv, out, err);
  }

  /** A child-JVM entry point for tests that need a real process (signals, pipes). */
  public static void main(final String[] argv) {
    Follower.installSignalHandler = true;
    System.exit(run(Arrays.asList(argv), System.out, System.err));
  }
}
