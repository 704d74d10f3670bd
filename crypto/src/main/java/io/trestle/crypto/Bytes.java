package io.trestle.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable byte string. The array passed in is copied, and {@link #toArray()} returns a copy, so
 * no caller can change a value after it was checked.
 */
public final class Bytes implements Comparable<Bytes> {
  /** The empty byte string. */
  public static final Bytes EMPTY = new Bytes(new byte[0]);

  static {
    io.trestle.crypto.internal.ReadOnlyAccess.register(Bytes::backing);
  }

  private final byte[] bytes;

  private Bytes(final byte[] owned) {
    this.bytes = owned;
  }

  /** A copy of {@code bytes}. */
  public static Bytes of(final byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
  }

  /** A copy of a slice. */
  public static Bytes of(final byte[] bytes, final int offset, final int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(bytes, offset, offset + length));
  }

  /** Parses hex (with or without {@code 0x}). */
  public static Bytes fromHex(final String hex) {
    final byte[] b = Hex.decode(hex);
    return b.length == 0 ? EMPTY : new Bytes(b);
  }

  /**
   * Wraps an array the caller hands over and never touches again. Package-internal callers use this to
   * avoid a second copy of freshly allocated arrays.
   */
  static Bytes wrapOwned(final byte[] owned) {
    return new Bytes(owned);
  }

  /**
   * The backing array itself, for {@link io.trestle.crypto.internal.ReadOnlyAccess} only: never written, never
   * handed out.
   */
  byte[] backing() {
    return bytes;
  }

  /** Number of bytes. */
  public int size() {
    return bytes.length;
  }

  /** Byte at {@code index}. */
  public byte get(final int index) {
    return bytes[index];
  }

  /** A fresh copy of the content. */
  public byte[] toArray() {
    return bytes.clone();
  }

  /** True if there are no bytes. */
  public boolean isEmpty() {
    return bytes.length == 0;
  }

  /** Lower-case hex with {@code 0x}. */
  public String toHex() {
    return Hex.encode(bytes);
  }

  /** Keccak-256 of the content. */
  public Hash32 keccak256() {
    return Keccak256.hash(bytes);
  }

  /** Copies the content into {@code dest} at {@code offset}. */
  public void copyTo(final byte[] dest, final int offset) {
    System.arraycopy(bytes, 0, dest, offset, bytes.length);
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof Bytes && Arrays.equals(bytes, ((Bytes) o).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public int compareTo(final Bytes o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
