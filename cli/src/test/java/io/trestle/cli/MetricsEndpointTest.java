package io.trestle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.proofs.json.RpcJson;
import io.trestle.testkit.devnet.DevnetChain;
import io.trestle.testkit.serve.RecordedChainServer;
import io.trestle.testkit.serve.RecordedDataset;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --metrics-port}: {@code watch} and {@code sync --follow} run (on a thread, as the command line runs them)
 * against the recorded devnet server while this test scrapes the Prometheus endpoint over real HTTP. Expected values
 * come from the devnet generator (its finalized slot, current slot, bridge block), not from the code under test.
 */
class MetricsEndpointTest {
  private static DevnetChain chain;
  private static RecordedChainServer server;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @BeforeAll
  static void start() {
    chain = DemoCommand.devnet();
    server = RecordedChainServer.start(RecordedDataset.devnet(chain));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private record Run(int code, String out, String err) {}

  /** Runs the command on its own thread (not the common fork-join pool, which has one worker on 2 cores). */
  private static CompletableFuture<Run> runAsync(final List<String> argv) {
    final java.util.concurrent.ExecutorService ex = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
      final Thread t = new Thread(r, "trestle-command");
      t.setDaemon(true);
      return t;
    });
    final CompletableFuture<Run> f = CompletableFuture.supplyAsync(() -> {
      final ByteArrayOutputStream o = new ByteArrayOutputStream();
      final ByteArrayOutputStream e = new ByteArrayOutputStream();
      final int code = TestCli.run(argv, new PrintStream(o, true, StandardCharsets.UTF_8),
          new PrintStream(e, true, StandardCharsets.UTF_8));
      return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }, ex);
    f.whenComplete((r, t) -> ex.shutdown());
    return f;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static HttpResponse<String> scrape(final int port) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The value of the sample {@code name} whose labels include every {@code label="value"} given. */
  static OptionalDouble sample(final String text, final String name, final String... labels) {
    for (final String line : text.lines().toList()) {
      if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
        continue;
      }
      final int end = line.lastIndexOf(' ');
      final String head = line.substring(0, end);
      boolean all = true;
      for (final String l : labels) {
        all &= head.contains(l);
      }
      if (all) {
        return OptionalDouble.of(Double.parseDouble(line.substring(end + 1)));
      }
    }
    return OptionalDouble.empty();
  }

  /** Scrapes until {@code ready} holds (the command runs meanwhile) or 180 s pass; returns the last scrape. */
  private static String scrapeUntil(final int port, final Predicate<String> ready, final CompletableFuture<Run> run)
      throws Exception {
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180); // generous: a shared, loaded machine
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        final HttpResponse<String> r = scrape(port);
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
            r.headers().toString());
        last = r.body();
        if (ready.test(last)) {
          return last;
        }
      } catch (java.net.ConnectException e) {
        if (run.isDone()) {
          throw new AssertionError("the command ended before the metrics were ready: " + run.get());
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("metrics not ready in 180 s; last scrape:\n" + last);
  }

  private static List<String> watch(final Path store, final String beacon, final String rpc, final int port) {
    return new ArrayList<>(List.of("watch", "--network", DevnetChain.NAME, "--beacon-api", beacon,
        "--execution-rpc", rpc, "--checkpoint", chain.checkpointRoot().toHex(), "--current-slot",
        Long.toString(chain.currentSlot()), "--emitter", DevnetChain.BRIDGE.toHex(), "--event",
        DevnetChain.MESSAGE_SENT, "--store", store.toString(), "--rounds", "40", "--interval-ms", "100", "--json",
        "--metrics-port", Integer.toString(port), "--attempts", "1")); // default timeouts: this machine is loaded
  }

  @Test
  void watchServesFinalizedSlotLagBlocksMessagesAndEndpointErrors(@TempDir final Path store) throws Exception {
    final int port = freePort();
    final String dead = "http://127.0.0.1:" + freePort(); // nothing listens: every call to it fails
    final CompletableFuture<Run> run = runAsync(watch(store, server.url() + "," + dead, server.url(), port));
    final long finalizedSlot = chain.finalityUpdate().finalizedHeader().beacon().slot();
    final long blocks = chain.finalizedBlockNumber() - chain.bridgeBlockNumber() + 1; // at least these are verified
    final String text = scrapeUntil(port, t -> sample(t, "trestle_stream_messages_emitted_total").orElse(0) >= 1
        && sample(t, "trestle_stream_blocks_verified_total").orElse(0) >= blocks
        && sample(t, "trestle_source_errors_total", "endpoint=\"" + dead + "\"").isPresent()
        && sample(t, "trestle_lightclient_finalized_slot").orElse(0) == finalizedSlot, run);
    assertEquals(1.0, sample(text, "trestle_stream_messages_emitted_total", "stream=\"watch\"").orElseThrow(),
        "the devnet has one bridge message");
    assertEquals((double) finalizedSlot, sample(text, "trestle_lightclient_finalized_slot", "stream=\"watch\"")
        .orElseThrow());
    assertEquals((double) (chain.currentSlot() - finalizedSlot), sample(text, "trestle_lightclient_sync_lag_slots",
        "stream=\"watch\"").orElseThrow());
    assertTrue(sample(text, "trestle_stream_blocks_verified_total").orElseThrow() >= blocks, text);
    assertTrue(sample(text, "trestle_source_errors_total", "endpoint=\"" + dead + "\"").orElseThrow() >= 1, text);
    assertEquals(OptionalDouble.empty(), sample(text, "trestle_source_errors_total", "endpoint=\"" + server.url()
        + "\""), "the honest server never failed");
    final Run r = run.get(300, TimeUnit.SECONDS);
    assertEquals(0, r.code(), r.out() + r.err());
    final JsonNode metricsLine = r.out().lines().map(RpcJson::parse)
        .filter(l -> l.path("event").asText().equals("metrics")).findFirst().orElseThrow();
    assertEquals("http://127.0.0.1:" + port + "/metrics", metricsLine.get("url").asText());
    // The endpoint is closed with the command.
    assertThrows(java.net.ConnectException.class, () -> scrape(port));
  }

  @Test
  void watchCountsStreamRejectionsByReason(@TempDir final Path store) throws Exception {
    try (RecordedChainServer liar = RecordedChainServer.start(RecordedDataset.devnet(chain))) {
      liar.misbehave("rpc:eth_getBlockReceipts", RecordedChainServer.Hook.body(b -> {
        final JsonNode n = RpcJson.parse(new String(b, StandardCharsets.UTF_8));
        final com.fasterxml.jackson.databind.node.ArrayNode arr =
            (com.fasterxml.jackson.databind.node.ArrayNode) n.get("result");
        arr.remove(arr.size() - 1); // the last receipt of every block dropped
        return n.toString().getBytes(StandardCharsets.UTF_8);
      }));
      final int port = freePort();
      final CompletableFuture<Run> run = runAsync(watch(store, server.url(), liar.url(), port));
      final String text = scrapeUntil(port, t -> sample(t, "trestle_stream_rejections_total",
          "reason=\"RECEIPTS_ROOT_MISMATCH\"").orElse(0) >= 2, run);
      assertEquals(OptionalDouble.empty(), sample(text, "trestle_stream_messages_emitted_total").stream()
          .filter(v -> v > 0).findAny(), "nothing emitted from a lying source");
      assertEquals(0, run.get(300, TimeUnit.SECONDS).code());
    }
  }

  @Test
  void syncFollowCountsLightClientRejectionsByReason(@TempDir final Path store) throws Exception {
    try (RecordedChainServer liar = RecordedChainServer.start(RecordedDataset.devnet(chain))) {
      // The first update's attested header altered (its proposer index): its signature no longer verifies.
      liar.misbehave("/eth/v1/beacon/light_client/updates", RecordedChainServer.Hook.body(b -> new String(b,
          StandardCharsets.UTF_8).replaceFirst("\"proposer_index\":\"[0-9]+\"", "\"proposer_index\":\"987654\"")
          .getBytes(StandardCharsets.UTF_8)));
      final int port = freePort();
      final CompletableFuture<Run> run = runAsync(List.of("sync", "--network", DevnetChain.NAME, "--beacon-api",
          liar.url(), "--checkpoint", chain.checkpointRoot().toHex(), "--current-slot",
          Long.toString(chain.currentSlot()), "--store", store.toString(), "--follow", "--rounds", "30",
          "--interval-ms", "100", "--json", "--metrics-port", Integer.toString(port)));
      final String text = scrapeUntil(port, t -> sample(t, "trestle_lightclient_rejections_total",
          "reason=\"SIGNATURE_INVALID\"", "stream=\"lightclient\"").orElse(0) >= 2, run);
      assertEquals((double) chain.bootstrap().header().beacon().slot(), sample(text,
          "trestle_lightclient_finalized_slot", "stream=\"lightclient\"").orElseThrow(),
          "the store stays at the bootstrap");
      assertTrue(sample(text, "trestle_lightclient_refused_answers_total", "endpoint=\"" + liar.url() + "\"")
          .orElse(0) >= 1, text);
      final Run r = run.get(300, TimeUnit.SECONDS);
      final Optional<JsonNode> failure = r.out().lines().map(RpcJson::parse)
          .filter(l -> l.path("event").asText().equals("failure")).findFirst();
      assertTrue(failure.isPresent() && failure.get().get("reason").asText().endsWith("SIGNATURE_INVALID"), r.out());
    }
  }

  @Test
  void usageErrors(@TempDir final Path store) throws Exception {
    final List<String> bad = watch(store, server.url(), server.url(), 70000);
    assertEquals(2, runAsync(bad).get().code());
    final Run noFollow = runAsync(List.of("sync", "--network", DevnetChain.NAME, "--beacon-api", server.url(),
        "--checkpoint", chain.checkpointRoot().toHex(), "--metrics-port", "0")).get();
    assertEquals(2, noFollow.code(), noFollow.err());
    assertTrue(noFollow.err().contains("--metrics-port and --metrics-host go with --follow"), noFollow.err());
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      final Run busy = runAsync(watch(store, server.url(), server.url(), taken.getLocalPort())).get();
      assertEquals(2, busy.code(), busy.out() + busy.err());
      assertTrue(busy.err().contains("cannot listen"), busy.err());
    }
  }
}
