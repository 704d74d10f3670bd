package io.trestle.testkit.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.proofs.json.RpcJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * An in-process HTTP server (JDK {@code com.sun.net.httpserver}, bound to 127.0.0.1 on a free port) that
 * serves a {@link RecordedDataset}: the beacon-API light-client endpoints ({@code /eth/v1/beacon/genesis},
 * {@code /eth/v1/beacon/light_client/bootstrap/{root}}, {@code /updates?start_period=&count=}, {@code
 * /finality_update}, {@code /optimistic_update}; JSON, or SSZ with {@code Accept: application/octet-stream},
 * updates as beacon-API response chunks) and, when the dataset has one, an execution JSON-RPC endpoint on
 * {@code POST /}.
 *
 * <p>Nothing here is trusted by a client: it is a stand-in for an untrusted node, used by {@code trestle demo}
 * and the end-to-end tests. For those tests it can misbehave: {@link #misbehave(String, Hook)} installs a hook
 * for a route (a beacon path such as {@code /eth/v1/beacon/light_client/updates}, or {@code rpc:METHOD}) that
 * may rewrite the honest response (body, status, truncation) or hang.
 */
public final class RecordedChainServer implements AutoCloseable {
  private static final String LC = "/eth/v1/beacon/light_client";
  private static final String JSON_TYPE = "application/json";
  private static final String SSZ_TYPE = "application/octet-stream";
  private static final int MAX_REQUEST = 1 << 20;

  /**
   * A response as the server is about to send it.
   *
   * @param status HTTP status
   * @param contentType Content-Type header
   * @param consensusVersion Eth-Consensus-Version header (empty: none)
   * @param body the body
   */
  public record Response(int status, String contentType, Optional<String> consensusVersion, byte[] body) {
    /** A JSON response. */
    public static Response json(final int status, final String body) {
      return new Response(status, JSON_TYPE, Optional.empty(), body.getBytes(StandardCharsets.UTF_8));
    }

    /** The same response with another body. */
    public Response withBody(final byte[] b) {
      return new Response(status, contentType, consensusVersion, b);
    }

    /** The same response with another status. */
    public Response withStatus(final int s) {
      return new Response(s, contentType, consensusVersion, body);
    }

    /** The body as UTF-8 text. */
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** Rewrites the honest response of one route (may also sleep to simulate a hanging server). */
  @FunctionalInterface
  public interface Hook {
    /**
     * @param honest what the recorded data says
     * @param ssz true if the client asked for SSZ
     * @return what to send
     */
    Response apply(Response honest, boolean ssz) throws InterruptedException;

    /** Answers with this status and a short JSON error body. */
    static Hook status(final int status) {
      return (r, ssz) -> Response.json(status, "{\"code\":" + status + ",\"message\":\"recorded server told to fail\"}");
    }

    /** Sleeps, then answers honestly (a hanging server, for timeout tests). */
    static Hook hang(final Duration d) {
      return (r, ssz) -> {
        Thread.sleep(d.toMillis());
        return r;
      };
    }

    /** Cuts the body to its first {@code n} bytes. */
    static Hook truncate(final int n) {
      return (r, ssz) -> r.withBody(java.util.Arrays.copyOf(r.body(), Math.min(n, r.body().length)));
    }

    /** Replaces the body (status and headers kept). */
    static Hook body(final UnaryOperator<byte[]> f) {
      return (r, ssz) -> r.withBody(f.apply(r.body()));
    }

    /** Replaces a JSON body by this text (SSZ requests are answered honestly). */
    static Hook jsonText(final String text) {
      return (r, ssz) -> ssz ? r : r.withBody(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private final RecordedDataset data;
  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, Hook> hooks = new ConcurrentHashMap<>();

  private RecordedChainServer(final RecordedDataset data) throws IOException {
    this.data = data;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.executor = Executors.newCachedThreadPool(r -> {
      final Thread t = new Thread(r, "recorded-chain-server");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts a server for {@code data} on 127.0.0.1 and a free port. */
  public static RecordedChainServer start(final RecordedDataset data) {
    try {
      return new RecordedChainServer(data);
    } catch (IOException e) {
      throw new IllegalStateException("cannot bind a loopback port: " + e.getMessage(), e);
    }
  }

  /** The base URL ({@code http://127.0.0.1:PORT}) for the beacon API and the JSON-RPC endpoint. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The base URL as a URI. */
  public URI uri() {
    return URI.create(url());
  }

  /** The dataset served. */
  public RecordedDataset dataset() {
    return data;
  }

  /**
   * Installs a hook for a route: a beacon path without query ({@code /eth/v1/beacon/genesis}, {@code
   * /eth/v1/beacon/light_client/updates}, {@code .../bootstrap} for any root...) or {@code rpc:METHOD}.
   */
  public RecordedChainServer misbehave(final String route, final Hook hook) {
    hooks.put(route, hook);
    return this;
  }

  /** Removes every hook. */
  public void behave() {
    hooks.clear();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ------------------------------------------------------------------------------------------ dispatch

  private void handle(final HttpExchange ex) throws IOException {
    try (ex) {
      final String path = ex.getRequestURI().getPath();
      final String accept = Optional.ofNullable(ex.getRequestHeaders().getFirst("Accept")).orElse(JSON_TYPE);
      final boolean ssz = accept.toLowerCase(Locale.ROOT).contains(SSZ_TYPE);
      Response r;
      String route;
      if ("POST".equals(ex.getRequestMethod()) && ("/".equals(path) || path.isEmpty())) {
        final byte[] req = readBounded(ex.getRequestBody());
        final RpcCall call = rpc(req);
        route = "rpc:" + call.method;
        r = call.response;
      } else if ("GET".equals(ex.getRequestMethod())) {
        route = path.startsWith(LC + "/bootstrap/") ? LC + "/bootstrap" : path;
        r = beacon(path, ex.getRequestURI().getRawQuery(), ssz);
      } else {
        route = path;
        r = Response.json(405, "{\"code\":405,\"message\":\"method not allowed\"}");
      }
      final Hook hook = hooks.get(route);
      if (hook != null) {
        r = hook.apply(r, ssz);
      }
      ex.getResponseHeaders().set("Content-Type", r.contentType());
      r.consensusVersion().ifPresent(v -> ex.getResponseHeaders().set("Eth-Consensus-Version", v));
      ex.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
      if (r.body().length > 0) {
        try (OutputStream os = ex.getResponseBody()) {
          os.write(r.body());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      // the client went away (timeout tests) or a hook misbehaved beyond HTTP: nothing to answer
    }
  }

  private static byte[] readBounded(final InputStream in) throws IOException {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final byte[] buf = new byte[8192];
    int n;
    while ((n = in.read(buf)) > 0) {
      out.write(buf, 0, n);
      if (out.size() > MAX_REQUEST) {
        throw new IOException("request too large");
      }
    }
    return out.toByteArray();
  }

  // ------------------------------------------------------------------------------------------ beacon API

  private Response beacon(final String path, final String query, final boolean ssz) {
    if ("/eth/v1/beacon/genesis".equals(path)) {
      final ChainConfig c = data.config();
      final ObjectNode o = RpcJson.mapper().createObjectNode();
      final ObjectNode d = o.putObject("data");
      d.put("genesis_time", Long.toUnsignedString(c.genesisTime()));
      d.put("genesis_validators_root", c.genesisValidatorsRoot().toHex());
      d.put("genesis_fork_version", c.forkVersion(Fork.PHASE0).orElseThrow().toHex());
      return Response.json(200, o.toString());
    }
    if (path.startsWith(LC + "/bootstrap/")) {
      final String root = path.substring((LC + "/bootstrap/").length());
      final Optional<RecordedDataset.Item<io.trestle.lightclient.types.LightClientBootstrap>> b;
      try {
        b = data.bootstrap(Hash32.fromHex(root));
      } catch (IllegalArgumentException e) {
        return notFound("invalid block root");
      }
      if (b.isEmpty()) {
        return notFound("no bootstrap recorded for block root " + root);
      }
      return single(b.get().fork(), b.get().json(), () -> b.get().value().encode(), ssz);
    }
    if ((LC + "/updates").equals(path)) {
      return updates(query, ssz);
    }
    if ((LC + "/finality_update").equals(path)) {
      final var f = data.finalityUpdate();
      return single(f.fork(), f.json(), () -> f.value().encode(), ssz);
    }
    if ((LC + "/optimistic_update").equals(path)) {
      final var f = data.optimisticUpdate();
      return single(f.fork(), f.json(), () -> f.value().encode(), ssz);
    }
    return notFound("no route " + path);
  }

  private static Response notFound(final String message) {
    final ObjectNode o = RpcJson.mapper().createObjectNode();
    o.put("code", 404);
    o.put("message", message);
    return Response.json(404, o.toString());
  }

  private static Response single(final Fork fork, final JsonNode json,
      final java.util.function.Supplier<byte[]> ssz, final boolean wantSsz) {
    if (wantSsz) {
      return new Response(200, SSZ_TYPE, Optional.of(fork.specName()), ssz.get());
    }
    return new Response(200, JSON_TYPE, Optional.of(fork.specName()), json.toString().getBytes(StandardCharsets.UTF_8));
  }

  private Response updates(final String query, final boolean ssz) {
    long start = -1;
    long count = -1;
    for (final String kv : query == null ? new String[0] : query.split("&")) {
      final int eq = kv.indexOf('=');
      if (eq < 0) {
        continue;
      }
      try {
        if ("start_period".equals(kv.substring(0, eq))) {
          start = Long.parseUnsignedLong(kv.substring(eq + 1));
        } else if ("count".equals(kv.substring(0, eq))) {
          count = Long.parseLong(kv.substring(eq + 1));
        }
      } catch (NumberFormatException e) {
        return Response.json(400, "{\"code\":400,\"message\":\"bad query\"}");
      }
    }
    if (start < 0 || count < 1) {
      return Response.json(400, "{\"code\":400,\"message\":\"start_period and count are required\"}");
    }
    final List<RecordedDataset.Item<LightClientUpdate>> selected = new ArrayList<>();
    for (final var u : data.updates()) {
      final long p = data.config().preset().periodAtSlot(u.value().attestedHeader().beacon().slot());
      if (p >= start && p - start < count) {
        selected.add(u);
      }
    }
    if (!ssz) {
      final ArrayNode arr = RpcJson.mapper().createArrayNode();
      selected.forEach(u -> arr.add(u.json()));
      return Response.json(200, arr.toString());
    }
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (final var u : selected) {
      final byte[] payload = u.value().encode();
      // The context is the fork digest of the attested header's epoch (Fulu+: with the blob-parameter mask).
      final Bytes digest = data.config().forkDigestAtEpoch(data.config().preset().epochAtSlot(
          u.value().attestedHeader().beacon().slot())).orElseThrow();
      final long len = 4L + payload.length;
      for (int k = 0; k < 8; k++) {
        out.write((int) (len >>> (8 * k)) & 0xff);
      }
      out.writeBytes(digest.toArray());
      out.writeBytes(payload);
    }
    return new Response(200, SSZ_TYPE, Optional.empty(), out.toByteArray());
  }

  // ------------------------------------------------------------------------------------------ JSON-RPC

  private record RpcCall(String method, Response response) {}

  private RpcCall rpc(final byte[] body) {
    final JsonNode req;
    try {
      req = RpcJson.mapper().readTree(body);
    } catch (IOException e) {
      return new RpcCall("?", rpcError(null, -32700, "parse error"));
    }
    if (req == null || !req.isObject() || !req.path("method").isTextual()) {
      return new RpcCall("?", rpcError(null, -32600, "invalid request"));
    }
    final JsonNode id = req.get("id");
    final String method = req.get("method").asText();
    final JsonNode params = req.path("params");
    final Optional<RecordedDataset.Execution> ex = data.execution();
    if (ex.isEmpty()) {
      return new RpcCall(method, rpcError(id, -32601, "this recorded dataset has no execution data"));
    }
    try {
      final Optional<JsonNode> result = ex.get().answer(method, params);
      if (result == null) {
        return new RpcCall(method, rpcError(id, -32601, "the method " + method + " does not exist/is not available"));
      }
      return new RpcCall(method, rpcResult(id, result.orElse(null)));
    } catch (IllegalArgumentException e) {
      return new RpcCall(method, rpcError(id, -32602, e.getMessage()));
    }
  }

  private static Response rpcResult(final JsonNode id, final JsonNode result) {
    final ObjectNode o = RpcJson.mapper().createObjectNode();
    o.put("jsonrpc", "2.0");
    o.set("id", id);
    if (result == null) {
      o.putNull("result");
    } else {
      o.set("result", result);
    }
    return Response.json(200, o.toString());
  }

  private static Response rpcError(final JsonNode id, final int code, final String message) {
    final ObjectNode o = RpcJson.mapper().createObjectNode();
    o.put("jsonrpc", "2.0");
    o.set("id", id);
    final ObjectNode e = o.putObject("error");
    e.put("code", code);
    e.put("message", message);
    return Response.json(200, o.toString());
  }
}
