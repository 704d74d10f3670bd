package io.trestle.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code trestle cosmos <what> ...}: the CometBFT / IBC commands. */
final class CosmosCommand implements Command {
  private final Map<String, Command> subcommands = new LinkedHashMap<>();

  CosmosCommand() {
    subcommands.put("verify", new CosmosVerifyCommand());
    subcommands.put("sync", new CosmosSyncCommand());
  }

  @Override
  public int dispatch(final List<String> argv, final PrintStream out, final PrintStream err) {
    if (argv.isEmpty()) {
      throw new UsageException("cosmos needs one of " + subcommands.keySet());
    }
    final Command c = subcommands.get(argv.get(0));
    if (c == null) {
      throw new UsageException("unknown cosmos command '" + argv.get(0) + "', expected one of " + subcommands.keySet());
    }
    try {
      return c.dispatch(argv.subList(1, argv.size()), out, err);
    } catch (UsageException e) {
      err.println("trestle cosmos " + argv.get(0) + ": " + e.getMessage());
      err.println("usage: " + c.usage());
      return Main.usageExit(argv, e, out);
    }
  }

  @Override
  public String usage() {
    final StringBuilder sb = new StringBuilder();
    for (final Command c : subcommands.values()) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append(c.usage());
    }
    return sb.toString();
  }
}
