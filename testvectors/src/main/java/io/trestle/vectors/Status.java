package io.trestle.vectors;

/** The outcome of one vector case. */
public enum Status {
  /** The case ran and every check agreed with the vector. */
  PASSED,
  /** The case ran and a check disagreed with the vector, or the case itself is malformed. */
  FAILED,
  /** The case (or file) was not run: unrecognised or unsupported. Never counts as passed. */
  SKIPPED
}
