package io.trestle.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tampered copies of upstream vectors must fail exactly where tampered; unknown files are skipped. */
class VectorRunnerNegativeTest {
  private static final Path ETH = EthereumTestsVectorsTest.ETH_TESTS;

  @TempDir Path tmp;

  /** Copies {@code rel} from the staged vectors to the temp dir, replacing {@code from} (which must occur once). */
  private Path tampered(final String rel, final String from, final String to) throws IOException {
    final String text = Files.readString(ETH.resolve(rel));
    assertEquals(text.indexOf(from), text.lastIndexOf(from), "'" + from + "' must occur exactly once");
    assertTrue(text.contains(from), "'" + from + "' must occur in " + rel);
    final Path out = tmp.resolve(Path.of(rel).getFileName());
    Files.writeString(out, text.replace(from, to));
    return out;
  }

  private static RunResult run(final Path... paths) throws IOException {
    return new VectorRunner().run(List.of(paths));
  }

  @Test
  void oneChangedTrieRootIsExactlyOneFailure() throws IOException {
    // the "jeff" case root of trietest.json, last hex digit changed
    final String root = "0x9f6221ebb8efe7cff60a716ecb886e67dd042014be444669f0159d8e68b42100";
    final Path f = tampered("TrieTests/trietest.json", root, root.substring(0, root.length() - 1) + "1");
    final RunResult r = run(f);
    assertEquals(1, r.failed());
    assertEquals(4, r.passed());
    final CaseResult c = r.files().get(0).failures().get(0);
    assertEquals("jeff", c.name());
    assertTrue(c.message().startsWith("root: computed " + root), c.message());
    assertFalse(r.success());
  }

  @Test
  void invalidRlpCaseTurnedIntoAValidEncodingFails() throws IOException {
    // bytesShouldBeSingleByte00: 0x8100 -> 0x00, the canonical encoding of the byte 0x00
    final Path f = tampered("RLPTests/invalidRLPTest.json", "\"0x8100\"", "\"0x00\"");
    final RunResult r = run(f);
    assertEquals(1, r.failed());
    assertEquals(25, r.passed());
    final CaseResult c = r.files().get(0).failures().get(0);
    assertEquals("bytesShouldBeSingleByte00", c.name());
    assertEquals("vector says INVALID but strict decoding accepted it as string of 1 byte(s)", c.message());
  }

  @Test
  void wrongRlpOutputFailsTheEncodingCheck() throws IOException {
    // "dog" is 0x83646f67; claim 0x83646f68 ("doh")
    final Path f = tampered("RLPTests/rlptest.json", "\"0x83646f67\"", "\"0x83646f68\"");
    final RunResult r = run(f);
    assertEquals(1, r.failed());
    final CaseResult c = r.files().get(0).failures().get(0);
    assertEquals("shortstring", c.name());
    assertTrue(c.message().startsWith("encoding: RlpWriter gave 0x83646f67"), c.message());
  }

  @Test
  void validCaseThatIsNotCanonicalFails() throws IOException {
    final Path f = tmp.resolve("random.json");
    Files.writeString(f, "{\"a\":{\"in\":\"VALID\",\"out\":\"0xc7c0c1c0c3c0c1c0\"},"
        + "\"b\":{\"in\":\"VALID\",\"out\":\"0x8100\"}}");
    final FileResult r = run(f).files().get(0);
    assertEquals(1, r.passed());
    assertEquals("b", r.failures().get(0).name());
    assertTrue(r.failures().get(0).message()
        .startsWith("vector says VALID but decoding rejected it: RLP_NON_CANONICAL"));
  }

  @Test
  void malformedCasesOfARecognisedFileFailNeverPass() throws IOException {
    final Path f = tmp.resolve("rlp.json");
    Files.writeString(f, "{\"ok\":{\"in\":\"dog\",\"out\":\"0x83646f67\"},"
        + "\"float\":{\"in\":1.5,\"out\":\"0x01\"},"
        + "\"negative\":{\"in\":-1,\"out\":\"0x01\"},"
        + "\"badhex\":{\"in\":\"INVALID\",\"out\":\"0xzz\"},"
        + "\"badbigint\":{\"in\":\"#12a\",\"out\":\"0x01\"},"
        + "\"noout\":{\"in\":\"x\"},"
        + "\"notobject\":[1,2]}");
    final FileResult r = run(f).files().get(0);
    assertEquals(RlpSuite.NAME, r.suite());
    assertEquals(1, r.passed());
    assertEquals(6, r.failed());
    r.failures().forEach(c -> assertTrue(c.message().startsWith("malformed vector"), c.name() + ": " + c.message()));
  }

