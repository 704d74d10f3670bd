package io.trestle.proofs.execution;

import io.trestle.crypto.Hash32;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of {@link BlockVerifier}: the header whose keccak equals the JSON's {@code hash}, and what
 * was recomputed. Only the commitments marked {@link CheckStatus#VERIFIED} were checked; {@code checks}
 * spells each out in words. Whether the block is canonical is not established here.
 *
 * <p>There is no public constructor: instances come only from {@link BlockVerifier}. Immutable and thread-safe.
 */
public final class VerifiedBlock {
  private final ExecutionHeader header;
  private final Hash32 blockHash;
  private final CheckStatus transactions;
  private final CheckStatus withdrawals;
  private final CheckStatus receipts;
  private final int transactionCount;
  private final Optional<Integer> withdrawalCount;
  private final Optional<Integer> receiptCount;
  private final List<String> checks;

  VerifiedBlock(final ExecutionHeader header, final Hash32 blockHash, final CheckStatus transactions,
      final CheckStatus withdrawals, final CheckStatus receipts, final int transactionCount,
      final Optional<Integer> withdrawalCount, final Optional<Integer> receiptCount, final List<String> checks) {
    this.header = Objects.requireNonNull(header, "header");
    this.blockHash = Objects.requireNonNull(blockHash, "blockHash");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.withdrawals = Objects.requireNonNull(withdrawals, "withdrawals");
    this.receipts = Objects.requireNonNull(receipts, "receipts");
    this.transactionCount = transactionCount;
    this.withdrawalCount = Objects.requireNonNull(withdrawalCount, "withdrawalCount");
    this.receiptCount = Objects.requireNonNull(receiptCount, "receiptCount");
    this.checks = List.copyOf(checks);
  }

  /** The header (its keccak is {@link #blockHash()}). */
  public ExecutionHeader header() {
    return header;
  }

  /** keccak256(rlp(header)), equal to the JSON's {@code hash}. */
  public Hash32 blockHash() {
    return blockHash;
  }

  /** Whether the transactions root was recomputed and matched. */
  public CheckStatus transactions() {
    return transactions;
  }

  /** Whether the withdrawals root was recomputed and matched. */
  public CheckStatus withdrawals() {
    return withdrawals;
  }

  /** Whether the receipts root was recomputed and matched. */
  public CheckStatus receipts() {
    return receipts;
  }

  /** Number of transactions in the block. */
  public int transactionCount() {
    return transactionCount;
  }

  /** Number of withdrawals, when the block has them. */
  public Optional<Integer> withdrawalCount() {
    return withdrawalCount;
  }

  /** Number of receipts checked, when receipts were given. */
  public Optional<Integer> receiptCount() {
    return receiptCount;
  }

  /** The checks made, in words. */
  public List<String> checks() {
    return checks;
  }

  /** The block number. */
  public long number() {
    return header.number();
  }

  /** A reference usable with {@link ReceiptProofVerifier#verifyLog(VerifiedBlockRef, long, int, java.util.List)}. */
  public VerifiedBlockRef ref() {
    return VerifiedBlockRef.of(header);
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof VerifiedBlock v && v.header.equals(header) && v.blockHash.equals(blockHash)
        && v.transactions == transactions && v.withdrawals == withdrawals && v.receipts == receipts
        && v.transactionCount == transactionCount && v.withdrawalCount.equals(withdrawalCount)
        && v.receiptCount.equals(receiptCount) && v.checks.equals(checks);
  }

  @Override
  public int hashCode() {
    return Objects.hash(header, blockHash, transactions, withdrawals, receipts, transactionCount, withdrawalCount,
        receiptCount, checks);
  }

  @Override
  public String toString() {
    return "VerifiedBlock[" + header.number() + " " + blockHash + ", transactions=" + transactions + ", withdrawals="
        + withdrawals + ", receipts=" + receipts + "]";
  }
}
