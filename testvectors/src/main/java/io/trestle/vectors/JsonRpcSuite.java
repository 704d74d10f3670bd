package io.trestle.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Address;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Keccak256;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import io.trestle.proofs.VerificationException;
import io.trestle.proofs.execution.BeaconFork;
import io.trestle.proofs.execution.BeaconPayloadVerifier;
import io.trestle.proofs.execution.BlockVerifier;
import io.trestle.proofs.execution.ExecutionHeader;
import io.trestle.proofs.execution.Log;
import io.trestle.proofs.execution.Receipt;
import io.trestle.proofs.execution.ReceiptProofVerifier;
import io.trestle.proofs.execution.Transaction;
import io.trestle.proofs.execution.VerifiedBlock;
import io.trestle.proofs.execution.VerifiedPayload;
import io.trestle.proofs.execution.VerifiedReceipt;
import io.trestle.proofs.json.RpcJson;
import io.trestle.proofs.rlp.Rlp;
import io.trestle.proofs.state.Account;
import io.trestle.proofs.execution.AccountProofResponse;
import io.trestle.proofs.execution.AccountProofVerifier;
import io.trestle.proofs.state.VerifiedAccount;
import io.trestle.proofs.state.VerifiedSlot;
import io.trestle.vectors.RecordingSet.Block;
import io.trestle.vectors.RecordingSet.Resolution;
import io.trestle.vectors.RpcRecording.Exchange;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON-RPC recordings (execution-apis {@code .io} transcripts, lodestar prover fixtures, helios RPC
 * testdata), recognised by content ({@link RpcRecording}). One case per request/response exchange. An
 * answer is checked on its own where it commits to itself, and against the blocks of its <b>recording
 * set</b> ({@link RecordingSet}: every recording and RLP chain file of the same run) where it refers to a
 * block:
 *
 * <ul>
 *   <li>{@code eth_getBlockByNumber}/{@code eth_getBlockByHash}: the header re-hashes to {@code hash}; full
 *       transactions and withdrawals rebuild their roots ({@link BlockVerifier}); the block is the one
 *       requested (hash or number).
 *   <li>{@code eth_getBlockReceipts} (and a bare receipt array): the receipts rebuild the block's {@code
 *       receiptsRoot}, one per transaction, bound to the block and positions (and transaction hashes when
 *       known). {@code debug_getRawReceipts}: the same from the raw encodings.
 *   <li>{@code eth_getTransactionReceipt}: bloom checked, then tied to the receipts root: equal to the
 *       receipt at its index in a receipt list of the set that rebuilds the root, or, for a block with one
 *       transaction, the root rebuilt from it alone.
 *   <li>{@code eth_getTransactionBy*}: the fields re-encode to the claimed and requested hash; the
 *       transaction is the block's transaction at its index when the block's hashes are known.
 *       {@code debug_getRawTransaction}: keccak of the bytes is the requested hash.
 *   <li>{@code eth_getProof}: verified ({@link AccountProofVerifier}) against the state root of the
 *       requested block; a recording with no request is bound to the block of the set whose state root
 *       its first node hashes to. The storage keys are those requested.
 *   <li>{@code eth_getBalance}, {@code eth_getTransactionCount}, {@code eth_getCode}, {@code
 *       eth_getStorageAt}: equal to what an {@code eth_getProof} of the set proves for the same account
 *       and block.
 *   <li>{@code debug_getRawHeader}: decodes strictly and re-encodes byte for byte, and its hash equals the
 *       set's block of that number from another file. {@code debug_getRawBlock}: the {@link ChainRlpSuite}
 *       checks.
 *   <li>{@code eth_getLogs}: every log is the log at its index in a receipt list of the set that rebuilds
 *       its block's receipts root.
 *   <li>helios {@code {receipt, receiptProof}}: the proof verifies against the block's receipts root and
 *       yields the claimed receipt. A lodestar {@code beacon.executionPayload} (Bellatrix/Capella form)
 *       rebuilds its {@code block_hash}.
 * </ul>
 *
 * <p><b>Outcomes.</b> An error response, a {@code null} result, a method with no check ({@code eth_call},
 * {@code eth_feeHistory}, ...), or an answer whose block is not in the set (or is ambiguous) is SKIPPED with
 * the reason; never passed. A disagreement, or a malformed line or answer, is FAILED with the reason.
 */
public final class JsonRpcSuite implements Suite {
  /** The suite name. */
  public static final String NAME = "jsonrpc";

  private final List<Path> runFiles;
  private RecordingSet set;

  /** A suite not bound to a run: its recording set is the file being run alone. */
  public JsonRpcSuite() {
    this(List.of());
  }

  private JsonRpcSuite(final List<Path> runFiles) {
    this.runFiles = List.copyOf(runFiles);
  }

