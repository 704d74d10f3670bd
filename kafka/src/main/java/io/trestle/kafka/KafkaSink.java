package io.trestle.kafka;

import io.trestle.lightclient.stream.LogFilter;
import io.trestle.lightclient.stream.MessageSink;
import io.trestle.lightclient.stream.StreamMessage;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A {@link MessageSink} that publishes each verified message to one Kafka topic per stream: key = the message id
 * ({@code 0x}-hex), value = the message's JSON ({@link StreamMessage#toJson()}, one compact line, UTF-8). The producer is idempotent ({@code
 * enable.idempotence=true}, {@code acks=all}), so retries inside the producer never duplicate a record; {@link
 * #accept} waits for the broker's acknowledgement (backpressure) before the stream persists its cursor. A message
 * re-emitted after a crash has the same key: consumers de-duplicate by key (or use a compacted topic).
 *
 * <p>Trust: what is published was verified by the stream; a consumer that does not run its own verification trusts
 * this producer and the cluster's ACLs.
 */
public final class KafkaSink implements MessageSink {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();
  private final KafkaProducer<String, byte[]> producer;
  private final String topic;

  /**
   * A sink to {@code topic}.
   *
   * @param clientProperties Kafka client properties ({@code bootstrap.servers}, security...); serializers and the
   *     idempotence settings are set here
   */
  public KafkaSink(final Properties clientProperties, final String topic) {
    Objects.requireNonNull(clientProperties, "clientProperties");
    this.topic = Objects.requireNonNull(topic, "topic");
    final Properties p = new Properties();
    p.putAll(clientProperties);
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "0");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    this.producer = new KafkaProducer<>(p);
  }

  /** The default topic of a stream: {@code trestle.messages.<chain id>.<first 16 hex digits of the filter id>}. */
  public static String topicFor(final long chainId, final LogFilter filter) {
    return "trestle.messages." + chainId + "." + filter.id().toHex().substring(2, 18);
  }

  /** The topic. */
  public String topic() {
    return topic;
  }

  @Override
  public void accept(final StreamMessage m) throws ExecutionException, InterruptedException,
      com.fasterxml.jackson.core.JsonProcessingException {
    producer.send(new ProducerRecord<>(topic, m.id().toHex(),
        JSON.writeValueAsBytes(m.toJson()))).get();
  }

  @Override
  public void close() {
    producer.close();
  }
}
