package io.trestle.lightclient.store;

import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.spec.UpdateRejection;
import io.trestle.lightclient.spec.UpdateResult;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Weak-subjectivity policy: a checkpoint (or a stored finalized header) older than a window is refused
 * unless the operator explicitly overrides. Beyond the window, validators of the header's sync committee
 * may have exited and could sign a conflicting chain that this client cannot tell from the real one.
 *
 * <p>The default window is 14 days of slots ({@link #DEFAULT_MAX_AGE_SECONDS} / {@code SECONDS_PER_SLOT}:
 * 100800 slots = 3150 epochs on mainnet timing). This is a policy choice, deliberately well inside the
 * weak-subjectivity period the consensus specs compute for today's mainnet validator set
 * ({@code compute_weak_subjectivity_period}, whose floor is {@code MIN_VALIDATOR_WITHDRAWABILITY_DELAY} =
 * 256 epochs plus a churn-dependent term); it is not a spec constant. Configure another window with {@link
 * #ofEpochs}. Trusted: the config's genesis time and slot duration and the caller's clock.
 */
public final class WeakSubjectivity {
  /** Default maximum age: 14 days. */
  public static final long DEFAULT_MAX_AGE_SECONDS = 14L * 24 * 60 * 60;
  /** The command-line flag that overrides the policy (named in rejection messages). */
  public static final String OVERRIDE_FLAG = "--allow-old-checkpoint";

  private static final Logger LOG = LoggerFactory.getLogger(WeakSubjectivity.class);

  private final long maxAgeSlots;
  private final long secondsPerSlot;
  private final int slotsPerEpoch;

  private WeakSubjectivity(final long maxAgeSlots, final long secondsPerSlot, final int slotsPerEpoch) {
    this.maxAgeSlots = maxAgeSlots;
    this.secondsPerSlot = secondsPerSlot;
    this.slotsPerEpoch = slotsPerEpoch;
  }

  /** The default policy for a network: {@link #DEFAULT_MAX_AGE_SECONDS} converted to slots. */
  public static WeakSubjectivity defaults(final ChainConfig config) {
    final long sps = secondsPerSlot(config);
    return new WeakSubjectivity(DEFAULT_MAX_AGE_SECONDS / sps, sps, config.preset().slotsPerEpoch());
  }

  /** A policy with a maximum age in epochs (at least 1). */
  public static WeakSubjectivity ofEpochs(final ChainConfig config, final long maxAgeEpochs) {
    final int spe = config.preset().slotsPerEpoch();
    if (maxAgeEpochs < 1 || maxAgeEpochs > Long.MAX_VALUE / 4 / spe) {
      throw new IllegalArgumentException("max age of " + maxAgeEpochs + " epochs is out of range");
    }
    return new WeakSubjectivity(maxAgeEpochs * spe, secondsPerSlot(config), spe);
  }

  private static long secondsPerSlot(final ChainConfig config) {
    Objects.requireNonNull(config, "config");
    if (config.secondsPerSlot() <= 0) {
      throw new IllegalArgumentException(config.name() + ": SECONDS_PER_SLOT must be positive");
    }
    return config.secondsPerSlot();
  }

  /** The maximum age in slots. */
  public long maxAgeSlots() {
    return maxAgeSlots;
  }

  /** The maximum age in whole epochs (rounded down). */
  public long maxAgeEpochs() {
    return maxAgeSlots / slotsPerEpoch;
  }

  /** The wall-clock slot ({@code (now - genesis_time) / SECONDS_PER_SLOT}); 0 before genesis. */
  public static long currentSlot(final ChainConfig config, final Instant now) {
    final long elapsed = now.getEpochSecond() - config.genesisTime();
    return elapsed <= 0 ? 0 : elapsed / secondsPerSlot(config);
  }

  /**
   * Empty if a header at {@code headerSlot} is within the window at {@code currentSlot} (a header in the
   * future is not too old), or if {@code override} is set (logged as a warning); otherwise {@link
   * UpdateRejection#CHECKPOINT_TOO_OLD} with the age and what to do.
   */
  public Optional<UpdateResult.Rejected> check(final long headerSlot, final long currentSlot,
      final boolean override) {
    if (headerSlot < 0 || currentSlot < 0 || currentSlot <= headerSlot) {
      return Optional.empty();
    }
    final long age = currentSlot - headerSlot;
    if (age <= maxAgeSlots) {
      return Optional.empty();
    }
    if (override) {
      LOG.warn("accepting a checkpoint {} slots ({}) old, beyond the weak-subjectivity window of {} slots ({}), "
          + "because of {}", age, days(age), maxAgeSlots, days(maxAgeSlots), OVERRIDE_FLAG);
      return Optional.empty();
    }
    return Optional.of(new UpdateResult.Rejected(UpdateRejection.CHECKPOINT_TOO_OLD, "the header at slot "
        + headerSlot + " is " + age + " slots (" + days(age) + ") older than the current slot " + currentSlot
        + ", beyond the weak-subjectivity window of " + maxAgeSlots + " slots (" + days(maxAgeSlots)
        + "). Bootstrap from a recent finalized block root obtained from sources you trust, or pass "
        + OVERRIDE_FLAG + " if you have verified this checkpoint out of band"));
  }

  private String days(final long slots) {
    return String.format(Locale.ROOT, "%.1f days", slots * (double) secondsPerSlot / 86400.0);
  }
}
