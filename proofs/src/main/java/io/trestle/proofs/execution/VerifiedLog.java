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
 */
public record VerifiedLog(
    Hash32 receiptsRoot, Optional<Hash32> blockHash, Optional<Long> blockNumber, long txIndex, int logIndex,
    Optional<Boolean> status, Log log) {
  /** Non-null components. */
  public VerifiedLog {
    Objects.requireNonNull(receiptsRoot, "receiptsRoot");
    Objects.requireNonNull(blockHash, "blockHash");
    Objects.requireNonNull(blockNumber, "blockNumber");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(log, "log");
  }

  /** The contract that emitted the log. */
  public Address emitter() {
    return log.address();
  }
}
