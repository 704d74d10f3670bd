package io.trestle.lightclient.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.crypto.Hash32;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.config.Networks;
import io.trestle.lightclient.spec.LightClientStore;
import io.trestle.lightclient.spec.UpdateRejection;
import io.trestle.lightclient.types.BeaconBlockHeader;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.types.LightClientHeader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.trestle.lightclient.store.StoreFile.LoadResult;
import io.trestle.lightclient.store.StoreFile.SaveResult;
import io.trestle.lightclient.store.StoreFile.StoreError;
import io.trestle.lightclient.store.StoreFile.StoreFailure;
import io.trestle.lightclient.store.StoreFile.VerifiedStore;
import io.trestle.lightclient.store.StoreFile.WeakSubjectivity;

class StoreFileTest {
  private static final ChainConfig MAINNET = Networks.MAINNET;

  @TempDir
  Path dir;

  private StoreFile file() {
    return StoreFile.in(dir, MAINNET);
  }

  private LoadResult.Restored restored() {
    return assertInstanceOf(LoadResult.Restored.class, file().load());
  }

  private StoreFailure refused() {
    return assertInstanceOf(LoadResult.Refused.class, file().load()).failure();
  }

  private void save(final LightClientStore s) {
    assertInstanceOf(SaveResult.Written.class, file().save(s));
  }

  @Test
  void absentDirectoryOrFileIsEmpty() {
    assertEquals(new LoadResult.Absent(OptionalLong.empty()),
        StoreFile.in(dir.resolve("nothing-here"), MAINNET).load());
    assertEquals(new LoadResult.Absent(OptionalLong.empty()), file().load());
  }

  @Test
  void saveThenLoadResumesTheSameStore() throws IOException {
    final LightClientStore s = StoreFixtures.mainnetFull(1);
    final SaveResult.Written w = assertInstanceOf(SaveResult.Written.class, file().save(s));
    assertEquals(StoreFixtures.DENEB_SLOT, w.finalizedSlot());
    assertEquals(Files.size(dir.resolve(StoreFile.STORE)), w.bytes());
    final LoadResult.Restored r = restored();
    assertEquals(s, r.verified().store());
    assertEquals(w.checksum(), r.verified().checksum());
    final io.trestle.lightclient.LightClient client =
        io.trestle.lightclient.LightClient.restore(r.verified(), StoreFixtures.NO_SIGNATURES);
    assertSame(r.verified().store(), client.store());
    assertSame(MAINNET, client.config());
    assertEquals(s.finalizedHeader().execution().orElseThrow().blockHash(),
        client.finalizedExecution().orElseThrow().blockHash());
    assertFalse(Files.exists(dir.resolve(StoreFile.STORE + ".tmp")));
  }

  @Test
  void aStoreInitializedFromABootstrapSurvivesARestart() {
    final LightClientStore s = StoreFixtures.fromBootstrap(3);
    save(s);
    assertEquals(s, restored().verified().store());
  }

  @Test
  void damagedFilesAreRefusedWithWhatToDo() throws IOException {
    save(StoreFixtures.mainnetFull(1));
    final Path p = dir.resolve(StoreFile.STORE);
    final byte[] good = Files.readAllBytes(p);
    final byte[] flipped = good.clone();
    flipped[good.length / 2] ^= 1;
    Files.write(p, flipped);
    StoreFailure f = refused();
    assertEquals(StoreError.CORRUPT, f.kind());
    assertEquals(UpdateRejection.STATE_CORRUPT, f.reason());
    assertTrue(f.detail().contains("delete the store directory"), f.detail());
    assertTrue(f.detail().contains("resync from a trusted checkpoint"), f.detail());
    Files.write(p, Arrays.copyOf(good, good.length - 1));
    assertEquals(StoreError.CORRUPT, refused().kind());
    Files.write(p, new byte[0]);
    assertEquals(StoreError.CORRUPT, refused().kind());
    Files.write(p, new byte[StoreCodec.MAX_FILE_BYTES + 10]);
    assertEquals(StoreError.CORRUPT, refused().kind());
    Files.write(p, good);
    restored();
  }

  /** Writes a store's encoding directly (valid checksum), bypassing save's invariant check. */
  private void plant(final LightClientStore s) throws IOException {
    Files.write(dir.resolve(StoreFile.STORE), StoreCodec.encode(MAINNET, s));
  }

  private static LightClientStore withHeaders(final LightClientStore s, final LightClientHeader fin,
      final LightClientHeader opt) {
    return new LightClientStore(s.fork(), fin, s.currentSyncCommittee(), s.currentSyncCommitteeRoot(),
        s.nextSyncCommittee(), s.nextSyncCommitteeRoot(), s.bestValidUpdate(), opt,
        s.previousMaxActiveParticipants(), s.currentMaxActiveParticipants());
  }

