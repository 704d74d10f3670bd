package io.trestle.testkit.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.trestle.cosmos.light.LightBlock;
import io.trestle.cosmos.light.LightBlockJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongFunction;

/**
 * An in-process CometBFT RPC stand-in (JDK {@code com.sun.net.httpserver}, 127.0.0.1, free port) serving a
 * list of light blocks: {@code GET /status} ({@code result.sync_info.latest_block_height}), {@code GET
 * /commit?height=H} ({@code result.signed_header}, {@code result.canonical}) and {@code GET
 * /validators?height=H&page=P&per_page=N} ({@code result.validators}, {@code count}, {@code total}), in
 * CometBFT's JSON-RPC shape. Untrusted by design: the demo and tests run the light client against it, and
 * it can serve a forked block at chosen heights to play a lying node.
 */
public final class CometRpcServer implements AutoCloseable {
  private static final ObjectMapper M = new ObjectMapper();
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
    final Thread t = new Thread(r, "comet-rpc");
    t.setDaemon(true);
    return t;
  });
  private final Map<Long, LightBlock> blocks = new HashMap<>();
  private final long latest;

  private CometRpcServer(final List<LightBlock> chain) throws IOException {
    long max = 0;
    for (final LightBlock b : chain) {
      blocks.put(b.height(), b);
      max = Math.max(max, b.height());
    }
    this.latest = max;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Serves {@code chain} (blocks keyed by height) on a loopback port. */
  public static CometRpcServer start(final List<LightBlock> chain) {
    try {
      return new CometRpcServer(chain);
    } catch (IOException e) {
      throw new IllegalStateException("cannot bind a loopback port: " + e.getMessage(), e);
    }
  }

  /** Serves {@code chain} with the blocks at some heights replaced ({@code fork.apply(h)} non-null). */
  public static CometRpcServer startForked(final List<LightBlock> chain, final LongFunction<LightBlock> fork) {
    final List<LightBlock> served = chain.stream().map(b -> {
      final LightBlock f = fork.apply(b.height());
      return f == null ? b : f;
    }).toList();
    return start(served);
  }

  /** The base URL. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(final HttpExchange ex) throws IOException {
    try (ex) {
      final URI u = ex.getRequestURI();
      final Map<String, String> q = query(u.getRawQuery());
      final ObjectNode reply = M.createObjectNode();
      reply.put("jsonrpc", "2.0");
      reply.put("id", -1);
      int status = 200;
      final String path = u.getPath();
      if (path.equals("/status")) {
        reply.putObject("result").putObject("sync_info").put("latest_block_height", Long.toString(latest));
      } else if (path.equals("/commit") || path.equals("/validators")) {
        final LightBlock b = blocks.get(height(q.get("height")));
        if (b == null) {
          status = 500;
          reply.putObject("error").put("code", -32603).put("message", "height not available");
        } else if (path.equals("/commit")) {
          final ObjectNode r = reply.putObject("result");
          r.set("signed_header", LightBlockJson.write(b.signedHeader()));
          r.put("canonical", true);
        } else {
          final int page = (int) Math.max(1, height(q.getOrDefault("page", "1")));
          final int per = (int) Math.min(100, Math.max(1, height(q.getOrDefault("per_page", "30"))));
          final ArrayNode all = (ArrayNode) LightBlockJson.write(b.validatorSet()).get("validators");
          final ObjectNode r = reply.putObject("result");
          r.put("block_height", Long.toString(b.height()));
          final ArrayNode vs = r.putArray("validators");
          for (int i = (page - 1) * per; i < Math.min(all.size(), page * per); i++) {
            vs.add(all.get(i));
          }
          r.put("count", Integer.toString(vs.size()));
          r.put("total", Integer.toString(all.size()));
        }
      } else {
        status = 404;
        reply.putObject("error").put("code", -32601).put("message", "not found");
      }
      final byte[] body = M.writeValueAsBytes(reply);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(status, body.length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(body);
      }
    } catch (IOException | RuntimeException e) {
      // the client went away: nothing to answer
    }
  }

  private static long height(final String s) {
    if (s == null || !s.matches("[0-9]{1,18}")) {
      return -1;
    }
    return Long.parseLong(s);
  }

  private static Map<String, String> query(final String raw) {
    final Map<String, String> m = new HashMap<>();
    if (raw == null) {
      return m;
    }
    for (final String kv : raw.split("&")) {
      final int eq = kv.indexOf('=');
      if (eq > 0) {
        m.put(java.net.URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
            java.net.URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return m;
  }
}
