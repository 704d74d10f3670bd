package io.trestle.cosmos.ics23.tree;

import io.trestle.cosmos.ics23.ExistenceProof;
import io.trestle.cosmos.ics23.HashOp;
import io.trestle.cosmos.ics23.InnerOp;
import io.trestle.cosmos.ics23.LeafOp;
import io.trestle.cosmos.ics23.LengthOp;
import io.trestle.cosmos.ics23.NonExistenceProof;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Sha256;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable, balanced IAVL-format tree over a sorted key/value map at one version (cosmos/iavl node
 * hashing: a leaf hashes zigzag varints height 0, size 1, version, then the length-prefixed key and
 * the length-prefixed sha256 of the value; an inner node hashes height, size, version and its two
 * length-prefixed child hashes). Produces existence and non-existence proofs that verify under {@link
 * io.trestle.cosmos.ics23.ProofSpec#IAVL}. A prover for tests and demos: it trusts its input.
 */
public final class IavlTree {
  private final TreeMap<Bytes, Bytes> entries;
  private final long version;
  private final Node root;

  /** key: the least key of the subtree. */
  private record Node(Bytes key, byte[] hash, int height, long size, Node left, Node right) {}

  private IavlTree(final TreeMap<Bytes, Bytes> entries, final long version) {
    this.entries = entries;
    this.version = version;
    final List<Map.Entry<Bytes, Bytes>> list = new ArrayList<>(entries.entrySet());
    this.root = build(list, 0, list.size());
  }

  /**
   * A tree of {@code entries} (non-empty; keys and values non-empty) at {@code version} (at least 1).
   * Keys are ordered as unsigned byte strings, as IAVL orders them.
   */
  public static IavlTree of(final Map<Bytes, Bytes> entries, final long version) {
    if (entries.isEmpty() || version < 1) {
      throw new IllegalArgumentException("need at least one entry and version >= 1");
    }
    final TreeMap<Bytes, Bytes> m = new TreeMap<>(IavlTree::compareUnsigned);
    for (final Map.Entry<Bytes, Bytes> e : entries.entrySet()) {
      if (e.getKey().isEmpty() || e.getValue().isEmpty()) {
        throw new IllegalArgumentException("empty key or value");
      }
      m.put(e.getKey(), e.getValue());
    }
    return new IavlTree(m, version);
  }

  static int compareUnsigned(final Bytes a, final Bytes b) {
    return java.util.Arrays.compareUnsigned(a.toArray(), b.toArray());
  }

  /** The root hash. */
  public Bytes root() {
    return Bytes.of(root.hash);
  }

  /** The leaf op every leaf of this tree uses. */
  public LeafOp leafOp() {
    return new LeafOp(HashOp.SHA256, HashOp.NO_HASH, HashOp.SHA256, LengthOp.VAR_PROTO, Bytes.of(leafPrefix()));
  }

  /** An existence proof of {@code key}; throws {@link IllegalArgumentException} if absent. */
  public ExistenceProof prove(final Bytes key) {
    final Bytes value = entries.get(key);
    if (value == null) {
      throw new IllegalArgumentException("key not in tree: " + key.toHex());
    }
    final List<InnerOp> path = new ArrayList<>();
    walk(root, key, path);
    java.util.Collections.reverse(path);
    return new ExistenceProof(key, value, Optional.of(leafOp()), path);
  }

  /** A non-existence proof of {@code key}; throws {@link IllegalArgumentException} if present. */
  public NonExistenceProof proveAbsent(final Bytes key) {
    if (entries.containsKey(key)) {
      throw new IllegalArgumentException("key is in the tree: " + key.toHex());
    }
    final Optional<ExistenceProof> left = Optional.ofNullable(entries.lowerKey(key)).map(this::prove);
    final Optional<ExistenceProof> right = Optional.ofNullable(entries.higherKey(key)).map(this::prove);
    return new NonExistenceProof(key, left, right);
  }

  private Node build(final List<Map.Entry<Bytes, Bytes>> list, final int from, final int to) {
    if (to - from == 1) {
      final Map.Entry<Bytes, Bytes> e = list.get(from);
      final ByteArrayOutputStream b = new ByteArrayOutputStream();
      b.writeBytes(leafPrefix());
      lengthPrefixed(b, e.getKey().toArray());
      lengthPrefixed(b, Sha256.hash(e.getValue().toArray()).toArray());
      return new Node(e.getKey(), Sha256.hash(b.toByteArray()).toArray(), 0, 1, null, null);
    }
    final int mid = from + (to - from + 1) / 2;
    final Node l = build(list, from, mid);
    final Node r = build(list, mid, to);
    final int height = Math.max(l.height, r.height) + 1;
    final long size = l.size + r.size;
    final ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(meta(height, size));
    lengthPrefixed(b, l.hash);
    lengthPrefixed(b, r.hash);
    return new Node(l.key, Sha256.hash(b.toByteArray()).toArray(), height, size, l, r);
  }

  private void walk(final Node n, final Bytes key, final List<InnerOp> pathRootFirst) {
    if (n.left == null) {
      return;
    }
    final boolean goRight = compareUnsigned(key, n.right.key) >= 0;
    final ByteArrayOutputStream prefix = new ByteArrayOutputStream();
    prefix.writeBytes(meta(n.height, n.size));
    final ByteArrayOutputStream suffix = new ByteArrayOutputStream();
    if (goRight) {
      lengthPrefixed(prefix, n.left.hash);
      prefix.write(32);
    } else {
      prefix.write(32);
      lengthPrefixed(suffix, n.right.hash);
    }
    pathRootFirst.add(new InnerOp(HashOp.SHA256, Bytes.of(prefix.toByteArray()), Bytes.of(suffix.toByteArray())));
    walk(goRight ? n.right : n.left, key, pathRootFirst);
  }

  private byte[] leafPrefix() {
    return meta(0, 1);
  }

  private byte[] meta(final int height, final long size) {
    final ByteArrayOutputStream b = new ByteArrayOutputStream();
    zigzag(b, height);
    zigzag(b, size);
    zigzag(b, version);
    return b.toByteArray();
  }

  static void zigzag(final ByteArrayOutputStream b, final long v) {
    uvarint(b, (v << 1) ^ (v >> 63));
  }

  static void uvarint(final ByteArrayOutputStream b, final long v) {
    long x = v;
    while ((x & ~0x7FL) != 0) {
      b.write((int) ((x & 0x7F) | 0x80));
      x >>>= 7;
    }
    b.write((int) x);
  }

  static void lengthPrefixed(final ByteArrayOutputStream b, final byte[] data) {
    uvarint(b, data.length);
    b.writeBytes(data);
  }
}
