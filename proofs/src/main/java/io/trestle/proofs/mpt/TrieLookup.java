package io.trestle.proofs.mpt;

import io.trestle.crypto.Bytes;
import java.util.Objects;

/**
 * What a verified Merkle-Patricia proof says about one key: {@link Present} with the value stored
 * under it, or {@link Absent}. Absence is a proven fact here, never a stand-in for "proof broken":
 * broken proofs are rejections.
 */
public sealed interface TrieLookup permits TrieLookup.Present, TrieLookup.Absent {

  /** The key is in the trie with this (non-empty) value. */
  record Present(Bytes value) implements TrieLookup {
    /** A present value. */
    public Present {
      Objects.requireNonNull(value, "value");
    }
  }

  /** The key is provably not in the trie; {@code how} says where the path ended. */
  record Absent(String how) implements TrieLookup {
    /** A proven absence. */
    public Absent {
      Objects.requireNonNull(how, "how");
    }
  }
}
