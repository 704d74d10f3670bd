package io.trestle.cli;

import java.io.PrintStream;

/** One subcommand of the {@code trestle} launcher. */
interface Command {
  /** Exit code: the command verified or passed. */
  int OK = 0;
  /** Exit code: the input was rejected (or a vector failed). */
  int REJECTED = 1;
  /** Exit code: usage error or unreadable input. */
  int USAGE = 2;

  /**
   * Runs with the arguments after the subcommand name; returns the process exit code. Throws {@link
   * UsageException} for usage errors and unreadable files (exit 2).
   */
  int dispatch(java.util.List<String> argv, PrintStream out, PrintStream err);

  /** One-line usage shown by {@code trestle help}. */
  String usage();
}
