package io.trestle.lightclient.types;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.proofs.ssz.Merkle;
import io.trestle.proofs.ssz.SszException;
import io.trestle.proofs.ssz.SszReader;
import io.trestle.proofs.ssz.SszWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import io.trestle.lightclient.config.ChainConfig.Preset;

/**
 * {@code SyncCommittee}: the compressed BLS public keys of the committee and their aggregate. Keys are
 * kept as bytes here; they are decompressed and subgroup-checked when a signature is verified.
 *
 * @param pubkeys {@code SYNC_COMMITTEE_SIZE} compressed 48-byte keys
 * @param aggregatePubkey the 48-byte aggregate key
 */
public record SyncCommittee(List<Bytes> pubkeys, Bytes aggregatePubkey) {
  /** Copies and validates key sizes. */
  public SyncCommittee {
    pubkeys = List.copyOf(pubkeys);
    Objects.requireNonNull(aggregatePubkey, "aggregatePubkey");
    for (final Bytes pk : pubkeys) {
      if (pk.size() != 48) {
        throw new IllegalArgumentException("pubkey of " + pk.size() + " bytes");
      }
    }
    if (aggregatePubkey.size() != 48) {
      throw new IllegalArgumentException("aggregate pubkey of " + aggregatePubkey.size() + " bytes");
    }
  }

  /** The all-zero committee ({@code SyncCommittee()}) of a preset. */
  public static SyncCommittee empty(final Preset preset) {
    final Bytes zero = Bytes.of(new byte[48]);
    final List<Bytes> keys = new ArrayList<>(preset.syncCommitteeSize());
    for (int i = 0; i < preset.syncCommitteeSize(); i++) {
      keys.add(zero);
    }
    return new SyncCommittee(keys, zero);
  }

  /** Serialized size for a preset. */
  public static int size(final Preset preset) {
    return 48 * preset.syncCommitteeSize() + 48;
  }

  /**
   * Roots of the last few committees seen, keyed by their full content (record equality: every key byte),
   * so a light client that sees the same {@code next_sync_committee} in update after update of a period
   * (freshly decoded each time) hashes its 1,024 chunks once. Lookup costs a hash code and one comparison
   * of the 24 KB of keys, about a tenth of the hashing.
   */
  private static final int ROOT_CACHE_SIZE = 8;

  private static final Map<SyncCommittee, Hash32> ROOTS = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(final Map.Entry<SyncCommittee, Hash32> eldest) {
      return size() > ROOT_CACHE_SIZE;
    }
  };

  /** {@code hash_tree_root} (memoized by content for the last few committees; thread-safe). */
  public Hash32 hashTreeRoot() {
    synchronized (ROOTS) {
      final Hash32 known = ROOTS.get(this);
      if (known != null) {
        return known;
      }
    }
    final Hash32 root = computeRoot();
    synchronized (ROOTS) {
      ROOTS.put(this, root);
    }
    return root;
  }

  private Hash32 computeRoot() {
    final List<Hash32> roots = new ArrayList<>(pubkeys.size());
    for (final Bytes pk : pubkeys) {
      roots.add(pubkeyRoot(pk));
    }
    return Merkle.container(Merkle.merkleize(roots), pubkeyRoot(aggregatePubkey));
  }

  private static Hash32 pubkeyRoot(final Bytes pk) {
    return Merkle.merkleizeBytes(pk.toArray(), -1);
  }

  /** Strict SSZ decoding for a preset. */
  public static SyncCommittee decode(final SszReader r, final Preset preset) {
    if (r.size() != size(preset)) {
      throw new SszException("SyncCommittee: expected " + size(preset) + " bytes, got " + r.size());
    }
    final List<Bytes> keys = new ArrayList<>(preset.syncCommitteeSize());
    for (int i = 0; i < preset.syncCommitteeSize(); i++) {
      keys.add(Bytes.of(r.bytes(48, "pubkeys[" + i + "]")));
    }
    final Bytes agg = Bytes.of(r.bytes(48, "aggregate_pubkey"));
    r.requireEnd();
    return new SyncCommittee(keys, agg);
  }

  /** SSZ serialization. */
  public byte[] encode() {
    final SszWriter w = new SszWriter();
    pubkeys.forEach(pk -> w.bytes(pk.toArray()));
    return w.bytes(aggregatePubkey.toArray()).toBytes();
  }
}
