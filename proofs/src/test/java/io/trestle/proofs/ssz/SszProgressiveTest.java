package io.trestle.proofs.ssz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.crypto.Hash32;
import io.trestle.crypto.Sha256;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The EIP-7916 / EIP-7688 types: the spec's shape rules, strict decoding, and active_fields placement. */
class SszProgressiveTest {
  private static final SszType.Container TWO = SszType.Container.of("Two", "a", SszType.UINT64, "b", SszType.UINT64);

  @Test
  void illegalActiveFieldsAreRejected() {
    // ending in 0, a count of ones other than the field count, more than 256 entries, none at all
    assertThrows(IllegalArgumentException.class, () -> new SszType.ProgressiveContainer(TWO, List.of(true, true, false)));
    assertThrows(IllegalArgumentException.class, () -> new SszType.ProgressiveContainer(TWO, List.of(true)));
    assertThrows(IllegalArgumentException.class, () -> new SszType.ProgressiveContainer(TWO,
        java.util.Collections.nCopies(257, true)));
    assertThrows(IllegalArgumentException.class, () -> new SszType.ProgressiveContainer(TWO, List.of()));
  }

  @Test
  void inactiveFieldsAreZeroChunks() {
    // active_fields [1, 0, 1]: a at position 0, zero at 1, b at 2 (the spec's Square/Circle example)
    final SszType.ProgressiveContainer t = new SszType.ProgressiveContainer(TWO, List.of(true, false, true));
    final SszValue v = new SszValue.Composite(List.of(SszValue.Uint.ofUnsignedLong(7), SszValue.Uint.ofUnsignedLong(9)));
    final Hash32 a = Merkle.uint64(7);
    final Hash32 b = Merkle.uint64(9);
    final Hash32 z = Hash32.ZERO;
    // merkleize_progressive([a, 0, b]) = hash(a, hash(merkleize([0, b], 4), zero))
    final Hash32 group = Sha256.hashPair(Sha256.hashPair(z, b), Sha256.hashPair(z, z));
    final byte[] bits = new byte[32];
    bits[0] = 0b101;
    final Hash32 expected = Sha256.hashPair(Sha256.hashPair(a, Sha256.hashPair(group, z)), Hash32.of(bits));
    assertEquals(expected, t.hashTreeRoot(v));
    assertNotEquals(SszType.ProgressiveContainer.of("Two", "a", SszType.UINT64, "b", SszType.UINT64).hashTreeRoot(v),
        t.hashTreeRoot(v));
    // serialized exactly like the plain container
    assertEquals(TWO.encode(v).length, t.encode(v).length);
    assertEquals(v, t.decode(TWO.encode(v)));
  }

  @Test
  void decodingIsAsStrictAsThePlainShapes() {
    final SszType.ProgressiveList list = new SszType.ProgressiveList(SszType.UINT64);
    final SszException odd = assertThrows(SszException.class, () -> list.decode(new byte[12]));
    assertTrue(odd.getMessage().contains("not a multiple"), odd.getMessage());
    assertThrows(SszException.class, () -> new SszType.ProgressiveBitlist().decode(new byte[] {0}));
    assertThrows(SszException.class, () -> new SszType.ProgressiveBitlist().decode(new byte[0]));
    final SszType.ProgressiveList ofLists = new SszType.ProgressiveList(new SszType.ProgressiveList(SszType.UINT8));
    // a first offset pointing past the input: rejected, nothing allocated from it
    assertThrows(SszException.class, () -> ofLists.decode(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f}));
    // a fixed-size progressive container takes exactly its size
    final SszType.ProgressiveContainer pc = SszType.ProgressiveContainer.of("Two", "a", SszType.UINT64, "b",
        SszType.UINT64);
    assertTrue(pc.isFixedSize());
    assertEquals(16, pc.fixedSize());
    assertThrows(SszException.class, () -> pc.decode(new byte[17]));
  }

  @Test
  void jsonRoundTripUsesTheSerialShape() {
    final SszType.ProgressiveContainer t = SszType.ProgressiveContainer.of("P", "bits", new SszType.ProgressiveBitlist(),
        "xs", new SszType.ProgressiveList(SszType.UINT64));
    final SszValue v = t.decode(SszType.Container.of("P", "bits", new SszType.Bitlist(64),
        "xs", new SszType.ListOf(SszType.UINT64, 8)).encode(new SszValue.Composite(List.of(
            new SszValue.Bits(3, io.trestle.crypto.Bytes.of(new byte[] {0b101})),
            new SszValue.Sequence(List.of(SszValue.Uint.ofUnsignedLong(5)))))));
    assertEquals(v, SszJson.fromJson(t, SszJson.toJson(t, v)));
  }
}
