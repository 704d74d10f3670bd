package io.trestle.lightclient.stream;

import io.trestle.lightclient.source.ExecutionSource.BlockId;
import io.trestle.lightclient.source.ExecutionSource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.crypto.Address;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Keccak256;
import io.trestle.lightclient.ExecutionAnchor;
import io.trestle.lightclient.TestAnchors;
import io.trestle.lightclient.source.SourceException.SourceError;
import io.trestle.lightclient.source.SourceException;
import io.trestle.proofs.execution.ExecutionHeader;
import io.trestle.proofs.execution.Log;
import io.trestle.proofs.execution.Receipt;
import io.trestle.proofs.json.RpcJson;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * (Public for the kafka module's tests, through this module's test-jar.) A generated execution chain (Cancun-shaped headers) whose receipts carry bridge logs at known positions, served
 * as JSON-RPC objects by an in-memory {@link ExecutionSource} that tests can make lie.
 */
public final class TestChain {
  public static final Address BRIDGE = Address.fromHex("0x00000000000000000000000000000000000b71d9");
  static final Address OTHER = Address.fromHex("0x00000000000000000000000000000000000c0ffe");
  static final Hash32 SENT = Keccak256.hash("MessageSent(bytes32,address,bytes)".getBytes(StandardCharsets.US_ASCII));
  static final Hash32 OTHER_EVENT = Keccak256.hash("Other()".getBytes(StandardCharsets.US_ASCII));
  public static final LogFilter FILTER = LogFilter.of(BRIDGE, SENT);

  /** A bridge message placed by the generator: (block, tx, log) with the payload it carries. */
  public record Placed(long block, int tx, int log, Bytes data) { }

  final List<ExecutionHeader> headers = new ArrayList<>();
  final Map<Hash32, Long> numberByHash = new HashMap<>();
  final Map<Long, JsonNode> blockCache = new java.util.concurrent.ConcurrentHashMap<>();
  final List<List<Receipt>> receipts = new ArrayList<>();
  final List<Placed> placed = new ArrayList<>();
  final long first;

  /** Blocks first..first+count-1; block first's parent is a fixed hash. */
  public TestChain(final long seed, final long first, final int count) {
    this.first = first;
    final Random rnd = new Random(seed);
    Hash32 parent = Keccak256.hash(("parent of " + first).getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; i < count; i++) {
      final long n = first + i;
      final List<Receipt> rs = new ArrayList<>();
      final int txs = rnd.nextInt(4);
      long gas = 0;
      for (int t = 0; t < txs; t++) {
        final List<Log> logs = new ArrayList<>();
        final int nl = rnd.nextInt(3);
        for (int l = 0; l < nl; l++) {
          final int kind = rnd.nextInt(3);
          if (kind == 0) {
            final Bytes data = Bytes.of(("msg " + n + "/" + t + "/" + l).getBytes(StandardCharsets.US_ASCII));
            logs.add(new Log(BRIDGE, List.of(SENT, Keccak256.hash(data.toArray())), data));
            placed.add(new Placed(n, t, l, data));
          } else if (kind == 1) {
            logs.add(new Log(BRIDGE, List.of(OTHER_EVENT), Bytes.EMPTY));
          } else {
            logs.add(new Log(OTHER, List.of(SENT), Bytes.of(new byte[] {1})));
          }
        }
        gas += 21000 + 1000L * nl;
        rs.add(new Receipt(2, Optional.of(rnd.nextInt(10) != 0), Optional.empty(), gas, Receipt.bloom(logs), logs));
      }
      final ExecutionHeader h = new ExecutionHeader(parent, ExecutionHeader.EMPTY_OMMERS_HASH, OTHER,
          Keccak256.hash(("state " + n).getBytes(StandardCharsets.US_ASCII)),
          Keccak256.hash(("txs " + n).getBytes(StandardCharsets.US_ASCII)), Receipt.root(rs),
          Bytes.of(new byte[ExecutionHeader.BLOOM_SIZE]), BigInteger.ZERO, n, 30_000_000L, gas, 1_700_000_000L + 12 * n,
          Bytes.EMPTY, Hash32.ZERO, Bytes.of(new byte[8]), Optional.of(BigInteger.valueOf(7)),
          Optional.of(Hash32.ZERO), Optional.of(0L), Optional.of(0L), Optional.of(Hash32.ZERO), Optional.empty());
      headers.add(h);
      numberByHash.put(h.hash(), n);
      receipts.add(rs);
      parent = h.hash();
    }
  }

  public ExecutionHeader header(final long n) {
    return headers.get((int) (n - first));
  }

  public long last() {
    return first + headers.size() - 1;
  }

  public ExecutionAnchor anchorAt(final long n) {
    final ExecutionHeader h = header(n);
    return TestAnchors.finalized(1000 + n, n, h.hash(), h.stateRoot(), h.receiptsRoot());
  }

  ExecutionAnchor hashOnlyAt(final long n) {
    return TestAnchors.hashOnly(1000 + n, n, header(n).hash());
  }

  public List<Placed> placedIn(final long from, final long to) {
    return placed.stream().filter(p -> p.block() >= from && p.block() <= to).toList();
  }

