package io.trestle.lightclient.stream;

import io.trestle.proofs.Reason;

/**
 * Counters and gauges a stream and its follow loop report. {@link #NONE} ignores them; {@link #micrometer} records
 * them in a Micrometer registry (Micrometer is an optional dependency: add {@code micrometer-core} to use it).
 * Called on the stream's thread. The values are reports of what the stream verified; nothing is read back from
 * them.
 */
public interface StreamMetrics {
  /** Ignores everything. */
  StreamMetrics NONE = new StreamMetrics() { };

  /**
   * Records the stream's metrics in a Micrometer registry (needs {@code io.micrometer:micrometer-core}, an
   * optional dependency of this module). Meters, each tagged {@code stream=<name>}:
   * <ul>
   *   <li>{@code trestle.stream.blocks.verified} (counter), {@code trestle.stream.messages.emitted} (counter)</li>
   *   <li>{@code trestle.stream.rejections} (counter, tag {@code reason} = the {@link Reason} name)</li>
   *   <li>{@code trestle.source.errors} (counter, tag {@code endpoint})</li>
   *   <li>{@code trestle.lightclient.finalized.slot}, {@code trestle.lightclient.sync.lag.slots},
   *       {@code trestle.stream.lag.blocks} (gauges)</li>
   * </ul>
   *
   * @param registry where the meters are registered
   * @param name the stream's name (the {@code stream} tag)
   */
  static StreamMetrics micrometer(final io.micrometer.core.instrument.MeterRegistry registry, final String name) {
    return new io.trestle.lightclient.internal.stream.MicrometerMetrics(registry, name);
  }

  /** A block's header was linked and its receipts trie verified. */
  default void blockVerified() {
  }

  /** A message was acknowledged by the sink. */
  default void messageEmitted() {
  }

  /** A pass stopped on data that failed verification. */
  default void rejected(final Reason reason) {
  }

  /** A source call failed (transport, JSON-RPC error); {@code endpoint} names the source. */
  default void endpointError(final String endpoint) {
  }

  /** The light client's finalized beacon slot. */
  default void finalizedSlot(final long slot) {
  }

  /** Blocks between the stream's cursor and the finalized block. */
  default void lagBlocks(final long blocks) {
  }

  /** Slots between the wall-clock slot and the finalized slot (sync lag). */
  default void syncLagSlots(final long slots) {
  }
}
