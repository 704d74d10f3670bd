package io.trestle.proofs.execution;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import io.trestle.proofs.VerificationException;
import io.trestle.proofs.mpt.MptVerifier;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies receipt inclusion proofs: a Merkle-Patricia proof from a receipts root the caller trusts to
 * the value under key rlp(txIndex) (the key is derived here, never taken from the caller), decoded
 * strictly as a {@link Receipt}. A proof showing the index absent is {@code MPT_PATH_MISMATCH}.
 * Stateless and thread-safe.
 */
public final class ReceiptProofVerifier {
  private ReceiptProofVerifier() {}

  /** Proves the receipt at {@code txIndex} under {@code receiptsRoot}. */
  public static ProofResult<VerifiedReceipt> verifyReceipt(
      final Hash32 receiptsRoot, final long txIndex, final List<Bytes> proof) {
    Objects.requireNonNull(receiptsRoot, "receiptsRoot");
    Objects.requireNonNull(proof, "proof");
    return ProofResult.of(() -> receipt(receiptsRoot, txIndex, proof));
  }

  /** Proves log {@code logIndex} (position inside the receipt) of the receipt at {@code txIndex}. */
  public static ProofResult<VerifiedLog> verifyLog(
      final Hash32 receiptsRoot, final long txIndex, final int logIndex, final List<Bytes> proof) {
    Objects.requireNonNull(receiptsRoot, "receiptsRoot");
    Objects.requireNonNull(proof, "proof");
    return ProofResult.of(() -> log(receiptsRoot, Optional.empty(), txIndex, logIndex, proof));
  }

  /**
   * Proves a log against the receipts root of {@code block}; the result carries the block's hash and
   * number so the log is bound to (blockHash, blockNumber, txIndex, logIndex).
   */
  public static ProofResult<VerifiedLog> verifyLog(
      final VerifiedBlockRef block, final long txIndex, final int logIndex, final List<Bytes> proof) {
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(proof, "proof");
    return ProofResult.of(() -> log(block.receiptsRoot(), Optional.of(block), txIndex, logIndex, proof));
  }

  private static final io.trestle.crypto.internal.ReadOnlyAccess READ_ONLY = io.trestle.crypto.internal.ReadOnlyAccess.obtain();

  private static VerifiedReceipt receipt(final Hash32 root, final long txIndex, final List<Bytes> proof) {
    if (txIndex < 0) {
      throw new VerificationException(Reason.INPUT_MALFORMED, "negative transaction index " + txIndex);
    }
    final Bytes value = MptVerifier.verifyInclusion(root, Codec.indexKey(txIndex), proof).orElseThrow();
    final Receipt r;
    try {
      r = Receipt.decodeInPlace(READ_ONLY.array(value)); // value is immutable and ours: no copy to read it
    } catch (VerificationException e) {
      throw e.withContext("receipt at index " + txIndex);
    }
    return new VerifiedReceipt(root, txIndex, r);
  }

  private static VerifiedLog log(final Hash32 root, final Optional<VerifiedBlockRef> block, final long txIndex,
      final int logIndex, final List<Bytes> proof) {
    final VerifiedReceipt vr = receipt(root, txIndex, proof);
    final int n = vr.receipt().logs().size();
    if (logIndex < 0 || logIndex >= n) {
      throw new VerificationException(Reason.LOG_INDEX_OUT_OF_RANGE,
          "log index " + logIndex + " but the receipt at index " + txIndex + " has " + n + " log(s)");
    }
    return new VerifiedLog(root, block.map(VerifiedBlockRef::blockHash), block.map(VerifiedBlockRef::blockNumber),
        txIndex, logIndex, vr.receipt().status(), vr.receipt().logs().get(logIndex));
  }
}
