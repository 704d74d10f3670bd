package io.trestle.vectors;

import java.util.Objects;

/**
 * The result of one named case of a vector file.
 *
 * @param name the case name as written in the vector file
 * @param status passed, failed or skipped
 * @param message what was checked (passed), what disagreed (failed), or why it was not run (skipped)
 */
public record CaseResult(String name, Status status, String message) {
  /** Validates that no component is null. */
  public CaseResult {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
  }

  /** A passed case. */
  public static CaseResult passed(final String name, final String message) {
    return new CaseResult(name, Status.PASSED, message);
  }

  /** A failed case. */
  public static CaseResult failed(final String name, final String message) {
    return new CaseResult(name, Status.FAILED, message);
  }

  /** A skipped case. */
  public static CaseResult skipped(final String name, final String message) {
    return new CaseResult(name, Status.SKIPPED, message);
  }
}
