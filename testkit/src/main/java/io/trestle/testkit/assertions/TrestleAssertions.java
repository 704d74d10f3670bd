package io.trestle.testkit.assertions;

import io.trestle.lightclient.LightClient;
import io.trestle.lightclient.Outcome;
import io.trestle.lightclient.spec.IgnoreReason;
import io.trestle.lightclient.spec.LightClientStore;
import io.trestle.lightclient.spec.UpdateRejection;
import io.trestle.lightclient.spec.UpdateResult;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The shared assertions of the tests on Trestle's result types: a result is the expected variant, with the expected
 * reason, and a failure message that shows what came instead (the detail of a rejection says which node, field or
 * rule). They throw {@link AssertionError}, so they work under any test framework and add no test library to the
 * testkit's dependencies (the CLI's demo uses the testkit at run time).
 */
public final class TrestleAssertions {
  private TrestleAssertions() {}

  /** {@code r} is {@code Applied}; returns it. */
  public static UpdateResult.Applied assertApplied(final UpdateResult r) {
    if (r instanceof UpdateResult.Applied a) {
      return a;
    }
    throw new AssertionError("expected Applied, got " + r);
  }

  /** {@code r} is {@code Rejected} for {@code reason}; returns it. */
  public static UpdateResult.Rejected assertRejected(final UpdateResult r, final UpdateRejection reason) {
    Objects.requireNonNull(reason, "reason");
    if (r instanceof UpdateResult.Rejected rej && rej.reason() == reason) {
      return rej;
    }
    throw new AssertionError("expected Rejected(" + reason + "), got " + r);
  }

  /** {@code r} is {@code Ignored} for {@code reason}; returns it. */
  public static UpdateResult.Ignored assertIgnored(final UpdateResult r, final IgnoreReason reason) {
    Objects.requireNonNull(reason, "reason");
    if (r instanceof UpdateResult.Ignored ign && ign.reason() == reason) {
      return ign;
    }
    throw new AssertionError("expected Ignored(" + reason + "), got " + r);
  }

  /** {@code r} is {@code Verified}; returns its value. */
  public static <T> T assertVerified(final ProofResult<T> r) {
    if (r instanceof ProofResult.Verified<T> v) {
      return v.value();
    }
    throw new AssertionError("expected Verified, got " + r);
  }

  /** {@code r} is {@code Rejected} for {@code reason}; returns it. */
  public static <T> ProofResult.Rejected<T> assertRejected(final ProofResult<T> r, final Reason reason) {
    Objects.requireNonNull(reason, "reason");
    if (r instanceof ProofResult.Rejected<T> rej && rej.reason() == reason) {
      return rej;
    }
    throw new AssertionError("expected Rejected(" + reason + "), got " + r);
  }

  /** {@code o} is {@code Verified}; returns its value. */
  public static <T> T assertVerified(final Outcome<T> o) {
    if (o instanceof Outcome.Verified<T> v) {
      return v.value();
    }
    throw new AssertionError("expected Verified, got " + o);
  }

  /** {@code o} is {@code Rejected} for {@code reason}; returns it. */
  public static <T> Outcome.Rejected<T> assertRejected(final Outcome<T> o, final Reason reason) {
    Objects.requireNonNull(reason, "reason");
    if (o instanceof Outcome.Rejected<T> rej && rej.reason() == reason) {
      return rej;
    }
    throw new AssertionError("expected Rejected(" + reason + "), got " + o);
  }

  /** {@code o} is {@code Undecided} for {@code why}; returns it. */
  public static <T> Outcome.Undecided<T> assertUndecided(final Outcome<T> o, final Outcome.Undecided.Why why) {
    Objects.requireNonNull(why, "why");
    if (o instanceof Outcome.Undecided<T> u && u.why() == why) {
      return u;
    }
    throw new AssertionError("expected Undecided(" + why + "), got " + o);
  }

  /**
   * Runs {@code call} on {@code client} and requires the client's store to be equal before and after (the rule
   * for every rejection and ignore: state does not change); returns what {@code call} returned.
   */
  public static <R> R assertStoreUnchanged(final LightClient client, final Supplier<R> call) {
    final LightClientStore before = client.store();
    final R result = call.get();
    assertStoreUnchanged(before, client.store(), result);
    return result;
  }

  /** {@code after} equals {@code before}; {@code cause} (the result that left it) is named in the message. */
  public static void assertStoreUnchanged(final LightClientStore before, final LightClientStore after,
      final Object cause) {
    if (!before.equals(after)) {
      throw new AssertionError("the store changed after " + cause + ": finalized slot "
          + before.finalizedHeader().beacon().slot() + " -> " + after.finalizedHeader().beacon().slot()
          + ", optimistic slot " + before.optimisticHeader().beacon().slot() + " -> "
          + after.optimisticHeader().beacon().slot());
    }
  }
}
