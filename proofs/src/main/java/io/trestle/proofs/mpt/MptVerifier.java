package io.trestle.proofs.mpt;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Keccak256;
import io.trestle.crypto.internal.ReadOnlyAccess;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import io.trestle.proofs.VerificationException;
import io.trestle.proofs.rlp.Rlp;
import io.trestle.proofs.rlp.RlpItem;
import java.util.List;
import java.util.Objects;

/**
 * Verifies Merkle-Patricia proofs (inclusion and exclusion) of Ethereum tries against a root the
 * caller trusts.
 *
 * <p><b>Input.</b> A proof is the list of RLP-encoded nodes on the path from the root to the key, in
 * order, exactly as {@code eth_getProof} returns it: every node referenced by hash, starting with the
 * root node; nodes shorter than 32 bytes that are embedded in their parent are not listed separately.
 * The key is the raw trie key: {@code keccak(address)} or {@code keccak(slot)} for secure tries, {@code
 * rlp(index)} for receipt, transaction and withdrawal tries. Each node is hashed here: no caller-supplied
 * hash is trusted.
 *
 * <p><b>Strictness.</b> The proof must be exactly the path: a missing node is {@code MPT_INCOMPLETE},
 * a node after the one that decides the lookup is {@code MPT_EXTRA_NODES}, inline nodes of 32 bytes or
 * more and short nodes referenced by hash are {@code MPT_NON_CANONICAL}, a branch with a value (which no
 * Ethereum trie has: its keys are fixed-length or prefix-free) is {@code MPT_BAD_NODE}. Sizes are bounded
 * before any hashing ({@code PROOF_TOO_LARGE}).
 *
 * <p>Stateless and thread-safe.
 */
public final class MptVerifier {
  /** keccak256(rlp("")): the root of the empty trie. */
  public static final Hash32 EMPTY_TRIE_ROOT =
      Hash32.fromHex("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");

  /** Default bound on the total size of a proof's nodes (receipts with large logs can be megabytes). */
  public static final int DEFAULT_MAX_PROOF_BYTES = 16 * 1024 * 1024;

  /** Most nodes any proof may have: 64 nibbles of a 32-byte key plus the leaf. */
  public static final int MAX_PROOF_NODES = 65;

  private MptVerifier() {}

  /** Looks {@code key} up: {@code Present(value)} or {@code Absent}; any defect is a rejection. */
  public static ProofResult<TrieLookup> verify(final Hash32 root, final byte[] key, final List<Bytes> proof) {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(proof, "proof");
    final byte[] path = Nibbles.fromBytes(key); // the key read once, up front (a private copy)
    return ProofResult.of(() -> lookupPath(root, path, toArrays(proof), DEFAULT_MAX_PROOF_BYTES));
  }

  /** Proves that {@code key} is present and returns its value; absence is {@code MPT_PATH_MISMATCH}. */
  public static ProofResult<Bytes> verifyInclusion(final Hash32 root, final byte[] key, final List<Bytes> proof) {
    Objects.requireNonNull(root, "root");
    final byte[] path = Nibbles.fromBytes(key); // the key read once, up front (a private copy)
    return ProofResult.of(() -> requirePresent(lookupPath(root, path, toArrays(proof), DEFAULT_MAX_PROOF_BYTES)));
  }

  /** Proves that {@code key} is absent; a present value is {@code MPT_VALUE_PRESENT}. */
  public static ProofResult<TrieLookup.Absent> verifyExclusion(
      final Hash32 root, final byte[] key, final List<Bytes> proof) {
    Objects.requireNonNull(root, "root");
    final byte[] path = Nibbles.fromBytes(key); // the key read once, up front (a private copy)
    return ProofResult.of(
        () -> {
          final TrieLookup r = lookupPath(root, path, toArrays(proof), DEFAULT_MAX_PROOF_BYTES);
          if (r instanceof TrieLookup.Absent a) {
            return a;
          }
          throw new VerificationException(Reason.MPT_VALUE_PRESENT, "absence claimed but the proof shows the key present");
        });
  }

  /** The value of a {@link TrieLookup.Present}; absence is {@code MPT_PATH_MISMATCH}. */
  static Bytes requirePresent(final TrieLookup r) {
    if (r instanceof TrieLookup.Present p) {
      return p.value();
    }
    throw new VerificationException(
        Reason.MPT_PATH_MISMATCH, "inclusion claimed but the proof shows the key absent (" + ((TrieLookup.Absent) r).how() + ")");
  }

  private static final ReadOnlyAccess READ_ONLY = ReadOnlyAccess.obtain();

