package io.trestle.lightclient.types;

import io.trestle.crypto.Address;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.proofs.ssz.Merkle;
import io.trestle.proofs.ssz.SszException;
import io.trestle.proofs.ssz.SszReader;
import io.trestle.proofs.ssz.SszWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import io.trestle.lightclient.config.Fork;

/**
 * {@code ExecutionPayloadHeader} in its Bellatrix, Capella and Deneb shapes (Electra and Fulu use the
 * Deneb shape). Light-client headers carry it from Capella on, proven against the beacon block body root
 * by the execution branch. A plain value: trusted only as far as that branch was verified.
 *
 * @param fork which shape (BELLATRIX, CAPELLA, or DENEB for Deneb and later)
 * @param parentHash parent execution block hash
 * @param feeRecipient fee recipient (coinbase)
 * @param stateRoot execution state root
 * @param receiptsRoot receipts root
 * @param logsBloom 256-byte logs bloom
 * @param prevRandao prev_randao (mixHash)
 * @param blockNumber execution block number
 * @param gasLimit gas limit
 * @param gasUsed gas used
 * @param timestamp timestamp
 * @param extraData extra data (at most 32 bytes)
 * @param baseFeePerGas base fee (uint256)
 * @param blockHash execution block hash
 * @param transactionsRoot SSZ root of the transactions list
 * @param withdrawalsRoot SSZ root of the withdrawals list (Capella+; zero before)
 * @param blobGasUsed blob gas used (Deneb+; 0 before)
 * @param excessBlobGas excess blob gas (Deneb+; 0 before)
 */
