package io.trestle.proofs.execution;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Hash32;
import io.trestle.proofs.Reason;
import io.trestle.proofs.VerificationException;
import io.trestle.proofs.json.RpcJson;
import io.trestle.proofs.mpt.TrieBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A block's whole receipt list from {@code eth_getBlockReceipts}, checked against the receipts root of a header
 * the caller has verified: the per-block step of the light client's message stream. When {@link #check} returns,
 * the list is exactly the block's receipts, in order, every log included: none can be missing, added, altered or
 * moved, because the receipts trie rebuilt from all of them has the header's root.
 *
 * <p><b>Checked, in this order:</b> every receipt is read as strictly as {@link Receipt#fromJson} reads it (types,
 * canonical quantities, sizes, at most 4 topics); its optional {@code blockHash} and {@code transactionIndex} must
 * be this block and its position ({@code RECEIPT_MALFORMED}); the trie of {@code rlp(i) → encoding} must have the
 * trusted root ({@code RECEIPTS_ROOT_MISMATCH}). <b>Trusted:</b> {@code receiptsRoot} and {@code blockHash}; the
 * caller must take them from a header it linked to the light client's verified chain.
 *
 * <p><b>Why each receipt's bloom is recomputed only when the list is refused.</b> A receipt's {@code logsBloom}
 * is a field of its encoding, so the receipts root commits to it exactly as it commits to the logs. Once the
 * rebuilt root equals the verified root, every receipt here is byte for byte the one the block committed to, bloom
 * included, and that bloom was derived from those logs by the execution layer and checked by every validating
 * node (a block whose receipts carry a wrong bloom is invalid and is never finalized). Recomputing it after a
 * matching root would check the chain's consistency, not the data source's honesty: nothing a source can change
 * survives the root comparison. It costs one Keccak per address and topic (about 2,300 on a mainnet block, a sixth
 * of the stream's time), so on the accepted path it is not run; it runs on every refused list, before the
 * rejection is reported, so that a source whose bloom does not fit its logs is still refused as {@code
 * RECEIPT_MALFORMED} naming that receipt, exactly as the strict per-receipt reading ({@link Receipt#fromJson},
 * whose record constructor always recomputes the bloom) reports it. A dropped, invented or altered log, with its
 * bloom recomputed to fit or not, is refused either way: the bloom check catches an unfitting bloom, the root
 * everything else. Every {@link Receipt} object still has a checked bloom; this class never builds one from
 * unchecked data.
 */
public final class BlockReceiptList {
  private final List<Receipt.Unchecked> receipts;

  private BlockReceiptList(final List<Receipt.Unchecked> receipts) {
    this.receipts = receipts;
  }

  /**
   * Checks {@code array} (the {@code result} of {@code eth_getBlockReceipts}, or the whole response) against the
   * trusted {@code receiptsRoot} of block {@code blockNumber} with hash {@code blockHash}; a defect is a {@link
   * VerificationException} with its reason, the offending receipt named as {@code receipts[i]}.
   */
  public static BlockReceiptList check(final JsonNode array, final Hash32 blockHash, final long blockNumber,
      final Hash32 receiptsRoot) {
    Objects.requireNonNull(blockHash, "blockHash");
    Objects.requireNonNull(receiptsRoot, "receiptsRoot");
    final JsonNode arr = array == null ? null : RpcJson.unwrapResult(array);
    if (arr == null || !arr.isArray()) {
      throw new VerificationException(Reason.INPUT_MALFORMED, "eth_getBlockReceipts must return an array");
    }
    final int n = arr.size();
    final List<Receipt.Unchecked> out = new ArrayList<>(n);
    final TrieBuilder trie = new TrieBuilder();
    for (int i = 0; i < n; i++) {
      final JsonNode r = arr.get(i);
      Receipt.Unchecked u = null;
      try {
        u = Receipt.readJson(r);
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
        throw firstBloomDefect(arr, u == null ? i : i + 1, e.withContext("receipts[" + i + "]"));
      }
      out.add(u);
      trie.put(Codec.indexKey(i), u.encode());
    }
    final Hash32 root = trie.root();
    if (!root.equals(receiptsRoot)) {
      throw firstBloomDefect(arr, n, new VerificationException(Reason.RECEIPTS_ROOT_MISMATCH, "the " + n
          + " receipt(s) served for block " + blockNumber + " build the trie root " + root
          + " but the linked header says " + receiptsRoot + " (a receipt or log dropped, added, altered or reordered)"));
    }
    return new BlockReceiptList(List.copyOf(out));
  }

  /**
   * The refusal to report for a list refused after receipts {@code 0 .. readable-1} were read (their bloom not yet
   * checked): the first of them whose bloom does not fit its logs, as {@code RECEIPT_MALFORMED} (what reading every
   * receipt strictly and in order, bloom first, reports), otherwise {@code refusal}. Those receipts were read
   * without error, so {@link Receipt#fromJson} can only fail on their bloom here.
   */
  private static VerificationException firstBloomDefect(final JsonNode arr, final int readable,
      final VerificationException refusal) {
    for (int j = 0; j < readable; j++) {
      try {
        Receipt.fromJson(arr.get(j));
      } catch (VerificationException e) {
        return e.withContext("receipts[" + j + "]");
      }
    }
    return refusal;
  }

  /** The number of receipts (transactions) of the block. */
  public int size() {
    return receipts.size();
  }

  /** Receipt {@code i}'s status (empty before Byzantium, where receipts carry a post-state root). */
  public Optional<Boolean> status(final int i) {
    return receipts.get(i).status();
  }

  /** Receipt {@code i}'s logs, in order (an unmodifiable list). */
  public List<Log> logs(final int i) {
    return receipts.get(i).logs();
  }
}
