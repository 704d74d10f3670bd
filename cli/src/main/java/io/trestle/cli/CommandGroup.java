package io.trestle.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code trestle <group> <what> ...}: dispatches to named subcommands; a usage error inside one is reported
 * with that subcommand's usage.
 */
class CommandGroup implements Command {
  private final String name;
  private final String noun;
  private final Map<String, Command> subcommands = new LinkedHashMap<>();

  /**
   * @param name the group's command word ({@code verify}, {@code cosmos})
   * @param noun what an unknown first argument is called in the error ("verify target", "cosmos command")
   */
  CommandGroup(final String name, final String noun) {
    this.name = name;
    this.noun = noun;
  }

  /** Adds a subcommand; returns this group. */
  final CommandGroup add(final String word, final Command c) {
    subcommands.put(word, c);
    return this;
  }

  @Override
  public final int dispatch(final List<String> argv, final PrintStream out, final PrintStream err) {
    if (argv.isEmpty()) {
      throw new UsageException(name + " needs one of " + subcommands.keySet());
    }
    final Command c = subcommands.get(argv.get(0));
    if (c == null) {
      throw new UsageException("unknown " + noun + " '" + argv.get(0) + "', expected one of " + subcommands.keySet());
    }
    try {
      return c.dispatch(argv.subList(1, argv.size()), out, err);
    } catch (UsageException e) {
      err.println("trestle " + name + " " + argv.get(0) + ": " + e.getMessage());
      err.println("usage: " + c.usage());
      return Main.usageExit(argv, e, out);
    }
  }

  @Override
  public final String usage() {
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