public record ExecutionPayloadHeader(
    Fork fork,
    Hash32 parentHash,
    Address feeRecipient,
    Hash32 stateRoot,
    Hash32 receiptsRoot,
    Bytes logsBloom,
    Hash32 prevRandao,
    long blockNumber,
    long gasLimit,
    long gasUsed,
    long timestamp,
    Bytes extraData,
    BigInteger baseFeePerGas,
    Hash32 blockHash,
    Hash32 transactionsRoot,
    Hash32 withdrawalsRoot,
    long blobGasUsed,
    long excessBlobGas) {

  /** {@code MAX_EXTRA_DATA_BYTES}. */
  public static final int MAX_EXTRA_DATA_BYTES = 32;

  private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

  /** Validates sizes and the shape. */
  public ExecutionPayloadHeader {
    fork = shapeOf(fork);
    Objects.requireNonNull(parentHash, "parentHash");
    Objects.requireNonNull(feeRecipient, "feeRecipient");
    Objects.requireNonNull(stateRoot, "stateRoot");
    Objects.requireNonNull(receiptsRoot, "receiptsRoot");
    Objects.requireNonNull(prevRandao, "prevRandao");
    Objects.requireNonNull(blockHash, "blockHash");
    Objects.requireNonNull(transactionsRoot, "transactionsRoot");
    Objects.requireNonNull(withdrawalsRoot, "withdrawalsRoot");
    if (logsBloom.size() != 256) {
      throw new IllegalArgumentException("logs bloom of " + logsBloom.size() + " bytes");
    }
    if (extraData.size() > MAX_EXTRA_DATA_BYTES) {
      throw new IllegalArgumentException("extra data of " + extraData.size() + " bytes");
    }
    if (baseFeePerGas.signum() < 0 || baseFeePerGas.compareTo(TWO_256) >= 0) {
      throw new IllegalArgumentException("base fee out of uint256 range");
    }
  }

  /** The header shape a fork uses: BELLATRIX, CAPELLA or DENEB. */
  public static Fork shapeOf(final Fork fork) {
    switch (fork) {
      case PHASE0:
      case ALTAIR:
      case BELLATRIX:
        return Fork.BELLATRIX;
      case CAPELLA:
        return Fork.CAPELLA;
      default:
        return Fork.DENEB;
    }
  }

  /** The all-zero header of a shape ({@code ExecutionPayloadHeader()}). */
  public static ExecutionPayloadHeader empty(final Fork fork) {
    return new ExecutionPayloadHeader(fork, Hash32.ZERO, Address.of(new byte[20]), Hash32.ZERO, Hash32.ZERO,
        Bytes.of(new byte[256]), Hash32.ZERO, 0, 0, 0, 0, Bytes.EMPTY, BigInteger.ZERO, Hash32.ZERO, Hash32.ZERO,
        Hash32.ZERO, 0, 0);
  }

  /** Size of the fixed part for a shape. */
  static int fixedSize(final Fork shape) {
    int n = 32 + 20 + 32 + 32 + 256 + 32 + 8 + 8 + 8 + 8 + 4 + 32 + 32 + 32;
    if (shape != Fork.BELLATRIX) {
      n += 32;
    }
    if (shape == Fork.DENEB) {
      n += 16;
    }
    return n;
  }

  /** {@code hash_tree_root}. */
  public Hash32 hashTreeRoot() {
    return Merkle.merkleize(fieldRoots());
  }

  /** The {@code hash_tree_root} of every field in order, in this header's shape (15, 17 or 14 fields). */
  public List<Hash32> fieldRoots() {
    final List<Hash32> f = new ArrayList<>(17);
    f.add(parentHash);
    f.add(Merkle.merkleizeBytes(feeRecipient.toArray(), -1));
    f.add(stateRoot);
    f.add(receiptsRoot);
    f.add(Merkle.merkleizeBytes(logsBloom.toArray(), -1));
    f.add(prevRandao);
    f.add(Merkle.uint64(blockNumber));
    f.add(Merkle.uint64(gasLimit));
    f.add(Merkle.uint64(gasUsed));
    f.add(Merkle.uint64(timestamp));
    f.add(Merkle.mixInLength(Merkle.merkleizeBytes(extraData.toArray(), 1), extraData.size()));
    f.add(Hash32.of(uint256LittleEndian(baseFeePerGas)));
    f.add(blockHash);
    f.add(transactionsRoot);
    if (fork != Fork.BELLATRIX) {
      f.add(withdrawalsRoot);
    }
    if (fork == Fork.DENEB) {
      f.add(Merkle.uint64(blobGasUsed));
      f.add(Merkle.uint64(excessBlobGas));
    }
    return List.copyOf(f);
  }

  /** This header in another shape (fields the shape lacks are dropped; fields it adds are zero). */
  public ExecutionPayloadHeader inShape(final Fork shape) {
    final Fork target = shapeOf(shape);
    final boolean blobs = target == Fork.DENEB;
    return new ExecutionPayloadHeader(target, parentHash, feeRecipient, stateRoot, receiptsRoot, logsBloom,
        prevRandao, blockNumber, gasLimit, gasUsed, timestamp, extraData, baseFeePerGas, blockHash, transactionsRoot,
        target == Fork.BELLATRIX ? Hash32.ZERO : withdrawalsRoot, blobs ? blobGasUsed : 0, blobs ? excessBlobGas : 0);
  }

  private static byte[] uint256LittleEndian(final BigInteger v) {
    final byte[] be = v.toByteArray();
    final byte[] le = new byte[32];
    for (int i = 0; i < Math.min(32, be.length); i++) {
      le[i] = be[be.length - 1 - i];
    }
    return le;
  }

  private static BigInteger uint256FromLittleEndian(final byte[] le) {
    final byte[] be = new byte[33];
    for (int i = 0; i < 32; i++) {
      be[32 - i] = le[i];
    }
    return new BigInteger(be);
  }

  /** Strict SSZ decoding in the shape of {@code fork}. */
  public static ExecutionPayloadHeader decode(final SszReader r, final Fork fork) {
    final Fork shape = shapeOf(fork);
    final Hash32 parentHash = r.bytes32("parent_hash");
    final Address feeRecipient = Address.of(r.bytes(20, "fee_recipient"));
    final Hash32 stateRoot = r.bytes32("state_root");
    final Hash32 receiptsRoot = r.bytes32("receipts_root");
    final Bytes logsBloom = Bytes.of(r.bytes(256, "logs_bloom"));
    final Hash32 prevRandao = r.bytes32("prev_randao");
    final long blockNumber = r.uint64("block_number");
    final long gasLimit = r.uint64("gas_limit");
    final long gasUsed = r.uint64("gas_used");
    final long timestamp = r.uint64("timestamp");
    r.offset("extra_data");
    final BigInteger baseFee = uint256FromLittleEndian(r.bytes(32, "base_fee_per_gas"));
    final Hash32 blockHash = r.bytes32("block_hash");
    final Hash32 transactionsRoot = r.bytes32("transactions_root");
    Hash32 withdrawalsRoot = Hash32.ZERO;
    long blobGasUsed = 0;
    long excessBlobGas = 0;
    if (shape != Fork.BELLATRIX) {
      withdrawalsRoot = r.bytes32("withdrawals_root");
    }
    if (shape == Fork.DENEB) {
      blobGasUsed = r.uint64("blob_gas_used");
      excessBlobGas = r.uint64("excess_blob_gas");
    }
    final SszReader extra = r.variables().get(0);
    final byte[] extraData = extra.rest(MAX_EXTRA_DATA_BYTES, "extra_data");
    return new ExecutionPayloadHeader(shape, parentHash, feeRecipient, stateRoot, receiptsRoot, logsBloom,
        prevRandao, blockNumber, gasLimit, gasUsed, timestamp, Bytes.of(extraData), baseFee, blockHash,
        transactionsRoot, withdrawalsRoot, blobGasUsed, excessBlobGas);
  }

  /** SSZ serialization. */
  public byte[] encode() {
    final SszWriter w = new SszWriter()
        .bytes32(parentHash).bytes(feeRecipient.toArray()).bytes32(stateRoot).bytes32(receiptsRoot)
        .bytes(logsBloom.toArray()).bytes32(prevRandao).uint64(blockNumber).uint64(gasLimit).uint64(gasUsed)
        .uint64(timestamp).variable(extraData.toArray()).bytes(uint256LittleEndian(baseFeePerGas))
        .bytes32(blockHash).bytes32(transactionsRoot);
    if (fork != Fork.BELLATRIX) {
      w.bytes32(withdrawalsRoot);
    }
    if (fork == Fork.DENEB) {
      w.uint64(blobGasUsed).uint64(excessBlobGas);
    }
    return w.toBytes();
  }

  /** Guard used by decoders of containers that embed this header. */
  static void requireShape(final Fork fork) {
    if (!fork.hasExecution() && fork != Fork.BELLATRIX) {
      throw new SszException("no execution payload header in " + fork.specName());
    }
  }
}