  private void assertInvariantRefused(final LightClientStore bad, final String expectedInDetail) throws IOException {
    final SaveResult.Refused sr = assertInstanceOf(SaveResult.Refused.class, file().save(bad));
    assertEquals(StoreError.INVARIANT_VIOLATED, sr.failure().kind());
    assertFalse(Files.exists(dir.resolve(StoreFile.STORE)), "nothing written");
    plant(bad);
    final StoreFailure f = refused();
    assertEquals(StoreError.INVARIANT_VIOLATED, f.kind());
    assertEquals(UpdateRejection.STATE_CORRUPT, f.reason());
    assertTrue(f.detail().contains(expectedInDetail), f.detail());
    Files.delete(dir.resolve(StoreFile.STORE));
  }

  @Test
  void invariantsAreRecheckedNotJustTheChecksum() throws IOException {
    final LightClientStore s = StoreFixtures.mainnetFull(1);
    // a committee whose stored root is not its hash_tree_root
    assertInvariantRefused(new LightClientStore(s.fork(), s.finalizedHeader(), s.currentSyncCommittee(),
        Hash32.fromHex("0x" + "ab".repeat(32)), s.nextSyncCommittee(), s.nextSyncCommitteeRoot(), s.bestValidUpdate(),
        s.optimisticHeader(), 1, 2), "current_sync_committee hashes to");
    assertInvariantRefused(new LightClientStore(s.fork(), s.finalizedHeader(), s.currentSyncCommittee(),
        s.currentSyncCommitteeRoot(), s.nextSyncCommittee(), s.nextSyncCommitteeRoot().map(r -> Hash32.ZERO),
        s.bestValidUpdate(), s.optimisticHeader(), 1, 2), "next_sync_committee hashes to");
    // finalized after optimistic
    assertInvariantRefused(withHeaders(s, s.optimisticHeader(), s.finalizedHeader()), "is after the optimistic slot");
    // an execution branch that does not prove the execution header (body root changed)
    final BeaconBlockHeader b = s.finalizedHeader().beacon();
    final LightClientHeader forged = new LightClientHeader(s.fork(), new BeaconBlockHeader(b.slot(), b.proposerIndex(),
        b.parentRoot(), b.stateRoot(), Hash32.fromHex("0x" + "cd".repeat(32))), s.finalizedHeader().execution(),
        s.finalizedHeader().executionBranch());
    assertInvariantRefused(withHeaders(s, forged, s.optimisticHeader()), "EXECUTION_BRANCH_INVALID");
    // a Capella-shaped store at a Deneb slot (older than the finalized slot's fork)
    assertInvariantRefused(StoreFixtures.store(9, MAINNET, Fork.CAPELLA, StoreFixtures.DENEB_SLOT, false, false),
        "older than the finalized slot's fork");
  }

  @Test
  void aStoreUpgradedToALaterForkThanItsFinalizedSlotLoads() {
    // stores follow the newest fork seen: an Electra-shaped store whose finalized slot is still in Deneb
    final LightClientStore s = StoreFixtures.store(12, MAINNET, Fork.ELECTRA, StoreFixtures.DENEB_SLOT, true, false);
    save(s);
    assertEquals(s, restored().verified().store());
  }

  @Test
  void anotherNetworksStoreIsRefused() {
    save(StoreFixtures.mainnetFull(1));
    final LoadResult r = StoreFile.in(dir, Networks.SEPOLIA).load();
    final StoreFailure f = assertInstanceOf(LoadResult.Refused.class, r).failure();
    assertEquals(StoreError.WRONG_NETWORK, f.kind());
    assertEquals(UpdateRejection.STATE_CORRUPT, ((LoadResult.Refused) r).rejection().reason());
  }

  @Test
  void saveNeverMovesBackwards() throws IOException {
    final LightClientStore older = StoreFixtures.atSlot(21, StoreFixtures.DENEB_SLOT);
    final LightClientStore newer = StoreFixtures.atSlot(22, StoreFixtures.DENEB_SLOT + 8192);
    save(newer);
    final SaveResult.Refused r = assertInstanceOf(SaveResult.Refused.class, file().save(older));
    assertEquals(StoreError.ROLLBACK, r.failure().kind());
    assertEquals(newer, restored().verified().store());
    // the same finalized slot with other content is not a rollback
    save(StoreFixtures.atSlot(23, StoreFixtures.DENEB_SLOT + 8192));
  }

