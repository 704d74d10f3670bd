package io.trestle.proofs.ssz;

import io.trestle.crypto.Hash32;
import io.trestle.crypto.Sha256;
import java.util.List;

/**
 * SSZ merkleization ({@code merkleize}, {@code mix_in_length}, packing of basic values) as defined in
 * the consensus specs' {@code ssz/simple-serialize.md}. Pure functions; thread-safe.
 */
public final class Merkle {
  /** Depth of the precomputed zero-subtree table (enough for any list limit up to 2^64 chunks). */
  private static final int MAX_DEPTH = 64;

  private static final byte[][] ZERO_HASHES = new byte[MAX_DEPTH + 1][];

  static {
    ZERO_HASHES[0] = new byte[32];
    for (int i = 1; i <= MAX_DEPTH; i++) {
      final byte[] buf = new byte[64];
      System.arraycopy(ZERO_HASHES[i - 1], 0, buf, 0, 32);
      System.arraycopy(ZERO_HASHES[i - 1], 0, buf, 32, 32);
      ZERO_HASHES[i] = Sha256.digest(buf, 0, 64);
    }
  }

  private Merkle() {}

  /** The root of a zero subtree of the given depth ({@code zerohashes[depth]}). */
  public static Hash32 zeroHash(final int depth) {
    return Hash32.of(ZERO_HASHES[depth]);
  }

  /** {@code merkleize(chunks)} with no limit: pads to the next power of two of the chunk count. */
  public static Hash32 merkleize(final List<Hash32> chunks) {
    return merkleize(chunks, chunks.size());
  }

  /**
   * {@code merkleize(chunks, limit)}: the chunks padded with zero chunks to {@code next_pow_of_two(limit)}
   * leaves. More chunks than {@code limit} is an {@link IllegalArgumentException} (callers bound input
   * sizes before this point).
   */
  public static Hash32 merkleize(final List<Hash32> chunks, final long limit) {
    if (chunks.size() > limit) {
      throw new IllegalArgumentException(chunks.size() + " chunks exceed the limit " + limit);
    }
    final int depth = depthFor(limit);
    if (chunks.isEmpty()) {
      return Hash32.of(ZERO_HASHES[depth]);
    }
    final byte[] layer = new byte[chunks.size() * 32];
    for (int i = 0; i < chunks.size(); i++) {
      chunks.get(i).copyTo(layer, 32 * i);
    }
    return Hash32.of(merkleizeLayer(layer, chunks.size(), depth));
  }

  /** Merkleizes {@code count} 32-byte chunks packed in {@code data} into a tree of the given depth. */
  static byte[] merkleizeLayer(final byte[] data, final int count, final int depth) {
    byte[] layer = data;
    int n = count;
    final byte[] pair = new byte[64];
    for (int d = 0; d < depth; d++) {
      final int parents = (n + 1) / 2;
      final byte[] next = new byte[parents * 32];
      for (int i = 0; i < parents; i++) {
        System.arraycopy(layer, 64 * i, pair, 0, 32);
        if (2 * i + 1 < n) {
          System.arraycopy(layer, 64 * i + 32, pair, 32, 32);
        } else {
          System.arraycopy(ZERO_HASHES[d], 0, pair, 32, 32);
        }
        System.arraycopy(Sha256.digest(pair, 0, 64), 0, next, 32 * i, 32);
      }
      layer = next;
      n = parents;
    }
    final byte[] out = new byte[32];
    System.arraycopy(layer, 0, out, 0, 32);
    return out;
  }

