package io.trestle.lightclient.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.lightclient.internal.stream.StreamJson;
import java.util.Objects;

/**
 * Progress of a stream, for display, logs and metrics, handed to {@link MessageStream.Builder#listener}. The kinds
 * and fields are stable: the command line prints them as JSON lines ({@link #toJson()}). A report of what the
 * stream did, not a verified value.
 *
 * @param kind what happened
 * @param message a human-readable line
 * @param fromBlock first block of the pass (or the block concerned)
 * @param toBlock the finalized block the pass runs to
 * @param doneBlocks blocks verified so far in this pass
 * @param blocksPerSecond verification rate over the pass so far (0 if unknown)
 * @param lagBlocks blocks between the cursor and the finalized block
 * @param messages messages emitted so far in this pass
 */
public record StreamEvent(Kind kind, String message, long fromBlock, long toBlock, long doneBlocks,
    double blocksPerSecond, long lagBlocks, long messages) {
  /** Event kinds. */
  public enum Kind {
    /** A pass starts: blocks {@code fromBlock..toBlock} are to be verified. */
    PASS_STARTED,
    /** Headers linked back from the finalized block (long ranges: periodic). */
    LINKING,
    /** Blocks verified so far (periodic on long catch-ups). */
    PROGRESS,
    /** The pass reached the finalized block. */
    CAUGHT_UP,
    /** Data failed verification; the cursor stays before the block. */
    REJECTED,
    /** The source failed (transport, JSON-RPC error, missing data). */
    SOURCE_ERROR,
    /** The sink failed; the message is emitted again on the next pass. */
    SINK_ERROR
  }

  /**
   * The event's stable JSON form (what {@code trestle watch --json} prints): {@code event} (the kind in camelCase,
   * e.g. {@code passStarted}), {@code message}, {@code fromBlock}, {@code toBlock}, {@code doneBlocks}, {@code
   * blocksPerSecond} (one decimal), {@code lagBlocks}, {@code messages}. Returns a new object each call.
   */
  public ObjectNode toJson() {
    return StreamJson.event(this);
  }

  /** Non-null fields. */
  public StreamEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }
}
