package io.trestle.cli;

import static io.trestle.testkit.assertions.TrestleAssertions.assertApplied;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.testkit.serve.RecordedChainServer;
import io.trestle.testkit.serve.RecordedChainServer.Hook;
import io.trestle.testkit.serve.RecordedDataset;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.AnchoredAccount;
import io.trestle.lightclient.ExecutionAnchor;
import io.trestle.lightclient.ExecutionVerifier;
import io.trestle.lightclient.LightClient;
import io.trestle.lightclient.Outcome;
import io.trestle.lightclient.VerifiedTransaction;
import io.trestle.lightclient.spec.UpdateResult;
import io.trestle.lightclient.bls.SyncCommitteeVerifier;
import io.trestle.lightclient.source.ExecutionRpcClient;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.proofs.Reason;
import io.trestle.proofs.execution.ExecutionHeader;
import io.trestle.proofs.json.RpcJson;
import io.trestle.testkit.devnet.DevnetChain;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The online message and account flows from a <b>hash-only</b> execution anchor, as a Gloas light client
 * yields (it proves only {@code execution_block_hash}): the finalized header must be fetched with {@code
 * eth_getBlockByHash}, re-hashed and compared before its number and roots are used, then the parent-hash walk
 * to the older bridge block runs as before. Real HTTP on 127.0.0.1 against {@link RecordedChainServer}, honest
 * and lying. The anchor is the devnet light client's own finalized anchor with its roots dropped ({@link
 * ExecutionAnchor#withoutRoots()}), so only the block hash is carried over; expected values come from the
 * generator's record.
 */
class HashOnlyAnchorE2ETest {
  private static final int DEPTH = 3;

  private static DevnetChain chain;
  private static LightClient client;
  private static RecordedDataset dataset;

  @BeforeAll
  static void start() {
    chain = DevnetChain.generate(DemoCommand.DEVNET_SEED, DEPTH);
    dataset = RecordedDataset.devnet(chain);
    final LightClient.Initialized init = LightClient.initialize(chain.config(),
        SyncCommitteeVerifier.create()::verify, chain.checkpointRoot(), chain.bootstrap());
    assertTrue(init.ok(), () -> "bootstrap: " + init.rejection());
    client = init.client();
    for (final LightClientUpdate u : chain.updates()) {
      assertApplied(client.processUpdate(u, chain.currentSlot()));
    }
    assertApplied(client.processFinalityUpdate(chain.finalityUpdate(), chain.currentSlot()));
  }

  private static ExecutionAnchor hashOnly() {
    final ExecutionAnchor a = client.finalizedExecution().orElseThrow().withoutRoots();
    assertTrue(a.isHashOnly());
    assertTrue(a.knownBlockNumber().isEmpty());
    assertTrue(a.stateRoot().isEmpty() && a.receiptsRoot().isEmpty());
    assertThrows(IllegalStateException.class, a::blockNumber);
    assertEquals(chain.finalizedBlockHash(), a.blockHash());
    return a;
  }

  private static ExecutionRpcClient rpc(final RecordedChainServer s) {
    return ExecutionRpcClient.of(List.of(s.url()));
  }

  private static Outcome<VerifiedTransaction> message(final RecordedChainServer s) {
    return ExecutionVerifier.of(client, rpc(s)).message(hashOnly(), new ExecutionVerifier.TxRef.ByHash(
        chain.bridgeTxHash()), new ExecutionVerifier.LogSelector.InReceipt(chain.bridgeLogIndex()));
  }

  /** A hook on {@code rpc:METHOD} rewriting the JSON-RPC {@code result} object. */
  private static Hook rewrite(final UnaryOperator<JsonNode> f) {
    return Hook.body(b -> {
      final ObjectNode o = (ObjectNode) RpcJson.parse(new String(b, StandardCharsets.UTF_8));
      final JsonNode result = o.get("result");
      if (result != null && result.isObject()) {
        o.set("result", f.apply(result.deepCopy()));
      }
      return o.toString().getBytes(StandardCharsets.UTF_8);
    });
  }

  private static Reason rejected(final Outcome<?> r) {
    return assertInstanceOf(Outcome.Rejected.class, r, () -> "expected a rejection, got " + r).reason();
  }

