package io.trestle.cosmos.light;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The outcome of a CometBFT light-client operation: {@link Verified} with the value, or {@link Rejected}
 * with a stable {@link LightRejection} and a detail naming what was wrong. Never thrown, never null.
 *
 * @param <T> the verified value's type
 */
public sealed interface LightResult<T> permits LightResult.Verified, LightResult.Rejected {
  /** A verified value. */
  record Verified<T>(T value) implements LightResult<T> {
    /** Checks for null. */
    public Verified {
      Objects.requireNonNull(value, "value");
    }
  }

  /** A rejection with its reason and detail. */
  record Rejected<T>(LightRejection reason, String detail) implements LightResult<T> {
    /** Checks for nulls. */
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }

    /** The same rejection typed for another value type. */
    @SuppressWarnings("unchecked")
    public <U> Rejected<U> cast() {
      return (Rejected<U>) (Rejected<?>) this;
    }
  }

  /** True for {@link Verified}. */
  default boolean isVerified() {
    return this instanceof Verified;
  }

  /** The verdict class: SUCCESS, or the rejection's class. */
  default LightRejection.Verdict verdict() {
    return this instanceof Rejected<T> r ? r.reason().verdict() : LightRejection.Verdict.SUCCESS;
  }

  /** The value, or {@link IllegalStateException} for a rejection (for callers that checked). */
  default T value() {
    if (this instanceof Verified<T> v) {
      return v.value();
    }
    final Rejected<T> r = (Rejected<T>) this;
    throw new IllegalStateException("rejected: " + r.reason() + ": " + r.detail());
  }

  /**
   * Runs {@code body}: a {@link LightException} becomes {@link Rejected}, any other runtime exception
   * {@code Rejected(INTERNAL_ERROR)} (fail closed, logged at ERROR).
   */
  static <T> LightResult<T> of(final Supplier<T> body) {
    try {
      return new Verified<>(body.get());
    } catch (LightException e) {
      return new Rejected<>(e.reason(), e.detail());
    } catch (RuntimeException | StackOverflowError e) {
      LightException.LOG.error("internal error during CometBFT verification (failing closed)", e);
      return new Rejected<>(LightRejection.INTERNAL_ERROR, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

}
