package io.trestle.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.vectors.VectorJson.MalformedVectorException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ethereum/tests {@code TrieTests/trietestnextprev.json}, recognised by content: a JSON object whose
 * members are {@code {in: [keys], tests: [[key, prev, next], ...]}} objects. Keys are {@code 0x}-hex
 * when so prefixed, else UTF-8.
 *
 * <p><b>Checks per case.</b> A trie is built from {@code in} and, for every {@code [key, prev, next]}
 * row, {@link TrieKeySearch} must find {@code prev} as the greatest key strictly below {@code key} and
 * {@code next} as the smallest key strictly above it, walking the trie's nodes; an empty string in the
 * vector means "no such key". One case per vector member; its message counts the rows checked. A case
 * with no rows, or a malformed row, fails.
 */
public final class TrieIterationSuite implements Suite {
  /** The suite name. */
  public static final String NAME = "trie-iteration";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean recognise(final Path file) {
    return VectorJson.readObject(file).map(o -> VectorJson.hasCaseShape(o, "tests")).orElse(false);
  }

  @Override
  public List<CaseResult> run(final Path file) throws IOException {
    final ObjectNode root = VectorJson.readRecognised(file);
    final List<CaseResult> out = new ArrayList<>();
    final Iterator<Map.Entry<String, JsonNode>> it = root.fields();
    while (it.hasNext()) {
      final Map.Entry<String, JsonNode> e = it.next();
      out.add(runCase(e.getKey(), e.getValue()));
    }
    return out;
  }

  /** Runs one case; never throws. */
  static CaseResult runCase(final String name, final JsonNode c) {
    try {
      if (!c.isObject() || !c.path("in").isArray() || !c.path("tests").isArray()) {
        return CaseResult.failed(name, "malformed vector: expected an object with arrays 'in' and 'tests'");
      }
      final List<byte[]> keys = new ArrayList<>();
      final JsonNode in = c.get("in");
      for (int i = 0; i < in.size(); i++) {
        keys.add(text(in.get(i), "in[" + i + "]"));
      }
      final JsonNode tests = c.get("tests");
      if (tests.isEmpty()) {
        return CaseResult.failed(name, "malformed vector: 'tests' is empty");
      }
      final TrieKeySearch search = new TrieKeySearch(keys);
      for (int i = 0; i < tests.size(); i++) {
        final JsonNode row = tests.get(i);
        final String where = "tests[" + i + "]";
        if (!row.isArray() || row.size() != 3) {
          return CaseResult.failed(name, "malformed vector: " + where + " is not a [key, prev, next] triple");
        }
        final byte[] key = text(row.get(0), where + "[0]");
        final byte[] prev = text(row.get(1), where + "[1]");
        final byte[] next = text(row.get(2), where + "[2]");
        final Optional<String> bad = disagree("previous", search.prev(key), prev)
            .or(() -> disagree("next", search.next(key), next));
        if (bad.isPresent()) {
          return CaseResult.failed(name, where + " key " + show(key) + ": " + bad.get());
        }
      }
      return CaseResult.passed(name, tests.size() + " next/previous key searches over the trie of " + keys.size()
          + " key(s) agree with the vector");
    } catch (MalformedVectorException e) {
      return CaseResult.failed(name, "malformed vector: " + e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      return CaseResult.failed(name, "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static Optional<String> disagree(final String what, final Optional<byte[]> got, final byte[] want) {
    final byte[] g = got.orElse(new byte[0]);
    if (Arrays.equals(g, want)) {
      return Optional.empty();
    }
    return Optional.of(what + " key is " + (got.isPresent() ? show(g) : "none") + ", vector says "
        + (want.length == 0 ? "none" : show(want)));
  }

  private static byte[] text(final JsonNode n, final String where) {
    if (n == null || !n.isTextual()) {
      throw new MalformedVectorException(where + " is not a string");
    }
    return VectorJson.bytes(n.asText(), false, where);
  }

  private static String show(final byte[] b) {
    return "'" + VectorJson.abbreviate(new String(b, java.nio.charset.StandardCharsets.UTF_8)) + "'";
  }
}
