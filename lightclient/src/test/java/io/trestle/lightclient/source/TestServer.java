package io.trestle.lightclient.source;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDK HttpServer on 127.0.0.1 (ephemeral port) serving canned responses per path (with or without query).
 * Each route has a sequence of responders; the last one repeats. Counts requests and records request bodies and
 * Accept headers. Hanging responders are released on close, so every wait is bounded.
 */
final class TestServer implements AutoCloseable {
  /** Writes one response. */
  @FunctionalInterface
  interface Responder {
    void respond(HttpExchange ex, byte[] requestBody) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, Deque<Responder>> routes = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final AtomicInteger total = new AtomicInteger();
  private final List<String> requestBodies = Collections.synchronizedList(new ArrayList<>());
  private final List<String> accepts = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch release = new CountDownLatch(1);

  private TestServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    executor = Executors.newCachedThreadPool(r -> {
      final Thread t = new Thread(r, "test-server");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  static TestServer start() throws IOException {
    return new TestServer();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  Endpoint endpoint() {
    return Endpoint.of(url());
  }

  /** Routes {@code pathAndQuery} to a sequence of responders (the last repeats). */
  TestServer on(final String pathAndQuery, final Responder... sequence) {
    final Deque<Responder> d = new ArrayDeque<>(List.of(sequence));
    routes.put(pathAndQuery, d);
    return this;
  }

  int count(final String pathAndQuery) {
    final AtomicInteger c = counts.get(pathAndQuery);
    return c == null ? 0 : c.get();
  }

  int total() {
    return total.get();
  }

  List<String> requestBodies() {
    return List.copyOf(requestBodies);
  }

  List<String> accepts() {
    return List.copyOf(accepts);
  }

  private void handle(final HttpExchange ex) throws IOException {
    try (ex) {
      final byte[] body = ex.getRequestBody().readAllBytes();
      final String path = ex.getRequestURI().getRawPath();
      final String query = ex.getRequestURI().getRawQuery();
      final String key = query == null ? path : path + "?" + query;
      total.incrementAndGet();
      counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      requestBodies.add(new String(body, StandardCharsets.UTF_8));
      accepts.add(String.valueOf(ex.getRequestHeaders().getFirst("Accept")));
      Deque<Responder> d = routes.get(key);
      if (d == null) {
        d = routes.get(path);
      }
      if (d == null) {
        json(404, "{\"code\":404,\"message\":\"no route\"}").respond(ex, body);
        return;
      }
      final Responder r;
      synchronized (d) {
        r = d.size() > 1 ? d.pollFirst() : d.peekFirst();
      }
      r.respond(ex, body);
    }
  }

  // ---------------------------------------------------------------- responders

  static Responder json(final int status, final String text) {
    return bytes(status, "application/json", text.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  static Responder bytes(final int status, final String contentType, final byte[] body,
      final Map<String, String> headers) {
    return (ex, req) -> {
      ex.getResponseHeaders().set("Content-Type", contentType);
      headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
      ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream os = ex.getResponseBody()) {
          os.write(body);
        }
      }
    };
  }

  static Responder ssz(final String version, final byte[] body) {
    return bytes(200, "application/octet-stream", body, Map.of("Eth-Consensus-Version", version));
  }

  /** Streams {@code n} bytes in chunked encoding (no Content-Length), stopping quietly if the client hangs up. */
  static Responder chunked(final long n) {
    return (ex, req) -> {
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, 0);
      final byte[] block = new byte[8192];
      java.util.Arrays.fill(block, (byte) ' ');
      try (OutputStream os = ex.getResponseBody()) {
        for (long sent = 0; sent < n; sent += block.length) {
          os.write(block);
        }
      } catch (IOException e) {
        // client cancelled: expected
      }
    };
  }

  /** Never answers until the server closes (bounded: at most 10 s). */
  Responder hang() {
    return (ex, req) -> {
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  /** Sends headers, then stalls mid-body until the server closes. */
  Responder stallBody() {
    return (ex, req) -> {
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, 1000);
      ex.getResponseBody().write("{\"data\":".getBytes(StandardCharsets.UTF_8));
      ex.getResponseBody().flush();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  /** A JSON-RPC reply echoing the request id: {@code "result": <resultJson>}. */
  static Responder rpcResult(final String resultJson) {
    return (ex, req) -> json(200, "{\"jsonrpc\":\"2.0\",\"id\":" + idOf(req) + ",\"result\":" + resultJson + "}")
        .respond(ex, req);
  }

  /** A JSON-RPC error reply echoing the request id. */
  static Responder rpcError(final long code, final String message) {
    return (ex, req) -> json(200, "{\"jsonrpc\":\"2.0\",\"id\":" + idOf(req) + ",\"error\":{\"code\":" + code
        + ",\"message\":\"" + message + "\"}}").respond(ex, req);
  }

  static String idOf(final byte[] req) throws IOException {
    return io.trestle.proofs.json.RpcJson.mapper().readTree(req).get("id").toString();
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
