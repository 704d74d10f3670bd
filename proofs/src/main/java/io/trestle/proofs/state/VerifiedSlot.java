package io.trestle.proofs.state;

import io.trestle.crypto.Hash32;
import java.math.BigInteger;
import java.util.Objects;

/**
 * One storage slot proven by {@link AccountProofVerifier} against the verified storage root of its
 * account.
 *
 * @param key the slot (the 32-byte, left-padded storage key; the trie path is its keccak)
 * @param value the proven value (zero when absent: zero slots are deleted from the trie)
 * @param present true if the slot is in the storage trie, false if the proof shows it absent
 */
public record VerifiedSlot(Hash32 key, BigInteger value, boolean present) {
  /** A proven slot; a present slot has a non-zero value and an absent one the value zero. */
  public VerifiedSlot {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (present == (value.signum() == 0)) {
      throw new IllegalArgumentException("present slots are non-zero, absent slots are zero");
    }
  }
}
