package io.trestle.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.lightclient.stream.MessageStream;
import io.trestle.lightclient.stream.MessageStream.PassResult;
import io.trestle.lightclient.stream.TestChain;
import io.trestle.proofs.json.RpcJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real Kafka broker: a one-node KRaft cluster (combined controller and broker, from the Maven Central
 * artifacts) started in this JVM on loopback by the test and stopped after it.
 */
class KafkaBrokerTest {
  static final long CHAIN_ID = 990001;
  static KafkaClusterTestKit cluster;
  static final TestChain CHAIN = new TestChain(5, 10_000, 1200);

  @BeforeAll
  static void startBroker() throws Exception {
    cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
        .setNumControllerNodes(1).build())
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("transaction.state.log.replication.factor", "1")
        .setConfigProp("transaction.state.log.min.isr", "1")
        .setConfigProp("offsets.topic.num.partitions", "4")
        .setConfigProp("transaction.state.log.num.partitions", "4")
        .setConfigProp("group.initial.rebalance.delay.ms", "0")
        .build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  static Properties client() {
    final Properties p = new Properties();
    p.put("bootstrap.servers", cluster.bootstrapServers());
    return p;
  }

  static void createTopic(final String name, final int partitions) throws Exception {
    try (Admin admin = Admin.create(client())) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
    }
  }

  /** All committed records of a topic (read_committed), polled until {@code expected} arrived or the time ran out. */
  static List<ConsumerRecord<String, byte[]>> readAll(final String topic, final int expected, final Duration max) {
    final Properties p = client();
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    final List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p)) {
      c.subscribe(List.of(topic));
      final long end = System.nanoTime() + max.toNanos();
      while (System.nanoTime() < end && out.size() < expected) {
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      // A little longer, to see duplicates that would arrive late.
      final long extra = System.nanoTime() + Duration.ofMillis(500).toNanos();
      while (System.nanoTime() < extra) {
        c.poll(Duration.ofMillis(100)).forEach(out::add);
      }
    }
    return out;
  }

  static void produceRequests(final String topic, final List<String> requests) {
    final Properties p = client();
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> prod = new KafkaProducer<>(p)) {
      for (int i = 0; i < requests.size(); i++) {
        prod.send(new ProducerRecord<>(topic, "k" + i, requests.get(i)));
      }
      prod.flush();
    }
  }

  static RequestVerifier verifier() {
    return new RequestVerifier(CHAIN.new Source(), CHAIN_ID, () -> Optional.of(CHAIN.anchorAt(CHAIN.last())));
  }

  static Thread start(final VerificationWorker w) {
    final Thread t = new Thread(w, "worker");
    t.start();
    return t;
  }

  @Test
  void sinkPublishesEveryMessageKeyedByIdAndARestartOnlyRepeatsKeys(@TempDir final Path dir) throws Exception {
    final String topic = KafkaSink.topicFor(CHAIN_ID, TestChain.FILTER);
    createTopic(topic, 2);
    final long from = 10_001;
    final long to = 10_300;
    final AtomicInteger calls = new AtomicInteger();
    // First life: dies (an Error unwinds everything) after the 7th acknowledged message, before its cursor write.
    try (KafkaSink sink = new KafkaSink(client(), topic)) {
      final MessageStream s = MessageStream.builder(CHAIN.new Source(), TestChain.FILTER, CHAIN_ID, m -> {
        sink.accept(m);
        if (calls.incrementAndGet() == 7) {
          throw new Error("killed");
        }
      }).startBlock(from).cursorIn(dir).build();
      try {
        s.advanceTo(CHAIN.anchorAt(to));
      } catch (Error e) {
        assertEquals("killed", e.getMessage());
      }
    }
    try (KafkaSink sink = new KafkaSink(client(), topic)) {
      final MessageStream s = MessageStream.builder(CHAIN.new Source(), TestChain.FILTER, CHAIN_ID, sink)
          .startBlock(from).cursorIn(dir).build();
      assertInstanceOf(PassResult.CaughtUp.class, s.advanceTo(CHAIN.anchorAt(to)));
    }
    final List<TestChain.Placed> want = CHAIN.placedIn(from, to);
    final List<ConsumerRecord<String, byte[]>> got = readAll(topic, want.size() + 1, Duration.ofSeconds(30));
    final Map<String, JsonNode> byKey = new LinkedHashMap<>();
    for (final ConsumerRecord<String, byte[]> r : got) {
      final JsonNode v = RpcJson.parse(new String(r.value(), StandardCharsets.UTF_8));
      assertEquals(r.key(), v.get("id").asText(), "key = message id");
      final JsonNode prev = byKey.put(r.key(), v);
      if (prev != null) {
        assertEquals(prev.get("data"), v.get("data"), "a repeated key carries the same message");
      }
    }
    assertEquals(want.size(), byKey.size(), "every message, once by key");
    assertEquals(want.size() + 1, got.size(), "exactly the in-flight message repeated");
  }

  private static List<String> rangeRequests(final String prefix, final int n, final int blocksEach) {
    final List<String> reqs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      final long from = 10_000 + (long) i * blocksEach % 1100;
      reqs.add(RequestVerifierTest.range(prefix + i, from, from + blocksEach - 1));
    }
    return reqs;
  }

  private static void assertExactlyOnce(final List<String> reqs, final List<ConsumerRecord<String, byte[]>> got) {
    final Map<String, Integer> count = new HashMap<>();
    got.forEach(r -> count.merge(r.key(), 1, Integer::sum));
    assertEquals(reqs.size(), count.size(), "every request has a result");
    count.forEach((k, v) -> assertEquals(1, v, "exactly one result for " + k));
    for (final ConsumerRecord<String, byte[]> r : got) {
      final JsonNode v = RpcJson.parse(new String(r.value(), StandardCharsets.UTF_8));
      final JsonNode req = RpcJson.parse(reqs.get(Integer.parseInt(r.key().replaceAll("^[a-z]+", ""))));
      RequestVerifierTest.assertMatches(CHAIN.placedIn(req.get("fromBlock").asLong(), req.get("toBlock").asLong()), v);
    }
  }

  @Test
  void workersLoseAndDuplicateNothingAcrossACrashRestartAndARebalance() throws Exception {
    createTopic("req-a", 4);
    createTopic("res-a", 1);
    final List<String> reqs = rangeRequests("a", 120, 10);
    produceRequests("req-a", reqs);
    // Worker 1 crashes on its third batch after sending results, before committing (results must stay invisible).
    final VerificationWorker w1 = new VerificationWorker(client(), "group-a", "w1", "req-a", "res-a", verifier());
    final AtomicInteger batches = new AtomicInteger();
    w1.crashBeforeCommit(() -> {
      if (batches.incrementAndGet() == 3) {
        throw new IllegalStateException("simulated crash");
      }
    });
    final Thread t1 = start(w1);
    t1.join(60_000);
    assertTrue(w1.processed() > 0, "worker 1 committed some batches before crashing");
    w1.abandonAfterCrash();
    // The crashed instance's producer is abandoned (not closed: its transaction stays open until fenced).
    // Restart as the same worker id (fences the dead transaction), then a second worker joins: a rebalance.
    final VerificationWorker w1b = new VerificationWorker(client(), "group-a", "w1", "req-a", "res-a", verifier());
    final Thread t1b = start(w1b);
    Thread.sleep(300);
    final VerificationWorker w2 = new VerificationWorker(client(), "group-a", "w2", "req-a", "res-a", verifier());
    final Thread t2 = start(w2);
    final List<ConsumerRecord<String, byte[]>> got = readAll("res-a", reqs.size(), Duration.ofSeconds(90));
    w1b.stop();
    w2.stop();
    t1b.join();
    t2.join();
    w1b.close();
    w2.close();
    w1.close();
    assertExactlyOnce(reqs, got);
  }

  /** Requests verified per second by {@code workers} workers, timed from the produce to the last result. */
  private static double throughput(final String tag, final int workers, final int n, final int blocks)
      throws Exception {
    final String req = "req-" + tag;
    final String res = "res-" + tag;
    createTopic(req, 4);
    createTopic(res, 1);
    final List<VerificationWorker> ws = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      final VerificationWorker w = new VerificationWorker(client(), "group-" + tag, tag + "-" + i, req, res,
          verifier());
      ws.add(w);
      start(w);
    }
    final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (ws.stream().mapToInt(VerificationWorker::assignedPartitions).sum() < 4
        || ws.stream().anyMatch(w -> w.assignedPartitions() == 0)) {
      assertTrue(System.nanoTime() < deadline, "workers did not get partitions");
      Thread.sleep(50);
    }
    final List<String> reqs = rangeRequests("t", n, blocks);
    final long t0 = System.nanoTime();
    produceRequests(req, reqs);
    final List<ConsumerRecord<String, byte[]>> got = readAll(res, n, Duration.ofSeconds(120));
    final double secs = (System.nanoTime() - t0) / 1e9 - 0.5; // readAll lingers 0.5 s after the last result
    for (final VerificationWorker w : ws) {
      w.stop();
      w.close();
    }
    assertExactlyOnce(reqs, got);
    System.out.printf("kafka throughput [%s]: %d worker(s): %d range requests of %d blocks in %.2f s = %.1f"
        + " requests/s (%.0f blocks/s)%n", tag, workers, n, blocks, secs, n / secs, n * blocks / secs);
    return n / secs;
  }

  @Test
  void throughputWithOneAndTwoWorkers() throws Exception {
    throughput("warmup", 1, 100, 20); // JIT and the broker's coordinators warm up; not reported
    final double one = throughput("one", 1, 300, 20);
    final double two = throughput("two", 2, 300, 20);
    System.out.printf("kafka throughput ratio 2 workers / 1 worker: %.2f%n", two / one);
  }
}
