package io.trestle.testkit.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.trestle.crypto.Hash32;
import io.trestle.crypto.Sha256;
import io.trestle.proofs.ssz.Merkle;
import io.trestle.proofs.ssz.SszType;
import io.trestle.proofs.ssz.SszValue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SSZ engine's EIP-7916 / EIP-7688 merkleization against two independent derivations: the devnet's
 * node tree ({@link SszNode}, which locates the light-client gindices from the layout) and a root hashed
 * out by hand from {@code ssz/simple-serialize.md}.
 */
class ProgressiveMerkleTest {
  private static Hash32 chunk(final int i) {
    final byte[] b = new byte[32];
    b[0] = (byte) i;
    b[31] = (byte) (i * 7 + 1);
    return Hash32.of(b);
  }

  @Test
  void progressiveContainerRootEqualsTheDevnetNodeTree() {
    for (final int n : new int[] {1, 2, 5, 6, 13, 21, 22, 46, 86}) {
      final List<Hash32> fields = new ArrayList<>();
      final List<SszNode> nodes = new ArrayList<>();
      final Object[] pairs = new Object[2 * n];
      final List<SszValue> values = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        fields.add(chunk(i));
        nodes.add(SszNode.leaf(chunk(i)));
        pairs[2 * i] = "f" + i;
        pairs[2 * i + 1] = SszType.BYTES32;
        values.add(new SszValue.ByteString(io.trestle.crypto.Bytes.of(chunk(i).toArray())));
      }
      final SszType.ProgressiveContainer t = SszType.ProgressiveContainer.of("C" + n, pairs);
      assertEquals(SszNode.progressiveContainer(nodes).hash(), t.hashTreeRoot(new SszValue.Composite(values)),
          n + " fields");
      assertEquals(SszNode.progressive(nodes, 1).hash(), Merkle.merkleizeProgressive(fields), n + " chunks");
    }
  }

  @Test
  void progressiveListOfUint64ByHand() {
    // 5 uint64 = 40 bytes = chunks c0 (values 0..3) and c1 (value 4, zero padded).
    final SszType.ProgressiveList t = new SszType.ProgressiveList(SszType.UINT64);
    final List<SszValue> es = new ArrayList<>();
    final byte[] c0 = new byte[32];
    final byte[] c1 = new byte[32];
    for (int i = 0; i < 5; i++) {
      final long v = 1000L + i;
      es.add(SszValue.Uint.ofUnsignedLong(v));
      for (int k = 0; k < 8; k++) {
        (i < 4 ? c0 : c1)[(i % 4) * 8 + k] = (byte) (v >>> (8 * k));
      }
    }
    final Hash32 z = Hash32.ZERO;
    // merkleize_progressive([c0, c1]) = hash(c0, hash(merkleize([c1], 4), zero))
    final Hash32 group4 = Sha256.hashPair(Sha256.hashPair(Hash32.of(c1), z), Sha256.hashPair(z, z));
    final Hash32 data = Sha256.hashPair(Hash32.of(c0), Sha256.hashPair(group4, z));
    final byte[] len = new byte[32];
    len[0] = 5;
    final Hash32 expected = Sha256.hashPair(data, Hash32.of(len));
    final SszValue v = new SszValue.Sequence(es);
    assertEquals(expected, t.hashTreeRoot(v));
    // serialization is the plain list's; the root is not
    assertEquals(new SszType.ListOf(SszType.UINT64, 1 << 20).encode(v).length, t.encode(v).length);
    assertNotEquals(new SszType.ListOf(SszType.UINT64, 8).hashTreeRoot(v), t.hashTreeRoot(v));
    assertEquals(v, t.decode(t.encode(v)));
  }

  @Test
  void emptyProgressiveListAndBitlist() {
    final Hash32 zeroLen = Sha256.hashPair(Hash32.ZERO, Hash32.ZERO);
    assertEquals(zeroLen, new SszType.ProgressiveList(SszType.UINT8).hashTreeRoot(new SszValue.Sequence(List.of())));
    // bitlist 0b101 (3 bits): one chunk 0x05, length 3; the delimiter bit is not part of the root
    final SszType.ProgressiveBitlist bl = new SszType.ProgressiveBitlist();
    final SszValue bits = bl.decode(new byte[] {0b1101});
    final byte[] c = new byte[32];
    c[0] = 0b101;
    final byte[] len = new byte[32];
    len[0] = 3;
    assertEquals(Sha256.hashPair(Sha256.hashPair(Hash32.of(c), Hash32.ZERO), Hash32.of(len)), bl.hashTreeRoot(bits));
  }
}
