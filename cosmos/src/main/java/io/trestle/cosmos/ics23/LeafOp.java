package io.trestle.cosmos.ics23;

import io.trestle.crypto.Bytes;
import java.util.Objects;

/**
 * {@code cosmos.ics23.v1.LeafOp}: {@code hash(prefix ‖ length(prehashKey(key)) ‖ prehashKey(key) ‖
 * length(prehashValue(value)) ‖ prehashValue(value))}. Untrusted when it comes from a proof; a spec's
 * leaf constrains it (see {@link ProofSpec}).
 *
 * @param hash the hash over the whole preimage
 * @param prehashKey the hash applied to the key first ({@link HashOp#NO_HASH} for none)
 * @param prehashValue the hash applied to the value first
 * @param length how the key and value are length-prefixed
 * @param prefix bytes that start the preimage
 */
public record LeafOp(HashOp hash, HashOp prehashKey, HashOp prehashValue, LengthOp length, Bytes prefix) {
  /** Rejects nulls. */
  public LeafOp {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(prehashKey, "prehashKey");
    Objects.requireNonNull(prehashValue, "prehashValue");
    Objects.requireNonNull(length, "length");
    Objects.requireNonNull(prefix, "prefix");
  }

  /** A leaf op with every field at its protobuf default (what an empty message decodes to). */
  public static LeafOp empty() {
    return new LeafOp(HashOp.NO_HASH, HashOp.NO_HASH, HashOp.NO_HASH, LengthOp.NO_PREFIX, Bytes.EMPTY);
  }
}
