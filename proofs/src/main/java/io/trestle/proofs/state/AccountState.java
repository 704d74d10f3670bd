package io.trestle.proofs.state;

import java.util.Objects;
import java.util.Optional;

/**
 * What a verified account proof says about an address: {@link Present} with the proven account, or
 * {@link Absent}. Absence is a proven fact and is never turned into a zeroed {@link Account}: a caller
 * that wants a balance must handle both cases.
 */
public sealed interface AccountState permits AccountState.Present, AccountState.Absent {

  /** The account exists in the state trie with these proven fields. */
  record Present(Account account) implements AccountState {
    /** A present account. */
    public Present {
      Objects.requireNonNull(account, "account");
    }
  }

  /** The account is provably not in the state trie. */
  record Absent() implements AccountState {}

  /** The account if present; empty if proven absent. */
  default Optional<Account> asOptional() {
    return this instanceof Present p ? Optional.of(p.account()) : Optional.empty();
  }

  /** True if the account is present. */
  default boolean isPresent() {
    return this instanceof Present;
  }
}
