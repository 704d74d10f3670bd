package io.trestle.lightclient;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Address;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.source.ExecutionSource.BlockId;
import io.trestle.lightclient.source.ExecutionSource;
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
import io.trestle.proofs.execution.AccountProofResponse;
import io.trestle.proofs.state.VerifiedAccount;
import io.trestle.proofs.state.VerifiedSlot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import io.trestle.lightclient.internal.MessageVerifier;

/**
 * The relayer's entry point: "this transaction's log (or this account, this storage slot), on the finalized
 * chain, verified". Takes the light client's finalized execution block as the only trusted input, fetches what
 * it needs from an untrusted {@link ExecutionSource}, then verifies, and returns a sealed {@link Outcome}:
 * verified, rejected with a stable {@link Reason}, or undecided (not final yet; source failed) with a retry hint.
 *
 * <p>Every fetch happens first; the verification that follows is pure (no IO). What is fetched and checked for a
 * message:
 *
 * <ol>
 *   <li>{@code eth_getTransactionReceipt} only locates a transaction given by hash (block number, hash, index:
 *       all untrusted). A block after the finalized one is {@link Outcome.Undecided.Why#NOT_FINAL_YET}, one more
 *       than {@link ExecutionAnchor#MAX_ANCESTRY} blocks before it {@code PROOF_TOO_LARGE}.
 *   <li>Headers from the finalized block down to the transaction's block, re-hashed and linked by parent hash
 *       ({@link ExecutionAnchor#ancestor}).
 *   <li>The block's full transaction list, checked against the verified transactions root; it binds the
 *       transaction hash to its index.
 *   <li>All the block's receipts: the receipts trie is rebuilt here, its root must equal the verified receipts
 *       root, and the proof for the index comes from that rebuilt trie, so the source cannot substitute anything.
 * </ol>
 *
 * <p>The message's chain id is the one of the network the light client was configured with ({@link
 * ExecutionAnchor#chainId()}); the source's {@code eth_chainId} is only compared with it, to catch a
 * misconfigured endpoint.
 *
 * <p>Thread-safe when the source is: each call reads one snapshot of the light client's finalized header.
 */
public final class ExecutionVerifier {
  private final LightClient client;
  private final ExecutionSource source;

  private ExecutionVerifier(final LightClient client, final ExecutionSource source) {
    this.client = client;
    this.source = source;
  }

  /** A verifier of the finalized chain of {@code client}, with data from {@code source}. */
  public static ExecutionVerifier of(final LightClient client, final ExecutionSource source) {
    return new ExecutionVerifier(Objects.requireNonNull(client, "client"), Objects.requireNonNull(source, "source"));
  }

  /** Which transaction: by hash, or by block number and index. */
  public sealed interface TxRef permits TxRef.ByHash, TxRef.InBlock {
    /** The transaction with this hash (located with {@code eth_getTransactionReceipt}). */
    static TxRef hash(final Hash32 txHash) {
      return new ByHash(txHash);
    }

    /** Transaction {@code index} of block {@code blockNumber}. */
    static TxRef inBlock(final long blockNumber, final int index) {
      return new InBlock(blockNumber, index);
    }

    /** A transaction hash. */
    record ByHash(Hash32 txHash) implements TxRef {
      /** Non-null. */
      public ByHash {
        Objects.requireNonNull(txHash, "txHash");
      }
    }

    /** A block number and a transaction index (both non-negative). */
    record InBlock(long blockNumber, int index) implements TxRef {
      /** Non-negative numbers. */
      public InBlock {
        if (blockNumber < 0 || index < 0) {
          throw new IllegalArgumentException("block number and index must be non-negative");
        }
      }
    }
  }

  /** Which logs of the receipt become messages. */
  public sealed interface LogSelector permits LogSelector.All, LogSelector.InReceipt, LogSelector.BlockWide {
    /** Every log of the receipt (at least one must exist). */
    static LogSelector all() {
      return new All();
    }

    /** The log at this position inside the receipt (0 = the transaction's first log). */
    static LogSelector inReceipt(final int position) {
      return new InReceipt(position);
    }

    /**
     * A block-wide {@code logIndex} (as JSON-RPC labels logs), mapped to the position by the log counts of the
     * verified receipts; the RPC's own labels are not trusted.
     */
    static LogSelector blockWide(final long logIndex) {
      return new BlockWide(logIndex);
    }

    /** Every log. */
    record All() implements LogSelector {}

    /** A position inside the receipt. */
    record InReceipt(int index) implements LogSelector {}

