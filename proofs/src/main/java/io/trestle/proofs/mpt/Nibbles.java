package io.trestle.proofs.mpt;

import io.trestle.proofs.Reason;
import io.trestle.proofs.VerificationException;

/** Nibble paths and the hex-prefix ("compact") encoding of trie paths. Package-internal helpers. */
final class Nibbles {
  private Nibbles() {}

  static byte[] fromBytes(final byte[] key) {
    final byte[] out = new byte[key.length * 2];
    for (int i = 0; i < key.length; i++) {
      out[2 * i] = (byte) ((key[i] >>> 4) & 0xf);
      out[2 * i + 1] = (byte) (key[i] & 0xf);
    }
    return out;
  }

  /** Hex-prefix encodes {@code nibbles[from..to)} with the leaf flag. */
  static byte[] encodePath(final byte[] nibbles, final int from, final int to, final boolean leaf) {
    final int n = to - from;
    final boolean odd = (n & 1) == 1;
    final byte[] out = new byte[n / 2 + 1];
    final int flag = (leaf ? 2 : 0) + (odd ? 1 : 0);
    int i = from;
    if (odd) {
      out[0] = (byte) ((flag << 4) | nibbles[i++]);
    } else {
      out[0] = (byte) (flag << 4);
    }
    for (int j = 1; j < out.length; j++) {
      out[j] = (byte) ((nibbles[i] << 4) | nibbles[i + 1]);
      i += 2;
    }
    return out;
  }

  /** A decoded hex-prefix path. */
  record Path(byte[] nibbles, boolean leaf) {}

  /**
   * Decodes a hex-prefix path strictly: flag nibble 0..3, zero padding nibble for even lengths. {@code
   * where} names the node in errors; its {@code toString} is called only when rejecting.
   */
  static Path decodePath(final byte[] buf, final int off, final int len, final Object where) {
    if (len == 0) {
      throw new VerificationException(Reason.MPT_BAD_PATH_ENCODING, where + ": empty hex-prefix path");
    }
    final int first = buf[off] & 0xff;
    final int flag = first >>> 4;
    if (flag > 3) {
      throw new VerificationException(
          Reason.MPT_BAD_PATH_ENCODING, where + ": hex-prefix flag nibble " + flag + " (must be 0..3)");
    }
    final boolean odd = (flag & 1) == 1;
    if (!odd && (first & 0xf) != 0) {
      throw new VerificationException(
          Reason.MPT_BAD_PATH_ENCODING, where + ": even-length path with non-zero padding nibble");
    }
    final int n = (len - 1) * 2 + (odd ? 1 : 0);
    final byte[] out = new byte[n];
    int k = 0;
    if (odd) {
      out[k++] = (byte) (first & 0xf);
    }
    for (int i = 1; i < len; i++) {
      out[k++] = (byte) (((buf[off + i] & 0xff) >>> 4));
      out[k++] = (byte) (buf[off + i] & 0xf);
    }
    return new Path(out, flag >= 2);
  }
}
