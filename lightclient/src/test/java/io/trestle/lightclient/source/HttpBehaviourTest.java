package io.trestle.lightclient.source;

import static io.trestle.lightclient.source.TestServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.lightclient.config.Networks;
import io.trestle.lightclient.source.Fixtures.Recorder;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import io.trestle.lightclient.source.BeaconApiClient.Genesis;
import io.trestle.lightclient.source.SourceException.SourceError;

/** Timeouts, size caps, retries, status mapping and fail-over, through {@link BeaconApiClient#genesis()}. */
class HttpBehaviourTest {
  static final String GENESIS = "/eth/v1/beacon/genesis";
  static final String MAINNET_GENESIS = "{\"data\":{\"genesis_time\":\"1606824023\",\"genesis_validators_root\":"
      + "\"0x4b363db94e286120d76eb905340fdd4e54bfe9f06bf33ff6cf5ad27f511bfe95\",\"genesis_fork_version\":"
      + "\"0x00000000\"}}";

  private final Recorder sleeper = new Recorder();
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

  private BeaconApiClient client(final HttpSettings s, final TestServer... servers) {
    final List<Endpoint> eps = new java.util.ArrayList<>();
    for (final TestServer t : servers) {
      eps.add(t.endpoint());
    }
    return new BeaconApiClient(eps, Networks.MAINNET, s);
  }

  @Test
  void retriesA500ThenSucceeds() throws IOException {
    a = TestServer.start().on(GENESIS, json(500, "{\"message\":\"busy\"}"), json(200, MAINNET_GENESIS));
    final Genesis g = client(Fixtures.fast(sleeper), a).genesis();
    assertEquals(1606824023L, g.genesisTime());
    assertEquals(2, a.count(GENESIS));
    assertEquals(List.of(Duration.ofMillis(50)), sleeper.sleeps); // 100 ms * (0.5 + 0.5 * jitter 0)
  }

  @Test
  void retriesAreBoundedAndTyped() throws IOException {
    a = TestServer.start().on(GENESIS, json(503, "{\"message\":\"unavailable\"}"));
    final SourceException e = assertThrows(SourceException.class, () -> client(Fixtures.fast(sleeper), a).genesis());
    assertEquals(SourceError.HTTP_STATUS, e.error());
    assertEquals(503, e.httpStatus().getAsInt());
    assertTrue(e.retryable());
    assertTrue(e.detail().contains("unavailable"), e.detail());
    assertEquals(3, a.count(GENESIS));
    assertEquals(List.of(Duration.ofMillis(50), Duration.ofMillis(100)), sleeper.sleeps);
  }

  @Test
  void hangingServerTimesOutWithinBound() throws IOException {
    a = TestServer.start();
    a.on(GENESIS, a.hang());
    final HttpSettings s = Fixtures.fast(sleeper).withRequestTimeout(Duration.ofMillis(300)).withMaxAttempts(2);
    final long t0 = System.nanoTime();
    final SourceException e = assertThrows(SourceException.class, () -> client(s, a).genesis());
    final long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(SourceError.TIMEOUT, e.error());
    assertTrue(e.retryable());
    assertEquals(2, a.count(GENESIS));
    assertTrue(ms >= 500 && ms < 3000, "took " + ms + " ms");
  }

  @Test
  void bodyStallingAfterHeadersTimesOut() throws IOException {
    a = TestServer.start();
    a.on(GENESIS, a.stallBody());
    final HttpSettings s = Fixtures.fast(sleeper).withRequestTimeout(Duration.ofMillis(300)).withMaxAttempts(1);
    final long t0 = System.nanoTime();
    final SourceException e = assertThrows(SourceException.class, () -> client(s, a).genesis());
    assertEquals(SourceError.TIMEOUT, e.error());
    assertTrue((System.nanoTime() - t0) / 1_000_000 < 3000);
  }

