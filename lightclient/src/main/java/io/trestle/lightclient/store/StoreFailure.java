package io.trestle.lightclient.store;

import io.trestle.lightclient.spec.UpdateRejection;
import io.trestle.lightclient.spec.UpdateResult;
import java.util.Objects;

/**
 * A refused load or save: the kind and a detail naming the file, field or rule, and saying what to do.
 *
 * @param kind what failed
 * @param detail human-readable detail
 */
public record StoreFailure(StoreError kind, String detail) {
  /** Validates non-null fields. */
  public StoreFailure {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }

  /**
   * The light-client rejection code: {@link UpdateRejection#CHECKPOINT_TOO_OLD} for {@link StoreError#TOO_OLD},
   * {@link UpdateRejection#STATE_CORRUPT} for every other kind (the persisted state cannot be trusted or used).
   */
  public UpdateRejection reason() {
    return kind == StoreError.TOO_OLD ? UpdateRejection.CHECKPOINT_TOO_OLD : UpdateRejection.STATE_CORRUPT;
  }

  /** As a light-client rejection; the detail is prefixed with the kind. */
  public UpdateResult.Rejected toRejected() {
    return new UpdateResult.Rejected(reason(), kind.name() + ": " + detail);
  }
}
