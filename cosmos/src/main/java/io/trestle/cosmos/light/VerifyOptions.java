package io.trestle.cosmos.light;

import java.time.Duration;
import java.util.Objects;

/**
 * The light client's security parameters (CometBFT {@code light.TrustOptions} plus the clock drift).
 *
 * @param trustLevel fraction of the trusted set needed for a skipping step (default 1/3)
 * @param trustingPeriod how long a trusted state may be used; must be below the unbonding period
 * @param maxClockDrift how far in the future (relative to {@code now}) a header time may be
 */
public record VerifyOptions(TrustLevel trustLevel, Duration trustingPeriod, Duration maxClockDrift) {
  /** CometBFT's default clock drift, 10 s. */
  public static final Duration DEFAULT_CLOCK_DRIFT = Duration.ofSeconds(10);

  /** Rejects non-positive periods and negative drift. */
  public VerifyOptions {
    Objects.requireNonNull(trustLevel, "trustLevel");
    Objects.requireNonNull(trustingPeriod, "trustingPeriod");
    Objects.requireNonNull(maxClockDrift, "maxClockDrift");
    if (trustingPeriod.isNegative() || trustingPeriod.isZero()) {
      throw new IllegalArgumentException("trusting period must be positive");
    }
    if (maxClockDrift.isNegative()) {
      throw new IllegalArgumentException("max clock drift must not be negative");
    }
  }

  /** Trust level 1/3, the given trusting period, 10 s drift. */
  public static VerifyOptions defaults(final Duration trustingPeriod) {
    return new VerifyOptions(TrustLevel.ONE_THIRD, trustingPeriod, DEFAULT_CLOCK_DRIFT);
  }
}
