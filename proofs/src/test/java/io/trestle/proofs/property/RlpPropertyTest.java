package io.trestle.proofs.property;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.proofs.Reason;
import io.trestle.proofs.VerificationException;
import io.trestle.proofs.rlp.Rlp;
import io.trestle.proofs.rlp.RlpItem;
import io.trestle.proofs.rlp.RlpWriter;
import io.trestle.testbase.Seeds;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * RLP properties with seeded generators: random item trees (string lengths around every length-form
 * boundary: 0, 1, 55, 56, 255, 256, 65,536) round-trip through the writer and the strict reader; every
 * non-canonical variant of a random item is rejected with the right reason; integers round-trip and
 * reject leading zeros. The encodings under test are built here byte by byte from the RLP
 * specification, not by the writer under test, where the test needs the exact bytes.
 */
class RlpPropertyTest {
  private static final int[] BOUNDARY_LENGTHS = {0, 1, 2, 55, 56, 57, 255, 256, 257, 65_535, 65_536};

  /** A generated tree and its expected encoding (built from the specification). */
  private record Gen(Object value, byte[] encoding) {}

  @Test
  void randomTreesRoundTrip() {
    Seeds.run("RLP round trip", 300, seed -> {
      final Random r = new Random(seed);
      final Gen g = tree(r, 0);
      final RlpItem item = Rlp.decode(g.encoding());
      assertEquals(g.encoding().length, item.encodedLength());
      check(g.value(), item);
      assertArrayEquals(g.encoding(), writerEncoding(g.value()), "the writer agrees with the specification");
    });
  }

  @Test
  void nonCanonicalVariantsAreRejected() {
    Seeds.run("RLP canonical form", 300, seed -> {
      final Random r = new Random(seed);
      final byte[] payload = bytes(r, length(r));
      final byte[] canonical = spec(payload, false);
      // a long-form length for a payload of 55 bytes or less, or a length with a leading zero byte
      final byte[] longForm = payload.length <= 55 ? withLongLength(payload, false, false)
          : withLongLength(payload, false, true);
      assertReason(Reason.RLP_NON_CANONICAL, longForm);
      final byte[] listPayload = canonicalListPayload(r);
      final byte[] listLong = withLongLength(listPayload, true, listPayload.length > 55);
      assertReason(Reason.RLP_NON_CANONICAL, listLong);
      if (payload.length == 1 && (payload[0] & 0xff) < 0x80) {
        assertReason(Reason.RLP_NON_CANONICAL, new byte[] {(byte) 0x81, payload[0]});
      }
      // trailing byte, truncation
      final byte[] trailing = java.util.Arrays.copyOf(canonical, canonical.length + 1);
      assertReason(Reason.RLP_TRAILING_BYTES, trailing);
      if (canonical.length > 1) {
        final VerificationException e = assertThrows(VerificationException.class,
            () -> Rlp.decode(java.util.Arrays.copyOf(canonical, canonical.length - 1)));
        assertTrue(e.reason() == Reason.RLP_TRUNCATED || e.reason() == Reason.RLP_NON_CANONICAL, e.toString());
      }
    });
  }

  @Test
  void integersRoundTripAndRejectLeadingZeros() {
    Seeds.run("RLP integers", 500, seed -> {
      final Random r = new Random(seed);
      final long v = r.nextLong() >>> r.nextInt(64);
      final byte[] mag = new BigInteger(Long.toUnsignedString(v)).toByteArray();
      final byte[] minimal = v == 0 ? new byte[0] : stripZeros(mag);
      assertArrayEquals(spec(minimal, false), RlpWriter.uint(v));
      assertEquals(v, Rlp.decode(spec(minimal, false)).asUInt64("v"));
      final byte[] padded = new byte[minimal.length + 1];
      System.arraycopy(minimal, 0, padded, 1, minimal.length);
      final VerificationException e = assertThrows(VerificationException.class,
          () -> Rlp.decode(spec(padded, false)).asUInt64("v"));
      // a 9-byte integer is refused for its size before its form is looked at
      assertEquals(padded.length > 8 ? Reason.RLP_SCHEMA : Reason.RLP_NON_CANONICAL, e.reason(), e.toString());
    });
  }

