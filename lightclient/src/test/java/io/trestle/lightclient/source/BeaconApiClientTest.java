package io.trestle.lightclient.source;

import io.trestle.lightclient.json.Versioned;
import static io.trestle.lightclient.source.TestServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.config.Networks;
import io.trestle.lightclient.source.Fixtures.Recorder;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientFinalityUpdate;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.config.ChainConfig.Preset;
import io.trestle.proofs.json.RpcJson;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import io.trestle.lightclient.source.SourceException.SourceError;

/** Beacon light-client endpoints in JSON (helios mainnet capella data) and SSZ (objects built and encoded here). */
class BeaconApiClientTest {
  static final String LC = "/eth/v1/beacon/light_client";
  static final String FINALITY = LC + "/finality_update";
  static final String GENESIS = "/eth/v1/beacon/genesis";
  static final Hash32 ROOT = Hash32.fromHex("0x" + "ab".repeat(32));
  static final String SEPOLIA_GENESIS = "{\"data\":{\"genesis_time\":\"1655733600\",\"genesis_validators_root\":"
      + "\"0xd8ea171f3c94aea21ebc42a1ed61052acf3f9209c00e4efbaaddac09ed9b8078\",\"genesis_fork_version\":"
      + "\"0x90000069\"}}";

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

  private BeaconApiClient mainnet(final TestServer... servers) {
    final List<Endpoint> eps = new java.util.ArrayList<>();
    for (final TestServer t : servers) {
      eps.add(t.endpoint());
    }
    return new BeaconApiClient(eps, Networks.MAINNET, Fixtures.fast(sleeper));
  }

  // ---------------------------------------------------------------- JSON

  @Test
  void bootstrapJsonFromHeliosData() throws IOException {
    a = TestServer.start().on(LC + "/bootstrap/" + ROOT.toHex(), json(200, Fixtures.helios("bootstrap.json")));
    // A patient timeout: this is the first request of the class (HTTP client start-up and class loading can
    // exceed Fixtures.fast's 400 ms on a loaded machine, which made this test retry and fail on the count).
    final BeaconApiClient patient = new BeaconApiClient(List.of(a.endpoint()), Networks.MAINNET,
        Fixtures.fast(sleeper).withRequestTimeout(java.time.Duration.ofSeconds(20)));
    final Versioned<JsonNode> v = patient.bootstrap(ROOT);
    assertEquals(Fork.CAPELLA, v.fork());
    assertEquals("7069376", v.data().get("header").get("beacon").get("slot").asText());
    assertEquals(List.of("application/json"), a.accepts());
  }

  @Test
  void updatesJsonFromHeliosData() throws IOException {
    // slot 7061719 of the first update is in period 7061719 / 8192 = 862
    a = TestServer.start().on(LC + "/updates?start_period=862&count=6", json(200, Fixtures.helios("updates.json")));
    final List<Versioned<JsonNode>> us = mainnet(a).updates(862, 6);
    assertEquals(6, us.size());
    assertTrue(us.stream().allMatch(u -> u.fork() == Fork.CAPELLA));
    assertEquals("7061719", us.get(0).data().get("attested_header").get("beacon").get("slot").asText());
  }

  @Test
  void updatesJsonMoreThanRequestedIsMalformed() throws IOException {
    a = TestServer.start().on(LC + "/updates?start_period=862&count=2", json(200, Fixtures.helios("updates.json")));
    final SourceException e = assertThrows(SourceException.class, () -> mainnet(a).updates(862, 2));
    assertEquals(SourceError.MALFORMED, e.error());
    assertTrue(e.detail().contains("6 updates for a request of 2"), e.detail());
  }

  @Test
  void updatesRangeIsSplitIntoRequestsOf128() throws IOException {
    final JsonNode all = RpcJson.mapper().readTree(Fixtures.helios("updates.json"));
    a = TestServer.start()
        .on(LC + "/updates?start_period=800&count=128", json(200, "[" + all.get(0) + "]"))
        .on(LC + "/updates?start_period=928&count=72", json(200, "[" + all.get(1) + "]"));
    final List<Versioned<JsonNode>> us = mainnet(a).updates(800, 200);
    assertEquals(2, us.size());
    assertEquals(all.get(1).get("data"), us.get(1).data());
    assertEquals(2, a.total());
    assertThrows(IllegalArgumentException.class, () -> mainnet(a).updates(800, 0));
    assertThrows(IllegalArgumentException.class, () -> mainnet(a).updates(-2L, 5));
  }

