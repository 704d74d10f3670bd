package io.trestle.lightclient;

import io.trestle.lightclient.source.SourceException;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The outcome of a verification that fetches its own data ({@link ExecutionVerifier}): exactly one of
 *
 * <ul>
 *   <li>{@link Verified}: the value was proven against the light client's finalized chain;
 *   <li>{@link Rejected}: the data is wrong — a stable {@link Reason} and a detail naming what was wrong. Whoever
 *       served it is suspect; retrying the same source will not help;
 *   <li>{@link Undecided}: no verdict yet, with a retry hint — the transaction is not final yet ({@link
 *       Undecided.Why#NOT_FINAL_YET}), or the data could not be obtained ({@link Undecided.Why#SOURCE_FAILED}).
 *       This is never a statement about the data being forged.
 * </ul>
 *
 * <p>(The light-client update path has the same shape with {@code Ignored} for data that is valid but brings
 * nothing new: {@link io.trestle.lightclient.spec.UpdateResult}.) Immutable and thread-safe.
 *
 * @param <T> the verified value's type
 */
public sealed interface Outcome<T> permits Outcome.Verified, Outcome.Rejected, Outcome.Undecided {

  /** A verified value (its type has no public constructor: it cannot be forged). */
  record Verified<T>(T value) implements Outcome<T> {
    /** Wraps a non-null value. */
    public Verified {
      Objects.requireNonNull(value, "value");
    }
  }

  /** Refused: the stable reason code and what was wrong. */
  record Rejected<T>(Reason reason, String detail) implements Outcome<T> {
    /** A rejection; neither argument may be null. */
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /**
   * No verdict: retry later.
   *
   * @param why NOT_FINAL_YET or SOURCE_FAILED
   * @param detail what is missing
   * @param awaitFinalizedBlock for NOT_FINAL_YET: the execution block number the light client must finalize
   *     (retry after a finality update has carried it that far)
   * @param sourceFailure for SOURCE_FAILED: the typed failure (endpoint, kind, whether retrying may help)
   */
  record Undecided<T>(Why why, String detail, OptionalLong awaitFinalizedBlock, Optional<SourceException> sourceFailure)
      implements Outcome<T> {
    /** Non-null components; the optional parts match {@code why}. */
    public Undecided {
      Objects.requireNonNull(why, "why");
      Objects.requireNonNull(detail, "detail");
      Objects.requireNonNull(awaitFinalizedBlock, "awaitFinalizedBlock");
      Objects.requireNonNull(sourceFailure, "sourceFailure");
      if (why == Why.SOURCE_FAILED && sourceFailure.isEmpty()) {
        throw new IllegalArgumentException("SOURCE_FAILED carries the source failure");
      }
    }

    /** Why there is no verdict yet. */
    public enum Why {
      /** The block is after the light client's finalized block: retry once finality has reached it. */
      NOT_FINAL_YET,
      /** The data could not be fetched (timeout, unreachable, not found, wrong network): see the failure. */
      SOURCE_FAILED
    }
  }

  /** True for {@link Verified}. */
  default boolean isVerified() {
    return this instanceof Verified;
  }

  /** The value if verified. */
  default Optional<T> verified() {
    return this instanceof Verified<T> v ? Optional.of(v.value()) : Optional.empty();
  }

  /** The outcome of a pure verification step. */
  static <T> Outcome<T> of(final ProofResult<T> r) {
    if (r instanceof ProofResult.Verified<T> v) {
      return new Verified<>(v.value());
    }
    final ProofResult.Rejected<T> rj = (ProofResult.Rejected<T>) r;
    return new Rejected<>(rj.reason(), rj.detail());
  }
}
