package io.trestle.vectors.devnet;

import io.trestle.testkit.devnet.DevnetChain;
import static io.trestle.testkit.assertions.TrestleAssertions.assertApplied;
import static io.trestle.testkit.assertions.TrestleAssertions.assertRejected;
import static io.trestle.testkit.assertions.TrestleAssertions.assertVerified;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.crypto.Address;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.AnchoredAccount;
import io.trestle.lightclient.ExecutionVerifier;
import io.trestle.lightclient.ExecutionVerifier.LogSelector;
import io.trestle.lightclient.ExecutionVerifier.TxRef;
import io.trestle.lightclient.LightClient;
import io.trestle.lightclient.Outcome;
import io.trestle.lightclient.VerifiedMessage;
import io.trestle.lightclient.VerifiedTransaction;
import io.trestle.lightclient.bls.SyncCommitteeVerifier;
import io.trestle.lightclient.source.ExecutionSource.BlockId;
import io.trestle.lightclient.source.ExecutionSource;
import io.trestle.lightclient.source.SourceException.SourceError;
import io.trestle.lightclient.source.SourceException;
import io.trestle.lightclient.spec.UpdateResult;
import io.trestle.proofs.Reason;
import io.trestle.proofs.json.RpcJson;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The library's message/account flow ({@link ExecutionVerifier}) without HTTP: an in-memory {@link ExecutionSource}
 * serving the generated devnet's recorded JSON. Expected values come from the devnet's own record (its bridge log,
 * block, account), never from the code under test. Distinguishes a transaction that is not final yet (undecided,
 * retry later) from a forged chain (rejected), and a source failure from both.
 */
class ExecutionVerifierTest {
  private static final int DEPTH = 3;
  private static DevnetChain chain;
  private static LightClient client;

  @BeforeAll
  static void sync() {
    chain = DevnetChain.generate(11, DEPTH);
    client = LightClient.initialize(chain.config(), SyncCommitteeVerifier.create()::verify, chain.checkpointRoot(),
        chain.bootstrap()).client();
    chain.updates().forEach(u -> assertApplied(client.processUpdate(u, chain.currentSlot())));
    assertApplied(client.processFinalityUpdate(chain.finalityUpdate(),
        chain.currentSlot()));
  }

  /** The devnet's execution JSON-RPC answers, with an optional rewrite per method. */
  private static final class Memory implements ExecutionSource {
    private final long chainId;
    private final java.util.Map<String, UnaryOperator<JsonNode>> edits = new java.util.HashMap<>();
    private final List<String> calls = new ArrayList<>();

    Memory(final long chainId) {
      this.chainId = chainId;
    }

    Memory edit(final String method, final UnaryOperator<JsonNode> f) {
      edits.put(method, f);
      return this;
    }

    private JsonNode answer(final String method, final Optional<String> json) {
      calls.add(method);
      if (json.isEmpty()) {
        throw SourceException.general(SourceError.NOT_FOUND, method + ": null result");
      }
      return edits.getOrDefault(method, UnaryOperator.identity()).apply(RpcJson.parse(json.get()));
    }

    private long number(final BlockId id) {
      if (id instanceof BlockId.Number n) {
        return n.number();
      }
      final Hash32 h = ((BlockId.Hash) id).hash();
      for (long n = chain.bridgeBlockNumber(); n <= chain.finalizedBlockNumber(); n++) {
        if (RpcJson.parse(chain.executionBlockJsonByNumber(n).orElseThrow()).get("hash").asText()
            .equals(h.toHex())) {
          return n;
        }
      }
      return -1;
    }

    @Override
    public long checkChainId(final long expected) {
      calls.add("eth_chainId");
      if (expected != chainId) {
        throw SourceException.general(SourceError.WRONG_NETWORK, "eth_chainId is " + chainId + ", not " + expected);
      }
      return chainId;
    }

    @Override
    public JsonNode getTransactionReceipt(final Hash32 txHash) {
      return answer("eth_getTransactionReceipt", txHash.equals(chain.bridgeTxHash())
          ? Optional.of(chain.bridgeReceiptJson()) : Optional.empty());
    }

    @Override
    public JsonNode getBlockByNumber(final BlockId block, final boolean full) {
      return answer("eth_getBlockByNumber", chain.executionBlockJsonByNumber(number(block), full));
    }

    @Override
    public JsonNode getBlockByHash(final Hash32 hash, final boolean full) {
      return answer("eth_getBlockByHash", chain.executionBlockJsonByNumber(number(BlockId.hash(hash)), full));
    }

