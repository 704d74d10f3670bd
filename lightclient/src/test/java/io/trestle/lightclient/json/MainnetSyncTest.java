package io.trestle.lightclient.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.LightClient;
import io.trestle.lightclient.bls.SyncCommitteeVerifier;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.config.Networks;
import io.trestle.lightclient.spec.UpdateRejection;
import io.trestle.lightclient.spec.UpdateResult;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientHeader;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.config.ChainConfig.Preset;
import io.trestle.lightclient.types.SyncAggregate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real Ethereum mainnet sync (helios testdata: bootstrap at slot 7069376, updates for periods 862-867)
 * with the real BLS verifier, plus mutations of that data that must be rejected with the right code.
 */
class MainnetSyncTest {
  /** Far enough after the last update's signature slot (7104191). */
  private static final long NOW = 7_200_000L;

  private static LightClientBootstrap bootstrap;
  private static List<LightClientUpdate> updates;

  @BeforeAll
  static void load() throws IOException {
    bootstrap = BeaconApiJson.bootstrap(BeaconApiJsonTest.bootstrapJson(), Preset.MAINNET).data();
    updates = new ArrayList<>();
    BeaconApiJson.updates(BeaconApiJsonTest.updatesJson(), Preset.MAINNET).forEach(v -> updates.add(v.data()));
  }

  private static LightClient client(final ChainConfig config) {
    final LightClient.Initialized init = LightClient.initialize(config, SyncCommitteeVerifier.create()::verify,
        BeaconApiJsonTest.BOOTSTRAP_ROOT, bootstrap);
    assertTrue(init.ok(), () -> "bootstrap rejected: " + init.rejection());
    return init.client();
  }

  @Test
  void allSixUpdatesApplyAndFinalityAdvancesPeriodByPeriod() {
    final LightClient lc = client(Networks.MAINNET);
    final Preset p = Preset.MAINNET;
    assertEquals(862, p.periodAtSlot(lc.finalizedHeader().beacon().slot()));
    for (int i = 0; i < updates.size(); i++) {
      final LightClientUpdate u = updates.get(i);
      // each update's finalized header is in the period the update is for (862 + i)
      assertEquals(862 + i, p.periodAtSlot(u.finalizedHeader().beacon().slot()));
      final UpdateResult r = lc.processUpdate(u, NOW);
      assertInstanceOf(UpdateResult.Applied.class, r, "update " + i + ": " + r);
      if (i == 0) {
        // period-862 update finalizes a slot before the bootstrap: it only supplies the next committee
        assertEquals(7069376L, lc.finalizedHeader().beacon().slot());
        assertTrue(lc.store().isNextSyncCommitteeKnown());
      } else {
        assertEquals(u.finalizedHeader(), lc.finalizedHeader(), "update " + i);
      }
    }
    final LightClientHeader fin = lc.finalizedHeader();
    assertEquals(7104096L, fin.beacon().slot());
    assertEquals(867, p.periodAtSlot(fin.beacon().slot()));
    assertEquals(updates.get(5).finalizedHeader().beacon().hashTreeRoot(), fin.beacon().hashTreeRoot());
    assertEquals(updates.get(5).attestedHeader(), lc.store().optimisticHeader());
  }

  private static LightClient atPeriod863() {
    final LightClient lc = client(Networks.MAINNET);
    assertInstanceOf(UpdateResult.Applied.class, lc.processUpdate(updates.get(0), NOW));
    return lc;
  }

  private static LightClientUpdate with(final LightClientUpdate u, final List<Hash32> nextBranch,
      final LightClientHeader finalized, final SyncAggregate agg, final long signatureSlot) {
    return new LightClientUpdate(u.attestedHeader(), u.nextSyncCommittee(), nextBranch, finalized,
        u.finalityBranch(), agg, signatureSlot);
  }

  private static void rejected(final UpdateRejection expected, final UpdateResult r) {
    final UpdateResult.Rejected rej = assertInstanceOf(UpdateResult.Rejected.class, r, String.valueOf(r));
    assertEquals(expected, rej.reason(), rej.detail());
  }

