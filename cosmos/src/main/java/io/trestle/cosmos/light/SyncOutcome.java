package io.trestle.cosmos.light;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of {@link Bisection#sync}: the trusted state it ends at (the last verified block, or the
 * starting state), every attempt in order, and the failure if the target was not reached.
 *
 * @param state the trusted state reached
 * @param steps every verification attempt, in order
 * @param failure why the target was not reached (empty if it was)
 */
public record SyncOutcome(TrustedState state, List<SyncStep> steps, Optional<LightResult.Rejected<TrustedState>> failure) {
  /** Copies the list, checks for nulls. */
  public SyncOutcome {
    Objects.requireNonNull(state, "state");
    steps = List.copyOf(steps);
    Objects.requireNonNull(failure, "failure");
  }

  /** True if the target height was verified. */
  public boolean reachedTarget() {
    return failure.isEmpty();
  }
}
