package io.trestle.lightclient;

import io.trestle.crypto.Hash32;
import java.util.List;
import java.util.Objects;

/**
 * A transaction proven to be at {@code txIndex} of a block on the light client's finalized chain, with the
 * messages (logs) selected from its receipt. Proven: the block descends from the finalized header by parent
 * hashes ({@link #block()}), the transaction hash is bound to the index by the verified transactions root, and
 * every message by the verified receipts root. Not checked: the caller's policy ({@link MessagePolicy}).
 *
 * <p>There is no public constructor: instances come only from {@link ExecutionVerifier}. Immutable and
 * thread-safe.
 */
public final class VerifiedTransaction {
  private final ExecutionAnchor finalizedAnchor;
  private final ExecutionAnchor block;
  private final Hash32 txHash;
  private final long txIndex;
  private final int receiptCount;
  private final List<VerifiedMessage> messages;

  VerifiedTransaction(final ExecutionAnchor finalizedAnchor, final ExecutionAnchor block, final Hash32 txHash,
      final long txIndex, final int receiptCount, final List<VerifiedMessage> messages) {
    this.finalizedAnchor = Objects.requireNonNull(finalizedAnchor, "finalizedAnchor");
    this.block = Objects.requireNonNull(block, "block");
    this.txHash = Objects.requireNonNull(txHash, "txHash");
    this.txIndex = txIndex;
    this.receiptCount = receiptCount;
    this.messages = List.copyOf(messages);
  }

  /** The light client's finalized execution block the proof starts from. */
  public ExecutionAnchor finalizedAnchor() {
    return finalizedAnchor;
  }

  /** The transaction's block ({@link ExecutionAnchor#depth()} parent links before the finalized block). */
  public ExecutionAnchor block() {
    return block;
  }

  /** The transaction hash (keccak of its verified encoding). */
  public Hash32 txHash() {
    return txHash;
  }

  /** The transaction's index in its block. */
  public long txIndex() {
    return txIndex;
  }

  /** How many receipts the block has (all of them rebuilt the verified receipts root). */
  public int receiptCount() {
    return receiptCount;
  }

  /** The verified messages, in receipt order (at least one). */
  public List<VerifiedMessage> messages() {
    return messages;
  }

  @Override
  public String toString() {
    return "VerifiedTransaction[" + txHash + " at " + txIndex + " of block " + block.blockNumber() + ", "
        + messages.size() + " message(s)]";
  }
}
