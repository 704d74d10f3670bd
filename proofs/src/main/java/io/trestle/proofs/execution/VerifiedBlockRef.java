package io.trestle.proofs.execution;

import io.trestle.crypto.Hash32;
import java.util.Objects;

/**
 * A block identity bound to its receipts root: built only from an {@link ExecutionHeader}, whose hash
 * is computed here (keccak of its RLP), so the hash, number and receipts root cannot disagree.
 *
 * <p><b>Trusted:</b> that the header is the block the caller means (compare {@link #blockHash()} with a
 * checkpoint or a light-client-verified payload). Nothing else is assumed.
 */
public final class VerifiedBlockRef {
  private final Hash32 blockHash;
  private final long blockNumber;
  private final Hash32 receiptsRoot;
  private final Hash32 transactionsRoot;

  private VerifiedBlockRef(final ExecutionHeader h) {
    this.blockHash = h.hash();
    this.blockNumber = h.number();
    this.receiptsRoot = h.receiptsRoot();
    this.transactionsRoot = h.transactionsRoot();
  }

  /** The reference of {@code header}; its hash is computed here. */
  public static VerifiedBlockRef of(final ExecutionHeader header) {
    return new VerifiedBlockRef(Objects.requireNonNull(header, "header"));
  }

  /** keccak256(rlp(header)). */
  public Hash32 blockHash() {
    return blockHash;
  }

  /** The header's block number. */
  public long blockNumber() {
    return blockNumber;
  }

  /** The header's receipts root. */
  public Hash32 receiptsRoot() {
    return receiptsRoot;
  }

  /** The header's transactions root. */
  public Hash32 transactionsRoot() {
    return transactionsRoot;
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof VerifiedBlockRef r && r.blockHash.equals(blockHash);
  }

  @Override
  public int hashCode() {
    return blockHash.hashCode();
  }

  @Override
  public String toString() {
    return "VerifiedBlockRef[" + blockNumber + " " + blockHash + "]";
  }
}
