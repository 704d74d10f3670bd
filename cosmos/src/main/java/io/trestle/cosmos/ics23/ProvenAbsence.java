package io.trestle.cosmos.ics23;

import io.trestle.crypto.Bytes;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Ics23Verifier#verifyNonMembership} proves: under the spec it was checked with, the tree
 * with root {@link #root()} has no entry for {@link #key()}: the neighbours shown are present and
 * adjacent, and the key falls strictly between them (or beyond the tree's first or last key). Only as
 * trusted as the root the caller supplied.
 *
 * @param root the root the proof was checked against
 * @param key the absent key
 * @param leftKey the greatest present key below it, if any
 * @param rightKey the least present key above it, if any
 */
public record ProvenAbsence(Bytes root, Bytes key, Optional<Bytes> leftKey, Optional<Bytes> rightKey) {
  /** Rejects nulls. */
  public ProvenAbsence {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(leftKey, "leftKey");
    Objects.requireNonNull(rightKey, "rightKey");
  }
}
