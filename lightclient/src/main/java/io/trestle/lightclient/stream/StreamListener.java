package io.trestle.lightclient.stream;

/** Receives {@link StreamEvent}s on the stream's thread; must not block for long. */
@FunctionalInterface
public interface StreamListener {
  /** Ignores everything. */
  StreamListener NONE = e -> { };

  /** Called for every event. */
  void onEvent(StreamEvent event);
}
