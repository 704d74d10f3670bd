package io.trestle.lightclient.types;

import io.trestle.crypto.Hash32;
import io.trestle.proofs.ssz.Merkle;
import io.trestle.proofs.ssz.SszReader;
import io.trestle.proofs.ssz.SszWriter;
import java.util.Objects;

/**
 * {@code BeaconBlockHeader}. A plain value: whether it is trusted depends on how it was obtained (a
 * verified bootstrap or update).
 *
 * @param slot slot (uint64, raw bits)
 * @param proposerIndex proposer index (uint64)
 * @param parentRoot parent block root
 * @param stateRoot post-state root
 * @param bodyRoot block body root
 */
public record BeaconBlockHeader(long slot, long proposerIndex, Hash32 parentRoot, Hash32 stateRoot, Hash32 bodyRoot) {
  /** Serialized size. */
  public static final int SIZE = 112;

  /** Validates non-null fields. */
  public BeaconBlockHeader {
    Objects.requireNonNull(parentRoot, "parentRoot");
    Objects.requireNonNull(stateRoot, "stateRoot");
    Objects.requireNonNull(bodyRoot, "bodyRoot");
  }

  /** The all-zero header ({@code BeaconBlockHeader()}). */
  public static BeaconBlockHeader empty() {
    return new BeaconBlockHeader(0, 0, Hash32.ZERO, Hash32.ZERO, Hash32.ZERO);
  }

  /** {@code hash_tree_root}. */
  public Hash32 hashTreeRoot() {
    return Merkle.container(
        Merkle.uint64(slot), Merkle.uint64(proposerIndex), parentRoot, stateRoot, bodyRoot);
  }

  /** Strict SSZ decoding. */
  public static BeaconBlockHeader decode(final SszReader r) {
    r.requireSize(SIZE);
    final BeaconBlockHeader h = new BeaconBlockHeader(
        r.uint64("slot"), r.uint64("proposer_index"), r.bytes32("parent_root"), r.bytes32("state_root"),
        r.bytes32("body_root"));
    r.requireEnd();
    return h;
  }

  /** SSZ serialization. */
  public byte[] encode() {
    return new SszWriter().uint64(slot).uint64(proposerIndex).bytes32(parentRoot).bytes32(stateRoot)
        .bytes32(bodyRoot).toBytes();
  }
}
