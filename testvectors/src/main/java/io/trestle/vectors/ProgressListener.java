package io.trestle.vectors;

import java.nio.file.Path;

/** Callbacks from {@link VectorRunner} while it runs; called on the running thread. */
public interface ProgressListener {
  /** Does nothing. */
  ProgressListener NONE = new ProgressListener() {};

  /** File {@code index} (0-based) of {@code total} is about to run. */
  default void fileStarted(final Path file, final int index, final int total) {}

  /** File {@code index} (0-based) of {@code total} finished with {@code result}. */
  default void fileFinished(final FileResult result, final int index, final int total) {}
}
