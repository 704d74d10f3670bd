package io.trestle.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.lightclient.stream.TestChain;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestVerifierTest {
  static final long CHAIN_ID = 990001;
  final TestChain chain = new TestChain(3, 2000, 80);

  private RequestVerifier verifier(final TestChain.Source src) {
    return new RequestVerifier(src, CHAIN_ID, () -> Optional.of(chain.anchorAt(2079)));
  }

  static String range(final String id, final long from, final long to) {
    return "{\"requestId\":\"" + id + "\",\"kind\":\"range\",\"fromBlock\":" + from + ",\"toBlock\":" + to
        + ",\"emitters\":[\"" + TestChain.BRIDGE.toHex() + "\"],\"topics\":[[\""
        + TestChain.FILTER.topics().get(0).iterator().next().toHex() + "\"]]}";
  }

  private ObjectNode verify(final RequestVerifier v, final String req) {
    return v.verify(req.getBytes(StandardCharsets.UTF_8), "fallback");
  }

  /** The messages of a result as (block, tx, log), compared with where the generator placed them. */
  static void assertMatches(final List<TestChain.Placed> want, final JsonNode result) {
    assertEquals("VERIFIED", result.get("status").asText(), result.toString());
    final JsonNode msgs = result.get("messages");
    assertEquals(want.size(), msgs.size(), result.toString());
    for (int i = 0; i < want.size(); i++) {
      assertEquals(want.get(i).block(), msgs.get(i).get("blockNumber").asLong());
      assertEquals(want.get(i).tx(), msgs.get(i).get("txIndex").asInt());
      assertEquals(want.get(i).log(), msgs.get(i).get("logIndex").asInt());
      assertEquals(want.get(i).data().toHex(), msgs.get(i).get("data").asText());
    }
  }

  @Test
  void rangeRequestReturnsExactlyTheMatchingLogs() {
    final ObjectNode r = verify(verifier(chain.new Source()), range("r1", 2010, 2040));
    assertEquals("r1", r.get("requestId").asText());
    assertMatches(chain.placedIn(2010, 2040), r);
  }

  @Test
  void lyingSourceGivesATypedRejection() {
    final TestChain.Source src = chain.new Source();
    for (long n = 2000; n < 2080; n++) {
      src.tamperReceipts.put(n, j -> {
        final com.fasterxml.jackson.databind.node.ArrayNode a = (com.fasterxml.jackson.databind.node.ArrayNode) j;
        if (a.size() > 0) {
          a.remove(0);
        }
        return a;
      });
    }
    final ObjectNode r = verify(verifier(src), range("r2", 2010, 2040));
    assertEquals("REJECTED", r.get("status").asText(), r.toString());
  }

  @Test
  void untrustedRequestsAreTypedRejections() {
    final RequestVerifier v = verifier(chain.new Source());
    assertEquals("INPUT_MALFORMED", verify(v, "not json").get("reason").asText());
    assertEquals("fallback", verify(v, "not json").get("requestId").asText());
    assertEquals("INPUT_MALFORMED", verify(v, "{\"requestId\":\"x\",\"kind\":\"other\"}").get("reason").asText());
    assertEquals("INPUT_MALFORMED", verify(v, "{\"requestId\":\"x\",\"kind\":\"range\",\"fromBlock\":-1,"
        + "\"toBlock\":3}").get("reason").asText());
    assertEquals("PROOF_TOO_LARGE", verify(v, range("big", 0, 100_000)).get("reason").asText());
    assertEquals("INPUT_MALFORMED", verify(v, "{\"requestId\":\"x\",\"kind\":\"range\",\"fromBlock\":1,"
        + "\"toBlock\":3,\"emitters\":[\"0x12\"]}").get("reason").asText());
    final ObjectNode future = verify(v, range("f", 2070, 2090));
    assertEquals("UNAVAILABLE", future.get("status").asText());
    assertEquals("NOT_FINALIZED", future.get("reason").asText());
    final ObjectNode tx = verify(v, "{\"requestId\":\"t\",\"kind\":\"tx\",\"txHash\":\"0x" + "11".repeat(32) + "\"}");
    assertEquals("UNAVAILABLE", tx.get("status").asText(), "this source serves no transaction receipts");
  }
}
