package io.trestle.lightclient.source;

import static io.trestle.lightclient.source.TestServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.lightclient.bls.SyncCommitteeVerifier;
import io.trestle.lightclient.config.Networks;
import io.trestle.lightclient.json.BeaconApiJson;
import io.trestle.lightclient.store.StoreFile.LoadResult;
import io.trestle.lightclient.store.StoreFile;
import io.trestle.lightclient.store.StoreFile.WeakSubjectivity;
import io.trestle.lightclient.sync.SyncDriver;
import io.trestle.lightclient.sync.SyncDriver.SyncReport;
import io.trestle.lightclient.config.ChainConfig.Preset;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.trestle.lightclient.source.SourceException.SourceError;

/**
 * Lying and broken data sources over loopback HTTP (issue 9, fault injection): a server that sends
 * gigabytes, closes the connection early, answers 200 with an error body, or flips between honest
 * and tampered answers. Every failure is a typed {@link SourceException} in bounded time, the other
 * endpoint is still used, and the persisted store only ever holds verified states. (A stall mid-body
 * and another network's genesis are in {@link HttpBehaviourTest} and {@link SyncDriverOverHttpTest}.)
 */
class SourceFaultInjectionTest {
  private static final String GENESIS = HttpBehaviourTest.GENESIS;
  private static final String LC = SyncDriverOverHttpTest.LC;

  private TestServer a;
  private TestServer b;

  @AfterEach
  void close() {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
  }

  private static BeaconApiClient client(final HttpSettings s, final TestServer... servers) {
    final List<Endpoint> eps = new java.util.ArrayList<>();
    for (final TestServer t : servers) {
      eps.add(t.endpoint());
    }
    return new BeaconApiClient(eps, Networks.MAINNET, s);
  }

  private static HttpSettings fast() {
    // one attempt, a timeout generous enough for a loaded CI machine (timeouts have their own tests)
    return Fixtures.fast(new Fixtures.Recorder()).withMaxAttempts(1).withRequestTimeout(java.time.Duration.ofSeconds(5));
  }

  @Test
  void aServerSendingGigabytesIsCutAtTheCapInBoundedTimeAndTheOtherEndpointAnswers() throws IOException {
    a = TestServer.start().on(GENESIS, TestServer.chunked(4L << 30)); // 4 GiB, no Content-Length
    b = TestServer.start().on(GENESIS, json(200, HttpBehaviourTest.MAINNET_GENESIS));
    final HttpSettings s = fast().withRequestTimeout(java.time.Duration.ofSeconds(20)); // default 32 MiB cap
    final long t0 = System.nanoTime();
    final SourceException e = assertThrows(SourceException.class, () -> client(s, a).genesis());
    assertEquals(SourceError.TOO_LARGE, e.error(), e.toString());
    assertTrue((System.nanoTime() - t0) / 1_000_000_000 < 20, "bounded time");
    assertEquals(1606824023L, client(s, a, b).genesis().genesisTime(), "the honest endpoint is still used");
  }

  @Test
  void aServerClosingTheConnectionEarlyIsATypedFailureAndTheOtherEndpointAnswers() throws IOException {
    final TestServer.Responder early = (ex, req) -> {
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, 10_000); // promises 10,000 bytes
      final OutputStream os = ex.getResponseBody();
      os.write("{\"data\":{\"genesis_time\":".getBytes(StandardCharsets.UTF_8));
      os.flush();
      ex.getHttpContext().getServer(); // then the exchange ends: the connection closes short
      throw new IOException("closing early on purpose");
    };
    a = TestServer.start().on(GENESIS, early);
    b = TestServer.start().on(GENESIS, json(200, HttpBehaviourTest.MAINNET_GENESIS));
    final SourceException e = assertThrows(SourceException.class, () -> client(fast(), a).genesis());
    assertTrue(!e.detail().isEmpty(), e.toString());
    assertEquals(1606824023L, client(fast(), a, b).genesis().genesisTime());
  }

  @Test
  void a200WithAnErrorBodyIsMalformedNotData() throws IOException {
    a = TestServer.start().on(GENESIS, json(200, "{\"code\":500,\"message\":\"Internal Server Error\"}"));
    b = TestServer.start().on(GENESIS, json(200, HttpBehaviourTest.MAINNET_GENESIS));
    final SourceException e = assertThrows(SourceException.class, () -> client(fast(), a).genesis());
    assertEquals(SourceError.MALFORMED, e.error(), e.toString());
    assertEquals(1606824023L, client(fast(), a, b).genesis().genesisTime());
  }

  @Test
  void aServerFlippingBetweenHonestAndLyingNeverAdvancesTheStoreWithUnverifiedData(@TempDir final Path dir)
      throws IOException {
    final String honest = Fixtures.helios("updates.json");
    final String lying = honest.replaceFirst("\"signature_slot\":\"(\\d+)\"", "\"signature_slot\":\"7069999\"")
        .replace("\"sync_committee_signature\":\"0xa", "\"sync_committee_signature\":\"0xb");
    final AtomicInteger n = new AtomicInteger();
    final TestServer.Responder flip = (ex, req) ->
        json(200, n.getAndIncrement() % 2 == 0 ? lying : honest).respond(ex, req);
    a = serving(flip);
    b = serving(json(200, honest));
    final Set<Long> realFinalized = new HashSet<>();
    BeaconApiJson.updates(honest, Preset.MAINNET).forEach(v -> realFinalized.add(v.data().finalizedHeader().beacon().slot()));
    realFinalized.add(7069376L); // the bootstrap
    for (int round = 0; round < 3; round++) {
      final SyncReport r = SyncDriver.builder(Networks.MAINNET)
          .beaconApi(new BeaconApiClient(List.of(a.endpoint(), b.endpoint()), Networks.MAINNET, fast()))
          .signatures(SyncCommitteeVerifier.create())
          .store(StoreFile.in(dir, Networks.MAINNET))
          .checkpoint(SyncDriverOverHttpTest.CHECKPOINT)
          .weakSubjectivity(WeakSubjectivity.defaults(Networks.MAINNET), true)
          .clock(() -> SyncDriverOverHttpTest.NOW)
          .build()
          .sync();
      assertTrue(r.status() == SyncReport.Status.SYNCED || r.status() == SyncReport.Status.REJECTED
          || r.status() == SyncReport.Status.ALARM, r.status() + " " + r.events());
      final LoadResult loaded = StoreFile.in(dir, Networks.MAINNET).load();
      final long slot = assertInstanceOf(LoadResult.Restored.class, loaded).verified().store().finalizedHeader().beacon().slot();
      assertTrue(realFinalized.contains(slot), "round " + round + ": the store holds finalized slot " + slot
          + ", which no real update finalizes");
    }
    assertTrue(n.get() > 0, "the flipping endpoint was asked");
  }

  private static TestServer serving(final TestServer.Responder updates) throws IOException {
    return TestServer.start()
        .on("/eth/v1/beacon/genesis", json(200, SyncDriverOverHttpTest.MAINNET_GENESIS))
        .on(LC + "/bootstrap/" + SyncDriverOverHttpTest.CHECKPOINT, json(200, Fixtures.helios("bootstrap.json")))
        .on(LC + "/updates", updates)
        .on(LC + "/finality_update", json(404, "{\"code\":404,\"message\":\"no update\"}"))
        .on(LC + "/optimistic_update", json(404, "{\"code\":404,\"message\":\"no update\"}"));
  }

}