    @Override
    public JsonNode getBlockReceipts(final BlockId block) {
      return answer("eth_getBlockReceipts", chain.receiptsJsonByNumber(number(block)));
    }

    @Override
    public JsonNode getProof(final Address address, final List<Hash32> slots, final BlockId block) {
      return answer("eth_getProof", address.equals(DevnetChain.BRIDGE) ? Optional.of(chain.bridgeAccountProofJson())
          : Optional.of(chain.absentAccountProofJson()));
    }
  }

  private static <T> T verified(final Outcome<T> o) {
    return assertVerified(o);
  }

  @Test
  void messageByHashAndByBlockIndexAreTheGeneratedLog() {
    final Memory src = new Memory(DevnetChain.CHAIN_ID);
    final VerifiedTransaction t = verified(ExecutionVerifier.of(client, src)
        .message(TxRef.hash(chain.bridgeTxHash()), LogSelector.inReceipt(chain.bridgeLogIndex())));
    assertEquals(chain.bridgeTxHash(), t.txHash());
    assertEquals(DEPTH, t.block().depth());
    assertEquals(chain.bridgeBlockHash(), t.block().blockHash());
    assertEquals(chain.finalizedBlockHash(), t.finalizedAnchor().blockHash());
    final VerifiedMessage m = t.messages().get(0);
    assertEquals(DevnetChain.CHAIN_ID, m.chainId());
    assertEquals(chain.bridgeLog().address(), m.emitter());
    assertEquals(chain.bridgeLog().topics(), m.topics());
    assertEquals(chain.bridgeLog().data(), m.data());
    assertEquals(chain.bridgeBlockNumber(), m.blockNumber());
    // fetches: chain id, receipt, one header per block from the finalized one down, the full block, its receipts
    assertEquals(1 + 1 + (DEPTH + 1) + 1 + 1, src.calls.size(), src.calls.toString());

    final VerifiedTransaction byIndex = verified(ExecutionVerifier.of(client, new Memory(DevnetChain.CHAIN_ID))
        .message(TxRef.inBlock(chain.bridgeBlockNumber(), chain.bridgeTxIndex()),
            LogSelector.blockWide(chain.bridgeBlockLogIndex())));
    assertEquals(chain.bridgeTxHash(), byIndex.txHash());
    assertEquals(m.messageId(), byIndex.messages().get(0).messageId());
    // every log of the receipt: the bridge receipt has two (Locked, then MessageSent)
    assertEquals(2, verified(ExecutionVerifier.of(client, new Memory(DevnetChain.CHAIN_ID))
        .message(TxRef.hash(chain.bridgeTxHash()), LogSelector.all())).messages().size());
  }

  @Test
  void notFinalYetIsUndecidedAndAForgedChainIsRejected() {
    final long fin = chain.finalizedBlockNumber();
    final Memory later = new Memory(DevnetChain.CHAIN_ID).edit("eth_getTransactionReceipt",
        rc -> ((ObjectNode) rc).put("blockNumber", "0x" + Long.toHexString(fin + 5)));
    final Outcome<VerifiedTransaction> o = ExecutionVerifier.of(client, later)
        .message(TxRef.hash(chain.bridgeTxHash()), LogSelector.all());
    final Outcome.Undecided<?> u = assertInstanceOf(Outcome.Undecided.class, o);
    assertEquals(Outcome.Undecided.Why.NOT_FINAL_YET, u.why());
    assertEquals(fin + 5, u.awaitFinalizedBlock().orElseThrow());
    assertTrue(u.sourceFailure().isEmpty());
    // nothing beyond the locator was fetched
    assertEquals(List.of("eth_chainId", "eth_getTransactionReceipt"), later.calls);
    // the same transaction by block number: not final either
    assertEquals(Outcome.Undecided.Why.NOT_FINAL_YET, assertInstanceOf(Outcome.Undecided.class,
        ExecutionVerifier.of(client, new Memory(DevnetChain.CHAIN_ID)).message(TxRef.inBlock(fin + 1, 0),
            LogSelector.all())).why());

    // a block hash that is not the verified ancestor's: forged, rejected
    final Memory forged = new Memory(DevnetChain.CHAIN_ID).edit("eth_getTransactionReceipt",
        rc -> ((ObjectNode) rc).put("blockHash", chain.finalizedBlockHash().toHex()));
    final Outcome.Rejected<?> r = assertInstanceOf(Outcome.Rejected.class, ExecutionVerifier.of(client, forged)
        .message(TxRef.hash(chain.bridgeTxHash()), LogSelector.all()));
    assertEquals(Reason.ANCESTRY_INVALID, r.reason());
    // a transaction index with no transaction in the verified block
    assertRejected(ExecutionVerifier.of(client, new Memory(DevnetChain.CHAIN_ID))
        .message(TxRef.inBlock(chain.bridgeBlockNumber(), 9), LogSelector.all()), Reason.INPUT_MALFORMED);
  }

