package io.trestle.vectors;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of one file (or one suite unit) found under a path given to {@link VectorRunner}.
 *
 * <p>A file no {@link Suite} recognised has suite {@value #NO_SUITE}, no cases and a {@link
 * #skipReason()}; it counts as one skipped unit. A recognised file counts its cases.
 *
 * @param root the path given to the runner under which this file was found
 * @param path the file
 * @param suite the {@link Suite#name()} that ran it, or {@value #NO_SUITE}
 * @param cases the case results, in file order (empty only for an unrecognised file)
 * @param skipReason why the whole file was skipped; empty if a suite ran it
 */
public record FileResult(Path root, Path path, String suite, List<CaseResult> cases, Optional<String> skipReason) {
  /** The suite name of a file no suite recognised. */
  public static final String NO_SUITE = "none";

  /** Validates and copies the components. */
  public FileResult {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(suite, "suite");
    cases = List.copyOf(cases);
    Objects.requireNonNull(skipReason, "skipReason");
  }

  /** A file no suite recognised. */
  public static FileResult unrecognised(final Path root, final Path path, final String reason) {
    return new FileResult(root, path, NO_SUITE, List.of(), Optional.of(reason));
  }

  /** Number of passed cases. */
  public int passed() {
    return count(Status.PASSED);
  }

  /** Number of failed cases. */
  public int failed() {
    return count(Status.FAILED);
  }

  /** Number of skipped cases, or 1 for a file skipped as a whole. */
  public int skipped() {
    return skipReason.isPresent() ? 1 : count(Status.SKIPPED);
  }

  /** The failed cases, in file order. */
  public List<CaseResult> failures() {
    return cases.stream().filter(c -> c.status() == Status.FAILED).toList();
  }

  /**
   * The file's name relative to {@link #root()} with {@code /} separators; if the root is the file
   * itself, the root as given.
   */
  public String displayName() {
    final Path rel = root.equals(path) ? path : root.relativize(path);
    final String s = rel.toString().replace(path.getFileSystem().getSeparator(), "/");
    return s.isEmpty() ? path.toString() : s;
  }

  private int count(final Status s) {
    int n = 0;
    for (final CaseResult c : cases) {
      if (c.status() == s) {
        n++;
      }
    }
    return n;
  }
}
