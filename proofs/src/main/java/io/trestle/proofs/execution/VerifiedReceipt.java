package io.trestle.proofs.execution;

import io.trestle.crypto.Hash32;
import java.util.Objects;

/**
 * A receipt proven by a Merkle-Patricia proof to sit at {@code txIndex} in the receipts trie with root
 * {@code receiptsRoot}. The root is trusted by the caller; the receipt's status is reported, not judged.
 */
public record VerifiedReceipt(Hash32 receiptsRoot, long txIndex, Receipt receipt) {
  /** Non-null components. */
  public VerifiedReceipt {
    Objects.requireNonNull(receiptsRoot, "receiptsRoot");
    Objects.requireNonNull(receipt, "receipt");
  }
}
