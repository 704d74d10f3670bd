package io.trestle.lightclient.bls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.bls.SyncCommitteeVerifier.Result;
import io.trestle.lightclient.bls.SyncCommitteeVerifier.Status;
import io.trestle.lightclient.types.SyncAggregate;
import io.trestle.lightclient.types.SyncCommittee;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import supranational.blst.P1;
import supranational.blst.P2;
import supranational.blst.SecretKey;

/**
 * SyncCommitteeVerifier against a 512-member committee of deterministic keys. The expected signatures are
 * made independently of the code under test: blst directly (IETF KeyGen from a fixed seed, hash_to_G2 with
 * the Ethereum DST, per-member signing, then point addition of the members' signatures).
 */
class SyncCommitteeVerifierTest {
  private static final String DST = "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_";
  private static final int N = 512;
  private static final Hash32 MSG = Hash32.fromHex("0x" + "5a".repeat(32));
  private static final Hash32 OTHER_MSG = Hash32.fromHex("0x" + "a5".repeat(32));

  private static SecretKey[] secretKeys;
  private static SyncCommittee committee;
  private static Hash32 root;
  /** Each member's signature of MSG. */
  private static P2[] memberSigs;

  @BeforeAll
  static void keys() {
    secretKeys = new SecretKey[N];
    final List<Bytes> pks = new ArrayList<>(N);
    final P1 agg = new P1();
    for (int i = 0; i < N; i++) {
      secretKeys[i] = key(i);
      final P1 pk = new P1(secretKeys[i]);
      pks.add(Bytes.of(pk.compress()));
      agg.add(pk);
    }
    committee = new SyncCommittee(pks, Bytes.of(agg.compress()));
    root = committee.hashTreeRoot();
    memberSigs = sigs(secretKeys, MSG);
  }

  private static SecretKey key(final int i) {
    final byte[] ikm = new byte[32];
    ikm[0] = (byte) 0x7e;
    ikm[30] = (byte) (i >>> 8);
    ikm[31] = (byte) i;
    final SecretKey sk = new SecretKey();
    sk.keygen(ikm);
    return sk;
  }

  private static P2[] sigs(final SecretKey[] sks, final Hash32 msg) {
    final P2 h = new P2().hash_to(msg.toArray(), DST);
    final P2[] out = new P2[sks.length];
    for (int i = 0; i < sks.length; i++) {
      out[i] = h.dup().sign_with(sks[i]);
    }
    return out;
  }

  /** Aggregate of the chosen members' signatures and the matching bitvector. */
  private static SyncAggregate aggregate(final P2[] sigs, final IntPredicate members) {
    final byte[] bits = new byte[(sigs.length + 7) / 8];
    final P2 acc = new P2();
    for (int i = 0; i < sigs.length; i++) {
      if (members.test(i)) {
        bits[i >>> 3] |= (byte) (1 << (i & 7));
        acc.add(sigs[i]);
      }
    }
    return new SyncAggregate(Bytes.of(bits), Bytes.of(acc.compress()));
  }

  private static SyncAggregate withBits(final SyncAggregate a, final IntPredicate members, final int n) {
    final byte[] bits = new byte[(n + 7) / 8];
    for (int i = 0; i < n; i++) {
      if (members.test(i)) {
        bits[i >>> 3] |= (byte) (1 << (i & 7));
      }
    }
    return new SyncAggregate(Bytes.of(bits), a.signature());
  }

  private static Status status(final SyncCommitteeVerifier v, final SyncCommittee c, final Hash32 r,
      final SyncAggregate a, final Hash32 msg) {
    return v.check(c, r, a, msg).status();
  }

  @Test
  void allMembersParticipate() {
    final SyncAggregate a = aggregate(memberSigs, i -> true);
    assertEquals(N, a.participantCount());
    final SyncCommitteeVerifier v = SyncCommitteeVerifier.create();
    assertTrue(v.verify(committee, root, a, MSG));
    assertEquals(Status.SIGNATURE_MISMATCH, status(v, committee, root, a, OTHER_MSG));
  }

  @Test
  void majorityUsesFullMinusAbsentees() {
    final IntPredicate members = i -> i % 5 != 0 && i < 400; // 319 of 512
    final SyncAggregate a = aggregate(memberSigs, members);
    assertTrue(a.participantCount() > N / 2);
    final SyncCommitteeVerifier v = SyncCommitteeVerifier.create();
    assertEquals(new Result(Status.VERIFIED, ""), v.check(committee, root, a, MSG));
    final SyncAggregate exactly300 = aggregate(memberSigs, i -> i < 300);
    assertTrue(v.verify(committee, root, exactly300, MSG));
    assertEquals(1, v.preparations());
  }

