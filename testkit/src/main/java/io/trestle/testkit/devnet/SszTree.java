package io.trestle.testkit.devnet;

import io.trestle.crypto.Hash32;
import io.trestle.crypto.Sha256;
import java.util.ArrayList;
import java.util.List;

/**
 * A complete binary SSZ Merkle tree over {@code 2^depth} leaves (missing leaves are zero chunks), with
 * the root and the sibling branch of any leaf. Used to build the devnet's beacon state and block body
 * roots; branches are checked with {@code MerkleBranch.isValid} by the generator before use.
 */
public final class SszTree {
  private final Hash32[][] layers;

  public SszTree(final List<Hash32> leaves, final int depth) {
    final int width = 1 << depth;
    if (leaves.size() > width) {
      throw new IllegalArgumentException(leaves.size() + " leaves do not fit a tree of depth " + depth);
    }
    layers = new Hash32[depth + 1][];
    layers[0] = new Hash32[width];
    for (int i = 0; i < width; i++) {
      layers[0][i] = i < leaves.size() ? leaves.get(i) : Hash32.ZERO;
    }
    for (int d = 1; d <= depth; d++) {
      final Hash32[] below = layers[d - 1];
      final Hash32[] layer = new Hash32[below.length / 2];
      for (int i = 0; i < layer.length; i++) {
        layer[i] = Sha256.hashPair(below[2 * i], below[2 * i + 1]);
      }
      layers[d] = layer;
    }
  }

  public Hash32 root() {
    return layers[layers.length - 1][0];
  }

  public Hash32 leaf(final int index) {
    return layers[0][index];
  }

  /** The siblings of leaf {@code index}, bottom-up ({@code is_valid_merkle_branch} order). */
  public List<Hash32> branch(final int index) {
    final List<Hash32> out = new ArrayList<>(layers.length - 1);
    int i = index;
    for (int d = 0; d < layers.length - 1; d++) {
      out.add(layers[d][i ^ 1]);
      i >>>= 1;
    }
    return out;
  }
}
