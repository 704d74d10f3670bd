package io.trestle.cosmos.light;

import io.trestle.crypto.Bytes;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The skipping (bisection) scheduler of CometBFT's light client ({@code light/client.go} {@code
 * verifySkipping}; tendermint-rs {@code basic_bisecting_schedule}): try the target from the trusted state;
 * on {@link LightRejection#NOT_ENOUGH_TRUST} try the height half way between the trusted height and the
 * failed one (the closest the source has), and once that verifies, try the pending heights again from the
 * new trusted state. Any INVALID verdict stops the sync: a source that sends an invalid block is not asked
 * for alternatives. Pure apart from calls to the {@link LightBlockSource}; {@code now} is an argument.
 */
public final class Bisection {
  /** The most verification attempts one sync makes (a bound against a source that never converges). */
  public static final int MAX_STEPS = 10_000;

  private Bisection() {}

  /** Verifies from {@code trusted} up to {@code targetHeight}, fetching blocks from {@code source}. */
  public static SyncOutcome sync(final TrustedState trusted, final long targetHeight, final LightBlockSource source,
      final VerifyOptions options, final Instant now) {
    Objects.requireNonNull(trusted, "trusted");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(now, "now");
    final List<SyncStep> steps = new ArrayList<>();
    if (targetHeight < trusted.height()) {
      return new SyncOutcome(trusted, steps, Optional.of(new LightResult.Rejected<>(LightRejection.NON_MONOTONIC_HEIGHT,
          "target height " + targetHeight + " is below the trusted height " + trusted.height()
              + " (the light client does not verify backwards)")));
    }
    TrustedState verified = trusted;
    final Deque<Long> pending = new ArrayDeque<>();
    if (targetHeight > trusted.height()) {
      pending.push(targetHeight);
    }
    while (!pending.isEmpty()) {
      if (steps.size() >= MAX_STEPS) {
        return fail(verified, steps, LightRejection.NOT_ENOUGH_TRUST, "no convergence after " + MAX_STEPS + " steps");
      }
      final long h = pending.peek();
      final Optional<LightBlock> block = source.lightBlock(h);
      if (block.isEmpty()) {
        return fail(verified, steps, LightRejection.BLOCK_UNAVAILABLE, "no light block at height " + h);
      }
      if (block.get().height() != h) {
        return fail(verified, steps, LightRejection.INPUT_MALFORMED, "asked for height " + h + ", got a block at "
            + block.get().height());
      }
      final LightResult<TrustedState> r = LightVerifier.verify(verified, block.get(), options, now);
      final boolean adjacent = h == verified.height() + 1;
      final Bytes claimed = block.get().commit().blockId().hash();
      if (r instanceof LightResult.Verified<TrustedState> v) {
        steps.add(new SyncStep(verified.height(), h, adjacent, LightRejection.Verdict.SUCCESS, Optional.empty(),
            "verified", v.value().headerHash()));
        verified = v.value();
        pending.pop();
        continue;
      }
      final LightResult.Rejected<TrustedState> rej = (LightResult.Rejected<TrustedState>) r;
      steps.add(new SyncStep(verified.height(), h, adjacent, rej.reason().verdict(), Optional.of(rej.reason()),
          rej.detail(), claimed));
      if (rej.reason() != LightRejection.NOT_ENOUGH_TRUST) {
        return new SyncOutcome(verified, steps, Optional.of(rej));
      }
      final long lo = verified.height();
      final OptionalLong pivot = source.nearestAvailable(lo + 1, h - 1, lo + (h - lo) / 2);
      if (pivot.isEmpty()) {
        return fail(verified, steps, LightRejection.NOT_ENOUGH_TRUST, "not enough trust to skip from " + lo + " to "
            + h + " and no block between them to bisect with");
      }
      pending.push(pivot.getAsLong());
    }
    return new SyncOutcome(verified, steps, Optional.empty());
  }

  private static SyncOutcome fail(final TrustedState s, final List<SyncStep> steps, final LightRejection reason,
      final String detail) {
    return new SyncOutcome(s, steps, Optional.of(new LightResult.Rejected<>(reason, detail)));
  }
}
