package io.trestle.lightclient.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.trestle.lightclient.source.SourceException.SourceError;

/**
 * Endpoints of one source with bounded HTTP attempts, retries and fail-over. Thread-safe. Data passing through
 * is untrusted and only parsed, never verified.
 */
final class EndpointPool {
  private static final Logger LOG = LoggerFactory.getLogger(EndpointPool.class);
  private static final int ERROR_BODY_BYTES = 4096;

  /** A request: method, path (with query) under the endpoint base, Accept type, optional JSON body. */
  record Request(String method, String pathAndQuery, String accept, Optional<byte[]> body, String what) {
    static Request get(final String pathAndQuery, final String accept, final String what) {
      return new Request("GET", pathAndQuery, accept, Optional.empty(), what);
    }

    static Request postJson(final byte[] body, final String what) {
      return new Request("POST", "", "application/json", Optional.of(body), what);
    }
  }

  /** A 2xx response: status, headers and the (capped) body. */
  record RawResponse(int status, HttpHeaders headers, byte[] body) {
    Optional<String> header(final String name) {
      return headers.firstValue(name);
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** Turns a 2xx response into a value or throws a typed {@link SourceException}. */
  @FunctionalInterface
  interface Parser<T> {
    T parse(Endpoint endpoint, RawResponse response);
  }

  private final List<Endpoint> endpoints;
  private final HttpSettings settings;
  private final HttpClient client;
  private final AtomicInteger preferred = new AtomicInteger();

  EndpointPool(final List<Endpoint> endpoints, final HttpSettings settings) {
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("at least one endpoint is needed");
    }
    this.endpoints = List.copyOf(endpoints);
    this.settings = settings;
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.requestTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  List<Endpoint> endpoints() {
    return endpoints;
  }

  HttpSettings settings() {
    return settings;
  }

  /** The endpoint tried first (the last one that answered). */
  Endpoint preferred() {
    return endpoints.get(preferred.get());
  }

  /**
   * Sends to the preferred endpoint, then to the others in configured order, until one answers. NOT_FOUND and
   * UNSUPPORTED do not mark an endpoint failed, but the next endpoint is still asked.
   */
  <T> T call(final Request req, final Parser<T> parser) {
    final int start = preferred.get();
    final List<SourceException> failures = new ArrayList<>();
    for (int k = 0; k < endpoints.size(); k++) {
      final int idx = (start + k) % endpoints.size();
      final Endpoint ep = endpoints.get(idx);
      try {
        final T value = callOne(ep, req, parser);
        if (idx != start) {
          LOG.debug("{}: now preferring {}", req.what(), ep);
        }
        preferred.set(idx);
        return value;
      } catch (SourceException e) {
        failures.add(e);
        if (Thread.currentThread().isInterrupted()) {
          throw e;
        }
        if (e.error() == SourceError.NOT_FOUND || e.error() == SourceError.UNSUPPORTED
            || e.error() == SourceError.RPC_ERROR) {
          LOG.debug("{}: {} at {}", req.what(), e.error(), ep);
        } else {
          LOG.warn("{}: marking endpoint {} failed: {}", req.what(), ep, e.getMessage());
          preferred.compareAndSet(idx, (idx + 1) % endpoints.size());
        }
      }
    }
    if (failures.size() == 1) {
      throw failures.get(0);
    }
    final SourceError first = failures.get(0).error();
    final boolean same = failures.stream().allMatch(f -> f.error() == first);
    final StringBuilder sb = new StringBuilder(req.what()).append(": ");
    for (final SourceException f : failures) {
      sb.append(f.endpoint().map(Endpoint::label).orElse("?")).append(" -> ").append(f.error()).append("; ");
    }
    final String detail = sb.substring(0, sb.length() - 2);
    if (same && (first == SourceError.NOT_FOUND || first == SourceError.UNSUPPORTED)) {
      throw SourceException.aggregate(first, detail, failures);
    }
    throw SourceException.aggregate(SourceError.ALL_ENDPOINTS_FAILED, detail, failures);
  }

  /** Sends the request to every endpoint concurrently (each with its own retries); results in endpoint order. */
  <T> List<EndpointResult<T>> callEach(final Request req, final Parser<T> parser) {
    final ExecutorService ex = Executors.newFixedThreadPool(endpoints.size(), r -> {
      final Thread t = new Thread(r, "trestle-source");
      t.setDaemon(true);
      return t;
    });
    try {
      final List<Future<EndpointResult<T>>> futures = new ArrayList<>();
      for (final Endpoint ep : endpoints) {
        futures.add(ex.submit(() -> {
          try {
            return new EndpointResult.Ok<>(ep, callOne(ep, req, parser));
          } catch (SourceException e) {
            return new EndpointResult.Failed<T>(ep, e);
          }
        }));
      }
      final List<EndpointResult<T>> out = new ArrayList<>();
      for (int i = 0; i < futures.size(); i++) {
        try {
          out.add(futures.get(i).get());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw SourceException.of(SourceError.IO, endpoints.get(i), req.what() + ": interrupted");
        } catch (ExecutionException e) {
          out.add(new EndpointResult.Failed<>(endpoints.get(i), SourceException.of(SourceError.IO, endpoints.get(i),
              req.what() + ": " + e.getCause())));
        }
      }
      return out;
    } finally {
      ex.shutdownNow();
    }
  }

  /** One endpoint with bounded retries of transient failures. */
  <T> T callOne(final Endpoint ep, final Request req, final Parser<T> parser) {
    final int max = settings.maxAttempts();
    for (int attempt = 1; ; attempt++) {
      LOG.debug("{}: {} {} attempt {}/{}", req.what(), req.method(), ep, attempt, max);
      try {
        final RawResponse r = attempt(ep, req);
        return parseSafely(ep, req, r, parser);
      } catch (SourceException e) {
        if (!e.retryable() || attempt >= max || Thread.currentThread().isInterrupted()) {
          throw e;
        }
        final Duration wait = settings.backoff(attempt);
        LOG.debug("{}: {} at {}, retrying in {} ms", req.what(), e.error(), ep, wait.toMillis());
        try {
          settings.sleeper().sleep(wait);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw SourceException.of(SourceError.IO, ep, req.what() + ": interrupted while backing off");
        }
      }
    }
  }

  private static <T> T parseSafely(final Endpoint ep, final Request req, final RawResponse r,
      final Parser<T> parser) {
    try {
      return parser.parse(ep, r);
    } catch (SourceException e) {
      throw e;
    } catch (RuntimeException e) {
      // Decoders reject bad input with their own exceptions; whatever escapes is still the server's bad data.
      throw SourceException.malformed(ep, req.what() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  private RawResponse attempt(final Endpoint ep, final Request req) {
    final HttpRequest.Builder b = HttpRequest.newBuilder(ep.resolve(req.pathAndQuery()))
        .timeout(settings.requestTimeout())
        .header("Accept", req.accept());
    if (req.body().isPresent()) {
      b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(req.body().get()));
    } else {
      b.GET();
    }
    final BoundedHandler handler = new BoundedHandler(settings.maxResponseBytes());
    final CompletableFuture<HttpResponse<byte[]>> f = client.sendAsync(b.build(), handler);
    final HttpResponse<byte[]> resp;
    try {
      resp = f.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      handler.abort();
      f.cancel(true);
      throw SourceException.transientFailure(SourceError.TIMEOUT, ep,
          req.what() + ": no complete response within " + settings.requestTimeout().toMillis() + " ms", null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      handler.abort();
      f.cancel(true);
      throw SourceException.of(SourceError.IO, ep, req.what() + ": interrupted");
    } catch (ExecutionException e) {
      throw classify(ep, req, e.getCause());
    }
    return checkStatus(ep, req, resp);
  }

  private static RawResponse checkStatus(final Endpoint ep, final Request req, final HttpResponse<byte[]> resp) {
    final int s = resp.statusCode();
    if (s >= 200 && s < 300) {
      return new RawResponse(s, resp.headers(), resp.body());
    }
    final String detail = req.what() + ": HTTP " + s + quote(resp.body());
    if (s == 404) {
      throw SourceException.status(SourceError.NOT_FOUND, ep, s, detail, false);
    }
    if (s == 501) {
      throw SourceException.status(SourceError.UNSUPPORTED, ep, s, detail, false);
    }
    final boolean retry = s >= 500 || s == 429 || s == 408;
    throw SourceException.status(SourceError.HTTP_STATUS, ep, s, detail, retry);
  }

  private static SourceException classify(final Endpoint ep, final Request req, final Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof BodyTooLarge) {
        return SourceException.of(SourceError.TOO_LARGE, ep, req.what() + ": " + c.getMessage());
      }
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof HttpConnectTimeoutException || c instanceof HttpTimeoutException) {
        return SourceException.transientFailure(SourceError.TIMEOUT, ep, req.what() + ": " + c.getMessage(), t);
      }
    }
    final String kind = t instanceof ConnectException ? "connection failed" : "transport error";
    return SourceException.transientFailure(SourceError.IO, ep,
        req.what() + ": " + kind + ": " + t.getClass().getSimpleName()
            + (t.getMessage() == null ? "" : " " + t.getMessage()), t);
  }

  private static String quote(final byte[] body) {
    if (body.length == 0) {
      return "";
    }
    String s = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
    if (body.length > 200) {
      s += "...";
    }
    return " (" + s + ")";
  }

  /** A body over the cap. */
  static final class BodyTooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    BodyTooLarge(final String msg) {
      super(msg);
    }
  }

