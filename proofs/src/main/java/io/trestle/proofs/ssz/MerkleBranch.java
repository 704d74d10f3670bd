package io.trestle.proofs.ssz;

import io.trestle.crypto.Hash32;
import io.trestle.crypto.Sha256;
import java.util.List;
import java.util.Objects;

/**
 * SSZ Merkle branch checks with generalized indices ({@code is_valid_merkle_branch},
 * {@code is_valid_normalized_merkle_branch} of the consensus specs). The branch length must equal the
 * depth implied by the generalized index exactly: a longer or shorter branch is never accepted
 * (TOB-SUCCINCT-7). Pure; thread-safe.
 */
public final class MerkleBranch {
  private MerkleBranch() {}

  /** {@code floorlog2(gindex)}: the depth of a generalized index. */
  public static int depth(final long gindex) {
    if (gindex < 1) {
      throw new IllegalArgumentException("generalized index must be >= 1, got " + gindex);
    }
    return 63 - Long.numberOfLeadingZeros(gindex);
  }

  /** {@code get_subtree_index(gindex)}: the index of the leaf within its depth. */
  public static long subtreeIndex(final long gindex) {
    return gindex % (1L << depth(gindex));
  }

  /**
   * {@code is_valid_merkle_branch(leaf, branch, depth, index, root)} with depth and index taken from
   * {@code gindex}. False if {@code branch.size() != depth(gindex)}.
   */
  public static boolean isValid(final Hash32 leaf, final List<Hash32> branch, final long gindex, final Hash32 root) {
    Objects.requireNonNull(leaf, "leaf");
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(root, "root");
    final int depth = depth(gindex);
    if (branch.size() != depth) {
      return false;
    }
    return computeRoot(leaf, branch, depth, subtreeIndex(gindex)).equals(root);
  }

  /**
   * {@code is_valid_normalized_merkle_branch}: a branch that may be longer than the gindex depth (a
   * branch normalized to a later fork's depth) is accepted only if every extra leading element is zero.
   */
  public static boolean isValidNormalized(
      final Hash32 leaf, final List<Hash32> branch, final long gindex, final Hash32 root) {
    final int depth = depth(gindex);
    final int extra = branch.size() - depth;
    if (extra < 0) {
      return false;
    }
    for (int i = 0; i < extra; i++) {
      if (!branch.get(i).equals(Hash32.ZERO)) {
        return false;
      }
    }
    return computeRoot(leaf, branch.subList(extra, branch.size()), depth, subtreeIndex(gindex)).equals(root);
  }

  /** The root reached from {@code leaf} at {@code index} through {@code branch} (sibling per level). */
  public static Hash32 computeRoot(final Hash32 leaf, final List<Hash32> branch, final int depth, final long index) {
    final byte[] buf = new byte[64];
    byte[] value = leaf.toArray();
    for (int i = 0; i < depth; i++) {
      if (((index >>> i) & 1) == 1) {
        branch.get(i).copyTo(buf, 0);
        System.arraycopy(value, 0, buf, 32, 32);
      } else {
        System.arraycopy(value, 0, buf, 0, 32);
        branch.get(i).copyTo(buf, 32);
      }
      value = Sha256.digest(buf, 0, 64);
    }
    return Hash32.of(value);
  }

  /**
   * {@code compute_merkle_proof} for a leaf of a plain container or vector: the sibling of every level
   * from the leaf up, for {@code chunks} padded with zero chunks to the next power of two.
   */
  public static List<Hash32> proof(final List<Hash32> chunks, final int index) {
    Objects.requireNonNull(chunks, "chunks");
    if (index < 0 || index >= chunks.size()) {
      throw new IllegalArgumentException("leaf index " + index + " outside " + chunks.size() + " chunks");
    }
    int width = 1;
    int depth = 0;
    while (width < chunks.size()) {
      width <<= 1;
      depth++;
    }
    java.util.List<Hash32> level = new java.util.ArrayList<>(chunks);
    while (level.size() < width) {
      level.add(Hash32.ZERO);
    }
    final java.util.List<Hash32> out = new java.util.ArrayList<>(depth);
    int i = index;
    for (int d = 0; d < depth; d++) {
      out.add(level.get(i ^ 1));
      final java.util.List<Hash32> up = new java.util.ArrayList<>(level.size() / 2);
      for (int k = 0; k < level.size(); k += 2) {
        up.add(Sha256.hashPair(level.get(k), level.get(k + 1)));
      }
      level = up;
      i >>= 1;
    }
    return List.copyOf(out);
  }
}
