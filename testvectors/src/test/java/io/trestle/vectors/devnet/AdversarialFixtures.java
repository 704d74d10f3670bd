package io.trestle.vectors.devnet;

import io.trestle.testkit.assertions.TrestleAssertions;
import io.trestle.testkit.devnet.DevnetChain;
import io.trestle.testkit.devnet.SszTree;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Sha256;
import io.trestle.lightclient.bls.SyncCommitteeVerifier;
import io.trestle.lightclient.spec.LightClientStore;
import io.trestle.lightclient.internal.spec.SyncProtocol;
import io.trestle.lightclient.spec.UpdateRejection;
import io.trestle.lightclient.spec.UpdateResult;
import io.trestle.lightclient.types.BeaconBlockHeader;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.types.LightClientHeader;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.config.ChainConfig.Preset;
import io.trestle.lightclient.types.SyncAggregate;
import io.trestle.lightclient.types.SyncCommittee;
import io.trestle.proofs.ssz.Merkle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Shared devnet fixtures for the light-client adversarial tests: the devnet chain (seed 7), stores after
 * the bootstrap and after the first update, and builders for synthetic headers, beacon-state trees and
 * updates whose branches are valid by construction (so that exactly one rule is broken per test).
 *
 * <p>State trees use the field positions of the consensus specs' {@code BeaconState} (Deneb: 28 fields,
 * depth 5; Electra: 37 fields, depth 6): {@code finalized_checkpoint} = 20, {@code current_sync_committee}
 * = 22, {@code next_sync_committee} = 23. Other leaves are filler.
 */
final class AdversarialFixtures {
  static final int FINALIZED_CHECKPOINT_FIELD = 20;
  static final int CURRENT_COMMITTEE_FIELD = 22;
  static final int NEXT_COMMITTEE_FIELD = 23;
  static final Preset PRESET = Preset.MAINNET;
  /** Slots per sync-committee period on mainnet (spec constant 32 * 256). */
  static final long PERIOD_SLOTS = 8192;

  static final DevnetChain CHAIN = DevnetChain.generate(7);
  static final SyncCommitteeVerifier VERIFIER = SyncCommitteeVerifier.create();
  static final SyncProtocol PROTOCOL = new SyncProtocol(CHAIN.config(), VERIFIER);

  private static LightClientStore store0;
  private static LightClientStore store1;

  private AdversarialFixtures() {}

  /** Store right after the bootstrap: finalized slot 16384 (period 2), next committee unknown. */
  static synchronized LightClientStore store0() {
    if (store0 == null) {
      store0 = applied(PROTOCOL.tryInitialize(CHAIN.checkpointRoot(), CHAIN.bootstrap())).store();
    }
    return store0;
  }

  /** Store after update 0: finalized slot 16480 (period 2), next committee (period 3) known. */
  static synchronized LightClientStore store1() {
    if (store1 == null) {
      store1 = applied(PROTOCOL.tryProcess(store0(), u(0), CHAIN.currentSlot())).store();
      assertEquals(16480, store1.finalizedHeader().beacon().slot());
    }
    return store1;
  }

  static LightClientUpdate u(final int i) {
    return CHAIN.updates().get(i);
  }

  static UpdateResult.Applied applied(final UpdateResult r) {
    return TrestleAssertions.assertApplied(r);
  }

  static UpdateResult.Rejected rejected(final UpdateResult r, final UpdateRejection expected) {
    return TrestleAssertions.assertRejected(r, expected);
  }

  static Hash32 tag(final String label) {
    return Sha256.hash(("trestle-adversarial/" + label).getBytes(StandardCharsets.US_ASCII));
  }

  static List<Hash32> zeros(final int n) {
    return Collections.nCopies(n, Hash32.ZERO);
  }

  /** A beacon-state tree of {@code depth} with filler leaves and the given overrides. */
  static SszTree state(final int depth, final String label, final Map<Integer, Hash32> leaves) {
    final List<Hash32> l = new ArrayList<>();
    final int fields = depth == 5 ? 28 : 37;
    for (int i = 0; i < fields; i++) {
      l.add(leaves.getOrDefault(i, tag(label + "/state-field-" + i)));
    }
    return new SszTree(l, depth);
  }

  static Hash32 checkpoint(final long epoch, final Hash32 root) {
    return Merkle.container(Merkle.uint64(epoch), root);
  }

  /** {@code [epoch leaf] ++ branch(finalized_checkpoint)}: the branch of the checkpoint's root. */
  static List<Hash32> finalityBranch(final SszTree state, final long epoch) {
    final List<Hash32> b = new ArrayList<>();
    b.add(Merkle.uint64(epoch));
    b.addAll(state.branch(FINALIZED_CHECKPOINT_FIELD));
    return b;
  }

