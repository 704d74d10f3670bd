package io.trestle.lightclient;

import io.trestle.crypto.Address;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Keccak256;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A cross-chain message proven to exist: a log at {@code (txIndex, logIndex)} of the receipts of a block
 * that descends from a light-client-verified header. Proven: the log's emitter, topics and data, the
 * receipt's status, and the block identity. The chain id is the one of the network whose light client
 * verified the anchor ({@link ExecutionAnchor#chainId()}), never a caller's or an RPC's number. Not checked
 * (the caller's policy, see {@link MessagePolicy}): whether the emitter is the expected bridge contract, the
 * event signature, the status, and whether the anchor is final enough ({@link #finality()}).
 *
 * <p>There is no public constructor: a {@code VerifiedMessage} comes only from {@link ExecutionVerifier} or
 * the message stream (through a non-exported factory), so policy code can trust what it is handed. Immutable and thread-safe.
 */
public final class VerifiedMessage {
  static {
    io.trestle.lightclient.internal.Trusted.register(VerifiedMessage::new);
  }

  private final long chainId;
  private final Finality finality;
  private final long beaconSlot;
  private final long blockNumber;
  private final Hash32 blockHash;
  private final long txIndex;
  private final int logIndex;
  private final Address emitter;
  private final List<Hash32> topics;
  private final Bytes data;
  private final Optional<Boolean> txSucceeded;

  VerifiedMessage(final long chainId, final Finality finality, final long beaconSlot, final long blockNumber,
      final Hash32 blockHash, final long txIndex, final int logIndex, final Address emitter, final List<Hash32> topics,
      final Bytes data, final Optional<Boolean> txSucceeded) {
    this.chainId = chainId;
    this.finality = Objects.requireNonNull(finality, "finality");
    this.beaconSlot = beaconSlot;
    this.blockNumber = blockNumber;
    this.blockHash = Objects.requireNonNull(blockHash, "blockHash");
    this.txIndex = txIndex;
    this.logIndex = logIndex;
    this.emitter = Objects.requireNonNull(emitter, "emitter");
    this.topics = List.copyOf(topics);
    this.data = Objects.requireNonNull(data, "data");
    this.txSucceeded = Objects.requireNonNull(txSucceeded, "txSucceeded");
  }

  /** The source chain id ({@code DEPOSIT_CHAIN_ID} of the network the anchor was verified on). */
  public long chainId() {
    return chainId;
  }

  /** FINALIZED or OPTIMISTIC, inherited from the anchor. */
  public Finality finality() {
    return finality;
  }

  /** Slot of the light-client header the block descends from. */
  public long beaconSlot() {
    return beaconSlot;
  }

  /** Execution block number. */
  public long blockNumber() {
    return blockNumber;
  }

  /** Execution block hash. */
  public Hash32 blockHash() {
    return blockHash;
  }

  /** Transaction index in the block. */
  public long txIndex() {
    return txIndex;
  }

  /** Log index inside the receipt (not block-wide). */
  public int logIndex() {
    return logIndex;
  }

  /** The contract that emitted the log. */
  public Address emitter() {
    return emitter;
  }

  /** The log topics. */
  public List<Hash32> topics() {
    return topics;
  }

  /** The log data. */
  public Bytes data() {
    return data;
  }

  /** The receipt status (empty for pre-Byzantium receipts). */
  public Optional<Boolean> txSucceeded() {
    return txSucceeded;
  }

  /**
   * The canonical message id: {@code keccak256(chainId ‖ blockHash ‖ txIndex ‖ logIndex)} over 56 bytes, where
   * {@code chainId}, {@code txIndex} and {@code logIndex} (the position inside the receipt) are 8-byte
   * big-endian unsigned integers and {@code blockHash} the 32 raw bytes. Equal ids mean the same log on the same
   * chain, so a relayer can recognise duplicates. This layout is API: it never changes.
   */
  public Hash32 messageId() {
    return messageId(chainId, blockHash, txIndex, logIndex);
  }

  /** The canonical id of a log position (see {@link #messageId()}). */
  public static Hash32 messageId(final long chainId, final Hash32 blockHash, final long txIndex, final long logIndex) {
    final byte[] b = new byte[8 + 32 + 8 + 8];
    putLong(b, 0, chainId);
    blockHash.copyTo(b, 8);
    putLong(b, 40, txIndex);
    putLong(b, 48, logIndex);
    return Keccak256.hash(b);
  }

  private static void putLong(final byte[] b, final int off, final long v) {
    for (int i = 0; i < 8; i++) {
      b[off + i] = (byte) (v >>> (56 - 8 * i));
    }
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof VerifiedMessage m && m.chainId == chainId && m.finality == finality
        && m.beaconSlot == beaconSlot && m.blockNumber == blockNumber && m.blockHash.equals(blockHash)
        && m.txIndex == txIndex && m.logIndex == logIndex && m.emitter.equals(emitter) && m.topics.equals(topics)
        && m.data.equals(data) && m.txSucceeded.equals(txSucceeded);
  }

  @Override
  public int hashCode() {
    return Objects.hash(chainId, finality, beaconSlot, blockNumber, blockHash, txIndex, logIndex, emitter, topics,
        data, txSucceeded);
  }

  @Override
  public String toString() {
    return "VerifiedMessage[chainId=" + chainId + ", " + finality + ", block " + blockNumber + " " + blockHash
        + ", tx " + txIndex + ", log " + logIndex + ", emitter " + emitter + "]";
  }
}
