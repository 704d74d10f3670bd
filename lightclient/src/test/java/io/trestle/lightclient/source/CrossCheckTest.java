package io.trestle.lightclient.source;

import io.trestle.lightclient.json.Versioned;
import static io.trestle.lightclient.source.TestServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.lightclient.config.Networks;
import io.trestle.lightclient.source.Fixtures.Recorder;
import io.trestle.lightclient.types.Fork;
import io.trestle.lightclient.types.LightClientFinalityUpdate;
import io.trestle.lightclient.types.Preset;
import io.trestle.proofs.json.RpcJson;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Fetching the same object from every endpoint and comparing. */
class CrossCheckTest {
  static final String FINALITY = "/eth/v1/beacon/light_client/finality_update";

  private final Recorder sleeper = new Recorder();
  private final List<TestServer> servers = new java.util.ArrayList<>();

  @AfterEach
  void close() {
    servers.forEach(TestServer::close);
  }

  private TestServer server(final TestServer.Responder r) throws IOException {
    final TestServer s = TestServer.start().on(FINALITY, r);
    servers.add(s);
    return s;
  }

  private BeaconApiClient client() {
    final List<Endpoint> eps = new java.util.ArrayList<>();
    servers.forEach(s -> eps.add(s.endpoint()));
    return new BeaconApiClient(eps, Networks.MAINNET, Fixtures.fast(sleeper));
  }

  /** Two helios updates as {version, data} finality-update-like objects. */
  private static List<String> twoUpdates() throws IOException {
    final JsonNode all = RpcJson.mapper().readTree(Fixtures.helios("updates.json"));
    return List.of(all.get(0).toString(), all.get(1).toString());
  }

  @Test
  void identicalAnswersAgree() throws IOException {
    final String u = twoUpdates().get(0);
    server(json(200, u));
    server(json(200, u));
    final CrossCheck.Outcome<Versioned<JsonNode>> o = CrossCheck.compare(client().finalityUpdateFromAll());
    assertTrue(o.agreed());
    assertEquals(2, o.answers().size());
    assertEquals(Fork.CAPELLA, o.agreedValue().orElseThrow().fork());
  }

  @Test
  void divergenceKeepsBothObjectsAndEndpoints() throws IOException {
    final List<String> us = twoUpdates();
    final TestServer s1 = server(json(200, us.get(0)));
    server(json(200, us.get(0)));
    final TestServer s3 = server(json(200, us.get(1)));
    final TestServer s4 = server(json(500, "{}"));
    final List<EndpointResult<Versioned<JsonNode>>> all = client().finalityUpdateFromAll();
    assertEquals(4, all.size());
    final CrossCheck.Outcome<Versioned<JsonNode>> o = CrossCheck.compare(all);
    assertFalse(o.agreed());
    assertEquals(3, o.answers().size());
    assertEquals(1, o.failures().size());
    assertEquals(s4.endpoint(), o.failures().get(0).endpoint());
    assertEquals(1, o.divergences().size());
    final Divergence<Versioned<JsonNode>> d = o.divergences().get(0);
    assertEquals(s1.endpoint(), d.endpointA());
    assertEquals(s3.endpoint(), d.endpointB());
    assertEquals(RpcJson.mapper().readTree(us.get(0)).get("data"), d.objectA().data());
    assertEquals(RpcJson.mapper().readTree(us.get(1)).get("data"), d.objectB().data());
    final SourceException e = assertThrows(SourceException.class, () -> CrossCheck.requireAgreement(all));
    assertEquals(SourceError.DIVERGENCE, e.error());
    assertTrue(e.detail().contains(s1.endpoint().label()) && e.detail().contains(s3.endpoint().label()));
  }

  @Test
  void sszAnswersCompareByRoot() throws IOException {
    final LightClientFinalityUpdate x = Fixtures.finality(Fork.DENEB, Preset.MAINNET, 9_000_000);
    final LightClientFinalityUpdate y = Fixtures.finality(Fork.DENEB, Preset.MAINNET, 9_000_032);
    server(TestServer.ssz("deneb", x.encode()));
    server(TestServer.ssz("deneb", y.encode()));
    final CrossCheck.Outcome<Versioned<LightClientFinalityUpdate>> o =
        CrossCheck.compareBy(client().finalityUpdateSszFromAll(), v -> v.data().hashTreeRoot());
    assertEquals(1, o.divergences().size());
    assertEquals(x, o.divergences().get(0).objectA().data());
    assertEquals(y, o.divergences().get(0).objectB().data());
  }

  @Test
  void noAnswerAtAllIsAllEndpointsFailed() throws IOException {
    server(json(200, "{broken"));
    server(json(404, "{}"));
    final List<EndpointResult<Versioned<JsonNode>>> all = client().finalityUpdateFromAll();
    assertEquals(SourceError.MALFORMED, ((EndpointResult.Failed<Versioned<JsonNode>>) all.get(0)).error().error());
    assertEquals(SourceError.NOT_FOUND, ((EndpointResult.Failed<Versioned<JsonNode>>) all.get(1)).error().error());
    final SourceException e = assertThrows(SourceException.class, () -> CrossCheck.requireAgreement(all));
    assertEquals(SourceError.ALL_ENDPOINTS_FAILED, e.error());
    assertEquals(2, e.failures().size());
  }
}