  /**
   * Picks the body subscriber from the status: 2xx bodies are capped at {@code max} (and refused up front from a
   * larger {@code Content-Length}); other bodies keep only their first bytes for the error message.
   */
  private static final class BoundedHandler implements HttpResponse.BodyHandler<byte[]> {
    private final long max;
    private final AtomicReference<BoundedSubscriber> current = new AtomicReference<>();

    BoundedHandler(final long max) {
      this.max = max;
    }

    @Override
    public HttpResponse.BodySubscriber<byte[]> apply(final HttpResponse.ResponseInfo info) {
      final boolean ok = info.statusCode() >= 200 && info.statusCode() < 300;
      final OptionalLong declared = info.headers().firstValueAsLong("Content-Length");
      final BoundedSubscriber s = ok
          ? new BoundedSubscriber(max, false, declared.orElse(-1))
          : new BoundedSubscriber(ERROR_BODY_BYTES, true, -1);
      current.set(s);
      return s;
    }

    void abort() {
      final BoundedSubscriber s = current.get();
      if (s != null) {
        s.abort();
      }
    }
  }

  /** Accumulates at most {@code max} bytes, one buffer list at a time, cancelling beyond it. */
  private static final class BoundedSubscriber implements HttpResponse.BodySubscriber<byte[]> {
    private final long max;
    private final boolean truncate;
    private final long declared;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream buf;
    private volatile Flow.Subscription subscription;
    private long total;

