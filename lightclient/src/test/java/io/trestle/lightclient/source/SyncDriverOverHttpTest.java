package io.trestle.lightclient.source;

import static io.trestle.lightclient.source.TestServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.crypto.Hash32;
import io.trestle.lightclient.bls.SyncCommitteeVerifier;
import io.trestle.lightclient.config.Networks;
import io.trestle.lightclient.spec.UpdateRejection;
import io.trestle.lightclient.store.StoreFile.LoadResult;
import io.trestle.lightclient.store.StoreFile;
import io.trestle.lightclient.store.StoreFile.WeakSubjectivity;
import io.trestle.lightclient.sync.SyncDriver;
import io.trestle.lightclient.sync.SyncDriver.SyncReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.trestle.lightclient.source.SourceException.SourceError;

/** The sync driver against a loopback beacon API serving the real mainnet helios light-client data. */
class SyncDriverOverHttpTest {
  static final String LC = "/eth/v1/beacon/light_client";
  static final Hash32 CHECKPOINT = Hash32.fromHex("0x5afc212a7924789b2bc86acad3ab3a6ffb1f6e97253ea50bee7f4f51422c9275");
  static final String MAINNET_GENESIS = "{\"data\":{\"genesis_time\":\"1606824023\",\"genesis_validators_root\":"
      + "\"0x4b363db94e286120d76eb905340fdd4e54bfe9f06bf33ff6cf5ad27f511bfe95\",\"genesis_fork_version\":"
      + "\"0x00000000\"}}";
  /** Just after the last update's signature slot (period 867), so the recorded data is current. */
  static final long NOW = 7110000;

  private TestServer server;

  @AfterEach
  void close() {
    if (server != null) {
      server.close();
    }
  }

  private TestServer honest(final String updates) throws IOException {
    return TestServer.start()
        .on("/eth/v1/beacon/genesis", json(200, MAINNET_GENESIS))
        .on(LC + "/bootstrap/" + CHECKPOINT, json(200, Fixtures.helios("bootstrap.json")))
        .on(LC + "/updates?start_period=862&count=6", json(200, updates))
        .on(LC + "/finality_update", json(404, "{\"code\":404,\"message\":\"no update\"}"))
        .on(LC + "/optimistic_update", json(404, "{\"code\":404,\"message\":\"no update\"}"));
  }

  private SyncDriver driver(final Path dir) {
    return SyncDriver.builder(Networks.MAINNET)
        .beaconApi(new BeaconApiClient(List.of(server.endpoint()), Networks.MAINNET, Fixtures.fast(new Fixtures.Recorder())))
        .signatures(SyncCommitteeVerifier.create())
        .store(StoreFile.in(dir, Networks.MAINNET))
        .checkpoint(CHECKPOINT)
        .weakSubjectivity(WeakSubjectivity.defaults(Networks.MAINNET), true) // 2023 data: explicitly allowed
        .clock(() -> NOW)
        .build();
  }

  @Test
  void syncsSixRealPeriodsPersistsAndResumes(@TempDir final Path dir) throws IOException {
    server = honest(Fixtures.helios("updates.json"));
    final SyncReport r = driver(dir).sync();
    assertEquals(SyncReport.Status.SYNCED, r.status(), r.events().toString());
    assertEquals(7104096, r.store().orElseThrow().finalizedHeader().beacon().slot());
    final LoadResult loaded = StoreFile.in(dir, Networks.MAINNET).load();
    final LoadResult.Restored restored = assertInstanceOf(LoadResult.Restored.class, loaded);
    assertEquals(7104096, restored.verified().finalizedSlot());
    // A second driver on the same store resumes without fetching the bootstrap again.
    final int bootstraps = server.count(LC + "/bootstrap/" + CHECKPOINT);
    final SyncReport again = driver(dir).sync();
    assertEquals(SyncReport.Status.SYNCED, again.status());
    assertEquals(bootstraps, server.count(LC + "/bootstrap/" + CHECKPOINT));
    assertTrue(again.events().stream().anyMatch(e -> e.message().startsWith("resumed")));
  }

  @Test
  void aTamperedUpdateStopsTheSyncAndTheStoreKeepsOnlyVerifiedData(@TempDir final Path dir) throws IOException {
    // Flip one byte of the fourth update's signature (period 865).
    final String updates = Fixtures.helios("updates.json");
    final int sig = nthIndexOf(updates, "\"sync_committee_signature\"", 3);
    final int hex = updates.indexOf("0x", sig) + 2;
    final char c = updates.charAt(hex + 10);
    final String tampered = updates.substring(0, hex + 10) + (c == 'a' ? 'b' : 'a') + updates.substring(hex + 11);
    server = honest(tampered);
    final SyncReport r = driver(dir).sync();
    assertEquals(SyncReport.Status.REJECTED, r.status());
    assertEquals(UpdateRejection.SIGNATURE_INVALID, r.rejection().orElseThrow().reason());
    final long kept = r.store().orElseThrow().finalizedHeader().beacon().slot();
    assertTrue(kept < 7104096, "finalized slot " + kept);
    final LoadResult.Restored restored = assertInstanceOf(LoadResult.Restored.class,
        StoreFile.in(dir, Networks.MAINNET).load());
    assertEquals(kept, restored.verified().finalizedSlot());
  }

  @Test
  void aWrongNetworkServerIsRefusedBeforeAnythingIsFetched(@TempDir final Path dir) throws IOException {
    server = honest(Fixtures.helios("updates.json")).on("/eth/v1/beacon/genesis",
        json(200, BeaconApiClientTest.SEPOLIA_GENESIS));
    final SyncReport r = driver(dir).sync();
    assertEquals(SyncReport.Status.CONFIG_ERROR, r.status());
    assertEquals(SourceError.WRONG_NETWORK, r.sourceError().orElseThrow().error());
    assertEquals(0, server.count(LC + "/bootstrap/" + CHECKPOINT));
  }

  private static int nthIndexOf(final String s, final String needle, final int n) {
    int i = -1;
    for (int k = 0; k <= n; k++) {
      i = s.indexOf(needle, i + 1);
    }
    return i;
  }
}
