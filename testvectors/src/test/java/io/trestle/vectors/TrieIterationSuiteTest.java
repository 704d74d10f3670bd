package io.trestle.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trie next/previous key search ({@link TrieKeySearch}) against the ethereum/tests vector and against an
 * independent derivation: a sorted set of the same keys ({@link TreeSet#higher}/{@link TreeSet#lower}
 * under unsigned byte order), never the code under test.
 */
class TrieIterationSuiteTest {
  private static final Path NEXTPREV = EthereumTestsVectorsTest.ETH_TESTS.resolve("TrieTests/trietestnextprev.json");

  @TempDir Path tmp;

  @Test
  void upstreamVectorPasses() throws IOException {
    final RunResult r = new VectorRunner().run(List.of(NEXTPREV));
    assertEquals(1, r.passed());
    assertEquals(0, r.failed());
    assertEquals(0, r.skipped());
    assertEquals(TrieIterationSuite.NAME, r.files().get(0).suite());
  }

  @Test
  void aWrongExpectationInTheVectorFailsNamingTheRow() throws IOException {
    // row 6 of "basic": [ "d", "cat", "doge" ]; claim the next key after "d" is "wallace"
    final String text = Files.readString(NEXTPREV);
    final String row = "[ \"d\", \"cat\", \"doge\" ]";
    assertEquals(text.indexOf(row), text.lastIndexOf(row));
    final Path f = tmp.resolve("t.json");
    Files.writeString(f, text.replace(row, "[ \"d\", \"cat\", \"wallace\" ]"));
    final RunResult r = new VectorRunner().run(List.of(f));
    assertEquals(1, r.failed());
    assertEquals("tests[6] key 'd': next key is 'doge', vector says 'wallace'",
        r.files().get(0).failures().get(0).message());
  }

  @Test
  void malformedRowsFailTheCaseWithoutCrashing() throws IOException {
    final Path f = tmp.resolve("m.json");
    Files.writeString(f, "{\"a\":{\"in\":[\"x\"],\"tests\":[[\"x\",\"\"]]},"
        + "\"b\":{\"in\":[\"x\"],\"tests\":[[1,\"\",\"\"]]},"
        + "\"c\":{\"in\":[\"x\"],\"tests\":[]},"
        + "\"d\":{\"in\":[\"0xzz\"],\"tests\":[[\"x\",\"\",\"\"]]}}");
    final RunResult r = new VectorRunner().run(List.of(f));
    assertEquals(4, r.failed());
    for (final CaseResult c : r.files().get(0).cases()) {
      assertTrue(c.message().startsWith("malformed vector: "), c.name() + ": " + c.message());
    }
  }

  @Test
  void searchAgreesWithASortedSetOnRandomKeysIncludingPrefixes() {
    final Random rnd = new Random(20261202L);
    int checked = 0;
    for (int round = 0; round < 200; round++) {
      final TreeSet<byte[]> sorted = new TreeSet<>(Arrays::compareUnsigned);
      final List<byte[]> keys = new ArrayList<>();
      final int n = 1 + rnd.nextInt(40);
      for (int i = 0; i < n; i++) {
        // short keys over a small alphabet: many shared prefixes and keys that are prefixes of others
        final byte[] k = new byte[rnd.nextInt(4)];
        for (int j = 0; j < k.length; j++) {
          k[j] = (byte) (rnd.nextBoolean() ? rnd.nextInt(3) : 0xf0 + rnd.nextInt(3));
        }
        if (k.length > 0 && sorted.add(k)) {
          keys.add(k);
        }
      }
      if (keys.isEmpty()) {
        continue;
      }
      final TrieKeySearch s = new TrieKeySearch(keys);
      for (int q = 0; q < 30; q++) {
        final byte[] probe = new byte[rnd.nextInt(5)];
        for (int j = 0; j < probe.length; j++) {
          probe[j] = (byte) (rnd.nextBoolean() ? rnd.nextInt(4) : 0xf0 + rnd.nextInt(4));
        }
        assertEquals(hex(Optional.ofNullable(sorted.higher(probe))), hex(s.next(probe)), "next " + hex(probe));
        assertEquals(hex(Optional.ofNullable(sorted.lower(probe))), hex(s.prev(probe)), "prev " + hex(probe));
        checked++;
      }
    }
    assertTrue(checked > 5000, "probes checked: " + checked);
  }

  @Test
  void vectorRowsMatchTheSortedSetToo() throws IOException {
    // The upstream expectations are themselves what a sorted key set gives (a sanity check of the reading).
    final JsonNode basic = new ObjectMapper().readTree(NEXTPREV.toFile()).get("basic");
    final TreeSet<String> keys = new TreeSet<>();
    basic.get("in").forEach(k -> keys.add(k.asText()));
    for (final JsonNode row : basic.get("tests")) {
      final String k = row.get(0).asText();
      assertEquals(row.get(1).asText(), Optional.ofNullable(keys.lower(k)).orElse(""));
      assertEquals(row.get(2).asText(), Optional.ofNullable(keys.higher(k)).orElse(""));
    }
    final TrieKeySearch s = new TrieKeySearch(keys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList());
    assertEquals("doge", new String(s.next("d".getBytes(StandardCharsets.UTF_8)).orElseThrow(), StandardCharsets.UTF_8));
  }

  private static String hex(final byte[] b) {
    return io.trestle.crypto.Bytes.of(b).toHex();
  }

  private static String hex(final Optional<byte[]> b) {
    return b.map(TrieIterationSuiteTest::hex).orElse("none");
  }
}
