package io.trestle.lightclient.internal.stream;

import io.trestle.lightclient.stream.MessageSink;
import io.trestle.lightclient.stream.StreamMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Writes each message as one line of JSON (the object {@code trestle watch --json} prints for a message), flushed before
 * the message is acknowledged.
 * To a file it appends and {@code fsync}s each line (so an acknowledged message is on disk); to a stream (stdout)
 * it flushes. A consumer de-duplicates by {@code id} (a message may repeat once after a crash).
 */
public final class JsonLinesSink implements MessageSink {
  private final OutputStream out;
  private final FileChannel channel;
  private final boolean closeOut;

  private JsonLinesSink(final OutputStream out, final FileChannel channel, final boolean closeOut) {
    this.out = out;
    this.channel = channel;
    this.closeOut = closeOut;
  }

  /** Lines to a stream (not closed by {@link #close()}); flushed per message. */
  public static JsonLinesSink to(final OutputStream out) {
    return new JsonLinesSink(Objects.requireNonNull(out, "out"), null, false);
  }

  /** Lines appended to a file, each {@code fsync}ed before it is acknowledged. */
  public static JsonLinesSink appendingTo(final Path file) {
    try {
      final FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND);
      return new JsonLinesSink(java.nio.channels.Channels.newOutputStream(ch), ch, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file, e);
    }
  }

  @Override
  public synchronized void accept(final StreamMessage m) throws IOException {
    out.write((StreamJson.line(StreamJson.message(m)) + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    if (channel != null) {
      channel.force(false);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    out.flush();
    if (closeOut) {
      out.close();
    }
  }
}
