package io.trestle.proofs.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.proofs.Reason;
import io.trestle.proofs.json.RpcJson;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Fuzz target: JSON-RPC parsing and the strict value readers. The input is a response body (seeds: the
 * real hive transcripts' responses and the helios RPC fixtures); every member is read as each value
 * kind (QUANTITY, DATA, hash, address, decimal, array of DATA).
 *
 * <p>Oracle: every failure is {@code INPUT_MALFORMED}; no other exception escapes.
 */
class RpcJsonFuzzTest {
  private static final Set<Reason> ALLOWED = EnumSet.of(Reason.INPUT_MALFORMED);

  @FuzzTest(maxDuration = "30m")
  void jsonRpc(final byte[] input) {
    final JsonNode doc = Oracle.typed(ALLOWED, () -> RpcJson.parse(new String(input, StandardCharsets.UTF_8)));
    if (doc == null) {
      return;
    }
    final JsonNode result = Oracle.typed(ALLOWED, () -> RpcJson.unwrapResult(doc));
    if (result != null) {
      walk(result, 0);
    }
  }

  private static void walk(final JsonNode n, final int depth) {
    if (depth > 8) {
      return;
    }
    if (n.isObject()) {
      final Iterator<Map.Entry<String, JsonNode>> it = n.fields();
      while (it.hasNext()) {
        final Map.Entry<String, JsonNode> e = it.next();
        final String k = e.getKey();
        Oracle.typed(ALLOWED, () -> RpcJson.quantity(n, k, 256));
        Oracle.typed(ALLOWED, () -> RpcJson.quantityLong(n, k));
        Oracle.typed(ALLOWED, () -> RpcJson.data(n, k));
        Oracle.typed(ALLOWED, () -> RpcJson.hash(n, k));
        Oracle.typed(ALLOWED, () -> RpcJson.address(n, k));
        Oracle.typed(ALLOWED, () -> RpcJson.decimal(n, k, 64));
        Oracle.typed(ALLOWED, () -> RpcJson.text(n, k));
        Oracle.typed(ALLOWED, () -> RpcJson.array(n, k));
        Oracle.typed(ALLOWED, () -> RpcJson.dataArray(e.getValue(), k));
        walk(e.getValue(), depth + 1);
      }
    } else if (n.isArray()) {
      for (final JsonNode c : n) {
        walk(c, depth + 1);
      }
    }
  }
}
