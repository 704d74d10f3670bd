package io.trestle.lightclient.internal.stream;

import io.trestle.lightclient.stream.MessageStream;
import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Hash32;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import io.trestle.proofs.VerificationException;
import io.trestle.proofs.execution.ExecutionHeader;
import io.trestle.proofs.execution.Receipt;
import io.trestle.proofs.json.RpcJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The per-block step of the stream: an {@code eth_getBlockReceipts} answer checked against a header. Every receipt
 * is decoded strictly (its bloom must equal the bloom of its logs), its optional {@code blockHash} and {@code
 * transactionIndex} must match the block and its position, and the receipts trie rebuilt from the whole list must
 * have the header's receipts root. Then the list is exactly the block's receipts, in order: no receipt or log can
 * be missing, added or moved.
 *
 * <p>Trusted: the header passed in. {@link MessageStream} passes only headers it linked to the light client's
 * finalized block; anyone else calling this must do the same.
 */
public final class BlockReceipts {
  private BlockReceipts() {}

  /** The block's receipts, or the typed reason they are not the ones the header commits to. */
  public static ProofResult<List<Receipt>> verify(final ExecutionHeader header, final JsonNode receipts) {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(receipts, "receipts");
    return ProofResult.of(() -> check(header, receipts));
  }

  public static List<Receipt> check(final ExecutionHeader h, final JsonNode rj) {
    final Hash32 blockHash = h.hash();
    final JsonNode arr = RpcJson.unwrapResult(rj);
    if (arr == null || !arr.isArray()) {
      throw new VerificationException(Reason.INPUT_MALFORMED, "eth_getBlockReceipts must return an array");
    }
    final List<Receipt> out = new ArrayList<>(arr.size());
    for (int i = 0; i < arr.size(); i++) {
      final JsonNode r = arr.get(i);
      try {
        out.add(Receipt.fromJson(r));
        final Optional<JsonNode> bh = RpcJson.optField(r, "blockHash");
        if (bh.isPresent() && !RpcJson.hashValue(bh.get(), "blockHash").equals(blockHash)) {
          throw new VerificationException(Reason.RECEIPT_MALFORMED, "blockHash " + bh.get().asText()
              + " is not the block's hash " + blockHash + " (a receipt of another block)");
        }
        final Optional<JsonNode> ti = RpcJson.optField(r, "transactionIndex");
        if (ti.isPresent() && RpcJson.quantityValue(ti.get(), "transactionIndex", 63).longValueExact() != i) {
          throw new VerificationException(Reason.RECEIPT_MALFORMED, "transactionIndex " + ti.get().asText()
              + " is not its position " + i + " (receipts reordered or one dropped)");
        }
      } catch (VerificationException e) {
        throw e.withContext("receipts[" + i + "]");
      }
    }
    final Hash32 root = Receipt.root(out);
    if (!root.equals(h.receiptsRoot())) {
      throw new VerificationException(Reason.RECEIPTS_ROOT_MISMATCH, "the " + out.size() + " receipt(s) served"
          + " for block " + h.number() + " build the trie root " + root + " but the linked header says "
          + h.receiptsRoot() + " (a receipt or log dropped, added, altered or reordered)");
    }
    return out;
  }
}
