package io.trestle.lightclient.internal.stream;

import io.trestle.lightclient.stream.StreamEvent;
import io.trestle.lightclient.stream.StreamMessage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.lightclient.VerifiedMessage;

/**
 * The stable JSON form of stream messages and events (one compact object per line). Message members, in order:
 * {@code event} ("message"), {@code id}, {@code chainId}, {@code blockNumber}, {@code blockHash}, {@code txIndex},
 * {@code logIndex}, {@code blockLogIndex}, {@code emitter}, {@code topics}, {@code data}, {@code txSucceeded}
 * (boolean or null before Byzantium), {@code finality}, {@code beaconSlot} (the finalized header it was verified
 * under; may be a later one when re-emitted). Names are API: members may be added, never renamed or removed.
 */
public final class StreamJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private StreamJson() {}

  /** The message as a JSON object. */
  public static ObjectNode message(final StreamMessage m) {
    final VerifiedMessage v = m.message();
    final ObjectNode o = MAPPER.createObjectNode();
    o.put("event", "message");
    o.put("id", m.id().toHex());
    o.put("chainId", v.chainId());
    o.put("blockNumber", v.blockNumber());
    o.put("blockHash", v.blockHash().toHex());
    o.put("txIndex", v.txIndex());
    o.put("logIndex", v.logIndex());
    o.put("blockLogIndex", m.blockLogIndex());
    o.put("emitter", v.emitter().toHex());
    final ArrayNode t = o.putArray("topics");
    v.topics().forEach(x -> t.add(x.toHex()));
    o.put("data", v.data().toHex());
    if (v.txSucceeded().isPresent()) {
      o.put("txSucceeded", v.txSucceeded().get());
    } else {
      o.putNull("txSucceeded");
    }
    o.put("finality", v.finality().name());
    o.put("beaconSlot", v.beaconSlot());
    return o;
  }

  /** A stream event as a JSON object: {@code event} (the kind in camelCase) and the counters. */
  public static ObjectNode event(final StreamEvent e) {
    final ObjectNode o = MAPPER.createObjectNode();
    final String k = e.kind().name().toLowerCase(java.util.Locale.ROOT);
    final StringBuilder camel = new StringBuilder();
    boolean up = false;
    for (final char c : k.toCharArray()) {
      if (c == '_') {
        up = true;
      } else {
        camel.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    o.put("event", camel.toString());
    o.put("message", e.message());
    o.put("fromBlock", e.fromBlock());
    o.put("toBlock", e.toBlock());
    o.put("doneBlocks", e.doneBlocks());
    o.put("blocksPerSecond", Math.round(e.blocksPerSecond() * 10) / 10.0);
    o.put("lagBlocks", e.lagBlocks());
    o.put("messages", e.messages());
    return o;
  }

  /** One line of compact JSON (no newline). */
  public static String line(final JsonNode n) {
    try {
      return MAPPER.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize", e);
    }
  }
}
