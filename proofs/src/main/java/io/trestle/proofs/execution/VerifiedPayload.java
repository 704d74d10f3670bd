package io.trestle.proofs.execution;

import io.trestle.crypto.Hash32;
import java.util.Objects;
import java.util.Optional;

/**
 * An execution payload whose fields, rebuilt into an execution header here (transactions and
 * withdrawals roots recomputed, requests hash recomputed for Electra and later), hash to the payload's
 * {@code block_hash}. This proves the payload is self-consistent; it does not prove the beacon block is
 * canonical or signed (that is the light client's job): the slot and parent root are reported as given.
 *
 * <p>There is no public constructor: instances come only from {@link BeaconPayloadVerifier}. Immutable and
 * thread-safe.
 */
public final class VerifiedPayload {
  private final BeaconFork fork;
  private final ExecutionHeader header;
  private final Hash32 blockHash;
  private final int transactionCount;
  private final Optional<Integer> withdrawalCount;
  private final Optional<Hash32> requestsHash;
  private final Optional<Long> slot;

  VerifiedPayload(final BeaconFork fork, final ExecutionHeader header, final Hash32 blockHash,
      final int transactionCount, final Optional<Integer> withdrawalCount, final Optional<Hash32> requestsHash,
      final Optional<Long> slot) {
    this.fork = Objects.requireNonNull(fork, "fork");
    this.header = Objects.requireNonNull(header, "header");
    this.blockHash = Objects.requireNonNull(blockHash, "blockHash");
    this.transactionCount = transactionCount;
    this.withdrawalCount = Objects.requireNonNull(withdrawalCount, "withdrawalCount");
    this.requestsHash = Objects.requireNonNull(requestsHash, "requestsHash");
    this.slot = Objects.requireNonNull(slot, "slot");
  }

  /** The beacon fork the payload was read as. */
  public BeaconFork fork() {
    return fork;
  }

  /** The rebuilt execution header. */
  public ExecutionHeader header() {
    return header;
  }

  /** keccak of the rebuilt header, equal to the payload's {@code block_hash}. */
  public Hash32 blockHash() {
    return blockHash;
  }

  /** Number of transactions. */
  public int transactionCount() {
    return transactionCount;
  }

  /** Number of withdrawals (Capella and later). */
  public Optional<Integer> withdrawalCount() {
    return withdrawalCount;
  }

  /** The recomputed requests hash (Electra and later). */
  public Optional<Hash32> requestsHash() {
    return requestsHash;
  }

  /** The beacon slot, as given (not verified). */
  public Optional<Long> slot() {
    return slot;
  }

  /** The execution block number. */
  public long blockNumber() {
    return header.number();
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof VerifiedPayload v && v.fork == fork && v.header.equals(header) && v.blockHash.equals(blockHash)
        && v.transactionCount == transactionCount && v.withdrawalCount.equals(withdrawalCount)
        && v.requestsHash.equals(requestsHash) && v.slot.equals(slot);
  }

  @Override
  public int hashCode() {
    return Objects.hash(fork, header, blockHash, transactionCount, withdrawalCount, requestsHash, slot);
  }

  @Override
  public String toString() {
    return "VerifiedPayload[" + fork + " block " + header.number() + " " + blockHash + "]";
  }
}
