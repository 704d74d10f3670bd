package io.trestle.lightclient.internal.stream;

import io.trestle.lightclient.stream.MessageStream;
import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.execution.BlockReceiptList;
import io.trestle.proofs.execution.ExecutionHeader;
import java.util.Objects;

/**
 * The per-block step of the stream: an {@code eth_getBlockReceipts} answer checked against a header. Every receipt
 * is read strictly, its optional {@code blockHash} and {@code transactionIndex} must match the block and its
 * position, and the receipts trie rebuilt from the whole list must have the header's receipts root. Then the list is
 * exactly the block's receipts, in order: no receipt or log can be missing, added or moved. Each receipt's bloom is
 * recomputed from its logs only when the list is refused: the root commits to the bloom, so after a matching root
 * the recomputation could not catch anything a source did ({@link BlockReceiptList} gives the argument in full).
 *
 * <p>Trusted: the header passed in. {@link MessageStream} passes only headers it linked to the light client's
 * finalized block; anyone else calling this must do the same.
 */
public final class BlockReceipts {
  private BlockReceipts() {}

  /** The block's receipts, or the typed reason they are not the ones the header commits to. */
  public static ProofResult<BlockReceiptList> verify(final ExecutionHeader header, final JsonNode receipts) {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(receipts, "receipts");
    return ProofResult.of(() -> check(header, receipts));
  }

  /** {@link #verify} throwing the rejection as a {@link io.trestle.proofs.VerificationException}. */
  public static BlockReceiptList check(final ExecutionHeader h, final JsonNode rj) {
    return BlockReceiptList.check(rj, h.hash(), h.number(), h.receiptsRoot());
  }
}
