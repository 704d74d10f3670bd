package io.trestle.proofs.execution;

import io.trestle.crypto.Address;
import io.trestle.crypto.Hash32;
import java.util.Objects;
import java.util.Optional;

/**
 * A log proven to be the {@code logIndex}-th log (position inside its receipt, not block-wide) of the
 * receipt at {@code txIndex} under {@code receiptsRoot}. When built through a {@link VerifiedBlockRef},
 * {@code blockHash} and {@code blockNumber} are present and bound to that root by the header's hash.
 *
 * <p>Exposed for the caller's policy, not checked: {@link #status()} (a log of a failed transaction
 * does not exist on chain, but pre-Byzantium receipts carry no status) and {@link #emitter()}.
 *
 * <p>There is no public constructor: instances come only from {@link ReceiptProofVerifier}, so code handed a
 * {@code VerifiedLog} knows a proof was checked. Immutable and thread-safe.
 */
public final class VerifiedLog {
  private final Hash32 receiptsRoot;
  private final Optional<Hash32> blockHash;
  private final Optional<Long> blockNumber;
  private final long txIndex;
  private final int logIndex;
  private final Optional<Boolean> status;
  private final Log log;

  VerifiedLog(final Hash32 receiptsRoot, final Optional<Hash32> blockHash, final Optional<Long> blockNumber,
      final long txIndex, final int logIndex, final Optional<Boolean> status, final Log log) {
    this.receiptsRoot = Objects.requireNonNull(receiptsRoot, "receiptsRoot");
    this.blockHash = Objects.requireNonNull(blockHash, "blockHash");
    this.blockNumber = Objects.requireNonNull(blockNumber, "blockNumber");
    this.txIndex = txIndex;
    this.logIndex = logIndex;
    this.status = Objects.requireNonNull(status, "status");
    this.log = Objects.requireNonNull(log, "log");
  }

  /** The receipts root the proof was checked against (trusted by the caller). */
  public Hash32 receiptsRoot() {
    return receiptsRoot;
  }

  /** The block hash, when verified through a {@link VerifiedBlockRef}. */
  public Optional<Hash32> blockHash() {
    return blockHash;
  }

  /** The block number, when verified through a {@link VerifiedBlockRef}. */
  public Optional<Long> blockNumber() {
    return blockNumber;
  }

  /** The transaction index (the trie key {@code rlp(txIndex)} was derived from it). */
  public long txIndex() {
    return txIndex;
  }

  /** The log's position inside its receipt. */
  public int logIndex() {
    return logIndex;
  }

  /** The receipt status (empty for pre-Byzantium receipts). */
  public Optional<Boolean> status() {
    return status;
  }

  /** The proven log. */
  public Log log() {
    return log;
  }

  /** The contract that emitted the log. */
  public Address emitter() {
    return log.address();
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof VerifiedLog v && v.receiptsRoot.equals(receiptsRoot) && v.blockHash.equals(blockHash)
        && v.blockNumber.equals(blockNumber) && v.txIndex == txIndex && v.logIndex == logIndex
        && v.status.equals(status) && v.log.equals(log);
  }

  @Override
  public int hashCode() {
    return Objects.hash(receiptsRoot, blockHash, blockNumber, txIndex, logIndex, status, log);
  }

  @Override
  public String toString() {
    return "VerifiedLog[receiptsRoot=" + receiptsRoot + ", blockHash=" + blockHash + ", blockNumber=" + blockNumber
        + ", txIndex=" + txIndex + ", logIndex=" + logIndex + ", status=" + status + ", log=" + log + "]";
  }
}
