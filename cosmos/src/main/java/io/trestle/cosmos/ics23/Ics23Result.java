package io.trestle.cosmos.ics23;

import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outcome of an ICS-23 decode or verification: {@link Verified} with the value, or {@link
 * Rejected} with a stable {@link Ics23Reason} and a detail naming what was wrong. The facades never
 * throw on untrusted input and never return a silent {@code false}.
 *
 * @param <T> the verified value's type
 */
public sealed interface Ics23Result<T> permits Ics23Result.Verified, Ics23Result.Rejected {

  /** A verified value. */
  record Verified<T>(T value) implements Ics23Result<T> {
    /** Wraps a non-null value. */
    public Verified {
      Objects.requireNonNull(value, "value");
    }
  }

  /** A rejection with its reason code and a human-readable detail. */
  record Rejected<T>(Ics23Reason reason, String detail) implements Ics23Result<T> {
    /** Neither argument may be null. */
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /** True for {@link Verified}. */
  default boolean isVerified() {
    return this instanceof Verified;
  }

  /** The value if verified, else throws {@link Ics23Exception} carrying the rejection. */
  default T orElseThrow() {
    if (this instanceof Verified<T> v) {
      return v.value();
    }
    final Rejected<T> r = (Rejected<T>) this;
    throw new Ics23Exception(r.reason(), r.detail());
  }

  /**
   * Runs {@code body}: an {@link Ics23Exception} becomes {@link Rejected}; any other runtime exception
   * (a bug) becomes {@code Rejected(INTERNAL_ERROR)}, logged at ERROR (fail closed).
   */
  static <T> Ics23Result<T> of(final Supplier<T> body) {
    try {
      return new Verified<>(body.get());
    } catch (Ics23Exception e) {
      return new Rejected<>(e.reason(), e.detail());
    } catch (RuntimeException | StackOverflowError e) {
      Log.LOG.error("internal error during ICS-23 verification (failing closed)", e);
      return new Rejected<>(Ics23Reason.INTERNAL_ERROR, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** Holds the logger (interfaces cannot have private fields). */
  final class Log {
    static final Logger LOG = LoggerFactory.getLogger(Ics23Result.class);

    private Log() {}
  }
}
