package io.trestle.lightclient.types;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.proofs.ssz.Merkle;
import io.trestle.proofs.ssz.SszException;
import io.trestle.proofs.ssz.SszReader;
import io.trestle.proofs.ssz.SszWriter;
import java.util.Objects;
import io.trestle.lightclient.config.ChainConfig.Preset;

/**
 * {@code SyncAggregate}: which committee members signed ({@code Bitvector[SYNC_COMMITTEE_SIZE]}, bit i
 * of byte i/8 little-endian) and the aggregate signature. Unverified until the light client checks it.
 *
 * @param bits the participation bitvector bytes
 * @param signature the 96-byte compressed G2 signature
 */
public record SyncAggregate(Bytes bits, Bytes signature) {
  /** Validates sizes. */
  public SyncAggregate {
    Objects.requireNonNull(bits, "bits");
    Objects.requireNonNull(signature, "signature");
    if (signature.size() != 96) {
      throw new IllegalArgumentException("signature of " + signature.size() + " bytes");
    }
  }

  /** True if committee member {@code i} participated. */
  public boolean participated(final int i) {
    return ((bits.get(i >>> 3) >>> (i & 7)) & 1) == 1;
  }

  /** Number of set bits. */
  public int participantCount() {
    int n = 0;
    for (int i = 0; i < bits.size(); i++) {
      n += Integer.bitCount(bits.get(i) & 0xff);
    }
    return n;
  }

  /** {@code hash_tree_root}. */
  public Hash32 hashTreeRoot() {
    return Merkle.container(
        Merkle.merkleizeBytes(bits.toArray(), -1), Merkle.merkleizeBytes(signature.toArray(), -1));
  }

  /** Serialized size for a preset. */
  public static int size(final Preset preset) {
    return preset.syncCommitteeBitsBytes() + 96;
  }

  /** Strict SSZ decoding. */
  public static SyncAggregate decode(final SszReader r, final Preset preset) {
    if (r.size() != size(preset)) {
      throw new SszException("SyncAggregate: expected " + size(preset) + " bytes, got " + r.size());
    }
    final SyncAggregate a = new SyncAggregate(
        Bytes.of(r.bytes(preset.syncCommitteeBitsBytes(), "sync_committee_bits")),
        Bytes.of(r.bytes(96, "sync_committee_signature")));
    r.requireEnd();
    return a;
  }

  /** SSZ serialization. */
  public byte[] encode() {
    return new SszWriter().bytes(bits.toArray()).bytes(signature.toArray()).toBytes();
  }
}
