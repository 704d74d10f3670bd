package io.trestle.testkit.devnet;

import static io.trestle.testkit.assertions.TrestleAssertions.assertApplied;
import static io.trestle.testkit.assertions.TrestleAssertions.assertRejected;
import static io.trestle.testkit.assertions.TrestleAssertions.assertVerified;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Address;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Keccak256;
import io.trestle.crypto.bls.Bls;
import io.trestle.crypto.bls.BlsSignature;
import io.trestle.lightclient.ExecutionAnchor;
import io.trestle.lightclient.Finality;
import io.trestle.lightclient.LightClient;
import io.trestle.lightclient.internal.MessageVerifier;
import io.trestle.lightclient.VerifiedMessage;
import io.trestle.lightclient.bls.SyncCommitteeVerifier;
import io.trestle.lightclient.config.Networks;
import io.trestle.lightclient.spec.UpdateRejection;
import io.trestle.lightclient.spec.UpdateResult;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientFinalityUpdate;
import io.trestle.lightclient.types.LightClientOptimisticUpdate;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.types.SyncAggregate;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import io.trestle.proofs.execution.ExecutionHeader;
import io.trestle.proofs.execution.Receipt;
import io.trestle.proofs.execution.Transaction;
import io.trestle.proofs.json.RpcJson;
import io.trestle.proofs.execution.AccountProofResponse;
import io.trestle.proofs.state.VerifiedAccount;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The devnet chain end to end through the production verifiers. Expected values come from the
 * generator's inputs (the log it put in the receipt, the storage it wrote) or from the specs (event
 * signature hashes, the Electra gindices), never from the verifiers' outputs.
 */
class DevnetChainTest {
  private static final long SEED = 7;
  private static DevnetChain chain;

  @BeforeAll
  static void generate() {
    chain = DevnetChain.generate(SEED);
  }

  private static LightClient bootstrapped() {
    final LightClient.Initialized init = LightClient.initialize(chain.config(), SyncCommitteeVerifier.create()::verify,
        chain.checkpointRoot(), chain.bootstrap());
    assertTrue(init.ok(), () -> "bootstrap rejected: " + init.rejection());
    return init.client();
  }

  /** Runs every update, the finality and the optimistic update; returns the client. */
  private static LightClient synced() {
    final LightClient client = bootstrapped();
    long lastFinalized = client.finalizedHeader().beacon().slot();
    for (final LightClientUpdate u : chain.updates()) {
      final UpdateResult r = client.processUpdate(u, chain.currentSlot());
      final UpdateResult.Applied a = assertApplied(r);
      assertTrue(a.finalizedAdvanced());
      assertTrue(client.finalizedHeader().beacon().slot() > lastFinalized);
      lastFinalized = client.finalizedHeader().beacon().slot();
    }
    final UpdateResult f = client.processFinalityUpdate(chain.finalityUpdate(), chain.currentSlot());
    assertTrue(assertApplied(f).finalizedAdvanced());
    final UpdateResult o = client.processOptimisticUpdate(chain.optimisticUpdate(), chain.currentSlot());
    assertTrue(assertApplied(o).optimisticAdvanced());
    return client;
  }

  @Test
  void configIsTheDevnet() {
    assertEquals("trestle-devnet", chain.config().name());
    assertEquals(512, chain.config().preset().syncCommitteeSize());
    assertEquals(990001L, chain.config().depositChainId().getAsLong());
    assertEquals(Fork.ELECTRA, chain.config().forkAtEpoch(0).orElseThrow());
    assertTrue(chain.config().forkEpoch(Fork.FULU).isEmpty());
    assertNotEquals(Networks.MAINNET.genesisValidatorsRoot(), chain.config().genesisValidatorsRoot());
    assertNotEquals(DevnetChain.generate(8).config().genesisValidatorsRoot(), chain.config().genesisValidatorsRoot());
  }

