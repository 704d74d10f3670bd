package io.trestle.proofs.rlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Hex;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import io.trestle.proofs.VerificationException;
import io.trestle.proofs.json.RpcJson;
import io.trestle.testbase.Vectors;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * SECURITY-CASES section 6.A (A1..A12): strict RLP decoding. Each catalogue item is one test asserting
 * the catalogue's exact reason code; the ethereum/tests RLP vectors cover acceptance and round trips.
 */
class RlpAdversarialTest {
  static final Path RLP_TESTS = Vectors.path("ethereum-tests/RLPTests");

  static byte[] hex(final String h) {
    return Hex.decode(h.startsWith("0x") ? h : "0x" + h);
  }

  static void rejects(final Reason reason, final String hexInput) {
    rejects(reason, hex(hexInput), Rlp::decode);
  }

  static <T> void rejects(final Reason reason, final byte[] input, final Function<byte[], T> op) {
    final ProofResult<T> r = ProofResult.of(() -> op.apply(input));
    assertTrue(r instanceof ProofResult.Rejected, () -> Hex.encode(input) + " should be rejected, got " + r);
    assertEquals(reason, ((ProofResult.Rejected<T>) r).reason(), () -> Hex.encode(input) + ": " + r);
  }

  // --- A1..A12 ------------------------------------------------------------------------------------

  @Test
  void rlp_A01_singleByteWrappedAsString_rejected() {
    for (final String s : List.of("8105", "8100", "817f", "8101")) {
      rejects(Reason.RLP_NON_CANONICAL, s);
    }
    // The same inside a list.
    rejects(Reason.RLP_NON_CANONICAL, "c28105");
    // Boundary: 0x80 is the smallest byte that must be wrapped.
    assertArrayEquals(new byte[] {(byte) 0x80}, Rlp.decode(hex("8180")).bytes());
  }

  @Test
  void rlp_A02_longFormForShortPayload_rejected() {
    rejects(Reason.RLP_NON_CANONICAL, "b800");
    rejects(Reason.RLP_NON_CANONICAL, "b80101");
    rejects(Reason.RLP_NON_CANONICAL, "f800");
    // 55 bytes in long form (the largest short payload).
    rejects(Reason.RLP_NON_CANONICAL, "b837" + "aa".repeat(55));
    rejects(Reason.RLP_NON_CANONICAL, "f837" + "01".repeat(55));
    // 56 bytes is the first legitimate long form.
    assertEquals(56, Rlp.decode(hex("b838" + "aa".repeat(56))).payloadLength());
    assertEquals(56, Rlp.decode(hex("f838" + "01".repeat(56))).itemCount());
  }

  @Test
  void rlp_A03_lengthOfLengthWithLeadingZero_rejected() {
    rejects(Reason.RLP_NON_CANONICAL, "b9003a" + "aa".repeat(0x3a));
    rejects(Reason.RLP_NON_CANONICAL, "f9003a" + "01".repeat(0x3a));
    rejects(Reason.RLP_NON_CANONICAL, "ba000100" + "aa".repeat(0x100));
  }

  @Test
  void rlp_A04_declaredLengthExceedsInput_truncated() {
    for (final String s : List.of("82ff", "c201", "b901", "c181", "81", "b838" + "aa".repeat(55), "f90180")) {
      rejects(Reason.RLP_TRUNCATED, s);
    }
  }

  @Test
  void rlp_A05_trailingBytes_rejected() {
    rejects(Reason.RLP_TRAILING_BYTES, "0102");
    rejects(Reason.RLP_TRAILING_BYTES, "c10102");
    rejects(Reason.RLP_TRAILING_BYTES, "8000");
    rejects(Reason.RLP_TRAILING_BYTES, "c0c0");
  }

  @Test
  void rlp_A06_itemCountDiffersFromSchema_rejected() {
    rejects(Reason.RLP_SCHEMA, hex("c20102"), b -> Rlp.decode(b).items(1, "one-field struct"));
    rejects(Reason.RLP_SCHEMA, hex("c101"), b -> Rlp.decode(b).items(2, "two-field struct"));
    rejects(Reason.RLP_SCHEMA, hex("c0"), b -> Rlp.decode(b).items(1, "one-field struct"));
    assertEquals(2, Rlp.decode(hex("c20102")).items(2, "two-field struct").size());
  }

