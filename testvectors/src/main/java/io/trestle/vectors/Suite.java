package io.trestle.vectors;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * One family of vectors (ethereum/tests RLPTests, TrieTests, and later consensus-spec-tests suites).
 * {@link VectorRunner} offers every regular file it finds to its suites in order; the first suite whose
 * {@link #recognise(Path)} returns true runs it.
 *
 * <p>Recognition is by <b>content</b> wherever the content allows it; a suite documents any use of the
 * file name. A suite whose unit is a directory (a consensus-spec-tests case directory with {@code
 * data.yaml}, or {@code value.yaml} + {@code roots.yaml} + {@code serialized.ssz_snappy}) recognises one
 * designated file of the directory and lists the other files it reads in {@link #companions(Path)}, so
 * the runner does not report them as unrecognised.
 *
 * <p>Implementations must be stateless (or confined to one run) and must never throw for bad vector
 * content: a malformed case is a {@link Status#FAILED} case with a message. An exception from {@link
 * #run(Path)} is reported by the runner as one failed case of the file.
 */
public interface Suite {
  /** Short stable name shown in reports, e.g. {@code rlp}, {@code trie}. */
  String name();

  /** True if this suite runs {@code file}. Must not throw for any content (I/O errors give false). */
  boolean recognise(Path file);

  /** Runs every case of a file this suite recognised; never empty. */
  List<CaseResult> run(Path file) throws IOException;

  /**
   * The suite to use for one run over {@code files} (every regular file the run will offer, in run
   * order). A suite that checks a file against others of the same run (the JSON-RPC recordings against
   * the blocks of their set) returns a fresh instance bound to them; by default this suite itself.
   */
  default Suite forRun(final List<Path> files) {
    return this;
  }

  /** Other files that {@link #run(Path)} of {@code file} reads and accounts for; empty by default. */
  default Set<Path> companions(final Path file) {
    return Set.of();
  }
}
