package io.trestle.testkit.devnet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.crypto.Address;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Keccak256;
import io.trestle.crypto.Sha256;
import io.trestle.lightclient.types.ExecutionPayloadHeader;
import io.trestle.lightclient.config.Fork;
import io.trestle.proofs.execution.ExecutionHeader;
import io.trestle.proofs.execution.Log;
import io.trestle.proofs.execution.Receipt;
import io.trestle.proofs.mpt.MptVerifier;
import io.trestle.proofs.mpt.TrieBuilder;
import io.trestle.proofs.rlp.RlpWriter;
import io.trestle.proofs.ssz.Merkle;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One devnet execution block (Prague header shape): EIP-1559 transactions with placeholder signatures,
 * their type-2 receipts, the MPT transactions and receipts roots, the 21-field header and its hash, the
 * matching beacon {@code ExecutionPayloadHeader} (SSZ transactions root), and the JSON-RPC views.
 */
final class ExecutionBlock {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** {@code MAX_BYTES_PER_TRANSACTION} / 32: chunk limit of one SSZ transaction. */
  private static final long TX_CHUNK_LIMIT = (1L << 30) / 32;
  /** {@code MAX_TRANSACTIONS_PER_PAYLOAD}. */
  private static final long MAX_TXS = 1L << 20;
  /** {@code MAX_WITHDRAWALS_PER_PAYLOAD}. */
  private static final long MAX_WITHDRAWALS = 16;
  /** EIP-7685 requests hash of a block without requests: sha256 of nothing. */
  static final Hash32 EMPTY_REQUESTS_HASH = Sha256.hash(new byte[0]);

  /** An EIP-1559 transaction as generated (the signature values are placeholders, not a real ECDSA signature). */
  record Tx(long chainId, long nonce, BigInteger maxPriorityFee, BigInteger maxFee, long gas, Address from,
      Address to, BigInteger value, Bytes input, int yParity, BigInteger r, BigInteger s, long gasUsed,
      List<Log> logs) {
    Bytes raw() {
      return Bytes.of(RlpWriter.concat(new byte[] {2}, RlpWriter.list(
          RlpWriter.uint(chainId), RlpWriter.uint(nonce), RlpWriter.uint(maxPriorityFee), RlpWriter.uint(maxFee),
          RlpWriter.uint(gas), RlpWriter.string(to), RlpWriter.uint(value), RlpWriter.string(input),
          RlpWriter.list(), RlpWriter.uint(yParity), RlpWriter.uint(r), RlpWriter.uint(s))));
    }

    Hash32 hash() {
      return Keccak256.hash(raw().toArray());
    }
  }

  private final List<Tx> txs;
  private final List<Receipt> receipts;
  private final ExecutionHeader header;
  private final Hash32 hash;
  private final TrieBuilder receiptTrie = new TrieBuilder();

  ExecutionBlock(final long number, final Hash32 parentHash, final long timestamp, final Address feeRecipient,
      final Hash32 prevRandao, final Hash32 parentBeaconRoot, final Hash32 stateRoot, final BigInteger baseFee,
      final long gasLimit, final Bytes extraData, final List<Tx> txs) {
    this(number, parentHash, timestamp, feeRecipient, prevRandao, parentBeaconRoot, stateRoot, baseFee, gasLimit,
        extraData, txs, java.util.OptionalLong.empty());
  }

  /**
   * keccak256 of the RLP of an empty block access list ({@code rlp([]) = 0xc0}): the Amsterdam {@code
   * block_access_list_hash} of a devnet block (no state access is recorded).
   */
  static final Hash32 EMPTY_BLOCK_ACCESS_LIST_HASH = io.trestle.crypto.Keccak256.hash(new byte[] {(byte) 0xc0});

  /**
   * A block; with {@code amsterdamSlot} an Amsterdam header (23 fields: {@code blockAccessListHash} of an
   * empty access list and {@code slotNumber}), else a Prague header (21 fields).
   */
  ExecutionBlock(final long number, final Hash32 parentHash, final long timestamp, final Address feeRecipient,
      final Hash32 prevRandao, final Hash32 parentBeaconRoot, final Hash32 stateRoot, final BigInteger baseFee,
      final long gasLimit, final Bytes extraData, final List<Tx> txs, final java.util.OptionalLong amsterdamSlot) {
    this.txs = List.copyOf(txs);
    final List<Receipt> rs = new ArrayList<>();
    final TrieBuilder txTrie = new TrieBuilder();
    final List<Log> allLogs = new ArrayList<>();
    long cumulative = 0;
    for (int i = 0; i < txs.size(); i++) {
      final Tx t = txs.get(i);
      cumulative += t.gasUsed();
      final Receipt r = new Receipt(2, Optional.of(true), Optional.empty(), cumulative, Receipt.bloom(t.logs()),
          t.logs());
      rs.add(r);
      allLogs.addAll(t.logs());
      txTrie.put(RlpWriter.uint(i), t.raw().toArray());
      receiptTrie.put(RlpWriter.uint(i), r.encode());
    }
    this.receipts = List.copyOf(rs);
    this.header = new ExecutionHeader(parentHash, ExecutionHeader.EMPTY_OMMERS_HASH, feeRecipient, stateRoot,
        txTrie.root(), receiptTrie.root(), Receipt.bloom(allLogs), BigInteger.ZERO, number, gasLimit, cumulative,
        timestamp, extraData, prevRandao, Bytes.of(new byte[8]), Optional.of(baseFee),
        Optional.of(MptVerifier.EMPTY_TRIE_ROOT), Optional.of(0L), Optional.of(0L), Optional.of(parentBeaconRoot),
        Optional.of(EMPTY_REQUESTS_HASH),
        amsterdamSlot.isPresent() ? Optional.of(EMPTY_BLOCK_ACCESS_LIST_HASH) : Optional.empty(),
        amsterdamSlot.isPresent() ? Optional.of(amsterdamSlot.getAsLong()) : Optional.empty());
    this.hash = header.hash();
  }

