package io.trestle.cosmos.light;

import io.trestle.crypto.Sha256;
import java.security.MessageDigest;
import java.util.List;

/**
 * CometBFT's simple Merkle tree ({@code crypto/merkle.HashFromByteSlices}), which is RFC-6962's: leaf =
 * SHA-256(0x00 || item), inner = SHA-256(0x01 || left || right), the empty tree is SHA-256 of nothing,
 * and n &gt; 1 items split at the largest power of two strictly below n.
 */
public final class SimpleMerkle {
  private SimpleMerkle() {}

  /** The root over {@code items}, in order (32 bytes). */
  public static byte[] root(final List<byte[]> items) {
    if (items.isEmpty()) {
      return Sha256.digest(new byte[0], 0, 0);
    }
    return root(items, 0, items.size());
  }

  private static byte[] root(final List<byte[]> items, final int from, final int n) {
    if (n == 1) {
      return leafHash(items.get(from));
    }
    final int k = splitPoint(n);
    return innerHash(root(items, from, k), root(items, from + k, n - k));
  }

  /** The largest power of two strictly below {@code n} (n &ge; 2). */
  static int splitPoint(final int n) {
    return Integer.highestOneBit(n - 1);
  }

  /** SHA-256(0x00 || leaf). */
  public static byte[] leafHash(final byte[] leaf) {
    final MessageDigest md = digest();
    md.update((byte) 0);
    md.update(leaf);
    return md.digest();
  }

  /** SHA-256(0x01 || left || right). */
  public static byte[] innerHash(final byte[] left, final byte[] right) {
    final MessageDigest md = digest();
    md.update((byte) 1);
    md.update(left);
    md.update(right);
    return md.digest();
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
