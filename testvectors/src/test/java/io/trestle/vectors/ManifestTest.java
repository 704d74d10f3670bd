package io.trestle.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.testbase.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The staged upstream data must be exactly what {@code vectors/MANIFEST.sha256} lists: every listed
 * file present with that sha256, and no unlisted data file. Data cannot change silently.
 */
class ManifestTest {
  private static final Path VECTORS = Vectors.root();
  private static final Set<String> NOT_DATA = Set.of("MANIFEST.sha256", "PROVENANCE.md");

  @Test
  void everyListedFileExistsWithItsSha256AndNothingElseIsStaged() throws IOException, NoSuchAlgorithmException {
    final List<String> lines = Files.readAllLines(VECTORS.resolve("MANIFEST.sha256"));
    final Set<String> listed = new TreeSet<>();
    final List<String> problems = new ArrayList<>();
    for (final String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      // sha256sum format: 64 hex digits, two spaces (or space + '*'), the path
      assertTrue(line.matches("[0-9a-f]{64}  .+"), "manifest line: " + line);
      final String hash = line.substring(0, 64);
      final String rel = line.substring(66);
      assertTrue(listed.add(rel), "listed twice: " + rel);
      final Path f = VECTORS.resolve(rel);
      if (!Files.isRegularFile(f)) {
        problems.add("missing: " + rel);
        continue;
      }
      final byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
      final String actual = HexFormat.of().formatHex(digest);
      if (!actual.equals(hash)) {
        problems.add("sha256 mismatch: " + rel + " is " + actual);
      }
    }
    final java.util.regex.Matcher total = java.util.regex.Pattern.compile("(?m)^Total: (\\d+) data files")
        .matcher(Files.readString(VECTORS.resolve("PROVENANCE.md")));
    assertTrue(total.find(), "PROVENANCE.md states its total");
    assertEquals(Integer.parseInt(total.group(1)), listed.size(), "PROVENANCE.md's stated total equals MANIFEST.sha256");

    final Set<String> present = new TreeSet<>();
    try (Stream<Path> s = Files.walk(VECTORS)) {
      s.filter(Files::isRegularFile)
          .map(p -> VECTORS.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/"))
          .filter(rel -> !NOT_DATA.contains(rel))
          .forEach(present::add);
    }
    for (final String rel : present) {
      if (!listed.contains(rel)) {
        problems.add("not in the manifest: " + rel);
      }
    }
    assertEquals(List.of(), problems);
  }
}
