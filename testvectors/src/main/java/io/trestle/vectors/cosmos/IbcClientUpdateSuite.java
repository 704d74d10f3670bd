package io.trestle.vectors.cosmos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.cosmos.light.IbcClientUpdate;
import io.trestle.cosmos.light.LightResult;
import io.trestle.cosmos.light.TrustedState;
import io.trestle.crypto.Hex;
import io.trestle.vectors.CaseResult;
import io.trestle.vectors.Suite;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * solidity-ibc-eureka 07-tendermint client-update fixtures ({@code update_client_*.json}), recognised by
 * content: {@code client_state_hex}, {@code consensus_state_hex} and {@code update_client_message} with a
 * {@code client_message_hex} of type {@code /ibc.lightclients.tendermint.v1.Header}. One case: decode the
 * protobuf, build the trusted state from the consensus state and the header's trusted validators, and verify
 * the header at {@code now} = trusted timestamp + 1 h, as upstream's {@code test_update_client_happy_path}
 * does; the case passes if the update verifies to {@code update_client_message.new_height}. (Upstream's
 * negative cases are mutations made in code; Trestle's are in {@code CometUpstreamDataTest}.)
 */
public final class IbcClientUpdateSuite implements Suite {
  /** The suite name. */
  public static final String NAME = "ibc-client-update";
  private static final ObjectMapper M = new ObjectMapper();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean recognise(final Path file) {
    if (!file.getFileName().toString().endsWith(".json")) {
      return false;
    }
    try (InputStream in = Files.newInputStream(file)) {
      final byte[] b = in.readNBytes(4 << 20);
      if (b.length == 0 || b[0] != '{') {
        return false;
      }
      final JsonNode n = M.readTree(b);
      return n != null && n.has("client_state_hex") && n.has("consensus_state_hex")
          && n.path("update_client_message").has("client_message_hex")
          && "/ibc.lightclients.tendermint.v1.Header".equals(n.path("update_client_message").path("type_url").asText());
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public List<CaseResult> run(final Path file) throws IOException {
    final JsonNode n = M.readTree(Files.readAllBytes(file));
    final String name = "update " + n.path("update_client_message").path("trusted_height").asText("?") + " -> "
        + n.path("update_client_message").path("new_height").asText("?");
    final LightResult<IbcClientUpdate> u;
    try {
      u = IbcClientUpdate.decode(Hex.decode(n.get("client_state_hex").asText()),
          Hex.decode(n.get("consensus_state_hex").asText()),
          Hex.decode(n.get("update_client_message").get("client_message_hex").asText()));
    } catch (IllegalArgumentException e) {
      return List.of(CaseResult.failed(name, "not hex: " + e.getMessage()));
    }
    if (u instanceof LightResult.Rejected<IbcClientUpdate> r) {
      return List.of(CaseResult.failed(name, "does not decode: " + r.reason() + ": " + r.detail()));
    }
    final Instant now = u.value().consensusState().timestamp().plus(Duration.ofHours(1));
    final LightResult<TrustedState> v = u.value().verify(now);
    if (v instanceof LightResult.Rejected<TrustedState> r) {
      return List.of(CaseResult.failed(name, "expected the update to verify, got " + r.reason() + ": " + r.detail()));
    }
    final long expected = n.path("update_client_message").path("new_height").asLong(-1);
    if (v.value().height() != expected) {
      return List.of(CaseResult.failed(name, "verified height " + v.value().height() + ", expected " + expected));
    }
    return List.of(CaseResult.passed(name, "verified height " + v.value().height() + " hash "
        + v.value().headerHash().toHex() + " at trusted time + 1 h"));
  }
}
