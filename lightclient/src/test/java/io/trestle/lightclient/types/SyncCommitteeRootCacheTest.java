package io.trestle.lightclient.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Sha256;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The content-keyed memo of {@link SyncCommittee#hashTreeRoot()}: a committee that differs in one byte of
 * one key never gets another committee's root, before or after eviction. The expected root of a small
 * committee is derived independently here (SSZ: each 48-byte key is two chunks hashed together; the key
 * roots are merkleized; the container hashes that with the aggregate key's root).
 */
class SyncCommitteeRootCacheTest {
  private static Bytes key(final int i, final int salt) {
    final byte[] b = new byte[48];
    for (int j = 0; j < 48; j++) {
      b[j] = (byte) (i * 31 + j * 7 + salt);
    }
    return Bytes.of(b);
  }

  private static SyncCommittee committee(final int n, final int salt) {
    final List<Bytes> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys.add(key(i, salt));
    }
    return new SyncCommittee(keys, key(99, salt));
  }

  private static byte[] h(final byte[] a, final byte[] b) {
    final byte[] in = new byte[64];
    System.arraycopy(a, 0, in, 0, 32);
    System.arraycopy(b, 0, in, 32, 32);
    return Sha256.hash(in).toArray();
  }

  private static byte[] keyRoot(final Bytes k) {
    final byte[] c0 = new byte[32];
    final byte[] c1 = new byte[32];
    final byte[] raw = k.toArray();
    System.arraycopy(raw, 0, c0, 0, 32);
    System.arraycopy(raw, 32, c1, 0, 16);
    return h(c0, c1);
  }

  /** hash_tree_root of a 4-key committee, by hand. */
  private static Hash32 expected4(final SyncCommittee c) {
    final byte[] l = h(keyRoot(c.pubkeys().get(0)), keyRoot(c.pubkeys().get(1)));
    final byte[] r = h(keyRoot(c.pubkeys().get(2)), keyRoot(c.pubkeys().get(3)));
    return Hash32.of(h(h(l, r), keyRoot(c.aggregatePubkey())));
  }

  @Test
  void oneChangedByteNeverGetsAnotherCommitteesRoot() {
    final SyncCommittee a = committee(4, 0);
    final List<Bytes> changed = new ArrayList<>(a.pubkeys());
    final byte[] k = changed.get(2).toArray();
    k[47] ^= 1;
    changed.set(2, Bytes.of(k));
    final SyncCommittee b = new SyncCommittee(changed, a.aggregatePubkey());
    assertEquals(expected4(a), a.hashTreeRoot());
    assertEquals(expected4(b), b.hashTreeRoot()); // after a is cached
    assertNotEquals(a.hashTreeRoot(), b.hashTreeRoot());
    for (int salt = 1; salt <= 20; salt++) { // evict both
      committee(4, salt).hashTreeRoot();
    }
    assertEquals(expected4(a), a.hashTreeRoot());
    assertEquals(expected4(b), new SyncCommittee(changed, a.aggregatePubkey()).hashTreeRoot());
  }
}