  @Test
  void minorityUsesSumOfParticipants() {
    final SyncAggregate a = aggregate(memberSigs, i -> i % 5 == 1 && i < 500); // 100 of 512
    assertEquals(100, a.participantCount());
    assertTrue(SyncCommitteeVerifier.create().verify(committee, root, a, MSG));
    assertTrue(SyncCommitteeVerifier.create().verify(committee, root, aggregate(memberSigs, i -> i >= 412), MSG));
  }

  @Test
  void boundaryAroundHalf() {
    final SyncCommitteeVerifier v = SyncCommitteeVerifier.create();
    for (final int k : new int[] {1, 255, 256, 257, 511}) {
      final int kk = k;
      assertTrue(v.verify(committee, root, aggregate(memberSigs, i -> i < kk), MSG), "first " + k);
      assertTrue(v.verify(committee, root, aggregate(memberSigs, i -> i >= N - kk), MSG), "last " + k);
    }
  }

  @Test
  void wrongSignaturesAreRejected() {
    final SyncCommitteeVerifier v = SyncCommitteeVerifier.create();
    final SyncAggregate a300 = aggregate(memberSigs, i -> i < 300);
    // one extra member claimed (minus-absentees path) / one member too few (sum path)
    assertEquals(Status.SIGNATURE_MISMATCH, status(v, committee, root, withBits(a300, i -> i < 301, N), MSG));
    assertEquals(Status.SIGNATURE_MISMATCH, status(v, committee, root, withBits(a300, i -> i < 299, N), MSG));
    final SyncAggregate a100 = aggregate(memberSigs, i -> i < 100);
    assertEquals(Status.SIGNATURE_MISMATCH, status(v, committee, root, withBits(a100, i -> i < 101, N), MSG));
    assertEquals(Status.SIGNATURE_MISMATCH, status(v, committee, root, withBits(a100, i -> i > 0 && i < 101, N),
        MSG));
    // a different message's signature
    final SyncAggregate other = aggregate(sigs(secretKeys, OTHER_MSG), i -> true);
    assertEquals(Status.SIGNATURE_MISMATCH, status(v, committee, root, other, MSG));
    assertTrue(v.verify(committee, root, other, OTHER_MSG));
    // signature bytes that do not decode (last 4 bytes set to ff, as in the upstream tampered vectors)
    final byte[] tampered = a300.signature().toArray();
    for (int i = 92; i < 96; i++) {
      tampered[i] = (byte) 0xff;
    }
    final Status t = status(v, committee, root, new SyncAggregate(a300.bits(), Bytes.of(tampered)), MSG);
    assertTrue(t == Status.INVALID_SIGNATURE_ENCODING || t == Status.SIGNATURE_MISMATCH, t.toString());
    final byte[] notInGroup = new byte[96];
    notInGroup[0] = (byte) 0x80;
    notInGroup[95] = 2;
    assertEquals(Status.INVALID_SIGNATURE_ENCODING,
        status(v, committee, root, new SyncAggregate(a300.bits(), Bytes.of(notInGroup)), MSG));
    final byte[] infinity = new byte[96];
    infinity[0] = (byte) 0xc0;
    assertEquals(Status.SIGNATURE_MISMATCH,
        status(v, committee, root, new SyncAggregate(a300.bits(), Bytes.of(infinity)), MSG));
  }

  @Test
  void bitsShapeAndNoParticipants() {
    final SyncCommitteeVerifier v = SyncCommitteeVerifier.create();
    final SyncAggregate all = aggregate(memberSigs, i -> true);
    final SyncAggregate shortBits = new SyncAggregate(Bytes.of(all.bits().toArray(), 0, 63), all.signature());
    assertEquals(Status.BITS_SIZE_MISMATCH, status(v, committee, root, shortBits, MSG));
    final byte[] infinity = new byte[96];
    infinity[0] = (byte) 0xc0;
    final SyncAggregate none = new SyncAggregate(Bytes.of(new byte[64]), Bytes.of(infinity));
    assertEquals(Status.NO_PARTICIPANTS, status(v, committee, root, none, MSG));
    // a 12-member committee: 2 bytes of bits, bits 12..15 are padding and must be zero
    final SyncCommittee small = new SyncCommittee(committee.pubkeys().subList(0, 12), committee.aggregatePubkey());
    final P2[] smallSigs = java.util.Arrays.copyOf(memberSigs, 12);
    final SyncAggregate s = aggregate(smallSigs, i -> true);
    assertTrue(v.verify(small, small.hashTreeRoot(), s, MSG));
    final byte[] padded = s.bits().toArray();
    padded[1] |= (byte) 0x10;
    assertEquals(Status.BITS_SIZE_MISMATCH,
        status(v, small, small.hashTreeRoot(), new SyncAggregate(Bytes.of(padded), s.signature()), MSG));
  }