    /** A block-wide log index. */
    record BlockWide(long logIndex) implements LogSelector {}
  }

  // ------------------------------------------------------------------------------------------- message

  /** What {@link #message} fetched, all untrusted. */
  private record Fetched(ExecutionAnchor anchor, long number, Optional<Hash32> claimedHash, long txIndex,
      Optional<Hash32> txHash, List<JsonNode> headersNewestFirst, JsonNode fullBlock, JsonNode receipts) {}

  /**
   * Verifies the log(s) {@code which} of transaction {@code tx} on the finalized chain. See the class comment
   * for what is fetched and checked.
   */
  public Outcome<VerifiedTransaction> message(final TxRef tx, final LogSelector which) {
    Objects.requireNonNull(tx, "tx");
    Objects.requireNonNull(which, "which");
    final Optional<ExecutionAnchor> fin = client.finalizedExecution();
    if (fin.isEmpty()) {
      return noPayload();
    }
    return message(fin.get(), tx, which);
  }

  /**
   * {@link #message(TxRef, LogSelector)} under a given finalized anchor (one this client or another verified
   * light client produced: anchors have no public constructor). A hash-only anchor is bound first.
   */
  public Outcome<VerifiedTransaction> message(final ExecutionAnchor finalized, final TxRef tx,
      final LogSelector which) {
    Objects.requireNonNull(finalized, "finalized");
    Objects.requireNonNull(tx, "tx");
    Objects.requireNonNull(which, "which");
    final ExecutionAnchor anchor;
    try {
      final ProofResult<ExecutionAnchor> b = bound(finalized);
      if (b instanceof ProofResult.Rejected<ExecutionAnchor> r) {
        return new Outcome.Rejected<>(r.reason(), r.detail());
      }
      anchor = ((ProofResult.Verified<ExecutionAnchor>) b).value();
    } catch (SourceException e) {
      return sourceFailed(e);
    }
    if (anchor.chainId().isEmpty()) {
      return new Outcome.Rejected<>(Reason.CHAIN_ID_UNKNOWN, "the network config has no DEPOSIT_CHAIN_ID"
          + " (the RPC's eth_chainId is not trusted)");
    }
    final Fetched f;
    try {
      source.checkChainId(anchor.chainId().getAsLong());
      final long number;
      final Optional<Hash32> claimedHash;
      final long txIndex;
      if (tx instanceof TxRef.ByHash h) {
        final JsonNode rc = source.getTransactionReceipt(h.txHash());
        final ProofResult<long[]> loc = ProofResult.of(() -> new long[] {RpcJson.quantityLong(rc, "blockNumber"),
            RpcJson.quantityLong(rc, "transactionIndex")});
        final ProofResult<Hash32> locHash = ProofResult.of(() -> RpcJson.hash(rc, "blockHash"));
        if (!loc.isVerified()) {
          return Outcome.of(loc.map(x -> null));
        }
        if (!locHash.isVerified()) {
          return Outcome.of(locHash.map(x -> null));
        }
        number = loc.orElseThrow()[0];
        txIndex = loc.orElseThrow()[1];
        claimedHash = Optional.of(locHash.orElseThrow());
      } else {
        final TxRef.InBlock b = (TxRef.InBlock) tx;
        number = b.blockNumber();
        txIndex = b.index();
        claimedHash = Optional.empty();
      }
      final Optional<Outcome<VerifiedTransaction>> early = inWindow(anchor, number, tx instanceof TxRef.ByHash
          ? "the receipt is in block " : "the transaction is in block ");
      if (early.isPresent()) {
        return early.get();
      }
      final List<JsonNode> headers = new ArrayList<>();
      if (number < anchor.blockNumber() || anchor.receiptsRoot().isEmpty()) {
        for (long n = anchor.blockNumber(); n >= number; n--) {
          headers.add(source.getBlockByNumber(BlockId.number(n), false));
        }
      }
      final JsonNode fullBlock = claimedHash.isPresent() ? source.getBlockByHash(claimedHash.get(), true)
          : source.getBlockByNumber(BlockId.number(number), true);
      final JsonNode receipts = source.getBlockReceipts(claimedHash.isPresent() ? BlockId.hash(claimedHash.get())
          : BlockId.number(number));
      f = new Fetched(anchor, number, claimedHash, txIndex,
          tx instanceof TxRef.ByHash h ? Optional.of(h.txHash()) : Optional.empty(), headers, fullBlock, receipts);
    } catch (SourceException e) {
      return sourceFailed(e);
    }
    return Outcome.of(ProofResult.of(() -> verifyMessage(f, which)));
  }

