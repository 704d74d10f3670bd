package io.trestle.proofs.execution;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Hash32;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import io.trestle.proofs.VerificationException;
import io.trestle.proofs.json.RpcJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies a JSON-RPC block ({@code eth_getBlockByNumber}/{@code eth_getBlockByHash} result) for
 * internal consistency: keccak(rlp(header)) must equal its {@code hash}; the transactions root is
 * rebuilt when full transaction objects are present (each transaction's claimed hash is checked too);
 * the withdrawals root when withdrawals are present; the receipts root when an {@code
 * eth_getBlockReceipts} list is given (each receipt's {@code blockHash}, {@code transactionIndex} and,
 * when known, {@code transactionHash} must match as well).
 *
 * <p><b>Trusted / not established:</b> that the block is canonical. Bind {@link VerifiedBlock#blockHash()}
 * to a trusted source (checkpoint, light client) before relying on any field.
 */
public final class BlockVerifier {
  private BlockVerifier() {}

  /** Verifies {@code block} and, if given, its receipts. */
  public static ProofResult<VerifiedBlock> verify(final JsonNode block, final Optional<JsonNode> receipts) {
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(receipts, "receipts");
    return ProofResult.of(() -> check(block, receipts));
  }

  private static VerifiedBlock check(final JsonNode block, final Optional<JsonNode> receiptsJson) {
    Codec.object(block, "block");
    final ExecutionHeader h = ExecutionHeader.fromJson(block);
    final Hash32 hash = h.hash();
    final List<String> checks = new ArrayList<>();
    checks.add("block hash: keccak(rlp(header)) = " + hash + " equals the claimed hash ("
        + h.fieldCount() + "-field header)");

    // Transactions.
    final List<JsonNode> txs = RpcJson.array(block, "transactions");
    final List<Hash32> txHashes = new ArrayList<>(txs.size());
    CheckStatus txStatus;
    final boolean allText = txs.stream().allMatch(JsonNode::isTextual);
    final boolean allObjects = txs.stream().allMatch(JsonNode::isObject);
    if (txs.isEmpty() || allObjects) {
      final List<Transaction> full = new ArrayList<>(txs.size());
      for (int i = 0; i < txs.size(); i++) {
        final JsonNode tj = txs.get(i);
        final Transaction t;
        try {
          t = Transaction.fromJson(tj);
          checkBinding(tj, hash, i, "transactions[" + i + "]", Reason.TRANSACTION_MALFORMED);
        } catch (VerificationException e) {
          throw e.withContext("transactions[" + i + "]");
        }
        full.add(t);
        txHashes.add(t.hash());
      }
      final Hash32 root = Transaction.root(full);
      if (!root.equals(h.transactionsRoot())) {
        throw new VerificationException(Reason.TRANSACTIONS_ROOT_MISMATCH,
            "trie of " + full.size() + " transaction(s) has root " + root + " but the header says "
                + h.transactionsRoot());
      }
      txStatus = CheckStatus.VERIFIED;
      checks.add("transactions root: rebuilt from " + full.size() + " transaction(s), each hash checked");
    } else if (allText) {
      for (int i = 0; i < txs.size(); i++) {
        txHashes.add(RpcJson.hashValue(txs.get(i), "transactions[" + i + "]"));
      }
      txStatus = CheckStatus.SKIPPED;
      checks.add("transactions root: SKIPPED (transactions given as hashes only)");
    } else {
      throw new VerificationException(Reason.INPUT_MALFORMED, "transactions mixes hashes and objects");
    }

    // Withdrawals.
    CheckStatus wStatus = CheckStatus.NOT_APPLICABLE;
    Optional<Integer> wCount = Optional.empty();
    final Optional<JsonNode> wj = RpcJson.optField(block, "withdrawals");
    if (wj.isPresent()) {
      if (h.withdrawalsRoot().isEmpty()) {
        throw new VerificationException(Reason.INPUT_MALFORMED, "block has 'withdrawals' but no 'withdrawalsRoot'");
      }
      final List<JsonNode> arr = RpcJson.array(block, "withdrawals");
      final List<Withdrawal> ws = new ArrayList<>(arr.size());
      for (int i = 0; i < arr.size(); i++) {
        try {
          ws.add(Withdrawal.fromJson(arr.get(i)));
        } catch (VerificationException e) {
          throw e.withContext("withdrawals[" + i + "]");
        }
      }
      final Hash32 root = Withdrawal.root(ws);
      if (!root.equals(h.withdrawalsRoot().get())) {
        throw new VerificationException(Reason.WITHDRAWALS_ROOT_MISMATCH,
            "trie of " + ws.size() + " withdrawal(s) has root " + root + " but the header says "
                + h.withdrawalsRoot().get());
      }
      wStatus = CheckStatus.VERIFIED;
      wCount = Optional.of(ws.size());
      checks.add("withdrawals root: rebuilt from " + ws.size() + " withdrawal(s)");
    } else if (h.withdrawalsRoot().isPresent()) {
      wStatus = CheckStatus.SKIPPED;
      checks.add("withdrawals root: SKIPPED (no withdrawals in the input)");
    }

    // Receipts.
    CheckStatus rStatus = CheckStatus.NOT_APPLICABLE;
    Optional<Integer> rCount = Optional.empty();
    if (receiptsJson.isPresent()) {
      final JsonNode rj = RpcJson.unwrapResult(receiptsJson.get());
      if (!rj.isArray()) {
        throw new VerificationException(Reason.INPUT_MALFORMED, "receipts must be a JSON array");
      }
      if (rj.size() != txs.size()) {
        throw new VerificationException(Reason.RECEIPTS_ROOT_MISMATCH,
            rj.size() + " receipt(s) given for " + txs.size() + " transaction(s)");
      }
      final List<Receipt> rs = new ArrayList<>(rj.size());
      for (int i = 0; i < rj.size(); i++) {
        final JsonNode r = rj.get(i);
        try {
          rs.add(Receipt.fromJson(r));
          checkBinding(r, hash, i, "receipts[" + i + "]", Reason.RECEIPT_MALFORMED);
          final Optional<JsonNode> th = RpcJson.optField(r, "transactionHash");
          if (th.isPresent() && !RpcJson.hashValue(th.get(), "transactionHash").equals(txHashes.get(i))) {
            throw new VerificationException(Reason.RECEIPT_MALFORMED,
                "transactionHash differs from the block's transaction " + i + " (" + txHashes.get(i) + ")");
          }
        } catch (VerificationException e) {
          throw e.withContext("receipts[" + i + "]");
        }
      }
      final Hash32 root = Receipt.root(rs);
      if (!root.equals(h.receiptsRoot())) {
        throw new VerificationException(Reason.RECEIPTS_ROOT_MISMATCH,
            "trie of " + rs.size() + " receipt(s) has root " + root + " but the header says " + h.receiptsRoot());
      }
      rStatus = CheckStatus.VERIFIED;
      rCount = Optional.of(rs.size());
      checks.add("receipts root: rebuilt from " + rs.size() + " receipt(s), blooms and block bindings checked");
    } else {
      checks.add("receipts root: not checked (no receipts given)");
    }
    return new VerifiedBlock(h, hash, txStatus, wStatus, rStatus, txs.size(), wCount, rCount, checks);
  }

  /** Optional {@code blockHash}/{@code transactionIndex} members must match the block and position. */
  private static void checkBinding(final JsonNode obj, final Hash32 blockHash, final int index, final String what,
      final Reason reason) {
    final Optional<JsonNode> bh = RpcJson.optField(obj, "blockHash");
    if (bh.isPresent() && !RpcJson.hashValue(bh.get(), "blockHash").equals(blockHash)) {
      throw new VerificationException(reason, what + ".blockHash " + bh.get().asText()
          + " is not the block's hash " + blockHash);
    }
    final Optional<JsonNode> ti = RpcJson.optField(obj, "transactionIndex");
    if (ti.isPresent() && RpcJson.quantityValue(ti.get(), "transactionIndex", 63).longValueExact() != index) {
      throw new VerificationException(reason, what + ".transactionIndex " + ti.get().asText()
          + " is not its position " + index);
    }
  }
}