  @Test
  void sameSeedGivesIdenticalBytes() {
    final DevnetChain again = DevnetChain.generate(SEED);
    assertEquals(chain.checkpointRoot(), again.checkpointRoot());
    assertArrayEquals(chain.bootstrap().encode(), again.bootstrap().encode());
    assertEquals(chain.updates().size(), again.updates().size());
    for (int i = 0; i < chain.updates().size(); i++) {
      assertArrayEquals(chain.updates().get(i).encode(), again.updates().get(i).encode());
    }
    assertArrayEquals(chain.finalityUpdate().encode(), again.finalityUpdate().encode());
    assertArrayEquals(chain.optimisticUpdate().encode(), again.optimisticUpdate().encode());
    assertEquals(chain.executionBlockJson(), again.executionBlockJson());
    assertEquals(chain.receiptsJson(), again.receiptsJson());
    assertEquals(chain.bridgeAccountProofJson(), again.bridgeAccountProofJson());
    assertEquals(chain.updatesJson(), again.updatesJson());
    assertEquals(chain.bootstrapJson(), again.bootstrapJson());
    assertEquals(chain.currentSlot(), again.currentSlot());
  }

  @Test
  void otherSeedGivesAnotherChain() {
    final DevnetChain other = DevnetChain.generate(SEED + 1);
    assertNotEquals(chain.checkpointRoot(), other.checkpointRoot());
    assertNotEquals(chain.bridgeBlockHash(), other.bridgeBlockHash());
    assertNotEquals(chain.bootstrap().currentSyncCommittee().pubkeys().get(0),
        other.bootstrap().currentSyncCommittee().pubkeys().get(0));
  }


  @Test
  void shapesFollowTheProtocol() {
    final long period = 8192;
    assertEquals(DevnetChain.FIRST_PERIOD * period, chain.bootstrap().header().beacon().slot());
    assertEquals(DevnetChain.PERIODS, chain.updates().size());
    final List<Bytes> seenCommittees = new ArrayList<>();
    seenCommittees.add(chain.bootstrap().currentSyncCommittee().aggregatePubkey());
    for (int i = 0; i < chain.updates().size(); i++) {
      final LightClientUpdate u = chain.updates().get(i);
      final long p = DevnetChain.FIRST_PERIOD + i;
      assertEquals(p, u.attestedHeader().beacon().slot() / period);
      assertEquals(p, u.finalizedHeader().beacon().slot() / period);
      assertEquals(u.attestedHeader().beacon().slot() + 1, u.signatureSlot());
      assertEquals(500, u.syncAggregate().participantCount());
      assertEquals(Fork.ELECTRA, u.fork());
      assertEquals(6, u.nextSyncCommitteeBranch().size());
      assertEquals(7, u.finalityBranch().size());
      assertFalse(seenCommittees.contains(u.nextSyncCommittee().aggregatePubkey()), "committee repeats");
      seenCommittees.add(u.nextSyncCommittee().aggregatePubkey());
    }
    assertTrue(chain.currentSlot() > chain.optimisticUpdate().signatureSlot());
    // SSZ round trips
    final Fork f = Fork.ELECTRA;
    final var preset = chain.config().preset();
    assertArrayEquals(chain.bootstrap().encode(),
        LightClientBootstrap.decode(chain.bootstrap().encode(), f, preset).encode());
    assertArrayEquals(chain.updates().get(0).encode(),
        LightClientUpdate.decode(chain.updates().get(0).encode(), f, preset).encode());
    assertArrayEquals(chain.finalityUpdate().encode(),
        LightClientFinalityUpdate.decode(chain.finalityUpdate().encode(), f, preset).encode());
    assertArrayEquals(chain.optimisticUpdate().encode(),
        LightClientOptimisticUpdate.decode(chain.optimisticUpdate().encode(), f, preset).encode());
  }

