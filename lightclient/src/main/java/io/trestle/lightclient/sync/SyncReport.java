package io.trestle.lightclient.sync;

import io.trestle.lightclient.source.SourceException;
import io.trestle.lightclient.spec.LightClientStore;
import io.trestle.lightclient.spec.UpdateResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a sync pass.
 *
 * @param status how it ended
 * @param store the store it ended at (the last verified state; empty only if no store could be created)
 * @param events everything that happened, in order
 * @param rejection the rejection that stopped it (status REJECTED)
 * @param sourceError the source failure that stopped it (status SOURCE_FAILED or CONFIG_ERROR)
 * @param alarms conflicting validly signed data seen (status ALARM)
 */
public record SyncReport(Status status, Optional<LightClientStore> store, List<SyncEvent> events,
    Optional<UpdateResult.Rejected> rejection, Optional<SourceException> sourceError, List<Alarm> alarms) {

  /** How a sync pass ended. */
  public enum Status {
    /** Synced to the latest data the sources offered. */
    SYNCED,
    /** Stopped on data that failed verification. */
    REJECTED,
    /** Stopped because conflicting validly signed data was served. */
    ALARM,
    /** Stopped because the sources failed (timeouts, HTTP errors, all endpoints down). */
    SOURCE_FAILED,
    /** Stopped before syncing: wrong network, no checkpoint and no store, unusable configuration. */
    CONFIG_ERROR
  }

  /** Copies lists; non-null fields. */
  public SyncReport {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(store, "store");
    events = List.copyOf(events);
    Objects.requireNonNull(rejection, "rejection");
    Objects.requireNonNull(sourceError, "sourceError");
    alarms = List.copyOf(alarms);
  }
}