  @Test
  void committeeWithInvalidKeyIsRejectedAndCachedAsInvalid() {
    final byte[] notInGroup = new byte[48];
    notInGroup[0] = (byte) 0x80;
    notInGroup[47] = 4; // x = 4 is on the curve, outside the G1 subgroup
    final byte[] infinity = new byte[48];
    infinity[0] = (byte) 0xc0;
    final byte[] badEncoding = new byte[48];
    for (final byte[] bad : List.of(notInGroup, infinity, badEncoding)) {
      final List<Bytes> keys = new ArrayList<>(committee.pubkeys());
      keys.set(7, Bytes.of(bad));
      final SyncCommittee c = new SyncCommittee(keys, committee.aggregatePubkey());
      final Hash32 r = c.hashTreeRoot();
      final SyncCommitteeVerifier v = SyncCommitteeVerifier.create();
      // member 7 is absent: the signature of the others is still rejected (stricter than the spec)
      final SyncAggregate a = aggregate(memberSigs, i -> i != 7);
      final Result res = v.check(c, r, a, MSG);
      assertEquals(Status.INVALID_COMMITTEE_KEY, res.status());
      assertTrue(res.detail().contains("pubkeys[7]"), res.detail());
      assertFalse(v.verify(c, r, aggregate(memberSigs, i -> i < 5), MSG));
      assertEquals(1, v.preparations(), "invalid committee cached");
      assertEquals(1, v.cachedCommittees());
    }
  }

  @Test
  void cacheIsReusedBoundedAndNeverTrustsTheRootAlone() {
    final SyncCommitteeVerifier v = SyncCommitteeVerifier.withCapacity(2);
    final SyncAggregate a = aggregate(memberSigs, i -> i < 400);
    for (int k = 0; k < 3; k++) {
      assertTrue(v.verify(committee, root, a, MSG));
    }
    assertEquals(1, v.preparations());
    assertEquals(1, v.cachedCommittees());
    // An equal committee held in another object hits the same entry.
    final SyncCommittee copy = new SyncCommittee(new ArrayList<>(committee.pubkeys()), committee.aggregatePubkey());
    assertTrue(v.verify(copy, root, a, MSG));
    assertEquals(1, v.preparations());
    // A different committee presented under the cached root: recomputed, answered for the committee given.
    final List<Bytes> rotated = new ArrayList<>(committee.pubkeys().subList(1, N));
    rotated.add(committee.pubkeys().get(0));
    final SyncCommittee other = new SyncCommittee(rotated, committee.aggregatePubkey());
    final P2[] rotatedSigs = new P2[N];
    for (int i = 0; i < N; i++) {
      rotatedSigs[i] = memberSigs[(i + 1) % N];
    }
    assertTrue(v.verify(other, root, aggregate(rotatedSigs, i -> i < 100), MSG));
    assertFalse(v.verify(other, root, aggregate(memberSigs, i -> i < 100), MSG));
    assertEquals(2, v.preparations());
    // LRU bound
    v.verify(committee, Hash32.fromHex("0x" + "01".repeat(32)), a, MSG);
    v.verify(committee, Hash32.fromHex("0x" + "02".repeat(32)), a, MSG);
    assertEquals(2, v.cachedCommittees());
  }

  @Test
  void uncachedPreparesEveryTime() {
    final SyncCommitteeVerifier v = SyncCommitteeVerifier.uncached();
    final SyncAggregate a = aggregate(memberSigs, i -> i != 3);
    assertTrue(v.verify(committee, root, a, MSG));
    assertTrue(v.verify(committee, root, a, MSG));
    assertEquals(2, v.preparations());
    assertEquals(0, v.cachedCommittees());
  }

  @Test
  void concurrentUse() throws Exception {
    final SyncCommitteeVerifier v = SyncCommitteeVerifier.create();
    final ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      final List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        final int k = 100 + 20 * t;
        final boolean good = t % 3 != 0;
        final SyncAggregate a = aggregate(memberSigs, i -> i < k);
        final SyncAggregate sent = good ? a : withBits(a, i -> i < k + 1, N);
        results.add(pool.submit(() -> v.verify(committee, root, sent, MSG) == good));
      }
      for (final Future<Boolean> f : results) {
        assertTrue(f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
