package io.trestle.cosmos.ics23;

import java.util.Objects;

/**
 * A typed rejection thrown by the ICS-23 decoders and checks and turned into {@link
 * Ics23Result.Rejected} at the public facades ({@link Ics23Verifier}, {@link Ics23Codec}, {@code
 * io.trestle.cosmos.ibc.StateProofVerifier}). Callers of the low-level {@link Ics23Ops} see it.
 */
public final class Ics23Exception extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Ics23Reason reason;
  private final String detail;

  /** A rejection with a reason and a detail naming the node, field or rule. */
  public Ics23Exception(final Ics23Reason reason, final String detail) {
    super(reason + ": " + detail, null, false, false);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.detail = Objects.requireNonNull(detail, "detail");
  }

  /** The stable reason code. */
  public Ics23Reason reason() {
    return reason;
  }

  /** What was wrong. */
  public String detail() {
    return detail;
  }

  /** The same reason with context (which proof, which step) in front of the detail. */
  public Ics23Exception withContext(final String context) {
    return new Ics23Exception(reason, context + ": " + detail);
  }
}
