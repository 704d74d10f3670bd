package io.trestle.cli;

import java.io.PrintStream;
import java.util.List;

/** {@code trestle verify receipt} (placeholder until its verifier lands). */
final class VerifyReceiptCommand implements Command {
  @Override
  public int dispatch(final List<String> argv, final PrintStream out, final PrintStream err) {
    err.println("trestle: 'verify receipt' is not available in this build");
    return USAGE;
  }

  @Override
  public String usage() {
    return "verify receipt --receipts-root HEX --proof FILE --tx-index N [--log-index M] [--json]";
  }
}
