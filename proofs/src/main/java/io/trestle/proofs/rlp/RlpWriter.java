package io.trestle.proofs.rlp;

import io.trestle.crypto.Address;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.List;

/** Canonical RLP encoding. Every method returns a fresh array. */
public final class RlpWriter {
  private static final byte[] EMPTY_STRING = {(byte) 0x80};

  private RlpWriter() {}

  /** Encodes a byte string. */
  public static byte[] string(final byte[] value) {
    if (value.length == 1 && (value[0] & 0xff) < 0x80) {
      return new byte[] {value[0]};
    }
    final byte[] header = header(0x80, value.length);
    final byte[] out = new byte[header.length + value.length];
    System.arraycopy(header, 0, out, 0, header.length);
    System.arraycopy(value, 0, out, header.length, value.length);
    return out;
  }

  /** Encodes a byte string. */
  public static byte[] string(final Bytes value) {
    return string(value.toArray());
  }

  /** Encodes a 32-byte hash as a string. */
  public static byte[] string(final Hash32 value) {
    return string(value.toArray());
  }

  /** Encodes an address as a string. */
  public static byte[] string(final Address value) {
    return string(value.toArray());
  }

  /** Encodes an unsigned integer (minimal big-endian; 0 is the empty string). */
  public static byte[] uint(final long value) {
    if (value == 0) {
      return EMPTY_STRING.clone();
    }
    final int n = 8 - Long.numberOfLeadingZeros(value) / 8;
    final byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[n - 1 - i] = (byte) (value >>> (8 * i));
    }
    return string(b);
  }

  /** Encodes a non-negative big integer (minimal big-endian). */
  public static byte[] uint(final BigInteger value) {
    if (value.signum() < 0) {
      throw new IllegalArgumentException("negative integer");
    }
    if (value.signum() == 0) {
      return EMPTY_STRING.clone();
    }
    byte[] b = value.toByteArray();
    if (b[0] == 0) {
      b = java.util.Arrays.copyOfRange(b, 1, b.length);
    }
    return string(b);
  }

  /** Encodes a list of already-encoded items. */
  public static byte[] list(final List<byte[]> encodedItems) {
    int total = 0;
    for (final byte[] item : encodedItems) {
      total += item.length;
    }
    final byte[] header = header(0xc0, total);
    final byte[] out = new byte[header.length + total];
    System.arraycopy(header, 0, out, 0, header.length);
    int pos = header.length;
    for (final byte[] item : encodedItems) {
      System.arraycopy(item, 0, out, pos, item.length);
      pos += item.length;
    }
    return out;
  }

  /** Encodes a list of already-encoded items. */
  public static byte[] list(final byte[]... encodedItems) {
    return list(List.of(encodedItems));
  }

  /** Concatenates arrays (for a type byte before an RLP payload, for example). */
  public static byte[] concat(final byte[]... parts) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (final byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  // --- exact-size writing into a caller's array (one allocation per encoding) ---------------------

  /** Bytes of the header of an item whose payload is {@code length} bytes. */
  public static int headerLength(final int length) {
    return length <= 55 ? 1 : 1 + 4 - Integer.numberOfLeadingZeros(length) / 8;
  }

  /**
   * Writes the header of a list ({@code list}) or string with a payload of {@code length} bytes at {@code
   * pos}; returns the position after it.
   */
  public static int writeHeader(final byte[] out, final int pos, final boolean list, final int length) {
    final int base = list ? 0xc0 : 0x80;
    if (length <= 55) {
      out[pos] = (byte) (base + length);
      return pos + 1;
    }
    final int n = 4 - Integer.numberOfLeadingZeros(length) / 8;
    out[pos] = (byte) (base + 55 + n);
    for (int i = 0; i < n; i++) {
      out[pos + n - i] = (byte) (length >>> (8 * i));
    }
    return pos + 1 + n;
  }

  /** Encoded length of the byte string {@code value} (see {@link #string(byte[])}). */
  public static int stringLength(final byte[] value) {
    return value.length == 1 && (value[0] & 0xff) < 0x80 ? 1 : headerLength(value.length) + value.length;
  }

  /** Writes {@link #string(byte[])} of {@code value} at {@code pos}; returns the position after it. */
  public static int writeString(final byte[] out, final int pos, final byte[] value) {
    if (value.length == 1 && (value[0] & 0xff) < 0x80) {
      out[pos] = value[0];
      return pos + 1;
    }
    final int p = writeHeader(out, pos, false, value.length);
    System.arraycopy(value, 0, out, p, value.length);
    return p + value.length;
  }

  /** Encoded length of {@link #uint(long)} of a non-negative {@code value}. */
  public static int uintLength(final long value) {
    return value < 0x80 ? 1 : 1 + 8 - Long.numberOfLeadingZeros(value) / 8;
  }

  /** Writes {@link #uint(long)} of a non-negative {@code value} at {@code pos}; returns the position after it. */
  public static int writeUint(final byte[] out, final int pos, final long value) {
    if (value < 0) {
      throw new IllegalArgumentException("negative integer");
    }
    if (value == 0) {
      out[pos] = (byte) 0x80;
      return pos + 1;
    }
    if (value < 0x80) {
      out[pos] = (byte) value;
      return pos + 1;
    }
    final int n = 8 - Long.numberOfLeadingZeros(value) / 8;
    out[pos] = (byte) (0x80 + n);
    for (int i = 0; i < n; i++) {
      out[pos + n - i] = (byte) (value >>> (8 * i));
    }
    return pos + 1 + n;
  }

  private static byte[] header(final int base, final int length) {
    if (length <= 55) {
      return new byte[] {(byte) (base + length)};
    }
    final int n = 4 - Integer.numberOfLeadingZeros(length) / 8;
    final byte[] h = new byte[1 + n];
    h[0] = (byte) (base + 55 + n);
    for (int i = 0; i < n; i++) {
      h[n - i] = (byte) (length >>> (8 * i));
    }
    return h;
  }
}
