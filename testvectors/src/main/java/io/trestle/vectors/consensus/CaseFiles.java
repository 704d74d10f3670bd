package io.trestle.vectors.consensus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.config.ChainConfig.Preset;
import io.trestle.vectors.Snappy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Shared helpers of the consensus-spec-tests suites: YAML reading, snappy-SSZ reading, and the fork and
 * preset named by a case's path. Path names are matched as whole directory names, nearest first, so
 * copies that drop or rename levels still resolve (for example {@code minimal/deneb/light_client/sync/
 * <case>} and {@code testdata/electra/<case>}).
 */
final class CaseFiles {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private CaseFiles() {}

  /** Parses a YAML file (a document that is empty or not YAML is an {@link IOException}). */
  static JsonNode yaml(final Path file) throws IOException {
    final JsonNode n = YAML.readTree(file.toFile());
    if (n == null || n.isMissingNode()) {
      throw new IOException(file.getFileName() + " is empty");
    }
    return n;
  }

  /** Reads and decompresses a raw-snappy file. */
  static byte[] snappy(final Path file) throws IOException {
    return Snappy.decompress(Files.readAllBytes(file));
  }

  /** The fork named by the nearest ancestor directory of {@code dir} (inclusive) that is a fork name. */
  static Optional<Fork> forkFromPath(final Path dir) {
    for (Path p = dir.toAbsolutePath(); p != null && p.getFileName() != null; p = p.getParent()) {
      final Optional<Fork> f = Fork.fromName(p.getFileName().toString());
      if (f.isPresent()) {
        return f;
      }
    }
    return Optional.empty();
  }

  /** The preset named by the nearest ancestor directory named {@code minimal} or {@code mainnet}. */
  static Optional<Preset> presetFromPath(final Path dir) {
    for (Path p = dir.toAbsolutePath(); p != null && p.getFileName() != null; p = p.getParent()) {
      final Optional<Preset> pr = Preset.fromName(p.getFileName().toString());
      if (pr.isPresent()) {
        return pr;
      }
    }
    return Optional.empty();
  }

  /** True if a regular file {@code name} exists next to {@code file}. */
  static boolean sibling(final Path file, final String name) {
    final Path dir = file.toAbsolutePath().getParent();
    return dir != null && Files.isRegularFile(dir.resolve(name));
  }

  /** The text of a required string member (a malformed case is an {@link IOException}). */
  static String text(final JsonNode n, final String name, final String where) throws IOException {
    final JsonNode v = n == null ? null : n.get(name);
    if (v == null || v.isNull() || !v.isValueNode()) {
      throw new IOException(where + ": missing or non-scalar '" + name + "'");
    }
    return v.asText();
  }

  /** A required non-negative integer member (YAML int, or a decimal string). */
  static long uint(final JsonNode n, final String name, final String where) throws IOException {
    final String s = text(n, name, where);
    try {
      return Long.parseUnsignedLong(s.trim());
    } catch (NumberFormatException e) {
      throw new IOException(where + ": '" + name + "' is not an unsigned integer: " + s);
    }
  }
}