  @Test
  void sourceFailuresAreUndecidedWithTheTypedFailure() {
    final Memory dead = new Memory(DevnetChain.CHAIN_ID).edit("eth_getBlockReceipts", r -> {
      throw SourceException.general(SourceError.TIMEOUT, "eth_getBlockReceipts: no answer");
    });
    final Outcome.Undecided<?> u = assertInstanceOf(Outcome.Undecided.class, ExecutionVerifier.of(client, dead)
        .message(TxRef.hash(chain.bridgeTxHash()), LogSelector.all()));
    assertEquals(Outcome.Undecided.Why.SOURCE_FAILED, u.why());
    assertEquals(SourceError.TIMEOUT, u.sourceFailure().orElseThrow().error());

    final Memory otherChain = new Memory(DevnetChain.CHAIN_ID + 1);
    final Outcome.Undecided<?> w = assertInstanceOf(Outcome.Undecided.class, ExecutionVerifier.of(client, otherChain)
        .message(TxRef.hash(chain.bridgeTxHash()), LogSelector.all()));
    assertEquals(SourceError.WRONG_NETWORK, w.sourceFailure().orElseThrow().error());
    assertEquals(List.of("eth_chainId"), otherChain.calls);
  }

  @Test
  void receiptsOfAnotherBlockAreRejected() {
    final JsonNode other = RpcJson.parse(chain.receiptsJsonByNumber(chain.finalizedBlockNumber()).orElseThrow());
    final Memory lying = new Memory(DevnetChain.CHAIN_ID).edit("eth_getBlockReceipts", r -> other);
    assertRejected(ExecutionVerifier.of(client, lying).message(TxRef.hash(chain.bridgeTxHash()), LogSelector.all()),
        Reason.RECEIPTS_ROOT_MISMATCH);
  }

  @Test
  void accountAndStorageAtTheFinalizedBlock() {
    final DevnetChain flat = DevnetChain.generate(11);
    final LightClient c = LightClient.initialize(flat.config(), SyncCommitteeVerifier.create()::verify,
        flat.checkpointRoot(), flat.bootstrap()).client();
    flat.updates().forEach(u -> c.processUpdate(u, flat.currentSlot()));
    c.processFinalityUpdate(flat.finalityUpdate(), flat.currentSlot());
    final ExecutionSource src = new ExecutionSource() {
      @Override
      public long checkChainId(final long expected) {
        return expected;
      }

      @Override
      public JsonNode getTransactionReceipt(final Hash32 txHash) {
        throw new AssertionError();
      }

      @Override
      public JsonNode getBlockByNumber(final BlockId block, final boolean full) {
        throw new AssertionError();
      }

      @Override
      public JsonNode getBlockByHash(final Hash32 hash, final boolean full) {
        throw new AssertionError();
      }

      @Override
      public JsonNode getBlockReceipts(final BlockId block) {
        throw new AssertionError();
      }

      @Override
      public JsonNode getProof(final Address address, final List<Hash32> slots, final BlockId block) {
        assertEquals(BlockId.hash(flat.bridgeBlockHash()), block);
        return RpcJson.parse(flat.bridgeAccountProofJson());
      }
    };
    final Hash32 slot0 = Hash32.ZERO;
    final Hash32 slot1 = Hash32.fromHex("0x" + "00".repeat(31) + "01");
    final AnchoredAccount a = verified(ExecutionVerifier.of(c, src).account(DevnetChain.BRIDGE, List.of(slot0, slot1)));
    assertEquals(flat.bridgeAccount(), a.account().account().orElseThrow());
    assertEquals(flat.bridgeStorage(BigInteger.ZERO), a.account().storage().get(0).value());
    assertEquals(flat.bridgeStorage(BigInteger.ONE), a.account().storage().get(1).value());
    assertEquals(flat.bridgeBlockHash(), a.anchor().blockHash());
    // a slot asked for but missing from the response is refused
    final Hash32 slot2 = Hash32.fromHex("0x" + "00".repeat(31) + "02");
    assertRejected(ExecutionVerifier.of(c, src).account(DevnetChain.BRIDGE, List.of(slot2)), Reason.INPUT_MALFORMED);
  }
}