  ExecutionHeader header() {
    return header;
  }

  Hash32 hash() {
    return hash;
  }

  List<Tx> txs() {
    return txs;
  }

  List<Receipt> receipts() {
    return receipts;
  }

  /** The receipts-trie proof of the receipt at {@code index} (root first). */
  List<Bytes> receiptProof(final int index) {
    return receiptTrie.proof(RlpWriter.uint(index));
  }

  /** SSZ {@code hash_tree_root} of {@code List[ByteList[2^30], 2^20]} over the raw transactions. */
  Hash32 sszTransactionsRoot() {
    final List<Hash32> roots = new ArrayList<>(txs.size());
    for (final Tx t : txs) {
      final byte[] raw = t.raw().toArray();
      roots.add(Merkle.mixInLength(Merkle.merkleizeBytes(raw, TX_CHUNK_LIMIT), raw.length));
    }
    return Merkle.mixInLength(Merkle.merkleize(roots, MAX_TXS), roots.size());
  }

  /** SSZ root of an empty {@code List[Withdrawal, MAX_WITHDRAWALS_PER_PAYLOAD]}. */
  static Hash32 emptyWithdrawalsRoot() {
    return Merkle.mixInLength(Merkle.merkleize(List.of(), MAX_WITHDRAWALS), 0);
  }

  /** The beacon {@code ExecutionPayloadHeader} (Deneb shape, used by Electra) of this block. */
  ExecutionPayloadHeader payloadHeader() {
    final ExecutionHeader h = header;
    return new ExecutionPayloadHeader(Fork.DENEB, h.parentHash(), h.beneficiary(), h.stateRoot(), h.receiptsRoot(),
        h.logsBloom(), h.mixHash(), h.number(), h.gasLimit(), h.gasUsed(), h.timestamp(), h.extraData(),
        h.baseFeePerGas().orElseThrow(), hash, sszTransactionsRoot(), emptyWithdrawalsRoot(),
        h.blobGasUsed().orElseThrow(), h.excessBlobGas().orElseThrow());
  }

  private BigInteger effectiveGasPrice(final Tx t) {
    final BigInteger base = header.baseFeePerGas().orElseThrow();
    return t.maxFee().min(base.add(t.maxPriorityFee()));
  }

  /** The {@code eth_getBlockByNumber} result, with full transaction objects or only their hashes. */
  ObjectNode blockJson(final boolean fullTransactions) {
    final ExecutionHeader h = header;
    final ObjectNode o = F.objectNode();
    o.put("number", RpcFormat.quantity(h.number()));
    o.put("hash", hash.toHex());
    o.put("parentHash", h.parentHash().toHex());
    o.put("sha3Uncles", h.ommersHash().toHex());
    o.put("miner", h.beneficiary().toHex());
    o.put("stateRoot", h.stateRoot().toHex());
    o.put("transactionsRoot", h.transactionsRoot().toHex());
    o.put("receiptsRoot", h.receiptsRoot().toHex());
    o.put("logsBloom", h.logsBloom().toHex());
    o.put("difficulty", RpcFormat.quantity(h.difficulty()));
    o.put("gasLimit", RpcFormat.quantity(h.gasLimit()));
    o.put("gasUsed", RpcFormat.quantity(h.gasUsed()));
    o.put("timestamp", RpcFormat.quantity(h.timestamp()));
    o.put("extraData", h.extraData().toHex());
    o.put("mixHash", h.mixHash().toHex());
    o.put("nonce", h.nonce().toHex());
    o.put("baseFeePerGas", RpcFormat.quantity(h.baseFeePerGas().orElseThrow()));
    o.put("withdrawalsRoot", h.withdrawalsRoot().orElseThrow().toHex());
    o.put("blobGasUsed", RpcFormat.quantity(h.blobGasUsed().orElseThrow()));
    o.put("excessBlobGas", RpcFormat.quantity(h.excessBlobGas().orElseThrow()));
    o.put("parentBeaconBlockRoot", h.parentBeaconBlockRoot().orElseThrow().toHex());
    o.put("requestsHash", h.requestsHash().orElseThrow().toHex());
    h.blockAccessListHash().ifPresent(x -> o.put("blockAccessListHash", x.toHex()));
    h.slotNumber().ifPresent(x -> o.put("slotNumber", "0x" + Long.toHexString(x)));
    long size = h.encode().length;
    for (final Tx t : txs) {
      size += t.raw().size();
    }
    o.put("size", RpcFormat.quantity(size));
    final ArrayNode arr = o.putArray("transactions");
    for (int i = 0; i < txs.size(); i++) {
      if (fullTransactions) {
        arr.add(txJson(i));
      } else {
        arr.add(txs.get(i).hash().toHex());
      }
    }
    o.putArray("uncles");
    o.putArray("withdrawals");
    return o;
  }

