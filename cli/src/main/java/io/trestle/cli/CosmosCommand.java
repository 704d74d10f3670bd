package io.trestle.cli;

/** {@code trestle cosmos <what> ...}: the CometBFT / IBC commands. */
final class CosmosCommand extends CommandGroup {
  CosmosCommand() {
    super("cosmos", "cosmos command");
    add("verify", new CosmosVerifyCommand());
    add("sync", new CosmosSyncCommand());
  }
}