  @Test
  void updatesRangeStopsAtAnEmptyBatch() throws IOException {
    a = TestServer.start().on(LC + "/updates?start_period=1&count=128", json(200, "[]"));
    assertEquals(List.of(), mainnet(a).updates(1, 300));
    assertEquals(1, a.total());
  }

  @Test
  void finalityJsonWithUnknownOrInconsistentVersion() throws IOException {
    a = TestServer.start().on(FINALITY, json(200, "{\"version\":\"heze\",\"data\":{}}"));
    assertEquals(SourceError.UNSUPPORTED, assertThrows(SourceException.class, () -> mainnet(a).finalityUpdate())
        .error());
    a.on(FINALITY, json(200, "{\"version\":\"phase0\",\"data\":{}}"));
    assertEquals(SourceError.MALFORMED, assertThrows(SourceException.class, () -> mainnet(a).finalityUpdate())
        .error());
    a.on(FINALITY, json(200, "{\"version\":\"deneb\",\"data\":[]}"));
    assertEquals(SourceError.MALFORMED, assertThrows(SourceException.class, () -> mainnet(a).finalityUpdate())
        .error());
    a.on(FINALITY, TestServer.bytes(200, "application/json", "{\"version\":\"deneb\",\"data\":{}}".getBytes(),
        Map.of("Eth-Consensus-Version", "electra")));
    final SourceException e = assertThrows(SourceException.class, () -> mainnet(a).finalityUpdate());
    assertEquals(SourceError.MALFORMED, e.error());
    assertTrue(e.detail().contains("electra"), e.detail());
  }

  @Test
  void checkNetworkAcceptsMainnetAndNamesBothRootsOtherwise() throws IOException {
    a = TestServer.start().on(GENESIS, json(200, HttpBehaviourTest.MAINNET_GENESIS));
    b = TestServer.start().on(GENESIS, json(200, SEPOLIA_GENESIS));
    assertEquals(Networks.MAINNET.genesisValidatorsRoot(), mainnet(a).checkNetwork().genesisValidatorsRoot());
    final SourceException e = assertThrows(SourceException.class, () -> mainnet(a, b).checkNetwork());
    assertEquals(SourceError.WRONG_NETWORK, e.error());
    assertEquals(b.endpoint(), e.endpoint().orElseThrow());
    assertTrue(e.detail().contains("0xd8ea171f3c94aea21ebc42a1ed61052acf3f9209c00e4efbaaddac09ed9b8078"), e.detail());
    assertTrue(e.detail().contains("0x4b363db94e286120d76eb905340fdd4e54bfe9f06bf33ff6cf5ad27f511bfe95"), e.detail());
  }

  @Test
  void checkNetworkComparesGenesisForkVersion() throws IOException {
    a = TestServer.start().on(GENESIS,
        json(200, HttpBehaviourTest.MAINNET_GENESIS.replace("\"0x00000000\"", "\"0x90000069\"")));
    final SourceException e = assertThrows(SourceException.class, () -> mainnet(a).checkNetwork());
    assertEquals(SourceError.WRONG_NETWORK, e.error());
    assertTrue(e.detail().contains("0x90000069") && e.detail().contains("0x00000000"), e.detail());
  }

  @Test
  void checkNetworkToleratesAnUnreachableEndpoint() throws IOException {
    a = TestServer.start().on(GENESIS, json(500, "{}"));
    b = TestServer.start().on(GENESIS, json(200, HttpBehaviourTest.MAINNET_GENESIS));
    assertEquals(1606824023L, mainnet(a, b).checkNetwork().genesisTime());
  }

  // ---------------------------------------------------------------- SSZ

