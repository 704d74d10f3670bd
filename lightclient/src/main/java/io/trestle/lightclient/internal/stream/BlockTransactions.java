package io.trestle.lightclient.internal.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Hash32;
import io.trestle.proofs.Reason;
import io.trestle.proofs.VerificationException;
import io.trestle.proofs.execution.ExecutionHeader;
import io.trestle.proofs.execution.Transaction;
import io.trestle.proofs.json.RpcJson;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds a transaction hash to its index in a linked (verified) block: the block's full transaction list, as
 * {@code eth_getBlockByHash(hash, true)} returns it (untrusted), must rebuild the verified transactions root.
 */
public final class BlockTransactions {
  private BlockTransactions() {}

  /**
   * The index of {@code txHash} in the block whose verified header is {@code linked}. {@code BLOCK_HASH_MISMATCH}
   * if the served block is another one, {@code TRANSACTIONS_ROOT_MISMATCH} if its transactions do not rebuild the
   * verified root, {@code INPUT_MALFORMED} if the transaction is not in it.
   */
  public static int indexOf(final ExecutionHeader linked, final JsonNode fullBlock, final Hash32 txHash) {
    final ExecutionHeader h = ExecutionHeader.fromJson(fullBlock);
    if (!h.hash().equals(linked.hash())) {
      throw new VerificationException(Reason.BLOCK_HASH_MISMATCH, "the block served for " + linked.hash() + " is "
          + h.hash());
    }
    final List<JsonNode> txs = RpcJson.array(fullBlock, "transactions");
    final List<Transaction> parsed = new ArrayList<>(txs.size());
    int index = -1;
    for (int i = 0; i < txs.size(); i++) {
      final Transaction t;
      try {
        t = Transaction.fromJson(txs.get(i));
      } catch (VerificationException e) {
        throw e.withContext("transactions[" + i + "]");
      }
      parsed.add(t);
      if (t.hash().equals(txHash)) {
        index = i;
      }
    }
    if (!Transaction.root(parsed).equals(linked.transactionsRoot())) {
      throw new VerificationException(Reason.TRANSACTIONS_ROOT_MISMATCH, "the transactions served for block "
          + linked.number() + " do not build its transactions root");
    }
    if (index < 0) {
      throw new VerificationException(Reason.INPUT_MALFORMED, "transaction " + txHash + " is not in block "
          + linked.number() + " " + linked.hash() + " of the finalized chain (where the source said it is)");
    }
    return index;
  }
}