  @Test
  void fullPathFromCheckpointToBridgeLog() {
    final LightClient client = synced();
    assertEquals(chain.finalityUpdate().finalizedHeader(), client.finalizedHeader());
    assertEquals(chain.optimisticUpdate().attestedHeader(), client.store().optimisticHeader());
    final ExecutionAnchor anchor = client.finalizedExecution().orElseThrow();
    assertEquals(Finality.FINALIZED, anchor.finality());
    assertEquals(chain.bridgeBlockHash(), anchor.blockHash());
    assertEquals(chain.bridgeBlockNumber(), anchor.blockNumber());

    final ProofResult<VerifiedMessage> r = MessageVerifier.verifyMessage(anchor, chain.bridgeTxIndex(), chain.bridgeLogIndex(), chain.receiptProof());
    final VerifiedMessage m = verified(r);
    assertEquals(990001L, m.chainId());
    assertEquals(DevnetChain.BRIDGE, m.emitter());
    assertEquals(Keccak256.hash("MessageSent(bytes32,address,bytes)".getBytes(StandardCharsets.US_ASCII)),
        m.topics().get(0));
    assertEquals(chain.bridgeLog().topics(), m.topics());
    assertEquals(chain.bridgeLog().data(), m.data());
    assertEquals(chain.bridgeSender().toHex().substring(2),
        m.topics().get(2).toHex().substring(2 + 24));
    final String payload = "trestle devnet message #" + (40 + SEED);
    assertEquals(payload, new String(m.data().toArray(), 64, payload.length(), StandardCharsets.US_ASCII));
    assertEquals(java.util.Optional.of(true), m.txSucceeded());
    assertEquals(chain.bridgeTxIndex(), m.txIndex());
    assertEquals(chain.bridgeLogIndex(), m.logIndex());

    // the wrong log position or a truncated proof is rejected
    assertInstanceOf(ProofResult.Rejected.class, MessageVerifier.verifyMessage(anchor, chain.bridgeTxIndex(), 2, chain.receiptProof()));
    assertInstanceOf(ProofResult.Rejected.class, MessageVerifier.verifyMessage(anchor, 0, 0, chain.receiptProof()));
    assertInstanceOf(ProofResult.Rejected.class, MessageVerifier.verifyMessage(anchor, chain.bridgeTxIndex(), 1, chain.receiptProof().subList(0, 1)));
  }

  private static <T> T verified(final ProofResult<T> r) {
    return assertVerified(r);
  }

