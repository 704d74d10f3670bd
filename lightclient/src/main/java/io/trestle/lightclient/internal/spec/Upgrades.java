package io.trestle.lightclient.internal.spec;

import io.trestle.lightclient.spec.LightClientStore;
import io.trestle.lightclient.spec.UpdateRejection;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.types.ExecutionPayloadHeader;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientFinalityUpdate;
import io.trestle.lightclient.types.LightClientHeader;
import io.trestle.lightclient.types.LightClientOptimisticUpdate;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.proofs.ssz.MerkleBranch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The spec's {@code upgrade_lc_*_to_<fork>} functions, composed so any object can be brought to any
 * later fork: Altair-shaped headers gain a default execution header and a zero branch (Capella), the
 * Capella execution header gains zero blob fields (Deneb), sync-committee/finality branches are
 * normalized by prepending zero elements when the gindex deepens (Electra, Gloas), and Gloas keeps only
 * the execution block hash with a branch through the old execution payload header
 * ({@code specs/gloas/light-client/fork.md}, v1.7.0-alpha.12 or later). The Gloas step depends on the
 * header slot's epoch (Capella or Deneb payload layout), so it takes the {@link ChainConfig}.
 */
public final class Upgrades {
  private Upgrades() {}

  /** {@code get_generalized_index(deneb.ExecutionPayloadHeader, "block_hash")} = 44 (17 fields, depth 5). */
  static final long DENEB_PAYLOAD_BLOCK_HASH_GINDEX = 44;
  /** {@code get_generalized_index(capella.ExecutionPayloadHeader, "block_hash")} = 28 (15 fields, depth 4). */
  static final long CAPELLA_PAYLOAD_BLOCK_HASH_GINDEX = 28;
  /** The index of {@code block_hash} among the execution payload header's fields. */
  private static final int BLOCK_HASH_FIELD = 12;

