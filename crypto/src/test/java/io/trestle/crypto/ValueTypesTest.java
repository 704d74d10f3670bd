package io.trestle.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ValueTypesTest {

  @Test
  void sha256KnownAnswers() {
    // FIPS 180-2 appendix B.1 ("abc") and the empty string.
    assertEquals(
        "0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        Sha256.hash("abc".getBytes(StandardCharsets.US_ASCII)).toHex());
    assertEquals(
        "0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        Sha256.hash(new byte[0]).toHex());
  }

  @Test
  void hash32CopiesAtIngress() {
    final byte[] raw = new byte[32];
    final Hash32 h = Hash32.of(raw);
    raw[0] = 1;
    assertEquals(Hash32.ZERO, h);
    final byte[] out = h.toArray();
    out[0] = 1;
    assertEquals(Hash32.ZERO, h);
  }

  @Test
  void wrongLengthsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> Hash32.of(new byte[31]));
    assertThrows(IllegalArgumentException.class, () -> Address.of(new byte[21]));
    assertThrows(IllegalArgumentException.class, () -> Hash32.fromHex("0x00"));
    assertThrows(IllegalArgumentException.class, () -> Hex.decode("0x0"));
    assertThrows(IllegalArgumentException.class, () -> Hex.decode("0xzz"));
  }

  @Test
  void hexRoundTrip() {
    final Bytes b = Bytes.fromHex("0xDEADbeef");
    assertEquals("0xdeadbeef", b.toHex());
    assertEquals(4, b.size());
  }
  @Test
  void hexRejectsNonAsciiDigits() {
    // Hex digits are the ASCII characters 0-9, a-f, A-F only (execution-apis hex patterns; geth hexutil):
    // Character.digit would also accept e.g. ARABIC-INDIC DIGIT ONE (U+0661) and FULLWIDTH 'A' (U+FF21).
    assertThrows(IllegalArgumentException.class, () -> Hex.decode("0x\u0661\u0662"));
    assertThrows(IllegalArgumentException.class, () -> Hex.decode("0x\uFF21\uFF22"));
    assertEquals(false, Hex.isPrefixedHex("0x\u0661\u0662"));
    assertEquals(false, Hex.isPrefixedHex("0x\uFF21b"));
  }
}