  @Test
  void notFoundIsTypedAndNotRetried() throws IOException {
    a = TestServer.start().on(GENESIS, json(404, "{\"code\":404,\"message\":\"not here\"}"));
    final SourceException e = assertThrows(SourceException.class, () -> client(Fixtures.fast(sleeper), a).genesis());
    assertEquals(SourceError.NOT_FOUND, e.error());
    assertEquals(404, e.httpStatus().getAsInt());
    assertFalse(e.retryable());
    assertEquals(1, a.count(GENESIS));
    assertTrue(sleeper.sleeps.isEmpty());
  }

  @Test
  void notImplementedIsUnsupported() throws IOException {
    a = TestServer.start().on(GENESIS, json(501, "{\"code\":501,\"message\":\"no\"}"));
    final SourceException e = assertThrows(SourceException.class, () -> client(Fixtures.fast(sleeper), a).genesis());
    assertEquals(SourceError.UNSUPPORTED, e.error());
    assertEquals(1, a.count(GENESIS));
  }

  @Test
  void otherClientErrorIsNotRetried() throws IOException {
    a = TestServer.start().on(GENESIS, json(400, "{\"code\":400,\"message\":\"bad\"}"));
    final SourceException e = assertThrows(SourceException.class, () -> client(Fixtures.fast(sleeper), a).genesis());
    assertEquals(SourceError.HTTP_STATUS, e.error());
    assertFalse(e.retryable());
    assertEquals(1, a.count(GENESIS));
  }

  @Test
  void tooLargeByContentLength() throws IOException {
    a = TestServer.start().on(GENESIS, json(200, " ".repeat(5000) + MAINNET_GENESIS));
    final HttpSettings s = Fixtures.fast(sleeper).withMaxResponseBytes(4096);
    final SourceException e = assertThrows(SourceException.class, () -> client(s, a).genesis());
    assertEquals(SourceError.TOO_LARGE, e.error());
    assertTrue(e.detail().contains("Content-Length"), e.detail());
    assertEquals(1, a.count(GENESIS));
  }

  @Test
  void tooLargeWhileStreamingWithoutContentLength() throws IOException {
    a = TestServer.start().on(GENESIS, TestServer.chunked(256L << 20));
    final HttpSettings s = Fixtures.fast(sleeper).withMaxResponseBytes(64 * 1024);
    final long t0 = System.nanoTime();
    final SourceException e = assertThrows(SourceException.class, () -> client(s, a).genesis());
    assertEquals(SourceError.TOO_LARGE, e.error());
    assertTrue(e.detail().contains("cap of 65536"), e.detail());
    assertTrue((System.nanoTime() - t0) / 1_000_000 < 3000);
  }

  @Test
  void malformedJsonIsMalformedAndNotRetried() throws IOException {
    a = TestServer.start().on(GENESIS, json(200, "{\"data\": {\"genesis_time\": "));
    final SourceException e = assertThrows(SourceException.class, () -> client(Fixtures.fast(sleeper), a).genesis());
    assertEquals(SourceError.MALFORMED, e.error());
    assertEquals(1, a.count(GENESIS));
  }

  @Test
  void malformedGenesisFieldIsMalformed() throws IOException {
    a = TestServer.start().on(GENESIS, json(200, MAINNET_GENESIS.replace("0x4b363db9", "0x4b363d")));
    final SourceException e = assertThrows(SourceException.class, () -> client(Fixtures.fast(sleeper), a).genesis());
    assertEquals(SourceError.MALFORMED, e.error());
    assertTrue(e.detail().contains("genesis_validators_root"), e.detail());
  }

  @Test
  void failsOverFromDownEndpointAndRemembersTheGoodOne() throws IOException {
    final Endpoint down = Endpoint.of("http://127.0.0.1:" + freePort());
    a = TestServer.start().on(GENESIS, json(200, MAINNET_GENESIS));
    final BeaconApiClient c = new BeaconApiClient(List.of(down, a.endpoint()), Networks.MAINNET,
        Fixtures.fast(sleeper));
    assertEquals(1606824023L, c.genesis().genesisTime());
    assertEquals(a.endpoint(), c.preferredEndpoint());
    final int retriesOfDown = sleeper.sleeps.size();
    assertEquals(2, retriesOfDown); // three attempts on the refused endpoint
    c.genesis();
    assertEquals(2, a.count(GENESIS));
    assertEquals(retriesOfDown, sleeper.sleeps.size()); // the down endpoint was not tried again
  }

