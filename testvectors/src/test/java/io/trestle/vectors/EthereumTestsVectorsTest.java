package io.trestle.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.testbase.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Runs the staged ethereum/tests RLP and trie vectors; counts are checked against the JSON itself. */
class EthereumTestsVectorsTest {
  static final Path ETH_TESTS = Vectors.path("ethereum-tests");

  /** Number of top-level members (cases) of a JSON file, read independently of the runner. */
  static int caseCount(final Path file) throws IOException {
    final JsonNode n = new ObjectMapper().readTree(Files.readString(file));
    return n.size();
  }

  @Test
  void everyStagedEthereumTestsCasePasses() throws IOException {
    final RunResult r = new VectorRunner().run(List.of(ETH_TESTS));

    final Map<String, FileResult> byName = r.files().stream()
        .collect(Collectors.toMap(FileResult::displayName, f -> f, (a, b) -> a, TreeMap::new));
    assertEquals(
        List.of(
            "RLPTests/RandomRLPTests/example.json",
            "RLPTests/invalidRLPTest.json",
            "RLPTests/rlptest.json",
            "TrieTests/hex_encoded_securetrie_test.json",
            "TrieTests/trieanyorder.json",
            "TrieTests/trieanyorder_secureTrie.json",
            "TrieTests/trietest.json",
            "TrieTests/trietest_secureTrie.json",
            "TrieTests/trietestnextprev.json"),
        List.copyOf(byName.keySet()));

    for (final FileResult f : r.files()) {
      assertEquals(List.of(), f.failures(), f.displayName());
      assertTrue(f.skipReason().isEmpty(), f.displayName());
    }

    int expectedPassed = 0;
    for (final Map.Entry<String, FileResult> e : byName.entrySet()) {
      final int n = caseCount(ETH_TESTS.resolve(e.getKey()));
      final FileResult f = e.getValue();
      if (e.getKey().endsWith("trietestnextprev.json")) {
        assertEquals(TrieIterationSuite.NAME, f.suite());
        assertEquals(n, f.passed());
        assertEquals(0, f.skipped());
        // the one case ("basic") has 12 [key, prev, next] rows over the keys cat, doge, wallace
        f.cases().forEach(c -> assertEquals(
            "12 next/previous key searches over the trie of 3 key(s) agree with the vector", c.message()));
        expectedPassed += n;
      } else {
        assertEquals(n, f.passed(), e.getKey());
        assertEquals(0, f.skipped(), e.getKey());
        assertEquals(e.getKey().startsWith("RLPTests") ? RlpSuite.NAME : TrieSuite.NAME, f.suite());
        expectedPassed += n;
      }
    }
    // 28 + 26 + 1 RLP cases, 5 + 7 + 3 + 7 + 3 trie cases and 1 iteration case in the staged files
    assertEquals(81, expectedPassed);
    assertEquals(expectedPassed, r.passed());
    assertEquals(0, r.failed());
    assertEquals(0, r.skipped());
    assertTrue(r.success());
  }

  @Test
  void invalidCasesAreRejectedByStrictDecodingNotByAccident() throws IOException {
    final FileResult f = new VectorRunner().run(List.of(ETH_TESTS.resolve("RLPTests/invalidRLPTest.json")))
        .files().get(0);
    for (final CaseResult c : f.cases()) {
      assertTrue(c.message().startsWith("rejected as expected: RLP_"), c.name() + ": " + c.message());
    }
  }

  @Test
  void secureAndAnyOrderTriesHaveTheirProofsChecked() throws IOException {
    final RunResult r = new VectorRunner().run(List.of(
        ETH_TESTS.resolve("TrieTests/trieanyorder_secureTrie.json"),
        ETH_TESTS.resolve("TrieTests/hex_encoded_securetrie_test.json"),
        ETH_TESTS.resolve("TrieTests/trietest_secureTrie.json")));
    for (final FileResult f : r.files()) {
      for (final CaseResult c : f.cases()) {
        assertTrue(c.message().contains("inclusion and"), f.displayName() + " " + c.name() + ": " + c.message());
      }
    }
    final List<CaseResult> plain = new VectorRunner().run(List.of(ETH_TESTS.resolve("TrieTests/trieanyorder.json")))
        .files().get(0).cases();
    // "hex" (0x0045, 0x4500) is prefix-free: both proofs are checked
    assertEquals("root matches; 2 inclusion and 0 exclusion proof(s) verified", message(plain, "hex"));
    // "dogs" has dog / dogglesworth: only the root can be checked
    assertTrue(message(plain, "dogs").contains("proof checks not applicable"));
  }

  private static String message(final List<CaseResult> cases, final String name) {
    return cases.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().message();
  }
}
