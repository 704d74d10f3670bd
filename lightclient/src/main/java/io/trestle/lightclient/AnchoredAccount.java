package io.trestle.lightclient;

import io.trestle.proofs.state.VerifiedAccount;
import java.util.Objects;

/**
 * An account (and the storage slots asked for) proven at the state root of a light-client-verified execution
 * block. There is no public constructor: instances come only from {@link ExecutionVerifier}. Immutable and
 * thread-safe.
 */
public final class AnchoredAccount {
  private final ExecutionAnchor anchor;
  private final VerifiedAccount account;

  AnchoredAccount(final ExecutionAnchor anchor, final VerifiedAccount account) {
    this.anchor = Objects.requireNonNull(anchor, "anchor");
    this.account = Objects.requireNonNull(account, "account");
  }

  /** The block whose state root the account was proven against (with its roots bound). */
  public ExecutionAnchor anchor() {
    return anchor;
  }

  /** The proven account or absence, and every requested slot. */
  public VerifiedAccount account() {
    return account;
  }

  @Override
  public String toString() {
    return "AnchoredAccount[" + account.address() + " at " + anchor + "]";
  }
}
