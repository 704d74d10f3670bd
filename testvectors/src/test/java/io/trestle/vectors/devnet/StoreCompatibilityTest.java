package io.trestle.vectors.devnet;

import io.trestle.testkit.devnet.DevnetChain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.crypto.Hash32;
import io.trestle.lightclient.LightClient;
import io.trestle.lightclient.bls.SyncCommitteeVerifier;
import io.trestle.lightclient.spec.UpdateResult;
import io.trestle.lightclient.store.StoreFile.LoadResult;
import io.trestle.lightclient.store.StoreFile.SaveResult;
import io.trestle.lightclient.store.StoreFile;
import io.trestle.lightclient.config.Fork;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Persisted stores across the Gloas change: a file written by the release before Gloas support loads and
 * resumes; a Fulu store saved before the fork resumes after it from the file; a Gloas store round-trips.
 */
class StoreCompatibilityTest {
  @TempDir Path tmp;

  @Test
  void storeFileWrittenByThePreviousReleaseLoadsAndResumes() throws IOException {
    final DevnetChain chain = DevnetChain.generate(7);
    final Path dir = tmp.resolve("old");
    Files.createDirectories(dir);
    try (InputStream in = getClass().getResourceAsStream("/store-fixtures/electra-devnet-seed7-release-17e51a7.bin")) {
      Files.write(dir.resolve(StoreFile.STORE), in.readAllBytes());
    }
    final LoadResult r = StoreFile.in(dir, chain.config()).load();
    final LoadResult.Restored restored = assertInstanceOf(LoadResult.Restored.class, r, r.toString());
    // values recorded when the fixture was written (README.md next to it)
    assertEquals(41056, restored.verified().finalizedSlot());
    assertEquals(Hash32.fromHex("0xcac2fbbf768ada7cef08c0bfe97e563a29892f857410e3e762581d87d89f9517"),
        restored.verified().checksum());
    assertEquals(Fork.ELECTRA, restored.verified().store().fork());
    final LightClient lc = LightClient.restore(restored.verified(), SyncCommitteeVerifier.create()::verify);
    assertInstanceOf(UpdateResult.Applied.class, lc.processFinalityUpdate(chain.finalityUpdate(), chain.currentSlot()));
    assertEquals(chain.finalityUpdate().finalizedHeader().beacon(), lc.finalizedHeader().beacon());
  }

  @Test
  void fuluStoreSavedBeforeTheForkResumesAfterItAndTheGloasStoreRoundTrips() throws IOException {
    final DevnetChain chain = DevnetChain.generateGloasCrossing(3, 0);
    final LightClient.Initialized init = LightClient.initialize(chain.config(), SyncCommitteeVerifier.create()::verify,
        chain.checkpointRoot(), chain.bootstrap());
    final LightClient lc = init.client();
    for (int i = 0; i < 2; i++) {
      assertInstanceOf(UpdateResult.Applied.class, lc.processUpdate(chain.updates().get(i), chain.currentSlot()));
    }
    assertEquals(Fork.FULU, lc.store().fork());
    final Path dir = tmp.resolve("fulu");
    Files.createDirectories(dir);
    assertInstanceOf(SaveResult.Written.class, StoreFile.in(dir, chain.config()).save(lc.store()));
    final LightClient resumed = LightClient.restore(assertInstanceOf(LoadResult.Restored.class,
        StoreFile.in(dir, chain.config()).load()).verified(), SyncCommitteeVerifier.create()::verify);
    for (int i = 2; i < chain.updates().size(); i++) {
      final UpdateResult u = resumed.processUpdate(chain.updates().get(i), chain.currentSlot());
      assertInstanceOf(UpdateResult.Applied.class, u, "update " + i + ": " + u);
    }
    assertInstanceOf(UpdateResult.Applied.class,
        resumed.processFinalityUpdate(chain.finalityUpdate(), chain.currentSlot()));
    assertEquals(Fork.GLOAS, resumed.store().fork());
    assertInstanceOf(SaveResult.Written.class, StoreFile.in(dir, chain.config()).save(resumed.store()));
    final LoadResult.Restored again = assertInstanceOf(LoadResult.Restored.class,
        StoreFile.in(dir, chain.config()).load());
    assertEquals(resumed.store(), again.verified().store());
    assertTrue(again.verified().store().finalizedHeader().executionBlockHash().isPresent());
  }
}
