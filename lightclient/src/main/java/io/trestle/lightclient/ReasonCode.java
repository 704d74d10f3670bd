package io.trestle.lightclient;

import io.trestle.lightclient.source.SourceException.SourceError;
import io.trestle.lightclient.spec.IgnoreReason;
import io.trestle.lightclient.spec.UpdateRejection;
import io.trestle.proofs.Reason;
import java.util.Objects;

/**
 * The one place where every outcome code of the library gets its stable, namespaced text form {@code
 * namespace.NAME}, as the command line's {@code --json} {@code reason} prints it and as a relayer may use for
 * metric labels and logs:
 *
 * <table>
 *   <caption>Namespaces</caption>
 *   <tr><th>namespace</th><th>codes</th><th>meaning</th></tr>
 *   <tr><td>{@code proof}</td><td>{@link Reason}</td><td>execution-layer data refused (RLP, MPT, header, receipts,
 *       policy)</td></tr>
 *   <tr><td>{@code lightclient}</td><td>{@link UpdateRejection}</td><td>light-client data or a persisted store
 *       refused (a refused persisted store is {@code lightclient.STATE_CORRUPT} or {@code
 *       lightclient.CHECKPOINT_TOO_OLD}, its {@code StoreError} in the detail)</td></tr>
 *   <tr><td>{@code ignored}</td><td>{@link IgnoreReason}</td><td>valid light-client data that brings nothing
 *       new</td></tr>
 *   <tr><td>{@code source}</td><td>{@link SourceError}</td><td>the data could not be obtained (retry may
 *       help)</td></tr>
 *   <tr><td>{@code undecided}</td><td>{@link Outcome.Undecided.Why}</td><td>no verdict yet (retry later)</td></tr>
 *   <tr><td>{@code sync}</td><td>{@code ALARM}</td><td>validly signed but conflicting data: stop and
 *       investigate</td></tr>
 *   <tr><td>{@code cli}</td><td>{@code USAGE_ERROR}, {@code INPUT_UNREADABLE}</td><td>the command line only: bad
 *       options, unreadable input files (exit 2)</td></tr>
 * </table>
 *
 * <p>Names are never renamed; new codes may be added. Stateless and thread-safe.
 */
public final class ReasonCode {
  /** Validly signed light-client data from two sources (or a source and the store) conflicts. */
  public static final String ALARM = "sync.ALARM";

  private ReasonCode() {}

  /** {@code proof.NAME}. */
  public static String of(final Reason r) {
    return "proof." + Objects.requireNonNull(r).name();
  }

  /** {@code lightclient.NAME}. */
  public static String of(final UpdateRejection r) {
    return "lightclient." + Objects.requireNonNull(r).name();
  }

  /** {@code ignored.NAME}. */
  public static String of(final IgnoreReason r) {
    return "ignored." + Objects.requireNonNull(r).name();
  }

  /** {@code source.NAME}. */
  public static String of(final SourceError e) {
    return "source." + Objects.requireNonNull(e).name();
  }

  /** {@code undecided.NAME}. */
  public static String of(final Outcome.Undecided.Why w) {
    return "undecided." + Objects.requireNonNull(w).name();
  }

  /**
   * The code of an outcome that is not verified: the rejection's reason, the source failure's kind, or why it is
   * undecided.
   *
   * @throws IllegalArgumentException for a verified outcome (it has no reason)
   */
  public static String of(final Outcome<?> o) {
    if (o instanceof Outcome.Rejected<?> r) {
      return of(r.reason());
    }
    if (o instanceof Outcome.Undecided<?> u) {
      return u.sourceFailure().isPresent() ? of(u.sourceFailure().get().error()) : of(u.why());
    }
    throw new IllegalArgumentException("a verified outcome has no reason code");
  }
}
