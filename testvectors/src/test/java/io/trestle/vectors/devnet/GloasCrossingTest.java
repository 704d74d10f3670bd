package io.trestle.vectors.devnet;

import io.trestle.testkit.devnet.DevnetChain;
import static io.trestle.testkit.assertions.TrestleAssertions.assertApplied;
import static io.trestle.testkit.assertions.TrestleAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.crypto.Hash32;
import io.trestle.lightclient.LightClient;
import io.trestle.lightclient.bls.SyncCommitteeVerifier;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.json.BeaconApiJson;
import io.trestle.lightclient.json.Versioned;
import io.trestle.lightclient.spec.LightClientStore;
import io.trestle.lightclient.internal.spec.SyncProtocol;
import io.trestle.lightclient.spec.UpdateRejection;
import io.trestle.lightclient.spec.UpdateResult;
import io.trestle.lightclient.internal.spec.Upgrades;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientFinalityUpdate;
import io.trestle.lightclient.types.LightClientHeader;
import io.trestle.lightclient.types.LightClientOptimisticUpdate;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.config.ChainConfig.Preset;
import io.trestle.proofs.ssz.MerkleBranch;
import io.trestle.proofs.ssz.SszException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Fulu→Gloas crossing devnet ({@link DevnetChain#generateGloasCrossing}) through the production light
 * client, and the adversarial cases of issue 7 on its data. Expected values come from the generator's
 * layout (which builds roots from progressive-container field lists, not from gindices), from the spec
 * (depths 9/11/11, sizes), and from the schedule (period 4 starts Gloas), never from the verifier.
 */
class GloasCrossingTest {
  private static DevnetChain chain;
  private static final Preset P = Preset.MAINNET;

  @BeforeAll
  static void generate() {
    chain = DevnetChain.generateGloasCrossing(11, 2);
  }

  private static LightClient bootstrapped() {
    final LightClient.Initialized init = LightClient.initialize(chain.config(), SyncCommitteeVerifier.create()::verify,
        chain.checkpointRoot(), chain.bootstrap());
    assertTrue(init.ok(), () -> "bootstrap rejected: " + init.rejection());
    return init.client();
  }

  private static long gloasSlot() {
    return chain.gloasForkEpoch().getAsLong() * P.slotsPerEpoch();
  }

  @Test
  void scheduleCrossesAtAPeriodBoundary() {
    final long epoch = chain.gloasForkEpoch().orElseThrow();
    assertEquals(DevnetChain.GLOAS_FORK_PERIOD * 256, epoch);
    assertEquals(Optional.of(Fork.FULU), chain.config().forkAtEpoch(epoch - 1));
    assertEquals(Optional.of(Fork.GLOAS), chain.config().forkAtEpoch(epoch));
    assertEquals(Fork.FULU, chain.bootstrap().fork());
    final List<Fork> forks = chain.updates().stream().map(LightClientUpdate::fork).toList();
    assertEquals(List.of(Fork.FULU, Fork.FULU, Fork.GLOAS, Fork.GLOAS, Fork.GLOAS), forks);
    // continues at least two periods after the fork
    final long lastPeriod = P.periodAtSlot(chain.finalityUpdate().finalizedHeader().beacon().slot());
    assertTrue(lastPeriod >= DevnetChain.GLOAS_FORK_PERIOD + 2, "last period " + lastPeriod);
  }

  @Test
  void gloasContainersHaveTheSpecSizesAndDepths() {
    final LightClientUpdate u = chain.updates().get(2);
    assertEquals(496, u.attestedHeader().encode().length);
    assertEquals(11, u.attestedHeader().executionBranch().size());
    assertEquals(11, u.nextSyncCommitteeBranch().size());
    assertEquals(9, u.finalityBranch().size());
    assertEquals(26424, u.encode().length);
    assertEquals(1448, chain.finalityUpdate().encode().length);
    assertEquals(664, chain.optimisticUpdate().encode().length);
    // SSZ round trip, and hash_tree_root survives it
    final LightClientUpdate back = LightClientUpdate.decode(u.encode(), Fork.GLOAS, P);
    assertEquals(u, back);
    assertEquals(u.hashTreeRoot(), back.hashTreeRoot());
    // a Gloas update decoded with Fulu's layout is an SSZ error, not a silently different object
    assertTrue(assertThrowsSsz(() -> LightClientUpdate.decode(u.encode(), Fork.FULU, P)));
  }

  private static boolean assertThrowsSsz(final Runnable r) {
    try {
      r.run();
      return false;
    } catch (SszException | IllegalArgumentException e) {
      return true;
    }
  }

  @Test
  void beaconApiJsonRoundTripsWithVersionGloas() {
    final String json = chain.updatesJson();
    final List<Versioned<LightClientUpdate>> parsed = BeaconApiJson.updates(json, P);
    assertEquals(5, parsed.size());
    assertEquals(Fork.GLOAS, parsed.get(2).fork());
    assertEquals(chain.updates().get(2), parsed.get(2).data());
    assertTrue(json.contains("\"version\":\"gloas\""));
    assertTrue(json.contains("\"execution_block_hash\""));
    final Versioned<LightClientFinalityUpdate> fin =
        BeaconApiJson.finalityUpdate(chain.finalityUpdateJson(), P);
    assertEquals(chain.finalityUpdate(), fin.data());
  }

  @Test
  void followsTheChainAcrossTheFork() {
    final LightClient lc = bootstrapped();
    assertEquals(Fork.FULU, lc.store().fork());
    int i = 0;
    for (final LightClientUpdate u : chain.updates()) {
      final UpdateResult r = lc.processUpdate(u, chain.currentSlot());
      assertApplied(r);
      assertEquals(u.fork() == Fork.GLOAS ? Fork.GLOAS : Fork.FULU, lc.store().fork(), "store fork after " + i);
      i++;
    }
    assertApplied(lc.processFinalityUpdate(chain.finalityUpdate(), chain.currentSlot()));
    assertApplied(lc.processOptimisticUpdate(chain.optimisticUpdate(), chain.currentSlot()));
    final LightClientHeader fin = lc.finalizedHeader();
    assertEquals(Fork.GLOAS, fin.fork());
    assertEquals(chain.finalityUpdate().finalizedHeader().beacon(), fin.beacon());
    // the finalized header names the finalized execution block the generator made (the parent's payload)
    assertEquals(Optional.of(chain.finalizedBlockHash()), fin.executionBlockHash());
    assertEquals(chain.finalizedBlockHash(), new SyncProtocol(chain.config(), (c, r, a, s) -> false)
        .getLcExecutionRoot(fin));
  }

  @Test
  void storeUpgradeAtTheBoundaryKeepsTheFuluFinalizedHeaderProvable() {
    final LightClient lc = bootstrapped();
    assertApplied(lc.processUpdate(chain.updates().get(0), chain.currentSlot()));
    assertApplied(lc.processUpdate(chain.updates().get(1), chain.currentSlot()));
    final LightClientStore fulu = lc.store();
    final LightClientHeader fuluFinal = fulu.finalizedHeader();
    // upgrade_lc_store_to_gloas before any Gloas data (the spec allows it before the fork epoch)
    assertApplied(lc.upgradeStore(Fork.GLOAS));
    final LightClientHeader up = lc.store().finalizedHeader();
    assertEquals(Fork.GLOAS, up.fork());
    assertEquals(fuluFinal.beacon(), up.beacon());
    assertEquals(Optional.of(fuluFinal.execution().orElseThrow().blockHash()), up.executionBlockHash());
    // Deneb-layout payload header: 5 inner + 4 outer nodes, normalized to 11 with two leading zeros
    assertEquals(Hash32.ZERO, up.executionBranch().get(0));
    assertEquals(Hash32.ZERO, up.executionBranch().get(1));
    assertTrue(MerkleBranch.isValidNormalized(up.executionBlockHash().get(), up.executionBranch(), 812,
        up.beacon().bodyRoot()));
    // get_lc_execution_root recomputes the old payload header root from the branch
    final SyncProtocol protocol = new SyncProtocol(chain.config(), (c, r, a, s) -> false);
    assertEquals(fuluFinal.execution().get().hashTreeRoot(), protocol.getLcExecutionRoot(up));
    assertEquals(Optional.empty(), protocol.validateHeader(up, "upgraded"));
    // the upgraded store goes on across the fork
    for (int i = 2; i < chain.updates().size(); i++) {
      assertApplied(lc.processUpdate(chain.updates().get(i), chain.currentSlot()));
    }
    assertEquals(chain.updates().get(chain.updates().size() - 1).finalizedHeader().beacon(),
        lc.finalizedHeader().beacon());
  }

  @Test
  void wrongForkLabelIsRejectedNeverRetyped() {
    final LightClient lc = bootstrapped();
    lc.processUpdate(chain.updates().get(0), chain.currentSlot());
    lc.processUpdate(chain.updates().get(1), chain.currentSlot());
    final LightClientUpdate gloas = chain.updates().get(2);
    // a server labelling Gloas data as fulu: decoding with the fulu layout fails, and a fulu-shaped copy of a
    // Gloas-slot object (the wrong type for its attested slot) is FORK_MISMATCH
    final LightClientUpdate fuluShaped = new LightClientUpdate(
        fuluHeaderAt(gloas.attestedHeader()),
        gloas.nextSyncCommittee(), gloas.nextSyncCommitteeBranch().subList(5, 11), fuluHeaderAt(gloas.finalizedHeader()),
        gloas.finalityBranch().subList(2, 9), gloas.syncAggregate(), gloas.signatureSlot());
    final UpdateResult r = lc.processUpdate(fuluShaped, chain.currentSlot());
    assertRejected(r, UpdateRejection.FORK_MISMATCH);
    // a Fulu-slot update labelled gloas (upgraded by the server): FORK_MISMATCH too
    final LightClientUpdate fulu = chain.updates().get(1);
    final LightClientUpdate relabelled = Upgrades.update(fulu, Fork.GLOAS, chain.config());
    final LightClient fresh = bootstrapped();
    fresh.processUpdate(chain.updates().get(0), chain.currentSlot());
    final UpdateResult r2 = fresh.processUpdate(relabelled, chain.currentSlot());
    assertRejected(r2, UpdateRejection.FORK_MISMATCH);
    // a Gloas bootstrap label on a Fulu-slot bootstrap
    final LightClientBootstrap b = Upgrades.bootstrap(chain.bootstrap(), Fork.GLOAS, chain.config());
    final LightClient.Initialized init = LightClient.initialize(chain.config(), SyncCommitteeVerifier.create()::verify,
        chain.checkpointRoot(), b);
    assertEquals(UpdateRejection.FORK_MISMATCH, init.rejection().reason());
  }

  private static LightClientHeader fuluHeaderAt(final LightClientHeader g) {
    return new LightClientHeader(Fork.FULU, g.beacon(),
        Optional.of(io.trestle.lightclient.types.ExecutionPayloadHeader.empty(Fork.FULU)),
        g.executionBranch().subList(7, 11));
  }

  private static LightClient atGloas() {
    final LightClient lc = bootstrapped();
    lc.processUpdate(chain.updates().get(0), chain.currentSlot());
    lc.processUpdate(chain.updates().get(1), chain.currentSlot());
    return lc;
  }

  @Test
  void electraDepthBranchInAGloasUpdateIsRejected() {
    final LightClientUpdate u = chain.updates().get(2);
    // Electra depths (finality 7, next committee 6) inside a Gloas-typed update
    final LightClientUpdate shortFinality = new LightClientUpdate(u.attestedHeader(), u.nextSyncCommittee(),
        u.nextSyncCommitteeBranch(), u.finalizedHeader(), u.finalityBranch().subList(2, 9), u.syncAggregate(),
        u.signatureSlot());
    final UpdateResult r = atGloas().processUpdate(shortFinality, chain.currentSlot());
    assertRejected(r, UpdateRejection.FINALITY_BRANCH_INVALID);
    final LightClientUpdate shortNext = new LightClientUpdate(u.attestedHeader(), u.nextSyncCommittee(),
        u.nextSyncCommitteeBranch().subList(5, 11), u.finalizedHeader(), u.finalityBranch(), u.syncAggregate(),
        u.signatureSlot());
    final UpdateResult r2 = atGloas().processUpdate(shortNext, chain.currentSlot());
    assertRejected(r2, UpdateRejection.NEXT_COMMITTEE_BRANCH_INVALID);
    // and an Electra-depth execution branch cannot even form a Gloas header
    assertTrue(assertThrowsSsz(() -> LightClientHeader.gloas(u.attestedHeader().beacon(),
        u.attestedHeader().executionBlockHash().get(), u.attestedHeader().executionBranch().subList(7, 11))));
  }

  @Test
  void nonZeroPaddingInANormalizedBranchIsRejected() {
    // The Fulu finalized header upgraded into the Gloas store has two zero pads; a non-zero pad that still
    // hashes nowhere must be refused even though the 9 real nodes are right.
    final LightClient lc = atGloas();
    assertApplied(lc.upgradeStore(Fork.GLOAS));
    final LightClientHeader up = lc.store().finalizedHeader();
    final List<Hash32> padded = new ArrayList<>(up.executionBranch());
    padded.set(0, Hash32.fromHex("0x" + "01".repeat(32)));
    final LightClientHeader bad = LightClientHeader.gloas(up.beacon(), up.executionBlockHash().get(), padded);
    final SyncProtocol protocol = new SyncProtocol(chain.config(), (c, r, a, s) -> true);
    assertEquals(UpdateRejection.EXECUTION_BRANCH_INVALID,
        protocol.validateHeader(bad, "finalized").orElseThrow().reason());
    // in an update: a padded finality branch of a Fulu-era attested header normalized to 9
    final LightClientUpdate fulu = Upgrades.update(chain.updates().get(1), Fork.GLOAS, chain.config());
    final List<Hash32> fb = new ArrayList<>(fulu.finalityBranch());
    assertEquals(Hash32.ZERO, fb.get(0));
    fb.set(0, Hash32.fromHex("0x" + "02".repeat(32)));
    final LightClientStore fuluStore = bootstrappedAfterFirst();
    final LightClientStore gloasStore = Upgrades.store(fuluStore, Fork.GLOAS, chain.config());
    final UpdateResult r = new SyncProtocol(chain.config(), SyncCommitteeVerifier.create()::verify).tryProcess(
        gloasStore, new LightClientUpdate(fulu.attestedHeader(), fulu.nextSyncCommittee(), fulu.nextSyncCommitteeBranch(),
            fulu.finalizedHeader(), fb, fulu.syncAggregate(), fulu.signatureSlot()), chain.currentSlot());
    assertRejected(r, UpdateRejection.FORK_MISMATCH);
    // the same padding reached through the protocol's own upgrade of Fulu data into a Gloas store
    final LightClientUpdate fuluWire = chain.updates().get(1);
    final UpdateResult ok = new SyncProtocol(chain.config(), SyncCommitteeVerifier.create()::verify).tryProcess(
        gloasStore, fuluWire, chain.currentSlot());
    assertApplied(ok);
  }

  private static LightClientStore bootstrappedAfterFirst() {
    final LightClient lc = bootstrapped();
    lc.processUpdate(chain.updates().get(0), chain.currentSlot());
    return lc.store();
  }

  @Test
  void updateSignedUnderTheFuluDomainAfterTheForkIsRejected() {
    final LightClientUpdate u = chain.updates().get(2);
    assertTrue(u.signatureSlot() > gloasSlot());
    // the same schedule without Gloas: the Fulu fork version signs
    final List<ChainConfig.ForkEntry> schedule = new ArrayList<>();
    for (final ChainConfig.ForkEntry e : chain.config().schedule()) {
      if (e.fork() != Fork.GLOAS) {
        schedule.add(e);
      }
    }
    final ChainConfig fuluOnly = ChainConfig.of("fulu-forever", P, chain.config().genesisValidatorsRoot(), 0, 12,
        java.util.OptionalLong.empty(), schedule, ChainConfig.FAR_FUTURE_EPOCH);
    final LightClientUpdate fuluSigned = chain.resign(u, P.periodAtSlot(u.signatureSlot()), fuluOnly, i -> i % 7 != 0);
    final UpdateResult r = atGloas().processUpdate(fuluSigned, chain.currentSlot());
    assertRejected(r, UpdateRejection.SIGNATURE_INVALID);
    // the same participants under the Gloas domain apply
    final LightClientUpdate gloasSigned = chain.resign(u, P.periodAtSlot(u.signatureSlot()), chain.config(),
        i -> i % 7 != 0);
    assertApplied(atGloas().processUpdate(gloasSigned, chain.currentSlot()));
  }

  @Test
  void fuluAttestedHeaderSignedAfterTheForkIsFuluDataUnderTheGloasDomain() {
    // The last update of the pre-fork period, signed in the first Gloas slot + 1: the object keeps the
    // electra wire type (typed by its attested slot, not by signature_slot), the domain is Gloas's.
    final LightClientUpdate fulu = chain.updates().get(1);
    final long sigSlot = gloasSlot() + 1;
    final LightClientUpdate moved = new LightClientUpdate(fulu.attestedHeader(), fulu.nextSyncCommittee(),
        fulu.nextSyncCommitteeBranch(), fulu.finalizedHeader(), fulu.finalityBranch(), fulu.syncAggregate(), sigSlot);
    final long period = P.periodAtSlot(sigSlot);
    assertEquals(DevnetChain.GLOAS_FORK_PERIOD, period);
    final LightClientUpdate gloasDomain = chain.resign(moved, period, chain.config(), i -> i % 5 != 0);
    final LightClient lc = atGloas();
    assertEquals(Fork.FULU, lc.store().fork());
    final UpdateResult ok = lc.processUpdate(gloasDomain, chain.currentSlot());
    // Applied means every rule passed, the signature under the Gloas domain included
    assertApplied(ok);
    assertEquals(fulu.attestedHeader(), lc.store().optimisticHeader());
    assertEquals(Fork.FULU, lc.store().fork(), "Fulu-typed data does not upgrade the store");
    // the same object signed under the Fulu domain (what a client using signature_slot's period without the
    // Gloas schedule would check) is refused
    final List<ChainConfig.ForkEntry> schedule = new ArrayList<>();
    for (final ChainConfig.ForkEntry e : chain.config().schedule()) {
      if (e.fork() != Fork.GLOAS) {
        schedule.add(e);
      }
    }
    final ChainConfig fuluOnly = ChainConfig.of("fulu-forever", P, chain.config().genesisValidatorsRoot(), 0, 12,
        java.util.OptionalLong.empty(), schedule, ChainConfig.FAR_FUTURE_EPOCH);
    final LightClientUpdate fuluDomain = chain.resign(moved, period, fuluOnly, i -> i % 5 != 0);
    final UpdateResult bad = atGloas().processUpdate(fuluDomain, chain.currentSlot());
    assertRejected(bad, UpdateRejection.SIGNATURE_INVALID);
  }

  @Test
  void forkAfterGloasIsATypedRefusalBeforeAnyDataIsTrusted() {
    final String yaml = String.join("\n", "PRESET_BASE: 'mainnet'", "CONFIG_NAME: 'future'",
        "GENESIS_FORK_VERSION: 0x00990001", "ALTAIR_FORK_VERSION: 0x01990001", "ALTAIR_FORK_EPOCH: 0",
        "BELLATRIX_FORK_VERSION: 0x02990001", "BELLATRIX_FORK_EPOCH: 0", "CAPELLA_FORK_VERSION: 0x03990001",
        "CAPELLA_FORK_EPOCH: 0", "DENEB_FORK_VERSION: 0x04990001", "DENEB_FORK_EPOCH: 0",
        "ELECTRA_FORK_VERSION: 0x05990001", "ELECTRA_FORK_EPOCH: 0", "FULU_FORK_VERSION: 0x06990001",
        "FULU_FORK_EPOCH: 0", "GLOAS_FORK_VERSION: 0x07990001", "GLOAS_FORK_EPOCH: 1024",
        "HEZE_FORK_VERSION: 0x08990001", "HEZE_FORK_EPOCH: 1280", "");
    final ChainConfig future = ChainConfig.fromConfigYaml(yaml, chain.config().genesisValidatorsRoot());
    assertEquals("fork HEZE at epoch 1280 is not supported by this version",
        future.unsupportedFork().orElseThrow().message());
    assertEquals(Optional.empty(), future.forkAtEpoch(1280));
    assertEquals(Optional.of(Fork.GLOAS), future.forkAtEpoch(1279));
    // the last update is signed in period 6 (epoch 1536+): on this schedule that is HEZE
    final LightClient.Initialized init = LightClient.initialize(future, SyncCommitteeVerifier.create()::verify,
        chain.checkpointRoot(), chain.bootstrap());
    assertTrue(init.ok());
    final LightClient lc = init.client();
    for (int i = 0; i < 3; i++) {
      assertApplied(lc.processUpdate(chain.updates().get(i), chain.currentSlot()));
    }
    final UpdateResult r = lc.processUpdate(chain.updates().get(3), chain.currentSlot());
    final UpdateResult.Rejected rej = assertInstanceOf(UpdateResult.Rejected.class, r);
    assertEquals(UpdateRejection.UNSUPPORTED_FORK, rej.reason());
    assertTrue(rej.detail().contains("fork HEZE at epoch 1280 is not supported by this version"), rej.detail());
  }

  @Test
  void ssz_executionBlockHashTamperedIsRejected() {
    final LightClientUpdate u = chain.updates().get(2);
    final LightClientHeader a = u.attestedHeader();
    final LightClientHeader forged = LightClientHeader.gloas(a.beacon(), Hash32.fromHex("0x" + "ab".repeat(32)),
        a.executionBranch());
    final UpdateResult r = atGloas().processUpdate(new LightClientUpdate(forged, u.nextSyncCommittee(),
        u.nextSyncCommitteeBranch(), u.finalizedHeader(), u.finalityBranch(), u.syncAggregate(), u.signatureSlot()),
        chain.currentSlot());
    assertRejected(r, UpdateRejection.EXECUTION_BRANCH_INVALID);
    assertTrue(((UpdateResult.Rejected) r).detail().contains("2856"));
  }

  @Test
  void optimisticAndFinalityUpgradesToGloas() {
    final LightClientUpdate fulu = chain.updates().get(1);
    final LightClientOptimisticUpdate opt = new LightClientOptimisticUpdate(fulu.attestedHeader(),
        fulu.syncAggregate(), fulu.signatureSlot());
    final LightClientOptimisticUpdate g = Upgrades.optimisticUpdate(opt, Fork.GLOAS, chain.config());
    assertEquals(Fork.GLOAS, g.fork());
    assertEquals(Optional.of(fulu.attestedHeader().execution().get().blockHash()), g.attestedHeader().executionBlockHash());
    final LightClientFinalityUpdate fin = new LightClientFinalityUpdate(fulu.attestedHeader(), fulu.finalizedHeader(),
        fulu.finalityBranch(), fulu.syncAggregate(), fulu.signatureSlot());
    final LightClientFinalityUpdate gf = Upgrades.finalityUpdate(fin, Fork.GLOAS, chain.config());
    assertEquals(9, gf.finalityBranch().size());
    assertEquals(List.of(Hash32.ZERO, Hash32.ZERO), gf.finalityBranch().subList(0, 2));
    assertEquals(fulu.finalityBranch(), gf.finalityBranch().subList(2, 9));
    final LightClientBootstrap gb = Upgrades.bootstrap(chain.bootstrap(), Fork.GLOAS, chain.config());
    assertEquals(11, gb.currentSyncCommitteeBranch().size());
    assertEquals(chain.bootstrap().currentSyncCommitteeBranch(), gb.currentSyncCommitteeBranch().subList(5, 11));
  }
}
