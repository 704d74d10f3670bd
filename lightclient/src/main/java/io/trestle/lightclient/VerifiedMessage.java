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
 * receipt's status, and the block identity. Not checked (the caller's policy): whether the emitter is
 * the expected bridge contract, the event signature, the status, and whether the anchor is final enough
 * ({@link #finality()}).
 *
 * @param chainId the source chain id ({@code DEPOSIT_CHAIN_ID} of the network)
 * @param finality FINALIZED or OPTIMISTIC
 * @param beaconSlot slot of the light-client header the block descends from
 * @param blockNumber execution block number
 * @param blockHash execution block hash
 * @param txIndex transaction index in the block
 * @param logIndex log index inside the receipt
 * @param emitter the contract that emitted the log
 * @param topics the log topics
 * @param data the log data
 * @param txSucceeded the receipt status (empty for pre-Byzantium receipts)
 */
public record VerifiedMessage(long chainId, Finality finality, long beaconSlot, long blockNumber, Hash32 blockHash,
    long txIndex, int logIndex, Address emitter, List<Hash32> topics, Bytes data, Optional<Boolean> txSucceeded) {

  /** Copies lists; non-null components. */
  public VerifiedMessage {
    Objects.requireNonNull(finality, "finality");
    Objects.requireNonNull(blockHash, "blockHash");
    Objects.requireNonNull(emitter, "emitter");
    topics = List.copyOf(topics);
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(txSucceeded, "txSucceeded");
  }

  /**
   * The canonical message id: {@code keccak256(chainId as 8-byte big-endian ‖ blockHash ‖ txIndex as
   * 8-byte big-endian ‖ logIndex as 8-byte big-endian)}. Equal ids mean the same log on the same chain,
   * so a relayer can recognise duplicates.
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
}
