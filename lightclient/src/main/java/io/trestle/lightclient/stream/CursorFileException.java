package io.trestle.lightclient.stream;

import io.trestle.lightclient.store.StoreFile.StoreFailure;
import java.util.Objects;

/** A cursor file that cannot be read, trusted or written; {@link #failure()} says which and why. */
public final class CursorFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient StoreFailure failure;

  /** Wraps a failure. */
  public CursorFileException(final StoreFailure failure) {
    super(Objects.requireNonNull(failure, "failure").kind() + ": " + failure.detail());
    this.failure = failure;
  }

  /** What went wrong. */
  public StoreFailure failure() {
    return failure;
  }
}