    BoundedSubscriber(final long max, final boolean truncate, final long declared) {
      this.max = max;
      this.truncate = truncate;
      this.declared = declared;
      this.buf = new ByteArrayOutputStream((int) Math.min(Math.max(declared, 256), Math.min(max, 1 << 16)));
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(final Flow.Subscription s) {
      subscription = s;
      if (declared > max) {
        s.cancel();
        result.completeExceptionally(
            new BodyTooLarge("Content-Length " + declared + " exceeds the cap of " + max + " bytes"));
        return;
      }
      s.request(1);
    }

    @Override
    public void onNext(final List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (final ByteBuffer bb : items) {
        final int n = bb.remaining();
        if (total + n > max) {
          subscription.cancel();
          if (truncate) {
            final byte[] part = new byte[(int) (max - total)];
            bb.get(part);
            buf.write(part, 0, part.length);
            result.complete(buf.toByteArray());
          } else {
            result.completeExceptionally(
                new BodyTooLarge("body exceeds the cap of " + max + " bytes (" + (total + n) + " read so far)"));
          }
          return;
        }
        total += n;
        final byte[] chunk = new byte[n];
        bb.get(chunk);
        buf.write(chunk, 0, n);
      }
      subscription.request(1);
    }

    @Override
    public void onError(final Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(buf.toByteArray());
    }

    void abort() {
      final Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
      result.completeExceptionally(new HttpTimeoutException("aborted"));
    }
  }
}
