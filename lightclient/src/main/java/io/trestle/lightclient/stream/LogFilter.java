package io.trestle.lightclient.stream;

import io.trestle.crypto.Address;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Keccak256;
import io.trestle.proofs.execution.Log;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which logs a {@link MessageStream} emits, as {@code eth_getLogs} reads a filter: the emitter is one of {@link #emitters()}
 * (any if empty), and for each position {@code i} of {@link #topics()} the log's topic {@code i} is one of that
 * set (any if the set is empty; a log with fewer topics than a non-empty position does not match). A filter is a
 * selection, not a trust decision: the stream applies it to logs it has already verified.
 *
 * @param emitters allowed emitter addresses (empty: any)
 * @param topics per topic position, the allowed values (an empty set: any); at most 4 positions
 */
public record LogFilter(Set<Address> emitters, List<Set<Hash32>> topics) {
  /** Copies (sorted, so {@link #id()} is canonical) and checks at most 4 topic positions. */
  public LogFilter {
    emitters = Set.copyOf(new TreeSet<>(emitters));
    final List<Set<Hash32>> t = new ArrayList<>();
    for (final Set<Hash32> s : topics) {
      t.add(Set.copyOf(s));
    }
    if (t.size() > Log.MAX_TOPICS) {
      throw new IllegalArgumentException("at most " + Log.MAX_TOPICS + " topic positions, got " + t.size());
    }
    topics = List.copyOf(t);
  }

  /** Every log. */
  public static LogFilter all() {
    return new LogFilter(Set.of(), List.of());
  }

  /** Logs of one contract with one event signature hash as topic0. */
  public static LogFilter of(final Address emitter, final Hash32 topic0) {
    return new LogFilter(Set.of(emitter), List.of(Set.of(topic0)));
  }

  /** Logs of one contract with this event signature ({@code keccak256("Name(type,...)")} as topic0). */
  public static LogFilter event(final Address emitter, final String signature) {
    return of(emitter, Keccak256.hash(signature.getBytes(StandardCharsets.US_ASCII)));
  }

  /** True if the log matches (package-private: {@code Log} is an internal type of the proofs module). */
  boolean matches(final Log log) {
    Objects.requireNonNull(log, "log");
    if (!emitters.isEmpty() && !emitters.contains(log.address())) {
      return false;
    }
    for (int i = 0; i < topics.size(); i++) {
      final Set<Hash32> allowed = topics.get(i);
      if (allowed.isEmpty()) {
        continue;
      }
      if (log.topics().size() <= i || !allowed.contains(log.topics().get(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * A stable identifier of this filter: keccak256 of its canonical encoding (sorted emitters, then each topic
   * position's sorted values). Names the cursor file and, by default, the Kafka topic of a stream.
   */
  public Hash32 id() {
    final ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes("trestle-log-filter-v1".getBytes(StandardCharsets.US_ASCII));
    b.write(emitters.size());
    new TreeSet<>(emitters).forEach(a -> b.writeBytes(a.toArray()));
    b.write(topics.size());
    for (final Set<Hash32> s : topics) {
      b.write(s.size());
      new TreeSet<>(s).forEach(h -> b.writeBytes(h.toArray()));
    }
    return Keccak256.hash(b.toByteArray());
  }
}
