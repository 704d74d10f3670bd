package io.trestle.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.cosmos.light.LightBlock;
import io.trestle.cosmos.light.LightBlockJson;
import io.trestle.cosmos.light.LightBlockSource;
import io.trestle.cosmos.light.LightResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Light blocks from a CometBFT RPC endpoint ({@code GET /commit?height=H} for the signed header, {@code GET
 * /validators?height=H&page=P&per_page=100} for the set, {@code GET /status} for the latest height). Nothing
 * it returns is trusted; an unreachable node, an HTTP error or malformed JSON is "unavailable" and the
 * verifier decides from what it has. Responses are bounded to 8 MiB and each to 10 s, body included.
 */
final class CometRpcSource implements LightBlockSource {
  private static final ObjectMapper M = new ObjectMapper();
  private static final int MAX_BODY = 8 << 20;
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final String base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private String lastError = "";

  CometRpcSource(final String url) {
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  String lastError() {
    return lastError;
  }

  OptionalLong latestHeight() {
    return get("/status").map(r -> r.path("sync_info").path("latest_block_height").asText(""))
        .filter(s -> s.matches("[1-9][0-9]{0,18}")).map(s -> OptionalLong.of(Long.parseLong(s)))
        .orElse(OptionalLong.empty());
  }

  @Override
  public Optional<LightBlock> lightBlock(final long height) {
    final Optional<JsonNode> commit = get("/commit?height=" + height);
    if (commit.isEmpty() || !commit.get().has("signed_header")) {
      return Optional.empty();
    }
    final ObjectNode vals = M.createObjectNode();
    final var arr = vals.putArray("validators");
    for (int page = 1; page <= 100; page++) {
      final Optional<JsonNode> v = get("/validators?height=" + height + "&page=" + page + "&per_page=100");
      if (v.isEmpty() || !v.get().path("validators").isArray()) {
        return Optional.empty();
      }
      v.get().get("validators").forEach(arr::add);
      final long total = v.get().path("total").asLong(arr.size());
      if (arr.size() >= total || v.get().get("validators").isEmpty()) {
        break;
      }
    }
    final ObjectNode lb = M.createObjectNode();
    lb.set("signed_header", commit.get().get("signed_header"));
    lb.set("validator_set", vals);
    final LightResult<LightBlock> r = LightBlockJson.parse(lb);
    if (r instanceof LightResult.Rejected<LightBlock> rej) {
      lastError = "height " + height + ": " + rej.reason() + ": " + rej.detail();
      return Optional.empty();
    }
    return Optional.of(r.value());
  }

  private Optional<JsonNode> get(final String pathAndQuery) {
    final Capped body = new Capped();
    final CompletableFuture<HttpResponse<Void>> f;
    try {
      final HttpRequest req = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(TIMEOUT).GET().build();
      f = http.sendAsync(req, info -> {
        body.status = info.statusCode();
        return HttpResponse.BodySubscribers.fromSubscriber(body);
      });
    } catch (RuntimeException e) {
      lastError = pathAndQuery + ": " + e.getClass().getSimpleName() + " " + e.getMessage();
      return Optional.empty();
    }
    f.whenComplete((r, t) -> {
      if (t != null) {
        body.result.completeExceptionally(t);
      }
    });
    try {
      // One deadline for the whole response, body included: the request timeout alone ends at the headers, so a
      // node that drips its body a byte at a time would otherwise hold the command forever.
      final byte[] bytes = body.result.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (body.status != 200) {
        lastError = pathAndQuery + ": HTTP " + body.status;
        return Optional.empty();
      }
      final JsonNode n = M.readTree(bytes);
      return n != null && n.has("result") ? Optional.of(n.get("result")) : Optional.empty();
    } catch (TimeoutException e) {
      lastError = pathAndQuery + ": no complete response within " + TIMEOUT.toMillis() + " ms";
      return Optional.empty();
    } catch (ExecutionException e) {
      final Throwable c = e.getCause() == null ? e : e.getCause();
      lastError = pathAndQuery + ": " + c.getClass().getSimpleName() + " " + c.getMessage();
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      lastError = pathAndQuery + ": " + e.getClass().getSimpleName() + " " + e.getMessage();
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      body.cancel();
      f.cancel(true);
    }
  }

  /** Collects a response body up to {@link #MAX_BODY} bytes; more fails the read (nothing is buffered beyond it). */
  private static final class Capped implements Flow.Subscriber<List<ByteBuffer>> {
    final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private volatile Flow.Subscription subscription;
    volatile int status;

    @Override
    public void onSubscribe(final Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(final List<ByteBuffer> items) {
      for (final ByteBuffer b : items) {
        if (buf.size() + (long) b.remaining() > MAX_BODY) {
          result.completeExceptionally(new IOException("body exceeds the cap of " + MAX_BODY + " bytes"));
          cancel();
          return;
        }
        final byte[] x = new byte[b.remaining()];
        b.get(x);
        buf.write(x, 0, x.length);
      }
    }

    @Override
    public void onError(final Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(buf.toByteArray());
    }

    void cancel() {
      final Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
    }
  }
}
