package io.trestle.crypto.bls;

import java.util.Objects;

/** A BLS input that failed validation, with the {@link BlsError} naming the failed rule. */
public final class BlsException extends Exception {
  private static final long serialVersionUID = 1L;

  private final BlsError error;

  /** An exception for {@code error} with a human-readable {@code detail}. */
  public BlsException(final BlsError error, final String detail) {
    super(error + ": " + detail);
    this.error = Objects.requireNonNull(error, "error");
  }

  /** The rule that failed. */
  public BlsError error() {
    return error;
  }
}
