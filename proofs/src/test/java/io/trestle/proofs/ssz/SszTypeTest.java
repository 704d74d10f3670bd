package io.trestle.proofs.ssz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Hex;
import io.trestle.crypto.Sha256;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generic engine on small schemas. Expected serializations are written out by hand from
 * {@code ssz/simple-serialize.md}; expected roots are built with plain SHA-256, not with the engine.
 */
class SszTypeTest {
  private static final SszType.Container INNER = SszType.Container.of("Inner",
      "flag", SszType.BOOLEAN, "bits", new SszType.Bitlist(16));
  private static final SszType.Container OUTER = SszType.Container.of("Outer",
      "a", SszType.UINT16, "items", new SszType.ListOf(INNER, 2), "b", SszType.UINT8);

  private static byte[] hex(final String h) {
    return Hex.decode(h);
  }

  private static SszException rejects(final SszType t, final String h) {
    return assertThrows(SszException.class, () -> t.decode(hex(h)));
  }

  private static Hash32 sha(final byte[] a, final byte[] b) {
    final byte[] buf = new byte[64];
    System.arraycopy(a, 0, buf, 0, 32);
    System.arraycopy(b, 0, buf, 32, 32);
    return Sha256.hash(buf);
  }

  private static byte[] chunk(final String h) {
    final byte[] c = new byte[32];
    final byte[] b = hex(h);
    System.arraycopy(b, 0, c, 0, b.length);
    return c;
  }

  @Test
  void basicTypesSerializeLittleEndian() {
    assertArrayEquals(hex("3412"), SszType.UINT16.encode(new SszValue.Uint(BigInteger.valueOf(0x1234))));
    assertArrayEquals(hex("ffffffffffffffff"), SszType.UINT64.encode(SszValue.Uint.ofUnsignedLong(-1L)));
    assertEquals(SszValue.Uint.ofUnsignedLong(-1L), SszType.UINT64.decode(hex("ffffffffffffffff")));
    final BigInteger big = BigInteger.ONE.shiftLeft(255).add(BigInteger.TWO);
    final byte[] enc = SszType.UINT256.encode(new SszValue.Uint(big));
    assertEquals(32, enc.length);
    assertEquals(2, enc[0]);
    assertEquals((byte) 0x80, enc[31]);
    assertEquals(new SszValue.Uint(big), SszType.UINT256.decode(enc));
    assertEquals(new SszValue.Bool(true), SszType.BOOLEAN.decode(hex("01")));
    assertEquals(Hash32.of(chunk("3412")), SszType.UINT16.hashTreeRoot(new SszValue.Uint(BigInteger.valueOf(0x1234))));
  }

  @Test
  void aBooleanOtherThanZeroOrOneIsRejectedWithItsPath() {
    final SszException e = rejects(INNER, "02" + "05000000" + "01");
    assertTrue(e.getMessage().startsWith("Inner.flag: boolean byte must be 0 or 1, got 2"), e.getMessage());
    rejects(SszType.BOOLEAN, "ff");
  }

  @Test
  void uintsOutOfRangeAreNotEncoded() {
    assertThrows(SszException.class, () -> SszType.UINT8.encode(new SszValue.Uint(BigInteger.valueOf(256))));
    assertThrows(SszException.class, () -> SszType.UINT64.encode(new SszValue.Uint(BigInteger.ONE.shiftLeft(64))));
    rejects(SszType.UINT64, "01020304050607"); // 7 bytes
    rejects(SszType.UINT64, "010203040506070809"); // 9 bytes
  }

  @Test
  void bitlistsCarryADelimiterBit() {
    final SszType.Bitlist t = new SszType.Bitlist(16);
    // bits [1, 0, 1] -> 0b1101
    final SszValue v = t.decode(hex("0d"));
    assertEquals(new SszValue.Bits(3, Bytes.of(hex("05"))), v);
    assertArrayEquals(hex("0d"), t.encode(v));
    // 8 set bits -> ff then a delimiter byte 01
    assertEquals(new SszValue.Bits(8, Bytes.of(hex("ff"))), t.decode(hex("ff01")));
    assertEquals(new SszValue.Bits(0, Bytes.EMPTY), t.decode(hex("01")));
    // root: mix_in_length(merkleize(pack_bits, limit (16 + 255) / 256 = 1 chunk), 3)
    final byte[] len = chunk("03");
    assertEquals(sha(chunk("05"), len), t.hashTreeRoot(v));
  }

