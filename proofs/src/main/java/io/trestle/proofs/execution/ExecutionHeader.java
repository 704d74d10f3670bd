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
 * An execution-layer block header of any fork from Frontier (15 fields) to Amsterdam (23 fields):
 * London adds {@code baseFeePerGas}, Shanghai {@code withdrawalsRoot}, Cancun {@code blobGasUsed},
 * {@code excessBlobGas}, {@code parentBeaconBlockRoot}, Prague {@code requestsHash}, Amsterdam {@code
 * blockAccessListHash} (EIP-7928) and then {@code slotNumber} (EIP-7843), in the order of execution-specs
 * {@code forks/amsterdam/blocks.py} and go-ethereum's {@code types.Header}. See {@link ExecutionFork}.
 *
 * <p><b>Verified here:</b> field sizes, canonical integers, that optional fields form a prefix (a
 * later fork's field requires every earlier one), and that the field count is the layout of some fork
 * (15, 16, 17, 20, 21 or 23; anything else, such as an Amsterdam header missing {@code slotNumber}, is
 * {@code HEADER_MALFORMED}). Which fork a header must have is a property of the chain, not of the header:
 * {@link #requireLayout(ExecutionFork)} and {@link ExecutionForkSchedule#check(ExecutionHeader)} reject
 * a header of the wrong fork ({@code HEADER_FORK_MISMATCH}: a Prague-era header carrying Amsterdam fields,
 * an Amsterdam-era header without them). {@link #hash()} is
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
    Optional<Hash32> requestsHash,
    Optional<Hash32> blockAccessListHash,
    Optional<Long> slotNumber) {

  /** Size of the logs bloom in bytes. */
  public static final int BLOOM_SIZE = 256;
  /** Bound on {@code extraData} accepted by this decoder. */
  public static final int MAX_EXTRA_DATA = 1024;
  /** keccak256(rlp([])): the ommers hash of every post-merge block. */
  public static final Hash32 EMPTY_OMMERS_HASH =
      Hash32.fromHex("0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347");

  private static final int MIN_FIELDS = 15;
  private static final int MAX_FIELDS = 23;
  private static final BigInteger UINT256_MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  /**
   * A header of a fork before Amsterdam (15 to 21 fields): {@code blockAccessListHash} and {@code
   * slotNumber} absent.
   */
  public ExecutionHeader(final Hash32 parentHash, final Hash32 ommersHash, final Address beneficiary,
      final Hash32 stateRoot, final Hash32 transactionsRoot, final Hash32 receiptsRoot, final Bytes logsBloom,
      final BigInteger difficulty, final long number, final long gasLimit, final long gasUsed, final long timestamp,
      final Bytes extraData, final Hash32 mixHash, final Bytes nonce, final Optional<BigInteger> baseFeePerGas,
      final Optional<Hash32> withdrawalsRoot, final Optional<Long> blobGasUsed, final Optional<Long> excessBlobGas,
      final Optional<Hash32> parentBeaconBlockRoot, final Optional<Hash32> requestsHash) {
    this(parentHash, ommersHash, beneficiary, stateRoot, transactionsRoot, receiptsRoot, logsBloom, difficulty,
        number, gasLimit, gasUsed, timestamp, extraData, mixHash, nonce, baseFeePerGas, withdrawalsRoot, blobGasUsed,
        excessBlobGas, parentBeaconBlockRoot, requestsHash, Optional.empty(), Optional.empty());
  }

  /**
   * Validates sizes, ranges, the optional-field prefix rule and that the field count is some fork's
   * layout ({@code HEADER_MALFORMED}). {@code slotNumber} is a uint64 held as its raw 64 bits.
   */
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
    Objects.requireNonNull(blockAccessListHash, "blockAccessListHash");
    Objects.requireNonNull(slotNumber, "slotNumber");
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
      excessBlobGas.isPresent(), parentBeaconBlockRoot.isPresent(), requestsHash.isPresent(),
      blockAccessListHash.isPresent(), slotNumber.isPresent()
    };
    int count = MIN_FIELDS;
    for (int i = 0; i < present.length; i++) {
      if (present[i] && i > 0 && !present[i - 1]) {
        throw malformed("field '" + OPTIONAL_NAMES[i] + "' is present but the earlier fork field '"
            + OPTIONAL_NAMES[i - 1] + "' is absent");
      }
      if (present[i]) {
        count++;
      }
    }
    if (ExecutionFork.ofFieldCount(count).isEmpty()) {
      throw malformed(count + " fields is the header layout of no fork (15, 16, 17, 20, 21 or 23): "
          + layoutHint(count));
    }
  }

  private static final String[] OPTIONAL_NAMES = {
    "baseFeePerGas", "withdrawalsRoot", "blobGasUsed", "excessBlobGas", "parentBeaconBlockRoot", "requestsHash",
    "blockAccessListHash", "slotNumber"
  };

  private static String layoutHint(final int count) {
    return switch (count) {
      case 18, 19 -> "Cancun adds blobGasUsed, excessBlobGas and parentBeaconBlockRoot together";
      case 22 -> "Amsterdam adds blockAccessListHash and slotNumber together";
      default -> "more fields than any known fork";
    };
  }

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

  /** Number of RLP fields (15, 16, 17, 20, 21 or 23). */
  public int fieldCount() {
    int n = MIN_FIELDS;
    if (blockAccessListHash.isPresent()) {
      n++;
    }
    if (slotNumber.isPresent()) {
      n++;
    }
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
    blockAccessListHash.ifPresent(v -> f.add(RlpWriter.string(v)));
    slotNumber.ifPresent(v -> f.add(RlpWriter.uint(Codec.unsigned(v))));
    return RlpWriter.list(f);
  }

  /** The fork whose header layout this header has (by its field count). */
  public ExecutionFork layout() {
    return ExecutionFork.ofFieldCount(fieldCount()).orElseThrow();
  }

  /**
   * Requires this header to have the layout of {@code expected}: a header of an earlier layout misses
   * that fork's fields, a header of a later one carries fields the fork does not have. Either is {@code
   * HEADER_FORK_MISMATCH}, naming the fields.
   */
  public void requireLayout(final ExecutionFork expected) {
    Objects.requireNonNull(expected, "expected");
    final ExecutionFork actual = layout();
    if (actual != expected) {
      throw new VerificationException(Reason.HEADER_FORK_MISMATCH, layoutMismatch(expected, actual));
    }
  }

  static String layoutMismatch(final ExecutionFork expected, final ExecutionFork actual) {
    final int want = expected.fieldCount();
    final int got = actual.fieldCount();
    final StringBuilder names = new StringBuilder();
    for (int i = Math.min(want, got); i < Math.max(want, got); i++) {
      names.append(names.length() == 0 ? "" : ", ").append(OPTIONAL_NAMES[i - MIN_FIELDS]);
    }
    return "a " + expected.specName() + " header has " + want + " fields but this one has " + got + " ("
        + actual.specName() + " layout): " + (got > want ? "it carries " : "it lacks ") + names;
  }

  /** keccak256 of the canonical RLP encoding: the block hash. */
  public Hash32 hash() {
    return Keccak256.hash(encode());
  }

  /**
   * Decodes an RLP header strictly: one canonical list of 15 to 23 fields, fixed sizes, canonical
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
        throw malformed("expected 15 to 23 fields, got " + it.size());
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
          n > 20 ? Optional.of(it.get(20).asHash32("requestsHash")) : Optional.empty(),
          n > 21 ? Optional.of(it.get(21).asHash32("blockAccessListHash")) : Optional.empty(),
          n > 22 ? Optional.of(it.get(22).asUInt64("slotNumber")) : Optional.empty());
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
   * Callers must compare {@link #hash()} with a value they trust. Member names are those of
   * execution-apis and go-ethereum ({@code sha3Uncles}, {@code miner}, ..., {@code requestsHash}, {@code
   * blockAccessListHash}, {@code slotNumber}); an absent or {@code null} member is an absent field.
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
        RpcJson.optField(b, "requestsHash").map(n -> RpcJson.hashValue(n, "requestsHash")),
        RpcJson.optField(b, "blockAccessListHash").map(n -> RpcJson.hashValue(n, "blockAccessListHash")),
        RpcJson.optField(b, "slotNumber").map(n -> RpcJson.quantityValue(n, "slotNumber", 64).longValue()));
  }
}
