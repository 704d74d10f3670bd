package io.trestle.lightclient.stream;

import io.trestle.lightclient.internal.stream.JsonLinesSink;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Where a {@link MessageStream} delivers messages. {@link #accept} is called on the stream's thread, in order, and
 * <b>blocks</b> as long as the sink needs (backpressure: the stream fetches nothing more meanwhile). Returning
 * normally acknowledges the message: the stream then persists its cursor past it and will not emit it again.
 * Throwing stops the pass; the message is emitted again (same id) on the next pass. Delivery is therefore
 * at-least-once: after a crash between an acknowledgement and the cursor write, that one message is emitted again
 * with the same {@link StreamMessage#id()}.
 *
 * <p>Besides a Java callback (a lambda), there are JSON-lines sinks ({@link #jsonLines}, {@link
 * #jsonLinesAppendingTo}); the Kafka sink is in the {@code io.trestle.kafka} module. A sink only receives what the
 * stream verified; it trusts nothing else.
 */
@FunctionalInterface
public interface MessageSink extends AutoCloseable {
  /** Takes one message; returns once it is durably taken (the acknowledgement). */
  void accept(StreamMessage message) throws Exception;

  /** Releases resources (flushes files, closes producers). */
  @Override
  default void close() throws Exception {
  }

  /**
   * Writes each message as one line of JSON ({@link StreamMessage#toJson()}, the object {@code trestle watch --json}
   * prints for a message) to {@code out}, flushed before the message is acknowledged. {@link #close()} flushes but
   * does not close {@code out}. A consumer de-duplicates by {@code id} (a message may repeat once after a crash).
   */
  static MessageSink jsonLines(final OutputStream out) {
    return JsonLinesSink.to(out);
  }

  /**
   * Appends each message as one line of JSON ({@link StreamMessage#toJson()}) to {@code file}, {@code fsync}ed
   * before the message is acknowledged (so an acknowledged message is on disk). Throws {@link
   * java.io.UncheckedIOException} if the file cannot be opened.
   */
  static MessageSink jsonLinesAppendingTo(final Path file) {
    return JsonLinesSink.appendingTo(file);
  }
}
