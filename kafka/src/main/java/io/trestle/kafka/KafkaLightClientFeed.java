package io.trestle.kafka;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Sha256;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.source.LightClientSource;
import io.trestle.lightclient.source.SourceException.SourceError;
import io.trestle.lightclient.source.SourceException;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientFinalityUpdate;
import io.trestle.lightclient.types.LightClientOptimisticUpdate;
import io.trestle.lightclient.types.LightClientUpdate;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a light-client topic written by {@link LightClientRelay}s and serves it to a {@link
 * io.trestle.lightclient.sync.SyncDriver} as untrusted light-client sources ({@link #sources()}), exactly like beacon
 * nodes: the driver's light client verifies every object (signature, branches, fork label), so nothing read here is
 * trusted.
 *
 * <p><b>Several candidates.</b> A topic may hold several different objects for the same data (two relays, one of them
 * lying): for each bootstrap root, each period and the latest finality and optimistic updates, the feed keeps up to
 * {@code candidates} distinct objects, newest first (a record identical to a kept one moves it to the front, so an
 * honest relay that republishes keeps its object). {@link #sources()} gives one {@link KafkaLightClientSource} per
 * candidate rank: source {@code i} serves the {@code i}-th candidate of each datum (or the last one when there are
 * fewer). The driver asks the sources in order and fails over when an answer is refused, so a forged record is
 * rejected with its typed reason ({@code SIGNATURE_INVALID}, {@code FINALITY_BRANCH_INVALID}...) and the honest one
 * next to it is applied; a forged record alone stops the pass with that reason, the store keeping only what was
 * verified.
 *
 * <p><b>Records that cannot be candidates</b> are dropped when read and counted by {@link RecordRejection} ({@link
 * #rejections()}): a missing or unknown kind, a fork digest that is not this network's, an undecodable SSZ value, an
 * oversized record. Memory is bounded: at most {@code candidates} objects per datum, the newest {@value
 * #MAX_PERIODS} periods and {@value #MAX_BOOTSTRAPS} bootstrap roots.
 *
 * <p>Reading: on every source call the feed reads the topic (all partitions, from the beginning on first use, with
 * {@code read_committed}) up to its end offsets as of that call, within {@code readTimeout}; a broker that cannot be
 * reached is a {@link SourceException} ({@link SourceError#TIMEOUT} or {@link SourceError#IO}). Thread-safe.
 */
public final class KafkaLightClientFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaLightClientFeed.class);
  /** Periods kept (the newest). */
  public static final int MAX_PERIODS = 256;
  /** Bootstrap roots kept (the newest). */
  public static final int MAX_BOOTSTRAPS = 64;
  /** Largest record value accepted, in bytes. */
  public static final int MAX_RECORD_BYTES = 4 << 20;
  /** Default number of candidates (and sources). */
  public static final int DEFAULT_CANDIDATES = 3;

  /** Why a record was dropped when read (before any verification). */
  public enum RecordRejection {
    /** No {@value LightClientRelay#KIND_HEADER} header, or an unknown kind. */
    UNKNOWN_KIND,
    /** No 4-byte {@value LightClientRelay#DIGEST_HEADER} header. */
    MISSING_FORK_DIGEST,
    /** The fork digest is not one of this network's (another network, an unknown fork, or phase0). */
    WRONG_NETWORK,
    /** The {@value LightClientRelay#VERSION_HEADER} header names another fork than the digest. */
    FORK_MISMATCH,
    /** The value is not a valid SSZ object of its kind and fork. */
    UNDECODABLE,
    /** No value, or more than {@value #MAX_RECORD_BYTES} bytes. */
    TOO_LARGE
  }

  private final KafkaConsumer<String, byte[]> consumer;
  private final String topic;
  private final ChainConfig config;
  private final int candidates;
  private final Duration readTimeout;
  private final List<LightClientSource> sources;
  private final Map<RecordRejection, Long> rejected = new EnumMap<>(RecordRejection.class);
  private final Map<Hash32, Candidates<LightClientBootstrap>> bootstraps = new LinkedHashMap<>();
  private final TreeMap<Long, Candidates<LightClientUpdate>> updates = new TreeMap<>();
  private final Candidates<LightClientFinalityUpdate> finality;
  private final Candidates<LightClientOptimisticUpdate> optimistic;
  private List<TopicPartition> partitions = List.of();
  private long recordsRead;
  private String lastRejection = "";

  /** A feed with {@value #DEFAULT_CANDIDATES} candidates and a 10 s read timeout. */
  public KafkaLightClientFeed(final Properties clientProperties, final String topic, final ChainConfig config) {
    this(clientProperties, topic, config, DEFAULT_CANDIDATES, Duration.ofSeconds(10));
  }

  /**
   * A feed of {@code topic}.
   *
   * @param clientProperties Kafka client properties ({@code bootstrap.servers}, security...)
   * @param config the network the records must belong to (fork digests, preset)
   * @param candidates distinct objects kept per datum and number of {@link #sources()} (1..16)
   * @param readTimeout how long one read to the end of the topic may take
   */
  public KafkaLightClientFeed(final Properties clientProperties, final String topic, final ChainConfig config,
      final int candidates, final Duration readTimeout) {
    if (candidates < 1 || candidates > 16) {
      throw new IllegalArgumentException("candidates must be 1..16, got " + candidates);
    }
    this.topic = Objects.requireNonNull(topic, "topic");
    this.config = Objects.requireNonNull(config, "config");
    this.candidates = candidates;
    this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
    this.finality = new Candidates<>(candidates);
    this.optimistic = new Candidates<>(candidates);
    final Properties c = new Properties();
    c.putAll(Objects.requireNonNull(clientProperties, "clientProperties"));
    c.remove(ConsumerConfig.GROUP_ID_CONFIG); // partitions are assigned, not subscribed: every reader sees everything
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "trestle-lc-feed");
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    this.consumer = new KafkaConsumer<>(c);
    final List<LightClientSource> s = new ArrayList<>();
    for (int i = 0; i < candidates; i++) {
      s.add(new KafkaLightClientSource(this, i));
    }
    this.sources = List.copyOf(s);
  }

  /** The sources to give the sync driver, one per candidate rank, in preference order. */
  public List<LightClientSource> sources() {
    return sources;
  }

  /** The topic. */
  public String topic() {
    return topic;
  }

  /** The network. */
  ChainConfig config() {
    return config;
  }

  /** Records dropped when read, by reason. */
  public synchronized Map<RecordRejection, Long> rejections() {
    return Collections.unmodifiableMap(new EnumMap<>(rejected));
  }

  /** The last dropped record's reason and detail (empty if none). */
  public synchronized String lastRejection() {
    return lastRejection;
  }

  /** Records read so far. */
  public synchronized long recordsRead() {
    return recordsRead;
  }

  /** Reads the topic up to its current end offsets (the sources call this on every request). */
  public synchronized void refresh() {
    try {
      if (partitions.isEmpty()) {
        final List<PartitionInfo> infos = consumer.partitionsFor(topic, readTimeout);
        if (infos == null || infos.isEmpty()) {
          throw SourceException.general(SourceError.NOT_FOUND, "Kafka topic " + topic + " does not exist");
        }
        final List<TopicPartition> parts = new ArrayList<>();
        infos.forEach(p -> parts.add(new TopicPartition(topic, p.partition())));
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
        partitions = List.copyOf(parts);
      }
      final Map<TopicPartition, Long> end = consumer.endOffsets(partitions, readTimeout);
      final long deadline = System.nanoTime() + readTimeout.toNanos();
      while (behind(end)) {
        if (System.nanoTime() > deadline) {
          throw SourceException.general(SourceError.TIMEOUT, "Kafka topic " + topic + ": not read to its end within "
              + readTimeout.toMillis() + " ms");
        }
        for (final ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          ingest(r);
        }
      }
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      throw SourceException.general(SourceError.TIMEOUT, "Kafka topic " + topic + ": " + e.getMessage());
    } catch (KafkaException e) {
      throw SourceException.general(SourceError.IO, "Kafka topic " + topic + ": " + e.getClass().getSimpleName()
          + ": " + e.getMessage());
    }
  }

  private boolean behind(final Map<TopicPartition, Long> end) {
    for (final TopicPartition tp : partitions) {
      if (consumer.position(tp, readTimeout) < end.getOrDefault(tp, 0L)) {
        return true;
      }
    }
    return false;
  }

  /** Indexes one record, or drops it with a reason. Never throws on bad input. */
  void ingest(final ConsumerRecord<String, byte[]> r) {
    recordsRead++;
    final String where = topic + "/" + r.partition() + "@" + r.offset();
    final byte[] v = r.value();
    if (v == null || v.length == 0 || v.length > MAX_RECORD_BYTES) {
      drop(RecordRejection.TOO_LARGE, where, v == null ? "no value" : v.length + " bytes");
      return;
    }
    final Optional<LightClientRelay.Kind> kind = header(r, LightClientRelay.KIND_HEADER)
        .flatMap(h -> LightClientRelay.Kind.fromWire(new String(h, StandardCharsets.UTF_8)));
    if (kind.isEmpty()) {
      drop(RecordRejection.UNKNOWN_KIND, where, "no or unknown " + LightClientRelay.KIND_HEADER + " header");
      return;
    }
    final Optional<byte[]> digest = header(r, LightClientRelay.DIGEST_HEADER);
    if (digest.isEmpty() || digest.get().length != 4) {
      drop(RecordRejection.MISSING_FORK_DIGEST, where, "no 4-byte " + LightClientRelay.DIGEST_HEADER + " header");
      return;
    }
    final Bytes d = Bytes.of(digest.get());
    final Optional<Fork> fork = config.forkOfDigest(d);
    if (fork.isEmpty() || fork.get() == Fork.PHASE0) {
      drop(RecordRejection.WRONG_NETWORK, where, "fork digest " + d.toHex() + " is no light-client fork of network '"
          + config.name() + "'");
      return;
    }
    final Optional<byte[]> version = header(r, LightClientRelay.VERSION_HEADER);
    if (version.isPresent() && !new String(version.get(), StandardCharsets.UTF_8).equals(fork.get().specName())) {
      drop(RecordRejection.FORK_MISMATCH, where, LightClientRelay.VERSION_HEADER + " names another fork than digest "
          + d.toHex() + " (" + fork.get().specName() + ")");
      return;
    }
    final Fork f = fork.get();
    final Hash32 identity = Sha256.hash(v);
    try {
      switch (kind.get()) {
        case BOOTSTRAP -> {
          final LightClientBootstrap b = LightClientBootstrap.decode(v, f, config.preset());
          final Hash32 root = b.header().beacon().hashTreeRoot();
          Candidates<LightClientBootstrap> c = bootstraps.remove(root);
          if (c == null) {
            c = new Candidates<>(candidates);
          }
          c.add(identity, b);
          bootstraps.put(root, c); // re-inserted: newest last
          while (bootstraps.size() > MAX_BOOTSTRAPS) {
            final Iterator<Hash32> it = bootstraps.keySet().iterator();
            it.next();
            it.remove();
          }
        }
        case UPDATE -> {
          final LightClientUpdate u = LightClientUpdate.decode(v, f, config.preset());
          final long period = config.preset().periodAtSlot(u.attestedHeader().beacon().slot());
          updates.computeIfAbsent(period, p -> new Candidates<>(candidates)).add(identity, u);
          while (updates.size() > MAX_PERIODS) {
            updates.pollFirstEntry();
          }
        }
        case FINALITY_UPDATE -> finality.add(identity, LightClientFinalityUpdate.decode(v, f, config.preset()));
        case OPTIMISTIC_UPDATE -> optimistic.add(identity, LightClientOptimisticUpdate.decode(v, f, config.preset()));
        default -> throw new IllegalStateException("unreachable");
      }
    } catch (RuntimeException e) {
      drop(RecordRejection.UNDECODABLE, where, kind.get().wire() + " for " + f.specName() + ": "
          + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private void drop(final RecordRejection why, final String where, final String detail) {
    rejected.merge(why, 1L, Long::sum);
    lastRejection = why + " at " + where + ": " + detail;
    LOG.debug("light-client record dropped: {}", lastRejection);
  }

  private static Optional<byte[]> header(final ConsumerRecord<String, byte[]> r, final String name) {
    final Header h = r.headers().lastHeader(name);
    return h == null || h.value() == null ? Optional.empty() : Optional.of(h.value());
  }

  // ---------------------------------------------------------------------------------------- served to the views

  synchronized Optional<LightClientBootstrap> bootstrap(final Hash32 root, final int rank) {
    refresh();
    final Candidates<LightClientBootstrap> c = bootstraps.get(root);
    return c == null ? Optional.empty() : c.rank(rank);
  }

  synchronized List<LightClientUpdate> updates(final long startPeriod, final int count, final int rank) {
    refresh();
    final List<LightClientUpdate> out = new ArrayList<>();
    for (long p = startPeriod; p < startPeriod + Math.max(0, count); p++) {
      final Candidates<LightClientUpdate> c = updates.get(p);
      if (c == null) {
        break; // contiguous periods only, as the beacon API serves them
      }
      out.add(c.rank(rank).orElseThrow());
    }
    return out;
  }

  synchronized Optional<LightClientFinalityUpdate> finalityUpdate(final int rank) {
    refresh();
    return finality.rank(rank);
  }

  synchronized Optional<LightClientOptimisticUpdate> optimisticUpdate(final int rank) {
    refresh();
    return optimistic.rank(rank);
  }

  @Override
  public synchronized void close() {
    consumer.close(Duration.ofSeconds(5));
  }

  /** Up to {@code max} distinct objects, newest first (a repeated object moves to the front). */
  private static final class Candidates<T> {
    private final int max;
    private final ArrayDeque<Map.Entry<Hash32, T>> items = new ArrayDeque<>();

    Candidates(final int max) {
      this.max = max;
    }

    void add(final Hash32 identity, final T value) {
      items.removeIf(e -> e.getKey().equals(identity));
      items.addFirst(Map.entry(identity, value));
      while (items.size() > max) {
        items.removeLast();
      }
    }

    /** The {@code rank}-th newest, or the oldest kept when there are fewer; empty when there is none. */
    Optional<T> rank(final int rank) {
      if (items.isEmpty()) {
        return Optional.empty();
      }
      int i = 0;
      T last = null;
      for (final Map.Entry<Hash32, T> e : items) {
        last = e.getValue();
        if (i++ == rank) {
          break;
        }
      }
      return Optional.of(last);
    }
  }
}
