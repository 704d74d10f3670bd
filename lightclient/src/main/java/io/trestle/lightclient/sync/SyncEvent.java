package io.trestle.lightclient.sync;

import java.util.Objects;

/**
 * One thing the sync driver did or saw, for progress display and reports.
 *
 * @param kind what happened
 * @param message a human-readable line
 * @param done for PROGRESS: periods done (else 0)
 * @param total for PROGRESS: periods to do (else 0)
 * @param source the source that served the data the event is about, when there is one (which endpoint served
 *     what: a refused answer names its source, and so does the data that was applied)
 */
public record SyncEvent(Kind kind, String message, long done, long total,
    java.util.Optional<io.trestle.lightclient.source.Endpoint> source) {
  /** Event kinds. */
  public enum Kind {
    /** Network identity of the sources checked. */
    NETWORK_CHECKED,
    /** Resumed from a persisted store. */
    RESUMED,
    /** Bootstrapped from the trusted checkpoint. */
    BOOTSTRAPPED,
    /** Progress through sync-committee periods ("period x of y"). */
    PROGRESS,
    /** An update was applied. */
    APPLIED,
    /** An update was ignored (stale, duplicate). */
    IGNORED,
    /** Data from a source was rejected (the store keeps only what was verified before). */
    REJECTED,
    /** A source failed (timeout, HTTP error...). */
    SOURCE_ERROR,
    /** The store was persisted. */
    SAVED,
    /** Two endpoints served validly signed but conflicting data. */
    ALARM
  }

  /** Validates non-null fields. */
  public SyncEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(source, "source");
  }

  /** An event not tied to one source. */
  public SyncEvent(final Kind kind, final String message, final long done, final long total) {
    this(kind, message, done, total, java.util.Optional.empty());
  }

  static SyncEvent of(final Kind kind, final String message) {
    return new SyncEvent(kind, message, 0, 0);
  }

  static SyncEvent from(final Kind kind, final io.trestle.lightclient.source.Endpoint source, final String message) {
    return new SyncEvent(kind, message, 0, 0, java.util.Optional.of(source));
  }
}
