package io.trestle.lightclient.internal.spec;

import io.trestle.lightclient.spec.IgnoreReason;
import io.trestle.lightclient.spec.LightClientStore;
import io.trestle.lightclient.spec.SignatureCheck;
import io.trestle.lightclient.spec.UpdateRejection;
import io.trestle.lightclient.spec.UpdateResult;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.types.ExecutionPayloadHeader;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientHeader;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.config.ChainConfig.Preset;
import io.trestle.lightclient.types.SyncCommittee;
import io.trestle.proofs.ssz.MerkleBranch;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The sync protocol of the consensus specs ({@code specs/{altair,capella,deneb,electra,gloas}/light-client/
 * sync-protocol.md}, Gloas as of v1.7.0-alpha.12 and later), one method per spec function. Pure: no IO, no clock (the current slot is an
 * argument), no mutation (a new {@link LightClientStore} is returned). Thread-safe.
 *
 * <p>Verified here: every rule of {@code validate_light_client_update} (participation, slot order,
 * periods, header validity with execution branches, finality and next-committee branches with the gindex
 * of the attested slot's fork, and the aggregate signature under the sync-committee domain of {@code
 * signature_slot - 1}). Trusted: the {@link ChainConfig} and the block root given to {@link
 * #initializeStore}.
 *
 * <p>Every check that is not in the spec carries a deviation marker comment (an id, what and why, and the
 * test that covers it); {@code DeviationMarkersTest} parses the markers and requires each named test to exist
 * and each id to be in the "Deviations from the spec" table of {@code docs/CATALOGUE.md}.
 */
public final class SyncProtocol {
  /** Slots beyond this are rejected as {@link UpdateRejection#BAD_SLOT} before any arithmetic. */
  public static final long MAX_SLOT = 1L << 62;

  private final ChainConfig config;
  private final SignatureCheck signatures;

  /** A protocol instance for one network. */
  public SyncProtocol(final ChainConfig config, final SignatureCheck signatures) {
    this.config = Objects.requireNonNull(config, "config");
    this.signatures = Objects.requireNonNull(signatures, "signatures");
  }

  /** The network configuration. */
  public ChainConfig config() {
    return config;
  }

  private Preset preset() {
    return config.preset();
  }

  // --- header validity --------------------------------------------------------------------------

  /**
   * {@code is_valid_light_client_header}, throwing the reason when invalid. Dispatches on the header's
   * shape: Gloas-shaped headers follow {@link #checkHeaderGloas}; Altair to Fulu shapes the Capella/Deneb
   * rules (execution payload header at {@code EXECUTION_PAYLOAD_GINDEX}). A pre-Gloas shape for a block of
   * a Gloas epoch is refused: that data has only the Gloas form.
   */
  void checkHeader(final LightClientHeader header, final String which) {
    checkSlot(header.beacon().slot(), which + ".beacon.slot");
    final long epoch = preset().epochAtSlot(header.beacon().slot());
    if (header.fork().hasExecutionBlockHashOnly()) {
      checkHeaderGloas(header, which, epoch);
      return;
    }
    // DEVIATION(gloas-shape): a pre-Gloas header shape for a slot of a Gloas epoch is refused; the spec types data
    // by fork and would check such a header with the Deneb rule against a body layout Gloas no longer has;
    // covered by GloasSpecFunctionsTest#isValidLightClientHeaderBeforeCapellaNeedsZeros
    if (config.isActive(Fork.GLOAS, epoch)) {
      throw new UpdateException(UpdateRejection.HEADER_INVALID, which + ": a " + header.fork().specName()
          + "-shaped header for slot " + header.beacon().slot() + ", which is in Gloas");
    }
    if (!header.fork().hasExecution()) {
      return;
    }
    final ExecutionPayloadHeader exec = header.execution().orElseThrow();
    if (header.fork().lightClientShape() == Fork.Shape.DENEB && !config.isActive(Fork.DENEB, epoch)
        && (exec.blobGasUsed() != 0 || exec.excessBlobGas() != 0)) {
      throw new UpdateException(UpdateRejection.HEADER_INVALID,
          which + ": blob gas fields must be zero before Deneb (slot " + header.beacon().slot() + ")");
    }
    if (!config.isActive(Fork.CAPELLA, epoch)) {
      if (!exec.equals(ExecutionPayloadHeader.empty(header.fork()))
          || !header.executionBranch().stream().allMatch(Hash32.ZERO::equals)) {
        throw new UpdateException(UpdateRejection.HEADER_INVALID,
            which + ": execution header and branch must be default before Capella (slot " + header.beacon().slot() + ")");
      }
      return;
    }
    final Hash32 executionRoot = executionRoot(header, epoch);
    if (!MerkleBranch.isValid(executionRoot, header.executionBranch(), header.fork().executionPayloadGindex(),
        header.beacon().bodyRoot())) {
      throw new UpdateException(UpdateRejection.EXECUTION_BRANCH_INVALID,
          which + ": execution branch does not prove the execution payload header against body_root "
              + header.beacon().bodyRoot());
    }
  }

  /**
   * {@code is_valid_light_client_header} of the Gloas spec for a Gloas-shaped header, by the epoch of
   * {@code header.beacon.slot}: a normalized branch of {@code execution_block_hash} against {@code
   * body_root} at {@code EXECUTION_BLOCK_HASH_GINDEX_GLOAS} (2856) from Gloas, {@code _DENEB} (812) from
   * Deneb, {@code EXECUTION_BLOCK_HASH_GINDEX} (412) from Capella; before Capella the hash and branch must
   * be zero.
   */
  private void checkHeaderGloas(final LightClientHeader header, final String which, final long epoch) {
    final Hash32 blockHash = header.executionBlockHash().orElseThrow();
    final long gindex;
    if (config.isActive(Fork.GLOAS, epoch)) {
      gindex = Fork.EXECUTION_BLOCK_HASH_GINDEX_GLOAS;
    } else if (config.isActive(Fork.DENEB, epoch)) {
      gindex = Fork.EXECUTION_BLOCK_HASH_GINDEX_DENEB;
    } else if (config.isActive(Fork.CAPELLA, epoch)) {
      gindex = Fork.EXECUTION_BLOCK_HASH_GINDEX;
    } else {
      if (!blockHash.equals(Hash32.ZERO) || !allZero(header.executionBranch())) {
        throw new UpdateException(UpdateRejection.HEADER_INVALID, which
            + ": execution_block_hash and execution_branch must be zero before Capella (slot " + header.beacon().slot()
            + ")");
      }
      return;
    }
    if (!MerkleBranch.isValidNormalized(blockHash, header.executionBranch(), gindex, header.beacon().bodyRoot())) {
      throw new UpdateException(UpdateRejection.EXECUTION_BRANCH_INVALID, which + ": execution_branch does not prove "
          + "execution_block_hash " + blockHash + " at gindex " + gindex + " against body_root "
          + header.beacon().bodyRoot() + " (a normalized branch: leading nodes beyond depth "
          + MerkleBranch.depth(gindex) + " must be zero)");
    }
  }

  /**
   * {@code is_valid_light_client_header} as a result (for callers outside this package, such as the
   * persisted-store loader): empty if the header is valid for its slot under this config, else the
   * rejection. {@code which} names the header in the detail.
   */
  public Optional<UpdateResult.Rejected> validateHeader(final LightClientHeader header, final String which) {
    Objects.requireNonNull(header, "header");
    try {
      checkHeader(header, which);
      return Optional.empty();
    } catch (UpdateException e) {
      return Optional.of(new UpdateResult.Rejected(e.reason, e.getMessage()));
    }
  }

  /** {@code get_lc_execution_root} before Gloas: the root in the shape of the header slot's fork. */
  private Hash32 executionRoot(final LightClientHeader header, final long epoch) {
    final ExecutionPayloadHeader e = header.execution().orElseThrow();
    if (config.isActive(Fork.DENEB, epoch) || e.fork() == Fork.CAPELLA) {
      return e.hashTreeRoot();
    }
    // A Deneb-shaped header of a Capella slot: hash the Capella shape.
    return e.inShape(Fork.CAPELLA).hashTreeRoot();
  }

  /**
   * {@code get_lc_execution_root(header)} for a header of any shape (the spec tests' {@code
   * checks.execution_root}). Gloas shape: {@code execution_block_hash} from a Gloas epoch; from a Deneb or
   * Capella epoch the old {@code hash_tree_root(ExecutionPayloadHeader)}, recomputed from the block hash
   * and the inner part of the branch ({@code branch[:len-4]}, its last 5 or 4 nodes), or the default
   * header's root at the genesis slot; zero before Capella. Altair to Fulu shapes: the execution payload
   * header's root in the shape of the slot's fork from Capella, zero before. Does not validate the header.
   */
  public Hash32 getLcExecutionRoot(final LightClientHeader header) {
    final long slot = header.beacon().slot();
    final long epoch = preset().epochAtSlot(slot);
    if (header.fork().hasExecutionBlockHashOnly()) {
      final Hash32 blockHash = header.executionBlockHash().orElseThrow();
      if (config.isActive(Fork.GLOAS, epoch)) {
        return blockHash;
      }
      final Fork payloadShape;
      final long blockHashGindex;
      if (config.isActive(Fork.DENEB, epoch)) {
        payloadShape = Fork.DENEB;
        blockHashGindex = Upgrades.DENEB_PAYLOAD_BLOCK_HASH_GINDEX;
      } else if (config.isActive(Fork.CAPELLA, epoch)) {
        payloadShape = Fork.CAPELLA;
        blockHashGindex = Upgrades.CAPELLA_PAYLOAD_BLOCK_HASH_GINDEX;
      } else {
        return Hash32.ZERO;
      }
      if (slot == 0) {
        return ExecutionPayloadHeader.empty(payloadShape).hashTreeRoot();
      }
      final List<Hash32> branch = header.executionBranch();
      final List<Hash32> inner = branch.subList(0, branch.size() - MerkleBranch.depth(Fork.EXECUTION_PAYLOAD_GINDEX));
      final int depth = MerkleBranch.depth(blockHashGindex);
      return MerkleBranch.computeRoot(blockHash, inner.subList(inner.size() - depth, inner.size()), depth,
          MerkleBranch.subtreeIndex(blockHashGindex));
    }
    if (!header.fork().hasExecution() || !config.isActive(Fork.CAPELLA, epoch)) {
      return Hash32.ZERO;
    }
    return executionRoot(header, epoch);
  }

  // DEVIATION(slot-bound): every slot (header, signature, finalized, current) above 2^62 is BAD_SLOT before any
  // arithmetic; the spec's slots are any uint64, Java's long is signed and epoch/period sums must not overflow;
  // covered by LightClientAdversarialTest#lc_F89_slotsNearTwoToThe64_badSlotWithoutException
  private static void checkSlot(final long slot, final String what) {
    if (slot < 0 || slot > MAX_SLOT) {
      throw new UpdateException(UpdateRejection.BAD_SLOT, what + " = " + Long.toUnsignedString(slot) + " is out of range");
    }
  }

  // DEVIATION(unsupported-fork): a slot in a fork this version does not implement (after Gloas) is UNSUPPORTED_FORK
  // wherever the fork of a slot is needed (gindices, wire labels, the signature's fork version); the spec knows
  // every fork it defines, a library of a given version does not, and must refuse before trusting data it
  // cannot lay out; covered by GloasCrossingTest#forkAfterGloasIsATypedRefusalBeforeAnyDataIsTrusted
  private Fork forkAtSlot(final long slot, final String what) {
    return config.forkAtSlot(slot).orElseThrow(() -> new UpdateException(UpdateRejection.UNSUPPORTED_FORK,
        what + " " + slot + ": " + config.unsupportedAt(preset().epochAtSlot(slot))
            .orElse("a fork this version does not support")));
  }

  /**
   * {@code finalized_root_gindex_at_slot(slot)}: 735 from Gloas, 169 from Electra, else 105 (the gindices
   * of the state layout of the slot's fork, {@link Fork#gindices()}).
   */
  long finalizedRootGindexAtSlot(final long slot) {
    return forkAtSlot(slot, "attested slot").finalizedRootGindex();
  }

  /** {@code current_sync_committee_gindex_at_slot(slot)}: 2945 from Gloas, 86 from Electra, else 54. */
  long currentSyncCommitteeGindexAtSlot(final long slot) {
    return forkAtSlot(slot, "bootstrap slot").currentSyncCommitteeGindex();
  }

  /** {@code next_sync_committee_gindex_at_slot(slot)}: 2946 from Gloas, 87 from Electra, else 55. */
  long nextSyncCommitteeGindexAtSlot(final long slot) {
    return forkAtSlot(slot, "attested slot").nextSyncCommitteeGindex();
  }

  private long gindexFinalized(final long attestedSlot) {
    return finalizedRootGindexAtSlot(attestedSlot);
  }

  private long gindexNextCommittee(final long attestedSlot) {
    return nextSyncCommitteeGindexAtSlot(attestedSlot);
  }

  /**
   * The wire type of an object by the slot of its attested (or bootstrap) header ({@code
   * p2p-interface.md}: the context epoch is that slot's epoch): the label must be the slot's fork, or a
   * later label of the same shape and gindices (Electra data labelled Fulu). Anything else is refused as
   * {@link UpdateRejection#FORK_MISMATCH}; data is never re-typed.
   */
  // DEVIATION(slot-fork-label): the data's fork label must be the fork of its attested (bootstrap) slot, or a later
  // label of the same shape and gindices, else FORK_MISMATCH; the sync protocol takes objects already typed by
  // the p2p context epoch, Trestle receives the label from the source and never re-types data;
  // covered by LightClientSszBlsStoreAdversarialTest#lc_D57_updateDecodedWithWrongForkType_rejected,
  // GloasCrossingTest#wrongForkLabelIsRejectedNeverRetyped
  private void checkLabel(final Fork label, final long slot, final String what) {
    checkSlot(slot, what);
    final Fork slotFork = forkAtSlot(slot, what);
    if (slotFork != label && !(label.ordinal() > slotFork.ordinal() && sameShape(label, slotFork))) {
      throw new UpdateException(UpdateRejection.FORK_MISMATCH, what + ": data encoded as " + label.specName()
          + " but slot " + slot + " is in " + slotFork.specName());
    }
  }

  // --- bootstrap ----------------------------------------------------------------------------------

  /**
   * {@code initialize_light_client_store(trusted_block_root, bootstrap)}. The only way to create a
   * store.
   */
  public LightClientStore initializeStore(final Hash32 trustedBlockRoot, final LightClientBootstrap bootstrap) {
    // DEVIATION(zero-trusted-root): a zero trusted block root is BOOTSTRAP_ROOT_MISMATCH before the bootstrap is
    // read; the spec only compares roots, a zero root is an unset checkpoint, never a block;
    // covered by LightClientSszBlsStoreAdversarialTest#lc_G92_bootstrapBranchInvalidOrWrongGindex_rejected
    if (trustedBlockRoot.equals(Hash32.ZERO)) {
      throw new UpdateException(UpdateRejection.BOOTSTRAP_ROOT_MISMATCH, "the trusted block root is zero");
    }
    // DEVIATION(unscheduled-fork): a bootstrap or update labelled with a fork the network has not scheduled is
    // BOOTSTRAP_INVALID (FORK_MISMATCH for an update, in tryProcess); the spec has no such object, and a store
    // moved to an unscheduled fork could not be persisted or followed;
    // covered by LightClientSszBlsStoreAdversarialTest#lc_H57_updateLabelledWithUnscheduledFork_rejectedStoreStaysPersistable
    if (config.forkEpoch(bootstrap.fork()).isEmpty()) {
      throw new UpdateException(UpdateRejection.BOOTSTRAP_INVALID, "bootstrap encoded as "
          + bootstrap.fork().specName() + ", a fork " + config.name() + " has not scheduled");
    }
    checkLabel(bootstrap.fork(), bootstrap.header().beacon().slot(), "bootstrap.header.beacon.slot");
    try {
      checkHeader(bootstrap.header(), "bootstrap.header");
    } catch (UpdateException e) {
      throw new UpdateException(e.reason == UpdateRejection.BAD_SLOT ? e.reason : UpdateRejection.BOOTSTRAP_INVALID,
          e.getMessage());
    }
    final Hash32 root = bootstrap.header().beacon().hashTreeRoot();
    if (!root.equals(trustedBlockRoot)) {
      throw new UpdateException(UpdateRejection.BOOTSTRAP_ROOT_MISMATCH,
          "bootstrap header root " + root + " differs from the trusted block root " + trustedBlockRoot);
    }
    // DEVIATION(branch-length): see checkBranchLengths, for the bootstrap's current_sync_committee_branch;
    // covered by LightClientSszBlsStoreAdversarialTest#lc_D48_branchLengthOtherThanDepth_rejected
    final int depth = bootstrap.fork().syncCommitteeBranchDepth();
    if (bootstrap.currentSyncCommitteeBranch().size() != depth) {
      throw new UpdateException(UpdateRejection.BOOTSTRAP_INVALID, "current_sync_committee_branch has "
          + bootstrap.currentSyncCommitteeBranch().size() + " elements, " + bootstrap.fork().specName() + " needs "
          + depth);
    }
    final Hash32 committeeRoot = bootstrap.currentSyncCommittee().hashTreeRoot();
    final long gindex = currentSyncCommitteeGindexAtSlot(bootstrap.header().beacon().slot());
    if (!MerkleBranch.isValidNormalized(committeeRoot, bootstrap.currentSyncCommitteeBranch(), gindex,
        bootstrap.header().beacon().stateRoot())) {
      throw new UpdateException(UpdateRejection.BOOTSTRAP_INVALID,
          "current_sync_committee_branch does not prove the committee (gindex " + gindex + ") against state_root "
              + bootstrap.header().beacon().stateRoot());
    }
    // DEVIATION(bootstrap-key-validate): every committee key must pass KeyValidate at initialization, else
    // BOOTSTRAP_INVALID; the spec meets the keys only in FastAggregateVerify of each update's participants, so a
    // committee with a bad key would be accepted and fail (or be excluded) later;
    // covered by LightClientSszBlsStoreAdversarialTest#lc_E60_bootstrapCommitteeWithInfinityOrNonSubgroupKey_rejected
    final List<Bytes> keys = bootstrap.currentSyncCommittee().pubkeys();
    for (int i = 0; i < keys.size(); i++) {
      if (io.trestle.crypto.bls.BlsPublicKey.parse(keys.get(i)).isEmpty()) {
        throw new UpdateException(UpdateRejection.BOOTSTRAP_INVALID, "current_sync_committee.pubkeys[" + i
            + "] fails KeyValidate (infinity, off-curve, outside the G1 subgroup or non-canonical)");
      }
    }
    return new LightClientStore(bootstrap.fork(), bootstrap.header(), bootstrap.currentSyncCommittee(), committeeRoot,
        Optional.empty(), Optional.empty(), Optional.empty(), bootstrap.header(), 0, 0);
  }

  // --- validation ---------------------------------------------------------------------------------

  /** {@code is_sync_committee_update}. */
  public static boolean isSyncCommitteeUpdate(final LightClientUpdate u) {
    return !u.nextSyncCommitteeBranch().stream().allMatch(Hash32.ZERO::equals);
  }

  /** {@code is_finality_update}. */
  public static boolean isFinalityUpdate(final LightClientUpdate u) {
    return !u.finalityBranch().stream().allMatch(Hash32.ZERO::equals);
  }

  /**
   * {@code validate_light_client_update(store, update, current_slot, genesis_validators_root)}. The update
   * must already be in the store's fork shape. Returns the root of the update's next sync committee when
   * it carries one (reused by apply). Throws {@link UpdateException} or {@link IgnoredException}.
   */
  Optional<Hash32> validate(final LightClientStore store, final LightClientUpdate update, final long currentSlot) {
    final int participants = update.syncAggregate().participantCount();
    if (participants < Preset.MIN_SYNC_COMMITTEE_PARTICIPANTS) {
      throw new UpdateException(UpdateRejection.INSUFFICIENT_PARTICIPATION,
          participants + " participants (minimum " + Preset.MIN_SYNC_COMMITTEE_PARTICIPANTS + ")");
    }
    checkSlot(update.signatureSlot(), "signature_slot");
    checkSlot(currentSlot, "current_slot");
    checkHeader(update.attestedHeader(), "attested_header");
    final long attestedSlot = update.attestedHeader().beacon().slot();
    final long finalizedSlot = update.finalizedHeader().beacon().slot();
    checkSlot(finalizedSlot, "finalized_header.beacon.slot");
    if (update.signatureSlot() > currentSlot) {
      throw new UpdateException(UpdateRejection.FUTURE_SLOT,
          "signature_slot " + update.signatureSlot() + " is after the current slot " + currentSlot);
    }
    if (!(update.signatureSlot() > attestedSlot && attestedSlot >= finalizedSlot)) {
      throw new UpdateException(UpdateRejection.BAD_SLOT_ORDER, "need signature_slot > attested_slot >= finalized_slot, got "
          + update.signatureSlot() + ", " + attestedSlot + ", " + finalizedSlot);
    }
    final long storePeriod = preset().periodAtSlot(store.finalizedHeader().beacon().slot());
    final long signaturePeriod = preset().periodAtSlot(update.signatureSlot());
    if (store.isNextSyncCommitteeKnown()) {
      if (signaturePeriod != storePeriod && signaturePeriod != storePeriod + 1) {
        throw new UpdateException(UpdateRejection.WRONG_PERIOD, "signature period " + signaturePeriod
            + " is neither the store period " + storePeriod + " nor the next");
      }
    } else if (signaturePeriod != storePeriod) {
      throw new UpdateException(UpdateRejection.WRONG_PERIOD, "signature period " + signaturePeriod
          + " differs from the store period " + storePeriod + " and the next committee is unknown");
    }
    final long attestedPeriod = preset().periodAtSlot(attestedSlot);
    final boolean hasNextCommittee = !store.isNextSyncCommitteeKnown() && isSyncCommitteeUpdate(update)
        && attestedPeriod == storePeriod;
    if (!(attestedSlot > store.finalizedHeader().beacon().slot() || hasNextCommittee)) {
      throw new IgnoredException(IgnoreReason.NOT_RELEVANT, "attested slot " + attestedSlot
          + " is not after the finalized slot " + store.finalizedHeader().beacon().slot() + " and brings no needed committee");
    }
    if (!isFinalityUpdate(update)) {
      if (!update.finalizedHeader().equals(LightClientHeader.empty(update.fork()))) {
        throw new UpdateException(UpdateRejection.FINALIZED_HEADER_NOT_EMPTY,
            "update without a finality branch carries a non-default finalized header");
      }
    } else {
      final Hash32 finalizedRoot;
      if (finalizedSlot == 0) {
        if (!update.finalizedHeader().equals(LightClientHeader.empty(update.fork()))) {
          throw new UpdateException(UpdateRejection.FINALIZED_HEADER_NOT_EMPTY,
              "finalized header at slot 0 must be fully default");
        }
        finalizedRoot = Hash32.ZERO;
      } else {
        checkHeader(update.finalizedHeader(), "finalized_header");
        finalizedRoot = update.finalizedHeader().beacon().hashTreeRoot();
      }
      final long gindex = gindexFinalized(attestedSlot);
      if (!MerkleBranch.isValidNormalized(finalizedRoot, update.finalityBranch(), gindex,
          update.attestedHeader().beacon().stateRoot())) {
        throw new UpdateException(UpdateRejection.FINALITY_BRANCH_INVALID, "finality_branch does not prove "
            + finalizedRoot + " at gindex " + gindex + " against the attested state_root "
            + update.attestedHeader().beacon().stateRoot());
      }
    }
    Optional<Hash32> nextRoot = Optional.empty();
    if (!isSyncCommitteeUpdate(update)) {
      if (!update.nextSyncCommittee().equals(SyncCommittee.empty(preset()))) {
        throw new UpdateException(UpdateRejection.NEXT_COMMITTEE_NOT_EMPTY,
            "update without a next-committee branch carries a non-default next_sync_committee");
      }
    } else {
      final Hash32 root = update.nextSyncCommittee().hashTreeRoot();
      if (attestedPeriod == storePeriod && store.isNextSyncCommitteeKnown()
          && !root.equals(store.nextSyncCommitteeRoot().orElseThrow())) {
        throw new UpdateException(UpdateRejection.NEXT_COMMITTEE_CONFLICT, "next_sync_committee " + root
            + " differs from the known next committee " + store.nextSyncCommitteeRoot().orElseThrow());
      }
      final long gindex = gindexNextCommittee(attestedSlot);
      if (!MerkleBranch.isValidNormalized(root, update.nextSyncCommitteeBranch(), gindex,
          update.attestedHeader().beacon().stateRoot())) {
        throw new UpdateException(UpdateRejection.NEXT_COMMITTEE_BRANCH_INVALID, "next_sync_committee_branch does not prove "
            + root + " at gindex " + gindex + " against the attested state_root");
      }
      nextRoot = Optional.of(root);
    }
    final SyncCommittee committee;
    final Hash32 committeeRoot;
    if (signaturePeriod == storePeriod) {
      committee = store.currentSyncCommittee();
      committeeRoot = store.currentSyncCommitteeRoot();
    } else {
      committee = store.nextSyncCommittee().orElseThrow();
      committeeRoot = store.nextSyncCommitteeRoot().orElseThrow();
    }
    final long forkVersionSlot = Math.max(update.signatureSlot(), 1) - 1;
    // DEVIATION(unsupported-fork): as in forkAtSlot, for the fork version of the signature slot;
    // covered by GloasCrossingTest#forkAfterGloasIsATypedRefusalBeforeAnyDataIsTrusted
    final Bytes forkVersion = config.forkVersionAtEpoch(preset().epochAtSlot(forkVersionSlot))
        .orElseThrow(() -> new UpdateException(UpdateRejection.UNSUPPORTED_FORK,
            "signature slot " + update.signatureSlot() + ": " + config.unsupportedAt(preset().epochAtSlot(forkVersionSlot))
                .orElse("a fork this version does not support")));
    final Hash32 domain = ChainConfig.computeDomain(ChainConfig.DOMAIN_SYNC_COMMITTEE, forkVersion,
        config.genesisValidatorsRoot());
    final Hash32 signingRoot = ChainConfig.signingRoot(update.attestedHeader().beacon().hashTreeRoot(), domain);
    if (!signatures.verify(committee, committeeRoot, update.syncAggregate(), signingRoot)) {
      throw new UpdateException(UpdateRejection.SIGNATURE_INVALID, "sync aggregate signature of " + participants
          + " participants does not verify over the attested header (fork version " + forkVersion + ")");
    }
    return nextRoot;
  }

  // --- processing ---------------------------------------------------------------------------------

  /** {@code get_safety_threshold}. */
  static int safetyThreshold(final LightClientStore s) {
    return Math.max(s.previousMaxActiveParticipants(), s.currentMaxActiveParticipants()) / 2;
  }

  /**
   * {@code process_light_client_update}: validates, then returns the new store. Throws on rejection or
   * ignore (the facade converts).
   */
  LightClientStore process(final LightClientStore store, final LightClientUpdate update, final long currentSlot) {
    final Optional<Hash32> nextRoot = validate(store, update, currentSlot);
    final int participants = update.syncAggregate().participantCount();
    Optional<LightClientUpdate> best = store.bestValidUpdate();
    if (best.isEmpty() || isBetterUpdate(update, best.get())) {
      best = Optional.of(update);
    }
    final int currentMax = Math.max(store.currentMaxActiveParticipants(), participants);
    LightClientHeader optimistic = store.optimisticHeader();
    if (participants > Math.max(store.previousMaxActiveParticipants(), currentMax) / 2
        && update.attestedHeader().beacon().slot() > optimistic.beacon().slot()) {
      optimistic = update.attestedHeader();
    }
    LightClientStore s = new LightClientStore(store.fork(), store.finalizedHeader(), store.currentSyncCommittee(),
        store.currentSyncCommitteeRoot(), store.nextSyncCommittee(), store.nextSyncCommitteeRoot(), best, optimistic,
        store.previousMaxActiveParticipants(), currentMax);
    final boolean hasFinalizedNextCommittee = !s.isNextSyncCommitteeKnown() && isSyncCommitteeUpdate(update)
        && isFinalityUpdate(update)
        && preset().periodAtSlot(update.finalizedHeader().beacon().slot())
            == preset().periodAtSlot(update.attestedHeader().beacon().slot());
    final int committeeSize = update.syncAggregate().bits().size() * 8;
    if ((long) participants * 3 >= (long) committeeSize * 2
        && (update.finalizedHeader().beacon().slot() > s.finalizedHeader().beacon().slot() || hasFinalizedNextCommittee)) {
      s = apply(s, update, nextRoot);
      s = new LightClientStore(s.fork(), s.finalizedHeader(), s.currentSyncCommittee(), s.currentSyncCommitteeRoot(),
          s.nextSyncCommittee(), s.nextSyncCommitteeRoot(), Optional.empty(), s.optimisticHeader(),
          s.previousMaxActiveParticipants(), s.currentMaxActiveParticipants());
    }
    return s;
  }

  /** {@code apply_light_client_update}. */
  LightClientStore apply(final LightClientStore s, final LightClientUpdate update, final Optional<Hash32> nextRootHint) {
    final long storePeriod = preset().periodAtSlot(s.finalizedHeader().beacon().slot());
    final long finalizedPeriod = preset().periodAtSlot(update.finalizedHeader().beacon().slot());
    SyncCommittee current = s.currentSyncCommittee();
    Hash32 currentRoot = s.currentSyncCommitteeRoot();
    Optional<SyncCommittee> next = s.nextSyncCommittee();
    Optional<Hash32> nextRoot = s.nextSyncCommitteeRoot();
    int previousMax = s.previousMaxActiveParticipants();
    int currentMax = s.currentMaxActiveParticipants();
    final Optional<SyncCommittee> updateNext = isSyncCommitteeUpdate(update)
        ? Optional.of(update.nextSyncCommittee()) : Optional.empty();
    final Optional<Hash32> updateNextRoot = updateNext.map(c -> nextRootHint.orElseGet(c::hashTreeRoot));
    if (!s.isNextSyncCommitteeKnown()) {
      if (finalizedPeriod != storePeriod) {
        throw new UpdateException(UpdateRejection.NEXT_COMMITTEE_UNKNOWN, "finalized period " + finalizedPeriod
            + " differs from the store period " + storePeriod + " while the next committee is unknown");
      }
      next = updateNext;
      nextRoot = updateNextRoot;
    } else if (finalizedPeriod == storePeriod + 1) {
      current = next.orElseThrow();
      currentRoot = nextRoot.orElseThrow();
      next = updateNext;
      nextRoot = updateNextRoot;
      previousMax = currentMax;
      currentMax = 0;
    }
    LightClientHeader finalized = s.finalizedHeader();
    LightClientHeader optimistic = s.optimisticHeader();
    if (update.finalizedHeader().beacon().slot() > finalized.beacon().slot()) {
      finalized = update.finalizedHeader();
      if (finalized.beacon().slot() > optimistic.beacon().slot()) {
        optimistic = finalized;
      }
    }
    return new LightClientStore(s.fork(), finalized, current, currentRoot, next, nextRoot, s.bestValidUpdate(),
        optimistic, previousMax, currentMax);
  }

  /**
   * {@code process_light_client_store_force_update}. WARNING: applies the best valid update without a
   * supermajority once {@code UPDATE_TIMEOUT} slots passed without finality: callers must opt in
   * explicitly ({@code LightClient} requires it in its options).
   */
  LightClientStore forceUpdate(final LightClientStore s, final long currentSlot) {
    checkSlot(currentSlot, "current_slot");
    if (currentSlot > s.finalizedHeader().beacon().slot() + preset().updateTimeout() && s.bestValidUpdate().isPresent()) {
      LightClientUpdate best = s.bestValidUpdate().get();
      if (best.finalizedHeader().beacon().slot() <= s.finalizedHeader().beacon().slot()) {
        best = new LightClientUpdate(best.attestedHeader(), best.nextSyncCommittee(), best.nextSyncCommitteeBranch(),
            best.attestedHeader(), best.finalityBranch(), best.syncAggregate(), best.signatureSlot());
      }
      final LightClientStore applied = apply(s, best, Optional.empty());
      return new LightClientStore(applied.fork(), applied.finalizedHeader(), applied.currentSyncCommittee(),
          applied.currentSyncCommitteeRoot(), applied.nextSyncCommittee(), applied.nextSyncCommitteeRoot(),
          Optional.empty(), applied.optimisticHeader(), applied.previousMaxActiveParticipants(),
          applied.currentMaxActiveParticipants());
    }
    return s;
  }

  /** {@code is_better_update(new_update, old_update)}. */
  public boolean isBetterUpdate(final LightClientUpdate newUpdate, final LightClientUpdate oldUpdate) {
    final int maxActive = newUpdate.syncAggregate().bits().size() * 8;
    final int newActive = newUpdate.syncAggregate().participantCount();
    final int oldActive = oldUpdate.syncAggregate().participantCount();
    final boolean newSuper = (long) newActive * 3 >= (long) maxActive * 2;
    final boolean oldSuper = (long) oldActive * 3 >= (long) maxActive * 2;
    if (newSuper != oldSuper) {
      return newSuper;
    }
    if (!newSuper && newActive != oldActive) {
      return newActive > oldActive;
    }
    final boolean newRelevant = isSyncCommitteeUpdate(newUpdate)
        && preset().periodAtSlot(newUpdate.attestedHeader().beacon().slot()) == preset().periodAtSlot(newUpdate.signatureSlot());
    final boolean oldRelevant = isSyncCommitteeUpdate(oldUpdate)
        && preset().periodAtSlot(oldUpdate.attestedHeader().beacon().slot()) == preset().periodAtSlot(oldUpdate.signatureSlot());
    if (newRelevant != oldRelevant) {
      return newRelevant;
    }
    final boolean newFinality = isFinalityUpdate(newUpdate);
    final boolean oldFinality = isFinalityUpdate(oldUpdate);
    if (newFinality != oldFinality) {
      return newFinality;
    }
    if (newFinality) {
      final boolean newCommitteeFinality = preset().periodAtSlot(newUpdate.finalizedHeader().beacon().slot())
          == preset().periodAtSlot(newUpdate.attestedHeader().beacon().slot());
      final boolean oldCommitteeFinality = preset().periodAtSlot(oldUpdate.finalizedHeader().beacon().slot())
          == preset().periodAtSlot(oldUpdate.attestedHeader().beacon().slot());
      if (newCommitteeFinality != oldCommitteeFinality) {
        return newCommitteeFinality;
      }
    }
    if (newActive != oldActive) {
      return newActive > oldActive;
    }
    if (newUpdate.attestedHeader().beacon().slot() != oldUpdate.attestedHeader().beacon().slot()) {
      return newUpdate.attestedHeader().beacon().slot() < oldUpdate.attestedHeader().beacon().slot();
    }
    return newUpdate.signatureSlot() < oldUpdate.signatureSlot();
  }

  // --- result-returning entry points (never throw on bad data) -----------------------------------

  /** {@link #initializeStore} as a result: {@code Applied} with the new store, or {@code Rejected}. */
  public UpdateResult tryInitialize(final Hash32 trustedBlockRoot, final LightClientBootstrap bootstrap) {
    return guard(() -> {
      final LightClientStore s = initializeStore(trustedBlockRoot, bootstrap);
      return new UpdateResult.Applied(s, true, true, true);
    });
  }

  /**
   * {@code process_light_client_update} as a result. Data of an older fork is upgraded to the store's
   * fork; data of a newer fork first upgrades the store (the store follows the chain's forks). The
   * object's fork must be the fork of its attested slot.
   */
  public UpdateResult tryProcess(final LightClientStore store, final LightClientUpdate update, final long currentSlot) {
    return guard(() -> {
      checkLabel(update.fork(), update.attestedHeader().beacon().slot(), "attested_header.beacon.slot");
      // DEVIATION(unscheduled-fork): as in initializeStore; covered by
      // LightClientSszBlsStoreAdversarialTest#lc_H57_updateLabelledWithUnscheduledFork_rejectedStoreStaysPersistable
      if (config.forkEpoch(update.fork()).isEmpty()) {
        throw new UpdateException(UpdateRejection.FORK_MISMATCH, "update encoded as " + update.fork().specName()
            + ", a fork " + config.name() + " has not scheduled");
      }
      checkBranchLengths(update);
      LightClientStore s = store;
      if (update.fork().ordinal() > s.fork().ordinal()) {
        s = Upgrades.store(s, update.fork(), config);
      }
      final LightClientUpdate u = Upgrades.update(update, s.fork(), config);
      final LightClientStore after = process(s, u, currentSlot);
      return new UpdateResult.Applied(after,
          after.finalizedHeader().beacon().slot() > store.finalizedHeader().beacon().slot(),
          after.optimisticHeader().beacon().slot() > store.optimisticHeader().beacon().slot(),
          preset().periodAtSlot(after.finalizedHeader().beacon().slot())
              > preset().periodAtSlot(store.finalizedHeader().beacon().slot()));
    });
  }

  /** {@code process_light_client_store_force_update} as a result (WARNING: see {@link #forceUpdate}). */
  public UpdateResult tryForceUpdate(final LightClientStore store, final long currentSlot) {
    return guard(() -> {
      final LightClientStore after = forceUpdate(store, currentSlot);
      if (after == store) {
        return new UpdateResult.Ignored(IgnoreReason.NOT_RELEVANT, "no forced update due at slot " + currentSlot);
      }
      return new UpdateResult.Applied(after,
          after.finalizedHeader().beacon().slot() > store.finalizedHeader().beacon().slot(),
          after.optimisticHeader().beacon().slot() > store.optimisticHeader().beacon().slot(),
          preset().periodAtSlot(after.finalizedHeader().beacon().slot())
              > preset().periodAtSlot(store.finalizedHeader().beacon().slot()));
    });
  }

  /** {@code upgrade_lc_store_to_<fork>} as a result. */
  public UpdateResult tryUpgrade(final LightClientStore store, final Fork target) {
    return guard(() -> new UpdateResult.Applied(Upgrades.store(store, target, config), false, false, false));
  }

  /**
   * Branch lengths are fixed by the SSZ type of the update's fork ({@code floorlog2} of the fork's gindex);
   * a record built through the API can hold any length, so a longer (even zero-padded) or shorter branch is
   * rejected here, before normalization to the store's fork.
   */
  // DEVIATION(branch-length): a branch whose length is not the depth of the update's fork is rejected; in the spec
  // the SSZ Vector type fixes it, and is_valid_normalized_merkle_branch would accept a longer branch whose extra
  // leading nodes are zero; covered by LightClientSszBlsStoreAdversarialTest#lc_D48_branchLengthOtherThanDepth_rejected
  private static void checkBranchLengths(final LightClientUpdate update) {
    final int nextDepth = update.fork().syncCommitteeBranchDepth();
    if (update.nextSyncCommitteeBranch().size() != nextDepth) {
      throw new UpdateException(UpdateRejection.NEXT_COMMITTEE_BRANCH_INVALID, "next_sync_committee_branch has "
          + update.nextSyncCommitteeBranch().size() + " elements, " + update.fork().specName() + " needs " + nextDepth);
    }
    final int finalityDepth = update.fork().finalityBranchDepth();
    if (update.finalityBranch().size() != finalityDepth) {
      throw new UpdateException(UpdateRejection.FINALITY_BRANCH_INVALID, "finality_branch has "
          + update.finalityBranch().size() + " elements, " + update.fork().specName() + " needs " + finalityDepth);
    }
  }

  private static boolean sameShape(final Fork a, final Fork b) {
    return a.lightClientShape() == b.lightClientShape() && a.gindices() == b.gindices();
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SyncProtocol.class);

  private static UpdateResult guard(final java.util.function.Supplier<UpdateResult> body) {
    try {
      return body.get();
    } catch (UpdateException e) {
      return new UpdateResult.Rejected(e.reason, e.getMessage());
    } catch (IgnoredException e) {
      return new UpdateResult.Ignored(e.reason, e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("internal error in the sync protocol (failing closed)", e);
      return new UpdateResult.Rejected(UpdateRejection.INTERNAL_ERROR, e.toString());
    }
  }

  /** The update in the store's shape (older data is upgraded; newer data needs the store upgraded first). */
  LightClientUpdate toStoreShape(final LightClientStore store, final LightClientUpdate update) {
    return Upgrades.update(update, store.fork(), config);
  }

  /** Visible for the facade: the branch list with its required depth check. */
  static boolean allZero(final List<Hash32> branch) {
    return branch.stream().allMatch(Hash32.ZERO::equals);
  }
}
