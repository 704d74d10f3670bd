package io.trestle.proofs.fuzz;

import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import io.trestle.proofs.VerificationException;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The oracle every fuzz target of this module shares: the code under test returns a value or fails
 * with a typed rejection whose reason is one the target documents. Anything else (an unchecked
 * exception, an {@code INTERNAL_ERROR}, a reason the target does not expect) is a finding: it is
 * rethrown as an {@link AssertionError} so that Jazzer records the input.
 */
public final class Oracle {
  private Oracle() {}

  /** Every RLP reason code. */
  public static final Set<Reason> RLP = EnumSet.of(Reason.RLP_NON_CANONICAL, Reason.RLP_TRUNCATED,
      Reason.RLP_TRAILING_BYTES, Reason.RLP_SCHEMA, Reason.RLP_TOO_DEEP, Reason.RLP_EMPTY, Reason.RLP_TOO_LARGE);

  /** Every MPT reason code plus RLP ones (a node is RLP). */
  public static final Set<Reason> MPT = union(RLP, EnumSet.of(Reason.MPT_HASH_MISMATCH, Reason.MPT_ROOT_MISMATCH,
      Reason.MPT_INCOMPLETE, Reason.MPT_PATH_MISMATCH, Reason.MPT_NON_CANONICAL, Reason.MPT_BAD_REFERENCE,
      Reason.MPT_BAD_NODE, Reason.MPT_BAD_PATH_ENCODING, Reason.MPT_EMPTY_VALUE, Reason.MPT_EXTRA_NODES,
      Reason.MPT_VALUE_PRESENT, Reason.PROOF_TOO_LARGE));

  @SafeVarargs
  public static Set<Reason> union(final Set<Reason>... sets) {
    final Set<Reason> all = EnumSet.noneOf(Reason.class);
    for (final Set<Reason> s : sets) {
      all.addAll(s);
    }
    return all;
  }

  /** Runs {@code body}; a typed rejection with an allowed reason returns {@code null}. */
  public static <T> T typed(final Set<Reason> allowed, final Supplier<T> body) {
    try {
      return body.get();
    } catch (VerificationException e) {
      check(allowed, e.reason(), e.detail());
      return null;
    }
  }

  /** The value of a result, or {@code null} for a rejection with an allowed reason. */
  public static <T> T value(final Set<Reason> allowed, final ProofResult<T> r) {
    if (r instanceof ProofResult.Rejected<T> rej) {
      check(allowed, rej.reason(), rej.detail());
      return null;
    }
    return ((ProofResult.Verified<T>) r).value();
  }

  private static void check(final Set<Reason> allowed, final Reason reason, final String detail) {
    if (!allowed.contains(reason)) {
      throw new AssertionError("undocumented reason " + reason + " (" + detail + ")");
    }
    if (detail.isEmpty()) {
      throw new AssertionError("rejection " + reason + " without a detail");
    }
  }
}