  @Test
  void rlp_A07_innerItemLongerThanEnclosingList_truncated() {
    // The outer list claims 3 payload bytes; its inner string claims 3 but only 2 remain in the list
    // (the input itself is long enough, so only the parent bound catches it).
    rejects(Reason.RLP_TRUNCATED, "c3830102" + "03");
    rejects(Reason.RLP_TRUNCATED, "c2c20101" + "01");
    // Nested deeper: the innermost list overruns its grandparent's bound.
    rejects(Reason.RLP_TRUNCATED, "c3c2c20101");
  }

  @Test
  void rlp_A08_hugeLengthPrefix_rejectedBeforeAllocating() {
    // Length-of-length above 4 bytes: decided by the prefix byte alone, whatever follows.
    rejects(Reason.RLP_TOO_LARGE, "bc0100000000");
    rejects(Reason.RLP_TOO_LARGE, "bc01");
    rejects(Reason.RLP_TOO_LARGE, "bfffffffffffffffff");
    rejects(Reason.RLP_TOO_LARGE, "ffffffffffffffffff0001020304050607");
    rejects(Reason.RLP_TOO_LARGE, "bf0f000000000000021111");
    // A 4-byte length above 2^31-1 cannot be an array size at all.
    rejects(Reason.RLP_TOO_LARGE, "bbffffffff00");
    rejects(Reason.RLP_TOO_LARGE, "fb80000000c0");
    // Within 4 bytes but larger than the input: truncated, found from the header without reading on.
    rejects(Reason.RLP_TRUNCATED, "bb7fffffff00");
    rejects(Reason.RLP_TRUNCATED, "c4bb7fffffff");
  }

