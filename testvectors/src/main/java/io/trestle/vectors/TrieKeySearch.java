package io.trestle.vectors;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Keccak256;
import io.trestle.proofs.mpt.TrieBuilder;
import io.trestle.proofs.rlp.Rlp;
import io.trestle.proofs.rlp.RlpItem;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Next/previous key search over a Merkle-Patricia trie, for the ethereum/tests {@code
 * trietestnextprev.json} vectors. Internal to the vector runner: Trestle's verifiers never iterate.
 *
 * <p>The search walks the trie's own nodes, not a sorted key list: the trie is built with {@link
 * TrieBuilder}, its hashed nodes are collected from the proofs of every inserted key (every node lies
 * on some key's path) and indexed by keccak, and each step decodes a node (branch, extension, leaf; a
 * child is a 32-byte hash reference or an embedded list) and descends only into subtrees whose key
 * range can hold the answer. Keys compare as unsigned bytes, which is the order of their nibble paths.
 * A node missing from the index or not decodable is an {@link IllegalStateException} (a bug: the
 * index holds every node of a trie this class built).
 */
final class TrieKeySearch {
  private final Map<Hash32, byte[]> nodes = new HashMap<>();
  private final Optional<RlpItem> root;

  /** Builds the trie of {@code keys}; each key's value is the key itself (the vectors give no values). */
  TrieKeySearch(final List<byte[]> keys) {
    final TrieBuilder t = new TrieBuilder();
    for (final byte[] k : keys) {
      // The vectors give keys only; any non-empty value works (an empty value would delete the key).
      t.put(k, k.length == 0 ? new byte[] {0} : k);
    }
    byte[] rootNode = null;
    for (final byte[] k : keys) {
      final List<Bytes> proof = t.proof(k);
      for (int i = 0; i < proof.size(); i++) {
        final byte[] n = proof.get(i).toArray();
        nodes.put(Keccak256.hash(n), n);
        if (i == 0) {
          rootNode = n;
        }
      }
    }
    if (rootNode != null && !Keccak256.hash(rootNode).equals(t.root())) {
      throw new IllegalStateException("first proof node does not hash to the trie root");
    }
    root = rootNode == null ? Optional.empty() : Optional.of(Rlp.decode(rootNode));
  }

  /** The smallest key strictly greater than {@code key}, if any. */
  Optional<byte[]> next(final byte[] key) {
    return root.map(r -> seek(r, new byte[0], nibbles(key), true)).map(TrieKeySearch::bytes);
  }

  /** The greatest key strictly less than {@code key}, if any. */
  Optional<byte[]> prev(final byte[] key) {
    return root.map(r -> seek(r, new byte[0], nibbles(key), false)).map(TrieKeySearch::bytes);
  }

  // --- search -------------------------------------------------------------------------------------

  /**
   * In the subtree at {@code node}, whose keys all start with {@code prefix}: the smallest key above
   * {@code target} ({@code up}) or the greatest below it; null if none.
   */
  private byte[] seek(final RlpItem node, final byte[] prefix, final byte[] target, final boolean up) {
    final int m = Math.min(prefix.length, target.length);
    final int cmp = Arrays.compare(prefix, 0, m, target, 0, m);
    if (cmp != 0) {
      // The subtree lies wholly above or below the target.
      return (cmp > 0) == up ? extreme(node, prefix, up) : null;
    }
    if (prefix.length > target.length) {
      // The target is a proper prefix of every key here: they are all above it.
      return up ? extreme(node, prefix, true) : null;
    }
    // prefix is a prefix of target (possibly equal).
    final List<RlpItem> items = node.items();
    if (items.size() == 2) {
      final byte[] path = hexPrefixPath(items.get(0).bytes());
      final byte[] full = concat(prefix, path);
      if (isLeaf(items.get(0).bytes())) {
        final int c = Arrays.compare(full, target);
        return (up ? c > 0 : c < 0) ? full : null;
      }
      return seek(child(items.get(1)), full, target, up);
    }
    if (items.size() != 17) {
      throw new IllegalStateException("node with " + items.size() + " items");
    }
    final boolean hasValue = items.get(16).bytes().length > 0;
    if (prefix.length == target.length) {
      // Every child key is longer than the target; the branch's own key equals it.
      return up ? firstChild(items, prefix, 0, true) : null;
    }
    final int at = target[prefix.length];
    if (up) {
      final RlpItem c = childOrNull(items.get(at));
      if (c != null) {
        final byte[] r = seek(c, append(prefix, at), target, true);
        if (r != null) {
          return r;
        }
      }
      return firstChild(items, prefix, at + 1, true);
    }
    final RlpItem c = childOrNull(items.get(at));
    if (c != null) {
      final byte[] r = seek(c, append(prefix, at), target, false);
      if (r != null) {
        return r;
      }
    }
    final byte[] below = lastChildBelow(items, prefix, at - 1);
    if (below != null) {
      return below;
    }
    return hasValue ? prefix : null; // the branch's own key is a proper prefix of the target: below it
  }

