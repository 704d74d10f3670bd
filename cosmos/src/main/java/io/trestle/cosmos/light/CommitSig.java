package io.trestle.cosmos.light;

import io.trestle.crypto.Bytes;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a commit's {@code signatures}, untrusted.
 *
 * @param blockIdFlag 1 ABSENT, 2 COMMIT, 3 NIL (other values are rejected by the verifier)
 * @param validatorAddress the signer's claimed address (empty when absent)
 * @param timestamp the vote's timestamp (part of the signed bytes)
 * @param signature the signature (empty when absent)
 */
public record CommitSig(int blockIdFlag, Bytes validatorAddress, Instant timestamp, Bytes signature) {
  /** {@code BLOCK_ID_FLAG_ABSENT}. */
  public static final int ABSENT = 1;
  /** {@code BLOCK_ID_FLAG_COMMIT}. */
  public static final int COMMIT = 2;
  /** {@code BLOCK_ID_FLAG_NIL}. */
  public static final int NIL = 3;
  /** Go's zero time, the timestamp of an absent signature. */
  public static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

  /** Checks for nulls. */
  public CommitSig {
    Objects.requireNonNull(validatorAddress, "validatorAddress");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(signature, "signature");
  }

  /** An absent signature. */
  public static CommitSig absent() {
    return new CommitSig(ABSENT, Bytes.EMPTY, GO_ZERO_TIME, Bytes.EMPTY);
  }
}
