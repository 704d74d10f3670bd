package io.trestle.proofs;

import java.util.Objects;

/**
 * A typed rejection thrown inside the verifiers and decoders and turned into {@link
 * ProofResult.Rejected} at the public facade. Carries a stable {@link Reason} and a detail naming the
 * node, field or rule. Callers of the {@code verify*} facades never see it; callers of the lower-level
 * decoders ({@code Rlp}, the record {@code decode} methods) do.
 */
public final class VerificationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Reason reason;

  /** A rejection with a reason and a detail. */
  public VerificationException(final Reason reason, final String detail) {
    super(reason + ": " + detail, null, false, false);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The stable reason code. */
  public Reason reason() {
    return reason;
  }

  /** The detail, without the reason prefix. */
  public String detail() {
    final String m = getMessage();
    final int i = m.indexOf(": ");
    return i < 0 ? m : m.substring(i + 2);
  }

  /** Prefixes the detail with context (which node, which field) and keeps the reason. */
  public VerificationException withContext(final String context) {
    return new VerificationException(reason, context + ": " + detail());
  }
}