  private static <T> T verified(final Outcome<T> r) {
    return r.verified().orElseThrow(() -> new AssertionError("expected verified, got " + r));
  }

  @Test
  void messageInAnOlderBlockFromAHashOnlyAnchor() {
    final AtomicInteger byHash = new AtomicInteger();
    try (RecordedChainServer s = RecordedChainServer.start(dataset)) {
      s.misbehave("rpc:eth_getBlockByHash", (r, ssz) -> {
        byHash.incrementAndGet();
        return r;
      });
      final VerifiedTransaction m = verified(message(s));
      // the finalized header was bound from eth_getBlockByHash: its number is now proven
      assertFalse(m.finalizedAnchor().isHashOnly());
      assertEquals(chain.finalizedBlockNumber(), m.finalizedAnchor().blockNumber());
      assertEquals(chain.finalizedBlockHash(), m.finalizedAnchor().blockHash());
      assertEquals(chain.finalizedBlockHash(), m.finalizedAnchor().header().orElseThrow().hash());
      // then the walk back DEPTH blocks to the bridge block
      assertEquals(chain.bridgeBlockNumber(), m.block().blockNumber());
      assertEquals(chain.bridgeBlockHash(), m.block().blockHash());
      assertEquals(DEPTH, m.block().depth());
      assertEquals(1, m.messages().size());
      assertEquals(chain.bridgeLog().address(), m.messages().get(0).emitter());
      assertEquals(chain.bridgeLog().data(), m.messages().get(0).data());
      // one by-hash fetch binds the anchor, one fetches the bridge block's transactions
      assertEquals(2, byHash.get());
    }
  }

  @Test
  void accountAtAHashOnlyAnchor() {
    final DevnetChain shallow = DemoCommand.devnet();
    final LightClient.Initialized init = LightClient.initialize(shallow.config(),
        SyncCommitteeVerifier.create()::verify, shallow.checkpointRoot(), shallow.bootstrap());
    final LightClient c = init.client();
    shallow.updates().forEach(u -> c.processUpdate(u, shallow.currentSlot()));
    c.processFinalityUpdate(shallow.finalityUpdate(), shallow.currentSlot());
    final ExecutionAnchor a = c.finalizedExecution().orElseThrow().withoutRoots();
    try (RecordedChainServer s = RecordedChainServer.start(RecordedDataset.devnet(shallow))) {
      final AnchoredAccount at = verified(ExecutionVerifier.of(c, rpc(s)).account(a, DevnetChain.BRIDGE,
          List.of(Hash32.ZERO)));
      assertEquals(shallow.bridgeBlockHash(), at.anchor().blockHash());
      assertFalse(at.anchor().isHashOnly());
      final io.trestle.proofs.state.Account pAccount = at.account().account().orElseThrow();
      assertEquals(shallow.bridgeAccount().balance(), pAccount.balance());
      assertEquals(shallow.bridgeStorage(DevnetChain.SLOT_MESSAGE_COUNT), at.account().storage().get(0).value());
      // a lying source: the finalized header with another state root, its hash kept
      s.misbehave("rpc:eth_getBlockByHash", rewrite(b -> ((ObjectNode) b).put("stateRoot", Hash32.ZERO.toHex())));
      assertEquals(Reason.EXECUTION_HEADER_MISMATCH,
          rejected(ExecutionVerifier.of(c, rpc(s)).account(a, DevnetChain.BRIDGE, List.of(Hash32.ZERO))));
    }
  }

  @Test
  void anchorHeaderAlteredKeepingItsHashIsRefused() {
    for (final String field : List.of("stateRoot", "receiptsRoot", "parentHash")) {
      try (RecordedChainServer s = RecordedChainServer.start(dataset)) {
        s.misbehave("rpc:eth_getBlockByHash", rewrite(b -> ((ObjectNode) b).put(field, chain.bridgeBlockHash()
            .toHex())));
        final Outcome<VerifiedTransaction> r = message(s);
        assertEquals(Reason.EXECUTION_HEADER_MISMATCH, rejected(r), field);
        assertTrue(((Outcome.Rejected<?>) r).detail().contains("altered"), r.toString());
      }
    }
  }