  /**
   * The proof nodes as arrays without copying them: {@link Bytes} is immutable, and the lookup only hashes
   * and parses the arrays in place; what it returns ({@link TrieLookup.Present#value()}) is a copy, so no
   * backing array escapes. This is what keeps a proof's allocation near that of hashing it alone.
   */
  static byte[][] toArrays(final List<Bytes> proof) {
    requireWithinBounds(proof, DEFAULT_MAX_PROOF_BYTES);
    final byte[][] nodes = new byte[proof.size()][];
    for (int i = 0; i < nodes.length; i++) {
      nodes[i] = READ_ONLY.array(Objects.requireNonNull(proof.get(i), "proof node"));
    }
    return nodes;
  }

  /**
   * The node-count and byte bounds, checked on the caller's list before anything is copied or hashed:
   * at most 65 nodes (a 32-byte key has 64 nibbles, plus the leaf) and {@code maxBytes} in total;
   * otherwise {@code PROOF_TOO_LARGE}. {@link #lookup} applies the exact per-key node bound.
   */
  public static void requireWithinBounds(final List<Bytes> proof, final int maxBytes) {
    if (proof.size() > MAX_PROOF_NODES) {
      throw new VerificationException(Reason.PROOF_TOO_LARGE,
          proof.size() + " proof nodes exceed the bound of " + MAX_PROOF_NODES);
    }
    long total = 0;
    for (int i = 0; i < proof.size(); i++) {
      total += Objects.requireNonNull(proof.get(i), "proof node").size();
    }
    if (total > maxBytes) {
      throw new VerificationException(Reason.PROOF_TOO_LARGE, "proof of " + total + " bytes exceeds " + maxBytes);
    }
  }

  /**
   * The lookup itself, on arrays it only reads (never writes, never returns: a present value is copied
   * out). Throws {@link VerificationException} on any defect. Library-internal callers use this with the
   * read-only views of {@link Bytes} proof nodes.
   */
  public static TrieLookup lookup(final Hash32 root, final byte[] key, final byte[][] nodes, final int maxBytes) {
    return lookupPath(root, Nibbles.fromBytes(key), nodes, maxBytes);
  }

