package io.trestle.lightclient.spec;

import java.util.Objects;

/**
 * The outcome of giving the light client one piece of data: {@link Applied} (the store was updated:
 * possibly only its best-valid-update or optimistic header), {@link Ignored} (valid but useless; store
 * unchanged), or {@link Rejected} (a rule failed; store unchanged).
 */
public sealed interface UpdateResult permits UpdateResult.Applied, UpdateResult.Ignored, UpdateResult.Rejected {

  /**
   * The update passed validation and was processed.
   *
   * @param store the store after processing
   * @param finalizedAdvanced true if the finalized header moved forward
   * @param optimisticAdvanced true if the optimistic header moved forward
   * @param periodAdvanced true if the current sync committee period moved forward
   */
  record Applied(LightClientStore store, boolean finalizedAdvanced, boolean optimisticAdvanced, boolean periodAdvanced)
      implements UpdateResult {
    /** Non-null store. */
    public Applied {
      Objects.requireNonNull(store, "store");
    }
  }

  /** Valid but useless; the store is unchanged. */
  record Ignored(IgnoreReason reason, String detail) implements UpdateResult {
    /** Non-null fields. */
    public Ignored {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /** A rule failed; the store is unchanged. */
  record Rejected(UpdateRejection reason, String detail) implements UpdateResult {
    /** Non-null fields. */
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
