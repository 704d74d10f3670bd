package io.trestle.proofs.state;

import io.trestle.crypto.Hash32;
import java.math.BigInteger;
import java.util.Objects;

/**
 * One storage slot of a {@link VerifiedAccount}, proven (EIP-1186 storage proof, key {@code keccak(slot)})
 * against the verified storage root of its account. Trusted: that account's state root, as the verifier was
 * given it. There is no public constructor: instances come only from the verifier. Immutable and thread-safe.
 */
public final class VerifiedSlot {
  private final Hash32 key;
  private final BigInteger value;
  private final boolean present;

  /** A proven slot; a present slot has a non-zero value and an absent one the value zero. */
  VerifiedSlot(final Hash32 key, final BigInteger value, final boolean present) {
    this.key = Objects.requireNonNull(key, "key");
    this.value = Objects.requireNonNull(value, "value");
    if (present == (value.signum() == 0)) {
      throw new IllegalArgumentException("present slots are non-zero, absent slots are zero");
    }
    this.present = present;
  }

  /** The slot (the 32-byte, left-padded storage key; the trie path is its keccak). */
  public Hash32 key() {
    return key;
  }

  /** The proven value (zero when absent: zero slots are deleted from the trie). */
  public BigInteger value() {
    return value;
  }

  /** True if the slot is in the storage trie, false if the proof shows it absent. */
  public boolean present() {
    return present;
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof VerifiedSlot v && v.key.equals(key) && v.value.equals(value) && v.present == present;
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, value, present);
  }

  @Override
  public String toString() {
    return "VerifiedSlot[key=" + key + ", value=" + value + ", present=" + present + "]";
  }
}
