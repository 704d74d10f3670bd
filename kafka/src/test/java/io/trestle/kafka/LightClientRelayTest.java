package io.trestle.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.LightClient;
import io.trestle.lightclient.bls.SyncCommitteeVerifier;
import io.trestle.lightclient.source.BeaconApiClient;
import io.trestle.lightclient.source.ExecutionRpcClient;
import io.trestle.lightclient.source.LightClientSource;
import io.trestle.lightclient.spec.LightClientStore;
import io.trestle.lightclient.spec.UpdateRejection;
import io.trestle.lightclient.store.StoreFile;
import io.trestle.lightclient.store.StoreFile.WeakSubjectivity;
import io.trestle.lightclient.sync.SyncDriver;
import io.trestle.lightclient.sync.SyncDriver.SyncEvent;
import io.trestle.lightclient.sync.SyncDriver.SyncReport;
import io.trestle.lightclient.types.LightClientFinalityUpdate;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.proofs.json.RpcJson;
import io.trestle.testkit.devnet.DevnetChain;
import io.trestle.testkit.serve.RecordedChainServer;
import io.trestle.testkit.serve.RecordedDataset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Light-client data relayed on a topic of a real KRaft broker (in this JVM, on loopback): a {@link LightClientRelay}
 * publishes what a beacon node (the testkit's recorded devnet server, over HTTP in SSZ) serves; a worker's sync driver
 * reads it through a {@link KafkaLightClientFeed} and verifies it as from any untrusted source. Expected values are the
 * devnet generator's own objects (what it signed), never what the code under test computed.
 */
class LightClientRelayTest {
  static KraftBroker broker;
  static DevnetChain chain;
  static RecordedChainServer server;
  static LightClientSource beacon;

  @BeforeAll
  static void start() throws Exception {
    broker = KraftBroker.start();
    chain = DevnetChain.generate(1, 3);
    server = RecordedChainServer.start(RecordedDataset.devnet(chain));
    beacon = BeaconApiClient.of(List.of(server.url()), chain.config()).sszSource();
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  private static SyncDriver driver(final KafkaLightClientFeed feed, final Path store) {
    return SyncDriver.builder(chain.config())
        .sources(feed.sources())
        .signatures(SyncCommitteeVerifier.create())
        .store(StoreFile.in(store, chain.config()))
        .checkpoint(chain.checkpointRoot())
        .weakSubjectivity(WeakSubjectivity.defaults(chain.config()), true) // generated devnet: a fixed old genesis
        .clock(chain::currentSlot)
        .build();
  }

  /** Relays everything the honest beacon server serves: bootstrap, every period update, finality and optimistic. */
  private static void relayHonest(final String topic) throws Exception {
    try (LightClientRelay relay = new LightClientRelay(broker.client(), topic, chain.config(), "honest")) {
      relay.relayBootstrap(beacon, chain.checkpointRoot());
      assertEquals(chain.updates().size(), relay.relayUpdates(beacon, DevnetChain.FIRST_PERIOD, 64));
      relay.relayFinalityUpdate(beacon);
      relay.relayOptimisticUpdate(beacon);
    }
  }

  private static void assertSyncedToTheDevnetHead(final SyncReport r, final LightClient lc) {
    assertEquals(SyncReport.Status.SYNCED, r.status(), r.events().toString());
    assertEquals(chain.finalityUpdate().finalizedHeader().beacon(), lc.finalizedHeader().beacon());
    assertEquals(chain.optimisticUpdate().attestedHeader().beacon(), lc.store().optimisticHeader().beacon());
    assertEquals(chain.finalizedBlockNumber(), lc.finalizedExecution().orElseThrow().blockNumber());
    assertEquals(chain.finalizedBlockHash(), lc.finalizedExecution().orElseThrow().blockHash());
  }

  @Test
  void anHonestRelayLetsAWorkerSyncAndVerifyARequest(@TempDir final Path dir) throws Exception {
    final String topic = "lc-honest";
    broker.createTopic(topic, 1);
    relayHonest(topic);
    try (KafkaLightClientFeed feed = new KafkaLightClientFeed(broker.client(), topic, chain.config())) {
      final SyncDriver d = driver(feed, dir);
      final SyncReport r = d.sync();
      final LightClient lc = d.client().orElseThrow();
      assertSyncedToTheDevnetHead(r, lc);
      assertTrue(r.events().stream().anyMatch(e -> e.kind() == SyncEvent.Kind.BOOTSTRAPPED
          && e.source().map(s -> s.label().endsWith(".kafka.invalid")).orElse(false)), "bootstrapped from the topic");
      assertEquals(Map.of(), feed.rejections(), feed.lastRejection());
      assertEquals(1 + chain.updates().size() + 2, feed.recordsRead());

      // The worker verifies a request against this light client's finalized anchor (and the devnet's JSON-RPC).
      broker.createTopic("lc-req", 1);
      broker.createTopic("lc-res", 1);
      final String req = "{\"requestId\":\"bridge\",\"kind\":\"tx\",\"txHash\":\"" + chain.bridgeTxHash().toHex()
          + "\",\"logIndex\":" + chain.bridgeLogIndex() + "}";
      produce("lc-req", "bridge", req.getBytes(StandardCharsets.UTF_8), null);
      final VerificationWorker w = new VerificationWorker(broker.client(), "lc-group", "lc-w1", "lc-req", "lc-res",
          new RequestVerifier(ExecutionRpcClient.of(List.of(server.url())), DevnetChain.CHAIN_ID,
              lc::finalizedExecution));
      final Thread t = new Thread(w, "worker");
      t.start();
      final List<ConsumerRecord<String, byte[]>> got = readAll("lc-res", 1, Duration.ofSeconds(60));
      w.stop();
      t.join();
      w.close();
      assertEquals(1, got.size());
      final JsonNode res = RpcJson.parse(new String(got.get(0).value(), StandardCharsets.UTF_8));
      assertEquals("VERIFIED", res.get("status").asText(), res.toString());
      assertEquals(1, res.get("messages").size(), res.toString());
      final JsonNode m = res.get("messages").get(0);
      assertEquals(chain.bridgeBlockHash().toHex(), m.get("blockHash").asText());
      assertEquals(chain.bridgeLog().data().toHex(), m.get("data").asText());
    }
  }

  /** Update 0 with one byte of its next-committee branch flipped: still validly signed (the signature covers only the attested header). */
  private static LightClientUpdate badBranch(final LightClientUpdate u) {
    final List<Hash32> branch = new ArrayList<>(u.nextSyncCommitteeBranch());
    branch.set(0, flip(branch.get(0)));
    return new LightClientUpdate(u.attestedHeader(), u.nextSyncCommittee(), branch, u.finalizedHeader(),
        u.finalityBranch(), u.syncAggregate(), u.signatureSlot());
  }

  private static Hash32 flip(final Hash32 h) {
    final byte[] b = h.toArray();
    b[5] ^= 0x01;
    return Hash32.of(b);
  }

  @Test
  void forgedUpdatesAloneAreRefusedWithTypedReasonsAndTheStoreIsUnchanged(@TempDir final Path dir) throws Exception {
    final String topic = "lc-forged";
    broker.createTopic(topic, 1);
    try (LightClientRelay liar = new LightClientRelay(broker.client(), topic, chain.config(), "liar")) {
      liar.publish(chain.bootstrap()); // the bootstrap is honest: it is bound to the trusted checkpoint anyway
      liar.publish(chain.updateSignedByCommitteeOf(0, DevnetChain.FIRST_PERIOD + 1)); // wrong committee's signature
      liar.publish(badBranch(chain.updates().get(0)));
    }
    final byte[] digest = LightClientRelay.digest(chain.config(), chain.updates().get(0).fork(),
        chain.updates().get(0).attestedHeader().beacon().slot()).toArray();
    produce(topic, "update/junk", new byte[] {1, 2, 3}, Map.of(LightClientRelay.KIND_HEADER, "update".getBytes(
        StandardCharsets.UTF_8), LightClientRelay.DIGEST_HEADER, digest));
    produce(topic, "update/other-net", chain.updates().get(0).encode(), Map.of(LightClientRelay.KIND_HEADER,
        "update".getBytes(StandardCharsets.UTF_8), LightClientRelay.DIGEST_HEADER, new byte[] {9, 9, 9, 9}));
    produce(topic, "x", chain.updates().get(0).encode(), Map.of(LightClientRelay.DIGEST_HEADER, digest));
    final LightClientStore bootstrapped = LightClient.initialize(chain.config(), SyncCommitteeVerifier.create(),
        chain.checkpointRoot(), chain.bootstrap()).client().store();
    try (KafkaLightClientFeed feed = new KafkaLightClientFeed(broker.client(), topic, chain.config())) {
      final SyncDriver d = driver(feed, dir);
      final SyncReport r = d.sync();
      assertEquals(SyncReport.Status.REJECTED, r.status(), r.events().toString());
      // Both forged candidates were tried and refused, each with its own reason, naming its source.
      final List<String> refused = r.events().stream().filter(e -> e.kind() == SyncEvent.Kind.REJECTED
          && e.source().isPresent()).map(e -> e.source().get().label() + " " + e.message()).toList();
      assertTrue(refused.stream().anyMatch(s -> s.startsWith("http://c0.") && s.contains(
          UpdateRejection.NEXT_COMMITTEE_BRANCH_INVALID.name())), refused.toString());
      assertTrue(refused.stream().anyMatch(s -> s.startsWith("http://c1.") && s.contains(
          UpdateRejection.SIGNATURE_INVALID.name())), refused.toString());
      assertEquals(bootstrapped, d.client().orElseThrow().store(), "nothing forged reached the store");
      assertEquals(bootstrapped, r.store().orElseThrow());
      final Map<String, String> saved = files(dir);
      assertTrue(!saved.isEmpty(), "the bootstrapped store was saved");
      // A second pass: still refused, and the store directory is byte-for-byte unchanged.
      assertEquals(SyncReport.Status.REJECTED, d.sync().status());
      assertEquals(bootstrapped, d.client().orElseThrow().store());
      assertEquals(saved, files(dir));
      // Records that could not even be candidates were dropped with their reasons.
      assertEquals(Map.of(KafkaLightClientFeed.RecordRejection.UNDECODABLE, 1L,
          KafkaLightClientFeed.RecordRejection.WRONG_NETWORK, 1L,
          KafkaLightClientFeed.RecordRejection.UNKNOWN_KIND, 1L), feed.rejections());
    }
  }

  /** Every regular file of a directory: name to content (ISO-8859-1, byte for byte). */
  private static Map<String, String> files(final Path dir) throws Exception {
    final Map<String, String> out = new java.util.TreeMap<>();
    try (var s = Files.walk(dir)) {
      for (final Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(p).toString(), new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
      }
    }
    return out;
  }

  @Test
  void lyingRecordsNewerThanTheHonestOnesDoNotStopSync(@TempDir final Path dir) throws Exception {
    final String topic = "lc-mixed";
    broker.createTopic(topic, 1);
    relayHonest(topic);
    // After the honest relay, a liar publishes a forged update for every period and a forged finality update:
    // on the topic each is the newest candidate of its datum, so the driver is served the forgery first.
    try (LightClientRelay liar = new LightClientRelay(broker.client(), topic, chain.config(), "liar")) {
      for (int i = 0; i < chain.updates().size(); i++) {
        liar.publish(i % 2 == 0 ? badBranch(chain.updates().get(i))
            : chain.updateSignedByCommitteeOf(i, DevnetChain.FIRST_PERIOD + (i + 1) % chain.updates().size()));
      }
      final LightClientFinalityUpdate f = chain.finalityUpdate();
      final List<Hash32> fb = new ArrayList<>(f.finalityBranch());
      fb.set(1, flip(fb.get(1)));
      liar.publish(new LightClientFinalityUpdate(f.attestedHeader(), f.finalizedHeader(), fb, f.syncAggregate(),
          f.signatureSlot()));
    }
    try (KafkaLightClientFeed feed = new KafkaLightClientFeed(broker.client(), topic, chain.config())) {
      final SyncDriver d = driver(feed, dir);
      final SyncReport r = d.sync();
      assertSyncedToTheDevnetHead(r, d.client().orElseThrow());
      final List<String> refused = r.events().stream().filter(e -> e.kind() == SyncEvent.Kind.REJECTED)
          .map(SyncEvent::message).toList();
      assertTrue(refused.stream().anyMatch(s -> s.contains(UpdateRejection.NEXT_COMMITTEE_BRANCH_INVALID.name())),
          refused.toString());
      assertTrue(refused.stream().anyMatch(s -> s.contains(UpdateRejection.FINALITY_BRANCH_INVALID.name())),
          refused.toString());
      assertEquals(Map.of(), feed.rejections(), "every record decoded; the forgeries were refused by verification");
    }
    // The control: a feed that keeps one candidate per datum serves only the (newest) forgery, and sync stops.
    try (KafkaLightClientFeed one = new KafkaLightClientFeed(broker.client(), topic, chain.config(), 1,
        Duration.ofSeconds(10))) {
      final SyncReport r = driver(one, dir.resolve("one")).sync();
      assertEquals(SyncReport.Status.REJECTED, r.status(), r.events().toString());
      assertEquals(UpdateRejection.NEXT_COMMITTEE_BRANCH_INVALID, r.rejection().orElseThrow().reason());
    }
  }

  private static void produce(final String topic, final String key, final byte[] value,
      final Map<String, byte[]> headers) {
    final Properties p = broker.client();
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<String, byte[]> prod = new KafkaProducer<>(p)) {
      final ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, key, value);
      if (headers != null) {
        headers.forEach((k, v) -> r.headers().add(k, v));
      }
      prod.send(r);
      prod.flush();
    }
  }

  private static List<ConsumerRecord<String, byte[]>> readAll(final String topic, final int expected,
      final Duration max) {
    final Properties p = broker.client();
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
    }
    return out;
  }
}