  @Test
  void finalityUpdateSszUsesTheConsensusVersionHeader() throws IOException {
    final LightClientFinalityUpdate u = Fixtures.finality(Fork.CAPELLA, Preset.MAINNET, 7_000_000);
    a = TestServer.start().on(FINALITY, TestServer.ssz("capella", u.encode()));
    final Versioned<LightClientFinalityUpdate> v = mainnet(a).finalityUpdateSsz();
    assertEquals(Fork.CAPELLA, v.fork());
    assertEquals(u, v.data());
    assertEquals(7_000_000L, v.data().attestedHeader().beacon().slot());
    assertEquals(List.of("application/octet-stream"), a.accepts());
  }

  @Test
  void bootstrapSszMinimalAltair() throws IOException {
    final LightClientBootstrap bs = Fixtures.bootstrap(Fork.ALTAIR, Preset.MINIMAL, 64);
    a = TestServer.start().on(LC + "/bootstrap/" + ROOT.toHex(), TestServer.ssz("altair", bs.encode()));
    final BeaconApiClient c = new BeaconApiClient(List.of(a.endpoint()), Networks.MINIMAL, Fixtures.fast(sleeper));
    final Versioned<LightClientBootstrap> v = c.bootstrapSsz(ROOT);
    assertEquals(Fork.ALTAIR, v.fork());
    assertEquals(bs, v.data());
  }

  @Test
  void sszWithoutVersionHeaderOrWithJsonOrTruncatedIsMalformed() throws IOException {
    final byte[] ssz = Fixtures.finality(Fork.DENEB, Preset.MAINNET, 9_000_000).encode();
    a = TestServer.start().on(FINALITY, TestServer.bytes(200, "application/octet-stream", ssz, Map.of()));
    SourceException e = assertThrows(SourceException.class, () -> mainnet(a).finalityUpdateSsz());
    assertEquals(SourceError.MALFORMED, e.error());
    assertTrue(e.detail().contains("Eth-Consensus-Version"), e.detail());

    a.on(FINALITY, TestServer.bytes(200, "application/json", "{}".getBytes(),
        Map.of("Eth-Consensus-Version", "deneb")));
    assertEquals(SourceError.MALFORMED, assertThrows(SourceException.class, () -> mainnet(a).finalityUpdateSsz())
        .error());

    a.on(FINALITY, TestServer.ssz("deneb", Arrays.copyOf(ssz, ssz.length - 1)));
    e = assertThrows(SourceException.class, () -> mainnet(a).finalityUpdateSsz());
    assertEquals(SourceError.MALFORMED, e.error());
    assertTrue(e.detail().contains("invalid SSZ"), e.detail());

    // deneb bytes announced as capella: the execution header shape does not fit
    a.on(FINALITY, TestServer.ssz("capella", ssz));
    assertEquals(SourceError.MALFORMED, assertThrows(SourceException.class, () -> mainnet(a).finalityUpdateSsz())
        .error());
  }

  @Test
  void updatesSszChunksMapDigestsToForks() throws IOException {
    final LightClientUpdate capella = Fixtures.update(Fork.CAPELLA, Preset.MAINNET, 8_000_000);
    final LightClientUpdate deneb = Fixtures.update(Fork.DENEB, Preset.MAINNET, 9_000_000);
    a = TestServer.start().on(LC + "/updates?start_period=976&count=2", TestServer.bytes(200,
        "application/octet-stream", Fixtures.concat(Fixtures.chunk(Fixtures.MAINNET_CAPELLA_DIGEST, capella.encode()),
            Fixtures.chunk(Fixtures.MAINNET_DENEB_DIGEST, deneb.encode())), Map.of()));
    final List<Versioned<LightClientUpdate>> us = mainnet(a).updatesSsz(976, 2);
    assertEquals(2, us.size());
    assertEquals(Fork.CAPELLA, us.get(0).fork());
    assertEquals(capella, us.get(0).data());
    assertEquals(Fork.DENEB, us.get(1).fork());
    assertEquals(deneb, us.get(1).data());
  }

  @Test
  void updatesSszEmptyBodyIsNoUpdates() throws IOException {
    a = TestServer.start().on(LC + "/updates?start_period=5&count=3",
        TestServer.bytes(200, "application/octet-stream", new byte[0], Map.of()));
    assertEquals(List.of(), mainnet(a).updatesSsz(5, 3));
  }

