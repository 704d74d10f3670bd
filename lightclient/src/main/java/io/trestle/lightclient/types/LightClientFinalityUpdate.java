package io.trestle.lightclient.types;

import io.trestle.crypto.Hash32;
import io.trestle.proofs.ssz.Merkle;
import io.trestle.proofs.ssz.SszReader;
import io.trestle.proofs.ssz.SszWriter;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.config.ChainConfig.Preset;

/**
 * {@code LightClientFinalityUpdate}: untrusted; processed as a {@link LightClientUpdate} without a next
 * sync committee ({@link #toUpdate(Preset)}).
 *
 * @param attestedHeader the header the sync committee signed
 * @param finalizedHeader the finalized header
 * @param finalityBranch its branch against the attested state root
 * @param syncAggregate participation and signature
 * @param signatureSlot the slot at which the aggregate was signed
 */
public record LightClientFinalityUpdate(
    LightClientHeader attestedHeader,
    LightClientHeader finalizedHeader,
    List<Hash32> finalityBranch,
    SyncAggregate syncAggregate,
    long signatureSlot) {

  /** Validates non-null fields and copies the branch. */
  public LightClientFinalityUpdate {
    Objects.requireNonNull(attestedHeader, "attestedHeader");
    Objects.requireNonNull(finalizedHeader, "finalizedHeader");
    Objects.requireNonNull(syncAggregate, "syncAggregate");
    finalityBranch = List.copyOf(finalityBranch);
  }

  /** The fork of this object's shape. */
  public Fork fork() {
    return attestedHeader.fork();
  }

  /** As a full update with an empty next sync committee (spec {@code process_light_client_finality_update}). */
  public LightClientUpdate toUpdate(final Preset preset) {
    return new LightClientUpdate(attestedHeader, SyncCommittee.empty(preset),
        Collections.nCopies(fork().syncCommitteeBranchDepth(), Hash32.ZERO), finalizedHeader, finalityBranch,
        syncAggregate, signatureSlot);
  }

  /** {@code hash_tree_root}. */
  public Hash32 hashTreeRoot() {
    return Merkle.container(attestedHeader.hashTreeRoot(), finalizedHeader.hashTreeRoot(),
        Merkle.merkleize(finalityBranch), syncAggregate.hashTreeRoot(), Merkle.uint64(signatureSlot));
  }

  /** Strict SSZ decoding. */
  public static LightClientFinalityUpdate decode(final byte[] ssz, final Fork fork, final Preset preset) {
    final SszReader r = SszReader.of(ssz, "LightClientFinalityUpdate");
    LightClientHeader attested = HeaderField.readFixedOrOffset(r, fork, "attested_header");
    LightClientHeader finalized = HeaderField.readFixedOrOffset(r, fork, "finalized_header");
    final List<Hash32> branch = r.bytes32Vector(fork.finalityBranchDepth(), "finality_branch");
    final SyncAggregate agg = SyncAggregate.decode(r.fixed(SyncAggregate.size(preset), "sync_aggregate"), preset);
    final long signatureSlot = r.uint64("signature_slot");
    final List<SszReader> vars = r.variables();
    if (attested == null) {
      attested = LightClientHeader.decode(vars.get(0), fork);
      finalized = LightClientHeader.decode(vars.get(1), fork);
    }
    return new LightClientFinalityUpdate(attested, finalized, branch, agg, signatureSlot);
  }

  /** SSZ serialization. */
  public byte[] encode() {
    final SszWriter w = new SszWriter();
    HeaderField.write(w, attestedHeader);
    HeaderField.write(w, finalizedHeader);
    return w.bytes32Vector(finalityBranch).bytes(syncAggregate.encode()).uint64(signatureSlot).toBytes();
  }
}
