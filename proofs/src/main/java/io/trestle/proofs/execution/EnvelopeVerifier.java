package io.trestle.proofs.execution;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Sha256;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import io.trestle.proofs.VerificationException;
import io.trestle.proofs.json.RpcJson;
import io.trestle.proofs.rlp.RlpItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies a Gloas (EIP-7732) execution payload: the beacon block carries only the builder's {@code
 * signed_execution_payload_bid}; the payload arrives in a separate, builder-signed {@code
 * SignedExecutionPayloadEnvelope} ({@code GET /eth/v1/beacon/execution_payload_envelopes/{block_id}}). This binds
 * the envelope to the block's bid as gloas fork-choice.md {@code verify_execution_payload_envelope} does, as far
 * as that is possible without the beacon state, then rebuilds the 23-field Amsterdam header from the payload
 * and requires {@code keccak256(rlp(header)) == payload.block_hash}.
 *
 * <p><b>Verified</b> ({@code ENVELOPE_MISMATCH} unless said otherwise):
 *
 * <ul>
 *   <li>{@code payload.block_hash == bid.block_hash} (the binding by hash), {@code envelope.builder_index ==
 *       bid.builder_index}, {@code payload.prev_randao == bid.prev_randao}, {@code payload.gas_limit ==
 *       bid.gas_limit};
 *   <li>{@code payload.slot_number == bid.slot == block.slot}; {@code payload.parent_hash ==
 *       bid.parent_block_hash} (which the state transition requires to be {@code latest_block_hash});
 *       {@code bid.parent_block_root == block.parent_root == envelope.parent_beacon_block_root};
 *   <li>{@code hash_tree_root(envelope.execution_requests) == bid.execution_requests_root} (EIP-7688
 *       progressive merkleization, EIP-8282 builder request types);
 *   <li>the payload's type-3 transactions' blob versioned hashes equal {@code 0x01 ‖ sha256(c)[1:]} of the
 *       bid's {@code blob_kzg_commitments}, in order;
 *   <li>the header rebuilt from the payload (transactions and withdrawals tries, EIP-7685 requests hash over
 *       the five request types, keccak of {@code block_access_list}, {@code slot_number}, parent beacon root)
 *       hashes to {@code block_hash} ({@code BLOCK_HASH_MISMATCH}).
 * </ul>
 *
 * <p><b>Not verified</b> (listed in {@link VerifiedEnvelope#notVerified()}): the builder's BLS signature over
 * the envelope and the bid (under {@code DOMAIN_BEACON_BUILDER}, by {@code state.builders[builder_index]}, or
 * the proposer's key for a self-build: the builder registry is beacon state a light client does not hold);
 * {@code envelope.beacon_block_root == hash_tree_root(block)} (the Gloas block body's progressive
 * merkleization is not implemented here, so the root is reported as claimed); the beacon block's signature
 * and canonicity; {@code payload.timestamp} against the slot's time unless a {@link SlotTiming} is given;
 * the withdrawals against the state's
 * {@code payload_expected_withdrawals}; execution validity; and whether the payload was delivered (only a
 * later block whose {@code bid.parent_block_hash} is this block hash shows that, which is what a Gloas
 * light-client header proves).
 */
public final class EnvelopeVerifier {
  private EnvelopeVerifier() {}

  /**
   * The network's slot clock ({@code GENESIS_TIME}, {@code SECONDS_PER_SLOT}, trusted configuration): with it
   * {@code payload.timestamp == compute_time_at_slot(slot)} is checked too.
   */
  public record SlotTiming(long genesisTime, long secondsPerSlot) {
    /** Non-negative genesis time, positive slot length. */
    public SlotTiming {
      if (genesisTime < 0 || secondsPerSlot <= 0) {
        throw new IllegalArgumentException("genesis time must be >= 0 and seconds per slot > 0");
      }
    }
  }

  /** {@link #verify(JsonNode, JsonNode)}, also checking the payload's timestamp against {@code timing}. */
  public static ProofResult<VerifiedEnvelope> verify(final JsonNode beaconBlock, final JsonNode envelope,
      final Optional<SlotTiming> timing) {
    Objects.requireNonNull(beaconBlock, "beaconBlock");
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(timing, "timing");
    return ProofResult.of(() -> check(beaconBlock, envelope, timing));
  }

  /**
   * Verifies {@code envelope} (a beacon-API response {@code {version, data}}, a {@code
   * SignedExecutionPayloadEnvelope} or a bare {@code ExecutionPayloadEnvelope}) against {@code beaconBlock} (a
   * response {@code {version: "gloas", data}}, a {@code SignedBeaconBlock} or a {@code BeaconBlock}). A block or
   * envelope of another fork is {@code UNSUPPORTED_FORK}.
   */
  public static ProofResult<VerifiedEnvelope> verify(final JsonNode beaconBlock, final JsonNode envelope) {
    Objects.requireNonNull(beaconBlock, "beaconBlock");
    Objects.requireNonNull(envelope, "envelope");
    return ProofResult.of(() -> check(beaconBlock, envelope, Optional.empty()));
  }

  private static JsonNode unwrap(final JsonNode root, final String what) {
    Codec.object(root, what);
    final Optional<JsonNode> version = RpcJson.optField(root, "version");
    if (version.isPresent() && !"gloas".equals(version.get().asText().toLowerCase(Locale.ROOT))) {
      throw new VerificationException(Reason.UNSUPPORTED_FORK, what + " version '" + abbreviate(version.get().asText())
          + "': execution payload envelopes exist from gloas on");
    }
    JsonNode n = root.has("data") ? Codec.object(RpcJson.field(root, "data"), what + ".data") : root;
    if (n.has("message")) {
      n = Codec.object(RpcJson.field(n, "message"), what + ".message");
    }
    return n;
  }

  private static VerifiedEnvelope check(final JsonNode blockJson, final JsonNode envelopeJson,
      final Optional<SlotTiming> timing) {
    if (blockJson.isObject() && !blockJson.has("version") && !blockJson.has("data") && !blockJson.has("message")
        && !blockJson.has("body")) {
      throw new VerificationException(Reason.INPUT_MALFORMED, "beacon block: expected {version, data}, a"
          + " SignedBeaconBlock or a BeaconBlock");
    }
    final JsonNode block = unwrap(blockJson, "beacon block");
    final JsonNode env = unwrap(envelopeJson, "envelope");
    final JsonNode body = Codec.object(RpcJson.field(block, "body"), "beacon block body");
    if (body.has("execution_payload") || !body.has("signed_execution_payload_bid")) {
      throw new VerificationException(Reason.UNSUPPORTED_FORK, "the beacon block is not a gloas block (it has "
          + (body.has("execution_payload") ? "an execution_payload" : "no signed_execution_payload_bid")
          + "): verify it without an envelope");
    }
    final JsonNode bid = Codec.object(RpcJson.field(Codec.object(RpcJson.field(body,
        "signed_execution_payload_bid"), "signed_execution_payload_bid"), "message"), "bid");
    final JsonNode payload = Codec.object(RpcJson.field(env, "payload"), "envelope.payload");
    final JsonNode requests = Codec.object(RpcJson.field(env, "execution_requests"), "envelope.execution_requests");

    final long slot = Codec.decimalU64(block, "slot");
    final Hash32 parentRoot = RpcJson.hash(block, "parent_root");
    final List<String> verified = new ArrayList<>();

    requireEqual(Codec.decimalU64(bid, "slot"), slot, "bid.slot", "the beacon block's slot");
    requireEqual(RpcJson.hash(bid, "parent_block_root"), parentRoot, "bid.parent_block_root",
        "the beacon block's parent_root");
    requireEqual(Codec.decimalU64(env, "builder_index"), Codec.decimalU64(bid, "builder_index"),
        "envelope.builder_index", "bid.builder_index");
    final Hash32 blockHash = RpcJson.hash(payload, "block_hash");
    requireEqual(blockHash, RpcJson.hash(bid, "block_hash"), "payload.block_hash", "bid.block_hash");
    requireEqual(RpcJson.hash(payload, "prev_randao"), RpcJson.hash(bid, "prev_randao"), "payload.prev_randao",
        "bid.prev_randao");
    requireEqual(Codec.decimalU64(payload, "gas_limit"), Codec.decimalU64(bid, "gas_limit"), "payload.gas_limit",
        "bid.gas_limit");
    requireEqual(Codec.decimalU64(payload, "slot_number"), slot, "payload.slot_number", "the beacon block's slot");
    requireEqual(RpcJson.hash(payload, "parent_hash"), RpcJson.hash(bid, "parent_block_hash"),
        "payload.parent_hash", "bid.parent_block_hash");
    requireEqual(RpcJson.hash(env, "parent_beacon_block_root"), parentRoot, "envelope.parent_beacon_block_root",
        "the beacon block's parent_root");
    verified.add("bid binding: payload.block_hash = bid.block_hash = " + blockHash.toHex()
        + "; builder_index, prev_randao, gas_limit equal the bid's");
    verified.add("slot " + Long.toUnsignedString(slot) + ": block.slot = bid.slot = payload.slot_number");
    verified.add("parents: payload.parent_hash = bid.parent_block_hash; envelope.parent_beacon_block_root ="
        + " block.parent_root = bid.parent_block_root");
    if (timing.isPresent()) {
      final long ts = Codec.decimalU64(payload, "timestamp");
      long expected;
      try {
        expected = Math.addExact(timing.get().genesisTime(), Math.multiplyExact(slot, timing.get().secondsPerSlot()));
      } catch (ArithmeticException overflow) {
        expected = -1;
      }
      if (slot < 0 || expected < 0 || ts != expected) {
        throw new VerificationException(Reason.ENVELOPE_MISMATCH, "payload.timestamp " + Long.toUnsignedString(ts)
            + " is not the time of slot " + Long.toUnsignedString(slot) + " ("
            + (expected < 0 ? "out of range" : Long.toString(expected)) + ")");
      }
      verified.add("timestamp " + ts + " = genesis_time + slot * SECONDS_PER_SLOT");
    }

    final Hash32 requestsRoot = GloasRequestsRoot.of(requests);
    requireEqual(requestsRoot, RpcJson.hash(bid, "execution_requests_root"),
        "hash_tree_root(envelope.execution_requests)", "bid.execution_requests_root");
    verified.add("execution requests: hash_tree_root = bid.execution_requests_root = " + requestsRoot.toHex());

    final int blobs = checkBlobs(payload, RpcJson.array(bid, "blob_kzg_commitments"));
    verified.add("blobs: " + blobs + " bid commitment(s) match the type-3 transactions' versioned hashes");

    final VerifiedPayload vp = BeaconPayloadVerifier.build(BeaconFork.GLOAS, payload, Optional.of(parentRoot),
        Optional.of(requests), Optional.of(slot));
    verified.add("block hash: keccak(rlp(23-field header rebuilt from the payload)) = block_hash (transactions and"
        + " withdrawals tries, requests hash, block access list hash, slot number rebuilt)");

    final Hash32 claimedRoot = RpcJson.hash(env, "beacon_block_root");
    final List<String> notVerified = List.of(
        "builder signature on the envelope and on the bid (DOMAIN_BEACON_BUILDER; the builder registry is beacon"
            + " state, not available to a light client)",
        "envelope.beacon_block_root " + claimedRoot.toHex() + " = hash_tree_root(beacon block) (progressive block"
            + " body merkleization not implemented; reported as claimed)",
        "the beacon block's signature and canonicity (use the light client)",
        (timing.isPresent() ? "" : "payload.timestamp against the slot's time (give the network), ")
            + "withdrawals against the state's payload_expected_withdrawals, execution validity",
        "that the payload was delivered: only a later block whose bid.parent_block_hash is this block hash shows"
            + " it (what a Gloas light-client header proves)");
    return new VerifiedEnvelope(vp, slot, Codec.decimalU64(env, "builder_index"), claimedRoot, requestsRoot, blobs,
        verified, notVerified);
  }

  /**
   * The type-3 transactions' {@code blob_versioned_hashes}, concatenated in transaction order, must equal
   * {@code kzg_commitment_to_versioned_hash} of the bid's commitments.
   */
  private static int checkBlobs(final JsonNode payload, final List<JsonNode> commitments) {
    final List<Hash32> expected = new ArrayList<>(commitments.size());
    for (int i = 0; i < commitments.size(); i++) {
      final byte[] c = RpcJson.dataValue(commitments.get(i), "blob_kzg_commitments[" + i + "]").toArray();
      if (c.length != 48) {
        throw new VerificationException(Reason.PAYLOAD_MALFORMED, "blob_kzg_commitments[" + i + "] is " + c.length
            + " bytes, not 48");
      }
      final byte[] h = Sha256.hash(c).toArray();
      h[0] = 0x01; // VERSIONED_HASH_VERSION_KZG
      expected.add(Hash32.of(h));
    }
    final List<Hash32> actual = new ArrayList<>();
    final List<JsonNode> txs = RpcJson.array(payload, "transactions");
    for (int i = 0; i < txs.size(); i++) {
      final byte[] raw = RpcJson.dataValue(txs.get(i), "transactions[" + i + "]").toArray();
      if (raw.length > 0 && raw[0] == 0x03) {
        final int index = i;
        Codec.wrap(Reason.TRANSACTION_MALFORMED, "transactions[" + i + "]", () -> {
          final RlpItem hashes = Codec.decodeList(raw, 1, "transaction").items(14, "type-3 transaction").get(10);
          for (final RlpItem vh : hashes.asList("blob_versioned_hashes").items()) {
            actual.add(vh.asHash32("blob_versioned_hashes of transaction " + index));
          }
          return null;
        });
      }
    }
    if (!expected.equals(actual)) {
      throw new VerificationException(Reason.ENVELOPE_MISMATCH, "the payload's blob transactions carry "
          + actual.size() + " versioned hash(es) that are not those of the bid's " + expected.size()
          + " blob_kzg_commitments");
    }
    return expected.size();
  }

  private static void requireEqual(final Object actual, final Object expected, final String what,
      final String against) {
    if (!actual.equals(expected)) {
      throw new VerificationException(Reason.ENVELOPE_MISMATCH, what + " " + show(actual) + " differs from "
          + against + " " + show(expected));
    }
  }

  private static String show(final Object o) {
    return o instanceof Long l ? Long.toUnsignedString(l) : o instanceof Hash32 h ? h.toHex() : String.valueOf(o);
  }

  private static String abbreviate(final String s) {
    return s.length() > 40 ? s.substring(0, 37) + "..." : s;
  }
}