  @Test
  void failingEndpointIsSkippedAfterFailOver() throws IOException {
    a = TestServer.start().on(GENESIS, json(502, "{}"));
    b = TestServer.start().on(GENESIS, json(200, MAINNET_GENESIS));
    final BeaconApiClient c = client(Fixtures.fast(sleeper), a, b);
    c.genesis();
    c.genesis();
    assertEquals(3, a.count(GENESIS));
    assertEquals(2, b.count(GENESIS));
  }

  @Test
  void allEndpointsFailedCarriesEachFailure() throws IOException {
    a = TestServer.start().on(GENESIS, json(500, "{}"));
    b = TestServer.start().on(GENESIS, json(200, "not json"));
    final SourceException e = assertThrows(SourceException.class,
        () -> client(Fixtures.fast(sleeper), a, b).genesis());
    assertEquals(SourceError.ALL_ENDPOINTS_FAILED, e.error());
    assertEquals(2, e.failures().size());
    assertEquals(SourceError.HTTP_STATUS, e.failures().get(0).error());
    assertEquals(SourceError.MALFORMED, e.failures().get(1).error());
    assertTrue(e.endpoint().isEmpty());
  }

  @Test
  void notFoundEverywhereIsNotFound() throws IOException {
    a = TestServer.start();
    b = TestServer.start();
    final SourceException e = assertThrows(SourceException.class,
        () -> client(Fixtures.fast(sleeper), a, b).genesis());
    assertEquals(SourceError.NOT_FOUND, e.error());
    assertEquals(2, e.failures().size());
    assertEquals(1, a.count(GENESIS));
    assertEquals(1, b.count(GENESIS));
  }

  @Test
  void secretsInEndpointUrlsStayOutOfMessages() throws IOException {
    a = TestServer.start().on("/v3/SECRETKEY", json(500, "{}"));
    final Endpoint e = Endpoint.of(a.url() + "/v3/SECRETKEY");
    assertEquals(a.url(), e.label());
    final ExecutionRpcClient rpc = new ExecutionRpcClient(List.of(e), Fixtures.fast(sleeper).withMaxAttempts(1));
    final SourceException ex = assertThrows(SourceException.class, rpc::chainId);
    assertEquals(1, a.count("/v3/SECRETKEY"));
    assertFalse(ex.getMessage().contains("SECRETKEY"), ex.getMessage());
    assertEquals("https://host:8545", Endpoint.of("https://user:pw@host:8545/v3/SECRETKEY?k=1").label());
  }

  @Test
  void endpointRejectsNonHttpUrls() {
    assertThrows(IllegalArgumentException.class, () -> Endpoint.of("ftp://host/x"));
    assertThrows(IllegalArgumentException.class, () -> Endpoint.of("/relative"));
    assertThrows(IllegalArgumentException.class, () -> Endpoint.of("http://host/#frag"));
  }

  @Test
  void endpointResolvesUnderItsPathAndKeepsItsQuery() {
    assertEquals("http://h:1/base/eth/v1/x?a=1",
        Endpoint.of("http://h:1/base/").resolve("/eth/v1/x?a=1").toString());
    assertEquals("http://h:1/p/eth?key=2&a=1", Endpoint.of("http://h:1/p?key=2").resolve("/eth?a=1").toString());
  }

  @Test
  void backoffDoublesAndIsCapped() {
    final HttpSettings s = HttpSettings.defaults().withBackoff(Duration.ofMillis(100), Duration.ofMillis(300))
        .withJitter(() -> 0.999999);
    assertEquals(99, s.backoff(1).toMillis());
    assertEquals(199, s.backoff(2).toMillis());
    assertEquals(299, s.backoff(3).toMillis());
    assertEquals(299, s.backoff(40).toMillis());
    assertEquals(50, s.withJitter(() -> 0.0).backoff(1).toMillis());
    assertThrows(IllegalArgumentException.class, () -> s.withMaxAttempts(0));
    assertThrows(IllegalArgumentException.class, () -> s.withRequestTimeout(Duration.ZERO));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
