package io.trestle.proofs.state;

import io.trestle.crypto.Address;
import java.util.List;
import java.util.Objects;

/**
 * The result of {@link AccountProofVerifier}: an address, its proven {@link AccountState} and the
 * storage slots proven against that account's storage root. Everything here was checked against the
 * state root the caller passed in; that root itself is trusted as given.
 *
 * @param address the account's address (its trie key is keccak(address), derived by the verifier)
 * @param state the proven account, or proven absence
 * @param storage the proven slots, in the order of the response's storage proofs
 */
public record VerifiedAccount(Address address, AccountState state, List<VerifiedSlot> storage) {
  /** A verified account; the slot list is copied. */
  public VerifiedAccount {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(state, "state");
    storage = List.copyOf(storage);
  }
}
