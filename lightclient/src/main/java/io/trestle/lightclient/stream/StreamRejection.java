package io.trestle.lightclient.stream;

import io.trestle.proofs.Reason;
import java.util.Objects;

/**
 * Why a stream pass stopped on bad data, with the block it concerns. The cursor does not move past that block,
 * so nothing after it is emitted until a source serves data that verifies. Typical reasons: {@code
 * ANCESTRY_INVALID} (a block that does not link to the finalized block: another branch, a skipped or altered
 * block), {@code EXECUTION_HEADER_MISMATCH} (the finalized block's header does not re-hash to the verified hash),
 * {@code RECEIPTS_ROOT_MISMATCH} (a receipt dropped, added or reordered, a log dropped or altered together with
 * its bloom), {@code RECEIPT_MALFORMED} (a log dropped without fixing the bloom, a receipt of another block),
 * {@code INPUT_MALFORMED}.
 *
 * @param reason the stable reason code
 * @param blockNumber the block being verified
 * @param detail what was wrong
 */
public record StreamRejection(Reason reason, long blockNumber, String detail) {
  /** Non-null fields. */
  public StreamRejection {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }
}