  @Test
  void anOlderCopyPutBackIsRefusedByTheHighWaterMark() throws IOException {
    final LightClientStore older = StoreFixtures.atSlot(21, StoreFixtures.DENEB_SLOT);
    save(older);
    final byte[] olderBytes = Files.readAllBytes(dir.resolve(StoreFile.STORE));
    final long newerSlot = StoreFixtures.DENEB_SLOT + 8192;
    save(StoreFixtures.atSlot(22, newerSlot));
    assertEquals(newerSlot, HighWater.decode(MAINNET.genesisValidatorsRoot(),
        Files.readAllBytes(dir.resolve(StoreFile.HIGH_WATER))));
    Files.write(dir.resolve(StoreFile.STORE), olderBytes);
    final StoreFailure f = refused();
    assertEquals(StoreError.ROLLBACK, f.kind());
    assertTrue(f.detail().contains(Long.toString(newerSlot)), f.detail());
    // deleting the store keeps the mark: an older store cannot be saved afterwards
    Files.delete(dir.resolve(StoreFile.STORE));
    assertEquals(new LoadResult.Absent(OptionalLong.of(newerSlot)), file().load());
    assertEquals(StoreError.ROLLBACK,
        assertInstanceOf(SaveResult.Refused.class, file().save(older)).failure().kind());
  }

  @Test
  void aCrashBetweenTheTwoRenamesLeavesALoadableStoreAndRaisesTheMark() throws IOException {
    save(StoreFixtures.atSlot(21, StoreFixtures.DENEB_SLOT));
    final LightClientStore newer = StoreFixtures.atSlot(22, StoreFixtures.DENEB_SLOT + 64);
    plant(newer); // store.bin renamed, highwater not yet
    assertEquals(newer, restored().verified().store());
    assertEquals(StoreFixtures.DENEB_SLOT + 64, HighWater.decode(MAINNET.genesisValidatorsRoot(),
        Files.readAllBytes(dir.resolve(StoreFile.HIGH_WATER))));
  }

  @Test
  void aDamagedHighWaterFileIsRefused() throws IOException {
    save(StoreFixtures.mainnetFull(1));
    final Path hw = dir.resolve(StoreFile.HIGH_WATER);
    final byte[] good = Files.readAllBytes(hw);
    assertEquals(HighWater.SIZE, good.length);
    for (int i = 0; i < good.length; i++) {
      final byte[] bad = good.clone();
      bad[i] ^= 0x10;
      Files.write(hw, bad);
      assertEquals(StoreError.CORRUPT, refused().kind(), "flip at " + i);
    }
    Files.write(hw, Arrays.copyOf(good, 50));
    assertEquals(StoreError.CORRUPT, refused().kind());
    assertEquals(StoreError.CORRUPT, assertInstanceOf(SaveResult.Refused.class,
        file().save(StoreFixtures.mainnetFull(1))).failure().kind());
    Files.write(hw, good);
    restored();
  }

  @Test
  void leftoverTemporaryFilesAreIgnoredAndRemoved() throws IOException {
    final LightClientStore s = StoreFixtures.mainnetFull(1);
    save(s);
    final byte[] garbage = new byte[1000];
    new Random(1).nextBytes(garbage);
    Files.write(dir.resolve(StoreFile.STORE + ".tmp"), garbage);
    Files.write(dir.resolve(StoreFile.HIGH_WATER + ".tmp"), garbage);
    assertEquals(s, restored().verified().store());
    assertFalse(Files.exists(dir.resolve(StoreFile.STORE + ".tmp")));
    assertFalse(Files.exists(dir.resolve(StoreFile.HIGH_WATER + ".tmp")));
  }

  @Test
  void weakSubjectivityAppliesToTheStoredState() {
    save(StoreFixtures.mainnetFull(1));
    final WeakSubjectivity ws = WeakSubjectivity.defaults(MAINNET);
    final long fin = StoreFixtures.DENEB_SLOT;
    assertInstanceOf(LoadResult.Restored.class,
        file().load(ws, fin + 100_800, false));
    final LoadResult.Refused r = assertInstanceOf(LoadResult.Refused.class,
        file().load(ws, fin + 100_801, false));
    assertEquals(StoreError.TOO_OLD, r.failure().kind());
    assertEquals(UpdateRejection.CHECKPOINT_TOO_OLD, r.rejection().reason());
    assertTrue(r.failure().detail().contains("--allow-old-checkpoint"), r.failure().detail());
    assertInstanceOf(LoadResult.Restored.class, file().load(ws, fin + 100_801, true));
  }

  @Test
  void fileSystemFailuresAreTypedNotThrown() throws IOException {
    final Path notADirectory = Files.write(dir.resolve("plain-file"), new byte[] {1});
    final StoreFile f = StoreFile.in(notADirectory, MAINNET);
    assertEquals(StoreError.IO,
        assertInstanceOf(SaveResult.Refused.class, f.save(StoreFixtures.mainnetFull(1))).failure().kind());
    assertEquals(StoreError.IO,
        assertInstanceOf(LoadResult.Refused.class, f.load()).failure().kind());
  }

  @Test
  void onlyTheLoaderCanVouchForAStore() {
    // LightClient.restore takes a VerifiedStore; nothing outside this package can construct one
    assertEquals(0, VerifiedStore.class.getConstructors().length);
  }
}
