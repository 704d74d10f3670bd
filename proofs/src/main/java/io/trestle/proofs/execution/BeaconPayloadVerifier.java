package io.trestle.proofs.execution;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Sha256;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import io.trestle.proofs.VerificationException;
import io.trestle.proofs.json.RpcJson;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Rebuilds the execution-layer header from a beacon block's {@code execution_payload} and requires its
 * keccak to equal the payload's {@code block_hash} ({@code BLOCK_HASH_MISMATCH}).
 *
 * <p>Rebuilt here: the transactions root (trie of rlp(i) to raw transaction bytes, each checked as an
 * EIP-2718 envelope), the withdrawals root (Capella and later), the post-merge constants (ommers hash
 * keccak(rlp([])), difficulty 0, nonce 0), the parent beacon block root (Deneb and later, from {@code
 * message.parent_root}) and the EIP-7685 requests hash (Electra and later, from {@code
 * body.execution_requests}); for a Gloas payload ({@link #verifyPayload} with {@link BeaconFork#GLOAS})
 * also the EIP-7928 block access list hash (keccak256 of the payload's {@code block_access_list} bytes)
 * and EIP-7843 {@code slot_number}. The rebuilt header must have the fork's layout ({@code
 * HEADER_FORK_MISMATCH}). A Gloas beacon block has no payload: see {@link EnvelopeVerifier}.
 *
 * <p><b>Not verified:</b> the beacon block's signature, its root, and whether it is canonical. A
 * {@code block_hash} is only as trustworthy as the beacon block it came from.
 */
public final class BeaconPayloadVerifier {

  private BeaconPayloadVerifier() {}

  /**
   * Verifies a beacon-API block response {@code {version, data}} where {@code data} is a
   * SignedBeaconBlock {@code {message, signature}} or a BeaconBlock. An unknown or pre-merge {@code
   * version} is {@code UNSUPPORTED_FORK}.
   */
  public static ProofResult<VerifiedPayload> verify(final JsonNode beaconBlock) {
    Objects.requireNonNull(beaconBlock, "beaconBlock");
    return ProofResult.of(() -> verifyBlock(beaconBlock));
  }

  /**
   * Verifies a bare execution payload of {@code fork}. {@code parentBeaconRoot} is required for Deneb
   * and later, {@code executionRequests} for Electra and later; both must be empty before.
   */
  public static ProofResult<VerifiedPayload> verifyPayload(final BeaconFork fork, final JsonNode payload,
      final Optional<Hash32> parentBeaconRoot, final Optional<JsonNode> executionRequests) {
    Objects.requireNonNull(fork, "fork");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(parentBeaconRoot, "parentBeaconRoot");
    Objects.requireNonNull(executionRequests, "executionRequests");
    return ProofResult.of(() -> build(fork, payload, parentBeaconRoot, executionRequests, Optional.empty()));
  }

  private static VerifiedPayload verifyBlock(final JsonNode root) {
    Codec.object(root, "beacon block response");
    final String version = RpcJson.text(root, "version");
    final BeaconFork fork = BeaconFork.fromVersion(version).orElseThrow(() -> new VerificationException(
        Reason.UNSUPPORTED_FORK, "beacon block version '" + abbreviate(version)
            + "' has no execution payload this verifier understands (bellatrix..gloas)"));
    if (fork.atLeast(BeaconFork.GLOAS)) {
      throw new VerificationException(Reason.UNSUPPORTED_FORK, "a " + version.toLowerCase(java.util.Locale.ROOT)
          + " beacon block carries only the builder's bid (EIP-7732): its payload arrives in a separate signed"
          + " envelope; verify both with EnvelopeVerifier");
    }
    final JsonNode data = Codec.object(RpcJson.field(root, "data"), "data");
    final JsonNode message = data.has("message") ? Codec.object(RpcJson.field(data, "message"), "data.message") : data;
    final JsonNode body = Codec.object(RpcJson.field(message, "body"), "body");
    final JsonNode payload = Codec.object(RpcJson.field(body, "execution_payload"), "body.execution_payload");
    final Optional<Hash32> parentRoot = fork.atLeast(BeaconFork.DENEB)
        ? Optional.of(RpcJson.hash(message, "parent_root")) : Optional.empty();
    final Optional<JsonNode> requests = fork.atLeast(BeaconFork.ELECTRA)
        ? Optional.of(RpcJson.field(body, "execution_requests")) : Optional.empty();
    final Optional<Long> slot = RpcJson.optField(message, "slot").isPresent()
        ? Optional.of(Codec.decimalU64(message, "slot")) : Optional.empty();
    return build(fork, payload, parentRoot, requests, slot);
  }

  static VerifiedPayload build(final BeaconFork fork, final JsonNode p, final Optional<Hash32> parentRoot,
      final Optional<JsonNode> requests, final Optional<Long> slot) {
    Codec.object(p, "execution_payload");
    if (fork.atLeast(BeaconFork.DENEB) != parentRoot.isPresent()) {
      throw new VerificationException(Reason.PAYLOAD_MALFORMED, "parent beacon root is required from deneb on, and only then");
    }
    if (fork.atLeast(BeaconFork.ELECTRA) != requests.isPresent()) {
      throw new VerificationException(Reason.PAYLOAD_MALFORMED, "execution requests are required from electra on, and only then");
    }
    // Transactions (raw EIP-2718 bytes).
    final List<JsonNode> rawTxs = RpcJson.array(p, "transactions");
    final List<Transaction> txs = new ArrayList<>(rawTxs.size());
    for (int i = 0; i < rawTxs.size(); i++) {
      final Bytes raw = RpcJson.dataValue(rawTxs.get(i), "transactions[" + i + "]");
      try {
        txs.add(Transaction.fromRaw(raw));
      } catch (VerificationException e) {
        throw e.withContext("transactions[" + i + "]");
      }
    }
    // Withdrawals.
    Optional<Hash32> wRoot = Optional.empty();
    Optional<Integer> wCount = Optional.empty();
    if (fork.atLeast(BeaconFork.CAPELLA)) {
      final List<JsonNode> arr = RpcJson.array(p, "withdrawals");
      final List<Withdrawal> ws = new ArrayList<>(arr.size());
      for (int i = 0; i < arr.size(); i++) {
        try {
          ws.add(Withdrawal.fromBeaconJson(arr.get(i)));
        } catch (VerificationException e) {
          throw e.withContext("withdrawals[" + i + "]");
        }
      }
      wRoot = Optional.of(Withdrawal.root(ws));
      wCount = Optional.of(ws.size());
    } else if (p.has("withdrawals")) {
      throw new VerificationException(Reason.PAYLOAD_MALFORMED, "a " + fork + " payload has no withdrawals");
    }
    Optional<Long> blobGasUsed = Optional.empty();
    Optional<Long> excessBlobGas = Optional.empty();
    if (fork.atLeast(BeaconFork.DENEB)) {
      blobGasUsed = Optional.of(decimal63(p, "blob_gas_used"));
      excessBlobGas = Optional.of(decimal63(p, "excess_blob_gas"));
    } else if (p.has("blob_gas_used") || p.has("excess_blob_gas")) {
      throw new VerificationException(Reason.PAYLOAD_MALFORMED, "a " + fork + " payload has no blob gas fields");
    }
    final Optional<Hash32> requestsHash = requests.map(r -> requestsHash(fork, r));
    Optional<Hash32> balHash = Optional.empty();
    Optional<Long> slotNumber = Optional.empty();
    if (fork.atLeast(BeaconFork.GLOAS)) {
      // EIP-7928: the header commits to keccak256 of the RLP block access list the payload carries
      final Bytes bal = RpcJson.data(p, "block_access_list");
      balHash = Optional.of(io.trestle.crypto.Keccak256.hash(bal.toArray()));
      slotNumber = Optional.of(Codec.decimalU64(p, "slot_number"));
    } else if (p.has("block_access_list") || p.has("slot_number")) {
      throw new VerificationException(Reason.PAYLOAD_MALFORMED, "a " + fork
          + " payload has no block_access_list or slot_number (Amsterdam fields)");
    }
    final ExecutionHeader h = new ExecutionHeader(
        RpcJson.hash(p, "parent_hash"),
        ExecutionHeader.EMPTY_OMMERS_HASH,
        RpcJson.address(p, "fee_recipient"),
        RpcJson.hash(p, "state_root"),
        Transaction.root(txs),
        RpcJson.hash(p, "receipts_root"),
        RpcJson.fixed(p, "logs_bloom", ExecutionHeader.BLOOM_SIZE),
        BigInteger.ZERO,
        decimal63(p, "block_number"),
        decimal63(p, "gas_limit"),
        decimal63(p, "gas_used"),
        decimal63(p, "timestamp"),
        Codec.boundedData(p, "extra_data", ExecutionHeader.MAX_EXTRA_DATA),
        RpcJson.hash(p, "prev_randao"),
        Bytes.of(new byte[8]),
        Optional.of(RpcJson.decimal(p, "base_fee_per_gas", 256)),
        wRoot, blobGasUsed, excessBlobGas, parentRoot, requestsHash, balHash, slotNumber);
    h.requireLayout(fork.executionLayout());
    final Hash32 claimed = RpcJson.hash(p, "block_hash");
    final Hash32 computed = h.hash();
    if (!computed.equals(claimed)) {
      throw new VerificationException(Reason.BLOCK_HASH_MISMATCH,
          "header rebuilt from the " + fork.name().toLowerCase(java.util.Locale.ROOT) + " payload hashes to " + computed
              + " but block_hash is " + claimed);
    }
    return new VerifiedPayload(fork, h, computed, txs.size(), wCount, requestsHash, slot);
  }

  private static long decimal63(final JsonNode obj, final String name) {
    return RpcJson.decimal(obj, name, 63).longValue();
  }

  /**
   * EIP-7685 requests hash of an Electra/Fulu beacon {@code execution_requests} object: sha256 over
   * sha256(type ‖ data) of each request type whose data is non-empty, in type order (0x00 deposits, 0x01
   * withdrawals, 0x02 consolidations); data is the concatenated SSZ of the fixed-size requests.
   */
  public static Hash32 requestsHash(final JsonNode executionRequests) {
    return requestsHash(BeaconFork.ELECTRA, executionRequests);
  }

  /**
   * {@link #requestsHash(JsonNode)} for {@code fork}'s {@code ExecutionRequests}: from Gloas (EIP-8282,
   * consensus-specs gloas {@code get_execution_requests_list}) also 0x03 {@code builder_deposits} and 0x04
   * {@code builder_exits}, which must be present there and absent before ({@code PAYLOAD_MALFORMED}).
   */
  public static Hash32 requestsHash(final BeaconFork fork, final JsonNode executionRequests) {
    Codec.object(executionRequests, "execution_requests");
    final boolean gloas = fork.atLeast(BeaconFork.GLOAS);
    if (!gloas && (executionRequests.has("builder_deposits") || executionRequests.has("builder_exits"))) {
      throw new VerificationException(Reason.PAYLOAD_MALFORMED, "a " + fork
          + " execution_requests has no builder_deposits or builder_exits (EIP-8282 is Gloas)");
    }
    final byte[][] data = {
      concat(RpcJson.array(executionRequests, "deposits"), "deposits", 0),
      concat(RpcJson.array(executionRequests, "withdrawals"), "withdrawals", 1),
      concat(RpcJson.array(executionRequests, "consolidations"), "consolidations", 2),
      gloas ? concat(RpcJson.array(executionRequests, "builder_deposits"), "builder_deposits", 3) : new byte[0],
      gloas ? concat(RpcJson.array(executionRequests, "builder_exits"), "builder_exits", 4) : new byte[0]
    };
    final ByteArrayOutputStream outer = new ByteArrayOutputStream();
    for (int type = 0; type < data.length; type++) {
      if (data[type].length == 0) {
        continue;
      }
      final byte[] typed = new byte[1 + data[type].length];
      typed[0] = (byte) type;
      System.arraycopy(data[type], 0, typed, 1, data[type].length);
      outer.writeBytes(Sha256.hash(typed).toArray());
    }
    return Sha256.hash(outer.toByteArray());
  }

  private static byte[] concat(final List<JsonNode> items, final String what, final int type) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < items.size(); i++) {
      final JsonNode r = Codec.object(items.get(i), what + "[" + i + "]");
      try {
        switch (type) {
          case 0 -> {
            out.writeBytes(RpcJson.fixed(r, "pubkey", 48).toArray());
            out.writeBytes(RpcJson.fixed(r, "withdrawal_credentials", 32).toArray());
            out.writeBytes(le64(RpcJson.decimal(r, "amount", 64)));
            out.writeBytes(RpcJson.fixed(r, "signature", 96).toArray());
            out.writeBytes(le64(RpcJson.decimal(r, "index", 64)));
          }
          case 1 -> {
            out.writeBytes(RpcJson.fixed(r, "source_address", 20).toArray());
            out.writeBytes(RpcJson.fixed(r, "validator_pubkey", 48).toArray());
            out.writeBytes(le64(RpcJson.decimal(r, "amount", 64)));
          }
          case 2 -> {
            out.writeBytes(RpcJson.fixed(r, "source_address", 20).toArray());
            out.writeBytes(RpcJson.fixed(r, "source_pubkey", 48).toArray());
            out.writeBytes(RpcJson.fixed(r, "target_pubkey", 48).toArray());
          }
          case 3 -> { // BuilderDepositRequest (gloas): pubkey, withdrawal_credentials, amount, signature
            out.writeBytes(RpcJson.fixed(r, "pubkey", 48).toArray());
            out.writeBytes(RpcJson.fixed(r, "withdrawal_credentials", 32).toArray());
            out.writeBytes(le64(RpcJson.decimal(r, "amount", 64)));
            out.writeBytes(RpcJson.fixed(r, "signature", 96).toArray());
          }
          default -> { // BuilderExitRequest (gloas): source_address, pubkey
            out.writeBytes(RpcJson.fixed(r, "source_address", 20).toArray());
            out.writeBytes(RpcJson.fixed(r, "pubkey", 48).toArray());
          }
        }
      } catch (VerificationException e) {
        throw new VerificationException(Reason.PAYLOAD_MALFORMED,
            "execution_requests." + what + "[" + i + "]: " + e.reason() + ": " + e.detail());
      }
    }
    return out.toByteArray();
  }

  private static byte[] le64(final BigInteger v) {
    final long x = v.longValue();
    final byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (x >>> (8 * i));
    }
    return b;
  }

  private static String abbreviate(final String s) {
    return s.length() > 40 ? s.substring(0, 37) + "..." : s;
  }
}
