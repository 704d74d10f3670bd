package io.trestle.lightclient.spec;

import io.trestle.crypto.Hash32;
import io.trestle.lightclient.types.ExecutionPayloadHeader;
import io.trestle.lightclient.types.Fork;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientHeader;
import io.trestle.lightclient.types.LightClientUpdate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The spec's {@code upgrade_lc_*_to_<fork>} functions, composed so any object can be brought to any
 * later fork: Altair-shaped headers gain a default execution header and a zero branch (Capella), the
 * Capella execution header gains zero blob fields (Deneb), and sync-committee/finality branches are
 * normalized by prepending zero elements when the gindex deepens (Electra).
 */
public final class Upgrades {
  private Upgrades() {}

  /** A header in the shape of {@code target} (which must not be older). */
  public static LightClientHeader header(final LightClientHeader h, final Fork target) {
    requireNotOlder(h.fork(), target);
    if (h.fork() == target) {
      return h;
    }
    if (!target.hasExecution()) {
      return LightClientHeader.beaconOnly(target, h.beacon());
    }
    if (!h.fork().hasExecution()) {
      return new LightClientHeader(target, h.beacon(), Optional.of(ExecutionPayloadHeader.empty(target)),
          Collections.nCopies(LightClientHeader.EXECUTION_BRANCH_DEPTH, Hash32.ZERO));
    }
    final ExecutionPayloadHeader e = h.execution().orElseThrow();
    final ExecutionPayloadHeader upgraded = new ExecutionPayloadHeader(target, e.parentHash(), e.feeRecipient(),
        e.stateRoot(), e.receiptsRoot(), e.logsBloom(), e.prevRandao(), e.blockNumber(), e.gasLimit(), e.gasUsed(),
        e.timestamp(), e.extraData(), e.baseFeePerGas(), e.blockHash(), e.transactionsRoot(), e.withdrawalsRoot(),
        e.blobGasUsed(), e.excessBlobGas());
    return new LightClientHeader(target, h.beacon(), Optional.of(upgraded), h.executionBranch());
  }

  /** An update in the shape of {@code target}. */
  public static LightClientUpdate update(final LightClientUpdate u, final Fork target) {
    if (u.fork() == target) {
      return u;
    }
    return new LightClientUpdate(header(u.attestedHeader(), target), u.nextSyncCommittee(),
        normalize(u.nextSyncCommitteeBranch(), target.syncCommitteeBranchDepth()), header(u.finalizedHeader(), target),
        normalize(u.finalityBranch(), target.finalityBranchDepth()), u.syncAggregate(), u.signatureSlot());
  }

  /** A bootstrap in the shape of {@code target}. */
  public static LightClientBootstrap bootstrap(final LightClientBootstrap b, final Fork target) {
    if (b.fork() == target) {
      return b;
    }
    return new LightClientBootstrap(header(b.header(), target), b.currentSyncCommittee(),
        normalize(b.currentSyncCommitteeBranch(), target.syncCommitteeBranchDepth()));
  }

  /** {@code upgrade_lc_store_to_<fork>}. */
  public static LightClientStore store(final LightClientStore s, final Fork target) {
    requireNotOlder(s.fork(), target);
    if (s.fork() == target) {
      return s;
    }
    return new LightClientStore(target, header(s.finalizedHeader(), target), s.currentSyncCommittee(),
        s.currentSyncCommitteeRoot(), s.nextSyncCommittee(), s.nextSyncCommitteeRoot(),
        s.bestValidUpdate().map(u -> update(u, target)), header(s.optimisticHeader(), target),
        s.previousMaxActiveParticipants(), s.currentMaxActiveParticipants());
  }

  /** {@code normalize_merkle_branch}: prepends zero elements up to {@code depth}. */
  static List<Hash32> normalize(final List<Hash32> branch, final int depth) {
    if (branch.size() >= depth) {
      return branch;
    }
    final List<Hash32> out = new ArrayList<>(Collections.nCopies(depth - branch.size(), Hash32.ZERO));
    out.addAll(branch);
    return out;
  }

  private static void requireNotOlder(final Fork from, final Fork to) {
    if (to.ordinal() < from.ordinal()) {
      throw new UpdateException(UpdateRejection.FORK_MISMATCH,
          "cannot convert " + from.specName() + " data to the older " + to.specName());
    }
  }
}
