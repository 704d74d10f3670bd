package io.trestle.cosmos.ics23;

import io.trestle.crypto.Bytes;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code cosmos.ics23.v1.NonExistenceProof}: existence proofs of the keys left and right of a missing
 * key. Untrusted input. The {@link #key()} field is informational only (upstream does not use it; an
 * SMT proof carries the prehashed key there): verification uses the key the caller asks about.
 *
 * @param key the key the prover says is absent (not used for verification)
 * @param left the greatest key below it, if any
 * @param right the least key above it, if any
 */
public record NonExistenceProof(Bytes key, Optional<ExistenceProof> left, Optional<ExistenceProof> right)
    implements CommitmentProof {
  /** Rejects nulls. */
  public NonExistenceProof {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(left, "left");
    Objects.requireNonNull(right, "right");
  }
}
