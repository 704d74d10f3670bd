package io.trestle.crypto;

import java.util.Objects;

/**
 * Hexadecimal encoding and strict decoding.
 *
 * <p>Decoding accepts an optional {@code 0x}/{@code 0X} prefix and upper- or lower-case digits, and
 * rejects odd lengths and non-hex characters with an {@link IllegalArgumentException} naming the
 * offending position. Nothing here is trusted or verified; it is plain encoding.
 */
public final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  /** Lower-case hex of {@code bytes} with a {@code 0x} prefix. */
  public static String encode(final byte[] bytes) {
    return encode(bytes, 0, bytes.length);
  }

  /** Lower-case hex of a slice with a {@code 0x} prefix. */
  public static String encode(final byte[] bytes, final int offset, final int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    final char[] out = new char[2 + 2 * length];
    out[0] = '0';
    out[1] = 'x';
    for (int i = 0; i < length; i++) {
      final int b = bytes[offset + i] & 0xff;
      out[2 + 2 * i] = DIGITS[b >>> 4];
      out[3 + 2 * i] = DIGITS[b & 0xf];
    }
    return new String(out);
  }

  /** Decodes hex, with or without a {@code 0x} prefix. The empty string and {@code 0x} give no bytes. */
  public static byte[] decode(final String hex) {
    Objects.requireNonNull(hex, "hex");
    int start = 0;
    if (hex.length() >= 2 && hex.charAt(0) == '0' && (hex.charAt(1) == 'x' || hex.charAt(1) == 'X')) {
      start = 2;
    }
    final int n = hex.length() - start;
    if ((n & 1) != 0) {
      throw new IllegalArgumentException("odd number of hex digits (" + n + ")");
    }
    final byte[] out = new byte[n / 2];
    for (int i = 0; i < out.length; i++) {
      final int hi = digit(hex, start + 2 * i);
      final int lo = digit(hex, start + 2 * i + 1);
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }

  /** True if {@code s} is {@code 0x}-prefixed hex with an even number of digits. */
  public static boolean isPrefixedHex(final String s) {
    if (s == null || s.length() < 2 || s.charAt(0) != '0' || (s.charAt(1) != 'x' && s.charAt(1) != 'X')) {
      return false;
    }
    if ((s.length() & 1) != 0) {
      return false;
    }
    for (int i = 2; i < s.length(); i++) {
      if (digit(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The value of an ASCII hex digit ({@code 0-9}, {@code a-f}, {@code A-F}), or -1. Unlike {@link
   * Character#digit(char, int)}, non-ASCII Unicode digits and fullwidth letters are not digits here.
   */
  public static int digit(final char c) {
    return c < 128 ? VALUES[c] : -1;
  }

  /** ASCII hex digit values, -1 elsewhere (one table lookup per character when decoding). */
  private static final byte[] VALUES = new byte[128];

  static {
    java.util.Arrays.fill(VALUES, (byte) -1);
    for (int c = '0'; c <= '9'; c++) {
      VALUES[c] = (byte) (c - '0');
    }
    for (int c = 'a'; c <= 'f'; c++) {
      VALUES[c] = (byte) (c - 'a' + 10);
      VALUES[c - 'a' + 'A'] = (byte) (c - 'a' + 10);
    }
  }

  private static int digit(final String s, final int index) {
    final int d = digit(s.charAt(index));
    if (d < 0) {
      throw new IllegalArgumentException("invalid hex character '" + s.charAt(index) + "' at index " + index);
    }
    return d;
  }
}
