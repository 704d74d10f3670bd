package io.trestle.crypto;

import java.util.Objects;

/**
 * Keccak-256 as used by Ethereum (the original Keccak padding {@code 0x01}, not SHA3-256's {@code
 * 0x06}). A self-contained, allocation-free permutation over 25 {@code long} lanes: the JMH benchmark
 * {@code KeccakBenchmark} compares it with Bouncy Castle's {@code KeccakDigest} and the known-answer
 * tests check it against Bouncy Castle on every length from 0 to 1,100 bytes. Stateless and
 * thread-safe.
 */
public final class Keccak256 {
  private static final int RATE = 136;

  private static final long[] RC = {
    0x0000000000000001L, 0x0000000000008082L, 0x800000000000808aL, 0x8000000080008000L,
    0x000000000000808bL, 0x0000000080000001L, 0x8000000080008081L, 0x8000000000008009L,
    0x000000000000008aL, 0x0000000000000088L, 0x0000000080008009L, 0x000000008000000aL,
    0x000000008000808bL, 0x800000000000008bL, 0x8000000000008089L, 0x8000000000008003L,
    0x8000000000008002L, 0x8000000000000080L, 0x000000000000800aL, 0x800000008000000aL,
    0x8000000080008081L, 0x8000000000008080L, 0x0000000080000001L, 0x8000000080008008L
  };

  private Keccak256() {}

  /** Keccak-256 of all of {@code input}. */
  public static Hash32 hash(final byte[] input) {
    return Hash32.wrapOwned(digest(input, 0, input.length));
  }

  /** Keccak-256 of {@code input[offset .. offset+length)}. */
  public static Hash32 hash(final byte[] input, final int offset, final int length) {
    return Hash32.wrapOwned(digest(input, offset, length));
  }

  /** Keccak-256 of a slice, as a fresh 32-byte array. */
  public static byte[] digest(final byte[] input, final int offset, final int length) {
    final byte[] out = new byte[32];
    digestInto(input, offset, length, new long[25], out);
    return out;
  }

  /**
   * Keccak-256 of a slice into {@code out[0..32)}, using {@code lanes} (25 longs, any content: it is
   * cleared first) as the state, so that a caller hashing many inputs allocates nothing per hash. Both
   * arrays belong to the caller; confine them to one thread.
   */
  public static void digestInto(
      final byte[] input, final int offset, final int length, final long[] lanes, final byte[] out) {
    Objects.checkFromIndexSize(offset, length, input.length);
    if (lanes.length != 25 || out.length < 32) {
      throw new IllegalArgumentException("lanes must hold 25 longs and out at least 32 bytes");
    }
    final long[] s = lanes;
    java.util.Arrays.fill(s, 0L);
    int pos = offset;
    int remaining = length;
    while (remaining >= RATE) {
      for (int i = 0; i < RATE / 8; i++) {
        s[i] ^= readLong(input, pos + 8 * i);
      }
      permute(s);
      pos += RATE;
      remaining -= RATE;
    }
    // Last (partial) block with padding 0x01 .. 0x80.
    final int full = remaining >>> 3;
    for (int i = 0; i < full; i++) {
      s[i] ^= readLong(input, pos + 8 * i);
    }
    long last = 0;
    final int tail = remaining & 7;
    final int tailPos = pos + 8 * full;
    for (int i = 0; i < tail; i++) {
      last |= (input[tailPos + i] & 0xffL) << (8 * i);
    }
    last |= 0x01L << (8 * tail);
    s[full] ^= last;
    s[RATE / 8 - 1] ^= 0x8000000000000000L;
    permute(s);
    for (int i = 0; i < 4; i++) {
      final long v = s[i];
      for (int j = 0; j < 8; j++) {
        out[8 * i + j] = (byte) (v >>> (8 * j));
      }
    }
  }

  private static long readLong(final byte[] b, final int p) {
    return (b[p] & 0xffL)
        | (b[p + 1] & 0xffL) << 8
        | (b[p + 2] & 0xffL) << 16
        | (b[p + 3] & 0xffL) << 24
        | (b[p + 4] & 0xffL) << 32
        | (b[p + 5] & 0xffL) << 40
        | (b[p + 6] & 0xffL) << 48
        | (b[p + 7] & 0xffL) << 56;
  }

