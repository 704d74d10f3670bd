package io.trestle.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.cosmos.light.LightBlock;
import io.trestle.cosmos.light.LightBlockJson;
import io.trestle.cosmos.light.LightBlockSource;
import io.trestle.cosmos.light.LightResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Light blocks from a CometBFT RPC endpoint ({@code GET /commit?height=H} for the signed header, {@code GET
 * /validators?height=H&page=P&per_page=100} for the set, {@code GET /status} for the latest height). Nothing
 * it returns is trusted; an unreachable node, an HTTP error or malformed JSON is "unavailable" and the
 * verifier decides from what it has. Responses are bounded to 8 MiB.
 */
final class CometRpcSource implements LightBlockSource {
  private static final ObjectMapper M = new ObjectMapper();
  private static final int MAX_BODY = 8 << 20;
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
    try {
      final HttpRequest req = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(10))
          .GET().build();
      final HttpResponse<InputStream> resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = resp.body()) {
        final byte[] body = in.readNBytes(MAX_BODY + 1);
        if (resp.statusCode() != 200 || body.length > MAX_BODY) {
          lastError = pathAndQuery + ": HTTP " + resp.statusCode();
          return Optional.empty();
        }
        final JsonNode n = M.readTree(body);
        return n != null && n.has("result") ? Optional.of(n.get("result")) : Optional.empty();
      }
    } catch (IOException | RuntimeException e) {
      lastError = pathAndQuery + ": " + e.getClass().getSimpleName() + " " + e.getMessage();
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
