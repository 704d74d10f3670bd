package io.trestle.proofs.execution;

import io.trestle.crypto.Hash32;
import java.util.Objects;
import java.util.Optional;

/**
 * An execution payload whose fields, rebuilt into an execution header here (transactions and
 * withdrawals roots recomputed, requests hash recomputed for Electra and later), hash to the payload's
 * {@code block_hash}. This proves the payload is self-consistent; it does not prove the beacon block is
 * canonical or signed (that is the light client's job): the slot and parent root are reported as given.
 */
public record VerifiedPayload(
    BeaconFork fork,
    ExecutionHeader header,
    Hash32 blockHash,
    int transactionCount,
    Optional<Integer> withdrawalCount,
    Optional<Hash32> requestsHash,
    Optional<Long> slot) {
  /** Non-null components. */
  public VerifiedPayload {
    Objects.requireNonNull(fork, "fork");
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(blockHash, "blockHash");
    Objects.requireNonNull(withdrawalCount, "withdrawalCount");
    Objects.requireNonNull(requestsHash, "requestsHash");
    Objects.requireNonNull(slot, "slot");
  }

  /** The execution block number. */
  public long blockNumber() {
    return header.number();
  }
}
