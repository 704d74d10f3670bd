package io.trestle.proofs.execution;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Address;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.proofs.Reason;
import io.trestle.proofs.VerificationException;
import io.trestle.proofs.json.RpcJson;
import io.trestle.proofs.rlp.RlpItem;
import io.trestle.proofs.rlp.RlpWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One EVM log: the emitting contract, at most four 32-byte topics, and data. A value type; it is
 * proven only as part of a {@link Receipt} verified against a receipts root.
 */
public record Log(Address address, List<Hash32> topics, Bytes data) {
  /** Most topics a log can carry (LOG0..LOG4). */
  public static final int MAX_TOPICS = 4;

  /** Copies the topic list; more than four topics is {@code RECEIPT_MALFORMED}. */
  public Log {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(data, "data");
    topics = List.copyOf(topics);
    if (topics.size() > MAX_TOPICS) {
      throw new VerificationException(Reason.RECEIPT_MALFORMED, "log has " + topics.size() + " topics (at most 4)");
    }
  }

  /** rlp([address, [topics...], data]). */
  public byte[] encode() {
    final List<byte[]> ts = new ArrayList<>(topics.size());
    for (final Hash32 t : topics) {
      ts.add(RlpWriter.string(t));
    }
    return RlpWriter.list(RlpWriter.string(address), RlpWriter.list(ts), RlpWriter.string(data));
  }

  /** Log {@code index} of a receipt ({@code logs[index]} in rejections). */
  static Log fromRlp(final RlpItem item, final int index) {
    final String[] w = index < WHAT.length ? WHAT[index] : what(index);
    final List<RlpItem> f = item.asList(w[0]).items(3, w[0]);
    final List<RlpItem> ts = f.get(1).asList(w[1]).items();
    if (ts.size() > MAX_TOPICS) {
      throw new VerificationException(Reason.RECEIPT_MALFORMED, w[0] + " has " + ts.size() + " topics (at most 4)");
    }
    final List<Hash32> topics = new ArrayList<>(ts.size());
    for (int i = 0; i < ts.size(); i++) {
      topics.add(ts.get(i).asHash32(w[3 + i]));
    }
    return new Log(f.get(0).asAddress(w[2]), topics, f.get(2).asBytes());
  }

  /**
   * The names rejections give a log's parts ({@code logs[i]}, {@code .topics}, {@code .address}, {@code
   * .topics[t]}), made once for the first 64 logs of a receipt instead of for every decoded log.
   */
  private static final String[][] WHAT = new String[64][];

  static {
    for (int i = 0; i < WHAT.length; i++) {
      WHAT[i] = what(i);
    }
  }

  private static String[] what(final int index) {
    final String log = "logs[" + index + "]";
    return new String[] {log, log + ".topics", log + ".address", log + ".topics[0]", log + ".topics[1]",
        log + ".topics[2]", log + ".topics[3]"};
  }

  /** From a JSON-RPC log object ({@code address}, {@code topics}, {@code data}; other members ignored). */
  public static Log fromJson(final JsonNode log, final String what) {
    Codec.object(log, what);
    final List<JsonNode> ts = RpcJson.array(log, "topics");
    if (ts.size() > MAX_TOPICS) {
      throw new VerificationException(Reason.RECEIPT_MALFORMED, what + " has " + ts.size() + " topics (at most 4)");
    }
    final List<Hash32> topics = new ArrayList<>(ts.size());
    for (int i = 0; i < ts.size(); i++) {
      topics.add(RpcJson.hashValue(ts.get(i), what + ".topics[" + i + "]"));
    }
    return new Log(RpcJson.address(log, "address"), topics, RpcJson.data(log, "data"));
  }
}
