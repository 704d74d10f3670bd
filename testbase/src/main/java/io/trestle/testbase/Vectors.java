package io.trestle.testbase;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one resolver for the staged upstream data ({@code testvectors/vectors} of this repository, described by
 * its {@code PROVENANCE.md} and pinned by its {@code MANIFEST.sha256}). Tests of every module name their data
 * as a path inside that directory ({@code Vectors.path("helios", "ethereum", "testdata")}) instead of spelling
 * out {@code ../testvectors/vectors} relative to whichever directory the module's tests happen to run in.
 *
 * <p>Resolution: the system property {@code trestle.vectors}, when set, names the directory; otherwise the
 * nearest directory at or above the working directory that contains {@code testvectors/vectors/MANIFEST.sha256}
 * (so it works from the repository root, from any module and from {@code examples/relayer}). The result is
 * relative to the working directory when it can be, so paths printed by the tests read as they did before.
 * It never looks outside the repository for data (no {@code ../shared}): the suite must pass from a clone.
 */
public final class Vectors {
  /** The system property that overrides the location. */
  public static final String PROPERTY = "trestle.vectors";

  private static final Path MARKER = Path.of("testvectors", "vectors", "MANIFEST.sha256");
  private static volatile Path root;

  private Vectors() {}

  /** The staged vector directory ({@code testvectors/vectors}); fails when it cannot be found. */
  public static Path root() {
    Path r = root;
    if (r == null) {
      r = locate(Path.of(System.getProperty("user.dir")), System.getProperty(PROPERTY));
      root = r;
    }
    return r;
  }

  /** A path inside the staged vector directory, e.g. {@code path("ethereum-tests", "RLPTests")}. */
  public static Path path(final String first, final String... more) {
    return root().resolve(Path.of(first, more));
  }

  /**
   * The resolution rule on its own (for tests of the rule): {@code override} when given, else the nearest
   * {@code testvectors/vectors} holding a manifest at or above {@code workingDir}, relative to it.
   */
  static Path locate(final Path workingDir, final String override) {
    if (override != null && !override.isBlank()) {
      final Path p = Path.of(override.strip());
      if (!Files.isDirectory(p)) {
        throw new IllegalStateException("-D" + PROPERTY + "=" + override + " is not a directory");
      }
      return p;
    }
    final Path start = workingDir.toAbsolutePath().normalize();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(MARKER))) {
        final Path found = dir.resolve(MARKER).getParent();
        final Path rel = start.relativize(found);
        return rel.toString().isEmpty() ? Path.of(".") : rel;
      }
    }
    throw new IllegalStateException("no testvectors/vectors/MANIFEST.sha256 at or above " + start
        + "; run the tests inside the repository or set -D" + PROPERTY + "=DIR");
  }
}