  /**
   * A header of {@code fork} at {@code slot} with {@code stateRoot}, reusing the execution payload, its
   * branch and the body root of a devnet header (so the execution branch stays valid).
   */
  static LightClientHeader header(final Fork fork, final long slot, final Hash32 stateRoot) {
    final LightClientHeader t = u(0).attestedHeader();
    final BeaconBlockHeader b = new BeaconBlockHeader(slot, 7, t.beacon().parentRoot(), stateRoot,
        t.beacon().bodyRoot());
    return new LightClientHeader(fork, b, t.execution(), t.executionBranch());
  }

  static LightClientHeader header(final long slot, final Hash32 stateRoot) {
    return header(Fork.ELECTRA, slot, stateRoot);
  }

  /** Options of {@link #synth}. */
  record Synth(long attestedSlot, long finalizedSlot, boolean finality, boolean nextCommittee, long signatureSlot,
      long signingPeriod, SyncCommittee next) {
    Synth withNext(final SyncCommittee c) {
      return new Synth(attestedSlot, finalizedSlot, finality, nextCommittee, signatureSlot, signingPeriod, c);
    }
  }

  static Synth synth(final long attestedSlot, final long finalizedSlot, final boolean finality,
      final boolean nextCommittee, final long signatureSlot, final long signingPeriod) {
    final long p = PRESET.periodAtSlot(attestedSlot);
    return new Synth(attestedSlot, finalizedSlot, finality, nextCommittee, signatureSlot, signingPeriod,
        CHAIN.committee(p + 1));
  }

  /**
   * An Electra update built from {@code s}: the attested state holds the finalized checkpoint and the
   * next committee, every branch is valid against the attested state root, and the aggregate is a valid
   * signature of the committee of {@code s.signingPeriod} (500 of 512 members).
   */
  static LightClientUpdate build(final Synth s) {
    final LightClientHeader finalized = s.finality() && s.finalizedSlot() != 0
        ? header(s.finalizedSlot(), tag("finalized-state/" + s.finalizedSlot()))
        : LightClientHeader.empty(Fork.ELECTRA);
    final long epoch = PRESET.epochAtSlot(s.finalizedSlot());
    final Hash32 finalizedRoot = s.finalizedSlot() == 0 ? Hash32.ZERO : finalized.beacon().hashTreeRoot();
    final long p = PRESET.periodAtSlot(s.attestedSlot());
    final SszTree st = state(6, "attested/" + s.attestedSlot(), Map.of(
        FINALIZED_CHECKPOINT_FIELD, checkpoint(epoch, finalizedRoot),
        CURRENT_COMMITTEE_FIELD, CHAIN.committee(p).hashTreeRoot(),
        NEXT_COMMITTEE_FIELD, s.next().hashTreeRoot()));
    final LightClientUpdate raw = new LightClientUpdate(header(s.attestedSlot(), st.root()),
        s.nextCommittee() ? s.next() : SyncCommittee.empty(PRESET),
        s.nextCommittee() ? st.branch(NEXT_COMMITTEE_FIELD) : zeros(6),
        s.finality() ? finalized : LightClientHeader.empty(Fork.ELECTRA),
        s.finality() ? finalityBranch(st, epoch) : zeros(7),
        u(0).syncAggregate(), s.signatureSlot());
    return CHAIN.resign(raw, s.signingPeriod());
  }

  /** {@code u} with another aggregate. */
  static LightClientUpdate withAggregate(final LightClientUpdate u, final SyncAggregate a) {
    return new LightClientUpdate(u.attestedHeader(), u.nextSyncCommittee(), u.nextSyncCommitteeBranch(),
        u.finalizedHeader(), u.finalityBranch(), a, u.signatureSlot());
  }

  /** {@code u} with only the first {@code n} participation bits set (signature unchanged, so unverified). */
  static LightClientUpdate withBits(final LightClientUpdate u, final int n) {
    final byte[] bits = new byte[64];
    for (int i = 0; i < n; i++) {
      bits[i >>> 3] |= (byte) (1 << (i & 7));
    }
    return withAggregate(u, new SyncAggregate(Bytes.of(bits), u.syncAggregate().signature()));
  }

  /** The compressed G2 point at infinity. */
  static Bytes infinitySignature() {
    final byte[] b = new byte[96];
    b[0] = (byte) 0xc0;
    return Bytes.of(b);
  }
}
