package io.trestle.lightclient.types;

import io.trestle.crypto.Hash32;
import io.trestle.proofs.ssz.Merkle;
import io.trestle.proofs.ssz.SszReader;
import io.trestle.proofs.ssz.SszWriter;
import java.util.List;
import java.util.Objects;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.config.ChainConfig.Preset;

/**
 * {@code LightClientUpdate}: untrusted until {@code validate_light_client_update} accepts it. Finality
 * and optimistic updates convert to this shape with empty (all-zero) fields, as the spec's
 * {@code process_light_client_finality_update} does.
 *
 * @param attestedHeader the header the sync committee signed
 * @param nextSyncCommittee the next committee (all-zero if absent)
 * @param nextSyncCommitteeBranch its branch (all-zero if absent)
 * @param finalizedHeader the finalized header (all-zero if absent)
 * @param finalityBranch its branch (all-zero if absent)
 * @param syncAggregate participation and signature
 * @param signatureSlot the slot at which the aggregate was signed
 */
public record LightClientUpdate(
    LightClientHeader attestedHeader,
    SyncCommittee nextSyncCommittee,
    List<Hash32> nextSyncCommitteeBranch,
    LightClientHeader finalizedHeader,
    List<Hash32> finalityBranch,
    SyncAggregate syncAggregate,
    long signatureSlot) {

  /** Validates non-null fields and copies the branches. */
  public LightClientUpdate {
    Objects.requireNonNull(attestedHeader, "attestedHeader");
    Objects.requireNonNull(nextSyncCommittee, "nextSyncCommittee");
    Objects.requireNonNull(finalizedHeader, "finalizedHeader");
    Objects.requireNonNull(syncAggregate, "syncAggregate");
    nextSyncCommitteeBranch = List.copyOf(nextSyncCommitteeBranch);
    finalityBranch = List.copyOf(finalityBranch);
  }

  /** The fork of this object's shape (that of its attested header). */
  public Fork fork() {
    return attestedHeader.fork();
  }

  /** {@code hash_tree_root}. */
  public Hash32 hashTreeRoot() {
    return Merkle.container(
        attestedHeader.hashTreeRoot(),
        nextSyncCommittee.hashTreeRoot(),
        Merkle.merkleize(nextSyncCommitteeBranch),
        finalizedHeader.hashTreeRoot(),
        Merkle.merkleize(finalityBranch),
        syncAggregate.hashTreeRoot(),
        Merkle.uint64(signatureSlot));
  }

  /** Strict SSZ decoding for a fork and preset. */
  public static LightClientUpdate decode(final byte[] ssz, final Fork fork, final Preset preset) {
    final SszReader r = SszReader.of(ssz, "LightClientUpdate");
    LightClientHeader attested = HeaderField.readFixedOrOffset(r, fork, "attested_header");
    final SyncCommittee next = SyncCommittee.decode(r.fixed(SyncCommittee.size(preset), "next_sync_committee"), preset);
    final List<Hash32> nextBranch = r.bytes32Vector(fork.syncCommitteeBranchDepth(), "next_sync_committee_branch");
    LightClientHeader finalized = HeaderField.readFixedOrOffset(r, fork, "finalized_header");
    final List<Hash32> finalityBranch = r.bytes32Vector(fork.finalityBranchDepth(), "finality_branch");
    final SyncAggregate agg = SyncAggregate.decode(r.fixed(SyncAggregate.size(preset), "sync_aggregate"), preset);
    final long signatureSlot = r.uint64("signature_slot");
    final List<SszReader> vars = r.variables();
    if (attested == null) {
      attested = LightClientHeader.decode(vars.get(0), fork);
      finalized = LightClientHeader.decode(vars.get(1), fork);
    }
    return new LightClientUpdate(attested, next, nextBranch, finalized, finalityBranch, agg, signatureSlot);
  }

  /** SSZ serialization. */
  public byte[] encode() {
    final SszWriter w = new SszWriter();
    HeaderField.write(w, attestedHeader);
    w.bytes(nextSyncCommittee.encode()).bytes32Vector(nextSyncCommitteeBranch);
    HeaderField.write(w, finalizedHeader);
    return w.bytes32Vector(finalityBranch).bytes(syncAggregate.encode()).uint64(signatureSlot).toBytes();
  }
}