  public static ObjectNode blockJson(final ExecutionHeader h) {
    final ObjectNode o = RpcJson.mapper().createObjectNode();
    o.put("hash", h.hash().toHex());
    o.put("parentHash", h.parentHash().toHex());
    o.put("sha3Uncles", h.ommersHash().toHex());
    o.put("miner", h.beneficiary().toHex());
    o.put("stateRoot", h.stateRoot().toHex());
    o.put("transactionsRoot", h.transactionsRoot().toHex());
    o.put("receiptsRoot", h.receiptsRoot().toHex());
    o.put("logsBloom", h.logsBloom().toHex());
    o.put("difficulty", "0x" + h.difficulty().toString(16));
    o.put("number", q(h.number()));
    o.put("gasLimit", q(h.gasLimit()));
    o.put("gasUsed", q(h.gasUsed()));
    o.put("timestamp", q(h.timestamp()));
    o.put("extraData", h.extraData().toHex());
    o.put("mixHash", h.mixHash().toHex());
    o.put("nonce", h.nonce().toHex());
    h.baseFeePerGas().ifPresent(v -> o.put("baseFeePerGas", "0x" + v.toString(16)));
    h.withdrawalsRoot().ifPresent(v -> o.put("withdrawalsRoot", v.toHex()));
    h.blobGasUsed().ifPresent(v -> o.put("blobGasUsed", q(v)));
    h.excessBlobGas().ifPresent(v -> o.put("excessBlobGas", q(v)));
    h.parentBeaconBlockRoot().ifPresent(v -> o.put("parentBeaconBlockRoot", v.toHex()));
    o.putArray("transactions");
    return o;
  }

  public static ArrayNode receiptsJson(final List<Receipt> rs, final Hash32 blockHash, final long number) {
    final ArrayNode a = RpcJson.mapper().createArrayNode();
    for (int i = 0; i < rs.size(); i++) {
      final Receipt r = rs.get(i);
      final ObjectNode o = a.addObject();
      o.put("blockHash", blockHash.toHex());
      o.put("blockNumber", q(number));
      o.put("transactionIndex", q(i));
      o.put("type", q(r.type()));
      o.put("status", r.status().orElseThrow() ? "0x1" : "0x0");
      o.put("cumulativeGasUsed", q(r.cumulativeGasUsed()));
      o.put("logsBloom", r.logsBloom().toHex());
      final ArrayNode logs = o.putArray("logs");
      for (final Log l : r.logs()) {
        final ObjectNode lo = logs.addObject();
        lo.put("address", l.address().toHex());
        final ArrayNode t = lo.putArray("topics");
        l.topics().forEach(x -> t.add(x.toHex()));
        lo.put("data", l.data().toHex());
      }
    }
    return a;
  }

  static String q(final long v) {
    return "0x" + Long.toHexString(v);
  }

  /** An in-memory source; tests install tampering per block. */
  public class Source implements ExecutionSource {
    // The unified source interface, over the block-number, block-hash and receipts answers above.
    @Override
    public JsonNode getBlockByNumber(final BlockId block, final boolean fullTransactions) {
      if (fullTransactions || !(block instanceof BlockId.Number n)) {
        throw SourceException.general(SourceError.UNSUPPORTED, "header blocks by number only");
      }
      return blockByNumber(n.number());
    }

    @Override
    public JsonNode getBlockByHash(final Hash32 hash, final boolean fullTransactions) {
      if (fullTransactions) {
        throw SourceException.general(SourceError.UNSUPPORTED, "no full blocks");
      }
      return blockByHash(hash);
    }

    @Override
    public JsonNode getBlockReceipts(final BlockId block) {
      if (!(block instanceof BlockId.Hash h)) {
        throw SourceException.general(SourceError.UNSUPPORTED, "receipts by block hash only");
      }
      return blockReceipts(h.hash());
    }

    @Override
    public JsonNode getTransactionReceipt(final Hash32 txHash) {
      throw SourceException.general(SourceError.UNSUPPORTED, "no transaction receipts");
    }

    @Override
    public JsonNode getProof(final Address address, final List<Hash32> slots, final BlockId block) {
      throw SourceException.general(SourceError.UNSUPPORTED, "no proofs");
    }

    @Override
    public long checkChainId(final long expected) {
      return expected;
    }

    public final Map<Long, UnaryOperator<JsonNode>> tamperReceipts = new HashMap<>();
    public final Map<Long, JsonNode> replaceBlock = new HashMap<>();
    public int blockCalls;
    public int receiptCalls;

    public JsonNode blockByNumber(final long number) {
      blockCalls++;
      if (replaceBlock.containsKey(number)) {
        return replaceBlock.get(number);
      }
      if (number < first || number > last()) {
        throw SourceException.general(SourceError.NOT_FOUND, "no block " + number);
      }
      return blockCache.computeIfAbsent(number, k -> blockJson(header(k)));
    }

    public JsonNode blockByHash(final Hash32 hash) {
      final Long n = numberByHash.get(hash);
      if (n != null) {
        return blockByNumber(n);
      }
      throw SourceException.general(SourceError.NOT_FOUND, "no block " + hash);
    }

    public JsonNode blockReceipts(final Hash32 blockHash) {
      receiptCalls++;
      final Long n = numberByHash.get(blockHash);
      if (n != null) {
        final JsonNode j = receiptsJson(receipts.get((int) (n - first)), blockHash, n);
        return tamperReceipts.getOrDefault(n, x -> x).apply(j);
      }
      throw SourceException.general(SourceError.NOT_FOUND, "no receipts for " + blockHash);
    }
  }
}
