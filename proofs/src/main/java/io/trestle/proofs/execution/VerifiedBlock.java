package io.trestle.proofs.execution;

import io.trestle.crypto.Hash32;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of {@link BlockVerifier}: the header whose keccak equals the JSON's {@code hash}, and what
 * was recomputed. Only the commitments marked {@link CheckStatus#VERIFIED} were checked; {@code checks}
 * spells each out in words. Whether the block is canonical is not established here.
 */
public record VerifiedBlock(
    ExecutionHeader header,
    Hash32 blockHash,
    CheckStatus transactions,
    CheckStatus withdrawals,
    CheckStatus receipts,
    int transactionCount,
    Optional<Integer> withdrawalCount,
    Optional<Integer> receiptCount,
    List<String> checks) {
  /** Copies the list. */
  public VerifiedBlock {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(blockHash, "blockHash");
    Objects.requireNonNull(transactions, "transactions");
    Objects.requireNonNull(withdrawals, "withdrawals");
    Objects.requireNonNull(receipts, "receipts");
    Objects.requireNonNull(withdrawalCount, "withdrawalCount");
    Objects.requireNonNull(receiptCount, "receiptCount");
    checks = List.copyOf(checks);
  }

  /** The block number. */
  public long number() {
    return header.number();
  }

  /** A reference usable with {@link ReceiptProofVerifier#verifyLog(VerifiedBlockRef, long, int, java.util.List)}. */
  public VerifiedBlockRef ref() {
    return VerifiedBlockRef.of(header);
  }
}
