package io.trestle.proofs.state;

import io.trestle.crypto.Address;
import io.trestle.crypto.Hash32;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A verified EIP-1186 account proof: an address, its proven {@link Account} (or proven absence) and the
 * storage slots proven against that account's storage root. Everything here was checked against a state root
 * the verifier trusted: from the light client, that of a verified execution header ({@code
 * ExecutionVerifier.account}, which wraps this in an {@code AnchoredAccount} naming the header).
 *
 * <p>Absence is a proven fact and is never turned into a zeroed {@link Account}: {@link #account()} is then
 * empty, so a caller that wants a balance must handle both cases.
 *
 * <p>There is no public constructor: instances come only from the verifier. Immutable and thread-safe.
 */
public final class VerifiedAccount {
  private final Address address;
  static {
    io.trestle.proofs.execution.StateResults.register(new io.trestle.proofs.execution.StateResults.Factory() {
      @Override
      public VerifiedAccount account(final Address address, final Optional<Account> account,
          final List<VerifiedSlot> storage) {
        return new VerifiedAccount(address, account, storage);
      }

      @Override
      public VerifiedSlot slot(final Hash32 key, final BigInteger value, final boolean present) {
        return new VerifiedSlot(key, value, present);
      }
    });
  }

  private final Optional<Account> state;
  private final List<VerifiedSlot> storage;

  private VerifiedAccount(final Address address, final Optional<Account> state, final List<VerifiedSlot> storage) {
    this.address = Objects.requireNonNull(address, "address");
    this.state = Objects.requireNonNull(state, "state");
    this.storage = List.copyOf(storage);
  }

  /** The account's address (its trie key is keccak(address), derived by the verifier). */
  public Address address() {
    return address;
  }

  /** The proven account; empty if the account is proven absent from the state trie. */
  public Optional<Account> account() {
    return state;
  }

  /** True if the account exists in the state trie (false: proven absent). */
  public boolean exists() {
    return state.isPresent();
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
    return "VerifiedAccount[address=" + address + ", account=" + state.map(Account::toString).orElse("absent")
        + ", storage=" + storage + "]";
  }
}