  @Test
  void executionJsonRehashesToTheAnchor() {
    final ExecutionAnchor anchor = synced().finalizedExecution().orElseThrow();
    final JsonNode block = RpcJson.parse(chain.executionBlockJson());
    final ExecutionHeader h = ExecutionHeader.fromJson(block);
    assertEquals(anchor.blockHash(), h.hash());
    assertEquals(21, h.fieldCount());
    assertEquals(anchor.blockHash(), ExecutionHeader.fromJson(RpcJson.parse(chain.executionBlockJson(false))).hash());
    assertEquals(anchor.receiptsRoot().orElseThrow(), h.receiptsRoot());
    assertEquals(anchor.stateRoot().orElseThrow(), h.stateRoot());
    assertEquals(Hash32.fromHex("0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        h.requestsHash().orElseThrow());
    assertEquals(Hash32.fromHex("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421"),
        h.withdrawalsRoot().orElseThrow());
    assertInstanceOf(ProofResult.Verified.class, anchor.withHeader(chain.bridgeBlockHeaderRlp()));
    // parentBeaconBlockRoot links to the beacon parent of the finalized header
    assertEquals(chain.finalityUpdate().finalizedHeader().beacon().parentRoot(),
        h.parentBeaconBlockRoot().orElseThrow());

    // transactions: full objects re-hash, raw bytes parse, both roots match
    final List<Transaction> txs = new ArrayList<>();
    for (final JsonNode t : block.get("transactions")) {
      txs.add(Transaction.fromJson(t));
    }
    assertEquals(h.transactionsRoot(), Transaction.root(txs));
    for (int i = 0; i < txs.size(); i++) {
      assertEquals(txs.get(i), Transaction.fromRaw(chain.transactions().get(i)));
    }
    assertEquals(chain.bridgeTxHash(), txs.get(chain.bridgeTxIndex()).hash());

    // receipts JSON rebuilds the receipts root; the single-receipt JSON names the bridge log
    final List<Receipt> receipts = new ArrayList<>();
    for (final JsonNode r : RpcJson.parse(chain.receiptsJson())) {
      receipts.add(Receipt.fromJson(r));
    }
    assertEquals(h.receiptsRoot(), Receipt.root(receipts));
    final JsonNode one = RpcJson.parse(chain.bridgeReceiptJson());
    assertEquals(chain.bridgeTxHash().toHex(), one.get("transactionHash").asText());
    final JsonNode log = one.get("logs").get(chain.bridgeLogIndex());
    assertEquals("0x" + Integer.toHexString(chain.bridgeBlockLogIndex()), log.get("logIndex").asText());
    assertEquals(DevnetChain.BRIDGE.toHex(), log.get("address").asText());
    assertEquals(Receipt.bloom(receiptsLogs(receipts)), h.logsBloom());
  }

  private static List<io.trestle.proofs.execution.Log> receiptsLogs(final List<Receipt> receipts) {
    final List<io.trestle.proofs.execution.Log> out = new ArrayList<>();
    receipts.forEach(r -> out.addAll(r.logs()));
    return out;
  }

  @Test
  void bridgeAccountAndSlotsVerify() {
    final ExecutionAnchor anchor = synced().finalizedExecution().orElseThrow();
    final AccountProofResponse resp = AccountProofResponse.parse(chain.bridgeAccountProofJson()).orElseThrow();
    final ProofResult<VerifiedAccount> r = MessageVerifier.verifyAccount(anchor, DevnetChain.BRIDGE, resp);
    final VerifiedAccount va = verified(r);
    final io.trestle.proofs.state.Account presentAccount = va.account().orElseThrow();
    assertEquals(chain.bridgeAccount(), presentAccount);
    assertEquals(2, va.storage().size());
    assertEquals(BigInteger.valueOf(40 + SEED + 1), va.storage().get(0).value());
    // slot 1 holds the message id, which is topic 1 of the bridge log
    assertEquals(new BigInteger(1, chain.bridgeLog().topics().get(1).toArray()), va.storage().get(1).value());

    final AccountProofResponse gone = AccountProofResponse.parse(chain.absentAccountProofJson()).orElseThrow();
    final VerifiedAccount absent = verified(MessageVerifier.verifyAccount(anchor, chain.absentAddress(), gone));
    assertTrue(absent.account().isEmpty(), "proven absent");

    // a claimed storage value that differs is rejected
    final String forged = chain.bridgeAccountProofJson().replace("\"value\":\"0x" + Long.toHexString(40 + SEED + 1)
        + "\"", "\"value\":\"0x" + Long.toHexString(40 + SEED + 2) + "\"");
    assertNotEquals(chain.bridgeAccountProofJson(), forged);
    final ProofResult<VerifiedAccount> bad = MessageVerifier.verifyAccount(anchor, DevnetChain.BRIDGE,
        AccountProofResponse.parse(forged).orElseThrow());
    assertRejected(bad, Reason.STORAGE_VALUE_MISMATCH);
  }

  private static UpdateRejection rejection(final UpdateResult r) {
    return assertInstanceOf(UpdateResult.Rejected.class, r, () -> "expected a rejection, got " + r).reason();
  }

  @Test
  void tamperedSignatureIsRejected() {
    final LightClient client = bootstrapped();
    final LightClientUpdate u = chain.updates().get(0);
    final byte[] sig = u.syncAggregate().signature().toArray();
    sig[95] ^= 1;
    final LightClientUpdate bad = new LightClientUpdate(u.attestedHeader(), u.nextSyncCommittee(),
        u.nextSyncCommitteeBranch(), u.finalizedHeader(), u.finalityBranch(),
        new SyncAggregate(u.syncAggregate().bits(), Bytes.of(sig)), u.signatureSlot());
    assertEquals(UpdateRejection.SIGNATURE_INVALID, rejection(client.processUpdate(bad, chain.currentSlot())));
    // one participation bit flipped: the same signature no longer matches the participant set
    final byte[] bits = u.syncAggregate().bits().toArray();
    int i = 0;
    while (bits[i / 8] == (byte) 0xff) {
      i += 8;
    }
    final int b = i / 8;
    bits[b] = (byte) (bits[b] | (~bits[b] & -(~bits[b]))); // set the lowest clear bit
    final LightClientUpdate bitFlip = new LightClientUpdate(u.attestedHeader(), u.nextSyncCommittee(),
        u.nextSyncCommitteeBranch(), u.finalizedHeader(), u.finalityBranch(),
        new SyncAggregate(Bytes.of(bits), u.syncAggregate().signature()), u.signatureSlot());
    assertEquals(UpdateRejection.SIGNATURE_INVALID, rejection(client.processUpdate(bitFlip, chain.currentSlot())));
    // the genuine update still applies afterwards (rejections left the store unchanged)
    assertApplied(client.processUpdate(u, chain.currentSlot()));
  }

  @Test
  void wrongCommitteeIsRejected() {
    final LightClient client = bootstrapped();
    final LightClientUpdate byNext = chain.updateSignedByCommitteeOf(0, DevnetChain.FIRST_PERIOD + 1);
    assertEquals(UpdateRejection.SIGNATURE_INVALID, rejection(client.processUpdate(byNext, chain.currentSlot())));
    // the rebuilding helper itself is faithful: re-signing with the right committee gives the same bytes
    assertArrayEquals(chain.updates().get(0).encode(),
        chain.updateSignedByCommitteeOf(0, DevnetChain.FIRST_PERIOD).encode());
  }

  @Test
  void otherNetworkSignatureIsRejected() {
    final LightClient client = bootstrapped();
    final LightClientUpdate sepoliaSigned = chain.updateSignedUnder(0,
        chain.config().withGenesisValidatorsRoot(Networks.SEPOLIA.genesisValidatorsRoot()));
    assertEquals(UpdateRejection.SIGNATURE_INVALID,
        rejection(client.processUpdate(sepoliaSigned, chain.currentSlot())));
    // and the reverse: a client configured for another GVR rejects the genuine devnet update
    final LightClient.Initialized other = LightClient.initialize(
        chain.config().withGenesisValidatorsRoot(Networks.SEPOLIA.genesisValidatorsRoot()),
        SyncCommitteeVerifier.create()::verify, chain.checkpointRoot(), chain.bootstrap());
    assertTrue(other.ok());
    assertEquals(UpdateRejection.SIGNATURE_INVALID,
        rejection(other.client().processUpdate(chain.updates().get(0), chain.currentSlot())));
  }

  @Test
  void skippedPeriodIsRejected() {
    final LightClient client = bootstrapped();
    assertEquals(UpdateRejection.WRONG_PERIOD,
        rejection(client.processUpdate(chain.updates().get(2), chain.currentSlot())));
    assertEquals(UpdateRejection.FUTURE_SLOT,
        rejection(client.processUpdate(chain.updates().get(0), chain.updates().get(0).signatureSlot() - 1)));
  }

  @Test
  void wrongCheckpointIsRejected() {
    final LightClient.Initialized init = LightClient.initialize(chain.config(), SyncCommitteeVerifier.create()::verify,
        chain.updates().get(0).finalizedHeader().beacon().hashTreeRoot(), chain.bootstrap());
    assertFalse(init.ok());
    assertEquals(UpdateRejection.BOOTSTRAP_ROOT_MISMATCH, init.rejection().reason());
  }

  @Test
  void sumOfSecretKeysSignsLikeTheAggregateOfSignatures() {
    final Bytes msg = Bytes.of(Keccak256.hash("devnet aggregate check".getBytes(StandardCharsets.US_ASCII)).toArray());
    final List<BigInteger> keys = new ArrayList<>();
    final List<BlsSignature> sigs = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      final BigInteger sk = chain.secretKey(DevnetChain.FIRST_PERIOD, i);
      assertTrue(sk.signum() > 0 && sk.compareTo(DevnetCommittee.R) < 0);
      keys.add(sk);
      sigs.add(Bls.sign(DevnetCommittee.scalarBytes(sk), msg).orElseThrow());
    }
    final Bytes aggregated = Bls.aggregate(sigs).orElseThrow().toBytes();
    assertEquals(aggregated, DevnetCommittee.signWithSum(keys, msg));
    // and the committee's public keys are those of the keys used
    for (int i = 0; i < 8; i++) {
      assertEquals(Bls.publicKey(DevnetCommittee.scalarBytes(keys.get(i))).orElseThrow().toBytes(),
          chain.bootstrap().currentSyncCommittee().pubkeys().get(i));
    }
  }

  @Test
  void beaconApiJsonUsesTheStandardFieldNames() {
    final JsonNode b = RpcJson.parse(chain.bootstrapJson());
    assertEquals("electra", b.get("version").asText());
    final JsonNode h = b.get("data").get("header");
    assertEquals(Long.toString(chain.bootstrap().header().beacon().slot()), h.get("beacon").get("slot").asText());
    assertEquals(chain.bootstrap().header().beacon().stateRoot().toHex(), h.get("beacon").get("state_root").asText());
    assertEquals(4, h.get("execution_branch").size());
    assertEquals("7000000000", h.get("execution").get("base_fee_per_gas").asText());
    assertEquals(512, b.get("data").get("current_sync_committee").get("pubkeys").size());
    assertEquals(6, b.get("data").get("current_sync_committee_branch").size());
    final JsonNode ups = RpcJson.parse(chain.updatesJson());
    assertEquals(DevnetChain.PERIODS, ups.size());
    final JsonNode u0 = ups.get(0).get("data");
    for (final String f : List.of("attested_header", "next_sync_committee", "next_sync_committee_branch",
        "finalized_header", "finality_branch", "sync_aggregate", "signature_slot")) {
      assertTrue(u0.has(f), f);
    }
    assertEquals(chain.updates().get(0).syncAggregate().signature().toHex(),
        u0.get("sync_aggregate").get("sync_committee_signature").asText());
    final JsonNode fin = RpcJson.parse(chain.finalityUpdateJson()).get("data");
    assertEquals(chain.bridgeBlockHash().toHex(),
        fin.get("finalized_header").get("execution").get("block_hash").asText());
    final JsonNode opt = RpcJson.parse(chain.optimisticUpdateJson()).get("data");
    assertEquals(Long.toString(chain.optimisticUpdate().signatureSlot()), opt.get("signature_slot").asText());
    assertFalse(opt.has("finalized_header"));
  }

  @Test
  void executionAncestryLinksToEarlierBlocks() {
    final LightClient client = synced();
    final ExecutionAnchor anchor = client.finalizedExecution().orElseThrow();
    final List<Bytes> headers = chain.executionHeadersNewestFirst();
    assertEquals(chain.bridgeBlockHeaderRlp(), headers.get(0));
    final ExecutionAnchor oldest = verified(anchor.ancestor(headers));
    assertEquals(anchor.blockNumber() - headers.size() + 1, oldest.blockNumber());
    assertEquals(headers.size() - 1, oldest.depth());
    // the bootstrap header's execution block is the oldest generated one
    assertEquals(chain.bootstrap().header().execution().orElseThrow().blockHash(), oldest.blockHash());
    // a gap in the chain is rejected
    final List<Bytes> gap = new ArrayList<>(headers);
    gap.remove(1);
    assertRejected(anchor.ancestor(gap), Reason.ANCESTRY_INVALID);
    // the optimistic anchor is the optimistic update's execution block
    assertEquals(chain.optimisticUpdate().attestedHeader().execution().orElseThrow().blockHash(),
        client.optimisticExecution().orElseThrow().blockHash());
  }

  /**
   * With {@code bridgeDepth} 3 the finalized execution block is the bridge block's third descendant: every
   * generated block's JSON re-hashes to its {@code hash}, each names the one before as parent, the finalized
   * anchor walks back to the bridge block, and the bridge log verifies there. Depth 0 is the default chain.
   */
  @Test
  void bridgeDepthPutsTheBridgeBlockBeforeTheFinalizedBlock() {
    final DevnetChain deep = DevnetChain.generate(SEED, 3);
    assertEquals(3, deep.bridgeDepth());
    assertEquals(deep.bridgeBlockNumber() + 3, deep.finalizedBlockNumber());
    assertEquals(deep.finalizedBlockHash(),
        deep.finalityUpdate().finalizedHeader().execution().orElseThrow().blockHash());
    assertNotEquals(deep.bridgeBlockHash(), deep.finalizedBlockHash());
    assertEquals(chain.config().genesisValidatorsRoot(), deep.config().genesisValidatorsRoot());
    assertEquals(chain.checkpointRoot(), deep.checkpointRoot());
    assertTrue(deep.executionBlockJsonByNumber(deep.bridgeBlockNumber() - 1).isEmpty());
    assertTrue(deep.executionBlockJsonByNumber(deep.finalizedBlockNumber() + 1).isEmpty());
    // the JSON of every block from the finalized one down re-hashes and links by parent hash
    Hash32 expected = deep.finalizedBlockHash();
    final List<Bytes> headers = new ArrayList<>();
    for (long n = deep.finalizedBlockNumber(); n >= deep.bridgeBlockNumber(); n--) {
      for (final boolean full : List.of(true, false)) {
        final ExecutionHeader h = ExecutionHeader.fromJson(RpcJson.parse(
            deep.executionBlockJsonByNumber(n, full).orElseThrow()));
        assertEquals(expected, h.hash(), "block " + n);
        assertEquals(n, h.number());
      }
      final ExecutionHeader h =
          ExecutionHeader.fromJson(RpcJson.parse(deep.executionBlockJsonByNumber(n).orElseThrow()));
      headers.add(Bytes.of(h.encode()));
      expected = h.parentHash();
      final int txCount = RpcJson.parse(deep.receiptsJsonByNumber(n).orElseThrow()).size();
      assertEquals(n == deep.bridgeBlockNumber() ? 3 : 0, txCount, "receipts of block " + n);
    }
    assertEquals(deep.bridgeBlockHash(), Keccak256.hash(headers.get(headers.size() - 1).toArray()));
    assertEquals(deep.bridgeBlockHeaderRlp(), headers.get(headers.size() - 1));
    // the light client's finalized anchor is the descendant; the walk back reaches the bridge block
    final LightClient client = LightClient.initialize(deep.config(), SyncCommitteeVerifier.create()::verify,
        deep.checkpointRoot(), deep.bootstrap()).client();
    deep.updates().forEach(u -> assertApplied(client.processUpdate(u,
        deep.currentSlot())));
    assertApplied(client.processFinalityUpdate(deep.finalityUpdate(),
        deep.currentSlot()));
    final ExecutionAnchor anchor = client.finalizedExecution().orElseThrow();
    assertEquals(deep.finalizedBlockNumber(), anchor.blockNumber());
    final ExecutionAnchor bridge = verified(anchor.ancestor(headers));
    assertEquals(deep.bridgeBlockHash(), bridge.blockHash());
    assertEquals(3, bridge.depth());
    final VerifiedMessage m = verified(MessageVerifier.verifyMessage(bridge, deep.bridgeTxIndex(), deep.bridgeLogIndex(), deep.receiptProof()));
    assertEquals(deep.bridgeLog().data(), m.data());
    assertEquals(deep.bridgeBlockNumber(), m.blockNumber());
    // the receipt proof does not verify against the finalized block itself (its receipts trie is empty)
    assertInstanceOf(ProofResult.Rejected.class, MessageVerifier.verifyMessage(anchor, deep.bridgeTxIndex(), deep.bridgeLogIndex(), deep.receiptProof()));
    // depth 0 is the default chain, byte for byte
    final DevnetChain zero = DevnetChain.generate(SEED, 0);
    assertEquals(chain.finalityUpdateJson(), zero.finalityUpdateJson());
    assertEquals(chain.executionBlockJson(), zero.executionBlockJson());
    assertEquals(chain.executionBlockJson(), zero.executionBlockJsonByNumber(zero.bridgeBlockNumber()).orElseThrow());
    assertEquals(chain.bridgeBlockHash(), zero.finalizedBlockHash());
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> DevnetChain.generate(SEED, -1));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> DevnetChain.generate(SEED, DevnetChain.MAX_BRIDGE_DEPTH + 1));
  }

  @Test
  void addressesAreDistinct() {
    final List<Address> a = List.of(DevnetChain.BRIDGE, chain.bridgeSender(), chain.absentAddress());
    assertEquals(3, a.stream().distinct().count());
  }
}