  private static TrieLookup lookupPath(final Hash32 root, final byte[] path, final byte[][] nodes, final int maxBytes) {
    if (nodes.length == 0) {
      if (root.equals(EMPTY_TRIE_ROOT)) {
        return new TrieLookup.Absent("empty trie");
      }
      throw new VerificationException(Reason.MPT_INCOMPLETE, "empty proof for non-empty root " + root);
    }
    if (nodes.length > path.length + 1) {
      throw new VerificationException(
          Reason.PROOF_TOO_LARGE,
          nodes.length + " nodes for a key of " + path.length + " nibbles (at most " + (path.length + 1) + ")");
    }
    long total = 0;
    for (final byte[] n : nodes) {
      total += n.length;
    }
    if (total > maxBytes) {
      throw new VerificationException(Reason.PROOF_TOO_LARGE, "proof of " + total + " bytes exceeds " + maxBytes);
    }

    int pos = 0; // nibbles of the key consumed
    int next = 0; // next proof node to use
    RlpItem ref = null; // the 32-byte hash reference to the next proof node
    RlpItem node = null; // set when the next node is inline
    boolean expectBranch = false; // an extension's child must be a branch
    final int[] offsets = new int[17]; // child offsets of the current node (reused: no per-node allocation)
    final long[] lanes = new long[25]; // Keccak state, reused for every node
    final byte[] h = new byte[32]; // keccak of the current node
    while (true) {
      final Where where; // described only when a rejection is thrown
      if (node == null) {
        if (next >= nodes.length) {
          throw new VerificationException(
              Reason.MPT_INCOMPLETE,
              "node " + next + " (referenced by hash at key nibble " + pos + ") is missing from the proof");
        }
        final byte[] enc = nodes[next];
        where = new Where(next, pos);
        Keccak256.digestInto(enc, 0, enc.length, lanes, h);
        if (next == 0) {
          if (!root.equalsSlice(h, 0, 32)) {
            throw new VerificationException(
                Reason.MPT_ROOT_MISMATCH,
                "keccak of proof node 0 is " + Hash32.of(h) + ", trusted root is " + root);
          }
        } else {
          if (!ref.payloadEquals(h)) {
            throw new VerificationException(
                Reason.MPT_HASH_MISMATCH,
                where + " hashes to " + Hash32.of(h) + " but its parent references " + ref.asHash32("reference"));
          }
          if (enc.length < 32) {
            throw new VerificationException(
                Reason.MPT_NON_CANONICAL, where + " is " + enc.length + " bytes but referenced by hash (must be inline)");
          }
        }
        try {
          node = Rlp.decode(enc);
        } catch (VerificationException e) {
          throw e.withContext(where.toString());
        }
        next++;
      } else {
        where = new Where(-1, pos);
      }
      if (!node.isList()) {
        throw new VerificationException(Reason.MPT_BAD_NODE, where + " is an RLP string, not a node");
      }
      final int count = node.childOffsets(offsets);
      if (count == 17) {
        if (!node.isEmptyStringAt(offsets[16])) {
          throw new VerificationException(Reason.MPT_BAD_NODE, where + ": branch with a value (not in an Ethereum trie)");
        }
        int children = 0;
        for (int i = 0; i < 16; i++) {
          if (!node.isEmptyStringAt(offsets[i])) {
            children++;
          }
        }
        if (children < 2) {
          throw new VerificationException(Reason.MPT_NON_CANONICAL, where + ": branch with " + children + " child(ren)");
        }
        if (pos == path.length) {
          requireEnd(nodes, next, where);
          return new TrieLookup.Absent("key ends at a branch with no value (" + where + ")");
        }
        final int nib = path[pos++];
        if (node.isEmptyStringAt(offsets[nib])) {
          requireEnd(nodes, next, where);
          return new TrieLookup.Absent("empty branch slot " + Integer.toHexString(nib) + " in " + where);
        }
        final RlpItem child = node.childAt(offsets[nib]);
        expectBranch = false;
        if (child.isList()) {
          node = inline(child, where);
        } else {
          checkHashRef(child, where, nib);
          node = null;
          ref = child;
        }
      } else if (count == 2) {
        if (expectBranch) {
          throw new VerificationException(Reason.MPT_NON_CANONICAL, where + ": extension followed by a non-branch node");
        }
        final RlpItem pathItem = node.childAt(offsets[0]);
        if (pathItem.isList()) {
          throw new VerificationException(Reason.MPT_BAD_NODE, where + ": path is a list");
        }
        final byte[] enc = pathItem.bytes();
        final Nibbles.Path p = Nibbles.decodePath(enc, 0, enc.length, where);
        final byte[] np = p.nibbles();
        final boolean matches = startsWith(path, pos, np);
        if (p.leaf()) {
          final RlpItem value = node.childAt(offsets[1]);
          if (value.isList()) {
            throw new VerificationException(Reason.MPT_BAD_NODE, where + ": leaf value is a list");
          }
          if (value.payloadLength() == 0) {
            throw new VerificationException(Reason.MPT_EMPTY_VALUE, where + ": leaf with an empty value");
          }
          requireEnd(nodes, next, where);
          if (matches && pos + np.length == path.length) {
            return new TrieLookup.Present(value.asBytes());
          }
          return new TrieLookup.Absent("leaf path diverges from the key at nibble " + pos + " (" + where + ")");
        }
        if (np.length == 0) {
          throw new VerificationException(Reason.MPT_NON_CANONICAL, where + ": extension with an empty path");
        }
        if (!matches) {
          if (next < nodes.length) {
            throw new VerificationException(
                Reason.MPT_PATH_MISMATCH,
                where + ": extension diverges from the key at nibble " + pos + " but the proof continues");
          }
          return new TrieLookup.Absent("extension diverges from the key at nibble " + pos + " (" + where + ")");
        }
        if (pos + np.length == path.length) {
          // Keys are fixed-length or prefix-free, so only a leaf can end a key.
          throw new VerificationException(
              Reason.MPT_BAD_PATH_ENCODING, where + ": extension flag on a path that ends at the key's last nibble");
        }
        pos += np.length;
        final RlpItem child = node.childAt(offsets[1]);
        expectBranch = true;
        if (child.isList()) {
          node = inline(child, where);
        } else {
          checkHashRef(child, where, -1);
          ref = child;
          node = null;
        }
      } else {
        throw new VerificationException(
            Reason.MPT_BAD_NODE, where + ": list of " + count + " items (a node has 2 or 17)");
      }
    }
  }

  private static RlpItem inline(final RlpItem child, final Where where) {
    if (child.encodedLength() >= 32) {
      throw new VerificationException(
          Reason.MPT_NON_CANONICAL, where + ": embedded node of " + child.encodedLength() + " bytes (must be < 32)");
    }
    return child;
  }

  private static void checkHashRef(final RlpItem child, final Where where, final int slot) {
    if (child.payloadLength() != 32) {
      throw new VerificationException(
          Reason.MPT_BAD_REFERENCE,
          where + (slot < 0 ? " child" : " slot " + Integer.toHexString(slot)) + ": child reference of "
              + child.payloadLength() + " bytes (must be 0 or 32)");
    }
  }

  /**
   * Names the node being checked (proof index, or an inline node by key position). A record so that the
   * text is built only when a rejection is thrown or an absence is reported, not for every node.
   */
  private record Where(int node, int nibble) {
    @Override
    public String toString() {
      return node >= 0 ? "proof node " + node : "inline node at key nibble " + nibble;
    }
  }

  private static void requireEnd(final byte[][] nodes, final int next, final Where where) {
    if (next != nodes.length) {
      throw new VerificationException(
          Reason.MPT_EXTRA_NODES, (nodes.length - next) + " node(s) after " + where + ", which ends the path");
    }
  }

  private static boolean startsWith(final byte[] path, final int pos, final byte[] prefix) {
    if (pos + prefix.length > path.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (path[pos + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