  @Test
  void aBitlistWithoutADelimiterIsRejected() {
    final SszType.Bitlist t = new SszType.Bitlist(16);
    assertTrue(rejects(t, "").getMessage().contains("no delimiter"));
    assertTrue(rejects(t, "ff00").getMessage().contains("no delimiter"));
    final SszException e = rejects(INNER, "01" + "05000000" + "0500");
    assertTrue(e.getMessage().startsWith("Inner.bits: "), e.getMessage());
  }

  @Test
  void aBitlistOverItsLimitIsRejected() {
    final SszType.Bitlist t = new SszType.Bitlist(16);
    t.decode(hex("ffff01")); // exactly 16 bits
    assertTrue(rejects(t, "ffff02").getMessage().contains("17 bits exceed the Bitlist limit 16"));
    rejects(t, "ffffff01");
    assertThrows(SszException.class, () -> t.encode(new SszValue.Bits(17, Bytes.of(hex("ffff01")))));
  }

  @Test
  void bitvectorsHaveNoStrayHighBits() {
    final SszType.Bitvector t = new SszType.Bitvector(4);
    assertEquals(new SszValue.Bits(4, Bytes.of(hex("0a"))), t.decode(hex("0a")));
    assertTrue(rejects(t, "1a").getMessage().contains("beyond"));
    rejects(t, "0a00");
  }

  @Test
  void listsOfFixedSizeElementsAreExactMultiplesWithinTheLimit() {
    final SszType.ListOf t = new SszType.ListOf(SszType.UINT16, 3);
    final SszValue v = t.decode(hex("01000200"));
    assertEquals(new SszValue.Sequence(List.of(new SszValue.Uint(BigInteger.ONE), new SszValue.Uint(BigInteger.TWO))),
        v);
    assertTrue(rejects(t, "010002").getMessage().contains("not a multiple"));
    assertTrue(rejects(t, "0100020003000400").getMessage().contains("4 elements exceed the limit 3"));
    // root: mix_in_length(merkleize(pack, limit ceil(3 * 2 / 32) = 1 chunk), 2)
    assertEquals(sha(chunk("01000200"), chunk("02")), t.hashTreeRoot(v));
    assertThrows(SszException.class, () -> t.encode(new SszValue.Sequence(List.of(
        new SszValue.Uint(BigInteger.ONE), new SszValue.Uint(BigInteger.ONE), new SszValue.Uint(BigInteger.ONE),
        new SszValue.Uint(BigInteger.ONE)))));
  }

  @Test
  void containersWithVariableFieldsUseExactOffsets() {
    // Outer{a=0x0102, items=[Inner{true, [1]}], b=7}: fixed part 2 + 4 + 1 = 7
    // items: one offset (4) then Inner: flag 01, offset 05, bits 03
    final String good = "0201" + "07000000" + "07" + "04000000" + "01" + "05000000" + "03";
    final SszValue v = OUTER.decode(hex(good));
    assertArrayEquals(hex(good), OUTER.encode(v));
    assertEquals(new SszValue.Bool(true),
        INNER.get(((SszValue.Sequence) OUTER.get(v, "items")).elements().get(0), "flag"));
    assertTrue(rejects(OUTER, "0201" + "08000000" + "07" + "04000000" + "01" + "05000000" + "03")
        .getMessage().startsWith("Outer.items: first offset 8 must equal the fixed part's size 7"));
    assertTrue(rejects(OUTER, "0201" + "07000000" + "07" + "05000000" + "01" + "05000000" + "03")
        .getMessage().startsWith("Outer.items: first offset 5 is not a multiple of 4"));
    assertTrue(rejects(OUTER, "0201" + "07000000" + "07" + "04000000" + "01" + "06000000" + "03")
        .getMessage().startsWith("Outer.items[0].bits: first offset 6 must equal the fixed part's size 5"));
    assertTrue(rejects(OUTER, "0201" + "ff000000" + "07").getMessage().startsWith("Outer.items: first offset 255"));
    assertTrue(rejects(OUTER, "0201" + "07000000").getMessage().startsWith("Outer: needs at least"));
    // an empty variable field is fine; then trailing bytes after a fixed-size list are not
    assertEquals(new SszValue.Sequence(List.of()), OUTER.get(OUTER.decode(hex("0201" + "07000000" + "07")), "items"));
  }

  @Test
  void decreasingOffsetsAreRejected() {
    final SszType.Container two = SszType.Container.of("Two",
        "x", new SszType.ByteList(4), "y", new SszType.ByteList(4));
    assertEquals(2, ((SszValue.Composite) two.decode(hex("08000000" + "09000000" + "aa" + "bbcc"))).fields().size());
    assertTrue(rejects(two, "08000000" + "07000000" + "aa").getMessage().startsWith("Two.y: offset 7 is below"));
    assertTrue(rejects(two, "08000000" + "0a000000" + "aa").getMessage().startsWith("Two.y: offset 10 beyond"));
    assertTrue(rejects(two, "08000000" + "08000000" + "aabbccddee").getMessage().startsWith("Two.y: 5 bytes exceed"));
  }

