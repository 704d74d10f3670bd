package io.trestle.lightclient.sync;

/** Receives sync events as they happen (for progress display). Called on the syncing thread. */
@FunctionalInterface
public interface SyncListener {
  /** A listener that ignores everything. */
  SyncListener NONE = e -> { };

  /** Called for every event. */
  void onEvent(SyncEvent event);
}
