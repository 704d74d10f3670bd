package io.trestle.cosmos.ics23;

import io.trestle.crypto.Bytes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code cosmos.ics23.v1.ExistenceProof}: a key, a value, the leaf op that hashes them, and the inner
 * ops from the leaf up to the root. Untrusted input: nothing about it holds until {@link Ics23Verifier}
 * has checked it against a trusted spec and root.
 *
 * @param key the key (raw, not prehashed)
 * @param value the value
 * @param leaf the leaf op (absent if the proof carried none, which every spec rejects)
 * @param path the inner ops, leaf to root
 */
public record ExistenceProof(Bytes key, Bytes value, Optional<LeafOp> leaf, List<InnerOp> path)
    implements CommitmentProof {
  /** Copies the path and rejects nulls. */
  public ExistenceProof {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(leaf, "leaf");
    path = List.copyOf(path);
  }
}
