package io.trestle.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable 32-byte value: a Keccak-256 or SHA-256 digest, a trie root, a block hash. The
 * constructor input is copied, so a caller's later change to its array is never seen. A {@code Hash32}
 * says nothing about trust by itself: whether it is a verified root depends on where it came from.
 */
public final class Hash32 implements Comparable<Hash32> {
  /** Size in bytes. */
  public static final int SIZE = 32;

  /** 32 zero bytes. */
  public static final Hash32 ZERO = new Hash32(new byte[SIZE]);

  private final byte[] bytes;

  private Hash32(final byte[] owned) {
    this.bytes = owned;
  }

  /** A copy of exactly 32 bytes; any other length is an {@link IllegalArgumentException}. */
  public static Hash32 of(final byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("expected 32 bytes, got " + bytes.length);
    }
    return new Hash32(bytes.clone());
  }

  /** A copy of 32 bytes starting at {@code offset}. */
  public static Hash32 of(final byte[] bytes, final int offset) {
    Objects.checkFromIndexSize(offset, SIZE, bytes.length);
    return new Hash32(Arrays.copyOfRange(bytes, offset, offset + SIZE));
  }

  /** Parses 64 hex digits (with or without {@code 0x}). */
  public static Hash32 fromHex(final String hex) {
    final byte[] b = Hex.decode(hex);
    if (b.length != SIZE) {
      throw new IllegalArgumentException("expected 32 bytes of hex, got " + b.length + " bytes");
    }
    return new Hash32(b);
  }

  /** Takes ownership of a freshly computed digest array (package-internal, no copy). */
  static Hash32 wrapOwned(final byte[] owned) {
    return new Hash32(owned);
  }

  /** A fresh copy of the 32 bytes. */
  public byte[] toArray() {
    return bytes.clone();
  }

  /** Byte at {@code index}. */
  public byte get(final int index) {
    return bytes[index];
  }

  /** Copies the 32 bytes into {@code dest} at {@code offset}. */
  public void copyTo(final byte[] dest, final int offset) {
    System.arraycopy(bytes, 0, dest, offset, SIZE);
  }

  /** True if the 32 bytes equal {@code other[offset .. offset+32)}. */
  public boolean equalsSlice(final byte[] other, final int offset, final int length) {
    return length == SIZE
        && Arrays.equals(bytes, 0, SIZE, other, offset, offset + SIZE);
  }

  /** As an immutable {@link Bytes}. */
  public Bytes toBytes() {
    return Bytes.wrapOwned(bytes.clone());
  }

  /** Lower-case hex with {@code 0x}. */
  public String toHex() {
    return Hex.encode(bytes);
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof Hash32 && Arrays.equals(bytes, ((Hash32) o).bytes);
  }

  @Override
  public int hashCode() {
    return (bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8 | (bytes[3] & 0xff);
  }

  @Override
  public int compareTo(final Hash32 o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
