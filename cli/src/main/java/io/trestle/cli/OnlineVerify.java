package io.trestle.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Address;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.ExecutionAnchor;
import io.trestle.lightclient.LightClient;
import io.trestle.lightclient.MessageVerifier;
import io.trestle.lightclient.VerifiedMessage;
import io.trestle.lightclient.source.BlockId;
import io.trestle.lightclient.source.ExecutionRpcClient;
import io.trestle.lightclient.source.SourceException;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import io.trestle.proofs.VerificationException;
import io.trestle.proofs.execution.BlockVerifier;
import io.trestle.proofs.execution.ExecutionHeader;
import io.trestle.proofs.execution.Receipt;
import io.trestle.proofs.execution.Transaction;
import io.trestle.proofs.execution.VerifiedBlock;
import io.trestle.proofs.json.RpcJson;
import io.trestle.proofs.mpt.TrieBuilder;
import io.trestle.proofs.rlp.RlpWriter;
import io.trestle.proofs.state.AccountProofResponse;
import io.trestle.proofs.state.VerifiedAccount;
import io.trestle.proofs.state.VerifiedSlot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Online verification against a light-client-verified execution anchor, with untrusted JSON-RPC data. Used by
 * {@code verify message}, the online {@code verify account}/{@code verify storage} and the demo.
 *
 * <p>Anchor: when the light client proves only the execution block hash (Gloas, {@link
 * ExecutionAnchor#isHashOnly()}), the header is first fetched with {@code eth_getBlockByHash}, re-hashed and
 * compared with the verified hash; only then are its number and roots used.
 *
 * <p>Message path: {@code eth_getTransactionReceipt} only locates the transaction (block number/hash and index,
 * all untrusted). The block must be the anchor's or an ancestor: headers are fetched by number from the anchor
 * down, re-hashed and linked by parent hash ({@link ExecutionAnchor#ancestor}). The block's full transaction
 * list is checked against its verified transactions root and binds the transaction hash to its index. All the
 * block's receipts are fetched and the receipts trie is rebuilt here: its root must equal the verified receipts
 * root, and the proof for the index comes from that rebuilt trie, so the RPC cannot substitute anything.
 */
final class OnlineVerify {
  private OnlineVerify() {}

  /** Which logs of the receipt to verify. */
  sealed interface LogSelector permits AllLogs, InReceipt, BlockWide {}

  /** Every log of the receipt. */
  record AllLogs() implements LogSelector {}

  /** A position inside the receipt ({@code --log-index}). */
  record InReceipt(int index) implements LogSelector {}

  /** A block-wide {@code logIndex} ({@code --block-log-index}), mapped by the verified receipts' log counts. */
  record BlockWide(long logIndex) implements LogSelector {}

  /** The verified messages and where they were proven. */
  record Messages(ExecutionAnchor finalizedAnchor, ExecutionAnchor block, Hash32 txHash, long txIndex,
      int receiptCount, List<VerifiedMessage> messages) {}

  /** Verifies the log(s) of transaction {@code tx}. Source failures are thrown as {@code SourceException}. */
  static ProofResult<Messages> message(final LightClient client, final ExecutionRpcClient rpc, final Hash32 tx,
      final LogSelector which) {
    final Optional<ExecutionAnchor> fin = client.finalizedExecution();
    if (fin.isEmpty()) {
      return new ProofResult.Rejected<>(Reason.EXECUTION_HEADER_MISMATCH,
          "the finalized light-client header has no execution payload (pre-Capella)");
    }
    return message(client, rpc, fin.get(), tx, which);
  }

  /**
   * The anchor with its execution header bound: a hash-only anchor (Gloas: the light client proves only the
   * execution block hash) gets its header from {@code eth_getBlockByHash}, re-hashed and compared with the
   * verified hash ({@link ExecutionAnchor#withHeader(JsonNode)}); a bound anchor is returned as it is. A source
   * failure is thrown as {@code SourceException}.
   */
  static ProofResult<ExecutionAnchor> bound(final ExecutionAnchor anchor, final ExecutionRpcClient rpc) {
    if (!anchor.isHashOnly()) {
      return new ProofResult.Verified<>(anchor);
    }
    return anchor.withHeader(rpc.getBlockByHash(anchor.blockHash(), false));
  }

  /** {@link #message(LightClient, ExecutionRpcClient, Hash32, LogSelector)} from a given finalized anchor. */
  static ProofResult<Messages> message(final LightClient client, final ExecutionRpcClient rpc,
      final ExecutionAnchor finalized, final Hash32 tx, final LogSelector which) {
    final ProofResult<ExecutionAnchor> bound = bound(finalized, rpc);
    if (!(bound instanceof ProofResult.Verified<ExecutionAnchor> ok)) {
      final ProofResult.Rejected<ExecutionAnchor> r = (ProofResult.Rejected<ExecutionAnchor>) bound;
      return new ProofResult.Rejected<>(r.reason(), r.detail());
    }
    final ExecutionAnchor anchor = ok.value();
    final JsonNode rc = rpc.getTransactionReceipt(tx);
    // The headers, block and receipts are fetched inside the verification: a source failure there (a block the
    // node does not have, a timeout) must reach the caller as a SourceException, not as a fail-closed internal
    // error of ProofResult.of.
    final AtomicReference<SourceException> sourceFailure = new AtomicReference<>();
    final ProofResult<Messages> result = ProofResult.of(() -> {
      try {
        return located(client, rpc, anchor, rc, tx, which);
      } catch (SourceException e) {
        sourceFailure.set(e);
        throw new VerificationException(Reason.INPUT_MALFORMED, "source failure: " + e.getMessage());
      }
    });
    if (sourceFailure.get() != null) {
      throw sourceFailure.get();
    }
    return result;
  }

  /** {@link #message} once the receipt is fetched; throws VerificationException or SourceException. */
  private static Messages located(final LightClient client, final ExecutionRpcClient rpc,
      final ExecutionAnchor anchor, final JsonNode rc, final Hash32 tx, final LogSelector which) {
    final long rcNumber = RpcJson.quantityLong(rc, "blockNumber");
    final Hash32 rcHash = RpcJson.hash(rc, "blockHash");
    final long txIndex = RpcJson.quantityLong(rc, "transactionIndex");
    if (rcNumber > anchor.blockNumber()) {
      throw new VerificationException(Reason.ANCESTRY_INVALID, "the receipt is in block " + rcNumber
          + ", after the finalized block " + anchor.blockNumber() + ": not final yet, retry later");
    }
    if (anchor.blockNumber() - rcNumber > ExecutionAnchor.MAX_ANCESTRY) {
      throw new VerificationException(Reason.PROOF_TOO_LARGE, "block " + rcNumber + " is "
          + (anchor.blockNumber() - rcNumber) + " blocks before the finalized block; the walk-back bound is "
          + ExecutionAnchor.MAX_ANCESTRY);
    }
    ExecutionAnchor block = anchor;
    if (rcNumber < anchor.blockNumber()) {
      final List<Bytes> headers = new ArrayList<>();
      for (long n = anchor.blockNumber(); n >= rcNumber; n--) {
        final JsonNode b = rpc.getBlockByNumber(BlockId.number(n), false);
        try {
          headers.add(Bytes.of(ExecutionHeader.fromJson(b).encode()));
        } catch (VerificationException e) {
          throw e.withContext("block " + n);
        }
      }
      block = anchor.ancestor(headers).orElseThrow();
    }
    if (!block.blockHash().equals(rcHash)) {
      throw new VerificationException(Reason.ANCESTRY_INVALID, "the receipt claims block " + rcNumber + " hash "
          + rcHash + " but the verified block " + block.blockNumber() + " is " + block.blockHash());
    }
    // Bind the transaction hash to its index: the block's transactions against the verified root.
    final JsonNode fullBlock = rpc.getBlockByHash(block.blockHash(), true);
    final VerifiedBlock vb = BlockVerifier.verify(fullBlock, Optional.empty()).orElseThrow();
    if (!vb.blockHash().equals(block.blockHash())) {
      throw new VerificationException(Reason.BLOCK_HASH_MISMATCH, "eth_getBlockByHash returned block "
          + vb.blockHash() + ", asked for " + block.blockHash());
    }
    final List<JsonNode> txs = RpcJson.array(fullBlock, "transactions");
    if (txIndex >= txs.size()) {
      throw new VerificationException(Reason.INPUT_MALFORMED, "transactionIndex " + txIndex + " but block "
          + block.blockNumber() + " has " + txs.size() + " transactions");
    }
    final Hash32 actual = Transaction.fromJson(txs.get((int) txIndex)).hash();
    if (!actual.equals(tx)) {
      throw new VerificationException(Reason.TRANSACTION_MALFORMED, "transaction " + txIndex + " of block "
          + block.blockNumber() + " is " + actual + ", not " + tx);
    }
    // Rebuild the receipts trie from every receipt of the block.
    final JsonNode all = rpc.getBlockReceipts(BlockId.hash(block.blockHash()));
    if (!all.isArray()) {
      throw new VerificationException(Reason.INPUT_MALFORMED, "eth_getBlockReceipts: expected an array");
    }
    final TrieBuilder trie = new TrieBuilder();
    final List<Receipt> receipts = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      try {
        final Receipt r = Receipt.fromJson(all.get(i));
        receipts.add(r);
        trie.put(RlpWriter.uint(i), r.encode());
      } catch (VerificationException e) {
        throw e.withContext("eth_getBlockReceipts[" + i + "]");
      }
    }
    final Hash32 root = trie.root();
    if (!root.equals(block.receiptsRoot().orElseThrow())) {
      throw new VerificationException(Reason.RECEIPTS_ROOT_MISMATCH, "the " + receipts.size()
          + " receipts served for block " + block.blockNumber() + " have root " + root
          + " but the verified receipts root is " + block.receiptsRoot().get());
    }
    if (txIndex >= receipts.size()) {
      throw new VerificationException(Reason.INPUT_MALFORMED, "transactionIndex " + txIndex + " but block has "
          + receipts.size() + " receipts");
    }
    final List<Bytes> proof = trie.proof(RlpWriter.uint(txIndex));
    final int logCount = receipts.get((int) txIndex).logs().size();
    long firstLogIndex = 0; // block-wide index of this receipt's first log, from the verified receipts
    for (int i = 0; i < (int) txIndex; i++) {
      firstLogIndex += receipts.get(i).logs().size();
    }
    final List<Integer> positions = positions(which, firstLogIndex, logCount);
    final MessageVerifier mv = MessageVerifier.forClient(client).orElseThrow(() -> new VerificationException(
        Reason.INPUT_MALFORMED, "the network config has no DEPOSIT_CHAIN_ID (the RPC's eth_chainId is not trusted)"));
    final List<VerifiedMessage> out = new ArrayList<>();
    for (final int p : positions) {
      out.add(mv.verifyMessage(block, txIndex, p, proof).orElseThrow());
    }
    return new Messages(anchor, block, tx, txIndex, receipts.size(), out);
  }

  private static List<Integer> positions(final LogSelector which, final long firstLogIndex, final int count) {
    if (which instanceof InReceipt r) {
      if (r.index() < 0 || r.index() >= count) {
        throw new VerificationException(Reason.LOG_INDEX_OUT_OF_RANGE, "--log-index " + r.index()
            + " but the receipt has " + count + " log(s) (positions 0.." + (count - 1) + ")");
      }
      return List.of(r.index());
    }
    if (which instanceof BlockWide b) {
      // The RPC's logIndex labels are not covered by the receipts root: the position is derived from the
      // verified receipts (logs of the earlier receipts of the block come first).
      final long p = b.logIndex() - firstLogIndex;
      if (b.logIndex() < firstLogIndex || p >= count) {
        throw new VerificationException(Reason.LOG_INDEX_OUT_OF_RANGE, "block-wide logIndex " + b.logIndex()
            + " is not a log of this receipt (its logs are " + firstLogIndex + ".." + (firstLogIndex + count - 1)
            + " in the verified receipts)");
      }
      return List.of((int) p);
    }
    if (count == 0) {
      throw new VerificationException(Reason.LOG_INDEX_OUT_OF_RANGE, "the receipt has no logs");
    }
    final List<Integer> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      all.add(i);
    }
    return all;
  }

  /** An account (and storage slots) proven at the finalized anchor's state root via {@code eth_getProof}. */
  record AccountAt(ExecutionAnchor anchor, VerifiedAccount account) {}

  /** Verifies {@code address} and {@code slots} at the finalized anchor. */
  static ProofResult<AccountAt> account(final LightClient client, final ExecutionRpcClient rpc,
      final Address address, final List<Hash32> slots) {
    final Optional<ExecutionAnchor> fin = client.finalizedExecution();
    if (fin.isEmpty()) {
      return new ProofResult.Rejected<>(Reason.EXECUTION_HEADER_MISMATCH,
          "the finalized light-client header has no execution payload (pre-Capella)");
    }
    return account(client, rpc, fin.get(), address, slots);
  }

  /** {@link #account(LightClient, ExecutionRpcClient, Address, List)} at a given finalized anchor. */
  static ProofResult<AccountAt> account(final LightClient client, final ExecutionRpcClient rpc,
      final ExecutionAnchor finalized, final Address address, final List<Hash32> slots) {
    final ProofResult<ExecutionAnchor> bound = bound(finalized, rpc);
    if (!(bound instanceof ProofResult.Verified<ExecutionAnchor> ok)) {
      final ProofResult.Rejected<ExecutionAnchor> r = (ProofResult.Rejected<ExecutionAnchor>) bound;
      return new ProofResult.Rejected<>(r.reason(), r.detail());
    }
    final ExecutionAnchor anchor = ok.value();
    final JsonNode proof = rpc.getProof(address, slots, BlockId.hash(anchor.blockHash()));
    return ProofResult.of(() -> {
      final AccountProofResponse resp = AccountProofResponse.fromJson(proof);
      final MessageVerifier mv = MessageVerifier.forClient(client).orElseGet(() -> new MessageVerifier(0));
      final VerifiedAccount va = mv.verifyAccount(anchor, address, resp).orElseThrow();
      for (final Hash32 s : slots) {
        if (va.storage().stream().map(VerifiedSlot::key).noneMatch(s::equals)) {
          throw new VerificationException(Reason.INPUT_MALFORMED, "storage slot " + s
              + " was asked for but is missing from the eth_getProof response");
        }
      }
      return new AccountAt(anchor, va);
    });
  }
}
