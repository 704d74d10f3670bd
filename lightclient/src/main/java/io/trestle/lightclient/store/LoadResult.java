package io.trestle.lightclient.store;

import io.trestle.lightclient.spec.UpdateResult;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The outcome of {@link StoreFile#load}: {@link Absent} (no store yet: bootstrap from a trusted
 * checkpoint), {@link Restored} (a client resumed from a store that passed every check) or {@link Refused}
 * (the store is unusable; never trusted).
 */
public sealed interface LoadResult permits LoadResult.Absent, LoadResult.Restored, LoadResult.Refused {

  /**
   * No store file in the directory.
   *
   * @param highWaterSlot the anti-rollback mark left by earlier saves, if any: a new store must not be
   *     older than it
   */
  record Absent(OptionalLong highWaterSlot) implements LoadResult {
    /** Non-null field. */
    public Absent {
      Objects.requireNonNull(highWaterSlot, "highWaterSlot");
    }
  }

  /**
   * The persisted store passed every check; resume a client with {@link
   * io.trestle.lightclient.LightClient#restore(VerifiedStore, io.trestle.lightclient.spec.SignatureCheck)}.
   *
   * @param verified the checked store
   */
  record Restored(VerifiedStore verified) implements LoadResult {
    /** Non-null field. */
    public Restored {
      Objects.requireNonNull(verified, "verified");
    }
  }

  /**
   * The store was refused.
   *
   * @param failure what failed and what to do
   */
  record Refused(StoreFailure failure) implements LoadResult {
    /** Non-null field. */
    public Refused {
      Objects.requireNonNull(failure, "failure");
    }

    /** As a light-client rejection ({@code STATE_CORRUPT} or {@code CHECKPOINT_TOO_OLD}). */
    public UpdateResult.Rejected rejection() {
      return failure.toRejected();
    }
  }
}