  @Test
  void aHugeElementCountInAnOffsetNeverAllocates() {
    final SszType.ListOf t = new SszType.ListOf(new SszType.ByteList(8), 1L << 40);
    // first offset claims 0x3ffffffc / 4 elements in an 8-byte input
    assertTrue(rejects(t, "fcffff3f" + "00000000").getMessage().contains("first offset"));
  }

  @Test
  void vectorsOfCompositesMerkleizeTheirElementRoots() {
    final SszType.Vector t = new SszType.Vector(SszType.BYTES32, 3);
    final byte[] a = chunk("01");
    final byte[] b = chunk("02");
    final byte[] c = chunk("03");
    final SszValue v =
        t.decode(hex(Hex.encode(a).substring(2) + Hex.encode(b).substring(2) + Hex.encode(c).substring(2)));
    assertEquals(sha(sha(a, b).toArray(), sha(c, new byte[32]).toArray()), t.hashTreeRoot(v));
    rejects(t, Hex.encode(a).substring(2));
  }

  @Test
  void valuesOfTheWrongShapeAreNotEncoded() {
    final SszException e = assertThrows(SszException.class, () -> OUTER.encode(new SszValue.Composite(List.of(
        new SszValue.Uint(BigInteger.ONE), new SszValue.Sequence(List.of(new SszValue.Bool(true))),
        new SszValue.Uint(BigInteger.ONE)))));
    assertTrue(e.getMessage().startsWith("Outer.items[0]: a Inner needs a Composite value"), e.getMessage());
    assertThrows(SszException.class, () -> SszType.BYTES32.encode(new SszValue.ByteString(Bytes.of(new byte[31]))));
  }

  @Test
  void schemaShapes() {
    assertEquals(7, OUTER.fixedPartSize());
    assertFalse(OUTER.isFixedSize());
    assertThrows(IllegalStateException.class, OUTER::fixedSize);
    assertEquals(33 * 32, new SszType.Vector(SszType.BYTES32, 33).fixedSize());
    assertThrows(IllegalArgumentException.class, () -> new SszType.Uint(24));
    assertThrows(IllegalArgumentException.class, () -> SszType.Container.of("Dup", "a", SszType.UINT8, "a",
        SszType.UINT8));
  }

  @Test
  void jsonIsStrict() throws Exception {
    final ObjectMapper m = new ObjectMapper();
    final SszType.Container t = SszType.Container.of("T", "n", SszType.UINT64, "h", new SszType.ByteVector(2),
        "bits", new SszType.Bitlist(8));
    final String good = "{\"n\":\"18446744073709551615\",\"h\":\"0xabcd\",\"bits\":\"0x0d\"}";
    final SszValue v = SszJson.fromJson(t, m.readTree(good));
    assertEquals(SszValue.Uint.ofUnsignedLong(-1L), t.get(v, "n"));
    assertEquals(m.readTree(good), SszJson.toJson(t, v));
    for (final String bad : List.of(
        "{\"n\":\"18446744073709551616\",\"h\":\"0xabcd\",\"bits\":\"0x0d\"}", // 2^64
        "{\"n\":\"01\",\"h\":\"0xabcd\",\"bits\":\"0x0d\"}", // leading zero
        "{\"n\":1,\"h\":\"0xabcd\",\"bits\":\"0x0d\"}", // number, not string
        "{\"n\":\"-1\",\"h\":\"0xabcd\",\"bits\":\"0x0d\"}",
        "{\"n\":\"1\",\"h\":\"0xab\",\"bits\":\"0x0d\"}", // short vector
        "{\"n\":\"1\",\"h\":\"0xabcd\",\"bits\":\"0x00\"}", // no delimiter
        "{\"n\":\"1\",\"h\":\"0xabcd\"}", // missing
        "{\"n\":\"1\",\"h\":\"0xabcd\",\"bits\":\"0x0d\",\"x\":\"1\"}", // unknown
        "{\"n\":\"1\",\"h\":\"abcd\",\"bits\":\"0x0d\"}")) { // no 0x
      final SszException e = assertThrows(SszException.class, () -> SszJson.fromJson(t, m.readTree(bad)), bad);
      assertTrue(e.getMessage().startsWith("T"), e.getMessage());
    }
  }
}