  private ObjectNode txJson(final int i) {
    final Tx t = txs.get(i);
    final ObjectNode o = F.objectNode();
    o.put("type", "0x2");
    o.put("chainId", RpcFormat.quantity(t.chainId()));
    o.put("nonce", RpcFormat.quantity(t.nonce()));
    o.put("gas", RpcFormat.quantity(t.gas()));
    o.put("maxFeePerGas", RpcFormat.quantity(t.maxFee()));
    o.put("maxPriorityFeePerGas", RpcFormat.quantity(t.maxPriorityFee()));
    o.put("gasPrice", RpcFormat.quantity(effectiveGasPrice(t)));
    o.put("to", t.to().toHex());
    o.put("value", RpcFormat.quantity(t.value()));
    o.put("input", t.input().toHex());
    o.putArray("accessList");
    o.put("v", RpcFormat.quantity(t.yParity()));
    o.put("yParity", RpcFormat.quantity(t.yParity()));
    o.put("r", RpcFormat.quantity(t.r()));
    o.put("s", RpcFormat.quantity(t.s()));
    o.put("from", t.from().toHex());
    o.put("hash", t.hash().toHex());
    o.put("blockHash", hash.toHex());
    o.put("blockNumber", RpcFormat.quantity(header.number()));
    o.put("transactionIndex", RpcFormat.quantity(i));
    return o;
  }

  /** Index (block-wide) of the first log of the receipt at {@code txIndex}. */
  int firstLogIndex(final int txIndex) {
    int n = 0;
    for (int i = 0; i < txIndex; i++) {
      n += receipts.get(i).logs().size();
    }
    return n;
  }

  /** The {@code eth_getTransactionReceipt} result of the transaction at {@code i}. */
  ObjectNode receiptJson(final int i) {
    final Tx t = txs.get(i);
    final Receipt r = receipts.get(i);
    final ObjectNode o = F.objectNode();
    o.put("type", "0x2");
    o.put("status", "0x1");
    o.put("cumulativeGasUsed", RpcFormat.quantity(r.cumulativeGasUsed()));
    o.put("logsBloom", r.logsBloom().toHex());
    final ArrayNode logs = o.putArray("logs");
    int logIndex = firstLogIndex(i);
    for (final Log l : r.logs()) {
      final ObjectNode lo = logs.addObject();
      lo.put("address", l.address().toHex());
      final ArrayNode topics = lo.putArray("topics");
      l.topics().forEach(x -> topics.add(x.toHex()));
      lo.put("data", l.data().toHex());
      lo.put("blockNumber", RpcFormat.quantity(header.number()));
      lo.put("blockHash", hash.toHex());
      lo.put("blockTimestamp", RpcFormat.quantity(header.timestamp()));
      lo.put("transactionHash", t.hash().toHex());
      lo.put("transactionIndex", RpcFormat.quantity(i));
      lo.put("logIndex", RpcFormat.quantity(logIndex++));
      lo.put("removed", false);
    }
    o.put("transactionHash", t.hash().toHex());
    o.put("transactionIndex", RpcFormat.quantity(i));
    o.put("blockHash", hash.toHex());
    o.put("blockNumber", RpcFormat.quantity(header.number()));
    o.put("from", t.from().toHex());
    o.put("to", t.to().toHex());
    o.putNull("contractAddress");
    o.put("gasUsed", RpcFormat.quantity(t.gasUsed()));
    o.put("effectiveGasPrice", RpcFormat.quantity(effectiveGasPrice(t)));
    return o;
  }

  /** The {@code eth_getBlockReceipts} result. */
  ArrayNode receiptsJson() {
    final ArrayNode arr = F.arrayNode();
    for (int i = 0; i < txs.size(); i++) {
      arr.add(receiptJson(i));
    }
    return arr;
  }
}
