package io.trestle.lightclient.source;

import static io.trestle.lightclient.source.TestServer.json;
import static io.trestle.lightclient.source.TestServer.rpcError;
import static io.trestle.lightclient.source.TestServer.rpcResult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Address;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.source.Fixtures.Recorder;
import io.trestle.proofs.json.RpcJson;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import io.trestle.lightclient.source.ExecutionSource.BlockId;
import io.trestle.lightclient.source.SourceException.SourceError;

/** JSON-RPC envelope handling, parameters and the chain-id check. */
class ExecutionRpcClientTest {
  private final Recorder sleeper = new Recorder();
  private TestServer a;
  private TestServer b;

  @AfterEach
  void close() {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
  }

  private ExecutionRpcClient client(final TestServer... servers) {
    final List<Endpoint> eps = new java.util.ArrayList<>();
    for (final TestServer t : servers) {
      eps.add(t.endpoint());
    }
    return new ExecutionRpcClient(eps, Fixtures.fast(sleeper));
  }

  private JsonNode lastRequest(final TestServer s) throws IOException {
    final List<String> bodies = s.requestBodies();
    return RpcJson.mapper().readTree(bodies.get(bodies.size() - 1));
  }

  @Test
  void chainIdSendsAJsonRpc20Request() throws IOException {
    a = TestServer.start().on("/", rpcResult("\"0x1\""));
    assertEquals(1L, client(a).chainId());
    final JsonNode req = lastRequest(a);
    assertEquals("2.0", req.get("jsonrpc").asText());
    assertEquals("eth_chainId", req.get("method").asText());
    assertTrue(req.get("id").isIntegralNumber());
    assertEquals(0, req.get("params").size());
  }

  @Test
  void checkChainIdRejectsAnotherChain() throws IOException {
    a = TestServer.start().on("/", rpcResult("\"0x1\""));
    b = TestServer.start().on("/", rpcResult("\"0xaa36a7\"")); // sepolia, 11155111
    assertEquals(1L, client(a).checkChainId(1));
    final SourceException e = assertThrows(SourceException.class, () -> client(a, b).checkChainId(1));
    assertEquals(SourceError.WRONG_NETWORK, e.error());
    assertEquals(b.endpoint(), e.endpoint().orElseThrow());
    assertTrue(e.detail().contains("11155111") && e.detail().contains(" 1 "), e.detail());
  }

  @Test
  void chainIdWithLeadingZerosIsMalformed() throws IOException {
    a = TestServer.start().on("/", rpcResult("\"0x01\""));
    assertEquals(SourceError.MALFORMED, assertThrows(SourceException.class, () -> client(a).chainId()).error());
  }

  @Test
  void rpcErrorIsTypedWithCodeAndMessage() throws IOException {
    a = TestServer.start().on("/", rpcError(-32000, "header not found"));
    final SourceException e = assertThrows(SourceException.class,
        () -> client(a).getBlockByNumber(BlockId.number(16), false));
    assertEquals(SourceError.RPC_ERROR, e.error());
    assertEquals(-32000L, e.rpcCode().getAsLong());
    assertTrue(e.detail().contains("header not found"), e.detail());
    assertEquals(1, a.total());
  }

  @Test
  void methodNotFoundIsUnsupported() throws IOException {
    a = TestServer.start().on("/", rpcError(-32601, "the method eth_getBlockReceipts does not exist"));
    final SourceException e = assertThrows(SourceException.class,
        () -> client(a).getBlockReceipts(BlockId.latest()));
    assertEquals(SourceError.UNSUPPORTED, e.error());
    assertEquals(-32601L, e.rpcCode().getAsLong());
  }

  @Test
  void nullResultIsNotFound() throws IOException {
    a = TestServer.start().on("/", rpcResult("null"));
    final SourceException e = assertThrows(SourceException.class,
        () -> client(a).getTransactionReceipt(Fixtures.h(9)));
    assertEquals(SourceError.NOT_FOUND, e.error());
  }

