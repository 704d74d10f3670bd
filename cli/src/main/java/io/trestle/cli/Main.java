package io.trestle.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code trestle} command line. Exit codes: 0 verified/passed, 1 rejected/failed, 2 usage or
 * unreadable input. Only this package prints; the libraries return results. Bad input never prints a
 * stack trace: an unexpected exception (a bug) is one line naming it, with exit 2; the global flag
 * {@code --debug} (anywhere on the line) adds the stack trace.
 */
public final class Main {
  private Main() {}

  private static Map<String, Command> commands() {
    final Map<String, Command> m = new LinkedHashMap<>();
    m.put("demo", new DemoCommand());
    m.put("vectors", new VectorsCommand());
    m.put("verify", new VerifyCommand());
    m.put("sync", new SyncCommand());
    m.put("cosmos", new CosmosCommand());
    m.put("network", new NetworkCommand());
    m.put("watch", new WatchCommand());
    m.put("bench", new BenchCommand());
    return m;
  }

  /** Entry point. */
  public static void main(final String[] argv) {
    Follower.installSignalHandler = true;
    System.exit(run(Arrays.asList(argv), System.out, System.err));
  }

  /**
   * Runs a command line and returns the exit code. The production commands: no test networks, no test options
   * (a test entry point adds them with {@link #runWith}).
   */
  public static int run(final List<String> argvWithFlags, final PrintStream out, final PrintStream err) {
    return runWith(OnlineSync.Extras.NONE, argvWithFlags, out, err);
  }

  /** Runs a command line with {@code extras} in force (test entry points only; not reachable from {@link #main}). */
  static int runWith(final OnlineSync.Extras extras, final List<String> argvWithFlags, final PrintStream out,
      final PrintStream err) {
    return OnlineSync.withExtras(extras, () -> runCommand(argvWithFlags, out, err));
  }

  private static int runCommand(final List<String> argvWithFlags, final PrintStream out, final PrintStream err) {
    final boolean debug = argvWithFlags.contains("--debug");
    final List<String> argv = argvWithFlags.stream().filter(a -> !a.equals("--debug")).toList();
    final Map<String, Command> commands = commands();
    if (argv.isEmpty() || argv.get(0).equals("help") || argv.get(0).equals("--help") || argv.get(0).equals("-h")) {
      printHelp(commands, argv.isEmpty() ? err : out);
      return argv.isEmpty() ? Command.USAGE : Command.OK;
    }
    final Command c = commands.get(argv.get(0));
    if (c == null) {
      err.println("trestle: unknown command '" + argv.get(0) + "'");
      printHelp(commands, err);
      return usageExit(argv, new UsageException("unknown command '" + argv.get(0) + "', expected one of "
          + commands.keySet()), out);
    }
    try {
      return c.dispatch(argv.subList(1, argv.size()), out, err);
    } catch (UsageException e) {
      err.println("trestle " + argv.get(0) + ": " + e.getMessage());
      err.println("usage: " + c.usage());
      return usageExit(argv, e, out);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      return internalError(argv, e, debug, out, err);
    }
  }

  /**
   * An unexpected exception (a bug, never bad input): one line on stderr (the trace only with {@code --debug}),
   * and with {@code --json} one object with the namespaced reason {@code cli.INTERNAL_ERROR}; exit 2.
   */
  static int internalError(final List<String> argv, final Throwable e, final boolean debug, final PrintStream out,
      final PrintStream err) {
    final String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    err.println("trestle " + argv.get(0) + ": internal error (" + e.getClass().getSimpleName() + ": " + first
        + ")" + (debug ? "" : "; re-run with --debug for the stack trace"));
    if (debug) {
      e.printStackTrace(err);
    }
    if (argv.contains("--json")) {
      final com.fasterxml.jackson.databind.node.ObjectNode o = Output.object();
      o.put("verified", false);
      o.put("reason", "cli.INTERNAL_ERROR");
      o.put("detail", e.getClass().getSimpleName() + ": " + first);
      Output.print(o, out);
    }
    return Command.USAGE;
  }

  /** In {@code --json} mode a usage error still prints one JSON object, so scripts always get one. */
  static int usageExit(final List<String> argv, final UsageException e, final PrintStream out) {
    if (argv.contains("--json")) {
      final com.fasterxml.jackson.databind.node.ObjectNode o = Output.object();
      o.put("verified", false);
      o.put("reason", e.unreadableInput() ? "cli.INPUT_UNREADABLE" : "cli.USAGE_ERROR");
      o.put("detail", e.getMessage());
      Output.print(o, out);
    }
    return Command.USAGE;
  }

  private static void printHelp(final Map<String, Command> commands, final PrintStream s) {
    s.println("Trestle: light-client verification engine. Commands (global flag: --debug prints a stack trace"
        + " on an internal error):");
    for (final Command c : commands.values()) {
      s.println("  " + c.usage().replace("\n", "\n  "));
    }
  }
}