  @Test
  void anchorHeaderAlteredWithItsHashRecomputedIsRefused() {
    try (RecordedChainServer s = RecordedChainServer.start(dataset)) {
      // a consistent lie: another receipts root, the 'hash' member recomputed to match
      s.misbehave("rpc:eth_getBlockByHash", rewrite(b -> {
        final ObjectNode o = (ObjectNode) b;
        o.put("receiptsRoot", Hash32.ZERO.toHex());
        o.put("hash", ExecutionHeader.fromJsonUnchecked(o).hash().toHex());
        return o;
      }));
      final Outcome<VerifiedTransaction> r = message(s);
      assertEquals(Reason.EXECUTION_HEADER_MISMATCH, rejected(r));
      assertTrue(((Outcome.Rejected<?>) r).detail().contains("another block"), r.toString());
    }
  }

  @Test
  void anotherBlockOrAWrongForkShapeServedForTheAnchorIsRefused() {
    final JsonNode parent = RpcJson.parse(chain.executionBlockJsonByNumber(chain.finalizedBlockNumber() - 1, false)
        .orElseThrow());
    try (RecordedChainServer s = RecordedChainServer.start(dataset)) {
      // the parent block (a valid header with its own correct hash)
      s.misbehave("rpc:eth_getBlockByHash", rewrite(b -> parent));
      assertEquals(Reason.EXECUTION_HEADER_MISMATCH, rejected(message(s)));
    }
    try (RecordedChainServer s = RecordedChainServer.start(dataset)) {
      // the finalized (Prague-layout) header given the two Amsterdam fields, hash recomputed: not the block
      s.misbehave("rpc:eth_getBlockByHash", rewrite(b -> {
        final ObjectNode o = (ObjectNode) b;
        o.put("blockAccessListHash", ExecutionHeader.EMPTY_OMMERS_HASH.toHex());
        o.put("slotNumber", "0x1");
        o.put("hash", ExecutionHeader.fromJsonUnchecked(o).hash().toHex());
        return o;
      }));
      assertEquals(Reason.EXECUTION_HEADER_MISMATCH, rejected(message(s)));
    }
    try (RecordedChainServer s = RecordedChainServer.start(dataset)) {
      // only one of the two Amsterdam fields: no fork's layout
      s.misbehave("rpc:eth_getBlockByHash", rewrite(b -> ((ObjectNode) b).put("slotNumber", "0x1")));
      assertEquals(Reason.HEADER_MALFORMED, rejected(message(s)));
    }
  }

  @Test
  void walkFromAHashOnlyAnchorStillCatchesABrokenParentLink() {
    final long n = chain.finalizedBlockNumber() - 2;
    try (RecordedChainServer s = RecordedChainServer.start(dataset)) {
      s.misbehave("rpc:eth_getBlockByNumber", rewrite(b -> {
        if (!("0x" + Long.toHexString(n)).equals(b.path("number").asText())) {
          return b;
        }
        final ObjectNode o = (ObjectNode) b;
        o.put("stateRoot", chain.finalizedBlockHash().toHex());
        o.put("hash", ExecutionHeader.fromJsonUnchecked(o).hash().toHex());
        return o;
      }));
      final Outcome<VerifiedTransaction> r = message(s);
      assertEquals(Reason.ANCESTRY_INVALID, rejected(r));
      assertTrue(((Outcome.Rejected<?>) r).detail().contains("number " + n), r.toString());
    }
  }

  @Test
  void anchorHeaderMissingAtTheSourceIsASourceFailure() {
    try (RecordedChainServer s = RecordedChainServer.start(dataset)) {
      s.misbehave("rpc:eth_getBlockByHash", Hook.body(b -> {
        final ObjectNode o = (ObjectNode) RpcJson.parse(new String(b, StandardCharsets.UTF_8));
        o.set("result", RpcJson.mapper().nullNode());
        return o.toString().getBytes(StandardCharsets.UTF_8);
      }));
      final Outcome.Undecided<?> u = assertInstanceOf(Outcome.Undecided.class, message(s));
      assertEquals(Outcome.Undecided.Why.SOURCE_FAILED, u.why());
    }
  }
}
