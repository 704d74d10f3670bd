package io.trestle.proofs.execution;

import io.trestle.crypto.Address;
import io.trestle.crypto.Hash32;
import io.trestle.proofs.state.Account;
import io.trestle.proofs.state.VerifiedAccount;
import io.trestle.proofs.state.VerifiedSlot;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Lets {@link AccountProofVerifier} make the trust-carrying account results, whose constructors are
 * package-private in the exported {@code io.trestle.proofs.state}. This package is exported only to the light
 * client ({@code module-info.java}), so code outside Trestle cannot reach the factory.
 */
public final class StateResults {
  /** Makes verified accounts and slots; registered by {@link VerifiedAccount}. */
  public interface Factory {
    /** An account the caller has proven against a trusted state root ({@code account} empty: proven absent). */
    VerifiedAccount account(Address address, Optional<Account> account, List<VerifiedSlot> storage);

    /** A slot the caller has proven against the account's verified storage root. */
    VerifiedSlot slot(Hash32 key, BigInteger value, boolean present);
  }

  private static volatile Factory factory;

  private StateResults() {}

  /** Called once by {@link VerifiedAccount}'s static initializer. */
  public static void register(final Factory f) {
    if (factory != null) {
      throw new IllegalStateException("already registered");
    }
    factory = Objects.requireNonNull(f);
  }

  /** The factory (initializing {@link VerifiedAccount} first so that it has registered). */
  static Factory factory() {
    try {
      Class.forName(VerifiedAccount.class.getName(), true, VerifiedAccount.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    return factory;
  }
}