  private static void assertReason(final Reason expected, final byte[] input) {
    final VerificationException e = assertThrows(VerificationException.class, () -> Rlp.decode(input));
    assertEquals(expected, e.reason(), e.toString());
  }

  private static byte[] stripZeros(final byte[] b) {
    int i = 0;
    while (i < b.length - 1 && b[i] == 0) {
      i++;
    }
    return java.util.Arrays.copyOfRange(b, i, b.length);
  }

  private static int length(final Random r) {
    return r.nextInt(3) == 0 ? BOUNDARY_LENGTHS[r.nextInt(BOUNDARY_LENGTHS.length)] : r.nextInt(80);
  }

  private static byte[] bytes(final Random r, final int n) {
    final byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  private static byte[] canonicalListPayload(final Random r) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      out.writeBytes(spec(bytes(r, r.nextInt(70)), false));
    }
    return out.toByteArray();
  }

  private static Gen tree(final Random r, final int depth) {
    if (depth >= 4 || r.nextInt(3) > 0) {
      final byte[] b = bytes(r, length(r));
      return new Gen(b, spec(b, false));
    }
    final List<Object> items = new ArrayList<>();
    final ByteArrayOutputStream payload = new ByteArrayOutputStream();
    final int n = r.nextInt(6);
    for (int i = 0; i < n; i++) {
      final Gen c = tree(r, depth + 1);
      items.add(c.value());
      payload.writeBytes(c.encoding());
    }
    return new Gen(items, spec(payload.toByteArray(), true));
  }

  /** The canonical encoding of a string payload, or of a list with this concatenated payload. */
  static byte[] spec(final byte[] payload, final boolean list) {
    if (!list && payload.length == 1 && (payload[0] & 0xff) < 0x80) {
      return payload.clone();
    }
    final int shortBase = list ? 0xc0 : 0x80;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (payload.length <= 55) {
      out.write(shortBase + payload.length);
    } else {
      final byte[] len = stripZeros(BigInteger.valueOf(payload.length).toByteArray());
      out.write(shortBase + 55 + len.length);
      out.writeBytes(len);
    }
    out.writeBytes(payload);
    return out.toByteArray();
  }

  /** A long-form header for the payload; with {@code leadingZero} the length gets a zero byte in front. */
  private static byte[] withLongLength(final byte[] payload, final boolean list, final boolean leadingZero) {
    final byte[] len = payload.length == 0 ? new byte[] {0} : stripZeros(BigInteger.valueOf(payload.length).toByteArray());
    final byte[] l = leadingZero ? concat(new byte[] {0}, len) : len;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write((list ? 0xf7 : 0xb7) + l.length);
    out.writeBytes(l);
    out.writeBytes(payload);
    return out.toByteArray();
  }

  private static byte[] concat(final byte[] a, final byte[] b) {
    final byte[] o = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, o, a.length, b.length);
    return o;
  }

  private static void check(final Object expected, final RlpItem item) {
    if (expected instanceof byte[] b) {
      assertTrue(item.isString());
      assertArrayEquals(b, item.bytes());
    } else {
      final List<?> l = (List<?>) expected;
      assertTrue(item.isList());
      final List<RlpItem> items = item.items();
      assertEquals(l.size(), items.size());
      for (int i = 0; i < l.size(); i++) {
        check(l.get(i), items.get(i));
      }
    }
  }

  private static byte[] writerEncoding(final Object v) {
    if (v instanceof byte[] b) {
      return RlpWriter.string(b);
    }
    final List<byte[]> enc = new ArrayList<>();
    for (final Object c : (List<?>) v) {
      enc.add(writerEncoding(c));
    }
    return RlpWriter.list(enc);
  }
}
