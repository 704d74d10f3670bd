package io.trestle.kafka;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.internal.DecodedSource;
import io.trestle.lightclient.internal.DecodingSource;
import io.trestle.lightclient.source.LightClientSource;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientFinalityUpdate;
import io.trestle.lightclient.types.LightClientOptimisticUpdate;
import io.trestle.lightclient.types.LightClientUpdate;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes light-client data to a Kafka topic, so that many {@link VerificationWorker}s can follow the chain from one
 * relay instead of each polling beacon nodes: the bootstrap of a block root, the updates of sync-committee periods,
 * and the latest finality and optimistic updates, taken from any {@link LightClientSource} (or given as objects).
 *
 * <p><b>Record format</b> (stable; read by {@link KafkaLightClientFeed}): value = the object's SSZ serialization;
 * headers {@value #KIND_HEADER} ({@code bootstrap}, {@code update}, {@code finality_update}, {@code
 * optimistic_update}), {@value #DIGEST_HEADER} (the 4-byte {@code compute_fork_digest} of the fork the object is
 * encoded for, as in a beacon-API SSZ response chunk; it binds the record to this network's genesis validators root),
 * {@value #VERSION_HEADER} (the fork's name, informational) and {@value #RELAY_HEADER} (this relay's id,
 * informational); key = {@code bootstrap/<block root>}, {@code update/<period>}, {@code finality/<attested slot>} or
 * {@code optimistic/<attested slot>}. The producer is idempotent with {@code acks=all}; the topic should use time
 * retention, not compaction (with compaction any writer could replace a record by key).
 *
 * <p><b>Trust.</b> A relay is not trusted and does not verify: consumers verify every record with their own light
 * client, as from any beacon node. A relay publishing forged data can delay consumers only while no honest record of
 * the same data is on the topic; write access to the topic (Kafka ACLs) bounds who can try.
 */
public final class LightClientRelay implements AutoCloseable {
  /** Header naming what the record holds. */
  public static final String KIND_HEADER = "trestle-lc-kind";
  /** Header with the 4-byte fork digest. */
  public static final String DIGEST_HEADER = "trestle-fork-digest";
  /** Header with the fork name (as {@code Eth-Consensus-Version}). */
  public static final String VERSION_HEADER = "eth-consensus-version";
  /** Header with the relay's id. */
  public static final String RELAY_HEADER = "trestle-relay";

  /** What a record holds. */
  public enum Kind {
    /** A {@code LightClientBootstrap}. */
    BOOTSTRAP("bootstrap"),
    /** A {@code LightClientUpdate} (by period). */
    UPDATE("update"),
    /** A {@code LightClientFinalityUpdate}. */
    FINALITY_UPDATE("finality_update"),
    /** A {@code LightClientOptimisticUpdate}. */
    OPTIMISTIC_UPDATE("optimistic_update");

    private final String wire;

    Kind(final String wire) {
      this.wire = wire;
    }

    /** The header value. */
    public String wire() {
      return wire;
    }

    /** The kind a header value names. */
    public static Optional<Kind> fromWire(final String s) {
      for (final Kind k : values()) {
        if (k.wire.equals(s)) {
          return Optional.of(k);
        }
      }
      return Optional.empty();
    }
  }

  private final KafkaProducer<String, byte[]> producer;
  private final String topic;
  private final ChainConfig config;
  private final String relayId;

  /**
   * A relay to {@code topic}.
   *
   * @param clientProperties Kafka client properties ({@code bootstrap.servers}, security...)
   * @param config the network (for fork digests and periods)
   * @param relayId this relay's id (written to a header, for operators)
   */
  public LightClientRelay(final Properties clientProperties, final String topic, final ChainConfig config,
      final String relayId) {
    this.topic = Objects.requireNonNull(topic, "topic");
    this.config = Objects.requireNonNull(config, "config");
    this.relayId = Objects.requireNonNull(relayId, "relayId");
    final Properties p = new Properties();
    p.putAll(Objects.requireNonNull(clientProperties, "clientProperties"));
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "0");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    this.producer = new KafkaProducer<>(p);
  }

  /** The default topic of a network: {@code trestle.lightclient.<network name>}. */
  public static String topicFor(final ChainConfig config) {
    return "trestle.lightclient." + config.name().replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /** The topic. */
  public String topic() {
    return topic;
  }

  /** Fetches the bootstrap of {@code blockRoot} from {@code source} and publishes it (source errors propagate). */
  public void relayBootstrap(final LightClientSource source, final Hash32 blockRoot)
      throws ExecutionException, InterruptedException {
    publish(decoding(source).decodedBootstrap(blockRoot));
  }

  /**
   * The source's wire answers decoded strictly (undecodable data is the source's fault and propagates as its
   * {@code SourceException}); decoding is not verification: consumers verify what they read.
   */
  private DecodedSource decoding(final LightClientSource source) {
    return DecodingSource.of(source, config.preset());
  }

  /**
   * Fetches up to {@code count} period updates from {@code startPeriod} and publishes them; returns how many.
   * Source errors propagate.
   */
  public int relayUpdates(final LightClientSource source, final long startPeriod, final int count)
      throws ExecutionException, InterruptedException {
    final List<LightClientUpdate> ups = decoding(source).decodedUpdates(startPeriod, count);
    for (final LightClientUpdate u : ups) {
      publish(u);
    }
    return ups.size();
  }

  /** Fetches the latest finality update and publishes it. */
  public void relayFinalityUpdate(final LightClientSource source) throws ExecutionException, InterruptedException {
    publish(decoding(source).decodedFinalityUpdate());
  }

  /** Fetches the latest optimistic update and publishes it. */
  public void relayOptimisticUpdate(final LightClientSource source) throws ExecutionException, InterruptedException {
    publish(decoding(source).decodedOptimisticUpdate());
  }

  /** Publishes a bootstrap and waits for the broker's acknowledgement. */
  RecordMetadata publish(final LightClientBootstrap b) throws ExecutionException, InterruptedException {
    return send(Kind.BOOTSTRAP, "bootstrap/" + b.header().beacon().hashTreeRoot().toHex(), b.fork(),
        b.header().beacon().slot(), b.encode()).get();
  }

  /** Publishes a period update and waits for the broker's acknowledgement. */
  RecordMetadata publish(final LightClientUpdate u) throws ExecutionException, InterruptedException {
    final long slot = u.attestedHeader().beacon().slot();
    return send(Kind.UPDATE, "update/" + config.preset().periodAtSlot(slot), u.fork(), slot, u.encode()).get();
  }

  /** Publishes a finality update and waits for the broker's acknowledgement. */
  RecordMetadata publish(final LightClientFinalityUpdate u) throws ExecutionException, InterruptedException {
    final long slot = u.attestedHeader().beacon().slot();
    return send(Kind.FINALITY_UPDATE, "finality/" + slot, u.fork(), slot, u.encode()).get();
  }

  /** Publishes an optimistic update and waits for the broker's acknowledgement. */
  RecordMetadata publish(final LightClientOptimisticUpdate u) throws ExecutionException, InterruptedException {
    final long slot = u.attestedHeader().beacon().slot();
    return send(Kind.OPTIMISTIC_UPDATE, "optimistic/" + slot, u.fork(), slot, u.encode()).get();
  }

  private Future<RecordMetadata> send(final Kind kind, final String key, final Fork fork, final long slot,
      final byte[] ssz) {
    final ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, key, ssz);
    r.headers().add(KIND_HEADER, kind.wire().getBytes(StandardCharsets.UTF_8));
    r.headers().add(DIGEST_HEADER, digest(config, fork, slot).toArray());
    r.headers().add(VERSION_HEADER, fork.specName().getBytes(StandardCharsets.UTF_8));
    r.headers().add(RELAY_HEADER, relayId.getBytes(StandardCharsets.UTF_8));
    return producer.send(r);
  }

  /**
   * The fork digest a record of {@code fork} at {@code slot} carries: the network's digest at the slot's epoch when it
   * names that fork (the digest moves with the blob schedule from Fulu on), else the first digest of the fork, else
   * the plain digest of its version (a mislabelled object is published as what it is; consumers judge).
   */
  static Bytes digest(final ChainConfig config, final Fork fork, final long slot) {
    final Optional<Bytes> atSlot = config.forkDigestAtEpoch(config.preset().epochAtSlot(slot));
    if (atSlot.isPresent() && config.forkOfDigest(atSlot.get()).filter(f -> f == fork).isPresent()) {
      return atSlot.get();
    }
    for (final ChainConfig.DigestStep s : config.digestSteps()) {
      if (s.fork() == fork) {
        return s.digest();
      }
    }
    return ChainConfig.forkDigest(config.forkVersion(fork).orElseThrow(() -> new IllegalArgumentException(
        "fork " + fork.specName() + " is not in network " + config.name())), config.genesisValidatorsRoot());
  }

  /** Waits for every record sent so far. */
  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close();
  }
}
