package io.trestle.proofs.mpt;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Keccak256;
import io.trestle.proofs.rlp.RlpWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An in-memory Merkle-Patricia trie: insert, delete, root, and proof generation. Used to recompute
 * roots from full lists (transactions, receipts, withdrawals) and to build proofs in tests and
 * benchmarks. It trusts nothing and proves nothing by itself: a root it computes is only as good as the
 * items given to it.
 *
 * <p>Keys are raw bytes (hash them first for a secure trie). An empty value deletes the key, as in the
 * Yellow Paper. Nodes are immutable and cache their encoding, so repeated {@link #root()} calls are
 * cheap. Not thread-safe: confine an instance to one thread.
 */
public final class TrieBuilder {
  private Node root;

  /** An empty trie. */
  public TrieBuilder() {}

  /** Sets {@code key} to {@code value}; an empty value deletes the key. */
  public TrieBuilder put(final byte[] key, final byte[] value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    final byte[] path = Nibbles.fromBytes(key);
    root = value.length == 0 ? delete(root, path, 0) : insert(root, path, 0, value.clone());
    return this;
  }

  /** Removes {@code key} if present. */
  public TrieBuilder delete(final byte[] key) {
    root = delete(root, Nibbles.fromBytes(key), 0);
    return this;
  }

  /** The root hash: keccak of the root node's encoding ({@link MptVerifier#EMPTY_TRIE_ROOT} if empty). */
  public Hash32 root() {
    if (root == null) {
      return MptVerifier.EMPTY_TRIE_ROOT;
    }
    return Keccak256.hash(root.encoded());
  }

  /**
   * The proof for {@code key} in {@code eth_getProof} form: the root node and every node on the path
   * referenced by hash (embedded nodes are inside their parents). Works for present and absent keys.
   */
  public List<Bytes> proof(final byte[] key) {
    final List<Bytes> out = new ArrayList<>();
    if (root == null) {
      return out;
    }
    final byte[] path = Nibbles.fromBytes(key);
    Node n = root;
    int pos = 0;
    boolean first = true;
    while (n != null) {
      final byte[] enc = n.encoded();
      if (first || enc.length >= 32) {
        out.add(Bytes.of(enc));
      }
      first = false;
      if (n instanceof Leaf) {
        break;
      } else if (n instanceof Extension e) {
        if (!matchesAt(path, pos, e.path)) {
          break;
        }
        pos += e.path.length;
        n = e.child;
      } else {
        final Branch b = (Branch) n;
        if (pos == path.length) {
          break;
        }
        n = b.children[path[pos++]];
      }
    }
    return out;
  }

  // --- nodes -------------------------------------------------------------------------------------

  private abstract static class Node {
    private byte[] encoding;

    final byte[] encoded() {
      if (encoding == null) {
        encoding = encode();
      }
      return encoding;
    }

    abstract byte[] encode();

    /** How a parent refers to this node: inline if shorter than 32 bytes, else rlp(keccak). */
    final byte[] reference() {
      final byte[] enc = encoded();
      return enc.length < 32 ? enc : RlpWriter.string(Keccak256.digest(enc, 0, enc.length));
    }
  }

  private static final class Leaf extends Node {
    final byte[] path;
    final byte[] value;

    Leaf(final byte[] path, final byte[] value) {
      this.path = path;
      this.value = value;
    }

    @Override
    byte[] encode() {
      // rlp([hp(path), value]) written once into an array of the exact size (leaves carry whole receipts).
      final byte[] hp = Nibbles.encodePath(path, 0, path.length, true);
      final int payload = RlpWriter.stringLength(hp) + RlpWriter.stringLength(value);
      final byte[] out = new byte[RlpWriter.headerLength(payload) + payload];
      final int pos = RlpWriter.writeHeader(out, 0, true, payload);
      RlpWriter.writeString(out, RlpWriter.writeString(out, pos, hp), value);
      return out;
    }
  }

  private static final class Extension extends Node {
    final byte[] path;
    final Node child;

    Extension(final byte[] path, final Node child) {
      this.path = path;
      this.child = child;
    }

    @Override
    byte[] encode() {
      return RlpWriter.list(RlpWriter.string(Nibbles.encodePath(path, 0, path.length, false)), child.reference());
    }
  }

  private static final class Branch extends Node {
    final Node[] children;
    final byte[] value; // empty if none

    Branch(final Node[] children, final byte[] value) {
      this.children = children;
      this.value = value;
    }

    @Override
    byte[] encode() {
      final List<byte[]> items = new ArrayList<>(17);
      for (final Node c : children) {
        items.add(c == null ? new byte[] {(byte) 0x80} : c.reference());
      }
      items.add(RlpWriter.string(value));
      return RlpWriter.list(items);
    }
  }

  // --- insert ------------------------------------------------------------------------------------

  private static Node insert(final Node n, final byte[] path, final int pos, final byte[] value) {
    if (n == null) {
      return new Leaf(Arrays.copyOfRange(path, pos, path.length), value);
    }
    if (n instanceof Leaf leaf) {
      final int common = commonPrefix(leaf.path, path, pos);
      if (common == leaf.path.length && pos + common == path.length) {
        return new Leaf(leaf.path, value);
      }
      final Node[] children = new Node[16];
      byte[] branchValue = new byte[0];
      if (common == leaf.path.length) {
        branchValue = leaf.value;
      } else {
        children[leaf.path[common]] =
            new Leaf(Arrays.copyOfRange(leaf.path, common + 1, leaf.path.length), leaf.value);
      }
      if (pos + common == path.length) {
        branchValue = value;
      } else {
        children[path[pos + common]] = new Leaf(Arrays.copyOfRange(path, pos + common + 1, path.length), value);
      }
      return withPrefix(path, pos, common, new Branch(children, branchValue));
    }
    if (n instanceof Extension ext) {
      final int common = commonPrefix(ext.path, path, pos);
      if (common == ext.path.length) {
        return new Extension(ext.path, insert(ext.child, path, pos + common, value));
      }
      final Node[] children = new Node[16];
      byte[] branchValue = new byte[0];
      final byte[] rest = Arrays.copyOfRange(ext.path, common + 1, ext.path.length);
      children[ext.path[common]] = rest.length == 0 ? ext.child : new Extension(rest, ext.child);
      if (pos + common == path.length) {
        branchValue = value;
      } else {
        children[path[pos + common]] = new Leaf(Arrays.copyOfRange(path, pos + common + 1, path.length), value);
      }
      return withPrefix(path, pos, common, new Branch(children, branchValue));
    }
    final Branch b = (Branch) n;
    if (pos == path.length) {
      return new Branch(b.children, value);
    }
    final Node[] children = b.children.clone();
    children[path[pos]] = insert(children[path[pos]], path, pos + 1, value);
    return new Branch(children, b.value);
  }

  private static Node withPrefix(final byte[] path, final int pos, final int common, final Node branch) {
    return common == 0 ? branch : new Extension(Arrays.copyOfRange(path, pos, pos + common), branch);
  }

  // --- delete ------------------------------------------------------------------------------------

  private static Node delete(final Node n, final byte[] path, final int pos) {
    if (n == null) {
      return null;
    }
    if (n instanceof Leaf leaf) {
      return matchesAt(path, pos, leaf.path) && pos + leaf.path.length == path.length ? null : leaf;
    }
    if (n instanceof Extension ext) {
      if (!matchesAt(path, pos, ext.path)) {
        return ext;
      }
      final Node child = delete(ext.child, path, pos + ext.path.length);
      return child == ext.child ? ext : join(ext.path, child);
    }
    final Branch b = (Branch) n;
    final Node[] children;
    byte[] value = b.value;
    if (pos == path.length) {
      if (value.length == 0) {
        return b;
      }
      children = b.children;
      value = new byte[0];
    } else {
      final Node old = b.children[path[pos]];
      final Node updated = delete(old, path, pos + 1);
      if (updated == old) {
        return b;
      }
      children = b.children.clone();
      children[path[pos]] = updated;
    }
    return normalize(children, value);
  }

  /** A branch left with one child and no value, or only a value, collapses into a shorter node. */
  private static Node normalize(final Node[] children, final byte[] value) {
    int count = 0;
    int only = -1;
    for (int i = 0; i < 16; i++) {
      if (children[i] != null) {
        count++;
        only = i;
      }
    }
    if (count == 0) {
      return value.length == 0 ? null : new Leaf(new byte[0], value);
    }
    if (count == 1 && value.length == 0) {
      return join(new byte[] {(byte) only}, children[only]);
    }
    return new Branch(children, value);
  }

  /** {@code prefix} followed by {@code child}, merging paths where the child is a leaf or extension. */
  private static Node join(final byte[] prefix, final Node child) {
    if (child == null) {
      return null;
    }
    if (child instanceof Leaf l) {
      return new Leaf(concat(prefix, l.path), l.value);
    }
    if (child instanceof Extension e) {
      return new Extension(concat(prefix, e.path), e.child);
    }
    return new Extension(prefix, child);
  }

  private static byte[] concat(final byte[] a, final byte[] b) {
    final byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static int commonPrefix(final byte[] nodePath, final byte[] path, final int pos) {
    int i = 0;
    while (i < nodePath.length && pos + i < path.length && nodePath[i] == path[pos + i]) {
      i++;
    }
    return i;
  }

  private static boolean matchesAt(final byte[] path, final int pos, final byte[] prefix) {
    return pos + prefix.length <= path.length
        && Arrays.equals(path, pos, pos + prefix.length, prefix, 0, prefix.length);
  }
}
