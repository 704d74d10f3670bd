package io.trestle.proofs.execution;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Address;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Keccak256;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import io.trestle.proofs.VerificationException;
import io.trestle.proofs.json.RpcJson;
import io.trestle.proofs.rlp.RlpItem;
import io.trestle.proofs.rlp.RlpWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An execution-layer block header of any fork from Frontier (15 fields) to Prague (21 fields:
 * London adds {@code baseFeePerGas}, Shanghai {@code withdrawalsRoot}, Cancun {@code blobGasUsed},
 * {@code excessBlobGas}, {@code parentBeaconBlockRoot}, Prague {@code requestsHash}).
 *
 * <p><b>Verified here:</b> field sizes, canonical integers, and that optional fields form a prefix (a
 * later fork's field requires every earlier one, else {@code HEADER_MALFORMED}). {@link #hash()} is
 * computed here as keccak256 of the canonical RLP. {@link #fromJson(JsonNode)} additionally requires
 * the recomputed hash to equal the JSON {@code hash}, so a JSON field this class does not know (a future
 * fork's) cannot be silently dropped: the hash would differ ({@code BLOCK_HASH_MISMATCH}).
 *
 * <p><b>Trusted:</b> nothing about the header's contents is proven by itself; whether this block is
 * canonical is for the caller to establish (for example by comparing {@link #hash()} with a checkpoint
 * or a light-client-verified execution payload).
 *
 * <p>{@code extraData} is bounded at 1 KiB (not at the consensus limit of 32 bytes, which is a
 * consensus rule rather than an encoding rule).
 */
public record ExecutionHeader(
    Hash32 parentHash,
    Hash32 ommersHash,
    Address beneficiary,
    Hash32 stateRoot,
    Hash32 transactionsRoot,
    Hash32 receiptsRoot,
    Bytes logsBloom,
    BigInteger difficulty,
    long number,
    long gasLimit,
    long gasUsed,
    long timestamp,
    Bytes extraData,
    Hash32 mixHash,
    Bytes nonce,
    Optional<BigInteger> baseFeePerGas,
    Optional<Hash32> withdrawalsRoot,
    Optional<Long> blobGasUsed,
    Optional<Long> excessBlobGas,
    Optional<Hash32> parentBeaconBlockRoot,
    Optional<Hash32> requestsHash) {

  /** Size of the logs bloom in bytes. */
  public static final int BLOOM_SIZE = 256;
  /** Bound on {@code extraData} accepted by this decoder. */
  public static final int MAX_EXTRA_DATA = 1024;
  /** keccak256(rlp([])): the ommers hash of every post-merge block. */
  public static final Hash32 EMPTY_OMMERS_HASH =
      Hash32.fromHex("0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347");

  private static final int MIN_FIELDS = 15;
  private static final int MAX_FIELDS = 21;
  private static final BigInteger UINT256_MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  /** Validates sizes, ranges and the optional-field prefix rule ({@code HEADER_MALFORMED}). */
  public ExecutionHeader {
    Objects.requireNonNull(parentHash, "parentHash");
    Objects.requireNonNull(ommersHash, "ommersHash");
    Objects.requireNonNull(beneficiary, "beneficiary");
    Objects.requireNonNull(stateRoot, "stateRoot");
    Objects.requireNonNull(transactionsRoot, "transactionsRoot");
    Objects.requireNonNull(receiptsRoot, "receiptsRoot");
    Objects.requireNonNull(logsBloom, "logsBloom");
    Objects.requireNonNull(difficulty, "difficulty");
    Objects.requireNonNull(extraData, "extraData");
    Objects.requireNonNull(mixHash, "mixHash");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(baseFeePerGas, "baseFeePerGas");
    Objects.requireNonNull(withdrawalsRoot, "withdrawalsRoot");
    Objects.requireNonNull(blobGasUsed, "blobGasUsed");
    Objects.requireNonNull(excessBlobGas, "excessBlobGas");
    Objects.requireNonNull(parentBeaconBlockRoot, "parentBeaconBlockRoot");
    Objects.requireNonNull(requestsHash, "requestsHash");
    if (logsBloom.size() != BLOOM_SIZE) {
      throw malformed("logsBloom must be 256 bytes, got " + logsBloom.size());
    }
    if (nonce.size() != 8) {
      throw malformed("nonce must be 8 bytes, got " + nonce.size());
    }
    if (extraData.size() > MAX_EXTRA_DATA) {
      throw malformed("extraData of " + extraData.size() + " bytes exceeds the bound " + MAX_EXTRA_DATA);
    }
    checkUint256("difficulty", difficulty);
    baseFeePerGas.ifPresent(v -> checkUint256("baseFeePerGas", v));
    checkNonNegative("number", number);
    checkNonNegative("gasLimit", gasLimit);
    checkNonNegative("gasUsed", gasUsed);
    checkNonNegative("timestamp", timestamp);
    blobGasUsed.ifPresent(v -> checkNonNegative("blobGasUsed", v));
    excessBlobGas.ifPresent(v -> checkNonNegative("excessBlobGas", v));
    final boolean[] present = {
      baseFeePerGas.isPresent(), withdrawalsRoot.isPresent(), blobGasUsed.isPresent(),
      excessBlobGas.isPresent(), parentBeaconBlockRoot.isPresent(), requestsHash.isPresent()
    };
    for (int i = 1; i < present.length; i++) {
      if (present[i] && !present[i - 1]) {
        throw malformed("field '" + OPTIONAL_NAMES[i] + "' is present but the earlier fork field '"
            + OPTIONAL_NAMES[i - 1] + "' is absent");
      }
    }
  }

  private static final String[] OPTIONAL_NAMES = {
    "baseFeePerGas", "withdrawalsRoot", "blobGasUsed", "excessBlobGas", "parentBeaconBlockRoot", "requestsHash"
  };

  private static VerificationException malformed(final String detail) {
    return new VerificationException(Reason.HEADER_MALFORMED, detail);
  }

  private static void checkUint256(final String name, final BigInteger v) {
    if (v.signum() < 0 || v.compareTo(UINT256_MAX) > 0) {
      throw malformed(name + " out of uint256 range");
    }
  }

  private static void checkNonNegative(final String name, final long v) {
    if (v < 0) {
      throw malformed(name + " must be in [0, 2^63-1]");
    }
  }

  /** Number of RLP fields (15 to 21). */
  public int fieldCount() {
    int n = MIN_FIELDS;
    if (baseFeePerGas.isPresent()) {
      n++;
    }
    if (withdrawalsRoot.isPresent()) {
      n++;
    }
    if (blobGasUsed.isPresent()) {
      n++;
    }
    if (excessBlobGas.isPresent()) {
      n++;
    }
    if (parentBeaconBlockRoot.isPresent()) {
      n++;
    }
    if (requestsHash.isPresent()) {
      n++;
    }
    return n;
  }

  /** The canonical RLP encoding. */
  public byte[] encode() {
    final List<byte[]> f = new ArrayList<>(MAX_FIELDS);
    f.add(RlpWriter.string(parentHash));
    f.add(RlpWriter.string(ommersHash));
    f.add(RlpWriter.string(beneficiary));
    f.add(RlpWriter.string(stateRoot));
    f.add(RlpWriter.string(transactionsRoot));
    f.add(RlpWriter.string(receiptsRoot));
    f.add(RlpWriter.string(logsBloom));
    f.add(RlpWriter.uint(difficulty));
    f.add(RlpWriter.uint(number));
    f.add(RlpWriter.uint(gasLimit));
    f.add(RlpWriter.uint(gasUsed));
    f.add(RlpWriter.uint(timestamp));
    f.add(RlpWriter.string(extraData));
    f.add(RlpWriter.string(mixHash));
    f.add(RlpWriter.string(nonce));
    baseFeePerGas.ifPresent(v -> f.add(RlpWriter.uint(v)));
    withdrawalsRoot.ifPresent(v -> f.add(RlpWriter.string(v)));
    blobGasUsed.ifPresent(v -> f.add(RlpWriter.uint(v)));
    excessBlobGas.ifPresent(v -> f.add(RlpWriter.uint(v)));
    parentBeaconBlockRoot.ifPresent(v -> f.add(RlpWriter.string(v)));
    requestsHash.ifPresent(v -> f.add(RlpWriter.string(v)));
    return RlpWriter.list(f);
  }

  /** keccak256 of the canonical RLP encoding: the block hash. */
  public Hash32 hash() {
    return Keccak256.hash(encode());
  }

  /**
   * Decodes an RLP header strictly: one canonical list of 15 to 21 fields, fixed sizes, canonical
   * integers. Any defect is {@code HEADER_MALFORMED} (the RLP reason is kept in the detail).
   */
  public static ExecutionHeader decode(final byte[] rlp) {
    Objects.requireNonNull(rlp, "rlp");
    final byte[] copy = rlp.clone();
    return Codec.wrap(Reason.HEADER_MALFORMED, "header", () -> fromRlp(Codec.decodeList(copy, 0, "header")));
  }

  /** Decodes a header from an already-validated RLP list item (used for blocks inside chain files). */
  public static ExecutionHeader fromRlp(final RlpItem list) {
    return Codec.wrap(Reason.HEADER_MALFORMED, "header", () -> {
      final List<RlpItem> it = list.asList("header").items();
      if (it.size() < MIN_FIELDS || it.size() > MAX_FIELDS) {
        throw malformed("expected 15 to 21 fields, got " + it.size());
      }
      final int n = it.size();
      return new ExecutionHeader(
          it.get(0).asHash32("parentHash"),
          it.get(1).asHash32("ommersHash"),
          it.get(2).asAddress("beneficiary"),
          it.get(3).asHash32("stateRoot"),
          it.get(4).asHash32("transactionsRoot"),
          it.get(5).asHash32("receiptsRoot"),
          Bytes.of(it.get(6).bytesOfSize(BLOOM_SIZE, "logsBloom")),
          it.get(7).asUnsigned("difficulty", 32),
          it.get(8).asLong("number"),
          it.get(9).asLong("gasLimit"),
          it.get(10).asLong("gasUsed"),
          it.get(11).asLong("timestamp"),
          boundedBytes(it.get(12), "extraData"),
          it.get(13).asHash32("mixHash"),
          Bytes.of(it.get(14).bytesOfSize(8, "nonce")),
          n > 15 ? Optional.of(it.get(15).asUnsigned("baseFeePerGas", 32)) : Optional.empty(),
          n > 16 ? Optional.of(it.get(16).asHash32("withdrawalsRoot")) : Optional.empty(),
          n > 17 ? Optional.of(it.get(17).asLong("blobGasUsed")) : Optional.empty(),
          n > 18 ? Optional.of(it.get(18).asLong("excessBlobGas")) : Optional.empty(),
          n > 19 ? Optional.of(it.get(19).asHash32("parentBeaconBlockRoot")) : Optional.empty(),
          n > 20 ? Optional.of(it.get(20).asHash32("requestsHash")) : Optional.empty());
    });
  }

  private static Bytes boundedBytes(final RlpItem item, final String what) {
    final Bytes b = item.asBytes();
    if (b.size() > MAX_EXTRA_DATA) {
      throw malformed(what + " of " + b.size() + " bytes exceeds the bound " + MAX_EXTRA_DATA);
    }
    return b;
  }

  /** {@link #decode(byte[])} as a {@link ProofResult}. */
  public static ProofResult<ExecutionHeader> tryDecode(final byte[] rlp) {
    return ProofResult.of(() -> decode(rlp));
  }

  /**
   * Parses an {@code eth_getBlockByNumber}/{@code eth_getBlockByHash} result (JSON-RPC names) and
   * requires keccak(rlp(header)) to equal its {@code hash} ({@code BLOCK_HASH_MISMATCH}). Throws
   * {@link VerificationException}; see {@link #tryFromJson(JsonNode)} for the result form.
   */
  public static ExecutionHeader fromJson(final JsonNode block) {
    final ExecutionHeader h = fromJsonUnchecked(block);
    final Hash32 claimed = RpcJson.hash(block, "hash");
    final Hash32 computed = h.hash();
    if (!computed.equals(claimed)) {
      throw new VerificationException(Reason.BLOCK_HASH_MISMATCH,
          "keccak(rlp(header)) = " + computed + " but the JSON claims hash " + claimed
              + " (a field was altered, or the JSON carries a header field this verifier does not know)");
    }
    return h;
  }

  /** {@link #fromJson(JsonNode)} as a {@link ProofResult}. */
  public static ProofResult<ExecutionHeader> tryFromJson(final JsonNode block) {
    return ProofResult.of(() -> fromJson(block));
  }

  /**
   * Parses the header fields of a JSON-RPC block object without comparing with its {@code hash}.
   * Callers must compare {@link #hash()} with a value they trust.
   */
  public static ExecutionHeader fromJsonUnchecked(final JsonNode b) {
    Codec.object(b, "block");
    return new ExecutionHeader(
        RpcJson.hash(b, "parentHash"),
        RpcJson.hash(b, "sha3Uncles"),
        RpcJson.address(b, "miner"),
        RpcJson.hash(b, "stateRoot"),
        RpcJson.hash(b, "transactionsRoot"),
        RpcJson.hash(b, "receiptsRoot"),
        RpcJson.fixed(b, "logsBloom", BLOOM_SIZE),
        RpcJson.quantity(b, "difficulty", 256),
        RpcJson.quantityLong(b, "number"),
        RpcJson.quantityLong(b, "gasLimit"),
        RpcJson.quantityLong(b, "gasUsed"),
        RpcJson.quantityLong(b, "timestamp"),
        Codec.boundedData(b, "extraData", MAX_EXTRA_DATA),
        RpcJson.hash(b, "mixHash"),
        RpcJson.fixed(b, "nonce", 8),
        RpcJson.optField(b, "baseFeePerGas").map(n -> RpcJson.quantityValue(n, "baseFeePerGas", 256)),
        RpcJson.optField(b, "withdrawalsRoot").map(n -> RpcJson.hashValue(n, "withdrawalsRoot")),
        RpcJson.optField(b, "blobGasUsed").map(n -> RpcJson.quantityValue(n, "blobGasUsed", 63).longValueExact()),
        RpcJson.optField(b, "excessBlobGas").map(n -> RpcJson.quantityValue(n, "excessBlobGas", 63).longValueExact()),
        RpcJson.optField(b, "parentBeaconBlockRoot").map(n -> RpcJson.hashValue(n, "parentBeaconBlockRoot")),
        RpcJson.optField(b, "requestsHash").map(n -> RpcJson.hashValue(n, "requestsHash")));
  }
}
