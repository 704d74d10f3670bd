package io.trestle.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.trestle.lightclient.stream.StreamMetrics;
import io.trestle.lightclient.sync.SyncDriver.SyncEvent;
import io.trestle.lightclient.sync.SyncDriver.SyncReport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code --metrics-port N [--metrics-host H]} of {@code watch} and {@code sync --follow}: a Micrometer Prometheus
 * registry served in the Prometheus text format on {@code http://H:N/metrics} by the JDK's HTTP server (one daemon
 * thread). Meters (Prometheus names), each tagged {@code stream} ({@code lightclient} for {@code sync --follow}):
 * <ul>
 *   <li>{@code trestle_lightclient_finalized_slot}, {@code trestle_lightclient_sync_lag_slots}, {@code
 *       trestle_stream_lag_blocks} (gauges);</li>
 *   <li>{@code trestle_stream_blocks_verified_total}, {@code trestle_stream_messages_emitted_total};</li>
 *   <li>{@code trestle_stream_rejections_total{reason}} (the stream's {@code Reason}), {@code
 *       trestle_lightclient_rejections_total{reason}} (the {@code UpdateRejection} or store refusal that stopped a
 *       sync pass);</li>
 *   <li>{@code trestle_source_errors_total{endpoint}} (failed calls: light-client and execution sources) and {@code
 *       trestle_lightclient_refused_answers_total{endpoint}} (light-client answers refused by verification).</li>
 * </ul>
 */
final class MetricsEndpoint implements AutoCloseable {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final HttpServer server;
  private final ExecutorService executor;
  private final String stream;
  private final StreamMetrics streamMetrics;

  private MetricsEndpoint(final InetSocketAddress address, final String stream) throws IOException {
    this.stream = stream;
    this.streamMetrics = StreamMetrics.micrometer(registry, stream);
    this.server = HttpServer.create(address, 8);
    this.executor = Executors.newSingleThreadExecutor(r -> {
      final Thread t = new Thread(r, "trestle-metrics");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/metrics", this::scrape);
    server.createContext("/", ex -> {
      try (ex) {
        ex.sendResponseHeaders(404, -1);
      }
    });
    server.start();
  }

  /**
   * Parses {@code --metrics-port} (0..65535; 0 = any free port) and {@code --metrics-host} (default 127.0.0.1) and
   * starts the endpoint; empty without {@code --metrics-port}. Usage error (exit 2) if the address cannot be bound.
   */
  static java.util.Optional<MetricsEndpoint> fromArgs(final Args a, final String stream) {
    final java.util.Optional<Long> port = a.optionalLong("metrics-port");
    if (port.isEmpty()) {
      if (a.option("metrics-host").isPresent()) {
        throw new UsageException("--metrics-host goes with --metrics-port");
      }
      return java.util.Optional.empty();
    }
    if (port.get() < 0 || port.get() > 65535) {
      throw new UsageException("--metrics-port must be 0..65535");
    }
    final String host = a.option("metrics-host").orElse("127.0.0.1");
    try {
      return java.util.Optional.of(new MetricsEndpoint(new InetSocketAddress(InetAddress.getByName(host),
          port.get().intValue()), stream));
    } catch (UnknownHostException e) {
      throw new UsageException("--metrics-host: unknown host '" + host + "'");
    } catch (IOException e) {
      throw new UsageException("--metrics-port: cannot listen on " + host + ":" + port.get() + ": "
          + e.getMessage());
    }
  }

  /** The scrape URL (with the bound port). */
  String url() {
    final InetSocketAddress a = server.getAddress();
    final String host = a.getAddress().getHostAddress();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/metrics";
  }

  /** The stream's meters (also the light client's gauges). */
  StreamMetrics streamMetrics() {
    return streamMetrics;
  }

  /** Counts what a sync pass reports: the rejection that stopped it, failed and refused sources. */
  void syncPass(final SyncReport r) {
    r.rejection().ifPresent(rj -> Counter.builder("trestle.lightclient.rejections").tag("stream", stream)
        .tag("reason", rj.reason().name()).description("sync passes stopped by a refused object, by reason")
        .register(registry).increment());
    for (final SyncEvent e : r.events()) {
      if (e.source().isEmpty()) {
        continue;
      }
      if (e.kind() == SyncEvent.Kind.SOURCE_ERROR) {
        streamMetrics.endpointError(e.source().get().label());
      } else if (e.kind() == SyncEvent.Kind.REJECTED) {
        Counter.builder("trestle.lightclient.refused.answers").tag("stream", stream)
            .tag("endpoint", e.source().get().label()).description("light-client answers refused by verification")
            .register(registry).increment();
      }
    }
  }

  private void scrape(final HttpExchange ex) throws IOException {
    try (ex) {
      if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
        ex.sendResponseHeaders(405, -1);
        return;
      }
      final byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      if ("HEAD".equals(ex.getRequestMethod())) {
        ex.sendResponseHeaders(200, -1);
        return;
      }
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    registry.close();
  }
}
