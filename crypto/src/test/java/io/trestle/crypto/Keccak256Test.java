package io.trestle.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.junit.jupiter.api.Test;

class Keccak256Test {

  @Test
  void emptyString() {
    // Known answer: keccak256("") as published with the Keccak team's reference and in the Yellow Paper.
    assertEquals(
        "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
        Keccak256.hash(new byte[0]).toHex());
  }

  @Test
  void abc() {
    assertEquals(
        "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45",
        Keccak256.hash("abc".getBytes(StandardCharsets.US_ASCII)).toHex());
  }

  @Test
  void emptyRlpListIsOmmersHash() {
    // keccak(rlp([])) is the ommers hash of every post-merge header (EIP-3675).
    assertEquals(
        "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347",
        Keccak256.hash(new byte[] {(byte) 0xc0}).toHex());
  }

  @Test
  void matchesBouncyCastleOnEveryLengthAcrossBlockBoundaries() {
    final Random random = new Random(42);
    for (int len = 0; len <= 1100; len++) {
      final byte[] in = new byte[len];
      random.nextBytes(in);
      assertArrayEquals(bouncyCastle(in), Keccak256.hash(in).toArray(), "length " + len);
    }
  }

  @Test
  void sliceHashesOnlyTheSlice() {
    final byte[] in = new byte[300];
    new Random(7).nextBytes(in);
    final byte[] slice = java.util.Arrays.copyOfRange(in, 17, 17 + 200);
    assertEquals(Keccak256.hash(slice), Keccak256.hash(in, 17, 200));
  }

  @Test
  void digestIntoReusesDirtyScratchAndMatchesBouncyCastle() {
    final Random random = new Random(9);
    final long[] lanes = new long[25];
    final byte[] out = new byte[32];
    for (int len = 0; len <= 600; len += 7) {
      final byte[] in = new byte[len];
      random.nextBytes(in);
      for (int i = 0; i < 25; i++) {
        lanes[i] = random.nextLong(); // left over from an earlier hash: must not leak into this one
      }
      Keccak256.digestInto(in, 0, len, lanes, out);
      assertArrayEquals(bouncyCastle(in), out, "length " + len);
    }
  }

  @Test
  void readOnlyAccessSeesTheContentWithoutCopying() {
    final Bytes b = Bytes.fromHex("0x0102");
    final byte[] view = io.trestle.crypto.internal.ReadOnlyAccess.obtain().array(b);
    assertArrayEquals(new byte[] {1, 2}, view);
    org.junit.jupiter.api.Assertions.assertSame(view, io.trestle.crypto.internal.ReadOnlyAccess.obtain().array(b));
  }

  @Test
  void readOnlyAccessIsRegisteredOnlyByBytesAndOnlyOnce() {
    Bytes.of(new byte[] {1}); // Bytes has registered
    org.junit.jupiter.api.Assertions.assertThrows(IllegalCallerException.class,
        () -> io.trestle.crypto.internal.ReadOnlyAccess.register(x -> new byte[] {9}));
    assertArrayEquals(new byte[] {7}, io.trestle.crypto.internal.ReadOnlyAccess.obtain().array(Bytes.of(new byte[] {7})));
  }

  private static byte[] bouncyCastle(final byte[] in) {
    final KeccakDigest d = new KeccakDigest(256);
    d.update(in, 0, in.length);
    final byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }
}
