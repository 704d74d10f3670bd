package io.trestle.kafka;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A horizontally scaled verifier: consumes requests from {@code requestsTopic} in consumer group {@code group},
 * verifies each with a {@link RequestVerifier} (this worker's own light client and sources; the request is
 * untrusted input), and produces one result per request to {@code resultsTopic} with key = the request id.
 *
 * <p><b>Exactly once.</b> Each batch is processed in a Kafka transaction that contains the results and the consumed
 * offsets ({@code sendOffsetsToTransaction} with the consumer's group metadata), so with {@code
 * isolation.level=read_committed} a consumer of the results sees each request's result once: a worker killed
 * mid-batch leaves an aborted transaction (its successor with the same {@code workerId} fences it at start), and
 * after a rebalance the new owner of a partition continues from the committed offsets. Add instances with distinct
 * {@code workerId}s to add throughput (up to the number of request partitions).
 */
public final class VerificationWorker implements Runnable, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(VerificationWorker.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final KafkaProducer<String, byte[]> producer;
  private final RequestVerifier verifier;
  private final String requestsTopic;
  private final String resultsTopic;
  private final String workerId;
  private final AtomicLong processed = new AtomicLong();
  private final java.util.concurrent.atomic.AtomicInteger assigned = new java.util.concurrent.atomic.AtomicInteger();
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile boolean stopping;
  private volatile Runnable crashBeforeCommit = () -> { };

  /**
   * A worker (connects on {@link #run}).
   *
   * @param clientProperties Kafka client properties ({@code bootstrap.servers}, security...)
   * @param group the consumer group of all workers
   * @param workerId stable per instance (its transactional id): a restarted instance must reuse it
   */
  public VerificationWorker(final Properties clientProperties, final String group, final String workerId,
      final String requestsTopic, final String resultsTopic, final RequestVerifier verifier) {
    this.requestsTopic = Objects.requireNonNull(requestsTopic);
    this.resultsTopic = Objects.requireNonNull(resultsTopic);
    this.workerId = Objects.requireNonNull(workerId);
    this.verifier = Objects.requireNonNull(verifier);
    final Properties c = new Properties();
    c.putAll(clientProperties);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    c.put(ConsumerConfig.CLIENT_ID_CONFIG, "trestle-worker-" + workerId);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "50");
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    this.consumer = new KafkaConsumer<>(c);
    final Properties p = new Properties();
    p.putAll(clientProperties);
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "trestle-worker-" + workerId);
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    this.producer = new KafkaProducer<>(p);
  }

  /** Test hook: what a killed process leaves behind: its group membership ends (session timeout), its producer not. */
  void abandonAfterCrash() {
    consumer.close(Duration.ZERO);
  }

  /** Request partitions currently assigned to this instance. */
  public int assignedPartitions() {
    return assigned.get();
  }

  /** Requests processed (committed) by this instance. */
  public long processed() {
    return processed.get();
  }

  /** Test hook: runs after a batch's results are sent, before the transaction commits. */
  void crashBeforeCommit(final Runnable r) {
    this.crashBeforeCommit = r;
  }

  /** The poll-verify-produce loop, until {@link #stop()}. */
  @Override
  public void run() {
    try {
      producer.initTransactions();
      consumer.subscribe(List.of(requestsTopic), new org.apache.kafka.clients.consumer.ConsumerRebalanceListener() {
        @Override
        public void onPartitionsRevoked(final java.util.Collection<TopicPartition> parts) {
          assigned.addAndGet(-parts.size());
        }

        @Override
        public void onPartitionsAssigned(final java.util.Collection<TopicPartition> parts) {
          assigned.addAndGet(parts.size());
        }
      });
      while (!stopping) {
        final ConsumerRecords<String, byte[]> records;
        try {
          records = consumer.poll(Duration.ofMillis(200));
        } catch (WakeupException e) {
          break;
        }
        if (records.isEmpty()) {
          continue;
        }
        producer.beginTransaction();
        final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (final ConsumerRecord<String, byte[]> r : records) {
          final String fallback = "unidentified:" + r.topic() + "/" + r.partition() + "/" + r.offset();
          final ObjectNode result = verifier.verify(r.value(), fallback);
          final ProducerRecord<String, byte[]> out = new ProducerRecord<>(resultsTopic, result.get("requestId").asText(),
              bytes(result));
          out.headers().add("trestle-worker", workerId.getBytes(StandardCharsets.UTF_8));
          producer.send(out);
          offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
        }
        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
        crashBeforeCommit.run();
        producer.commitTransaction();
        processed.addAndGet(records.count());
      }
    } catch (ProducerFencedException e) {
      LOG.warn("worker {} fenced by a newer instance with the same id; stopping", workerId);
    } catch (WakeupException e) {
      LOG.debug("worker {} woken up to stop", workerId);
    } catch (KafkaException e) {
      if (!stopping) {
        LOG.error("worker {} stopped on a Kafka error", workerId, e);
      }
    } finally {
      done.countDown();
    }
  }

  /** Stops the loop (from another thread) and waits for it. */
  public void stop() throws InterruptedException {
    stopping = true;
    consumer.wakeup();
    done.await();
  }

  @Override
  public void close() {
    try {
      producer.close(Duration.ofSeconds(5));
    } finally {
      try {
        consumer.close(Duration.ofSeconds(5));
      } catch (IllegalStateException e) {
        LOG.debug("consumer already closed");
      }
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /** One compact JSON line, UTF-8. */
  private static byte[] bytes(final ObjectNode o) {
    try {
      return JSON.writeValueAsBytes(o);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a result", e);
    }
  }
}