  /** The smallest ({@code low}) or greatest key of the subtree at {@code node}. */
  private byte[] extreme(final RlpItem node, final byte[] prefix, final boolean low) {
    final List<RlpItem> items = node.items();
    if (items.size() == 2) {
      final byte[] full = concat(prefix, hexPrefixPath(items.get(0).bytes()));
      return isLeaf(items.get(0).bytes()) ? full : extreme(child(items.get(1)), full, low);
    }
    final boolean hasValue = items.get(16).bytes().length > 0;
    if (low) {
      return hasValue ? prefix : firstChild(items, prefix, 0, true);
    }
    final byte[] r = lastChildBelow(items, prefix, 15);
    return r != null ? r : (hasValue ? prefix : null);
  }

  private byte[] firstChild(final List<RlpItem> items, final byte[] prefix, final int from, final boolean low) {
    for (int i = from; i < 16; i++) {
      final RlpItem c = childOrNull(items.get(i));
      if (c != null) {
        return extreme(c, append(prefix, i), low);
      }
    }
    return null;
  }

  private byte[] lastChildBelow(final List<RlpItem> items, final byte[] prefix, final int from) {
    for (int i = from; i >= 0; i--) {
      final RlpItem c = childOrNull(items.get(i));
      if (c != null) {
        return extreme(c, append(prefix, i), false);
      }
    }
    return null;
  }

  // --- nodes ---------------------------------------------------------------------------------------

  private RlpItem childOrNull(final RlpItem ref) {
    return ref.isString() && ref.bytes().length == 0 ? null : child(ref);
  }

  /** Resolves a child reference: an embedded node, or the 32-byte hash of a node in the index. */
  private RlpItem child(final RlpItem ref) {
    if (ref.isList()) {
      return ref;
    }
    final byte[] h = ref.bytes();
    if (h.length != Hash32.SIZE) {
      throw new IllegalStateException("child reference of " + h.length + " bytes");
    }
    final byte[] n = nodes.get(Hash32.of(h));
    if (n == null) {
      throw new IllegalStateException("node " + Bytes.of(h).toHex() + " not in the index");
    }
    return Rlp.decode(n);
  }

  private static boolean isLeaf(final byte[] hp) {
    return hp.length > 0 && ((hp[0] & 0xff) >> 4) >= 2;
  }

  /** The nibbles of a hex-prefix encoded path (Yellow Paper appendix C). */
  private static byte[] hexPrefixPath(final byte[] hp) {
    if (hp.length == 0) {
      throw new IllegalStateException("empty hex-prefix path");
    }
    final boolean odd = (((hp[0] & 0xff) >> 4) & 1) == 1;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (odd) {
      out.write(hp[0] & 0x0f);
    }
    for (int i = 1; i < hp.length; i++) {
      out.write((hp[i] & 0xff) >> 4);
      out.write(hp[i] & 0x0f);
    }
    return out.toByteArray();
  }

  private static byte[] nibbles(final byte[] key) {
    final byte[] out = new byte[key.length * 2];
    for (int i = 0; i < key.length; i++) {
      out[2 * i] = (byte) ((key[i] & 0xff) >> 4);
      out[2 * i + 1] = (byte) (key[i] & 0x0f);
    }
    return out;
  }

  private static byte[] bytes(final byte[] nibbles) {
    if (nibbles.length % 2 != 0) {
      throw new IllegalStateException("key of odd nibble length " + nibbles.length);
    }
    final byte[] out = new byte[nibbles.length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) ((nibbles[2 * i] << 4) | nibbles[2 * i + 1]);
    }
    return out;
  }

  private static byte[] append(final byte[] a, final int nibble) {
    final byte[] out = Arrays.copyOf(a, a.length + 1);
    out[a.length] = (byte) nibble;
    return out;
  }

  private static byte[] concat(final byte[] a, final byte[] b) {
    final byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
