package io.trestle.vectors.devnet;

import io.trestle.testkit.devnet.DevnetChain;
import io.trestle.testkit.devnet.SszTree;
import static io.trestle.vectors.devnet.AdversarialFixtures.CHAIN;
import static io.trestle.vectors.devnet.AdversarialFixtures.CURRENT_COMMITTEE_FIELD;
import static io.trestle.vectors.devnet.AdversarialFixtures.FINALIZED_CHECKPOINT_FIELD;
import static io.trestle.vectors.devnet.AdversarialFixtures.NEXT_COMMITTEE_FIELD;
import static io.trestle.vectors.devnet.AdversarialFixtures.PRESET;
import static io.trestle.vectors.devnet.AdversarialFixtures.PROTOCOL;
import static io.trestle.vectors.devnet.AdversarialFixtures.VERIFIER;
import static io.trestle.vectors.devnet.AdversarialFixtures.applied;
import static io.trestle.vectors.devnet.AdversarialFixtures.build;
import static io.trestle.vectors.devnet.AdversarialFixtures.checkpoint;
import static io.trestle.vectors.devnet.AdversarialFixtures.finalityBranch;
import static io.trestle.vectors.devnet.AdversarialFixtures.header;
import static io.trestle.vectors.devnet.AdversarialFixtures.infinitySignature;
import static io.trestle.vectors.devnet.AdversarialFixtures.rejected;
import static io.trestle.vectors.devnet.AdversarialFixtures.state;
import static io.trestle.vectors.devnet.AdversarialFixtures.store0;
import static io.trestle.vectors.devnet.AdversarialFixtures.store1;
import static io.trestle.vectors.devnet.AdversarialFixtures.synth;
import static io.trestle.vectors.devnet.AdversarialFixtures.tag;
import static io.trestle.vectors.devnet.AdversarialFixtures.u;
import static io.trestle.vectors.devnet.AdversarialFixtures.withAggregate;
import static io.trestle.vectors.devnet.AdversarialFixtures.withBits;
import static io.trestle.vectors.devnet.AdversarialFixtures.zeros;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.LightClient;
import io.trestle.lightclient.spec.IgnoreReason;
import io.trestle.lightclient.spec.LightClientStore;
import io.trestle.lightclient.spec.SignatureCheck;
import io.trestle.lightclient.internal.spec.SyncProtocol;
import io.trestle.lightclient.spec.UpdateRejection;
import io.trestle.lightclient.spec.UpdateResult;
import io.trestle.lightclient.types.BeaconBlockHeader;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.types.LightClientHeader;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.types.SyncAggregate;
import io.trestle.lightclient.types.SyncCommittee;
import io.trestle.proofs.ssz.MerkleBranch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Section 6.F of the adversarial catalogue (light-client updates), one test per item, through {@link
 * SyncProtocol#tryProcess} and {@link LightClient} on the devnet chain. Mutated updates are re-signed with
 * the devnet committee keys ({@link DevnetChain#resign}) so that the rule under test is the only one that
 * fails. Expected outcomes are the catalogue's; expected slots and committees are the generator's inputs.
 */
class LightClientAdversarialTest {

  private static final long NOW = 40_000;

  private static LightClientUpdate withFinality(final LightClientUpdate u, final LightClientHeader f,
      final List<Hash32> branch) {
    return new LightClientUpdate(u.attestedHeader(), u.nextSyncCommittee(), u.nextSyncCommitteeBranch(), f, branch,
        u.syncAggregate(), u.signatureSlot());
  }

  private static LightClientUpdate withNext(final LightClientUpdate u, final SyncCommittee c,
      final List<Hash32> branch) {
    return new LightClientUpdate(u.attestedHeader(), c, branch, u.finalizedHeader(), u.finalityBranch(),
        u.syncAggregate(), u.signatureSlot());
  }

  private static LightClientUpdate withSignatureSlot(final LightClientUpdate u, final long slot) {
    return new LightClientUpdate(u.attestedHeader(), u.nextSyncCommittee(), u.nextSyncCommitteeBranch(),
        u.finalizedHeader(), u.finalityBranch(), u.syncAggregate(), slot);
  }

  private static LightClientUpdate withAttested(final LightClientUpdate u, final LightClientHeader a) {
    return new LightClientUpdate(a, u.nextSyncCommittee(), u.nextSyncCommitteeBranch(), u.finalizedHeader(),
        u.finalityBranch(), u.syncAggregate(), u.signatureSlot());
  }

  private static List<Hash32> flip(final List<Hash32> branch, final int i) {
    final List<Hash32> b = new ArrayList<>(branch);
    final byte[] x = b.get(i).toArray();
    x[0] ^= 1;
    b.set(i, Hash32.of(x));
    return b;
  }

  private static LightClient client() {
    final LightClient.Initialized init = LightClient.initialize(CHAIN.config(), VERIFIER, CHAIN.checkpointRoot(),
        CHAIN.bootstrap());
    assertTrue(init.ok(), () -> "bootstrap rejected: " + init.rejection());
    return init.client();
  }

  @Test
  void baseline_devnetUpdateZeroIsAccepted() {
    final UpdateResult.Applied a = applied(PROTOCOL.tryProcess(store0(), u(0), NOW));
    assertTrue(a.finalizedAdvanced());
    assertEquals(16480, a.store().finalizedHeader().beacon().slot());
  }

  @Test
  void lc_F67_signatureSlotInTheFuture_rejected() {
    final LightClientUpdate u = u(0);
    rejected(PROTOCOL.tryProcess(store0(), u, u.signatureSlot() - 1), UpdateRejection.FUTURE_SLOT);
    applied(PROTOCOL.tryProcess(store0(), u, u.signatureSlot()));
  }

  @Test
  void lc_F68_signatureSlotNotAfterAttestedSlot_rejected() {
    final LightClientUpdate u = u(0);
    final long attested = u.attestedHeader().beacon().slot();
    rejected(PROTOCOL.tryProcess(store0(), CHAIN.resign(withSignatureSlot(u, attested), 2), NOW),
        UpdateRejection.BAD_SLOT_ORDER);
    rejected(PROTOCOL.tryProcess(store0(), CHAIN.resign(withSignatureSlot(u, attested - 1), 2), NOW),
        UpdateRejection.BAD_SLOT_ORDER);
  }

  @Test
  void lc_F69_attestedSlotBeforeFinalizedSlot_rejected() {
    final LightClientUpdate u = build(synth(16_500, 16_520, true, false, 16_501, 2));
    rejected(PROTOCOL.tryProcess(store0(), u, NOW), UpdateRejection.BAD_SLOT_ORDER);
  }

  @Test
  void lc_F70_signaturePeriodOutsideStoreWindow_rejected() {
    // Next committee unknown (store0): a period-3 signature, even validly made by period 3's committee.
    final LightClientUpdate p3 = CHAIN.resign(withSignatureSlot(u(0), 3 * 8192 + 1), 3);
    rejected(PROTOCOL.tryProcess(store0(), p3, NOW), UpdateRejection.WRONG_PERIOD);
    // Next committee known (store1, period 2): store + 1 is allowed, store + 2 is not.
    final LightClientUpdate p4 = CHAIN.resign(withSignatureSlot(u(0), 4 * 8192 + 1), 4);
    rejected(PROTOCOL.tryProcess(store1(), p4, NOW), UpdateRejection.WRONG_PERIOD);
  }

  @Test
  void lc_F71_currentCommitteeSignatureRelabelledIntoNextPeriod_rejected() {
    // Signed by period 2's committee at slot 16545; the unsigned signature_slot is moved into period 3,
    // which selects the (known) period-3 committee.
    final LightClientUpdate relabelled = withSignatureSlot(u(0), 3 * 8192 + 1);
    rejected(PROTOCOL.tryProcess(store1(), relabelled, NOW), UpdateRejection.SIGNATURE_INVALID);
  }

  @Test
  void lc_F72_lastSlotOfPeriodSignedByNextCommittee_accepted() {
    final long lastSlotOfPeriod2 = 3 * 8192 - 1;
    final LightClientUpdate u = build(synth(lastSlotOfPeriod2, 24_512, true, true, lastSlotOfPeriod2 + 1, 3));
    final UpdateResult.Applied a = applied(PROTOCOL.tryProcess(store1(), u, NOW));
    assertTrue(a.finalizedAdvanced());
    assertEquals(24_512, a.store().finalizedHeader().beacon().slot());
    // The same header signed by period 2's committee is not valid at a period-3 signature slot.
    rejected(PROTOCOL.tryProcess(store1(), CHAIN.resign(u, 2), NOW), UpdateRejection.SIGNATURE_INVALID);
  }

  @Test
  void lc_F73_attestedNotAfterFinalizedWithoutUsefulCommittee_ignored() {
    final LightClientUpdate u = build(synth(16_480, 0, false, false, 16_481, 2));
    final UpdateResult.Ignored i = assertInstanceOf(UpdateResult.Ignored.class,
        PROTOCOL.tryProcess(store1(), u, NOW));
    assertEquals(IgnoreReason.NOT_RELEVANT, i.reason());
  }

  @Test
  void lc_F74_nonFinalityUpdateWithNonDefaultFinalizedHeader_rejected() {
    final LightClientHeader empty = LightClientHeader.empty(Fork.ELECTRA);
    final LightClientHeader sneaky = new LightClientHeader(Fork.ELECTRA,
        new BeaconBlockHeader(16_000, 0, Hash32.ZERO, tag("74/state"), Hash32.ZERO),
        empty.execution(), empty.executionBranch());
    final LightClientUpdate u = withFinality(u(0), sneaky, zeros(7));
    rejected(PROTOCOL.tryProcess(store0(), u, NOW), UpdateRejection.FINALIZED_HEADER_NOT_EMPTY);
    // Control: the fully default header with the zero branch is an ordinary non-finality update.
    applied(PROTOCOL.tryProcess(store0(), withFinality(u(0), empty, zeros(7)), NOW));
  }

  @Test
  void lc_F75_finalizedSlotZeroMustBeDefaultWithZeroRootBranch() {
    final LightClientUpdate ok = build(synth(16_600, 0, true, false, 16_601, 2));
    assertEquals(LightClientHeader.empty(Fork.ELECTRA), ok.finalizedHeader());
    final UpdateResult.Applied a = applied(PROTOCOL.tryProcess(store0(), ok, NOW));
    assertFalse(a.finalizedAdvanced());
    final LightClientUpdate bad = withFinality(ok, header(0, tag("75/state")), ok.finalityBranch());
    rejected(PROTOCOL.tryProcess(store0(), bad, NOW), UpdateRejection.FINALIZED_HEADER_NOT_EMPTY);
  }

  @Test
  void lc_F76_nonSyncCommitteeUpdateWithNonDefaultNextCommittee_rejected() {
    final LightClientUpdate u = withNext(u(0), CHAIN.committee(3), zeros(6));
    rejected(PROTOCOL.tryProcess(store0(), u, NOW), UpdateRejection.NEXT_COMMITTEE_NOT_EMPTY);
  }

  /**
   * Mapping: a non-default committee with an all-zero branch is, by {@code is_sync_committee_update}, a
   * non-sync-committee update, so it gets item 76's code NEXT_COMMITTEE_NOT_EMPTY; a missing (empty) or
   * invalid branch gets NEXT_COMMITTEE_BRANCH_INVALID.
   */
  @Test
  void lc_F77_nextCommitteeWithMissingZeroOrInvalidBranch_rejected() {
    final LightClientUpdate u = u(0);
    rejected(PROTOCOL.tryProcess(store0(), withNext(u, u.nextSyncCommittee(), flip(u.nextSyncCommitteeBranch(), 3)),
        NOW), UpdateRejection.NEXT_COMMITTEE_BRANCH_INVALID);
    rejected(PROTOCOL.tryProcess(store0(), withNext(u, u.nextSyncCommittee(), List.of()), NOW),
        UpdateRejection.NEXT_COMMITTEE_BRANCH_INVALID);
    rejected(PROTOCOL.tryProcess(store0(), withNext(u, u.nextSyncCommittee(), zeros(6)), NOW),
        UpdateRejection.NEXT_COMMITTEE_NOT_EMPTY);
  }

  @Test
  void lc_F78_nextCommitteeConflictsWithKnownNext_rejected() {
    final LightClientUpdate u = build(synth(16_600, 16_544, true, true, 16_601, 2).withNext(CHAIN.committee(4)));
    rejected(PROTOCOL.tryProcess(store1(), u, NOW), UpdateRejection.NEXT_COMMITTEE_CONFLICT);
  }

  @Test
  void lc_F79_finalityIntoNextPeriodWithoutKnownNext_rejectedAndStoreUntouched() {
    final LightClient c = client();
    final LightClientStore before = c.store();
    // Update 1 finalizes slot 24672 (period 3), signed by period 3, while the client knows no next committee.
    rejected(c.processUpdate(u(1), NOW), UpdateRejection.WRONG_PERIOD);
    assertSame(before, c.store());
    // With next known, a finality update into period 3 without a next committee hands over atomically:
    // current := old next, next := unknown (never one without the other).
    final LightClientUpdate noNext = CHAIN.resign(withNext(u(1), SyncCommittee.empty(PRESET), zeros(6)), 3);
    final LightClientStore after = applied(PROTOCOL.tryProcess(store1(), noNext, NOW)).store();
    assertEquals(CHAIN.committee(3).hashTreeRoot(), after.currentSyncCommitteeRoot());
    assertTrue(after.nextSyncCommittee().isEmpty());
    assertTrue(after.nextSyncCommitteeRoot().isEmpty());
  }

  @Test
  void lc_F80_committeeHandoverAtPeriodBoundary() {
    final UpdateResult.Applied a = applied(PROTOCOL.tryProcess(store1(), u(1), NOW));
    assertTrue(a.periodAdvanced());
    final LightClientStore s = a.store();
    assertEquals(24_672, s.finalizedHeader().beacon().slot());
    assertEquals(CHAIN.committee(3), s.currentSyncCommittee());
    assertEquals(CHAIN.committee(3).hashTreeRoot(), s.currentSyncCommitteeRoot());
    assertEquals(CHAIN.committee(4), s.nextSyncCommittee().orElseThrow());
    assertEquals(CHAIN.committee(4).hashTreeRoot(), s.nextSyncCommitteeRoot().orElseThrow());
    assertEquals(store1().currentMaxActiveParticipants(), s.previousMaxActiveParticipants());
  }

  @Test
  void lc_F81_finalityBranchOfAnotherState_rejected() {
    final LightClientUpdate u = u(0);
    // The branch is a genuine proof of the finalized root, but against update 0's original attested state.
    assertTrue(MerkleBranch.isValid(u.finalizedHeader().beacon().hashTreeRoot(), u.finalityBranch(), 169,
        u.attestedHeader().beacon().stateRoot()));
    final SszTree other = state(6, "81", Map.of(CURRENT_COMMITTEE_FIELD, CHAIN.committee(2).hashTreeRoot()));
    final LightClientUpdate moved = withNext(withAttested(u, header(16_544, other.root())),
        SyncCommittee.empty(PRESET), zeros(6));
    rejected(PROTOCOL.tryProcess(store0(), CHAIN.resign(moved, 2), NOW), UpdateRejection.FINALITY_BRANCH_INVALID);
  }

  @Test
  void lc_F82_nextCommitteeBranchAgainstFinalizedState_rejected() {
    final SyncCommittee next = CHAIN.committee(3);
    final SszTree finalizedState = state(6, "82/finalized", Map.of(NEXT_COMMITTEE_FIELD, next.hashTreeRoot()));
    final LightClientHeader fin = header(16_480, finalizedState.root());
    final long epoch = PRESET.epochAtSlot(16_480);
    final SszTree attestedState = state(6, "82/attested",
        Map.of(FINALIZED_CHECKPOINT_FIELD, checkpoint(epoch, fin.beacon().hashTreeRoot())));
    final List<Hash32> branch = finalizedState.branch(NEXT_COMMITTEE_FIELD);
    assertTrue(MerkleBranch.isValid(next.hashTreeRoot(), branch, 87, fin.beacon().stateRoot()));
    final LightClientUpdate u = new LightClientUpdate(header(16_544, attestedState.root()), next, branch, fin,
        finalityBranch(attestedState, epoch), u(0).syncAggregate(), 16_545);
    rejected(PROTOCOL.tryProcess(store0(), CHAIN.resign(u, 2), NOW), UpdateRejection.NEXT_COMMITTEE_BRANCH_INVALID);
  }

  @Test
  void lc_F83_subSupermajorityParticipationNeverMovesFinalizedHeader() {
    for (final int n : new int[] {1, 100, 341}) {
      final LightClient c = client();
      final LightClientStore before = c.store();
      final UpdateResult.Applied a = applied(c.processUpdate(CHAIN.resign(u(0), 2, n), NOW));
      assertFalse(a.finalizedAdvanced(), "participation " + n);
      assertEquals(before.finalizedHeader(), c.finalizedHeader());
      assertEquals(before.finalizedHeader(), c.store().finalizedHeader());
      assertTrue(c.store().bestValidUpdate().isPresent());
    }
  }

  @Test
  void lc_F84_exactly341DoesNotFinalize_exactly342Does() {
    final UpdateResult.Applied a341 = applied(PROTOCOL.tryProcess(store0(), CHAIN.resign(u(0), 2, 341), NOW));
    assertFalse(a341.finalizedAdvanced());
    assertEquals(16_384, a341.store().finalizedHeader().beacon().slot());
    final UpdateResult.Applied a342 = applied(PROTOCOL.tryProcess(store0(), CHAIN.resign(u(0), 2, 342), NOW));
    assertTrue(a342.finalizedAdvanced());
    assertEquals(16_480, a342.store().finalizedHeader().beacon().slot());
  }

  @Test
  void lc_F85_zeroParticipation_rejected() {
    final LightClientUpdate u = withAggregate(u(0), new SyncAggregate(Bytes.of(new byte[64]), infinitySignature()));
    rejected(PROTOCOL.tryProcess(store0(), u, NOW), UpdateRejection.INSUFFICIENT_PARTICIPATION);
  }

  @Test
  void lc_F86_invalidExecutionBranchInAttestedOrFinalizedHeader_rejected() {
    final LightClientUpdate u = u(0);
    final LightClientHeader a = u.attestedHeader();
    final LightClientHeader badA = new LightClientHeader(a.fork(), a.beacon(), a.execution(),
        flip(a.executionBranch(), 2));
    rejected(PROTOCOL.tryProcess(store0(), withAttested(u, badA), NOW), UpdateRejection.EXECUTION_BRANCH_INVALID);
    final LightClientHeader f = u.finalizedHeader();
    final LightClientHeader badF = new LightClientHeader(f.fork(), f.beacon(), f.execution(),
        flip(f.executionBranch(), 0));
    rejected(PROTOCOL.tryProcess(store0(), withFinality(u, badF, u.finalityBranch()), NOW),
        UpdateRejection.EXECUTION_BRANCH_INVALID);
  }

  @Test
  void lc_F87_sameUpdateTwice_secondIgnoredAsDuplicate() {
    final LightClient c = client();
    applied(c.processUpdate(u(0), NOW));
    final LightClientStore after = c.store();
    final UpdateResult.Ignored i = assertInstanceOf(UpdateResult.Ignored.class, c.processUpdate(u(0), NOW));
    assertEquals(IgnoreReason.DUPLICATE, i.reason());
    assertSame(after, c.store());
  }

  @Test
  void lc_F88_forceUpdateDisabledByDefault_enabledOnlyExplicitly() {
    final LightClient c = client();
    applied(c.processUpdate(CHAIN.resign(u(0), 2, 300), NOW));
    final LightClientStore before = c.store();
    assertTrue(before.bestValidUpdate().isPresent());
    final long timedOut = before.finalizedHeader().beacon().slot() + PRESET.updateTimeout() + 1;
    for (final long slot : new long[] {timedOut, timedOut + 1_000_000}) {
      final UpdateResult.Ignored i = assertInstanceOf(UpdateResult.Ignored.class, c.processForceUpdate(slot));
      assertEquals(IgnoreReason.NOT_RELEVANT, i.reason());
      assertSame(before, c.store());
    }
    final LightClient forced = c.allowingForceUpdates();
    assertInstanceOf(UpdateResult.Ignored.class, forced.processForceUpdate(timedOut - 1));
    assertEquals(16_384, forced.finalizedHeader().beacon().slot());
    final UpdateResult.Applied a = applied(forced.processForceUpdate(timedOut));
    assertTrue(a.finalizedAdvanced());
    assertEquals(16_480, forced.finalizedHeader().beacon().slot());
    assertTrue(forced.store().bestValidUpdate().isEmpty());
  }

  @Test
  void lc_F89_slotsNearTwoToThe64_badSlotWithoutException() {
    final LightClientUpdate u = u(0);
    final long[] huge = {-1L, -2L, Long.MAX_VALUE, Long.MIN_VALUE, SyncProtocol.MAX_SLOT + 1};
    for (final long h : huge) {
      rejected(PROTOCOL.tryProcess(store0(), withSignatureSlot(u, h), NOW), UpdateRejection.BAD_SLOT);
      rejected(PROTOCOL.tryProcess(store0(), u, h), UpdateRejection.BAD_SLOT);
      final LightClientHeader a = u.attestedHeader();
      final LightClientHeader hugeA = new LightClientHeader(a.fork(), new BeaconBlockHeader(
          h, 0, a.beacon().parentRoot(), a.beacon().stateRoot(), a.beacon().bodyRoot()), a.execution(),
          a.executionBranch());
      rejected(PROTOCOL.tryProcess(store0(), withAttested(u, hugeA), NOW), UpdateRejection.BAD_SLOT);
      final LightClientHeader f = u.finalizedHeader();
      final LightClientHeader hugeF = new LightClientHeader(f.fork(), new BeaconBlockHeader(
          h, 0, f.beacon().parentRoot(), f.beacon().stateRoot(), f.beacon().bodyRoot()), f.execution(),
          f.executionBranch());
      rejected(PROTOCOL.tryProcess(store0(), withFinality(u, hugeF, u.finalityBranch()), NOW),
          UpdateRejection.BAD_SLOT);
      rejected(PROTOCOL.tryForceUpdate(store0(), h), UpdateRejection.BAD_SLOT);
    }
  }

  private static void better(final LightClientUpdate winner, final LightClientUpdate loser) {
    assertTrue(PROTOCOL.isBetterUpdate(winner, loser));
    assertFalse(PROTOCOL.isBetterUpdate(loser, winner));
  }

  /** Pairs that differ at exactly one rank of {@code is_better_update}, the loser winning every later rank. */
  @Test
  void lc_F90_updateRankingFollowsIsBetterUpdate() {
    final LightClientUpdate full = u(0); // sync-committee, finality (same period), 500 participants
    final LightClientUpdate noNext = withNext(full, SyncCommittee.empty(PRESET), zeros(6));
    final LightClientUpdate noFinality = withFinality(full, LightClientHeader.empty(Fork.ELECTRA), zeros(7));
    final LightClientHeader f = full.finalizedHeader();
    final LightClientUpdate olderFinality = withFinality(full, new LightClientHeader(f.fork(),
        new BeaconBlockHeader(8_000, 0, f.beacon().parentRoot(), f.beacon().stateRoot(),
            f.beacon().bodyRoot()), f.execution(), f.executionBranch()), full.finalityBranch());
    // 1. supermajority beats everything after it.
    better(withBits(noFinality, 342), withBits(full, 341));
    // 2. neither supermajority: more participants, even against sync-committee finality.
    better(withBits(noFinality, 300), withBits(full, 299));
    // 3. relevant sync committee.
    better(withBits(noFinality, 400), withBits(noNext, 500));
    // 4. any finality.
    better(withBits(full, 400), withBits(noFinality, 500));
    // 5. sync-committee finality (finalized and attested in the same period).
    better(withBits(full, 400), withBits(olderFinality, 500));
    // 6. participation.
    better(withBits(full, 500), withBits(full, 400));
    // 7. older attested slot.
    final LightClientHeader a = full.attestedHeader();
    final LightClientUpdate later = withAttested(full, new LightClientHeader(a.fork(),
        new BeaconBlockHeader(a.beacon().slot() + 1, 0, a.beacon().parentRoot(),
            a.beacon().stateRoot(), a.beacon().bodyRoot()), a.execution(), a.executionBranch()));
    better(full, withSignatureSlot(later, full.signatureSlot()));
    // 8. earlier signature slot.
    better(full, withSignatureSlot(full, full.signatureSlot() + 1));
  }

  /**
   * 6.E item 66 (not expressible): the signing committee is chosen by the protocol from the store. An
   * update whose own next committee signed it is rejected, and the {@link SignatureCheck} is handed the
   * store's current committee, never the update's.
   */
  @Test
  void lc_E66_signerKeysComeFromStoreNeverFromUpdate() {
    final LightClientUpdate selfSigned = CHAIN.resign(u(0), 3); // signed by the update's own next committee
    rejected(PROTOCOL.tryProcess(store0(), selfSigned, NOW), UpdateRejection.SIGNATURE_INVALID);
    final AtomicReference<SyncCommittee> seen = new AtomicReference<>();
    final SignatureCheck spy = (committee, root, agg, signingRoot) -> {
      seen.set(committee);
      return VERIFIER.verify(committee, root, agg, signingRoot);
    };
    applied(new SyncProtocol(CHAIN.config(), spy).tryProcess(store0(), u(0), NOW));
    assertEquals(CHAIN.committee(2), seen.get());
    assertNotEquals(u(0).nextSyncCommittee(), seen.get());
  }

  @Test
  void lc_S3_1_optimisticHeaderIsNeverTheFinalizedAnchor() {
    final LightClient c = client();
    applied(c.processUpdate(u(0), NOW));
    final LightClientUpdate optimistic = build(synth(16_700, 0, false, false, 16_701, 2));
    final UpdateResult.Applied a = applied(c.processUpdate(optimistic, NOW));
    assertTrue(a.optimisticAdvanced());
    assertFalse(a.finalizedAdvanced());
    assertEquals(16_700, c.store().optimisticHeader().beacon().slot());
    assertEquals(16_480, c.finalizedHeader().beacon().slot());
    assertEquals(io.trestle.lightclient.Finality.FINALIZED, c.finalizedExecution().orElseThrow().finality());
    assertEquals(io.trestle.lightclient.Finality.OPTIMISTIC, c.optimisticExecution().orElseThrow().finality());
  }

  /** Section 3 item 5: the optimistic header moves only above get_safety_threshold (max active / 2). */
  @Test
  void lc_S3_5_optimisticHeaderNeedsMoreThanSafetyThreshold() {
    final LightClientStore s = store1(); // current max active participants: 500
    assertEquals(500, s.currentMaxActiveParticipants());
    final LightClientUpdate u = build(synth(16_700, 0, false, false, 16_701, 2));
    final UpdateResult.Applied at250 = applied(PROTOCOL.tryProcess(s, CHAIN.resign(u, 2, 250), NOW));
    assertFalse(at250.optimisticAdvanced());
    final UpdateResult.Applied at251 = applied(PROTOCOL.tryProcess(s, CHAIN.resign(u, 2, 251), NOW));
    assertTrue(at251.optimisticAdvanced());
    assertEquals(16_700, at251.store().optimisticHeader().beacon().slot());
  }
}