  private static <T> Optional<Outcome<T>> inWindow(final ExecutionAnchor anchor, final long number,
      final String what) {
    if (number > anchor.blockNumber()) {
      return Optional.of(new Outcome.Undecided<>(Outcome.Undecided.Why.NOT_FINAL_YET, what + number
          + ", after the finalized block " + anchor.blockNumber() + ": not final yet, retry later",
          OptionalLong.of(number), Optional.empty()));
    }
    if (anchor.blockNumber() - number > ExecutionAnchor.MAX_ANCESTRY) {
      return Optional.of(new Outcome.Rejected<>(Reason.PROOF_TOO_LARGE, "block " + number + " is "
          + (anchor.blockNumber() - number) + " blocks before the finalized block; the walk-back bound is "
          + ExecutionAnchor.MAX_ANCESTRY));
    }
    return Optional.empty();
  }

  /** The pure part of {@link #message}: throws VerificationException on any inconsistency. */
  private static VerifiedTransaction verifyMessage(final Fetched f, final LogSelector which) {
    final ExecutionAnchor anchor = f.anchor();
    final ExecutionAnchor block = bind(anchor, f.headersNewestFirst(), f.number());
    if (f.claimedHash().isPresent() && !block.blockHash().equals(f.claimedHash().get())) {
      throw new VerificationException(Reason.ANCESTRY_INVALID, "the receipt claims block " + f.number() + " hash "
          + f.claimedHash().get() + " but the verified block " + block.blockNumber() + " is " + block.blockHash());
    }
    // Bind the transaction hash to its index: the block's transactions against the verified root.
    final VerifiedBlock vb = BlockVerifier.verify(f.fullBlock(), Optional.empty()).orElseThrow();
    if (!vb.blockHash().equals(block.blockHash())) {
      throw new VerificationException(Reason.BLOCK_HASH_MISMATCH, "the source returned block " + vb.blockHash()
          + ", asked for " + block.blockHash());
    }
    final List<JsonNode> txs = RpcJson.array(f.fullBlock(), "transactions");
    if (f.txIndex() >= txs.size()) {
      throw new VerificationException(Reason.INPUT_MALFORMED, "transactionIndex " + f.txIndex() + " but block "
          + block.blockNumber() + " has " + txs.size() + " transactions");
    }
    final Hash32 actual = Transaction.fromJson(txs.get((int) f.txIndex())).hash();
    if (f.txHash().isPresent() && !actual.equals(f.txHash().get())) {
      throw new VerificationException(Reason.TRANSACTION_MALFORMED, "transaction " + f.txIndex() + " of block "
          + block.blockNumber() + " is " + actual + ", not " + f.txHash().get());
    }
    // Rebuild the receipts trie from every receipt of the block.
    final JsonNode all = f.receipts();
    if (all == null || !all.isArray()) {
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
    if (f.txIndex() >= receipts.size()) {
      throw new VerificationException(Reason.INPUT_MALFORMED, "transactionIndex " + f.txIndex()
          + " but block has " + receipts.size() + " receipts");
    }
    final List<Bytes> proof = trie.proof(RlpWriter.uint(f.txIndex()));
    final int logCount = receipts.get((int) f.txIndex()).logs().size();
    long firstLogIndex = 0; // block-wide index of this receipt's first log, from the verified receipts
    for (int i = 0; i < (int) f.txIndex(); i++) {
      firstLogIndex += receipts.get(i).logs().size();
    }
    final List<VerifiedMessage> out = new ArrayList<>();
    for (final int p : positions(which, firstLogIndex, logCount)) {
      out.add(MessageVerifier.verifyMessage(block, f.txIndex(), p, proof).orElseThrow());
    }
    return new VerifiedTransaction(anchor, block, actual, f.txIndex(), receipts.size(), out);
  }

  /**
   * The anchor with its execution header bound. A hash-only anchor (Gloas: the light client proves only the
   * execution block hash, {@link ExecutionAnchor#isHashOnly()}) gets its header from {@code eth_getBlockByHash},
   * re-hashed here and compared with the verified hash ({@link ExecutionAnchor#withHeader(JsonNode)}); only then
   * are its number and roots used. A bound anchor is returned as it is.
   */
  private ProofResult<ExecutionAnchor> bound(final ExecutionAnchor anchor) {
    if (!anchor.isHashOnly()) {
      return new ProofResult.Verified<>(anchor);
    }
    return anchor.withHeader(source.getBlockByHash(anchor.blockHash(), false));
  }

  /** The anchor of block {@code number}: the finalized anchor, or an ancestor through the fetched headers. */
  private static ExecutionAnchor bind(final ExecutionAnchor anchor, final List<JsonNode> headersNewestFirst,
      final long number) {
    if (headersNewestFirst.isEmpty()) {
      return anchor;
    }
    final List<Bytes> headers = new ArrayList<>();
    for (int i = 0; i < headersNewestFirst.size(); i++) {
      try {
        headers.add(Bytes.of(ExecutionHeader.fromJson(headersNewestFirst.get(i)).encode()));
      } catch (VerificationException e) {
        throw e.withContext("block " + (anchor.blockNumber() - i));
      }
    }
    final ExecutionAnchor block = anchor.ancestor(headers).orElseThrow();
    if (block.blockNumber() != number) {
      throw new VerificationException(Reason.ANCESTRY_INVALID, "the walk ended at block " + block.blockNumber()
          + ", not " + number);
    }
    return block;
  }

  private static List<Integer> positions(final LogSelector which, final long firstLogIndex, final int count) {
    if (which instanceof LogSelector.InReceipt r) {
      if (r.index() < 0 || r.index() >= count) {
        throw new VerificationException(Reason.LOG_INDEX_OUT_OF_RANGE, "log position " + r.index()
            + " but the receipt has " + count + " log(s) (positions 0.." + (count - 1) + ")");
      }
      return List.of(r.index());
    }
    if (which instanceof LogSelector.BlockWide b) {
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

  // ------------------------------------------------------------------------------------------- account

  /**
   * Verifies {@code address} and the storage {@code slots} (32-byte keys) at the finalized block's state root
   * ({@code eth_getProof} by block hash). Every requested slot must be in the response.
   */
  public Outcome<AnchoredAccount> account(final Address address, final List<Hash32> slots) {
    Objects.requireNonNull(address, "address");
    final Optional<ExecutionAnchor> fin = client.finalizedExecution();
    if (fin.isEmpty()) {
      return noPayload();
    }
    return account(fin.get(), address, slots);
  }

  /**
   * {@link #account(Address, List)} at a given finalized anchor (one a verified light client produced). A
   * hash-only anchor is bound first.
   */
  public Outcome<AnchoredAccount> account(final ExecutionAnchor finalized, final Address address,
      final List<Hash32> slots) {
    Objects.requireNonNull(finalized, "finalized");
    Objects.requireNonNull(address, "address");
    final List<Hash32> keys = List.copyOf(slots);
    final ExecutionAnchor anchor;
    try {
      final ProofResult<ExecutionAnchor> b = bound(finalized);
      if (b instanceof ProofResult.Rejected<ExecutionAnchor> r) {
        return new Outcome.Rejected<>(r.reason(), r.detail());
      }
      anchor = ((ProofResult.Verified<ExecutionAnchor>) b).value();
    } catch (SourceException e) {
      return sourceFailed(e);
    }
    final Optional<JsonNode> header;
    final JsonNode proof;
    try {
      if (anchor.chainId().isPresent()) {
        source.checkChainId(anchor.chainId().getAsLong());
      }
      header = anchor.stateRoot().isEmpty() ? Optional.of(source.getBlockByHash(anchor.blockHash(), false))
          : Optional.empty();
      proof = source.getProof(address, keys, BlockId.hash(anchor.blockHash()));
    } catch (SourceException e) {
      return sourceFailed(e);
    }
    return Outcome.of(ProofResult.of(() -> {
      final ExecutionAnchor bound = header.isEmpty() ? anchor
          : bind(anchor, List.of(header.get()), anchor.blockNumber());
      final AccountProofResponse resp = AccountProofResponse.fromJson(proof);
      final VerifiedAccount va = MessageVerifier.verifyAccount(bound, address, resp).orElseThrow();
      for (final Hash32 s : keys) {
        if (va.storage().stream().map(VerifiedSlot::key).noneMatch(s::equals)) {
          throw new VerificationException(Reason.INPUT_MALFORMED, "storage slot " + s
              + " was asked for but is missing from the eth_getProof response");
        }
      }
      return new AnchoredAccount(bound, va);
    }));
  }

  private static <T> Outcome<T> noPayload() {
    return new Outcome.Rejected<>(Reason.EXECUTION_HEADER_MISMATCH,
        "the finalized light-client header has no execution payload (pre-Capella)");
  }

  private static <T> Outcome<T> sourceFailed(final SourceException e) {
    return new Outcome.Undecided<>(Outcome.Undecided.Why.SOURCE_FAILED, e.getMessage(), OptionalLong.empty(),
        Optional.of(e));
  }
}
