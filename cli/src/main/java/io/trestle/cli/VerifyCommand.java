package io.trestle.cli;

/** {@code trestle verify <what> ...}: dispatches to the verifier subcommands. */
final class VerifyCommand extends CommandGroup {
  VerifyCommand() {
    super("verify", "verify target");
    add("account", new VerifyAccountCommand());
    add("storage", new VerifyAccountCommand(true));
    add("message", new VerifyMessageCommand());
    add("block", new VerifyBlockCommand());
    add("receipt", new VerifyReceiptCommand());
    add("payload", new VerifyPayloadCommand());
  }
}
