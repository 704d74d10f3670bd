package io.trestle.testkit.devnet;

import io.trestle.crypto.Hash32;
import io.trestle.crypto.Sha256;
import io.trestle.proofs.ssz.Merkle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * An explicit SSZ Merkle tree of nodes, built from a container's layout rather than from generalized
 * indices: plain containers ({@code merkleize} over a power-of-two width) and the progressive containers
 * of EIP-7916 / EIP-7688 ({@code hash(merkleize_progressive(fields), active_fields)}, where {@code
 * merkleize_progressive(chunks, n) = hash(merkleize(chunks[:n], n), merkleize_progressive(chunks[n:], 4n))}
 * and the empty sequence is the zero chunk), written from {@code ssz/simple-serialize.md}. {@link
 * #locate} finds a node by identity and returns the generalized index the layout gives it and its branch;
 * the devnet then checks that index against the light-client constants, so the constants are tested, not
 * used, by the generator.
 */
final class SszNode {
  private final Hash32 hash;
  private final SszNode left;
  private final SszNode right;

  private SszNode(final Hash32 hash, final SszNode left, final SszNode right) {
    this.hash = hash;
    this.left = left;
    this.right = right;
  }

  /** A leaf chunk. */
  static SszNode leaf(final Hash32 chunk) {
    return new SszNode(chunk, null, null);
  }

  /** {@code hash(left, right)}. */
  static SszNode pair(final SszNode left, final SszNode right) {
    return new SszNode(Sha256.hashPair(left.hash, right.hash), left, right);
  }

  Hash32 hash() {
    return hash;
  }

  /** {@code merkleize(chunks, limit)}: a complete tree of width {@code limit} (a power of two). */
  static SszNode merkleize(final List<SszNode> chunks, final int limit) {
    if (Integer.bitCount(limit) != 1 || chunks.size() > limit) {
      throw new IllegalArgumentException(chunks.size() + " chunks, limit " + limit);
    }
    if (limit == 1) {
      return chunks.isEmpty() ? leaf(Hash32.ZERO) : chunks.get(0);
    }
    int depth = Integer.numberOfTrailingZeros(limit);
    List<SszNode> level = new ArrayList<>(chunks);
    for (int d = 0; d < depth; d++) {
      final List<SszNode> up = new ArrayList<>();
      for (int i = 0; i < level.size(); i += 2) {
        final SszNode l = level.get(i);
        final SszNode r = i + 1 < level.size() ? level.get(i + 1) : leaf(Merkle.zeroHash(d));
        up.add(pair(l, r));
      }
      if (up.isEmpty()) {
        up.add(leaf(Merkle.zeroHash(d + 1)));
      }
      level = up;
    }
    return level.get(0);
  }

  /** A plain {@code Container}: its fields merkleized over the next power of two. */
  static SszNode container(final List<SszNode> fields) {
    int width = 1;
    while (width < fields.size()) {
      width <<= 1;
    }
    return merkleize(fields, width);
  }

  /** {@code merkleize_progressive(chunks, numLeaves)}. */
  static SszNode progressive(final List<SszNode> chunks, final int numLeaves) {
    if (chunks.isEmpty()) {
      return leaf(Hash32.ZERO);
    }
    final int n = Math.min(numLeaves, chunks.size());
    return pair(merkleize(chunks.subList(0, n), numLeaves),
        progressive(chunks.subList(n, chunks.size()), numLeaves * 4));
  }

  /**
   * A {@code ProgressiveContainer} with every field active: {@code hash(merkleize_progressive(fields),
   * pack_bits(active_fields))}.
   */
  static SszNode progressiveContainer(final List<SszNode> fields) {
    final byte[] bits = new byte[32];
    for (int i = 0; i < fields.size(); i++) {
      bits[i / 8] |= (byte) (1 << (i % 8));
    }
    return pair(progressive(fields, 1), leaf(Hash32.of(bits)));
  }

  /** Where a node sits: its generalized index and its branch (siblings from the node up to the root). */
  record Location(long gindex, List<Hash32> branch) {}

  /** The location of {@code target} (by identity) below this node. */
  Optional<Location> locate(final SszNode target) {
    final List<Hash32> siblings = new ArrayList<>();
    final long g = find(this, target, 1, siblings);
    if (g < 0) {
      return Optional.empty();
    }
    Collections.reverse(siblings);
    return Optional.of(new Location(g, List.copyOf(siblings)));
  }

  private static long find(final SszNode at, final SszNode target, final long gindex, final List<Hash32> path) {
    if (at == target) {
      return gindex;
    }
    if (at.left == null) {
      return -1;
    }
    path.add(at.right.hash);
    long g = find(at.left, target, gindex * 2, path);
    if (g >= 0) {
      return g;
    }
    path.remove(path.size() - 1);
    path.add(at.left.hash);
    g = find(at.right, target, gindex * 2 + 1, path);
    if (g >= 0) {
      return g;
    }
    path.remove(path.size() - 1);
    return -1;
  }
}