  @Test
  void malformedTrieCasesFail() throws IOException {
    final Path f = tmp.resolve("trie.json");
    Files.writeString(f, "{\"badroot\":{\"in\":{\"a\":\"b\"},\"root\":\"0x12\"},"
        + "\"badpair\":{\"in\":[[\"a\"]],\"root\":\"0x" + "00".repeat(32) + "\"},"
        + "\"badin\":{\"in\":5,\"root\":\"0x" + "00".repeat(32) + "\"},"
        + "\"badhex\":{\"in\":{\"0xabc\":\"v\"},\"root\":\"0x" + "00".repeat(32) + "\"}}");
    final FileResult r = run(f).files().get(0);
    assertEquals(TrieSuite.NAME, r.suite());
    assertEquals(4, r.failed());
    r.failures().forEach(c -> assertTrue(c.message().startsWith("malformed vector"), c.name() + ": " + c.message()));
  }

  @Test
  void secureVariantIsChosenByFileNameOnly() throws IOException {
    // the plain trieanyorder.json under a secure-trie name: every root must now mismatch
    final Path copy = tmp.resolve("trieanyorder_secureTrie.json");
    Files.copy(ETH.resolve("TrieTests/trieanyorder.json"), copy);
    final RunResult r = run(copy);
    assertEquals(7, r.failed());
    assertEquals(0, r.passed());
  }

  @Test
  void unrecognisedFilesAreSkippedNeverPassed() throws IOException {
    Files.writeString(tmp.resolve("a.yaml"), "input: 0x00\noutput: true\n");
    Files.writeString(tmp.resolve("b.json"), "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x1\"}");
    Files.writeString(tmp.resolve("c.json"), "{\"rlp\":{\"in\":\"dog\",\"out\":");
    Files.write(tmp.resolve("d.bin"), new byte[] {0, 1, 2, (byte) 0xff});
    Files.writeString(tmp.resolve("e.json"), "[1,2,3]");
    final RunResult r = run(tmp);
    assertEquals(5, r.files().size());
    assertEquals(0, r.passed());
    assertEquals(0, r.failed());
    assertEquals(5, r.skipped());
    assertFalse(r.success());
    final List<String> names = new ArrayList<>();
    for (final FileResult f : r.files()) {
      names.add(f.displayName());
      assertEquals(FileResult.NO_SUITE, f.suite());
      assertTrue(f.skipReason().orElseThrow().startsWith(VectorRunner.NOT_RECOGNISED));
    }
    assertEquals(List.of("a.yaml", "b.json", "c.json", "d.bin", "e.json"), names);
    assertTrue(r.files().get(2).skipReason().orElseThrow().contains("invalid JSON"));
  }

  @Test
  void duplicatePathsRunOnceAndMissingPathsThrow() throws IOException {
    final Path rlp = ETH.resolve("RLPTests");
    final RunResult r = run(rlp, rlp.resolve("rlptest.json"), rlp);
    assertEquals(3, r.files().size());
    assertEquals(55, r.passed());
    assertThrows(NoSuchFileException.class, () -> run(tmp.resolve("nope")));
  }

  @Test
  void listenerSeesEveryFileInOrder() throws IOException {
    final List<String> seen = new ArrayList<>();
    final RunResult r = new VectorRunner().run(List.of(ETH.resolve("TrieTests")), new ProgressListener() {
      @Override
      public void fileFinished(final FileResult result, final int index, final int total) {
        seen.add(index + "/" + total + " " + result.displayName());
      }
    });
    assertEquals(6, r.files().size());
    assertEquals("0/6 hex_encoded_securetrie_test.json", seen.get(0));
    assertEquals("5/6 trietestnextprev.json", seen.get(5));
  }
}
