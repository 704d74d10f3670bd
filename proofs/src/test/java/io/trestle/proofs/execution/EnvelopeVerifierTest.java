package io.trestle.proofs.execution;

import static io.trestle.proofs.execution.HandRlp.cat;
import static io.trestle.proofs.execution.HandRlp.keccak;
import static io.trestle.proofs.execution.HandRlp.sha256;
import static io.trestle.proofs.execution.HandRlp.str;
import static io.trestle.proofs.execution.HandRlp.uint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.crypto.Hash32;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import io.trestle.proofs.json.RpcJson;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Gloas {@code verify payload}: a beacon block with a bid and a separate envelope. The fixture is built here
 * from consensus-specs gloas containers ({@code ExecutionPayloadBid}, {@code ExecutionPayloadEnvelope}, {@code
 * ExecutionRequests} with the EIP-8282 builder types); every expected value is derived independently in this
 * test: the block hash by a hand RLP of the 23 Amsterdam fields hashed with Bouncy Castle Keccak, the EIP-7685
 * requests hash and the EIP-7688 progressive {@code hash_tree_root} of the requests by JDK SHA-256 following the
 * ssz spec's {@code merkleize_progressive}/{@code mix_in_active_fields} text, and the well-known constants (empty
 * trie root, keccak(rlp([])) for an empty block access list).
 */
class EnvelopeVerifierTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final long SLOT = 11_296_769L;
  private static final String EMPTY_TRIE = "56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421";
  private static final byte[] Z = new byte[32];

  private static String h(final byte[] b) {
    return "0x" + HEX.formatHex(b);
  }

  private static byte[] fill(final int n, final int v) {
    final byte[] b = new byte[n];
    java.util.Arrays.fill(b, (byte) v);
    return b;
  }

  private static final byte[] PARENT_HASH = fill(32, 0x11);
  private static final byte[] PARENT_ROOT = fill(32, 0x22);
  private static final byte[] RANDAO = fill(32, 0x33);
  private static final byte[] FEE_RECIPIENT = fill(20, 0x44);
  private static final byte[] STATE_ROOT = fill(32, 0x55);
  private static final byte[] RECEIPTS_ROOT = fill(32, 0x66);
  private static final byte[] WR_ADDRESS = fill(20, 0x77);
  private static final byte[] WR_PUBKEY = fill(48, 0x78);
  private static final byte[][] EXIT_ADDRESS = {fill(20, 0x81), fill(20, 0x82)};
  private static final byte[][] EXIT_PUBKEY = {fill(48, 0x91), fill(48, 0x92)};
  private static final long GAS_LIMIT = 60_000_000L;
  private static final long TIMESTAMP = 1_791_294_828L;
  private static final long NUMBER = 9_000_001L;
  private static final long BUILDER = 7;
  private static final long WR_AMOUNT = 32_000_000_000L;

  private static byte[] le64(final long v) {
    final byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (v >>> (8 * i));
    }
    return b;
  }

  private static byte[] chunk(final byte[] b) {
    return java.util.Arrays.copyOf(b, 32);
  }

  /** hash_tree_root of a 48-byte vector: two chunks. */
  private static byte[] root48(final byte[] b) {
    return sha256(java.util.Arrays.copyOfRange(b, 0, 32), chunk(java.util.Arrays.copyOfRange(b, 32, 48)));
  }

  // ---- expected values, by hand ----

  /** EIP-7685: sha256(sha256(0x01 ‖ withdrawal request) ‖ sha256(0x04 ‖ exit0 ‖ exit1)). */
  private static byte[] expectedRequestsHash() {
    final byte[] wr = cat(new byte[] {0x01}, WR_ADDRESS, WR_PUBKEY, le64(WR_AMOUNT));
    final byte[] ex = cat(new byte[] {0x04}, EXIT_ADDRESS[0], EXIT_PUBKEY[0], EXIT_ADDRESS[1], EXIT_PUBKEY[1]);
    return sha256(sha256(wr), sha256(ex));
  }

  /** hash_tree_root(ExecutionRequests): ProgressiveContainer([1]*5) of ProgressiveLists, per the ssz spec text. */
  private static byte[] expectedRequestsRoot() {
    final byte[] emptyList = sha256(Z, Z); // mix_in_length(merkleize_progressive([]) = 0, 0)
    // withdrawals: one WithdrawalRequest{source_address, validator_pubkey, amount}: 3 fields padded to 4
    final byte[] wr = sha256(sha256(chunk(WR_ADDRESS), root48(WR_PUBKEY)), sha256(chunk(le64(WR_AMOUNT)), Z));
    final byte[] wrList = sha256(sha256(wr, Z), chunk(le64(1))); // progressive([wr]) = hash(wr, 0)
    // builder_exits: two BuilderExitRequest{source_address, pubkey}
    final byte[] e0 = sha256(chunk(EXIT_ADDRESS[0]), root48(EXIT_PUBKEY[0]));
    final byte[] e1 = sha256(chunk(EXIT_ADDRESS[1]), root48(EXIT_PUBKEY[1]));
    // progressive([e0, e1]) = hash(e0, progressive([e1], 4)); progressive([e1], 4) = hash(merkleize([e1], 4), 0)
    final byte[] e1Part = sha256(sha256(sha256(e1, Z), sha256(Z, Z)), Z);
    final byte[] exitList = sha256(sha256(e0, e1Part), chunk(le64(2)));
    // container: progressive([deposits, withdrawals, consolidations, builder_deposits, builder_exits])
    //   = hash(f0, hash(merkleize([f1, f2, f3, f4]), 0)); then mix in active_fields 0b11111
    final byte[] rest = sha256(sha256(sha256(wrList, emptyList), sha256(emptyList, exitList)), Z);
    final byte[] progressive = sha256(emptyList, rest);
    final byte[] active = new byte[32];
    active[0] = 0x1f;
    return sha256(progressive, active);
  }

  /** keccak(rlp(23 fields)) in execution-specs amsterdam order. */
  private static byte[] expectedBlockHash(final byte[] bal) {
    return expectedBlockHash(bal, HEX.parseHex(EMPTY_TRIE));
  }

  private static byte[] expectedBlockHash(final byte[] bal, final byte[] transactionsRoot) {
    final List<byte[]> f = new ArrayList<>();
    f.add(str(PARENT_HASH));
    f.add(str(HEX.parseHex("1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347"))); // ommers
    f.add(str(FEE_RECIPIENT));
    f.add(str(STATE_ROOT));
    f.add(str(transactionsRoot));
    f.add(str(RECEIPTS_ROOT));
    f.add(str(new byte[256]));
    f.add(uint(0)); // difficulty
    f.add(uint(NUMBER));
    f.add(uint(GAS_LIMIT));
    f.add(uint(21_000));
    f.add(uint(TIMESTAMP));
    f.add(str(HEX.parseHex("74726573746c65"))); // extra data "trestle"
    f.add(str(RANDAO));
    f.add(str(new byte[8]));
    f.add(uint(7)); // base fee
    f.add(str(HEX.parseHex(EMPTY_TRIE))); // withdrawals
    f.add(uint(0));
    f.add(uint(0));
    f.add(str(PARENT_ROOT));
    f.add(str(expectedRequestsHash()));
    f.add(str(keccak(bal)));
    f.add(uint(SLOT));
    return keccak(HandRlp.list(f));
  }

  // ---- fixture ----

  private static final byte[] BAL = {(byte) 0xc0}; // rlp([]): a block access list without accesses

  private static ObjectNode requestsJson() {
    final ObjectNode r = RpcJson.mapper().createObjectNode();
    r.putArray("deposits");
    final ObjectNode wr = r.putArray("withdrawals").addObject();
    wr.put("source_address", h(WR_ADDRESS));
    wr.put("validator_pubkey", h(WR_PUBKEY));
    wr.put("amount", Long.toString(WR_AMOUNT));
    r.putArray("consolidations");
    r.putArray("builder_deposits");
    final ArrayNode exits = r.putArray("builder_exits");
    for (int i = 0; i < 2; i++) {
      final ObjectNode e = exits.addObject();
      e.put("source_address", h(EXIT_ADDRESS[i]));
      e.put("pubkey", h(EXIT_PUBKEY[i]));
    }
    return r;
  }

  private static ObjectNode payloadJson(final byte[] blockHash) {
    final ObjectNode p = RpcJson.mapper().createObjectNode();
    p.put("parent_hash", h(PARENT_HASH));
    p.put("fee_recipient", h(FEE_RECIPIENT));
    p.put("state_root", h(STATE_ROOT));
    p.put("receipts_root", h(RECEIPTS_ROOT));
    p.put("logs_bloom", h(new byte[256]));
    p.put("prev_randao", h(RANDAO));
    p.put("block_number", Long.toString(NUMBER));
    p.put("gas_limit", Long.toString(GAS_LIMIT));
    p.put("gas_used", "21000");
    p.put("timestamp", Long.toString(TIMESTAMP));
    p.put("extra_data", "0x74726573746c65");
    p.put("base_fee_per_gas", "7");
    p.put("block_hash", h(blockHash));
    p.putArray("transactions");
    p.putArray("withdrawals");
    p.put("blob_gas_used", "0");
    p.put("excess_blob_gas", "0");
    p.put("block_access_list", h(BAL));
    p.put("slot_number", Long.toString(SLOT));
    return p;
  }

  private static ObjectNode envelope() {
    final ObjectNode m = RpcJson.mapper().createObjectNode();
    m.set("payload", payloadJson(expectedBlockHash(BAL)));
    m.set("execution_requests", requestsJson());
    m.put("builder_index", Long.toString(BUILDER));
    m.put("beacon_block_root", h(fill(32, 0xbb)));
    m.put("parent_beacon_block_root", h(PARENT_ROOT));
    final ObjectNode env = RpcJson.mapper().createObjectNode();
    env.put("version", "gloas");
    env.put("execution_optimistic", false);
    env.put("finalized", true);
    final ObjectNode data = env.putObject("data");
    data.set("message", m);
    data.put("signature", h(fill(96, 0xcc)));
    return env;
  }

  private static ObjectNode block() {
    final ObjectNode bid = RpcJson.mapper().createObjectNode();
    bid.put("parent_block_hash", h(PARENT_HASH));
    bid.put("parent_block_root", h(PARENT_ROOT));
    bid.put("block_hash", h(expectedBlockHash(BAL)));
    bid.put("prev_randao", h(RANDAO));
    bid.put("fee_recipient", h(FEE_RECIPIENT));
    bid.put("gas_limit", Long.toString(GAS_LIMIT));
    bid.put("builder_index", Long.toString(BUILDER));
    bid.put("slot", Long.toString(SLOT));
    bid.put("value", "1000");
    bid.put("execution_payment", "0");
    bid.putArray("blob_kzg_commitments");
    bid.put("execution_requests_root", h(expectedRequestsRoot()));
    final ObjectNode msg = RpcJson.mapper().createObjectNode();
    msg.put("slot", Long.toString(SLOT));
    msg.put("proposer_index", "42");
    msg.put("parent_root", h(PARENT_ROOT));
    msg.put("state_root", h(fill(32, 0xaa)));
    final ObjectNode body = msg.putObject("body");
    body.put("randao_reveal", h(fill(96, 0x01)));
    final ObjectNode sbid = body.putObject("signed_execution_payload_bid");
    sbid.set("message", bid);
    sbid.put("signature", h(fill(96, 0x02)));
    body.putArray("payload_attestations");
    final ObjectNode root = RpcJson.mapper().createObjectNode();
    root.put("version", "gloas");
    final ObjectNode data = root.putObject("data");
    data.set("message", msg);
    data.put("signature", h(fill(96, 0x03)));
    return root;
  }

  private static ObjectNode bid(final ObjectNode block) {
    return (ObjectNode) block.at("/data/message/body/signed_execution_payload_bid/message");
  }

  private static ObjectNode message(final ObjectNode envelope) {
    return (ObjectNode) envelope.at("/data/message");
  }

  private static ObjectNode payload(final ObjectNode envelope) {
    return (ObjectNode) envelope.at("/data/message/payload");
  }

  private static ProofResult.Rejected<?> rejected(final JsonNode block, final JsonNode envelope) {
    final ProofResult<VerifiedEnvelope> r = EnvelopeVerifier.verify(block, envelope);
    return assertInstanceOf(ProofResult.Rejected.class, r, () -> "expected a rejection, got " + r);
  }

  // ---- tests ----

  @Test
  void honestEnvelopeIsBoundToTheBidAndRebuildsTheBlockHash() {
    final VerifiedEnvelope v = EnvelopeVerifier.verify(block(), envelope()).orElseThrow();
    assertEquals(h(expectedBlockHash(BAL)), v.blockHash().toHex());
    assertEquals(ExecutionFork.AMSTERDAM, v.payload().header().layout());
    assertEquals(BeaconFork.GLOAS, v.payload().fork());
    assertEquals(h(expectedRequestsHash()), v.payload().requestsHash().orElseThrow().toHex());
    assertEquals(h(expectedRequestsRoot()), v.executionRequestsRoot().toHex());
    assertEquals(h(keccak(BAL)), v.payload().header().blockAccessListHash().orElseThrow().toHex());
    assertEquals(SLOT, v.payload().header().slotNumber().orElseThrow());
    assertEquals(SLOT, v.beaconSlot());
    assertEquals(BUILDER, v.builderIndex());
    assertEquals(h(fill(32, 0xbb)), v.claimedBeaconBlockRoot().toHex());
    assertTrue(v.notVerified().stream().anyMatch(s -> s.startsWith("builder signature")), v.notVerified()::toString);
    assertTrue(v.notVerified().stream().anyMatch(s -> s.contains("beacon_block_root")), v.notVerified()::toString);
    // the bare signed objects are accepted too
    assertTrue(EnvelopeVerifier.verify(block().get("data"), envelope().get("data")).isVerified());
  }

  @Test
  void envelopeNotMatchingTheBidIsRejected() {
    final List<Consumer<ObjectNode[]>> lies = List.of(
        be -> bid(be[0]).put("block_hash", h(fill(32, 0x99))),
        be -> message(be[1]).put("builder_index", "8"),
        be -> bid(be[0]).put("prev_randao", h(fill(32, 0x98))),
        be -> bid(be[0]).put("gas_limit", "30000000"),
        be -> payload(be[1]).put("slot_number", Long.toString(SLOT + 1)),
        be -> bid(be[0]).put("slot", Long.toString(SLOT - 1)),
        be -> bid(be[0]).put("parent_block_hash", h(fill(32, 0x97))),
        be -> message(be[1]).put("parent_beacon_block_root", h(fill(32, 0x96))),
        be -> ((ArrayNode) message(be[1]).get("execution_requests").get("builder_exits")).remove(1),
        be -> ((ObjectNode) message(be[1]).get("execution_requests").get("withdrawals").get(0)).put("amount", "1"),
        be -> bid(be[0]).putArray("blob_kzg_commitments").add(h(fill(48, 0xc0))));
    for (int i = 0; i < lies.size(); i++) {
      final ObjectNode[] be = {block(), envelope()};
      lies.get(i).accept(be);
      assertEquals(Reason.ENVELOPE_MISMATCH, rejected(be[0], be[1]).reason(), "lie " + i);
    }
  }

  @Test
  void payloadFieldsNotHashingToTheBlockHashAreRejected() {
    final List<Consumer<ObjectNode>> edits = List.of(
        p -> p.put("state_root", h(fill(32, 0x01))),
        p -> p.put("block_access_list", "0xc101"),
        p -> p.put("receipts_root", h(fill(32, 0x02))));
    for (final Consumer<ObjectNode> e : edits) {
      final ObjectNode env = envelope();
      e.accept(payload(env));
      assertEquals(Reason.BLOCK_HASH_MISMATCH, rejected(block(), env).reason());
    }
    // a requests change that keeps the root would need a hash collision; a requests change the bid also
    // commits to (root recomputed by the liar) still changes the requests hash in the header
    final ObjectNode env = envelope();
    ((ArrayNode) message(env).get("execution_requests").get("builder_exits")).remove(1);
    final ObjectNode blk = block();
    bid(blk).put("execution_requests_root",
        GloasRequestsRoot.of(message(env).get("execution_requests")).toHex());
    assertEquals(Reason.BLOCK_HASH_MISMATCH, rejected(blk, env).reason());
  }

  @Test
  void wrongForksAndMalformedInputAreTypedRejections() {
    final ObjectNode fulu = envelope();
    fulu.put("version", "fulu");
    assertEquals(Reason.UNSUPPORTED_FORK, rejected(block(), fulu).reason());
    final ObjectNode notGloas = block();
    ((ObjectNode) notGloas.at("/data/message/body")).putObject("execution_payload");
    assertEquals(Reason.UNSUPPORTED_FORK, rejected(notGloas, envelope()).reason());
    // a gloas block handed to the pre-Gloas verifier says where its payload is
    final ProofResult<VerifiedPayload> r = BeaconPayloadVerifier.verify(block());
    assertEquals(Reason.UNSUPPORTED_FORK, assertInstanceOf(ProofResult.Rejected.class, r).reason());
    final ObjectNode noPayload = envelope();
    message(noPayload).remove("payload");
    assertEquals(Reason.INPUT_MALFORMED, rejected(block(), noPayload).reason());
    final ObjectNode shortKey = envelope();
    ((ObjectNode) message(shortKey).get("execution_requests").get("builder_exits").get(0)).put("pubkey", h(fill(47, 1)));
    assertEquals(Reason.PAYLOAD_MALFORMED, rejected(block(), shortKey).reason());
    // builder request types do not exist before Gloas
    assertEquals(Reason.PAYLOAD_MALFORMED, assertInstanceOf(ProofResult.Rejected.class,
        ProofResult.of(() -> BeaconPayloadVerifier.requestsHash(BeaconFork.FULU, requestsJson()))).reason());
    // a Gloas payload without its Amsterdam fields
    final ObjectNode noSlot = envelope();
    payload(noSlot).remove("slot_number");
    assertEquals(Reason.INPUT_MALFORMED, rejected(block(), noSlot).reason());
  }

  @Test
  void requestsHashOfTheFiveTypesAsDerivedByHand() {
    assertEquals(h(expectedRequestsHash()),
        BeaconPayloadVerifier.requestsHash(BeaconFork.GLOAS, requestsJson()).toHex());
    assertEquals(Hash32.of(expectedRequestsRoot()), GloasRequestsRoot.of(requestsJson()));
  }

  /** The CLI's fixture files ({@code verify payload --envelope}) equal this test's fixture as JSON trees. */
  @Test
  void cliFixtureIsThisFixture() throws java.io.IOException {
    final java.nio.file.Path dir = java.nio.file.Path.of("../cli/src/test/resources/gloas");
    assertEquals(block(), RpcJson.parse(java.nio.file.Files.readString(dir.resolve("beacon-block.json"))));
    assertEquals(envelope(), RpcJson.parse(java.nio.file.Files.readString(dir.resolve("envelope.json"))));
  }

  @Test
  void blobTransactionsMustCarryTheBidsCommitments() {
    final byte[] commitment = fill(48, 0xd1);
    final byte[] versioned = sha256(commitment);
    versioned[0] = 0x01; // kzg_commitment_to_versioned_hash
    // a type-3 transaction: [chain_id, nonce, max_priority_fee, max_fee, gas, to, value, data, access_list,
    // max_fee_per_blob_gas, blob_versioned_hashes, y_parity, r, s]
    final byte[] tx = cat(new byte[] {0x03}, HandRlp.list(List.of(uint(1), uint(0), uint(1), uint(100),
        uint(21_000), str(fill(20, 0x12)), uint(0), str(new byte[0]), HandRlp.list(List.of()), uint(1),
        HandRlp.list(List.of(str(versioned))), uint(0), uint(1), uint(1))));
    // the transactions trie of one entry: one leaf at key rlp(0) = 0x80 (nibbles 8, 0; even leaf prefix 0x20)
    final byte[] txRoot = keccak(HandRlp.list(List.of(str(HEX.parseHex("2080")), str(tx))));
    final byte[] blockHash = expectedBlockHash(BAL, txRoot);
    final ObjectNode blk = block();
    bid(blk).put("block_hash", h(blockHash));
    bid(blk).putArray("blob_kzg_commitments").add(h(commitment));
    final ObjectNode env = envelope();
    payload(env).put("block_hash", h(blockHash));
    payload(env).putArray("transactions").add(h(tx));
    final VerifiedEnvelope v = EnvelopeVerifier.verify(blk, env).orElseThrow();
    assertEquals(1, v.blobCommitments());
    assertEquals(1, v.payload().transactionCount());
    assertEquals(h(txRoot), v.payload().header().transactionsRoot().toHex());
    // another commitment in the bid: the transaction's versioned hash no longer matches
    bid(blk).putArray("blob_kzg_commitments").add(h(fill(48, 0xd2)));
    assertEquals(Reason.ENVELOPE_MISMATCH, rejected(blk, env).reason());
    // the commitment given twice: one versioned hash too few
    bid(blk).putArray("blob_kzg_commitments").add(h(commitment)).add(h(commitment));
    assertEquals(Reason.ENVELOPE_MISMATCH, rejected(blk, env).reason());
  }

  @Test
  void timestampIsCheckedAgainstTheSlotWhenTheNetworkIsGiven() {
    // Sepolia: genesis 1655733600, 12-second slots; slot 11296769 starts at 1791294828 (the fixture's timestamp)
    final java.util.Optional<EnvelopeVerifier.SlotTiming> sepolia =
        java.util.Optional.of(new EnvelopeVerifier.SlotTiming(1_655_733_600L, 12));
    final VerifiedEnvelope v = EnvelopeVerifier.verify(block(), envelope(), sepolia).orElseThrow();
    assertTrue(v.verified().stream().anyMatch(s -> s.startsWith("timestamp 1791294828")), v.verified()::toString);
    assertTrue(v.notVerified().stream().noneMatch(s -> s.contains("slot's time")), v.notVerified()::toString);
    // mainnet's clock: another time for that slot
    final java.util.Optional<EnvelopeVerifier.SlotTiming> mainnet =
        java.util.Optional.of(new EnvelopeVerifier.SlotTiming(1_606_824_023L, 12));
    assertEquals(Reason.ENVELOPE_MISMATCH, assertInstanceOf(ProofResult.Rejected.class,
        EnvelopeVerifier.verify(block(), envelope(), mainnet)).reason());
  }

  @Test
  void bareGloasPayloadAndWrongForkPayloadShapes() {
    final JsonNode p = payload(envelope());
    final java.util.Optional<Hash32> parent = java.util.Optional.of(Hash32.of(PARENT_ROOT));
    // the bare payload as a gloas payload: the same 23-field header and hash
    final VerifiedPayload vp = BeaconPayloadVerifier.verifyPayload(BeaconFork.GLOAS, p, parent,
        java.util.Optional.of(requestsJson())).orElseThrow();
    assertEquals(h(expectedBlockHash(BAL)), vp.blockHash().toHex());
    assertEquals(ExecutionFork.AMSTERDAM, vp.header().layout());
    // the same payload labelled fulu carries Amsterdam fields a Fulu (Osaka) payload does not have
    final ObjectNode electraRequests = requestsJson();
    electraRequests.remove("builder_deposits");
    electraRequests.remove("builder_exits");
    assertEquals(Reason.PAYLOAD_MALFORMED, assertInstanceOf(ProofResult.Rejected.class,
        BeaconPayloadVerifier.verifyPayload(BeaconFork.FULU, p, parent, java.util.Optional.of(electraRequests)))
        .reason());
    // and a gloas payload without them is refused before any hashing
    final ObjectNode noBal = p.deepCopy();
    noBal.remove("block_access_list");
    assertEquals(Reason.INPUT_MALFORMED, assertInstanceOf(ProofResult.Rejected.class,
        BeaconPayloadVerifier.verifyPayload(BeaconFork.GLOAS, noBal, parent, java.util.Optional.of(requestsJson())))
        .reason());
  }
}
