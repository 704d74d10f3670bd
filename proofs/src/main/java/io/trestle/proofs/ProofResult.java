package io.trestle.proofs;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The outcome of a verification: either {@link Verified} with the proven value, or {@link Rejected}
 * with a stable {@link Reason} and a detail naming what was wrong. Verifiers never throw on untrusted
 * input and never return a silent {@code false}.
 *
 * @param <T> the type of the verified value
 */
public sealed interface ProofResult<T> permits ProofResult.Verified, ProofResult.Rejected {

  /** A verified value. */
  record Verified<T>(T value) implements ProofResult<T> {
    /** Wraps a non-null value. */
    public Verified {
      Objects.requireNonNull(value, "value");
    }
  }

  /** A rejection with its reason code and a human-readable detail. */
  record Rejected<T>(Reason reason, String detail) implements ProofResult<T> {
    /** A rejection; neither argument may be null. */
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /** True for {@link Verified}. */
  default boolean isVerified() {
    return this instanceof Verified;
  }

  /** The value if verified, else throws {@link VerificationException} with the rejection. */
  default T orElseThrow() {
    if (this instanceof Verified<T> v) {
      return v.value();
    }
    final Rejected<T> r = (Rejected<T>) this;
    throw new VerificationException(r.reason(), r.detail());
  }

  /** Maps a verified value; a rejection passes through unchanged. */
  @SuppressWarnings("unchecked")
  default <U> ProofResult<U> map(final Function<? super T, ? extends U> f) {
    if (this instanceof Verified<T> v) {
      return new Verified<>(f.apply(v.value()));
    }
    return (ProofResult<U>) this;
  }

  /**
   * Runs {@code body}, turning a {@link VerificationException} into {@link Rejected} and any other
   * runtime exception into {@code Rejected(INTERNAL_ERROR)} (fail closed, logged at ERROR).
   */
  static <T> ProofResult<T> of(final Supplier<T> body) {
    try {
      return new Verified<>(body.get());
    } catch (VerificationException e) {
      return new Rejected<>(e.reason(), e.detail());
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      FailClosed.LOG.error("internal error during verification (failing closed)", e);
      return new Rejected<>(Reason.INTERNAL_ERROR, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
