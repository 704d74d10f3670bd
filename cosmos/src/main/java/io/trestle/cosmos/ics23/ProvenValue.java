package io.trestle.cosmos.ics23;

import io.trestle.crypto.Bytes;
import java.util.Objects;

/**
 * What {@link Ics23Verifier#verifyMembership} proves: under the spec it was checked with, the tree
 * with root {@link #root()} maps {@link #key()} to {@link #value()}. It is only as trusted as the root
 * the caller supplied.
 *
 * @param root the root the proof was checked against
 * @param key the key
 * @param value the value
 */
public record ProvenValue(Bytes root, Bytes key, Bytes value) {
  /** Rejects nulls. */
  public ProvenValue {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }
}
