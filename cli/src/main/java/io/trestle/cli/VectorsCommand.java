package io.trestle.cli;

import java.io.PrintStream;
import java.util.List;

/** {@code trestle vectors PATH... [--json]} (placeholder until its verifier lands). */
final class VectorsCommand implements Command {
  @Override
  public int dispatch(final List<String> argv, final PrintStream out, final PrintStream err) {
    err.println("trestle: 'vectors PATH... [--json]' is not available in this build");
    return USAGE;
  }

  @Override
  public String usage() {
    return "vectors PATH... [--json]";
  }
}
