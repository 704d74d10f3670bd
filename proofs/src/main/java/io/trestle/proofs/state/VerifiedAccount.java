package io.trestle.proofs.state;

import io.trestle.crypto.Address;
import java.util.List;
import java.util.Objects;

/**
 * The result of {@link AccountProofVerifier}: an address, its proven {@link AccountState} and the
 * storage slots proven against that account's storage root. Everything here was checked against the
 * state root the caller passed in; that root itself is trusted as given.
 *
 * <p>There is no public constructor: instances come only from {@link AccountProofVerifier}. Immutable and
 * thread-safe.
 */
public final class VerifiedAccount {
  private final Address address;
  private final AccountState state;
  private final List<VerifiedSlot> storage;

  VerifiedAccount(final Address address, final AccountState state, final List<VerifiedSlot> storage) {
    this.address = Objects.requireNonNull(address, "address");
    this.state = Objects.requireNonNull(state, "state");
    this.storage = List.copyOf(storage);
  }

  /** The account's address (its trie key is keccak(address), derived by the verifier). */
  public Address address() {
    return address;
  }

  /** The proven account, or proven absence. */
  public AccountState state() {
    return state;
  }

  /** The proven slots, in the order of the response's storage proofs. */
  public List<VerifiedSlot> storage() {
    return storage;
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof VerifiedAccount v && v.address.equals(address) && v.state.equals(state)
        && v.storage.equals(storage);
  }

  @Override
  public int hashCode() {
    return Objects.hash(address, state, storage);
  }

  @Override
  public String toString() {
    return "VerifiedAccount[address=" + address + ", state=" + state + ", storage=" + storage + "]";
  }
}
