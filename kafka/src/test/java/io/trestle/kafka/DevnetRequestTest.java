package io.trestle.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.ExecutionAnchor;
import io.trestle.lightclient.LightClient;
import io.trestle.lightclient.bls.SyncCommitteeVerifier;
import io.trestle.lightclient.source.SourceException.SourceError;
import io.trestle.lightclient.source.SourceException;
import io.trestle.lightclient.spec.UpdateResult;
import io.trestle.lightclient.source.ExecutionSource.BlockId;
import io.trestle.lightclient.source.ExecutionSource;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.proofs.json.RpcJson;
import io.trestle.testkit.devnet.DevnetChain;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Worker requests end to end on the generated devnet: a real light client (bootstrap, updates, finality update,
 * BLS-verified) gives the finalized anchor; the execution answers are the generator's JSON-RPC objects.
 */
class DevnetRequestTest {
  static DevnetChain chain;
  static ExecutionAnchor finalized;

  @BeforeAll
  static void sync() {
    chain = DevnetChain.generate(1, 3);
    final LightClient lc = LightClient.initialize(chain.config(), SyncCommitteeVerifier.create(),
        chain.checkpointRoot(), chain.bootstrap()).client();
    for (final LightClientUpdate u : chain.updates()) {
      assertTrue(lc.processUpdate(u, chain.currentSlot()) instanceof UpdateResult.Applied);
    }
    lc.processFinalityUpdate(chain.finalityUpdate(), chain.currentSlot());
    finalized = lc.finalizedExecution().orElseThrow();
    assertEquals(chain.finalizedBlockNumber(), finalized.blockNumber());
  }

  /** The generator's JSON-RPC answers as a source; {@code lie} alters the bridge receipt's log data. */
  static ExecutionSource source(final boolean lie) {
    return new ExecutionSource() {
      private JsonNode byNumber(final long n, final boolean full) {
        return RpcJson.parse(chain.executionBlockJsonByNumber(n, full).orElseThrow(
            () -> SourceException.general(SourceError.NOT_FOUND, "no block " + n)));
      }

      private long number(final Hash32 h) {
        for (long n = chain.bridgeBlockNumber(); n <= chain.finalizedBlockNumber(); n++) {
          if (RpcJson.hash(byNumber(n, false), "hash").equals(h)) {
            return n;
          }
        }
        throw SourceException.general(SourceError.NOT_FOUND, "no block " + h);
      }

      @Override
      public JsonNode getBlockByNumber(final BlockId block, final boolean full) {
        if (!(block instanceof BlockId.Number n)) {
          throw SourceException.general(SourceError.UNSUPPORTED, "blocks by number only here");
        }
        return byNumber(n.number(), full);
      }

      @Override
      public JsonNode getBlockByHash(final Hash32 h, final boolean full) {
        return byNumber(number(h), full);
      }

      @Override
      public JsonNode getBlockReceipts(final BlockId block) {
        if (!(block instanceof BlockId.Hash bh)) {
          throw SourceException.general(SourceError.UNSUPPORTED, "receipts by block hash only here");
        }
        final Hash32 h = bh.hash();
        final String json = chain.receiptsJsonByNumber(number(h)).orElseThrow();
        // The lie: one byte of the bridge message's text ("trestle devnet ...") altered.
        final String altered = json.replace("74726573746c65206465766e6574", "74726573746c65206465766e6575");
        if (lie && altered.equals(json) && number(h) == chain.bridgeBlockNumber()) {
          throw new IllegalStateException("the lie did not apply");
        }
        return RpcJson.parse(lie ? altered : json);
      }

      @Override
      public JsonNode getTransactionReceipt(final Hash32 tx) {
        return RpcJson.parse(chain.bridgeReceiptJson());
      }

      @Override
      public JsonNode getProof(final io.trestle.crypto.Address a, final java.util.List<Hash32> slots,
          final BlockId block) {
        throw SourceException.general(SourceError.UNSUPPORTED, "no proofs here");
      }

      @Override
      public long checkChainId(final long expected) {
        return expected;
      }
    };
  }

  private ObjectNode verify(final boolean lie, final String req) {
    return new RequestVerifier(source(lie), DevnetChain.CHAIN_ID, () -> Optional.of(finalized))
        .verify(req.getBytes(StandardCharsets.UTF_8), "x");
  }

  @Test
  void txRequestFindsTheBridgeMessageInABlockUnderFinality() {
    final ObjectNode r = verify(false, "{\"requestId\":\"t1\",\"kind\":\"tx\",\"txHash\":\""
        + chain.bridgeTxHash().toHex() + "\",\"logIndex\":" + chain.bridgeLogIndex() + "}");
    assertEquals("VERIFIED", r.get("status").asText(), r.toString());
    assertEquals(1, r.get("messages").size(), r.toString());
    final JsonNode m = r.get("messages").get(0);
    assertEquals(chain.bridgeBlockNumber(), m.get("blockNumber").asLong());
    assertEquals(chain.bridgeBlockHash().toHex(), m.get("blockHash").asText());
    assertEquals(chain.bridgeTxIndex(), m.get("txIndex").asInt());
    assertEquals(chain.bridgeLog().data().toHex(), m.get("data").asText());
    assertTrue(chain.bridgeBlockNumber() < chain.finalizedBlockNumber(), "linked through parent hashes");
  }

  @Test
  void txRequestForATransactionNotInTheBlockItsReceiptNamesIsRejected() {
    // The source places every transaction in the bridge block; this hash is not one of its transactions, and the
    // block's transaction list (bound to the verified transactions root) says so.
    final Hash32 absent = io.trestle.crypto.Keccak256.hash("not a transaction".getBytes(StandardCharsets.US_ASCII));
    final ObjectNode r = verify(false, "{\"requestId\":\"t2\",\"kind\":\"tx\",\"txHash\":\"" + absent.toHex() + "\"}");
    assertEquals("REJECTED", r.get("status").asText(), r.toString());
    assertEquals("INPUT_MALFORMED", r.get("reason").asText(), r.toString());
    assertEquals(chain.bridgeBlockNumber(), r.get("blockNumber").asLong(), r.toString());
    assertTrue(r.get("detail").asText().contains("is not in block " + chain.bridgeBlockNumber()), r.toString());
  }

  @Test
  void rangeRequestOverTheDevnetAndALyingSource() {
    final String req = "{\"requestId\":\"r\",\"kind\":\"range\",\"fromBlock\":" + chain.bridgeBlockNumber()
        + ",\"toBlock\":" + chain.finalizedBlockNumber() + ",\"emitters\":[\"" + DevnetChain.BRIDGE.toHex() + "\"]}";
    final ObjectNode ok = verify(false, req);
    assertEquals("VERIFIED", ok.get("status").asText(), ok.toString());
    assertTrue(ok.get("messages").size() >= 1);
    final ObjectNode bad = verify(true, req);
    assertEquals("REJECTED", bad.get("status").asText(), bad.toString());
    assertEquals(chain.bridgeBlockNumber(), bad.get("blockNumber").asLong());
    assertEquals("RECEIPTS_ROOT_MISMATCH", bad.get("reason").asText(), "log data is not in the bloom: the root says");
  }
}
