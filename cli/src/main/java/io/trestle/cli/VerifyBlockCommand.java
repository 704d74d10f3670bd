package io.trestle.cli;

import java.io.PrintStream;
import java.util.List;

/** {@code trestle verify block} (placeholder until its verifier lands). */
final class VerifyBlockCommand implements Command {
  @Override
  public int dispatch(final List<String> argv, final PrintStream out, final PrintStream err) {
    err.println("trestle: 'verify block' is not available in this build");
    return USAGE;
  }

  @Override
  public String usage() {
    return "verify block --block FILE [--receipts FILE] [--json]";
  }
}
