package io.trestle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.testbase.Vectors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trestle vectors}: exit codes, per-file lines, the summary line and the JSON shape. */
class VectorsCommandTest {
  private static final Path ETH = Vectors.path("ethereum-tests");

  @TempDir Path tmp;

  private record Run(int code, String out, String err) {
    List<String> lines() {
      return Arrays.asList(out.split("\n"));
    }

    String last() {
      final List<String> l = lines();
      return l.get(l.size() - 1);
    }
  }

  private static Run run(final String... argv) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final int code = Main.run(List.of(argv), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void allEthereumTestsPass() {
    final Run r = run("vectors", ETH.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertEquals("81 passed, 0 failed, 0 skipped", r.last());
    assertTrue(r.lines().contains("RLPTests/rlptest.json  rlp  28 passed, 0 failed"), r.out());
    assertTrue(r.lines().contains("RLPTests/invalidRLPTest.json  rlp  26 passed, 0 failed"), r.out());
    assertTrue(r.lines().contains("TrieTests/trietest.json  trie  5 passed, 0 failed"), r.out());
    assertTrue(r.lines().contains("TrieTests/trietestnextprev.json  trie-iteration  1 passed, 0 failed"), r.out());
    assertEquals(10, r.lines().size(), r.out());
  }

  @Test
  void aSingleFileIsNamedAsGiven() {
    final Path f = ETH.resolve("RLPTests").resolve("rlptest.json");
    final Run r = run("vectors", f.toString());
    assertEquals(0, r.code());
    assertEquals(List.of(f + "  rlp  28 passed, 0 failed", "28 passed, 0 failed, 0 skipped"), r.lines());
  }

  @Test
  void aFailureIsListedBelowItsFileAndExitsOne() throws IOException {
    final String text = Files.readString(ETH.resolve("TrieTests").resolve("trietest.json"));
    final String root = "0x9f6221ebb8efe7cff60a716ecb886e67dd042014be444669f0159d8e68b42100";
    Files.writeString(tmp.resolve("trietest.json"), text.replace(root, root.replace("100", "101")));
    final Run r = run("vectors", tmp.toString());
    assertEquals(1, r.code());
    assertEquals("trietest.json  trie  4 passed, 1 failed", r.lines().get(0));
    assertTrue(r.lines().get(1).startsWith("    FAIL jeff: root: computed " + root), r.lines().get(1));
    assertEquals("4 passed, 1 failed, 0 skipped", r.last());
  }

  @Test
  void onlySkippedFilesExitOne() throws IOException {
    Files.writeString(tmp.resolve("data.yaml"), "input: 1\n");
    final Run r = run("vectors", tmp.toString());
    assertEquals(1, r.code());
    assertEquals(List.of("data.yaml  none  skipped (not a recognised vector file)", "0 passed, 0 failed, 1 skipped"),
        r.lines());
  }

  @Test
  void usageErrorsExitTwo() {
    assertEquals(2, run("vectors").code());
    final Run missing = run("vectors", tmp.resolve("no-such-dir").toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("no such file or directory"), missing.err());
    assertEquals("", missing.out());
    assertEquals(2, run("vectors", ETH.toString(), "--verbose").code());
  }

  @Test
  void jsonOutputIsOneObjectWithStableMembers() throws IOException {
    final Run r = run("vectors", ETH.toString(), "--json");
    assertEquals(0, r.code());
    final JsonNode o = new ObjectMapper().readTree(r.out());
    assertEquals(List.of("verified", "passed", "failed", "skipped", "files"), names(o));
    assertTrue(o.get("verified").asBoolean());
    assertEquals(81, o.get("passed").asInt());
    assertEquals(0, o.get("failed").asInt());
    assertEquals(0, o.get("skipped").asInt());
    assertEquals(9, o.get("files").size());
    final JsonNode first = o.get("files").get(0);
    assertEquals(List.of("path", "suite", "passed", "failed", "skipped", "failures"), names(first));
    assertEquals("RLPTests/RandomRLPTests/example.json", first.get("path").asText());
  }

  @Test
  void jsonListsEveryFailure() throws IOException {
    Files.writeString(tmp.resolve("rlp.json"), "{\"a\":{\"in\":\"INVALID\",\"out\":\"0x00\"},"
        + "\"b\":{\"in\":\"dog\",\"out\":\"0x83646f67\"}}");
    final Run r = run("vectors", "--json", tmp.toString());
    assertEquals(1, r.code());
    final JsonNode o = new ObjectMapper().readTree(r.out());
    final JsonNode f = o.get("files").get(0);
    assertEquals("rlp.json", f.get("path").asText());
    assertEquals(1, f.get("failed").asInt());
    assertEquals("a", f.get("failures").get(0).get("case").asText());
    assertEquals(List.of("case", "message"), names(f.get("failures").get(0)));
  }

  private static List<String> names(final JsonNode n) {
    final List<String> out = new ArrayList<>();
    final Iterator<String> it = n.fieldNames();
    it.forEachRemaining(out::add);
    return out;
  }
}
