package io.trestle.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.crypto.Address;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Hex;
import io.trestle.crypto.Keccak256;
import io.trestle.proofs.execution.ExecutionHeader;
import io.trestle.proofs.execution.Log;
import io.trestle.proofs.execution.Receipt;
import io.trestle.proofs.mpt.TrieBuilder;
import io.trestle.proofs.rlp.RlpWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * A deterministic mainnet-size block's receipts (setup data, nothing here is timed): {@value #RECEIPTS}
 * receipts of types 0 (1 in 8), 3 (1 in 16) and 2 (the rest), 0-5 logs each (≈ 2.1 per receipt, 1-4 topics,
 * 0-320 data bytes, as on mainnet where transfers and swaps dominate), about 1 log in 12 from the "bridge"
 * emitter with the {@code MessageSent} topic. It is the recorded {@code eth_getBlockReceipts} response a
 * relayer would parse (every member a node returns, ≈ 0.7 MB of JSON), the strictly typed receipts, and the
 * receipts root computed by an independent path (a {@link TrieBuilder} over {@link Receipt#encode()}), and a
 * header committing to that root whose hash is the block hash the JSON names.
 */
final class MainnetBlock {
  static final int RECEIPTS = 300;
  static final long CHAIN_ID = 1;
  static final Address BRIDGE = Address.of(Hex.decode("0x5a1de7c0ffee00000000000000000000b41d9e00"));
  static final Hash32 MESSAGE_SENT =
      Keccak256.hash("MessageSent(bytes32,address,bytes)".getBytes(StandardCharsets.UTF_8));

  /** The block's header (Prague shape), committing to {@link #receiptsRoot}; its hash is {@link #blockHash}. */
  final ExecutionHeader header;
  final Hash32 blockHash;
  final long blockNumber;
  final List<Receipt> receipts;
  final String json;
  final Hash32 receiptsRoot;
  /** Every node of the receipts trie that the root depends on by hash (root included). */
  final byte[][] hashedNodes;
  final int logCount;
  final int bridgeMessages;

  private MainnetBlock(final ExecutionHeader header, final Hash32 blockHash, final long blockNumber, final List<Receipt> receipts, final String json,
      final Hash32 receiptsRoot, final byte[][] hashedNodes, final int logCount, final int bridgeMessages) {
    this.header = header;
    this.blockHash = blockHash;
    this.blockNumber = blockNumber;
    this.receipts = receipts;
    this.json = json;
    this.receiptsRoot = receiptsRoot;
    this.hashedNodes = hashedNodes;
    this.logCount = logCount;
    this.bridgeMessages = bridgeMessages;
  }

  static MainnetBlock generate() {
    final Random rnd = new Random(20_260_101);
    final long number = 21_000_000;
    final Address[] emitters = new Address[40];
    for (int i = 0; i < emitters.length; i++) {
      emitters[i] = Address.of(random(rnd, 20));
    }
    final Hash32[] topic0s = new Hash32[12];
    for (int i = 0; i < topic0s.length; i++) {
      topic0s[i] = Hash32.of(random(rnd, 32));
    }
    // The receipts (their encodings do not depend on the block hash), then the header, then the JSON.
    final List<Receipt> receipts = new ArrayList<>(RECEIPTS);
    final List<long[]> extras = new ArrayList<>(RECEIPTS); // gas used, effective gas price
    final List<Address[]> fromTo = new ArrayList<>(RECEIPTS);
    long cumulative = 0;
    int bridge = 0;
    int logCount = 0;
    for (int i = 0; i < RECEIPTS; i++) {
      final int type = i % 8 == 0 ? 0 : i % 16 == 5 ? 3 : 2;
      final int nLogs = new int[] {0, 1, 1, 2, 2, 3, 4, 5}[rnd.nextInt(8)];
      final List<Log> logs = new ArrayList<>(nLogs);
      for (int j = 0; j < nLogs; j++) {
        final boolean isBridge = rnd.nextInt(12) == 0;
        final Address a = isBridge ? BRIDGE : emitters[rnd.nextInt(emitters.length)];
        final int nTopics = isBridge ? 2 : 1 + rnd.nextInt(4);
        final List<Hash32> topics = new ArrayList<>(nTopics);
        topics.add(isBridge ? MESSAGE_SENT : topic0s[rnd.nextInt(topic0s.length)]);
        for (int t = 1; t < nTopics; t++) {
          topics.add(Hash32.of(random(rnd, 32)));
        }
        final int dataLen = isBridge ? 160 : 32 * rnd.nextInt(11);
        logs.add(new Log(a, topics, Bytes.of(random(rnd, dataLen))));
        bridge += isBridge ? 1 : 0;
      }
      logCount += nLogs;
      final long gas = 21_000 + rnd.nextInt(280_000);
      cumulative += gas;
      final boolean ok = rnd.nextInt(30) != 0;
      receipts.add(new Receipt(type, Optional.of(ok), Optional.empty(), cumulative, Receipt.bloom(logs), logs));
      extras.add(new long[] {gas, 7_000_000_000L + rnd.nextInt(900_000_000)});
      fromTo.add(new Address[] {Address.of(random(rnd, 20)), Address.of(random(rnd, 20))});
    }
    // The root, independently of Receipt.root: a TrieBuilder over the encodings, and every hashed node.
    final TrieBuilder trie = new TrieBuilder();
    for (int i = 0; i < RECEIPTS; i++) {
      trie.put(RlpWriter.uint(i), receipts.get(i).encode());
    }
    final Set<Bytes> nodes = new LinkedHashSet<>();
    for (int i = 0; i < RECEIPTS; i++) {
      nodes.addAll(trie.proof(RlpWriter.uint(i)));
    }
    final byte[][] hashed = nodes.stream().map(Bytes::toArray).toArray(byte[][]::new);
    final Hash32 root = trie.root();
    // A Prague-shaped header committing to that root (the stream's trusted input; its hash is the block hash).
    final Hash32 fill = Keccak256.hash(("trestle-bench/block/" + number).getBytes(StandardCharsets.UTF_8));
    final ExecutionHeader header = new ExecutionHeader(fill, ExecutionHeader.EMPTY_OMMERS_HASH, emitters[0], fill,
        fill, root, Bytes.of(new byte[ExecutionHeader.BLOOM_SIZE]), BigInteger.ZERO, number, 36_000_000L, cumulative,
        1_730_000_000L, Bytes.EMPTY, fill, Bytes.of(new byte[8]), Optional.of(BigInteger.valueOf(7_000_000_000L)),
        Optional.of(fill), Optional.of(0L), Optional.of(0L), Optional.of(fill), Optional.of(fill), Optional.empty(),
        Optional.empty());
    final Hash32 blockHash = header.hash();

    final ObjectMapper m = new ObjectMapper();
    final ArrayNode result = m.createArrayNode();
    int logIndex = 0;
    for (int i = 0; i < RECEIPTS; i++) {
      final Receipt r = receipts.get(i);
      final Hash32 txHash = Keccak256.hash(("trestle-bench/tx/" + number + "/" + i).getBytes(StandardCharsets.UTF_8));
      final ObjectNode o = result.addObject();
      o.put("blockHash", blockHash.toString());
      o.put("blockNumber", q(number));
      o.put("contractAddress", (String) null);
      o.put("cumulativeGasUsed", q(r.cumulativeGasUsed()));
      o.put("effectiveGasPrice", q(extras.get(i)[1]));
      o.put("from", fromTo.get(i)[0].toString());
      o.put("gasUsed", q(extras.get(i)[0]));
      final ArrayNode ls = o.putArray("logs");
      for (final Log l : r.logs()) {
        final ObjectNode lo = ls.addObject();
        lo.put("address", l.address().toString());
        final ArrayNode ts = lo.putArray("topics");
        l.topics().forEach(t -> ts.add(t.toString()));
        lo.put("data", l.data().toHex());
        lo.put("blockNumber", q(number));
        lo.put("transactionHash", txHash.toString());
        lo.put("transactionIndex", q(i));
        lo.put("blockHash", blockHash.toString());
        lo.put("logIndex", q(logIndex++));
        lo.put("removed", false);
      }
      o.put("logsBloom", r.logsBloom().toHex());
      o.put("status", r.status().orElseThrow() ? "0x1" : "0x0");
      o.put("to", fromTo.get(i)[1].toString());
      o.put("transactionHash", txHash.toString());
      o.put("transactionIndex", q(i));
      o.put("type", q(r.type()));
      if (r.type() == 3) {
        o.put("blobGasUsed", q(131_072));
        o.put("blobGasPrice", q(1));
      }
    }
    final ObjectNode response = m.createObjectNode();
    response.put("jsonrpc", "2.0");
    response.put("id", 1);
    response.set("result", result);
    final String json;
    try {
      json = m.writeValueAsString(response);
    } catch (final com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return new MainnetBlock(header, blockHash, number, List.copyOf(receipts), json, root, hashed, logCount, bridge);
  }

  private static String q(final long v) {
    return "0x" + Long.toHexString(v);
  }

  private static byte[] random(final Random rnd, final int n) {
    final byte[] b = new byte[n];
    rnd.nextBytes(b);
    return b;
  }
}
