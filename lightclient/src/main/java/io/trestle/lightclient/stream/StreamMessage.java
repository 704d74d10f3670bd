package io.trestle.lightclient.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.VerifiedMessage;
import io.trestle.lightclient.internal.stream.StreamJson;
import java.util.Objects;

/**
 * A message emitted by a {@link MessageStream}: a log of a finalized block whose whole receipts trie was rebuilt
 * against the verified receipts root, and which matched the stream's filter. Verified: everything in {@link
 * #message()} (block identity, position, emitter, topics, data, receipt status) and {@link #blockLogIndex()}.
 * Not checked: the caller's policy (receipt status, data shape).
 *
 * @param message the verified log with its block and position
 * @param blockLogIndex the log's index among all logs of the block (the JSON-RPC {@code logIndex})
 */
public record StreamMessage(VerifiedMessage message, long blockLogIndex) {
  /** Non-null message. */
  public StreamMessage {
    Objects.requireNonNull(message, "message");
  }

  /** The canonical message id ({@link VerifiedMessage#messageId()}): stable across re-emissions. */
  public Hash32 id() {
    return message.messageId();
  }

  /** Block number. */
  public long blockNumber() {
    return message.blockNumber();
  }

  /**
   * The message's stable JSON form (what {@code trestle watch --json} prints, one object per line). Members, in
   * order: {@code event} ("message"), {@code id}, {@code chainId}, {@code blockNumber}, {@code blockHash}, {@code
   * txIndex}, {@code logIndex}, {@code blockLogIndex}, {@code emitter}, {@code topics}, {@code data}, {@code
   * txSucceeded} (boolean or null before Byzantium), {@code finality}, {@code beaconSlot} (the finalized header it
   * was verified under; may be a later one when re-emitted). Members may be added, never renamed or removed.
   * Returns a new object each call.
   */
  public ObjectNode toJson() {
    return StreamJson.message(this);
  }
}
