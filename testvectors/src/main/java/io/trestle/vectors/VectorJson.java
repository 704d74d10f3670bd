package io.trestle.vectors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.crypto.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Reading of ethereum/tests-style JSON vector files: a top-level object {@code {caseName: {in: ...,
 * <marker>: ...}}}. Package-private helpers shared by the JSON suites.
 */
final class VectorJson {
  /** Files larger than this are not inspected (no vector file here is near it). */
  static final long MAX_BYTES = 64L * 1024 * 1024;

  /** Duplicate member names are a parse error: a duplicated case or trie key must not vanish silently. */
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private VectorJson() {}

  /** True if the first non-blank byte of {@code file} is '{' and the file is not too large. */
  static boolean startsLikeObject(final Path file) {
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
        return false;
      }
      try (InputStream in = Files.newInputStream(file)) {
        final byte[] head = in.readNBytes(4096);
        for (final byte b : head) {
          if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
            continue;
          }
          return b == '{';
        }
        return false;
      }
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** The parsed top-level object, or empty if the file is not a (parseable) JSON object. */
  static Optional<ObjectNode> readObject(final Path file) {
    if (!startsLikeObject(file)) {
      return Optional.empty();
    }
    try {
      final JsonNode n = MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
      return n instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Parses {@code file} as JSON and returns the parse error, if any (for a skip reason). */
  static Optional<String> parseError(final Path file) {
    if (!startsLikeObject(file)) {
      return Optional.empty();
    }
    try {
      MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      final String m = String.valueOf(e.getMessage());
      final int nl = m.indexOf('\n');
      return Optional.of(nl < 0 ? m : m.substring(0, nl));
    }
  }

  /**
   * True if {@code root} has at least one member that is an object with {@code in} and {@code marker}:
   * the shape of an ethereum/tests file. Members without that shape are then malformed cases, not a
   * reason to ignore the file.
   */
  static boolean hasCaseShape(final ObjectNode root, final String marker) {
    final Iterator<Map.Entry<String, JsonNode>> it = root.fields();
    while (it.hasNext()) {
      final JsonNode v = it.next().getValue();
      if (v.isObject() && v.has("in") && v.has(marker)) {
        return true;
      }
    }
    return false;
  }

  /** Reads and parses a file a suite already recognised; a failure here is an I/O or race problem. */
  static ObjectNode readRecognised(final Path file) throws IOException {
    return readObject(file).orElseThrow(() -> new IOException("file is no longer a readable JSON object"));
  }

  /**
   * Bytes of a key or value: {@code 0x}-hex when prefixed (or when {@code forceHex}), else UTF-8.
   *
   * @throws MalformedVectorException for bad hex
   */
  static byte[] bytes(final String s, final boolean forceHex, final String what) {
    if (forceHex || s.startsWith("0x") || s.startsWith("0X")) {
      try {
        return Hex.decode(s);
      } catch (IllegalArgumentException e) {
        throw new MalformedVectorException(what + " is not valid hex: " + e.getMessage());
      }
    }
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Shortens a value for a message. */
  static String abbreviate(final String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  /** A vector case that does not have the documented format: reported as a failed case. */
  static final class MalformedVectorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedVectorException(final String message) {
      super(message, null, false, false);
    }
  }
}
