package io.trestle.proofs.execution;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * Test-only encoders independent of the code under test: RLP by the Yellow Paper rules, Keccak-256 from Bouncy
 * Castle, SHA-256 from the JDK. Used to derive expected hashes.
 */
final class HandRlp {
  private HandRlp() {}

  static byte[] keccak(final byte[] in) {
    final KeccakDigest d = new KeccakDigest(256);
    d.update(in, 0, in.length);
    final byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }

  static byte[] sha256(final byte[]... parts) {
    try {
      final MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (final byte[] p : parts) {
        md.update(p);
      }
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static byte[] cat(final byte[]... parts) {
    final ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (final byte[] p : parts) {
      o.writeBytes(p);
    }
    return o.toByteArray();
  }

  private static byte[] lengthPrefix(final int base, final int len) {
    if (len < 56) {
      return new byte[] {(byte) (base + len)};
    }
    final byte[] l = BigInteger.valueOf(len).toByteArray();
    final byte[] m = l[0] == 0 ? Arrays.copyOfRange(l, 1, l.length) : l;
    return cat(new byte[] {(byte) (base + 55 + m.length)}, m);
  }

  static byte[] str(final byte[] b) {
    if (b.length == 1 && (b[0] & 0xff) < 0x80) {
      return b;
    }
    return cat(lengthPrefix(0x80, b.length), b);
  }

  static byte[] uint(final long v) {
    return uint(new BigInteger(Long.toUnsignedString(v)));
  }

  static byte[] uint(final BigInteger v) {
    if (v.signum() == 0) {
      return str(new byte[0]);
    }
    final byte[] b = v.toByteArray();
    return str(b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b);
  }

  static byte[] list(final List<byte[]> items) {
    final byte[] payload = cat(items.toArray(new byte[0][]));
    return cat(lengthPrefix(0xc0, payload.length), payload);
  }
}
