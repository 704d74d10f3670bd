package io.trestle.cosmos.ics23;

import io.trestle.crypto.Bytes;
import java.util.Objects;

/**
 * {@code cosmos.ics23.v1.InnerOp}: one step towards the root, {@code hash(prefix ‖ child ‖ suffix)}.
 * Untrusted when it comes from a proof; a spec's inner spec constrains it (see {@link ProofSpec}).
 *
 * @param hash the hash applied
 * @param prefix bytes before the child (siblings to the left, node metadata)
 * @param suffix bytes after the child (siblings to the right)
 */
public record InnerOp(HashOp hash, Bytes prefix, Bytes suffix) {
  /** Rejects nulls. */
  public InnerOp {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(suffix, "suffix");
  }
}