  @Override
  public Suite forRun(final List<Path> files) {
    return new JsonRpcSuite(files);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean recognise(final Path file) {
    return RpcRecording.read(file).isPresent();
  }

  @Override
  public List<CaseResult> run(final Path file) throws IOException {
    final List<Exchange> xs = RpcRecording.read(file)
        .orElseThrow(() -> new IOException("file is no longer a JSON-RPC recording"));
    final RecordingSet s = setFor(file);
    final String source = RecordingSet.id(file);
    final List<CaseResult> out = new ArrayList<>();
    for (final Exchange x : xs) {
      out.add(check(x, s, source));
    }
    return out;
  }

  private synchronized RecordingSet setFor(final Path file) {
    final String id = RecordingSet.id(file);
    if (runFiles.stream().noneMatch(f -> RecordingSet.id(f).equals(id))) {
      return RecordingSet.of(List.of(file));
    }
    if (set == null) {
      set = RecordingSet.of(runFiles);
    }
    return set;
  }

  /** Checks one exchange; never throws. */
  static CaseResult check(final Exchange x, final RecordingSet set, final String source) {
    final String name = x.name();
    if (x.malformed().isPresent()) {
      return CaseResult.failed(name, "malformed recording: " + x.malformed().get());
    }
    final JsonNode resp = x.response();
    if (resp.hasNonNull("error")) {
      return CaseResult.skipped(name, "error response " + VectorJson.abbreviate(resp.get("error").toString())
          + ": nothing to verify");
    }
    if (!resp.has("result")) {
      return CaseResult.failed(name, "malformed recording: response has neither 'result' nor 'error'");
    }
    final JsonNode result = resp.get("result");
    if (result.isNull()) {
      return CaseResult.skipped(name, "result is null (not found): nothing to verify");
    }
    if (x.method().isEmpty()) {
      return CaseResult.skipped(name, "answer of an unknown method: nothing to verify");
    }
    try {
      return switch (x.method().get()) {
        case "eth_getBlockByNumber", "eth_getBlockByHash" -> block(x, result);
        case "eth_getBlockReceipts" -> blockReceipts(x, result, set);
        case "eth_getTransactionReceipt" -> receipt(x, result, set);
        case "eth_getTransactionByHash", "eth_getTransactionByBlockHashAndIndex",
            "eth_getTransactionByBlockNumberAndIndex" -> transaction(x, result, set);
        case "eth_getProof" -> proof(x, result, set);
        case "eth_getBalance", "eth_getTransactionCount", "eth_getCode", "eth_getStorageAt" ->
            accountField(x, result, set);
        case "debug_getRawHeader" -> rawHeader(x, result, set, source);
        case "debug_getRawBlock" -> rawBlock(x, result, set, source);
        case "debug_getRawReceipts" -> rawReceipts(x, result, set);
        case "debug_getRawTransaction" -> rawTransaction(x, result);
        case "eth_getLogs" -> logs(x, result, set);
        case RpcRecording.RECEIPT_WITH_PROOF -> receiptWithProof(x, result, set);
        case RpcRecording.BEACON_PAYLOAD -> beaconPayload(x, result);
        case RpcRecording.BEACON_BLOCK -> beaconBlock(x, result);
        case RpcRecording.LOGS_WITH_PROOFS -> logsWithProofs(x, result, set);
        case RpcRecording.ACCOUNTS_WITH_PROOFS -> accountsWithProofs(x, result, set);
        default -> CaseResult.skipped(name, "no check for " + x.method().get() + " (its answer commits to nothing"
            + " Trestle can recompute)");
      };
    } catch (VerificationException e) {
      return CaseResult.failed(name, e.reason() + ": " + e.detail());
    } catch (RuntimeException | StackOverflowError e) {
      return CaseResult.failed(name, "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static VerificationException mismatch(final Reason r, final String m) {
    return new VerificationException(r, m);
  }

  // --- blocks -------------------------------------------------------------------------------------

  private static CaseResult block(final Exchange x, final JsonNode result) {
    final ProofResult<VerifiedBlock> r = BlockVerifier.verify(result, Optional.empty());
    if (r instanceof ProofResult.Rejected<VerifiedBlock> rej) {
      return CaseResult.failed(x.name(), rej.reason() + ": " + rej.detail());
    }
    final VerifiedBlock vb = r.orElseThrow();
    final JsonNode p = x.param(0);
    final Hash32 askedHash = RecordingSet.hashOf(p);
    if (askedHash != null && !askedHash.equals(vb.blockHash())) {
      return CaseResult.failed(x.name(), "answer is block " + vb.blockHash() + ", the request asked for " + askedHash);
    }
    if (askedHash == null && p.isTextual() && p.asText().startsWith("0x")) {
      final long asked = RpcJson.quantityValue(p, "block number parameter", 63).longValueExact();
      if (asked != vb.number()) {
        return CaseResult.failed(x.name(), "answer is block " + vb.number() + ", the request asked for " + asked);
      }
    }
    return CaseResult.passed(x.name(), "block " + vb.number() + ": " + String.join("; ", vb.checks()));
  }

  private static CaseResult blockReceipts(final Exchange x, final JsonNode result, final RecordingSet set) {
    if (!result.isArray()) {
      throw mismatch(Reason.INPUT_MALFORMED, "result is not an array of receipts");
    }
    final Optional<Block> b;
    final String where;
    if (result.isEmpty()) {
      final Resolution res = set.resolve(x.param(0));
      b = res.found();
      where = res.description();
    } else {
      final Hash32 h = RecordingSet.hashOf(result.get(0).path("blockHash"));
      if (h == null) {
        throw mismatch(Reason.RECEIPT_MALFORMED, "receipts[0] has no 32-byte 'blockHash'");
      }
      b = set.block(h);
      where = "block " + h + " is not in the recording set";
      final Hash32 asked = RecordingSet.hashOf(x.param(0));
      if (asked != null && !asked.equals(h)) {
        return CaseResult.failed(x.name(), "receipts are for block " + h + ", the request asked for " + asked);
      }
    }
    if (b.isEmpty()) {
      return CaseResult.skipped(x.name(), "cannot tie the receipts to a receipts root: " + where);
    }
    return CaseResult.passed(x.name(), checkReceipts(b.get(), result));
  }

  /**
   * Rebuilds {@code block}'s receipts root from a JSON receipt list bound to it.
   *
   * @return what was checked
   * @throws VerificationException naming the disagreement
   */
  static String checkReceipts(final Block block, final JsonNode list) {
    if (!list.isArray()) {
      throw mismatch(Reason.INPUT_MALFORMED, "receipts must be a JSON array");
    }
    if (block.txCount() >= 0 && list.size() != block.txCount()) {
      throw mismatch(Reason.RECEIPTS_ROOT_MISMATCH, list.size() + " receipt(s) for block " + block.header().number()
          + " with " + block.txCount() + " transaction(s)");
    }
    final List<Receipt> rs = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      final JsonNode r = list.get(i);
      try {
        rs.add(Receipt.fromJson(r));
        final Hash32 bh = RecordingSet.hashOf(r.path("blockHash"));
        if (r.has("blockHash") && !block.hash().equals(bh)) {
          throw mismatch(Reason.RECEIPT_MALFORMED, "blockHash " + r.get("blockHash") + " is not " + block.hash());
        }
        if (r.has("transactionIndex")
            && RpcJson.quantityValue(r.get("transactionIndex"), "transactionIndex", 63).longValueExact() != i) {
          throw mismatch(Reason.RECEIPT_MALFORMED, "transactionIndex " + r.get("transactionIndex") + " is not " + i);
        }
        if (r.has("transactionHash") && block.txHashes().isPresent()
            && !block.txHashes().get().get(i).equals(RpcJson.hashValue(r.get("transactionHash"), "transactionHash"))) {
          throw mismatch(Reason.RECEIPT_MALFORMED, "transactionHash is not the block's transaction " + i);
        }
      } catch (VerificationException e) {
        throw e.withContext("receipts[" + i + "]");
      }
    }
    final Hash32 root = Receipt.root(rs);
    if (!root.equals(block.header().receiptsRoot())) {
      throw mismatch(Reason.RECEIPTS_ROOT_MISMATCH, "trie of " + rs.size() + " receipt(s) has root " + root
          + ", block " + block.header().number() + " says " + block.header().receiptsRoot());
    }
    return "receiptsRoot of block " + block.header().number() + " (" + RecordingSet.shortName(block.source())
        + ") rebuilt from " + rs.size() + " receipt(s); blooms, block hash and positions checked"
        + (block.txHashes().isPresent() ? ", transaction hashes matched" : "");
  }

  private static CaseResult receipt(final Exchange x, final JsonNode result, final RecordingSet set) {
    final Receipt rc = Receipt.fromJson(result);
    final Hash32 txHash = RpcJson.hash(result, "transactionHash");
    final Hash32 asked = RecordingSet.hashOf(x.param(0));
    if (asked != null && !asked.equals(txHash)) {
      return CaseResult.failed(x.name(), "receipt is for transaction " + txHash + ", the request asked for " + asked);
    }
    final Hash32 bh = RpcJson.hash(result, "blockHash");
    final int idx = RpcJson.quantity(result, "transactionIndex", 31).intValueExact();
    final Optional<Block> b = set.block(bh);
    if (b.isEmpty()) {
      return CaseResult.skipped(x.name(), "bloom checked only: block " + bh + " is not in the recording set");
    }
    final Block blk = b.get();
    if (blk.txHashes().isPresent()) {
      final List<Hash32> hs = blk.txHashes().get();
      if (idx >= hs.size() || !hs.get(idx).equals(txHash)) {
        return CaseResult.failed(x.name(), "transaction " + idx + " of block " + blk.header().number()
            + " is not " + txHash);
      }
    }
    final Optional<JsonNode> list = set.receipts(bh);
    if (list.isPresent()) {
      if (idx >= list.get().size() || !Receipt.fromJson(list.get().get(idx)).equals(rc)) {
        return CaseResult.failed(x.name(), "differs from receipt " + idx + " of block " + blk.header().number()
            + "'s receipt list, which rebuilds its receipts root");
      }
      return CaseResult.passed(x.name(), "equals receipt " + idx + " of block " + blk.header().number()
          + "'s receipt list in the set, which rebuilds its receipts root");
    }
    if (blk.txCount() == 1 && idx == 0) {
      final Hash32 root = Receipt.root(List.of(rc));
      if (!root.equals(blk.header().receiptsRoot())) {
        return CaseResult.failed(x.name(), "receipt of the only transaction of block " + blk.header().number()
            + " gives receipts root " + root + ", block says " + blk.header().receiptsRoot());
      }
      return CaseResult.passed(x.name(), "receiptsRoot of block " + blk.header().number()
          + " (one transaction) rebuilt from this receipt; bloom and transaction hash checked");
    }
    return CaseResult.skipped(x.name(), "bloom checked only: block " + blk.header().number() + " has "
        + (blk.txCount() < 0 ? "an unknown number of" : String.valueOf(blk.txCount()))
        + " transaction(s) and the set has no receipt list for it that rebuilds its receipts root");
  }

  private static CaseResult receiptWithProof(final Exchange x, final JsonNode result, final RecordingSet set) {
    final JsonNode claimed = RpcJson.field(result, "receipt");
    final Receipt rc = Receipt.fromJson(claimed);
    final Hash32 bh = RpcJson.hash(claimed, "blockHash");
    final long idx = RpcJson.quantityLong(claimed, "transactionIndex");
    final List<Bytes> proof = RpcJson.dataArray(RpcJson.field(result, "receiptProof"), "receiptProof");
    final Optional<Block> b = set.block(bh);
    if (b.isEmpty()) {
      return CaseResult.skipped(x.name(), "block " + bh + " of the receipt is not in the recording set");
    }
    final ProofResult<VerifiedReceipt> r =
        ReceiptProofVerifier.verifyReceipt(b.get().header().receiptsRoot(), idx, proof);
    if (r instanceof ProofResult.Rejected<VerifiedReceipt> rej) {
      return CaseResult.failed(x.name(), rej.reason() + ": " + rej.detail());
    }
    if (!r.orElseThrow().receipt().equals(rc)) {
      return CaseResult.failed(x.name(), "the proof yields a receipt other than the claimed one");
    }
    return CaseResult.passed(x.name(), "receipt proof verified against the receipts root of block "
        + b.get().header().number() + " at index " + idx + "; it yields the claimed receipt");
  }

  private static CaseResult logs(final Exchange x, final JsonNode result, final RecordingSet set) {
    if (!result.isArray()) {
      throw mismatch(Reason.INPUT_MALFORMED, "result is not an array of logs");
    }
    if (result.isEmpty()) {
      return CaseResult.skipped(x.name(), "no logs: nothing to verify");
    }
    int unchecked = 0;
    for (int i = 0; i < result.size(); i++) {
      final JsonNode l = result.get(i);
      final Hash32 bh = RpcJson.hash(l, "blockHash");
      final Optional<JsonNode> list = set.receipts(bh);
      if (list.isEmpty()) {
        unchecked++;
        continue;
      }
      final int txi = RpcJson.quantity(l, "transactionIndex", 31).intValueExact();
      final long li = RpcJson.quantityLong(l, "logIndex");
      final Log claimed = Log.fromJson(l, "logs[" + i + "]");
      long before = 0;
      for (int t = 0; t < txi && t < list.get().size(); t++) {
        before += list.get().get(t).path("logs").size();
      }
      if (txi >= list.get().size()) {
        return CaseResult.failed(x.name(), "logs[" + i + "]: block has no transaction " + txi);
      }
      final List<Log> in = Receipt.fromJson(list.get().get(txi)).logs();
      final long pos = li - before;
      if (pos < 0 || pos >= in.size() || !in.get((int) pos).equals(claimed)) {
        return CaseResult.failed(x.name(), "logs[" + i + "] is not log " + li + " of its block's receipts");
      }
    }
    if (unchecked > 0) {
      return CaseResult.skipped(x.name(), unchecked + " of " + result.size()
          + " log(s) are in blocks with no receipt list in the set that rebuilds their receipts root");
    }
    return CaseResult.passed(x.name(), result.size() + " log(s) found at their indices in receipt lists that"
        + " rebuild their blocks' receipts roots");
  }

  // --- transactions -------------------------------------------------------------------------------

  private static CaseResult transaction(final Exchange x, final JsonNode result, final RecordingSet set) {
    final Transaction t = Transaction.fromJson(result);
    final String m = x.method().orElseThrow();
    if (m.equals("eth_getTransactionByHash")) {
      final Hash32 asked = RecordingSet.hashOf(x.param(0));
      if (asked != null && !asked.equals(t.hash())) {
        return CaseResult.failed(x.name(), "answer is transaction " + t.hash() + ", the request asked for " + asked);
      }
    } else {
      final Hash32 askedBlock = RecordingSet.hashOf(x.param(0));
      if (askedBlock != null && !askedBlock.equals(RpcJson.hash(result, "blockHash"))) {
        return CaseResult.failed(x.name(), "answer is in block " + result.get("blockHash") + ", asked " + askedBlock);
      }
      if (askedBlock == null && x.param(0).isTextual() && x.param(0).asText().startsWith("0x")
          && !RpcJson.quantityValue(x.param(0), "block", 63).equals(RpcJson.quantity(result, "blockNumber", 63))) {
        return CaseResult.failed(x.name(), "answer is in block " + result.get("blockNumber") + ", asked " + x.param(0));
      }
      if (x.param(1).isTextual() && !RpcJson.quantityValue(x.param(1), "index", 31)
          .equals(RpcJson.quantity(result, "transactionIndex", 31))) {
        return CaseResult.failed(x.name(), "answer has index " + result.get("transactionIndex") + ", asked " + x.param(1));
      }
    }
    String inBlock = "";
    final Optional<Block> b = Optional.ofNullable(RecordingSet.hashOf(result.path("blockHash"))).flatMap(set::block);
    if (b.isPresent() && b.get().txHashes().isPresent() && result.hasNonNull("transactionIndex")) {
      final int idx = RpcJson.quantity(result, "transactionIndex", 31).intValueExact();
      final List<Hash32> hs = b.get().txHashes().get();
      if (idx >= hs.size() || !hs.get(idx).equals(t.hash())) {
        return CaseResult.failed(x.name(), "not transaction " + idx + " of block " + b.get().header().number());
      }
      inBlock = "; it is transaction " + idx + " of block " + b.get().header().number()
          + ", whose transactions root was rebuilt";
    }
    return CaseResult.passed(x.name(), "type-" + t.type() + " transaction: its fields re-encode to " + t.hash()
        + (x.params().isMissingNode() ? ", its claimed hash" : ", the claimed and requested hash") + inBlock);
  }

  private static CaseResult rawTransaction(final Exchange x, final JsonNode result) {
    final Transaction t = Transaction.fromRaw(RpcJson.dataValue(result, "result"));
    final Hash32 asked = RecordingSet.hashOf(x.param(0));
    if (asked == null) {
      return CaseResult.skipped(x.name(), "transaction decodes; the request names no 32-byte hash to compare with");
    }
    if (!asked.equals(t.hash())) {
      return CaseResult.failed(x.name(), "keccak of the raw transaction is " + t.hash() + ", requested " + asked);
    }
    return CaseResult.passed(x.name(), "type-" + t.type() + " envelope decodes and its keccak is the requested hash");
  }

  // --- raw headers, blocks, receipts ----------------------------------------------------------------

  private static CaseResult rawHeader(final Exchange x, final JsonNode result, final RecordingSet set,
      final String source) {
    final byte[] raw = RpcJson.dataValue(result, "result").toArray();
    final ExecutionHeader h = ExecutionHeader.decode(raw);
    if (!Bytes.of(h.encode()).equals(Bytes.of(raw))) {
      return CaseResult.failed(x.name(), "header does not re-encode to its bytes");
    }
    final Optional<CaseResult> n = numberBinding(x, h.number());
    if (n.isPresent()) {
      return n.get();
    }
    final Hash32 hash = h.hash();
    final List<Block> others = set.numberedElsewhere(h.number(), source);
    if (others.isEmpty()) {
      return CaseResult.skipped(x.name(), "header " + h.number() + " decodes; no other block " + h.number()
          + " in the recording set to compare its hash with");
    }
    for (final Block o : others) {
      if (!o.hash().equals(hash)) {
        return CaseResult.failed(x.name(), "header hash " + hash + " differs from block " + h.number() + " in "
            + RecordingSet.shortName(o.source()) + " (" + o.hash() + ")");
      }
    }
    return CaseResult.passed(x.name(), "header " + h.number() + " decodes strictly, re-encodes byte for byte, and"
        + " hashes to block " + h.number() + " of " + RecordingSet.shortName(others.get(0).source()));
  }

  private static Optional<CaseResult> numberBinding(final Exchange x, final long number) {
    final JsonNode p = x.param(0);
    if (p.isTextual() && p.asText().startsWith("0x") && RecordingSet.hashOf(p) == null) {
      final long asked = RpcJson.quantityValue(p, "block number parameter", 63).longValueExact();
      if (asked != number) {
        return Optional.of(CaseResult.failed(x.name(), "answer is block " + number + ", requested " + asked));
      }
    }
    return Optional.empty();
  }

  private static CaseResult rawBlock(final Exchange x, final JsonNode result, final RecordingSet set,
      final String source) {
    final byte[] raw = RpcJson.dataValue(result, "result").toArray();
    final ChainRlpSuite.CheckedBlock c = ChainRlpSuite.checkBlock(Rlp.decode(raw));
    final Optional<CaseResult> n = numberBinding(x, c.header().number());
    if (n.isPresent()) {
      return n.get();
    }
    String same = "";
    for (final Block o : set.numberedElsewhere(c.header().number(), source)) {
      if (!o.hash().equals(c.hash())) {
        return CaseResult.failed(x.name(), "block hash " + c.hash() + " differs from block " + c.header().number()
            + " in " + RecordingSet.shortName(o.source()));
      }
      same = "; same hash as in " + RecordingSet.shortName(o.source());
    }
    return CaseResult.passed(x.name(), "block " + c.header().number() + ": " + c.summary() + same);
  }

  private static CaseResult rawReceipts(final Exchange x, final JsonNode result, final RecordingSet set) {
    final List<Bytes> raws = RpcJson.dataArray(result, "result");
    final List<Receipt> rs = new ArrayList<>();
    for (int i = 0; i < raws.size(); i++) {
      try {
        rs.add(Receipt.decode(raws.get(i).toArray()));
      } catch (VerificationException e) {
        throw e.withContext("result[" + i + "]");
      }
    }
    final Resolution res = set.resolve(x.param(0));
    if (res.found().isEmpty()) {
      return CaseResult.skipped(x.name(), rs.size() + " receipt(s) decode; cannot tie them to a receipts root: "
          + res.description());
    }
    final Block b = res.found().get();
    if (b.txCount() >= 0 && b.txCount() != rs.size()) {
      return CaseResult.failed(x.name(), rs.size() + " receipt(s) for block " + b.header().number() + " with "
          + b.txCount() + " transaction(s)");
    }
    final Hash32 root = Receipt.root(rs);
    if (!root.equals(b.header().receiptsRoot())) {
      return CaseResult.failed(x.name(), "trie of the raw receipts has root " + root + ", " + res.description()
          + " says " + b.header().receiptsRoot());
    }
    return CaseResult.passed(x.name(), "receiptsRoot of " + res.description() + " rebuilt from " + rs.size()
        + " raw receipt(s)");
  }

  // --- state --------------------------------------------------------------------------------------

  private static CaseResult proof(final Exchange x, final JsonNode result, final RecordingSet set) {
    final AccountProofResponse resp = AccountProofResponse.fromJson(result);
    final Resolution res;
    if (x.params().isArray()) {
      res = set.resolve(x.param(2));
    } else if (!resp.accountProof().isEmpty()) {
      final Hash32 first = Keccak256.hash(resp.accountProof().get(0).toArray());
      final List<Block> bs = set.withStateRoot(first);
      res = bs.size() == 1
          ? new Resolution(Optional.of(bs.get(0)), "block " + bs.get(0).header().number() + " ("
              + RecordingSet.shortName(bs.get(0).source()) + "; no request names the block: the set's block whose"
              + " state root the proof's first node hashes to)")
          : new Resolution(Optional.empty(), bs.isEmpty() ? "no request names the block, and no block of the set"
              + " has the state root " + first : "several blocks of the set have the state root " + first);
    } else {
      res = new Resolution(Optional.empty(), "empty account proof and no request naming a block");
    }
    if (res.found().isEmpty()) {
      return CaseResult.skipped(x.name(), "cannot choose a state root: " + res.description());
    }
    final Hash32 stateRoot = res.found().get().header().stateRoot();
    final ProofResult<VerifiedAccount> r;
    if (x.param(0).isTextual()) {
      r = AccountProofVerifier.verify(stateRoot, RpcJson.addressValue(x.param(0), "params[0]"), resp);
    } else {
      r = AccountProofVerifier.verify(stateRoot, resp);
    }
    if (r instanceof ProofResult.Rejected<VerifiedAccount> rej) {
      return CaseResult.failed(x.name(), rej.reason() + ": " + rej.detail());
    }
    final JsonNode keys = x.param(1);
    if (keys.isArray()) {
      if (keys.size() != resp.storageProof().size()) {
        return CaseResult.failed(x.name(), keys.size() + " storage key(s) requested, "
            + resp.storageProof().size() + " proven");
      }
      for (int i = 0; i < keys.size(); i++) {
        if (!slotKey(keys.get(i)).equals(resp.storageProof().get(i).key())) {
          return CaseResult.failed(x.name(), "storageProof[" + i + "] is for key " + resp.storageProof().get(i).key()
              + ", requested " + keys.get(i).asText());
        }
      }
    }
    final VerifiedAccount va = r.orElseThrow();
    return CaseResult.passed(x.name(), "account " + va.address() + " proven " + (va.exists() ? "present"
        : "absent") + " with " + va.storage().size() + " storage slot(s) against the state root of "
        + res.description());
  }

  /** A storage key parameter as the 32-byte key (left-padded). */
  private static Hash32 slotKey(final JsonNode k) {
    final byte[] b = RpcJson.dataValue(k, "storage key").toArray();
    if (b.length > 32) {
      throw mismatch(Reason.INPUT_MALFORMED, "storage key longer than 32 bytes");
    }
    final byte[] out = new byte[32];
    System.arraycopy(b, 0, out, 32 - b.length, b.length);
    return Hash32.of(out);
  }

  private static CaseResult accountField(final Exchange x, final JsonNode result, final RecordingSet set) {
    final String m = x.method().orElseThrow();
    final boolean storage = m.equals("eth_getStorageAt");
    if (!x.param(0).isTextual()) {
      return CaseResult.skipped(x.name(), "no account address in the request");
    }
    final Address a = RpcJson.addressValue(x.param(0), "params[0]");
    final Resolution res = set.resolve(x.param(storage ? 2 : 1));
    if (res.found().isEmpty()) {
      return CaseResult.skipped(x.name(), "cannot tie the answer to a state root: " + res.description());
    }
    final List<Map.Entry<VerifiedAccount, String>> proven = set.accounts(res.found().get().hash(), a);
    if (proven.isEmpty()) {
      return CaseResult.skipped(x.name(), "no eth_getProof of " + a + " at " + res.description()
          + " in the recording set");
    }
    if (storage) {
      final Hash32 key = slotKey(x.param(1));
      for (final Map.Entry<VerifiedAccount, String> e : proven) {
        for (final VerifiedSlot s : e.getKey().storage()) {
          if (s.key().equals(key)) {
            final BigInteger got = new BigInteger(1, RpcJson.dataValue(result, "result").toArray());
            final String by = by(e.getValue(), res);
            return got.equals(s.value()) ? CaseResult.passed(x.name(), "slot value " + got + " equals the value" + by)
                : CaseResult.failed(x.name(), "slot value " + got + " differs from " + s.value() + by);
          }
        }
      }
      return CaseResult.skipped(x.name(), "no eth_getProof of " + a + " in the set proves slot " + key);
    }
    final VerifiedAccount va = proven.get(0).getKey();
    final Optional<Account> acct = va.account();
    final String by = by(proven.get(0).getValue(), res);
    switch (m) {
      case "eth_getBalance" -> {
        final BigInteger got = RpcJson.quantityValue(result, "result", 256);
        final BigInteger want = acct.map(Account::balance).orElse(BigInteger.ZERO);
        return got.equals(want) ? CaseResult.passed(x.name(), "balance " + got + " equals the balance" + by)
            : CaseResult.failed(x.name(), "balance " + got + " differs from " + want + by);
      }
      case "eth_getTransactionCount" -> {
        final BigInteger got = RpcJson.quantityValue(result, "result", 64);
        final BigInteger want = BigInteger.valueOf(acct.map(Account::nonce).orElse(0L));
        return got.equals(want) ? CaseResult.passed(x.name(), "nonce " + got + " equals the nonce" + by)
            : CaseResult.failed(x.name(), "nonce " + got + " differs from " + want + by);
      }
      default -> {
        final Hash32 got = Keccak256.hash(RpcJson.dataValue(result, "result").toArray());
        final Hash32 want = acct.map(Account::codeHash).orElse(Account.EMPTY_CODE_HASH);
        return got.equals(want) ? CaseResult.passed(x.name(), "keccak of the code equals the code hash" + by)
            : CaseResult.failed(x.name(), "keccak of the code is " + got + ", the code hash" + by + " is " + want);
      }
    }
  }

  private static String by(final String source, final Resolution res) {
    return " proven by eth_getProof (" + RecordingSet.shortName(source) + ") against the state root of "
        + res.description();
  }

  // --- helios verifiable API ----------------------------------------------------------------------

  private static CaseResult logsWithProofs(final Exchange x, final JsonNode result, final RecordingSet set) {
    final JsonNode proofs = RpcJson.field(result, "receiptProofs");
    final Map<Hash32, Receipt> proven = new java.util.HashMap<>();
    final java.util.Iterator<Map.Entry<String, JsonNode>> it = proofs.fields();
    while (it.hasNext()) {
      final Map.Entry<String, JsonNode> e = it.next();
      final Hash32 txHash = RpcJson.hashValue(com.fasterxml.jackson.databind.node.TextNode.valueOf(e.getKey()),
          "receiptProofs key");
      final CaseResult c = receiptWithProof(x, e.getValue(), set);
      if (c.status() != Status.PASSED) {
        return c;
      }
      final JsonNode claimed = e.getValue().get("receipt");
      if (!txHash.equals(RpcJson.hash(claimed, "transactionHash"))) {
        return CaseResult.failed(x.name(), "receiptProofs[" + e.getKey() + "] holds the receipt of another transaction");
      }
      proven.put(txHash, Receipt.fromJson(claimed));
    }
    final List<JsonNode> logs = RpcJson.array(result, "logs");
    for (int i = 0; i < logs.size(); i++) {
      final Hash32 tx = RpcJson.hash(logs.get(i), "transactionHash");
      final Receipt r = proven.get(tx);
      if (r == null) {
        return CaseResult.failed(x.name(), "logs[" + i + "]: no receipt proof for its transaction " + tx);
      }
      if (!r.logs().contains(Log.fromJson(logs.get(i), "logs[" + i + "]"))) {
        return CaseResult.failed(x.name(), "logs[" + i + "] is not a log of its proven receipt");
      }
    }
    if (proven.isEmpty()) {
      return CaseResult.skipped(x.name(), "no receipt proofs: nothing to verify");
    }
    return CaseResult.passed(x.name(), proven.size() + " receipt proof(s) verified against their blocks' receipts"
        + " roots; each of the " + logs.size() + " log(s) is a log of its proven receipt");
  }

  private static CaseResult accountsWithProofs(final Exchange x, final JsonNode result, final RecordingSet set) {
    final java.util.Iterator<Map.Entry<String, JsonNode>> it = RpcJson.field(result, "accounts").fields();
    final List<String> done = new ArrayList<>();
    while (it.hasNext()) {
      final Map.Entry<String, JsonNode> e = it.next();
      final JsonNode a = e.getValue();
      final JsonNode acct = RpcJson.field(a, "account");
      // the eth_getProof form of the same data
      final com.fasterxml.jackson.databind.node.ObjectNode p = com.fasterxml.jackson.databind.node.JsonNodeFactory
          .instance.objectNode();
      p.put("address", e.getKey());
      p.set("balance", acct.path("balance"));
      p.set("nonce", acct.path("nonce"));
      p.set("codeHash", acct.path("codeHash"));
      p.set("storageHash", acct.path("storageRoot"));
      p.set("accountProof", a.path("accountProof"));
      p.set("storageProof", a.has("storageProof") ? a.get("storageProof")
          : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode());
      final AccountProofResponse resp = AccountProofResponse.fromJson(p);
      if (resp.accountProof().isEmpty()) {
        return CaseResult.failed(x.name(), "accounts[" + e.getKey() + "]: empty account proof");
      }
      final Hash32 first = Keccak256.hash(resp.accountProof().get(0).toArray());
      final List<Block> bs = set.withStateRoot(first);
      if (bs.size() != 1) {
        return CaseResult.skipped(x.name(), "accounts[" + e.getKey() + "]: " + (bs.isEmpty()
            ? "no block of the set has the state root " + first : "several blocks of the set have state root " + first));
      }
      final ProofResult<VerifiedAccount> r = AccountProofVerifier.verify(bs.get(0).header().stateRoot(), resp);
      if (r instanceof ProofResult.Rejected<VerifiedAccount> rej) {
        return CaseResult.failed(x.name(), "accounts[" + e.getKey() + "]: " + rej.reason() + ": " + rej.detail());
      }
      if (a.hasNonNull("code")) {
        final Hash32 code = Keccak256.hash(RpcJson.dataValue(a.get("code"), "code").toArray());
        if (!code.equals(resp.codeHash())) {
          return CaseResult.failed(x.name(), "accounts[" + e.getKey() + "]: keccak of the code is " + code
              + ", the proven code hash is " + resp.codeHash());
        }
      }
      done.add(e.getKey() + " (" + r.orElseThrow().storage().size() + " slot(s)) at block "
          + bs.get(0).header().number());
    }
    return CaseResult.passed(x.name(), done.size() + " account(s) proven, code hashed, against the state root of"
        + " the set's block whose state root the proofs start from (no request names the block): "
        + String.join(", ", done));
  }

  // --- beacon payload ------------------------------------------------------------------------------

  private static CaseResult beaconBlock(final Exchange x, final JsonNode block) {
    final ProofResult<VerifiedPayload> r = BeaconPayloadVerifier.verify(block);
    if (r instanceof ProofResult.Rejected<VerifiedPayload> rej) {
      return CaseResult.failed(x.name(), rej.reason() + ": " + rej.detail());
    }
    final VerifiedPayload vp = r.orElseThrow();
    return CaseResult.passed(x.name(), vp.fork().name().toLowerCase(java.util.Locale.ROOT) + " beacon block"
        + vp.slot().map(s -> " at slot " + s).orElse("") + ": its execution payload rebuilds block_hash "
        + vp.blockHash() + " (block " + vp.blockNumber() + ", " + vp.transactionCount() + " transaction(s)"
        + vp.withdrawalCount().map(w -> ", " + w + " withdrawal(s)").orElse("") + ")");
  }

  private static CaseResult beaconPayload(final Exchange x, final JsonNode payload) {
    if (payload.has("blob_gas_used") || payload.has("excess_blob_gas")) {
      return CaseResult.skipped(x.name(), "Deneb or later payload: its block hash needs the parent beacon block"
          + " root, which the fixture does not bind");
    }
    final BeaconFork fork = payload.has("withdrawals") ? BeaconFork.CAPELLA : BeaconFork.BELLATRIX;
    final ProofResult<VerifiedPayload> r =
        BeaconPayloadVerifier.verifyPayload(fork, payload, Optional.empty(), Optional.empty());
    if (r instanceof ProofResult.Rejected<VerifiedPayload> rej) {
      return CaseResult.failed(x.name(), rej.reason() + ": " + rej.detail());
    }
    final VerifiedPayload vp = r.orElseThrow();
    return CaseResult.passed(x.name(), fork.name().toLowerCase(java.util.Locale.ROOT) + " payload of block "
        + vp.blockNumber() + " rebuilds its block_hash " + vp.blockHash() + " from " + vp.transactionCount()
        + " raw transaction(s)");
  }
}