  /** A header in the shape of {@code target} (which must not be older and not be Gloas). */
  public static LightClientHeader header(final LightClientHeader h, final Fork target) {
    requireNotOlder(h.fork(), target);
    if (h.fork() == target) {
      return h;
    }
    if (target.hasExecutionBlockHashOnly()) {
      throw new IllegalArgumentException("the Gloas upgrade depends on the fork schedule: pass the ChainConfig");
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

  /** A header in the shape of {@code target}, through {@link #upgradeLcHeaderToGloas} when needed. */
  public static LightClientHeader header(final LightClientHeader h, final Fork target, final ChainConfig config) {
    requireNotOlder(h.fork(), target);
    if (h.fork() == target || !target.hasExecutionBlockHashOnly()) {
      return header(h, target);
    }
    return upgradeLcHeaderToGloas(header(h, Fork.FULU), config);
  }

  /**
   * {@code upgrade_lc_header_to_gloas(pre: electra.LightClientHeader)}: the default header stays default;
   * a Deneb-or-later epoch keeps {@code execution.block_hash} with the branch {@code
   * compute_merkle_proof(pre.execution, 44) + pre.execution_branch} (9 nodes) normalized to 11; a Capella
   * epoch first rebuilds the 15-field {@code capella.ExecutionPayloadHeader} (the root the Capella body
   * committed) and uses its proof at 28 (8 nodes, normalized to 11); an earlier epoch keeps only the beacon
   * header.
   */
  public static LightClientHeader upgradeLcHeaderToGloas(final LightClientHeader pre, final ChainConfig config) {
    Objects.requireNonNull(config, "config");
    if (pre.fork().lightClientShape() != Fork.Shape.DENEB) {
      throw new IllegalArgumentException("upgrade_lc_header_to_gloas takes an electra-shaped header, got "
          + pre.fork().specName());
    }
    final Fork gloas = Fork.GLOAS;
    if (pre.equals(LightClientHeader.empty(pre.fork()))) {
      return LightClientHeader.empty(gloas);
    }
    final long epoch = config.preset().epochAtSlot(pre.beacon().slot());
    final ExecutionPayloadHeader e = pre.execution().orElseThrow();
    final List<Hash32> inner;
    if (config.isActive(Fork.DENEB, epoch)) {
      inner = MerkleBranch.proof(e.inShape(Fork.DENEB).fieldRoots(), BLOCK_HASH_FIELD);
    } else if (config.isActive(Fork.CAPELLA, epoch)) {
      inner = MerkleBranch.proof(e.inShape(Fork.CAPELLA).fieldRoots(), BLOCK_HASH_FIELD);
    } else {
      return LightClientHeader.gloas(pre.beacon(), Hash32.ZERO,
          Collections.nCopies(gloas.executionBranchDepth(), Hash32.ZERO));
    }
    final List<Hash32> branch = new ArrayList<>(inner);
    branch.addAll(pre.executionBranch());
    return LightClientHeader.gloas(pre.beacon(), e.blockHash(), normalize(branch, gloas.executionBranchDepth()));
  }

  /** An update in the shape of {@code target} (not Gloas; see the overload with a config). */
  public static LightClientUpdate update(final LightClientUpdate u, final Fork target) {
    if (u.fork() == target) {
      return u;
    }
    return new LightClientUpdate(header(u.attestedHeader(), target), u.nextSyncCommittee(),
        normalize(u.nextSyncCommitteeBranch(), target.syncCommitteeBranchDepth()), header(u.finalizedHeader(), target),
        normalize(u.finalityBranch(), target.finalityBranchDepth()), u.syncAggregate(), u.signatureSlot());
  }

  /**
   * An update in the shape of {@code target}; to Gloas this is {@code upgrade_lc_update_to_gloas}: both
   * headers upgraded, branches normalized to 11 (next committee) and 9 (finality).
   */
  public static LightClientUpdate update(final LightClientUpdate u, final Fork target, final ChainConfig config) {
    if (u.fork() == target) {
      return u;
    }
    return new LightClientUpdate(header(u.attestedHeader(), target, config), u.nextSyncCommittee(),
        normalize(u.nextSyncCommitteeBranch(), target.syncCommitteeBranchDepth()),
        header(u.finalizedHeader(), target, config), normalize(u.finalityBranch(), target.finalityBranchDepth()),
        u.syncAggregate(), u.signatureSlot());
  }

  /** A bootstrap in the shape of {@code target} (not Gloas; see the overload with a config). */
  public static LightClientBootstrap bootstrap(final LightClientBootstrap b, final Fork target) {
    if (b.fork() == target) {
      return b;
    }
    return new LightClientBootstrap(header(b.header(), target), b.currentSyncCommittee(),
        normalize(b.currentSyncCommitteeBranch(), target.syncCommitteeBranchDepth()));
  }

  /** {@code upgrade_lc_bootstrap_to_<fork>}, including {@code upgrade_lc_bootstrap_to_gloas}. */
  public static LightClientBootstrap bootstrap(final LightClientBootstrap b, final Fork target,
      final ChainConfig config) {
    if (b.fork() == target) {
      return b;
    }
    return new LightClientBootstrap(header(b.header(), target, config), b.currentSyncCommittee(),
        normalize(b.currentSyncCommitteeBranch(), target.syncCommitteeBranchDepth()));
  }

  /** {@code upgrade_lc_finality_update_to_<fork>}, including {@code upgrade_lc_finality_update_to_gloas}. */
  public static LightClientFinalityUpdate finalityUpdate(final LightClientFinalityUpdate u, final Fork target,
      final ChainConfig config) {
    if (u.fork() == target) {
      return u;
    }
    return new LightClientFinalityUpdate(header(u.attestedHeader(), target, config),
        header(u.finalizedHeader(), target, config), normalize(u.finalityBranch(), target.finalityBranchDepth()),
        u.syncAggregate(), u.signatureSlot());
  }

  /** {@code upgrade_lc_optimistic_update_to_<fork>}, including {@code upgrade_lc_optimistic_update_to_gloas}. */
  public static LightClientOptimisticUpdate optimisticUpdate(final LightClientOptimisticUpdate u, final Fork target,
      final ChainConfig config) {
    if (u.fork() == target) {
      return u;
    }
    return new LightClientOptimisticUpdate(header(u.attestedHeader(), target, config), u.syncAggregate(),
        u.signatureSlot());
  }

  /** {@code upgrade_lc_store_to_<fork>} (not Gloas; see the overload with a config). */
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

  /**
   * {@code upgrade_lc_store_to_<fork>}, including {@code upgrade_lc_store_to_gloas}: finalized and
   * optimistic headers and the best valid update are upgraded; committees and participation are kept. The
   * spec allows it before {@code GLOAS_FORK_EPOCH}.
   */
  public static LightClientStore store(final LightClientStore s, final Fork target, final ChainConfig config) {
    requireNotOlder(s.fork(), target);
    if (s.fork() == target) {
      return s;
    }
    return new LightClientStore(target, header(s.finalizedHeader(), target, config), s.currentSyncCommittee(),
        s.currentSyncCommitteeRoot(), s.nextSyncCommittee(), s.nextSyncCommitteeRoot(),
        s.bestValidUpdate().map(u -> update(u, target, config)), header(s.optimisticHeader(), target, config),
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
