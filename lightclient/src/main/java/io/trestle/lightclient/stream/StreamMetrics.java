package io.trestle.lightclient.stream;

import io.trestle.proofs.Reason;

/**
 * Counters and gauges a stream and its follow loop report. {@link #NONE} ignores them; {@link MicrometerMetrics}
 * records them in a Micrometer registry (Micrometer is an optional dependency: add {@code micrometer-core} to use
 * it). Called on the stream's thread.
 */
public interface StreamMetrics {
  /** Ignores everything. */
  StreamMetrics NONE = new StreamMetrics() { };

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