  @Test
  void flippedSignatureByteIsSignatureInvalid() {
    final LightClient lc = atPeriod863();
    final LightClientUpdate u = updates.get(1);
    final byte[] sig = u.syncAggregate().signature().toArray();
    sig[40] ^= 0x01;
    final SyncAggregate agg = new SyncAggregate(u.syncAggregate().bits(), Bytes.of(sig));
    rejected(UpdateRejection.SIGNATURE_INVALID,
        lc.processUpdate(with(u, u.nextSyncCommitteeBranch(), u.finalizedHeader(), agg, u.signatureSlot()), NOW));
    // the genuine update still applies afterwards: the rejection did not change the store
    assertInstanceOf(UpdateResult.Applied.class, lc.processUpdate(u, NOW));
  }

  @Test
  void wrongNetworkIsRejected() {
    // On Sepolia's schedule these slots are Deneb, so the Capella-encoded bootstrap (typed by its slot) is
    // the wrong fork, and so is the Capella-encoded update.
    final LightClient.Initialized onSepolia = LightClient.initialize(Networks.SEPOLIA,
        SyncCommitteeVerifier.create()::verify, BeaconApiJsonTest.BOOTSTRAP_ROOT, bootstrap);
    assertEquals(UpdateRejection.FORK_MISMATCH, onSepolia.rejection().reason());
    // Mainnet's schedule with Sepolia's genesis validators root: another signing domain.
    final LightClient lc = client(Networks.MAINNET.withGenesisValidatorsRoot(Networks.SEPOLIA.genesisValidatorsRoot()));
    rejected(UpdateRejection.SIGNATURE_INVALID, lc.processUpdate(updates.get(0), NOW));
  }

  @Test
  void changedNextCommitteeBranchElement() {
    final LightClient lc = client(Networks.MAINNET);
    final LightClientUpdate u = updates.get(0);
    final List<Hash32> branch = new ArrayList<>(u.nextSyncCommitteeBranch());
    final byte[] b = branch.get(3).toArray();
    b[0] ^= (byte) 0x80;
    branch.set(3, Hash32.of(b));
    rejected(UpdateRejection.NEXT_COMMITTEE_BRANCH_INVALID,
        lc.processUpdate(with(u, branch, u.finalizedHeader(), u.syncAggregate(), u.signatureSlot()), NOW));
  }

  @Test
  void changedFinalizedHeaderBreaksTheFinalityBranch() {
    final LightClient lc = atPeriod863();
    final LightClientUpdate u = updates.get(1);
    final LightClientHeader f = u.finalizedHeader();
    final LightClientHeader moved = new LightClientHeader(f.fork(),
        new io.trestle.lightclient.types.BeaconBlockHeader(f.beacon().slot(), f.beacon().proposerIndex() + 1,
            f.beacon().parentRoot(), f.beacon().stateRoot(), f.beacon().bodyRoot()),
        f.execution(), f.executionBranch());
    rejected(UpdateRejection.FINALITY_BRANCH_INVALID,
        lc.processUpdate(with(u, u.nextSyncCommitteeBranch(), moved, u.syncAggregate(), u.signatureSlot()), NOW));
  }

  @Test
  void signatureSlotInTheFuture() {
    final LightClient lc = client(Networks.MAINNET);
    final LightClientUpdate u = updates.get(0);
    rejected(UpdateRejection.FUTURE_SLOT, lc.processUpdate(u, u.signatureSlot() - 1));
  }

  @Test
  void zeroParticipation() {
    final LightClient lc = client(Networks.MAINNET);
    final LightClientUpdate u = updates.get(0);
    final SyncAggregate none = new SyncAggregate(Bytes.of(new byte[64]), u.syncAggregate().signature());
    rejected(UpdateRejection.INSUFFICIENT_PARTICIPATION,
        lc.processUpdate(with(u, u.nextSyncCommitteeBranch(), u.finalizedHeader(), none, u.signatureSlot()), NOW));
  }

  @Test
  void wrongCheckpointRoot() {
    final byte[] r = BeaconApiJsonTest.BOOTSTRAP_ROOT.toArray();
    r[31] ^= 1;
    final LightClient.Initialized init = LightClient.initialize(Networks.MAINNET,
        SyncCommitteeVerifier.create()::verify, Hash32.of(r), bootstrap);
    assertEquals(UpdateRejection.BOOTSTRAP_ROOT_MISMATCH, init.rejection().reason());
  }
}