  /** Keccak-f[1600], 24 rounds, on lanes indexed x + 5y. */
  private static void permute(final long[] a) {
    long a00 = a[0], a01 = a[1], a02 = a[2], a03 = a[3], a04 = a[4];
    long a05 = a[5], a06 = a[6], a07 = a[7], a08 = a[8], a09 = a[9];
    long a10 = a[10], a11 = a[11], a12 = a[12], a13 = a[13], a14 = a[14];
    long a15 = a[15], a16 = a[16], a17 = a[17], a18 = a[18], a19 = a[19];
    long a20 = a[20], a21 = a[21], a22 = a[22], a23 = a[23], a24 = a[24];
    for (int round = 0; round < 24; round++) {
      // theta
      final long c0 = a00 ^ a05 ^ a10 ^ a15 ^ a20;
      final long c1 = a01 ^ a06 ^ a11 ^ a16 ^ a21;
      final long c2 = a02 ^ a07 ^ a12 ^ a17 ^ a22;
      final long c3 = a03 ^ a08 ^ a13 ^ a18 ^ a23;
      final long c4 = a04 ^ a09 ^ a14 ^ a19 ^ a24;
      final long d0 = c4 ^ Long.rotateLeft(c1, 1);
      final long d1 = c0 ^ Long.rotateLeft(c2, 1);
      final long d2 = c1 ^ Long.rotateLeft(c3, 1);
      final long d3 = c2 ^ Long.rotateLeft(c4, 1);
      final long d4 = c3 ^ Long.rotateLeft(c0, 1);
      a00 ^= d0; a05 ^= d0; a10 ^= d0; a15 ^= d0; a20 ^= d0;
      a01 ^= d1; a06 ^= d1; a11 ^= d1; a16 ^= d1; a21 ^= d1;
      a02 ^= d2; a07 ^= d2; a12 ^= d2; a17 ^= d2; a22 ^= d2;
      a03 ^= d3; a08 ^= d3; a13 ^= d3; a18 ^= d3; a23 ^= d3;
      a04 ^= d4; a09 ^= d4; a14 ^= d4; a19 ^= d4; a24 ^= d4;
      // rho and pi: B[y + 5*((2x+3y) mod 5)] = rotl(A[x + 5y], r[x + 5y])
      final long b00 = a00;
      final long b10 = Long.rotateLeft(a01, 1);
      final long b20 = Long.rotateLeft(a02, 62);
      final long b05 = Long.rotateLeft(a03, 28);
      final long b15 = Long.rotateLeft(a04, 27);
      final long b16 = Long.rotateLeft(a05, 36);
      final long b01 = Long.rotateLeft(a06, 44);
      final long b11 = Long.rotateLeft(a07, 6);
      final long b21 = Long.rotateLeft(a08, 55);
      final long b06 = Long.rotateLeft(a09, 20);
      final long b07 = Long.rotateLeft(a10, 3);
      final long b17 = Long.rotateLeft(a11, 10);
      final long b02 = Long.rotateLeft(a12, 43);
      final long b12 = Long.rotateLeft(a13, 25);
      final long b22 = Long.rotateLeft(a14, 39);
      final long b23 = Long.rotateLeft(a15, 41);
      final long b08 = Long.rotateLeft(a16, 45);
      final long b18 = Long.rotateLeft(a17, 15);
      final long b03 = Long.rotateLeft(a18, 21);
      final long b13 = Long.rotateLeft(a19, 8);
      final long b14 = Long.rotateLeft(a20, 18);
      final long b24 = Long.rotateLeft(a21, 2);
      final long b09 = Long.rotateLeft(a22, 61);
      final long b19 = Long.rotateLeft(a23, 56);
      final long b04 = Long.rotateLeft(a24, 14);
      // chi
      a00 = b00 ^ (~b01 & b02);
      a01 = b01 ^ (~b02 & b03);
      a02 = b02 ^ (~b03 & b04);
      a03 = b03 ^ (~b04 & b00);
      a04 = b04 ^ (~b00 & b01);
      a05 = b05 ^ (~b06 & b07);
      a06 = b06 ^ (~b07 & b08);
      a07 = b07 ^ (~b08 & b09);
      a08 = b08 ^ (~b09 & b05);
      a09 = b09 ^ (~b05 & b06);
      a10 = b10 ^ (~b11 & b12);
      a11 = b11 ^ (~b12 & b13);
      a12 = b12 ^ (~b13 & b14);
      a13 = b13 ^ (~b14 & b10);
      a14 = b14 ^ (~b10 & b11);
      a15 = b15 ^ (~b16 & b17);
      a16 = b16 ^ (~b17 & b18);
      a17 = b17 ^ (~b18 & b19);
      a18 = b18 ^ (~b19 & b15);
      a19 = b19 ^ (~b15 & b16);
      a20 = b20 ^ (~b21 & b22);
      a21 = b21 ^ (~b22 & b23);
      a22 = b22 ^ (~b23 & b24);
      a23 = b23 ^ (~b24 & b20);
      a24 = b24 ^ (~b20 & b21);
      // iota
      a00 ^= RC[round];
    }
    a[0] = a00; a[1] = a01; a[2] = a02; a[3] = a03; a[4] = a04;
    a[5] = a05; a[6] = a06; a[7] = a07; a[8] = a08; a[9] = a09;
    a[10] = a10; a[11] = a11; a[12] = a12; a[13] = a13; a[14] = a14;
    a[15] = a15; a[16] = a16; a[17] = a17; a[18] = a18; a[19] = a19;
    a[20] = a20; a[21] = a21; a[22] = a22; a[23] = a23; a[24] = a24;
  }
}
