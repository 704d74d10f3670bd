package io.trestle.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parsed command-line arguments: {@code --name value} options, {@code --flag} switches and positional
 * words. Unknown options are usage errors, so a typo never silently changes what is verified.
 */
final class Args {
  private final Map<String, List<String>> options = new HashMap<>();
  private final Set<String> flags = new HashSet<>();
  private final List<String> positional = new ArrayList<>();

  private Args() {}

  /**
   * Parses {@code argv}. {@code valueOptions} take a value ({@code --x v} or {@code --x=v});
   * {@code flagOptions} take none. Anything else starting with {@code --} is a usage error.
   */
  static Args parse(final List<String> argv, final Set<String> valueOptions, final Set<String> flagOptions) {
    final Args a = new Args();
    for (int i = 0; i < argv.size(); i++) {
      final String s = argv.get(i);
      if (s.startsWith("--")) {
        String name = s.substring(2);
        String value = null;
        final int eq = name.indexOf('=');
        if (eq >= 0) {
          value = name.substring(eq + 1);
          name = name.substring(0, eq);
        }
        if (flagOptions.contains(name) && value == null) {
          a.flags.add(name);
        } else if (valueOptions.contains(name)) {
          if (value == null) {
            if (i + 1 >= argv.size()) {
              throw new UsageException("option --" + name + " needs a value");
            }
            value = argv.get(++i);
          }
          a.options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        } else {
          throw new UsageException("unknown option --" + name);
        }
      } else {
        a.positional.add(s);
      }
    }
    return a;
  }

  boolean flag(final String name) {
    return flags.contains(name);
  }

  Optional<String> option(final String name) {
    final List<String> v = options.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (v.size() > 1) {
      throw new UsageException("option --" + name + " given more than once");
    }
    return Optional.of(v.get(0));
  }

  /** All values of a repeatable option (empty if absent). */
  List<String> options(final String name) {
    return options.getOrDefault(name, List.of());
  }

  String required(final String name) {
    return option(name).orElseThrow(() -> new UsageException("missing required option --" + name));
  }

  long requiredLong(final String name) {
    final String v = required(name);
    try {
      final long n = v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException("option --" + name + " must be a non-negative integer, got '" + v + "'");
    }
  }

  Optional<Long> optionalLong(final String name) {
    return option(name).isPresent() ? Optional.of(requiredLong(name)) : Optional.empty();
  }

  List<String> positional() {
    return positional;
  }

  /**
   * Reads a whole file as UTF-8; a missing or unreadable file, or one over the JSON document bound
   * ({@code RpcJson.MAX_DOCUMENT_CHARS} bytes, checked before reading), is a usage error (exit 2).
   */
  static String readFile(final String path) {
    try {
      final Path p = Path.of(path);
      final long size = Files.size(p);
      if (size > io.trestle.proofs.json.RpcJson.MAX_DOCUMENT_CHARS) {
        throw new UsageException("cannot read " + path + ": " + size + " bytes exceed the bound of "
            + io.trestle.proofs.json.RpcJson.MAX_DOCUMENT_CHARS + " bytes", true);
      }
      return Files.readString(p);
    } catch (UsageException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new UsageException("cannot read " + path + ": " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()), true);
    }
  }
}
