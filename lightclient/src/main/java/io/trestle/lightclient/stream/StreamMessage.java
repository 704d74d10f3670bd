package io.trestle.lightclient.stream;

import io.trestle.crypto.Hash32;
import io.trestle.lightclient.VerifiedMessage;
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

  /** Position as (block, tx, log) for ordering. */
  Cursor position() {
    return Cursor.partial(message.blockNumber(), message.blockHash(), message.txIndex(), message.logIndex());
  }
}
