package io.trestle.proofs.execution;

import io.trestle.crypto.Hash32;
import java.util.Objects;

/**
 * A receipt proven by a Merkle-Patricia proof to sit at {@code txIndex} in the receipts trie with root
 * {@code receiptsRoot}. The root is trusted by the caller; the receipt's status is reported, not judged.
 *
 * <p>There is no public constructor: instances come only from {@link ReceiptProofVerifier}. Immutable and
 * thread-safe.
 */
public final class VerifiedReceipt {
  private final Hash32 receiptsRoot;
  private final long txIndex;
  private final Receipt receipt;

  VerifiedReceipt(final Hash32 receiptsRoot, final long txIndex, final Receipt receipt) {
    this.receiptsRoot = Objects.requireNonNull(receiptsRoot, "receiptsRoot");
    this.txIndex = txIndex;
    this.receipt = Objects.requireNonNull(receipt, "receipt");
  }

  /** The receipts root the proof was checked against. */
  public Hash32 receiptsRoot() {
    return receiptsRoot;
  }

  /** The transaction index (trie key {@code rlp(txIndex)}). */
  public long txIndex() {
    return txIndex;
  }

  /** The proven receipt. */
  public Receipt receipt() {
    return receipt;
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof VerifiedReceipt v && v.receiptsRoot.equals(receiptsRoot) && v.txIndex == txIndex
        && v.receipt.equals(receipt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(receiptsRoot, txIndex, receipt);
  }

  @Override
  public String toString() {
    return "VerifiedReceipt[receiptsRoot=" + receiptsRoot + ", txIndex=" + txIndex + ", receipt=" + receipt + "]";
  }
}