  @Test
  void rlp_A09_integerWithLeadingZeros_rejected() {
    rejects(Reason.RLP_NON_CANONICAL, hex("820001"), b -> Rlp.decode(b).asLong("nonce"));
    rejects(Reason.RLP_NON_CANONICAL, hex("820001"), b -> Rlp.decode(b).asUInt64("index"));
    rejects(Reason.RLP_NON_CANONICAL, hex("a1" + "00" + "ff".repeat(32)), b -> Rlp.decode(b).asUnsigned("x", 33));
    // Non-minimal zero: 0x00 is a valid one-byte string but not the integer 0 (which is 0x80).
    rejects(Reason.RLP_NON_CANONICAL, hex("00"), b -> Rlp.decode(b).asLong("status"));
    rejects(Reason.RLP_NON_CANONICAL, hex("00"), b -> Rlp.decode(b).asUnsigned("balance", 32));
    rejects(Reason.RLP_NON_CANONICAL, hex("8100"), b -> Rlp.decode(b).asLong("nonce"));
    // Too wide for the field.
    rejects(Reason.RLP_SCHEMA, hex("a1" + "01" + "00".repeat(32)), b -> Rlp.decode(b).asUnsigned("balance", 32));
    rejects(Reason.RLP_SCHEMA, hex("89010000000000000000"), b -> Rlp.decode(b).asUInt64("nonce"));
    // Acceptance: canonical integers.
    assertEquals(0L, Rlp.decode(hex("80")).asLong("zero"));
    assertEquals(1L, Rlp.decode(hex("01")).asLong("one"));
    assertEquals(0x100L, Rlp.decode(hex("820100")).asLong("256"));
    assertEquals(-1L, Rlp.decode(hex("88ffffffffffffffff")).asUInt64("max uint64"));
    assertEquals(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE),
        Rlp.decode(hex("a0" + "ff".repeat(32))).asUnsigned("max uint256", 32));
  }

  @Test
  void rlp_A10_listWhereStringExpectedAndReverse_rejected() {
    // A 32-byte hash encoded as a list of 32 single bytes.
    final byte[] hashAsList = hex("e0" + "01".repeat(32));
    rejects(Reason.RLP_SCHEMA, hashAsList, b -> Rlp.decode(b).asHash32("stateRoot"));
    rejects(Reason.RLP_SCHEMA, hex("c0"), b -> Rlp.decode(b).asLong("nonce"));
    rejects(Reason.RLP_SCHEMA, hex("c0"), b -> Rlp.decode(b).bytes());
    rejects(Reason.RLP_SCHEMA, hex("83010203"), b -> Rlp.decode(b).items());
    rejects(Reason.RLP_SCHEMA, hex("80"), b -> Rlp.decode(b).asList("header"));
    // Wrong fixed size.
    rejects(Reason.RLP_SCHEMA, hex("9f" + "01".repeat(31)), b -> Rlp.decode(b).asHash32("hash"));
    rejects(Reason.RLP_SCHEMA, hex("95" + "01".repeat(21)), b -> Rlp.decode(b).asAddress("address"));
  }

  /** {@code n} nested empty lists: [[[...]]]. Built iteratively from the inside out. */
  static byte[] nested(final int n) {
    final byte[] buf = new byte[n * 5];
    int start = buf.length - 1;
    buf[start] = (byte) 0xc0;
    for (int i = 1; i < n; i++) {
      final int len = buf.length - start;
      if (len <= 55) {
        buf[--start] = (byte) (0xc0 + len);
      } else {
        int lenOfLen = 0;
        for (int v = len; v != 0; v >>>= 8) {
          buf[--start] = (byte) v;
          lenOfLen++;
        }
        buf[--start] = (byte) (0xf7 + lenOfLen);
      }
    }
    return java.util.Arrays.copyOfRange(buf, start, buf.length);
  }

  @Test
  void rlp_A11_pathologicalNesting_tooDeepWithoutStackOverflow() {
    rejects(Reason.RLP_TOO_DEEP, nested(100_000), Rlp::decode);
    rejects(Reason.RLP_TOO_DEEP, nested(Rlp.MAX_DEPTH + 1), Rlp::decode);
    // The bound itself is accepted.
    assertEquals(1, Rlp.decode(nested(Rlp.MAX_DEPTH)).itemCount());
    // Deep but short enough in a list of strings: fine.
    assertEquals(3, Rlp.decode(hex("c3010203")).itemCount());
  }

  @Test
  void rlp_A12_emptyInput_rejected() {
    rejects(Reason.RLP_EMPTY, new byte[0], Rlp::decode);
    rejects(Reason.RLP_EMPTY, hex("c0c0"), b -> Rlp.decode(b, 1, 0));
  }

  // --- upstream vectors: acceptance, round trip, and every invalid case rejected ------------------

  static JsonNode vectors(final String file) throws IOException {
    return RpcJson.parse(Files.readString(RLP_TESTS.resolve(file)));
  }

  /** Re-encodes a decoded tree with the writer: canonical input must come back byte for byte. */
  static byte[] reencode(final RlpItem item) {
    if (item.isString()) {
      return RlpWriter.string(item.bytes());
    }
    final List<byte[]> children = new ArrayList<>();
    for (final RlpItem c : item.items()) {
      children.add(reencode(c));
    }
    return RlpWriter.list(children);
  }

  /** Encodes the test's {@code in} value (strings as UTF-8, integers, "#bigint", nested lists). */
  static byte[] encodeIn(final JsonNode in) {
    if (in.isArray()) {
      final List<byte[]> items = new ArrayList<>();
      in.forEach(c -> items.add(encodeIn(c)));
      return RlpWriter.list(items);
    }
    if (in.isIntegralNumber()) {
      return RlpWriter.uint(in.bigIntegerValue());
    }
    final String s = in.asText();
    if (s.startsWith("#")) {
      return RlpWriter.uint(new BigInteger(s.substring(1)));
    }
    return RlpWriter.string(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void upstream_validVectors_decodeAndRoundTrip() throws IOException {
    int n = 0;
    for (final Iterator<Map.Entry<String, JsonNode>> it = vectors("rlptest.json").fields(); it.hasNext(); n++) {
      final Map.Entry<String, JsonNode> e = it.next();
      final byte[] out = hex(e.getValue().get("out").asText());
      assertArrayEquals(out, encodeIn(e.getValue().get("in")), e.getKey() + ": writer");
      assertArrayEquals(out, reencode(Rlp.decode(out)), e.getKey() + ": decode/re-encode");
    }
    assertEquals(28, n);
  }

  @Test
  void upstream_invalidVectors_allRejectedWithRlpReason() throws IOException {
    int n = 0;
    for (final Iterator<Map.Entry<String, JsonNode>> it = vectors("invalidRLPTest.json").fields(); it.hasNext(); n++) {
      final Map.Entry<String, JsonNode> e = it.next();
      final byte[] input = hex(e.getValue().get("out").asText());
      final VerificationException ex = assertThrows(VerificationException.class, () -> Rlp.decode(input), e.getKey());
      assertTrue(ex.reason().name().startsWith("RLP_"), e.getKey() + ": " + ex.reason());
    }
    assertEquals(26, n);
  }

  @Test
  void upstream_randomRlpExample_roundTrips() throws IOException {
    final Iterator<Map.Entry<String, JsonNode>> it = vectors("RandomRLPTests/example.json").fields();
    while (it.hasNext()) {
      final Map.Entry<String, JsonNode> e = it.next();
      final byte[] out = hex(e.getValue().get("out").asText());
      assertArrayEquals(out, reencode(Rlp.decode(out)), e.getKey());
    }
  }
}
