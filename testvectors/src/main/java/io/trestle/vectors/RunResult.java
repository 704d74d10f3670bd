package io.trestle.vectors;

import java.util.List;

/**
 * Everything one {@link VectorRunner#run} found, in run order.
 *
 * @param files one result per file, deterministic order
 */
public record RunResult(List<FileResult> files) {
  /** Copies the list. */
  public RunResult {
    files = List.copyOf(files);
  }

  /** Passed cases over all files. */
  public int passed() {
    return files.stream().mapToInt(FileResult::passed).sum();
  }

  /** Failed cases over all files. */
  public int failed() {
    return files.stream().mapToInt(FileResult::failed).sum();
  }

  /** Skipped cases plus skipped files over all files. */
  public int skipped() {
    return files.stream().mapToInt(FileResult::skipped).sum();
  }

  /** True if nothing failed and at least one case passed. */
  public boolean success() {
    return failed() == 0 && passed() > 0;
  }
}
