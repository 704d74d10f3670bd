package io.trestle.lightclient.source;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Limits and retry policy of a source. Immutable; change with the {@code with*} methods.
 *
 * <p>Each attempt gets {@code requestTimeout} for connect, headers and the whole body. A body larger than
 * {@code maxResponseBytes} is rejected as it streams in (or from its {@code Content-Length}). Transient
 * failures are retried up to {@code maxAttempts} attempts per endpoint, sleeping {@code min(maxBackoff,
 * initialBackoff * 2^(n-1)) * (0.5 + 0.5 * jitter)} before retry {@code n}; then the next endpoint is tried.
 *
 * @param requestTimeout timeout of one attempt (connect + read), default 10 s
 * @param maxResponseBytes response body cap, default 32 MiB
 * @param maxAttempts attempts per endpoint (1 = no retry), default 3
 * @param initialBackoff first backoff, default 250 ms
 * @param maxBackoff backoff cap, default 5 s
 * @param sleeper how to wait between attempts (tests inject a recorder)
 * @param jitter source of jitter in [0, 1)
 */
public record HttpSettings(Duration requestTimeout, long maxResponseBytes, int maxAttempts, Duration initialBackoff,
    Duration maxBackoff, Sleeper sleeper, DoubleSupplier jitter) {

  /** Default response cap: 32 MiB. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 32L << 20;

  /** Waits between retries. */
  @FunctionalInterface
  public interface Sleeper {
    /** Sleeps for {@code d}; the JDK sleeper honours interruption. */
    void sleep(Duration d) throws InterruptedException;
  }

  /** Validates ranges. */
  public HttpSettings {
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(sleeper, "sleeper");
    Objects.requireNonNull(jitter, "jitter");
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive");
    }
    if (maxResponseBytes < 1 || maxResponseBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxResponseBytes must be in [1, 2^31 - 9]");
    }
    if (maxAttempts < 1 || maxAttempts > 20) {
      throw new IllegalArgumentException("maxAttempts must be in [1, 20]");
    }
    if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
      throw new IllegalArgumentException("backoff must not be negative");
    }
  }

  /** The defaults: 10 s timeout, 32 MiB cap, 3 attempts, 250 ms to 5 s backoff, real sleep, random jitter. */
  public static HttpSettings defaults() {
    return new HttpSettings(Duration.ofSeconds(10), DEFAULT_MAX_RESPONSE_BYTES, 3, Duration.ofMillis(250),
        Duration.ofSeconds(5), d -> Thread.sleep(d.toMillis()), () -> ThreadLocalRandom.current().nextDouble());
  }

  /** With another per-attempt timeout. */
  public HttpSettings withRequestTimeout(final Duration t) {
    return new HttpSettings(t, maxResponseBytes, maxAttempts, initialBackoff, maxBackoff, sleeper, jitter);
  }

  /** With another response cap. */
  public HttpSettings withMaxResponseBytes(final long n) {
    return new HttpSettings(requestTimeout, n, maxAttempts, initialBackoff, maxBackoff, sleeper, jitter);
  }

  /** With another attempt count per endpoint. */
  public HttpSettings withMaxAttempts(final int n) {
    return new HttpSettings(requestTimeout, maxResponseBytes, n, initialBackoff, maxBackoff, sleeper, jitter);
  }

  /** With other backoff bounds. */
  public HttpSettings withBackoff(final Duration initial, final Duration max) {
    return new HttpSettings(requestTimeout, maxResponseBytes, maxAttempts, initial, max, sleeper, jitter);
  }

  /** With another sleeper. */
  public HttpSettings withSleeper(final Sleeper s) {
    return new HttpSettings(requestTimeout, maxResponseBytes, maxAttempts, initialBackoff, maxBackoff, s, jitter);
  }

  /** With another jitter source (values outside [0, 1) are clamped). */
  public HttpSettings withJitter(final DoubleSupplier j) {
    return new HttpSettings(requestTimeout, maxResponseBytes, maxAttempts, initialBackoff, maxBackoff, sleeper, j);
  }

  /** The backoff before retry {@code n} (1-based). */
  public Duration backoff(final int retry) {
    final int shift = Math.min(Math.max(retry - 1, 0), 30);
    long base = initialBackoff.toMillis() << shift;
    if (base < 0 || base > maxBackoff.toMillis()) {
      base = maxBackoff.toMillis();
    }
    final double j = Math.min(Math.max(jitter.getAsDouble(), 0.0), 1.0);
    return Duration.ofMillis((long) (base * (0.5 + 0.5 * j)));
  }
}
