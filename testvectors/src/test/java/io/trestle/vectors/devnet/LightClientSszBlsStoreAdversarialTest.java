package io.trestle.vectors.devnet;

import io.trestle.testkit.devnet.BeaconJsonEncoder;
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
import static io.trestle.vectors.devnet.AdversarialFixtures.checkpoint;
import static io.trestle.vectors.devnet.AdversarialFixtures.finalityBranch;
import static io.trestle.vectors.devnet.AdversarialFixtures.header;
import static io.trestle.vectors.devnet.AdversarialFixtures.infinitySignature;
import static io.trestle.vectors.devnet.AdversarialFixtures.rejected;
import static io.trestle.vectors.devnet.AdversarialFixtures.state;
import static io.trestle.vectors.devnet.AdversarialFixtures.store0;
import static io.trestle.vectors.devnet.AdversarialFixtures.tag;
import static io.trestle.vectors.devnet.AdversarialFixtures.u;
import static io.trestle.vectors.devnet.AdversarialFixtures.withAggregate;
import static io.trestle.vectors.devnet.AdversarialFixtures.zeros;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.bls.Bls;
import io.trestle.crypto.bls.BlsError;
import io.trestle.crypto.bls.BlsException;
import io.trestle.crypto.bls.BlsSignature;
import io.trestle.lightclient.LightClient;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.config.Networks;
import io.trestle.lightclient.json.BeaconApiJson;
import io.trestle.lightclient.json.BeaconJsonException;
import io.trestle.lightclient.spec.LightClientStore;
import io.trestle.lightclient.internal.spec.SyncProtocol;
import io.trestle.lightclient.internal.spec.Upgrades;
import io.trestle.lightclient.spec.UpdateRejection;
import io.trestle.lightclient.spec.UpdateResult;
import io.trestle.lightclient.store.StoreFile.LoadResult;
import io.trestle.lightclient.store.StoreFile.SaveResult;
import io.trestle.lightclient.store.StoreFile;
import io.trestle.lightclient.store.StoreFile.WeakSubjectivity;
import io.trestle.lightclient.types.ExecutionPayloadHeader;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientHeader;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.types.SyncAggregate;
import io.trestle.lightclient.types.SyncCommittee;
import io.trestle.proofs.ssz.MerkleBranch;
import io.trestle.proofs.ssz.SszException;
import io.trestle.proofs.ssz.SszReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sections 6.D (SSZ, branches, gindices), 6.E (BLS and signing) and 6.G (bootstrap, store, checkpoint)
 * of the adversarial catalogue, one test per item. Fork-boundary items use a devnet variant whose
 * schedule activates Electra at epoch {@value #ELECTRA_EPOCH} (slot 16640) instead of genesis, with the
 * same keys, fork versions and genesis validators root; its beacon states are hand-built trees with the
 * Deneb (depth 5) or Electra (depth 6) layout.
 *
 * <p>Reason-code mapping (catalogue name → ours): BRANCH_LENGTH / BRANCH_PADDING / BRANCH_INVALID →
 * FINALITY_BRANCH_INVALID or NEXT_COMMITTEE_BRANCH_INVALID (by which branch); SIGNATURE_MALFORMED →
 * SIGNATURE_INVALID; SSZ_INVALID → a typed {@link SszException} from the SSZ decoders (the JSON path
 * reports {@link UpdateRejection#SSZ_INVALID} itself); a zero trusted root → BOOTSTRAP_ROOT_MISMATCH.
 */
class LightClientSszBlsStoreAdversarialTest {
  private static final long ELECTRA_EPOCH = 520;
  private static final long ELECTRA_SLOT = ELECTRA_EPOCH * 32;
  private static final long NOW = 40_000;

  /** The devnet fork schedule (same versions) with Electra at {@code electraEpoch}. */
  private static ChainConfig electraAt(final long electraEpoch) {
    final List<ChainConfig.ForkEntry> s = new ArrayList<>();
    for (final Fork f : Fork.values()) {
      final byte[] v = {(byte) f.ordinal(), (byte) 0x99, 0x00, 0x01};
      final long epoch = f.ordinal() >= Fork.FULU.ordinal() ? ChainConfig.FAR_FUTURE_EPOCH
          : f == Fork.ELECTRA ? electraEpoch : 0;
      s.add(new ChainConfig.ForkEntry(f, Bytes.of(v), epoch));
    }
    return ChainConfig.of("trestle-devnet-electra-" + electraEpoch, PRESET, CHAIN.config().genesisValidatorsRoot(),
        DevnetChain.GENESIS_TIME, 12, OptionalLong.of(DevnetChain.CHAIN_ID), s, ChainConfig.FAR_FUTURE_EPOCH);
  }

  private static final ChainConfig FORK_B = electraAt(ELECTRA_EPOCH);
  private static final SyncProtocol PROTOCOL_B = new SyncProtocol(FORK_B, VERIFIER);

  /** A Deneb store at slot 16384 (period 2) of the variant: Deneb state layout, gindex 54. */
  private static LightClientStore storeB() {
    final SszTree st = state(5, "boot-b", Map.of(CURRENT_COMMITTEE_FIELD, CHAIN.committee(2).hashTreeRoot(),
        NEXT_COMMITTEE_FIELD, CHAIN.committee(3).hashTreeRoot()));
    final LightClientHeader h = header(Fork.DENEB, 16_384, st.root());
    return applied(PROTOCOL_B.tryInitialize(h.beacon().hashTreeRoot(),
        new LightClientBootstrap(h, CHAIN.committee(2), st.branch(CURRENT_COMMITTEE_FIELD)))).store();
  }

  /**
   * An update of {@code fork}'s shape whose attested state has the Deneb ({@code depth} 5) or Electra (6)
   * layout, with a next committee (period 3) and optionally finality (slot 16576), signed by period 2's
   * committee (500 members) under {@code signing}.
   */
  private static LightClientUpdate boundary(final Fork fork, final int depth, final boolean finality,
      final long attested, final long signatureSlot, final ChainConfig signing) {
    final LightClientHeader fin = header(fork, 16_576, tag("b/finalized"));
    final long epoch = PRESET.epochAtSlot(16_576);
    final SszTree st = state(depth, "b/attested/" + attested, Map.of(
        FINALIZED_CHECKPOINT_FIELD, checkpoint(epoch, fin.beacon().hashTreeRoot()),
        CURRENT_COMMITTEE_FIELD, CHAIN.committee(2).hashTreeRoot(),
        NEXT_COMMITTEE_FIELD, CHAIN.committee(3).hashTreeRoot()));
    final LightClientUpdate raw = new LightClientUpdate(header(fork, attested, st.root()), CHAIN.committee(3),
        st.branch(NEXT_COMMITTEE_FIELD), finality ? fin : LightClientHeader.empty(fork),
        finality ? finalityBranch(st, epoch) : zeros(depth + 1), u(0).syncAggregate(), signatureSlot);
    return CHAIN.resign(raw, 2, signing, i -> i < 500);
  }

  // --- D. SSZ, Merkle branches and generalized indices ---------------------------------------------

  /** Mapping: BRANCH_LENGTH → FINALITY_BRANCH_INVALID / NEXT_COMMITTEE_BRANCH_INVALID. */
  @Test
  void lc_D48_branchLengthOtherThanDepth_rejected() {
    final LightClientUpdate u = u(0);
    final List<Hash32> fin = u.finalityBranch();
    final List<Hash32> next = u.nextSyncCommitteeBranch();
    final List<List<Hash32>> badFinality = List.of(fin.subList(0, 6), concat(Hash32.ZERO, fin),
        concat(tag("48"), fin), List.of());
    for (final List<Hash32> b : badFinality) {
      assertFalse(MerkleBranch.isValid(u.finalizedHeader().beacon().hashTreeRoot(), b, 169,
          u.attestedHeader().beacon().stateRoot()));
      rejected(PROTOCOL.tryProcess(store0(), withBranches(u, next, b), NOW), UpdateRejection.FINALITY_BRANCH_INVALID);
    }
    for (final List<Hash32> b : List.of(next.subList(1, 6), concat(Hash32.ZERO, next), concat(tag("48"), next))) {
      rejected(PROTOCOL.tryProcess(store0(), withBranches(u, b, fin), NOW),
          UpdateRejection.NEXT_COMMITTEE_BRANCH_INVALID);
    }
    // the bootstrap's branch: one extra leading zero node would pass is_valid_normalized_merkle_branch
    final LightClientBootstrap b = CHAIN.bootstrap();
    final List<Hash32> padded = concat(Hash32.ZERO, b.currentSyncCommitteeBranch());
    assertTrue(MerkleBranch.isValidNormalized(b.currentSyncCommittee().hashTreeRoot(), padded, 86,
        b.header().beacon().stateRoot()), "the spec's normalized check alone accepts the padded branch");
    rejected(PROTOCOL.tryInitialize(CHAIN.checkpointRoot(), new LightClientBootstrap(b.header(),
        b.currentSyncCommittee(), padded)), UpdateRejection.BOOTSTRAP_INVALID);
  }

  /**
   * Mapping: BRANCH_PADDING → false from {@code MerkleBranch.isValidNormalized}. Tested directly on a
   * hand-built depth-6 tree (a pre-Electra gindex 105 proof normalized to the Electra depth 7): our
   * devnet has no store whose fork is newer than an update's attested fork with a padded branch.
   */
  @Test
  void lc_D49_normalizedBranchWithNonZeroPadding_rejected() {
    final List<Hash32> leaves = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      leaves.add(tag("49/leaf-" + i));
    }
    final SszTree t = new SszTree(leaves, 6);
    final List<Hash32> branch = t.branch(41); // gindex 105 = 64 + 41
    assertTrue(MerkleBranch.isValid(t.leaf(41), branch, 105, t.root()));
    assertTrue(MerkleBranch.isValidNormalized(t.leaf(41), concat(Hash32.ZERO, branch), 105, t.root()));
    assertFalse(MerkleBranch.isValidNormalized(t.leaf(41), concat(tag("49/pad"), branch), 105, t.root()));
    final List<Hash32> twoPads = concat(Hash32.ZERO, concat(tag("49/pad"), branch));
    assertFalse(MerkleBranch.isValidNormalized(t.leaf(41), twoPads, 105, t.root()));
  }

  @Test
  void lc_D50_nextCommitteeGindexByAttestedFork() {
    final LightClientStore s = storeB();
    // Electra attested slot with a gindex-55 (Deneb layout, 5-element) branch: rejected.
    rejected(PROTOCOL_B.tryProcess(s, boundary(Fork.ELECTRA, 5, false, 16_700, 16_701, FORK_B), NOW),
        UpdateRejection.NEXT_COMMITTEE_BRANCH_INVALID);
    // The reverse: Deneb attested slot with a gindex-87 (Electra layout) branch: rejected.
    rejected(PROTOCOL_B.tryProcess(s, boundary(Fork.DENEB, 6, false, ELECTRA_SLOT - 1, ELECTRA_SLOT + 1, FORK_B),
        NOW), UpdateRejection.NEXT_COMMITTEE_BRANCH_INVALID);
    // Last pre-Electra slot with the old gindices: accepted; first Electra slots with the new: accepted.
    final UpdateResult.Applied a = applied(PROTOCOL_B.tryProcess(s,
        boundary(Fork.DENEB, 5, true, ELECTRA_SLOT - 1, ELECTRA_SLOT + 1, FORK_B), NOW));
    assertTrue(a.finalizedAdvanced());
    assertEquals(CHAIN.committee(3).hashTreeRoot(), a.store().nextSyncCommitteeRoot().orElseThrow());
    applied(PROTOCOL_B.tryProcess(s, boundary(Fork.ELECTRA, 6, true, 16_700, 16_701, FORK_B), NOW));
  }

  /**
   * The finality branch proves the checkpoint's root (gindex 169 from Electra, 105 before), not its epoch
   * (168 / 104): a valid proof of gindex 168 is no proof at 169. The gindex is the fork's constant.
   */
  @Test
  void lc_D51_finalityBranchForCheckpointEpochGindex_rejected() {
    final LightClientUpdate u = u(0);
    final Hash32 finRoot = u.finalizedHeader().beacon().hashTreeRoot();
    final List<Hash32> epochProof = concat(finRoot, u.finalityBranch().subList(1, 7));
    final long epoch = PRESET.epochAtSlot(16_480);
    assertTrue(MerkleBranch.isValid(io.trestle.proofs.ssz.Merkle.uint64(epoch), epochProof, 168,
        u.attestedHeader().beacon().stateRoot()));
    rejected(PROTOCOL.tryProcess(store0(), withBranches(u, u.nextSyncCommitteeBranch(), epochProof), NOW),
        UpdateRejection.FINALITY_BRANCH_INVALID);
    assertEquals(169, Fork.ELECTRA.finalizedRootGindex());
    assertEquals(105, Fork.DENEB.finalizedRootGindex());
  }

  /** Signature slot in Electra, attested slot in Deneb: accepted with the Deneb gindices. */
  @Test
  void lc_D52_gindexFromAttestedSlotNotSignatureSlot() {
    final LightClientUpdate u = boundary(Fork.DENEB, 5, true, ELECTRA_SLOT - 1, ELECTRA_SLOT + 5, FORK_B);
    assertEquals(Fork.ELECTRA, FORK_B.forkAtSlot(u.signatureSlot()).orElseThrow());
    assertEquals(Fork.DENEB, FORK_B.forkAtSlot(u.attestedHeader().beacon().slot()).orElseThrow());
    assertTrue(applied(PROTOCOL_B.tryProcess(storeB(), u, NOW)).finalizedAdvanced());
  }

  /** get_generalized_index arithmetic: depth = floorlog2(g), subtree index = g mod 2^depth (spec values). */
  @Test
  void lc_D53_gindexDepthAndSubtreeIndexPerSpec() {
    final long[][] cases = {{105, 6, 41}, {169, 7, 41}, {55, 5, 23}, {87, 6, 23}, {54, 5, 22}, {86, 6, 22},
        {25, 4, 9}, {1, 0, 0}};
    for (final long[] c : cases) {
      assertEquals(c[1], MerkleBranch.depth(c[0]), "depth of " + c[0]);
      assertEquals(c[2], MerkleBranch.subtreeIndex(c[0]), "index of " + c[0]);
    }
  }

  /** Mapping: SSZ_INVALID → SszException from the decoders. */
  @Test
  void lc_D54_sszTrailingBytesBadOffsetsWrongBitvector_rejected() {
    final byte[] ok = u(0).encode();
    assertEquals(u(0), LightClientUpdate.decode(ok, Fork.ELECTRA, PRESET));
    // Trailing bytes after a fixed-size container.
    final byte[] hdr = u(0).attestedHeader().beacon().encode();
    assertThrows(SszException.class, () -> io.trestle.lightclient.types.BeaconBlockHeader.decode(
        SszReader.of(Arrays.copyOf(hdr, hdr.length + 1), "BeaconBlockHeader")));
    // In a variable-size container the last variable field (here the finalized header's extra_data) runs
    // to the end, so appended bytes are that field's bytes: they can change the object (and then its
    // root no longer matches the proofs) but never sneak past its bound.
    final int room = 32 - u(0).finalizedHeader().execution().orElseThrow().extraData().size();
    final byte[] extended = Arrays.copyOf(ok, ok.length + room);
    final LightClientUpdate changed = LightClientUpdate.decode(extended, Fork.ELECTRA, PRESET);
    rejected(PROTOCOL.tryProcess(store0(), changed, NOW), UpdateRejection.EXECUTION_BRANCH_INVALID);
    final byte[] trailing = Arrays.copyOf(ok, ok.length + room + 1);
    assertThrows(SszException.class, () -> LightClientUpdate.decode(trailing, Fork.ELECTRA, PRESET));
    for (final int off : new int[] {0, 1, ok.length, ok.length + 100, 0x7fffffff}) {
      final byte[] b = ok.clone();
      b[0] = (byte) off;
      b[1] = (byte) (off >>> 8);
      b[2] = (byte) (off >>> 16);
      b[3] = (byte) (off >>> 24);
      assertThrows(SszException.class, () -> LightClientUpdate.decode(b, Fork.ELECTRA, PRESET), "offset " + off);
    }
    final byte[] agg = u(0).syncAggregate().encode();
    assertThrows(SszException.class,
        () -> SyncAggregate.decode(SszReader.of(Arrays.copyOf(agg, agg.length - 1), "SyncAggregate"), PRESET));
    assertThrows(SszException.class,
        () -> SyncAggregate.decode(SszReader.of(Arrays.copyOf(agg, agg.length + 1), "SyncAggregate"), PRESET));
  }

  @Test
  void lc_D55_extraDataOver32Bytes_rejected() {
    final ExecutionPayloadHeader e = u(0).attestedHeader().execution().orElseThrow();
    final byte[] enc = e.encode();
    final int room = ExecutionPayloadHeader.MAX_EXTRA_DATA_BYTES - e.extraData().size();
    final byte[] atLimit = Arrays.copyOf(enc, enc.length + room);
    assertEquals(32, ExecutionPayloadHeader.decode(SszReader.of(atLimit, "h"), Fork.ELECTRA).extraData().size());
    final byte[] over = Arrays.copyOf(enc, enc.length + room + 1);
    assertThrows(SszException.class, () -> ExecutionPayloadHeader.decode(SszReader.of(over, "h"), Fork.ELECTRA));
  }

  @Test
  void lc_D56_preCapellaExecutionOrPreDenebBlobGas_headerInvalid() {
    final ChainConfig late = electraAtCapella(1_000, 2_000);
    final SyncProtocol p = new SyncProtocol(late, VERIFIER);
    // Slot 16384 is Bellatrix here: a header carrying a (non-default) execution payload is invalid.
    final LightClientHeader preCapella = header(Fork.DENEB, 16_384, tag("56"));
    assertEquals(UpdateRejection.HEADER_INVALID, p.validateHeader(preCapella, "h").orElseThrow().reason());
    // Slot 48000 is Capella: a Deneb-shaped header with non-zero blob gas is invalid.
    final ExecutionPayloadHeader e = preCapella.execution().orElseThrow();
    final ExecutionPayloadHeader blob = new ExecutionPayloadHeader(Fork.DENEB, e.parentHash(), e.feeRecipient(),
        e.stateRoot(), e.receiptsRoot(), e.logsBloom(), e.prevRandao(), e.blockNumber(), e.gasLimit(), e.gasUsed(),
        e.timestamp(), e.extraData(), e.baseFeePerGas(), e.blockHash(), e.transactionsRoot(), e.withdrawalsRoot(),
        131_072, 0);
    final LightClientHeader preDeneb = new LightClientHeader(Fork.DENEB, header(Fork.DENEB, 48_000, tag("56b"))
        .beacon(), java.util.Optional.of(blob), preCapella.executionBranch());
    assertEquals(UpdateRejection.HEADER_INVALID, p.validateHeader(preDeneb, "h").orElseThrow().reason());
    // Control: the devnet header is valid on the devnet (every fork at genesis).
    assertTrue(PROTOCOL.validateHeader(u(0).attestedHeader(), "h").isEmpty());
  }

  private static ChainConfig electraAtCapella(final long capellaEpoch, final long denebEpoch) {
    final List<ChainConfig.ForkEntry> s = new ArrayList<>();
    for (final Fork f : Fork.values()) {
      final byte[] v = {(byte) f.ordinal(), (byte) 0x99, 0x00, 0x01};
      final long epoch = switch (f) {
        case CAPELLA -> capellaEpoch;
        case DENEB -> denebEpoch;
        case ELECTRA, FULU, GLOAS -> ChainConfig.FAR_FUTURE_EPOCH;
        default -> 0;
      };
      s.add(new ChainConfig.ForkEntry(f, Bytes.of(v), epoch));
    }
    return ChainConfig.of("late-capella", PRESET, CHAIN.config().genesisValidatorsRoot(), DevnetChain.GENESIS_TIME,
        12, OptionalLong.empty(), s, ChainConfig.FAR_FUTURE_EPOCH);
  }

  /**
   * Mapping: SSZ_INVALID → SszException (the Electra type's longer branches shift every offset); through
   * the protocol, an Electra-slot update in Deneb shape is FORK_MISMATCH.
   */
  @Test
  void lc_D57_updateDecodedWithWrongForkType_rejected() {
    final byte[] electra = u(0).encode();
    assertThrows(SszException.class, () -> LightClientUpdate.decode(electra, Fork.DENEB, PRESET));
    final LightClientUpdate u = u(0);
    final LightClientUpdate asDeneb = new LightClientUpdate(relabel(u.attestedHeader(), Fork.DENEB),
        u.nextSyncCommittee(), u.nextSyncCommitteeBranch().subList(1, 6), relabel(u.finalizedHeader(), Fork.DENEB),
        u.finalityBranch().subList(1, 7), u.syncAggregate(), u.signatureSlot());
    rejected(PROTOCOL.tryProcess(store0(), asDeneb, NOW), UpdateRejection.FORK_MISMATCH);
  }

  private static LightClientHeader relabel(final LightClientHeader h, final Fork f) {
    return new LightClientHeader(f, h.beacon(), h.execution(), h.executionBranch());
  }

  // --- E. BLS and signing -----------------------------------------------------------------------

  /** Mapping: SIGNATURE_MALFORMED → SIGNATURE_INVALID (the BLS layer's own codes are checked too). */
  @Test
  void lc_E58_malformedSignatures_rejected() {
    final byte[] good = u(0).syncAggregate().signature().toArray();
    final byte[] noFlag = good.clone();
    noFlag[0] &= 0x7f;
    final byte[] notInG2 = new byte[96];
    notInG2[0] = (byte) 0x80;
    notInG2[95] = 2;
    final byte[] badInfinity = infinitySignature().toArray();
    badInfinity[95] = 1;
    final byte[] xTooBig = new byte[96];
    Arrays.fill(xTooBig, (byte) 0xff);
    xTooBig[0] = (byte) 0x9f;
    final Map<byte[], BlsError> cases = Map.of(noFlag, BlsError.INVALID_ENCODING, notInG2, BlsError.NOT_IN_SUBGROUP,
        badInfinity, BlsError.INVALID_ENCODING, xTooBig, BlsError.INVALID_ENCODING);
    for (final Map.Entry<byte[], BlsError> c : cases.entrySet()) {
      final BlsException ex = assertThrows(BlsException.class, () -> BlsSignature.fromCompressed(Bytes.of(c.getKey())));
      assertEquals(c.getValue(), ex.error());
      final LightClientUpdate bad = withAggregate(u(0),
          new SyncAggregate(u(0).syncAggregate().bits(), Bytes.of(c.getKey())));
      rejected(PROTOCOL.tryProcess(store0(), bad, NOW), UpdateRejection.SIGNATURE_INVALID);
    }
    assertEquals(BlsError.INVALID_LENGTH,
        assertThrows(BlsException.class, () -> BlsSignature.fromCompressed(Bytes.of(good, 0, 95))).error());
    assertThrows(IllegalArgumentException.class,
        () -> new SyncAggregate(u(0).syncAggregate().bits(), Bytes.of(good, 0, 95)));
  }

  @Test
  void lc_E59_infinitySignatureWithZeroParticipants_rejected() {
    final LightClientUpdate u = withAggregate(u(0), new SyncAggregate(Bytes.of(new byte[64]), infinitySignature()));
    rejected(PROTOCOL.tryProcess(store0(), u, NOW), UpdateRejection.INSUFFICIENT_PARTICIPATION);
    assertFalse(Bls.fastAggregateVerify(List.of(), Bytes.of(new byte[32]),
        BlsSignature.parse(infinitySignature()).orElseThrow()));
  }

  /** A bootstrap whose committee (correctly proven) holds an invalid key is refused at initialization. */
  @Test
  void lc_E60_bootstrapCommitteeWithInfinityOrNonSubgroupKey_rejected() {
    final byte[] infinity = new byte[48];
    infinity[0] = (byte) 0xc0;
    final byte[] notInG1 = new byte[48]; // x = 4 is on the curve but outside the G1 subgroup
    notInG1[0] = (byte) 0x80;
    notInG1[47] = 4;
    for (final byte[] key : List.of(infinity, notInG1)) {
      final SyncCommittee c2 = CHAIN.committee(2);
      final List<Bytes> keys = new ArrayList<>(c2.pubkeys());
      keys.set(17, Bytes.of(key));
      final SyncCommittee bad = new SyncCommittee(keys, c2.aggregatePubkey());
      final SszTree st = state(6, "60", Map.of(CURRENT_COMMITTEE_FIELD, bad.hashTreeRoot()));
      final LightClientHeader h = header(16_384, st.root());
      final LightClientBootstrap b = new LightClientBootstrap(h, bad, st.branch(CURRENT_COMMITTEE_FIELD));
      rejected(PROTOCOL.tryInitialize(h.beacon().hashTreeRoot(), b), UpdateRejection.BOOTSTRAP_INVALID);
    }
  }

  @Test
  void lc_E61_signatureOverFinalizedInsteadOfAttested_rejected() {
    final LightClientUpdate u = u(0);
    final LightClientUpdate signFinalized = new LightClientUpdate(u.finalizedHeader(), u.nextSyncCommittee(),
        u.nextSyncCommitteeBranch(), u.finalizedHeader(), u.finalityBranch(), u.syncAggregate(), u.signatureSlot());
    final SyncAggregate overFinalized = CHAIN.resign(signFinalized, 2).syncAggregate();
    rejected(PROTOCOL.tryProcess(store0(), withAggregate(u, overFinalized), NOW), UpdateRejection.SIGNATURE_INVALID);
  }

  @Test
  void lc_E62_signatureUnderAnotherNetworksGvr_rejected() {
    assertEquals(Hash32.fromHex("0x4b363db94e286120d76eb905340fdd4e54bfe9f06bf33ff6cf5ad27f511bfe95"),
        Networks.MAINNET.genesisValidatorsRoot());
    for (final ChainConfig other : List.of(Networks.MAINNET, Networks.SEPOLIA)) {
      final LightClientUpdate u = CHAIN.updateSignedUnder(0,
          CHAIN.config().withGenesisValidatorsRoot(other.genesisValidatorsRoot()));
      rejected(PROTOCOL.tryProcess(store0(), u, NOW), UpdateRejection.SIGNATURE_INVALID);
    }
  }

  @Test
  void lc_E63_firstSlotOfNewForkUsesPreviousForkVersion() {
    final LightClientStore s = storeB();
    final LightClientUpdate prev = boundary(Fork.DENEB, 5, true, ELECTRA_SLOT - 2, ELECTRA_SLOT, FORK_B);
    assertTrue(applied(PROTOCOL_B.tryProcess(s, prev, NOW)).finalizedAdvanced());
    // The same header signed with the new (Electra) version at slot ELECTRA_SLOT - 1: rejected.
    final LightClientUpdate next = boundary(Fork.DENEB, 5, true, ELECTRA_SLOT - 2, ELECTRA_SLOT,
        electraAt(ELECTRA_EPOCH - 1));
    rejected(PROTOCOL_B.tryProcess(s, next, NOW), UpdateRejection.SIGNATURE_INVALID);
  }

  @Test
  void lc_E64_firstUpdateAfterNewestForkUsesNewestVersion() {
    final LightClientStore s = storeB();
    applied(PROTOCOL_B.tryProcess(s, boundary(Fork.DENEB, 5, true, ELECTRA_SLOT - 1, ELECTRA_SLOT + 1, FORK_B), NOW));
    rejected(PROTOCOL_B.tryProcess(s, boundary(Fork.DENEB, 5, true, ELECTRA_SLOT - 1, ELECTRA_SLOT + 1,
        electraAt(ELECTRA_EPOCH + 1)), NOW), UpdateRejection.SIGNATURE_INVALID);
    // A schedule without a genesis fork version, or out of order, is a configuration error at startup.
    final List<ChainConfig.ForkEntry> noGenesis = new ArrayList<>(FORK_B.schedule());
    noGenesis.removeIf(e -> e.fork() == Fork.PHASE0);
    assertThrows(IllegalArgumentException.class, () -> ChainConfig.of("x", PRESET, Hash32.ZERO, 0, 12,
        OptionalLong.empty(), noGenesis, ChainConfig.FAR_FUTURE_EPOCH));
    final List<ChainConfig.ForkEntry> disordered = new ArrayList<>(FORK_B.schedule());
    disordered.replaceAll(e -> e.fork() == Fork.DENEB ? new ChainConfig.ForkEntry(Fork.DENEB, e.version(), 600) : e);
    assertThrows(IllegalArgumentException.class, () -> ChainConfig.of("x", PRESET, Hash32.ZERO, 0, 12,
        OptionalLong.empty(), disordered, ChainConfig.FAR_FUTURE_EPOCH));
  }

  /** Mapping: SSZ_INVALID (decoder: SszException; JSON: BeaconJsonException with SSZ_INVALID). */
  @Test
  void lc_E65_syncCommitteeBitsOfWrongLength_rejected() {
    final byte[] agg = u(0).syncAggregate().encode();
    final byte[] minimalSized = Arrays.copyOfRange(agg, 32, agg.length); // 32 bytes of bits + signature
    assertThrows(SszException.class, () -> SyncAggregate.decode(SszReader.of(minimalSized, "agg"), PRESET));
    final ObjectNode json = BeaconJsonEncoder.update(u(0));
    final ObjectNode aggJson = (ObjectNode) json.get("data").get("sync_aggregate");
    aggJson.put("sync_committee_bits", "0x" + "ff".repeat(32));
    final BeaconJsonException ex = assertThrows(BeaconJsonException.class,
        () -> BeaconApiJson.update(json.get("data"), Fork.ELECTRA, PRESET));
    assertEquals(UpdateRejection.SSZ_INVALID, ex.reason());
    // Through the object API a 256-bit vector cannot pass the signature check of a 512 committee.
    final LightClientUpdate shortBits = withAggregate(u(0),
        new SyncAggregate(Bytes.of(Arrays.copyOf(agg, 32)), u(0).syncAggregate().signature()));
    rejected(PROTOCOL.tryProcess(store0(), shortBits, NOW), UpdateRejection.SIGNATURE_INVALID);
  }

  // --- G. Bootstrap, store and checkpoint ---------------------------------------------------------

  @Test
  void lc_G91_bootstrapRootDiffersFromTrustedRoot_rejected() {
    rejected(PROTOCOL.tryInitialize(u(0).attestedHeader().beacon().hashTreeRoot(), CHAIN.bootstrap()),
        UpdateRejection.BOOTSTRAP_ROOT_MISMATCH);
    applied(PROTOCOL.tryInitialize(CHAIN.checkpointRoot(), CHAIN.bootstrap()));
  }

  /** Mapping: a zero trusted root → BOOTSTRAP_ROOT_MISMATCH. */
  @Test
  void lc_G92_bootstrapBranchInvalidOrWrongGindex_rejected() {
    final LightClientBootstrap b = CHAIN.bootstrap();
    final List<Hash32> mutated = new ArrayList<>(b.currentSyncCommitteeBranch());
    mutated.set(2, tag("92"));
    rejected(PROTOCOL.tryInitialize(CHAIN.checkpointRoot(),
        new LightClientBootstrap(b.header(), b.currentSyncCommittee(), mutated)), UpdateRejection.BOOTSTRAP_INVALID);
    // A Deneb-layout (gindex 54, 5 elements) proof at an Electra slot.
    final SszTree deneb = state(5, "92", Map.of(CURRENT_COMMITTEE_FIELD, CHAIN.committee(2).hashTreeRoot()));
    final LightClientHeader h = header(16_384, deneb.root());
    rejected(PROTOCOL.tryInitialize(h.beacon().hashTreeRoot(), new LightClientBootstrap(h, CHAIN.committee(2),
        deneb.branch(CURRENT_COMMITTEE_FIELD))), UpdateRejection.BOOTSTRAP_INVALID);
    rejected(PROTOCOL.tryInitialize(h.beacon().hashTreeRoot(), new LightClientBootstrap(h, CHAIN.committee(2),
        concat(Hash32.ZERO, deneb.branch(CURRENT_COMMITTEE_FIELD)))), UpdateRejection.BOOTSTRAP_INVALID);
    rejected(PROTOCOL.tryInitialize(Hash32.ZERO, b), UpdateRejection.BOOTSTRAP_ROOT_MISMATCH);
    // No public way to a client without a verified bootstrap or a checked store file.
    assertEquals(0, LightClient.class.getConstructors().length);
    assertEquals(0, io.trestle.lightclient.store.StoreFile.VerifiedStore.class.getConstructors().length);
  }

  @Test
  void lc_G93_checkpointOlderThanWeakSubjectivityWindow_rejected() {
    final WeakSubjectivity ws = WeakSubjectivity.defaults(CHAIN.config());
    final long checkpointSlot = CHAIN.bootstrap().header().beacon().slot();
    final long tooLate = checkpointSlot + ws.maxAgeSlots() + 1;
    assertEquals(UpdateRejection.CHECKPOINT_TOO_OLD, ws.check(checkpointSlot, tooLate, false).orElseThrow().reason());
    assertTrue(ws.check(checkpointSlot, tooLate, true).isEmpty(), "explicit override");
    assertTrue(ws.check(checkpointSlot, checkpointSlot + ws.maxAgeSlots(), false).isEmpty());
  }

  /**
   * The wire fork (JSON {@code version}, SSZ fork digest) is chosen by the server. An Electra-slot update
   * labelled with a fork the network has not scheduled (Fulu is FAR_FUTURE on the devnet; the data shape is the
   * same) must not move the store to that fork: such a store could not be persisted any more.
   */
  @Test
  void lc_H57_updateLabelledWithUnscheduledFork_rejectedStoreStaysPersistable(@TempDir final Path dir) {
    assertTrue(CHAIN.config().forkEpoch(Fork.FULU).isEmpty(), "the devnet does not schedule Fulu");
    final LightClientUpdate asFulu = Upgrades.update(u(0), Fork.FULU);
    assertEquals(Fork.FULU, asFulu.fork());
    final UpdateResult r = PROTOCOL.tryProcess(store0(), asFulu, CHAIN.currentSlot());
    rejected(r, UpdateRejection.FORK_MISMATCH);
    // the same for a bootstrap
    rejected(PROTOCOL.tryInitialize(CHAIN.checkpointRoot(), Upgrades.bootstrap(CHAIN.bootstrap(), Fork.FULU)),
        UpdateRejection.BOOTSTRAP_INVALID);
    // the same data labelled with its real fork applies, and the store is saved
    final LightClientStore s = applied(PROTOCOL.tryProcess(store0(), u(0), CHAIN.currentSlot())).store();
    assertEquals(Fork.ELECTRA, s.fork());
    assertInstanceOf(SaveResult.Written.class, StoreFile.in(dir, CHAIN.config()).save(s));
  }

  @Test
  void lc_G95_configOfAnotherNetwork_firstUpdateRejected(@TempDir final Path dir) {
    final ChainConfig wrong = CHAIN.config().withGenesisValidatorsRoot(Networks.SEPOLIA.genesisValidatorsRoot());
    final LightClient.Initialized init = LightClient.initialize(wrong, VERIFIER, CHAIN.checkpointRoot(),
        CHAIN.bootstrap());
    assertTrue(init.ok());
    rejected(init.client().processUpdate(u(0), NOW), UpdateRejection.SIGNATURE_INVALID);
    // A store persisted for the devnet is refused by a client configured for another network.
    assertInstanceOf(SaveResult.class, StoreFile.in(dir, CHAIN.config()).save(store0()));
    final LoadResult r = StoreFile.in(dir, wrong).load();
    assertEquals(UpdateRejection.STATE_CORRUPT, assertInstanceOf(LoadResult.Refused.class, r).rejection().reason());
  }

  @Test
  void lc_G96_tamperedPersistedStore_stateCorrupt(@TempDir final Path dir) throws Exception {
    final LightClientStore s = applied(PROTOCOL.tryProcess(store0(), u(0), NOW)).store();
    StoreFile.in(dir, CHAIN.config()).save(s);
    final LoadResult ok = StoreFile.in(dir, CHAIN.config()).load();
    assertEquals(s, assertInstanceOf(LoadResult.Restored.class, ok).verified().store());
    final Path file = dir.resolve(StoreFile.STORE);
    final byte[] bytes = Files.readAllBytes(file);
    for (final int pos : new int[] {bytes.length / 2, bytes.length - 1, 40}) {
      final byte[] t = bytes.clone();
      t[pos] ^= 0x01;
      Files.write(file, t);
      final LoadResult r = StoreFile.in(dir, CHAIN.config()).load();
      assertEquals(UpdateRejection.STATE_CORRUPT, assertInstanceOf(LoadResult.Refused.class, r).rejection().reason(),
          "flipped byte " + pos);
    }
    Files.write(file, bytes);
    assertArrayEquals(bytes, Files.readAllBytes(file));
  }

  // --- helpers ------------------------------------------------------------------------------------

  private static List<Hash32> concat(final Hash32 first, final List<Hash32> rest) {
    final List<Hash32> out = new ArrayList<>();
    out.add(first);
    out.addAll(rest);
    return out;
  }

  private static LightClientUpdate withBranches(final LightClientUpdate u, final List<Hash32> next,
      final List<Hash32> fin) {
    return new LightClientUpdate(u.attestedHeader(), u.nextSyncCommittee(), next, u.finalizedHeader(), fin,
        u.syncAggregate(), u.signatureSlot());
  }
}
