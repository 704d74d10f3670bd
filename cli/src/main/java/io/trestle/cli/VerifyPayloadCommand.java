package io.trestle.cli;

import java.io.PrintStream;
import java.util.List;

/** {@code trestle verify payload} (placeholder until its verifier lands). */
final class VerifyPayloadCommand implements Command {
  @Override
  public int dispatch(final List<String> argv, final PrintStream out, final PrintStream err) {
    err.println("trestle: 'verify payload' is not available in this build");
    return USAGE;
  }

  @Override
  public String usage() {
    return "verify payload --beacon-block FILE [--json]";
  }
}
