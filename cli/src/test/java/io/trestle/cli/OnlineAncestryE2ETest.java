package io.trestle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.testkit.serve.RecordedChainServer;
import io.trestle.testkit.serve.RecordedChainServer.Hook;
import io.trestle.testkit.serve.RecordedDataset;
import io.trestle.proofs.execution.ExecutionHeader;
import io.trestle.proofs.json.RpcJson;
import io.trestle.testkit.devnet.DevnetChain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end through real HTTP on 127.0.0.1: {@code verify message} for a transaction in a block older than the
 * light client's finalized execution block, proven through the execution header chain (headers fetched by number,
 * re-hashed, linked by parent hash back from the finalized block). The devnet is generated with the bridge block
 * {@value #DEPTH} blocks before the finalized one; expected values (block numbers, hashes, the bridge log) come
 * from the generator's record, never from the code under test. Lying servers tamper with, skip or misplace
 * blocks.
 */
class OnlineAncestryE2ETest {
  private static final int DEPTH = 3;

  private static DevnetChain chain;
  private static RecordedDataset dataset;
  private static RecordedChainServer honest;

  @BeforeAll
  static void start() {
    // the CLI's trestle-devnet network is the devnet of this seed: same config and checkpoint at any depth
    chain = DevnetChain.generate(DemoCommand.DEVNET_SEED, DEPTH);
    dataset = RecordedDataset.devnet(chain);
    honest = RecordedChainServer.start(dataset);
  }

  @AfterAll
  static void stop() {
    honest.close();
  }

  private record Run(int code, String out, String err) {
    JsonNode json() {
      return RpcJson.parse(out);
    }
  }

  private static Run verifyMessage(final RecordedChainServer server, final String... extra) {
    final List<String> a = new ArrayList<>(List.of("verify", "message", "--network", DevnetChain.NAME,
        "--beacon-api", server.url(), "--execution-rpc", server.url(), "--tx", chain.bridgeTxHash().toHex(),
        "--checkpoint", chain.checkpointRoot().toHex(), "--current-slot", Long.toString(chain.currentSlot())));
    a.addAll(List.of(extra));
    final ByteArrayOutputStream o = new ByteArrayOutputStream();
    final ByteArrayOutputStream e = new ByteArrayOutputStream();
    final int code = TestCli.run(a, new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8));
    return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  /** A hook on {@code rpc:METHOD} rewriting the JSON-RPC {@code result} object when {@code applies} holds. */
  private static Hook rewriteResult(final java.util.function.Predicate<JsonNode> applies,
      final UnaryOperator<JsonNode> f) {
    return Hook.body(b -> {
      final ObjectNode o = (ObjectNode) RpcJson.parse(new String(b, StandardCharsets.UTF_8));
      final JsonNode result = o.get("result");
      if (result != null && applies.test(result)) {
        o.set("result", f.apply(result.deepCopy()));
      }
      return o.toString().getBytes(StandardCharsets.UTF_8);
    });
  }

  /** A hook on {@code eth_getBlockByNumber} rewriting the block object of number {@code n}. */
  private static Hook rewriteBlock(final long n, final UnaryOperator<JsonNode> f) {
    return rewriteResult(r -> r.isObject() && ("0x" + Long.toHexString(n)).equals(r.path("number").asText()), f);
  }

  @Test
  void messageBeforeTheFinalizedBlockIsVerifiedThroughTheHeaderChain() {
    assertEquals(chain.finalizedBlockNumber() - DEPTH, chain.bridgeBlockNumber());
    final AtomicInteger byNumber = new AtomicInteger();
    try (RecordedChainServer s = RecordedChainServer.start(dataset)) {
      s.misbehave("rpc:eth_getBlockByNumber", (r, ssz) -> {
        byNumber.incrementAndGet();
        return r;
      });
      final Run r = verifyMessage(s, "--log-index", Integer.toString(chain.bridgeLogIndex()), "--json");
      assertEquals(0, r.code(), r.out() + r.err());
      final JsonNode j = r.json();
      assertTrue(j.get("verified").asBoolean());
      // the light client is finalized at the generated tip, DEPTH blocks after the bridge block
      assertEquals(chain.finalizedBlockNumber(), j.at("/finalized/blockNumber").asLong());
      assertEquals(chain.finalizedBlockHash().toHex(), j.at("/finalized/blockHash").asText());
      assertEquals(chain.finalityUpdate().finalizedHeader().beacon().slot(), j.at("/finalized/beaconSlot").asLong());
      assertEquals(DEPTH, j.get("ancestorDepth").asInt());
      final JsonNode msg = j.at("/messages/0");
      assertEquals(j.at("/finalized/blockNumber").asLong() - DEPTH, msg.get("blockNumber").asLong());
      assertEquals(chain.bridgeBlockHash().toHex(), msg.get("blockHash").asText());
      assertEquals("FINALIZED", msg.get("finality").asText());
      assertEquals(chain.bridgeLog().address().toHex(), msg.get("emitter").asText());
      assertEquals(chain.bridgeLog().topics().get(1).toHex(), msg.at("/topics/1").asText());
      assertEquals(chain.bridgeLog().data().toHex(), msg.get("data").asText());
      assertEquals(chain.bridgeTxIndex(), msg.get("txIndex").asInt());
      assertEquals(DevnetChain.CHAIN_ID, msg.get("chainId").asLong());
      // one header per block from the finalized one down to the bridge block, both included
      assertEquals(DEPTH + 1, byNumber.get());
    }
    // the human-readable report says how far it walked
    final Run text = verifyMessage(honest, "--block-log-index", Integer.toString(chain.bridgeBlockLogIndex()));
    assertEquals(0, text.code(), text.out() + text.err());
    assertTrue(text.out().contains("walked back " + DEPTH + " block(s) by parent hash to block "
        + chain.bridgeBlockNumber()), text.out());
  }

  @Test
  void intermediateHeaderAlteredButKeepingItsHashIsRejected() {
    final long n = chain.finalizedBlockNumber() - 1;
    final List<UnaryOperator<JsonNode>> edits = List.of(
        b -> ((ObjectNode) b).put("extraData", "0x" + "6c696172"),
        b -> ((ObjectNode) b).put("stateRoot", chain.bridgeBlockHash().toHex()));
    for (final UnaryOperator<JsonNode> edit : edits) {
      try (RecordedChainServer s = RecordedChainServer.start(dataset)) {
        s.misbehave("rpc:eth_getBlockByNumber", rewriteBlock(n, edit));
        final Run r = verifyMessage(s, "--json");
        assertEquals(1, r.code(), r.out() + r.err());
        final JsonNode j = r.json();
        assertFalse(j.get("verified").asBoolean());
        assertEquals("proof.BLOCK_HASH_MISMATCH", j.get("reason").asText(), r.out());
        assertTrue(j.get("detail").asText().contains("block " + n), r.out());
      }
    }
  }

  @Test
  void intermediateHeaderAlteredWithItsHashRecomputedBreaksTheParentLink() {
    final long n = chain.finalizedBlockNumber() - 2;
    try (RecordedChainServer s = RecordedChainServer.start(dataset)) {
      // a consistent lie: the altered header re-hashes to its new hash, but its child names the original as parent
      s.misbehave("rpc:eth_getBlockByNumber", rewriteBlock(n, b -> {
        final ObjectNode o = (ObjectNode) b;
        o.put("stateRoot", chain.finalizedBlockHash().toHex());
        o.put("hash", ExecutionHeader.fromJsonUnchecked(o).hash().toHex());
        return o;
      }));
      final Run r = verifyMessage(s, "--json");
      assertEquals(1, r.code(), r.out() + r.err());
      assertEquals("proof.ANCESTRY_INVALID", r.json().get("reason").asText(), r.out());
      assertTrue(r.json().get("detail").asText().contains("number " + n), r.out());
    }
  }

  @Test
  void serverSkippingABlockIsRejected() {
    final long n = chain.finalizedBlockNumber() - 1;
    final JsonNode older = RpcJson.parse(chain.executionBlockJsonByNumber(n - 1, false).orElseThrow());
    try (RecordedChainServer s = RecordedChainServer.start(dataset)) {
      // asked for block n, the server answers with block n - 1 (a valid header, but not the parent of n + 1)
      s.misbehave("rpc:eth_getBlockByNumber", rewriteBlock(n, b -> older));
      final Run r = verifyMessage(s, "--json");
      assertEquals(1, r.code(), r.out() + r.err());
      assertEquals("proof.ANCESTRY_INVALID", r.json().get("reason").asText(), r.out());
    }
    try (RecordedChainServer s = RecordedChainServer.start(dataset)) {
      // the server does not have block n at all (JSON-RPC null result): a typed source failure, not a verdict
      s.misbehave("rpc:eth_getBlockByNumber", rewriteBlock(n, b -> RpcJson.mapper().nullNode()));
      final Run r = verifyMessage(s, "--json");
      assertEquals(1, r.code(), r.out() + r.err());
      assertFalse(r.json().get("verified").asBoolean());
      assertEquals("source.NOT_FOUND", r.json().get("reason").asText(), r.out());
      assertTrue(r.json().get("detail").asText().contains("eth_getBlockByNumber"), r.out());
    }
  }

  @Test
  void receiptPlacingTheTransactionElsewhereIsRejected() {
    final long fin = chain.finalizedBlockNumber();
    try (RecordedChainServer s = RecordedChainServer.start(dataset)) {
      // a block after the finalized one: not final yet, refused before anything else is fetched
      s.misbehave("rpc:eth_getTransactionReceipt", rewriteResult(JsonNode::isObject,
          rc -> ((ObjectNode) rc).put("blockNumber", "0x" + Long.toHexString(fin + 1))));
      final Run r = verifyMessage(s, "--json");
      assertEquals(1, r.code(), r.out() + r.err());
      // undecided, not a forged chain: a distinct reason with a retry hint
      assertEquals("undecided.NOT_FINAL_YET", r.json().get("reason").asText(), r.out());
      assertTrue(r.json().get("retry").asBoolean(), r.out());
      assertEquals(fin + 1, r.json().get("awaitFinalizedBlock").asLong(), r.out());
      assertTrue(r.json().get("detail").asText().contains("not final"), r.out());
    }
    try (RecordedChainServer s = RecordedChainServer.start(dataset)) {
      // the right number with the hash of another block (the finalized one): the verified ancestor differs
      s.misbehave("rpc:eth_getTransactionReceipt", rewriteResult(JsonNode::isObject,
          rc -> ((ObjectNode) rc).put("blockHash", chain.finalizedBlockHash().toHex())));
      final Run r = verifyMessage(s, "--json");
      assertEquals(1, r.code(), r.out() + r.err());
      assertEquals("proof.ANCESTRY_INVALID", r.json().get("reason").asText(), r.out());
    }
    try (RecordedChainServer s = RecordedChainServer.start(dataset)) {
      // a block between the bridge block and the finalized one: its verified transactions do not hold the tx
      final long n = chain.bridgeBlockNumber() + 1;
      final String hash = RpcJson.parse(chain.executionBlockJsonByNumber(n).orElseThrow()).get("hash").asText();
      s.misbehave("rpc:eth_getTransactionReceipt", rewriteResult(JsonNode::isObject, rc -> ((ObjectNode) rc)
          .put("blockNumber", "0x" + Long.toHexString(n)).put("blockHash", hash)));
      final Run r = verifyMessage(s, "--json");
      assertEquals(1, r.code(), r.out() + r.err());
      assertFalse(r.json().get("verified").asBoolean(), r.out());
      assertEquals("proof.INPUT_MALFORMED", r.json().get("reason").asText(), r.out());
      assertTrue(r.json().get("detail").asText().contains("has 0 transactions"), r.out());
    }
  }
}