  /**
   * {@code merkleize(pack(bytes), limit_chunks)}: bytes packed into 32-byte chunks (the last one zero
   * padded). {@code limitChunks} of -1 means "no limit" (a vector).
   */
  public static Hash32 merkleizeBytes(final byte[] bytes, final long limitChunks) {
    final int count = (bytes.length + 31) / 32;
    final long limit = limitChunks < 0 ? count : limitChunks;
    if (count > limit) {
      throw new IllegalArgumentException(count + " chunks exceed the limit " + limit);
    }
    final int depth = depthFor(limit);
    if (count == 0) {
      return Hash32.of(ZERO_HASHES[depth]);
    }
    final byte[] padded = new byte[count * 32];
    System.arraycopy(bytes, 0, padded, 0, bytes.length);
    return Hash32.of(merkleizeLayer(padded, count, depth));
  }

  /**
   * {@code merkleize_progressive(chunks)} of EIP-7916 ({@code ssz/simple-serialize.md}): the zero chunk for
   * no chunks, otherwise {@code hash(merkleize(chunks[:n], n), merkleize_progressive(chunks[n:], 4n))}
   * starting from {@code n = 1}, so the subtrees hold 1, 4, 16, 64, ... chunks.
   */
  public static Hash32 merkleizeProgressive(final List<Hash32> chunks) {
    // The spine is built bottom-up: find the groups first, then hash from the last one back.
    final List<Hash32> groups = new java.util.ArrayList<>();
    int from = 0;
    long width = 1;
    while (from < chunks.size()) {
      final int to = (int) Math.min(chunks.size(), from + width);
      groups.add(merkleize(chunks.subList(from, to), width));
      from = to;
      width *= 4;
    }
    Hash32 acc = Hash32.ZERO;
    for (int i = groups.size() - 1; i >= 0; i--) {
      acc = Sha256.hashPair(groups.get(i), acc);
    }
    return acc;
  }

  /** {@code merkleize_progressive(pack(bytes))}: the bytes packed into zero-padded 32-byte chunks. */
  public static Hash32 merkleizeProgressiveBytes(final byte[] bytes) {
    final List<Hash32> chunks = new java.util.ArrayList<>((bytes.length + 31) / 32);
    for (int i = 0; i < bytes.length; i += 32) {
      final byte[] c = new byte[32];
      System.arraycopy(bytes, i, c, 0, Math.min(32, bytes.length - i));
      chunks.add(Hash32.of(c));
    }
    return merkleizeProgressive(chunks);
  }

  /** {@code mix_in_active_fields(root, active_fields) = hash(root, pack_bits(active_fields))}. */
  public static Hash32 mixInActiveFields(final Hash32 root, final List<Boolean> activeFields) {
    if (activeFields.size() > 256) {
      throw new IllegalArgumentException("more than 256 active_fields: " + activeFields.size());
    }
    final byte[] bits = new byte[32];
    for (int i = 0; i < activeFields.size(); i++) {
      if (activeFields.get(i)) {
        bits[i / 8] |= (byte) (1 << (i % 8));
      }
    }
    return Sha256.hashPair(root, Hash32.of(bits));
  }

  /** {@code mix_in_length(root, length)}. */
  public static Hash32 mixInLength(final Hash32 root, final long length) {
    final byte[] buf = new byte[64];
    root.copyTo(buf, 0);
    for (int i = 0; i < 8; i++) {
      buf[32 + i] = (byte) (length >>> (8 * i));
    }
    return Hash32.of(Sha256.digest(buf, 0, 64));
  }

  /** The chunk of a {@code uint64}: little-endian, zero padded to 32 bytes. */
  public static Hash32 uint64(final long value) {
    final byte[] b = new byte[32];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (value >>> (8 * i));
    }
    return Hash32.of(b);
  }

  /** The root of a container from its field roots: {@code merkleize(field_roots)}. */
  public static Hash32 container(final Hash32... fieldRoots) {
    return merkleize(List.of(fieldRoots));
  }

  /** {@code ceil(log2(limit))}, with 0 for limits 0 and 1. */
  static int depthFor(final long limit) {
    if (limit <= 1) {
      return 0;
    }
    return 64 - Long.numberOfLeadingZeros(limit - 1);
  }
}
