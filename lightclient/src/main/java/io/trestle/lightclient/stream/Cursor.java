package io.trestle.lightclient.stream;

import io.trestle.crypto.Hash32;
import java.util.Objects;

/**
 * How far a stream got: either block {@link #blockNumber()} is complete (every matching log acknowledged), or it
 * is partly done and the last acknowledged message is ({@link #txIndex()}, {@link #logIndex()}) in it. The block
 * hash ties the cursor to the verified chain: on resume the next block's parent (or the partial block itself)
 * must hash to it.
 *
 * @param blockNumber execution block number
 * @param blockHash its hash
 * @param complete true if the whole block was processed
 * @param txIndex for a partial block, the last acknowledged message's transaction index (else -1)
 * @param logIndex for a partial block, its log index in the receipt (else -1)
 */
public record Cursor(long blockNumber, Hash32 blockHash, boolean complete, long txIndex, int logIndex) {
  /** Checks consistency. */
  public Cursor {
    Objects.requireNonNull(blockHash, "blockHash");
    if (blockNumber < 0) {
      throw new IllegalArgumentException("negative block number");
    }
    if (complete ? txIndex != -1 || logIndex != -1 : txIndex < 0 || logIndex < 0) {
      throw new IllegalArgumentException("a complete cursor has no position; a partial one needs one");
    }
  }

  /** Block done. */
  public static Cursor complete(final long blockNumber, final Hash32 blockHash) {
    return new Cursor(blockNumber, blockHash, true, -1, -1);
  }

  /** Block partly done, last acknowledged message at (tx, log). */
  public static Cursor partial(final long blockNumber, final Hash32 blockHash, final long txIndex, final int logIndex) {
    return new Cursor(blockNumber, blockHash, false, txIndex, logIndex);
  }

  /** True if (tx, log) in this cursor's block comes after the acknowledged position. */
  boolean isAfter(final long tx, final int log) {
    return !complete && (tx > txIndex || tx == txIndex && log > logIndex);
  }

  @Override
  public String toString() {
    return complete ? "block " + blockNumber + " done" : "block " + blockNumber + " up to tx " + txIndex + " log "
        + logIndex;
  }
}
