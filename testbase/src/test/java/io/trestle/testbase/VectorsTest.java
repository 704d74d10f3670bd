package io.trestle.testbase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorsTest {
  @TempDir Path tmp;

  private Path repo() throws IOException {
    final Path v = Files.createDirectories(tmp.resolve("repo/testvectors/vectors"));
    Files.writeString(v.resolve("MANIFEST.sha256"), "");
    Files.createDirectories(tmp.resolve("repo/examples/relayer"));
    return tmp.resolve("repo");
  }

  @Test
  void foundFromTheRootAModuleAndANestedModuleAsARelativePath() throws IOException {
    final Path repo = repo();
    assertEquals(Path.of("testvectors/vectors"), Vectors.locate(repo, null));
    assertEquals(Path.of("../testvectors/vectors"), Vectors.locate(repo.resolve("examples"), null));
    assertEquals(Path.of("../../testvectors/vectors"), Vectors.locate(repo.resolve("examples/relayer"), null));
    assertEquals(Path.of("."), Vectors.locate(repo.resolve("testvectors/vectors"), null));
    assertEquals(Path.of("vectors"), Vectors.locate(repo.resolve("testvectors"), null));
  }

  @Test
  void aDirectoryWithoutTheManifestIsNotTheVectors() throws IOException {
    Files.createDirectories(tmp.resolve("other/testvectors/vectors"));
    final IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Vectors.locate(tmp.resolve("other"), null));
    assertTrue(e.getMessage().contains("-Dtrestle.vectors"), e.getMessage());
  }

  @Test
  void thePropertyOverridesAndMustNameADirectory() throws IOException {
    final Path repo = repo();
    assertEquals(tmp.resolve("repo"), Vectors.locate(Path.of("/"), tmp.resolve("repo").toString()));
    assertThrows(IllegalStateException.class, () -> Vectors.locate(repo, tmp.resolve("missing").toString()));
  }

  @Test
  void thisRepositorysVectorsAreFound() {
    assertTrue(Files.isRegularFile(Vectors.root().resolve("MANIFEST.sha256")), Vectors.root().toString());
    assertTrue(Files.isDirectory(Vectors.path("helios", "ethereum", "testdata")));
    if (System.getProperty(Vectors.PROPERTY) == null) {
      assertEquals(Path.of("../testvectors/vectors"), Vectors.root()); // the tests run in testbase/
    }
  }
}
