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
 * {@code LightClientOptimisticUpdate}: untrusted; processed as a {@link LightClientUpdate} without next
 * sync committee or finality ({@link #toUpdate(Preset)}).
 *
 * @param attestedHeader the header the sync committee signed
 * @param syncAggregate participation and signature
 * @param signatureSlot the slot at which the aggregate was signed
 */
public record LightClientOptimisticUpdate(
    LightClientHeader attestedHeader, SyncAggregate syncAggregate, long signatureSlot) {

  /** Validates non-null fields. */
  public LightClientOptimisticUpdate {
    Objects.requireNonNull(attestedHeader, "attestedHeader");
    Objects.requireNonNull(syncAggregate, "syncAggregate");
  }

  /** The fork of this object's shape. */
  public Fork fork() {
    return attestedHeader.fork();
  }

  /** As a full update (spec {@code process_light_client_optimistic_update}). */
  public LightClientUpdate toUpdate(final Preset preset) {
    return new LightClientUpdate(attestedHeader, SyncCommittee.empty(preset),
        Collections.nCopies(fork().syncCommitteeBranchDepth(), Hash32.ZERO), LightClientHeader.empty(fork()),
        Collections.nCopies(fork().finalityBranchDepth(), Hash32.ZERO), syncAggregate, signatureSlot);
  }

  /** {@code hash_tree_root}. */
  public Hash32 hashTreeRoot() {
    return Merkle.container(attestedHeader.hashTreeRoot(), syncAggregate.hashTreeRoot(), Merkle.uint64(signatureSlot));
  }

  /** Strict SSZ decoding. */
  public static LightClientOptimisticUpdate decode(final byte[] ssz, final Fork fork, final Preset preset) {
    final SszReader r = SszReader.of(ssz, "LightClientOptimisticUpdate");
    LightClientHeader attested = HeaderField.readFixedOrOffset(r, fork, "attested_header");
    final SyncAggregate agg = SyncAggregate.decode(r.fixed(SyncAggregate.size(preset), "sync_aggregate"), preset);
    final long signatureSlot = r.uint64("signature_slot");
    final List<SszReader> vars = r.variables();
    if (attested == null) {
      attested = LightClientHeader.decode(vars.get(0), fork);
    }
    return new LightClientOptimisticUpdate(attested, agg, signatureSlot);
  }

  /** SSZ serialization. */
  public byte[] encode() {
    final SszWriter w = new SszWriter();
    HeaderField.write(w, attestedHeader);
    return w.bytes(syncAggregate.encode()).uint64(signatureSlot).toBytes();
  }
}
