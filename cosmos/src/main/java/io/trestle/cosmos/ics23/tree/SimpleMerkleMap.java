package io.trestle.cosmos.ics23.tree;

import io.trestle.cosmos.ics23.ExistenceProof;
import io.trestle.cosmos.ics23.HashOp;
import io.trestle.cosmos.ics23.InnerOp;
import io.trestle.cosmos.ics23.LeafOp;
import io.trestle.cosmos.ics23.LengthOp;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Sha256;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A CometBFT simple Merkle map (RFC-6962 split, leaf {@code sha256(0x00 ‖ len(key) ‖ key ‖ 32 ‖
 * sha256(value))}, inner {@code sha256(0x01 ‖ left ‖ right)}), as the Cosmos SDK multistore commits
 * its store roots: key = store name, value = the store's root hash. Produces existence proofs that
 * verify under {@link io.trestle.cosmos.ics23.ProofSpec#TENDERMINT}. A prover for tests and demos.
 */
public final class SimpleMerkleMap {
  private final List<Bytes> keys;
  private final List<Bytes> values;
  private final List<byte[]> leafHashes;

  private SimpleMerkleMap(final TreeMap<Bytes, Bytes> m) {
    this.keys = new ArrayList<>(m.keySet());
    this.values = new ArrayList<>(m.values());
    this.leafHashes = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      final ByteArrayOutputStream b = new ByteArrayOutputStream();
      b.write(0);
      IavlTree.lengthPrefixed(b, keys.get(i).toArray());
      IavlTree.lengthPrefixed(b, Sha256.hash(values.get(i).toArray()).toArray());
      leafHashes.add(Sha256.hash(b.toByteArray()).toArray());
    }
  }

  /** A multistore of store name → store root (non-empty). */
  public static SimpleMerkleMap ofStores(final Map<String, Bytes> storeRoots) {
    final TreeMap<Bytes, Bytes> m = new TreeMap<>(IavlTree::compareUnsigned);
    storeRoots.forEach((k, v) -> m.put(Bytes.of(k.getBytes(StandardCharsets.UTF_8)), v));
    if (m.isEmpty()) {
      throw new IllegalArgumentException("empty map");
    }
    return new SimpleMerkleMap(m);
  }

  /** The root (the app hash of an SDK chain whose multistore this is). */
  public Bytes root() {
    return Bytes.of(hash(0, keys.size()));
  }

  /** An existence proof of store {@code name}. */
  public ExistenceProof prove(final String name) {
    final Bytes key = Bytes.of(name.getBytes(StandardCharsets.UTF_8));
    final int index = keys.indexOf(key);
    if (index < 0) {
      throw new IllegalArgumentException("no store " + name);
    }
    final List<InnerOp> rootFirst = new ArrayList<>();
    int from = 0;
    int to = keys.size();
    while (to - from > 1) {
      final int split = from + splitPoint(to - from);
      if (index < split) {
        rootFirst.add(new InnerOp(HashOp.SHA256, Bytes.of(new byte[] {1}), Bytes.of(hash(split, to))));
        to = split;
      } else {
        final byte[] prefix = new byte[33];
        prefix[0] = 1;
        System.arraycopy(hash(from, split), 0, prefix, 1, 32);
        rootFirst.add(new InnerOp(HashOp.SHA256, Bytes.of(prefix), Bytes.EMPTY));
        from = split;
      }
    }
    Collections.reverse(rootFirst);
    final LeafOp leaf = new LeafOp(HashOp.SHA256, HashOp.NO_HASH, HashOp.SHA256, LengthOp.VAR_PROTO, Bytes.of(new byte[] {0}));
    return new ExistenceProof(key, values.get(index), Optional.of(leaf), rootFirst);
  }

  private byte[] hash(final int from, final int to) {
    if (to - from == 1) {
      return leafHashes.get(from);
    }
    final int split = from + splitPoint(to - from);
    final byte[] pre = new byte[65];
    pre[0] = 1;
    System.arraycopy(hash(from, split), 0, pre, 1, 32);
    System.arraycopy(hash(split, to), 0, pre, 33, 32);
    return Sha256.hash(pre).toArray();
  }

  /** The largest power of two strictly less than {@code n} (n >= 2). */
  private static int splitPoint(final int n) {
    return Integer.highestOneBit(n - 1);
  }
}