  @Test
  void updatesSszBadFramingIsTyped() throws IOException {
    final byte[] one = Fixtures.chunk(Fixtures.MAINNET_CAPELLA_DIGEST,
        Fixtures.update(Fork.CAPELLA, Preset.MAINNET, 8_000_000).encode());
    final String path = LC + "/updates?start_period=976&count=2";
    a = TestServer.start();
    final BeaconApiClient c = mainnet(a);

    a.on(path, octets(Arrays.copyOf(one, one.length - 10))); // chunk cut short
    SourceException e = assertThrows(SourceException.class, () -> c.updatesSsz(976, 2));
    assertEquals(SourceError.MALFORMED, e.error());
    assertTrue(e.detail().contains("only"), e.detail());

    a.on(path, octets(Fixtures.concat(one, new byte[] {1, 0, 0}))); // truncated length prefix
    e = assertThrows(SourceException.class, () -> c.updatesSsz(976, 2));
    assertEquals(SourceError.MALFORMED, e.error());
    assertTrue(e.detail().contains("chunk 1"), e.detail());

    a.on(path, octets(new byte[] {2, 0, 0, 0, 0, 0, 0, 0, 1, 2})); // too short for a digest
    assertEquals(SourceError.MALFORMED, assertThrows(SourceException.class, () -> c.updatesSsz(976, 2)).error());

    final byte[] huge = one.clone();
    huge[7] = (byte) 0x80; // length 2^63 + n
    a.on(path, octets(huge));
    assertEquals(SourceError.MALFORMED, assertThrows(SourceException.class, () -> c.updatesSsz(976, 2)).error());

    a.on(path, octets(Fixtures.concat(one, one, one))); // more than asked
    e = assertThrows(SourceException.class, () -> c.updatesSsz(976, 2));
    assertEquals(SourceError.MALFORMED, e.error());

    final byte[] payload = Fixtures.update(Fork.CAPELLA, Preset.MAINNET, 8_000_000).encode();
    a.on(path, octets(Fixtures.chunk(Fixtures.MAINNET_CAPELLA_DIGEST, Arrays.copyOf(payload, payload.length - 8))));
    e = assertThrows(SourceException.class, () -> c.updatesSsz(976, 2)); // consistent framing, short payload
    assertEquals(SourceError.MALFORMED, e.error());
    assertTrue(e.detail().contains("invalid SSZ"), e.detail());
  }

  @Test
  void updatesSszDigestOfAnotherNetworkIsWrongNetwork() throws IOException {
    // Sepolia's capella digest differs from mainnet's: same payload, other genesis validators root
    final Bytes sepoliaCapella = io.trestle.lightclient.config.ChainConfig.forkDigest(
        Bytes.fromHex("0x90000072"), Networks.SEPOLIA.genesisValidatorsRoot());
    final byte[] body = Fixtures.chunk(sepoliaCapella.toHex(),
        Fixtures.update(Fork.CAPELLA, Preset.MAINNET, 8_000_000).encode());
    a = TestServer.start().on(LC + "/updates?start_period=976&count=1", octets(body));
    final SourceException e = assertThrows(SourceException.class, () -> mainnet(a).updatesSsz(976, 1));
    assertEquals(SourceError.WRONG_NETWORK, e.error());
    assertTrue(e.detail().contains(sepoliaCapella.toHex()) && e.detail().contains("mainnet"), e.detail());
  }

  @Test
  void mainnetDigestsArePublishedValues() {
    assertEquals(Fork.CAPELLA, Networks.MAINNET.forkOfDigest(Bytes.fromHex(Fixtures.MAINNET_CAPELLA_DIGEST)).get());
    assertEquals(Fork.DENEB, Networks.MAINNET.forkOfDigest(Bytes.fromHex(Fixtures.MAINNET_DENEB_DIGEST)).get());
  }

  private static TestServer.Responder octets(final byte[] body) {
    return TestServer.bytes(200, "application/octet-stream", body, Map.of());
  }
}
