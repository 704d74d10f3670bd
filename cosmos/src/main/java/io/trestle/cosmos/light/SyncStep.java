package io.trestle.cosmos.light;

import io.trestle.crypto.Bytes;
import java.util.Objects;
import java.util.Optional;

/**
 * One verification attempt of a sync: the height tried, whether it was adjacent to the trusted height it
 * was verified from, the verdict, the rejection reason if any, and the header hash (empty if not computed).
 *
 * @param fromHeight the trusted height it was verified against
 * @param height the height tried
 * @param adjacent true if {@code height == fromHeight + 1}
 * @param verdict SUCCESS, NOT_ENOUGH_TRUST or INVALID
 * @param reason the rejection reason (empty on success)
 * @param detail human-readable detail
 * @param hash the block's claimed hash (its commit's block id; verified only on SUCCESS)
 */
public record SyncStep(long fromHeight, long height, boolean adjacent, LightRejection.Verdict verdict,
    Optional<LightRejection> reason, String detail, Bytes hash) {
  /** Checks for nulls. */
  public SyncStep {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(hash, "hash");
  }
}
