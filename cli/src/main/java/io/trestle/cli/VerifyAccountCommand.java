package io.trestle.cli;

import java.io.PrintStream;
import java.util.List;

/** {@code trestle verify account} (placeholder until its verifier lands). */
final class VerifyAccountCommand implements Command {
  @Override
  public int dispatch(final List<String> argv, final PrintStream out, final PrintStream err) {
    err.println("trestle: 'verify account' is not available in this build");
    return USAGE;
  }

  @Override
  public String usage() {
    return "verify account --state-root HEX --proof FILE [--json]";
  }
}