  @Test
  void envelopeViolationsAreMalformed() throws IOException {
    a = TestServer.start().on("/", json(200, "{\"jsonrpc\":\"2.0\",\"id\":999999,\"result\":\"0x1\"}"));
    SourceException e = assertThrows(SourceException.class, () -> client(a).chainId());
    assertEquals(SourceError.MALFORMED, e.error());
    assertTrue(e.detail().contains("does not match"), e.detail());
    a.on("/", (ex, req) -> json(200, "{\"jsonrpc\":\"1.0\",\"id\":" + TestServer.idOf(req) + ",\"result\":\"0x1\"}")
        .respond(ex, req));
    assertEquals(SourceError.MALFORMED, assertThrows(SourceException.class, () -> client(a).chainId()).error());
    a.on("/", (ex, req) -> json(200, "{\"jsonrpc\":\"2.0\",\"id\":" + TestServer.idOf(req) + "}").respond(ex, req));
    assertEquals(SourceError.MALFORMED, assertThrows(SourceException.class, () -> client(a).chainId()).error());
    a.on("/", json(200, "[1,2]"));
    assertEquals(SourceError.MALFORMED, assertThrows(SourceException.class, () -> client(a).chainId()).error());
    a.on("/", (ex, req) -> json(200, "{\"jsonrpc\":\"2.0\",\"id\":" + TestServer.idOf(req)
        + ",\"error\":{\"message\":\"no code\"}}").respond(ex, req));
    assertEquals(SourceError.MALFORMED, assertThrows(SourceException.class, () -> client(a).chainId()).error());
  }

  @Test
  void getProofSendsAddressSlotsAndBlock() throws IOException {
    a = TestServer.start().on("/", rpcResult("{\"accountProof\":[]}"));
    final Address addr = Address.fromHex("0x00000000219ab540356cbb839cbe05303d7705fa");
    final Hash32 slot = Fixtures.h(1);
    final JsonNode r = client(a).getProof(addr, List.of(slot), BlockId.number(0x10d4f));
    assertTrue(r.get("accountProof").isArray());
    final JsonNode p = lastRequest(a).get("params");
    assertEquals("eth_getProof", lastRequest(a).get("method").asText());
    assertEquals("0x00000000219ab540356cbb839cbe05303d7705fa", p.get(0).asText());
    assertEquals(slot.toHex(), p.get(1).get(0).asText());
    assertEquals("0x10d4f", p.get(2).asText());
  }

  @Test
  void blockAndTransactionMethodsSendTheirParameters() throws IOException {
    a = TestServer.start().on("/", rpcResult("{\"number\":\"0x0\"}"));
    final ExecutionRpcClient c = client(a);
    c.getBlockByNumber(BlockId.finalized(), true);
    assertEquals("[\"finalized\",true]", lastRequest(a).get("params").toString());
    c.getBlockByHash(Fixtures.h(2), false);
    assertEquals("[\"" + Fixtures.h(2).toHex() + "\",false]", lastRequest(a).get("params").toString());
    c.getBlockReceipts(BlockId.hash(Fixtures.h(3)));
    assertEquals("eth_getBlockReceipts", lastRequest(a).get("method").asText());
    assertEquals("[\"" + Fixtures.h(3).toHex() + "\"]", lastRequest(a).get("params").toString());
    c.getTransactionByHash(Fixtures.h(4));
    assertEquals("eth_getTransactionByHash", lastRequest(a).get("method").asText());
    c.getBlockByNumber(BlockId.number(0), false);
    assertEquals("[\"0x0\",false]", lastRequest(a).get("params").toString());
    assertThrows(IllegalArgumentException.class, () -> c.getBlockByNumber(BlockId.hash(Fixtures.h(1)), false));
    assertThrows(IllegalArgumentException.class, () -> new BlockId.Tag("newest"));
  }

  @Test
  void rpcFailsOverToTheNextEndpoint() throws IOException {
    a = TestServer.start().on("/", json(503, "{}"));
    b = TestServer.start().on("/", rpcResult("\"0x1\""));
    final ExecutionRpcClient c = client(a, b);
    assertEquals(1L, c.chainId());
    assertEquals(b.endpoint(), c.preferredEndpoint());
    assertEquals(3, a.total());
  }
}
