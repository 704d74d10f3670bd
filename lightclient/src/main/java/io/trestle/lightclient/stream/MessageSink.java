package io.trestle.lightclient.stream;

/**
 * Where a {@link MessageStream} delivers messages. {@link #accept} is called on the stream's thread, in order, and
 * <b>blocks</b> as long as the sink needs (backpressure: the stream fetches nothing more meanwhile). Returning
 * normally acknowledges the message: the stream then persists its cursor past it and will not emit it again.
 * Throwing stops the pass; the message is emitted again (same id) on the next pass. Delivery is therefore
 * at-least-once: after a crash between an acknowledgement and the cursor write, that one message is emitted again
 * with the same {@link StreamMessage#id()}.
 */
@FunctionalInterface
public interface MessageSink extends AutoCloseable {
  /** Takes one message; returns once it is durably taken (the acknowledgement). */
  void accept(StreamMessage message) throws Exception;

  /** Releases resources (flushes files, closes producers). */
  @Override
  default void close() throws Exception {
  }
}
