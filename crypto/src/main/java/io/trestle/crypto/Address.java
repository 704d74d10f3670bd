package io.trestle.crypto;

import java.util.Arrays;
import java.util.Objects;

/** An immutable 20-byte Ethereum address. Input arrays are copied. */
public final class Address implements Comparable<Address> {
  /** Size in bytes. */
  public static final int SIZE = 20;

  private final byte[] bytes;

  private Address(final byte[] owned) {
    this.bytes = owned;
  }

  /** A copy of exactly 20 bytes; any other length is an {@link IllegalArgumentException}. */
  public static Address of(final byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("expected 20 bytes, got " + bytes.length);
    }
    return new Address(bytes.clone());
  }

  /** Parses 40 hex digits (with or without {@code 0x}, any case; the EIP-55 checksum is not checked). */
  public static Address fromHex(final String hex) {
    final byte[] b = Hex.decode(hex);
    if (b.length != SIZE) {
      throw new IllegalArgumentException("expected 20 bytes of hex, got " + b.length + " bytes");
    }
    return new Address(b);
  }

  /** A fresh copy of the 20 bytes. */
  public byte[] toArray() {
    return bytes.clone();
  }

  /** Copies the 20 bytes into {@code dest} at {@code offset}. */
  public void copyTo(final byte[] dest, final int offset) {
    System.arraycopy(bytes, 0, dest, offset, SIZE);
  }

  /** Keccak-256 of the address: its key in the state trie. */
  public Hash32 keccak256() {
    return Keccak256.hash(bytes);
  }

  /** Lower-case hex with {@code 0x}. */
  public String toHex() {
    return Hex.encode(bytes);
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof Address && Arrays.equals(bytes, ((Address) o).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public int compareTo(final Address o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
