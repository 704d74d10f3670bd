package io.trestle.proofs.mpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.crypto.Address;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Keccak256;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import io.trestle.proofs.rlp.RlpWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * SECURITY-CASES section 6.B (B13..B36): Merkle-Patricia proof verification. Proofs come from real tries
 * built with {@link TrieBuilder}; hand-made nodes cover encodings no honest trie produces. Ends with a
 * property test: mutated proofs never verify to anything but the honest answer and never throw.
 */
class MptAdversarialTest {

  // --- helpers ------------------------------------------------------------------------------------

  static byte[] keyOf(final int i) {
    return Keccak256.hash(RlpWriter.uint(i)).toArray();
  }

  static byte[] value(final Random r, final int min, final int max) {
    final byte[] v = new byte[min + r.nextInt(max - min + 1)];
    r.nextBytes(v);
    v[0] = (byte) 0x99;
    return v;
  }

  /** A secure-style trie with {@code n} 32-byte keys and values large enough to be hash-referenced. */
  static TrieBuilder bigTrie(final int n, final long seed) {
    final Random r = new Random(seed);
    final TrieBuilder t = new TrieBuilder();
    for (int i = 0; i < n; i++) {
      t.put(keyOf(i), value(r, 33, 70));
    }
    return t;
  }

  static byte[] hp(final boolean leaf, final int... nibbles) {
    final byte[] n = new byte[nibbles.length];
    for (int i = 0; i < n.length; i++) {
      n[i] = (byte) nibbles[i];
    }
    return Nibbles.encodePath(n, 0, n.length, leaf);
  }

  static byte[] node2(final byte[] path, final byte[] encodedSecond) {
    return RlpWriter.list(RlpWriter.string(path), encodedSecond);
  }

  /** A branch from slot to already-encoded child reference; other slots empty, value empty. */
  static byte[] branch(final Map<Integer, byte[]> refs) {
    final List<byte[]> items = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      items.add(refs.getOrDefault(i, new byte[] {(byte) 0x80}));
    }
    items.add(new byte[] {(byte) 0x80});
    return RlpWriter.list(items);
  }

  static byte[] hashRef(final byte[] node) {
    return RlpWriter.string(Keccak256.digest(node, 0, node.length));
  }

  static byte[] filler(final int len, final int b) {
    final byte[] x = new byte[len];
    Arrays.fill(x, (byte) b);
    return x;
  }

  static Hash32 rootOf(final byte[] node) {
    return Keccak256.hash(node);
  }

  static List<Bytes> proof(final byte[]... nodes) {
    final List<Bytes> out = new ArrayList<>();
    for (final byte[] n : nodes) {
      out.add(Bytes.of(n));
    }
    return out;
  }

  static void rejected(final ProofResult<?> r, final Reason reason) {
    assertInstanceOf(ProofResult.Rejected.class, r, () -> "expected " + reason + ", got " + r);
    assertEquals(reason, ((ProofResult.Rejected<?>) r).reason(), r::toString);
  }

  static String how(final ProofResult<TrieLookup.Absent> r) {
    assertInstanceOf(ProofResult.Verified.class, r, r::toString);
    return r.orElseThrow().how();
  }

  static List<Bytes> replace(final List<Bytes> p, final int idx, final Bytes node) {
    final List<Bytes> out = new ArrayList<>(p);
    out.set(idx, node);
    return out;
  }

  static Bytes flipByte(final Bytes node, final int pos) {
    final byte[] b = node.toArray();
    b[pos] ^= 0x01;
    return Bytes.of(b);
  }

  // --- B13..B36 -----------------------------------------------------------------------------------

  @Test
  void mpt_B13_mutatedNodeHashMismatch() {
    final TrieBuilder t = bigTrie(500, 13);
    final byte[] k = keyOf(7);
    final List<Bytes> p = t.proof(k);
    assertTrue(p.size() >= 3);
    for (int i = 1; i < p.size(); i++) {
      rejected(MptVerifier.verifyInclusion(t.root(), k, replace(p, i, flipByte(p.get(i), p.get(i).size() - 1))),
          Reason.MPT_HASH_MISMATCH);
    }
  }

  @Test
  void mpt_B14_firstNodeNotTheRoot() {
    final TrieBuilder t = bigTrie(500, 14);
    final byte[] k = keyOf(3);
    final List<Bytes> p = t.proof(k);
    rejected(MptVerifier.verifyInclusion(t.root(), k, replace(p, 0, flipByte(p.get(0), 5))),
        Reason.MPT_ROOT_MISMATCH);
    rejected(MptVerifier.verifyInclusion(bigTrie(500, 99).root(), k, p), Reason.MPT_ROOT_MISMATCH);
    // Starting the proof below the root.
    rejected(MptVerifier.verifyInclusion(t.root(), k, p.subList(1, p.size())), Reason.MPT_ROOT_MISMATCH);
  }

  @Test
  void mpt_B15_truncatedProofPresentedAsAbsence_incomplete() {
    final TrieBuilder t = bigTrie(500, 15);
    final byte[] k = keyOf(11);
    final List<Bytes> p = t.proof(k);
    for (int keep = 1; keep < p.size(); keep++) {
      rejected(MptVerifier.verifyExclusion(t.root(), k, p.subList(0, keep)), Reason.MPT_INCOMPLETE);
      rejected(MptVerifier.verify(t.root(), k, p.subList(0, keep)), Reason.MPT_INCOMPLETE);
    }
  }

  @Test
  void mpt_B16_exclusionEndingAtBranchWithNonEmptySlot_incomplete() {
    final TrieBuilder t = bigTrie(500, 16);
    // An absent key whose honest proof goes past the root branch: cut it at the root branch, whose
    // slot toward the key is occupied.
    final Random r = new Random(16);
    for (int n = 0; n < 20; n++) {
      final byte[] absent = new byte[32];
      r.nextBytes(absent);
      final List<Bytes> p = t.proof(absent);
      assertInstanceOf(ProofResult.Verified.class, MptVerifier.verifyExclusion(t.root(), absent, p));
      assertTrue(p.size() >= 2);
      rejected(MptVerifier.verifyExclusion(t.root(), absent, p.subList(0, 1)), Reason.MPT_INCOMPLETE);
    }
  }

  @Test
  void mpt_B17_inclusionWithLeafPathNotEqualToKey_pathMismatch() {
    final TrieBuilder t = bigTrie(500, 17);
    final byte[] k = keyOf(21);
    final List<Bytes> p = t.proof(k);
    // Same path to the leaf, different last nibble: the leaf's value is "right" but the key is not.
    final byte[] other = k.clone();
    other[31] ^= 0x01;
    rejected(MptVerifier.verifyInclusion(t.root(), other, p), Reason.MPT_PATH_MISMATCH);
    final ProofResult<TrieLookup.Absent> ex = MptVerifier.verifyExclusion(t.root(), other, p);
    assertTrue(how(ex).contains("leaf path diverges"), ex::toString);
  }

  /** Keys sharing the 6-nibble prefix 123456: the root is an extension 1,2,3,4,5,6 above a branch. */
  static TrieBuilder extensionTrie() {
    final Random r = new Random(18);
    final TrieBuilder t = new TrieBuilder();
    for (int i = 0; i < 5; i++) {
      final byte[] k = new byte[32];
      r.nextBytes(k);
      k[0] = 0x12;
      k[1] = 0x34;
      k[2] = 0x56;
      k[3] = (byte) (i << 4);
      t.put(k, value(r, 40, 50));
    }
    return t;
  }

  static byte[] extKey(final int b0, final int b1, final int b2) {
    final byte[] k = new byte[32];
    k[0] = (byte) b0;
    k[1] = (byte) b1;
    k[2] = (byte) b2;
    return k;
  }

  @Test
  void mpt_B18_divergentExtension() {
    final TrieBuilder t = extensionTrie();
    final byte[] diverging = extKey(0x12, 0x34, 0x57);
    // The honest proof of a present key continues past the extension that diverges from our key.
    final List<Bytes> full = t.proof(keyOfPrefix(t));
    assertTrue(full.size() >= 2, "extension above a hash-referenced branch");
    rejected(MptVerifier.verify(t.root(), diverging, full), Reason.MPT_PATH_MISMATCH);
    // The divergent extension as the last node, absence claimed: accepted.
    final List<Bytes> own = t.proof(diverging);
    assertEquals(1, own.size());
    assertTrue(how(MptVerifier.verifyExclusion(t.root(), diverging, own)).contains("extension diverges"));
  }

  /** The first key {@link #extensionTrie()} inserts (same seed, same first random draw). */
  static byte[] keyOfPrefix(final TrieBuilder t) {
    final Random r = new Random(18);
    final byte[] k = new byte[32];
    r.nextBytes(k);
    k[0] = 0x12;
    k[1] = 0x34;
    k[2] = 0x56;
    k[3] = 0;
    return k;
  }

  @Test
  void mpt_B19_partialOrNonContiguousExtensionMatch_rejected() {
    final TrieBuilder t = extensionTrie();
    final List<Bytes> full = t.proof(keyOfPrefix(t));
    assertInstanceOf(ProofResult.Verified.class, MptVerifier.verifyInclusion(t.root(), keyOfPrefix(t), full));
    // Nibbles 1,2,_,4,5,6 match (non-contiguous), and 1,2,3,4,5,_ (partial).
    for (final byte[] k : List.of(extKey(0x12, 0x94, 0x56), extKey(0x12, 0x34, 0x50), extKey(0x12, 0x30, 0x00))) {
      rejected(MptVerifier.verify(t.root(), k, full), Reason.MPT_PATH_MISMATCH);
      rejected(MptVerifier.verifyInclusion(t.root(), k, full), Reason.MPT_PATH_MISMATCH);
    }
  }

  @Test
  void mpt_B20_oneLeafTrieRootShorterThan32Bytes_accepted() {
    final TrieBuilder t = new TrieBuilder().put(new byte[] {0x01}, new byte[] {0x2a});
    final List<Bytes> p = t.proof(new byte[] {0x01});
    assertEquals(1, p.size());
    assertTrue(p.get(0).size() < 32);
    assertEquals(Keccak256.hash(p.get(0).toArray()), t.root());
    assertEquals(new ProofResult.Verified<>(Bytes.of(new byte[] {0x2a})),
        MptVerifier.verifyInclusion(t.root(), new byte[] {0x01}, p));
    assertTrue(how(MptVerifier.verifyExclusion(t.root(), new byte[] {0x02}, p)).contains("diverges"));
  }

  @Test
  void mpt_B21_oversizedEmbeddedNode_nonCanonical() {
    final byte[] key = filler(32, 0x11);
    final int[] rest = new int[63];
    Arrays.fill(rest, 1);
    final byte[] bigLeaf = node2(hp(true, rest), RlpWriter.string(filler(8, 7)));
    assertTrue(bigLeaf.length >= 32);
    final byte[] root = branch(Map.of(1, bigLeaf, 2, RlpWriter.string(filler(32, 3))));
    rejected(MptVerifier.verify(rootOf(root), key, proof(root)), Reason.MPT_NON_CANONICAL);
    // Also under an extension.
    final byte[] ext = node2(hp(false, 1), RlpWriter.list(bigLeaf));
    rejected(MptVerifier.verify(rootOf(ext), key, proof(ext)), Reason.MPT_NON_CANONICAL);
  }

  @Test
  void mpt_B22_legitimatelyEmbeddedNodes_accepted() {
    final TrieBuilder t = new TrieBuilder();
    for (int i = 0; i < 3; i++) {
      t.put(RlpWriter.uint(i), new byte[] {(byte) (i + 1), 2});
    }
    for (int i = 0; i < 3; i++) {
      final List<Bytes> p = t.proof(RlpWriter.uint(i));
      assertEquals(1, p.size(), "everything below the root is embedded");
      assertEquals(new ProofResult.Verified<>(Bytes.of(new byte[] {(byte) (i + 1), 2})),
          MptVerifier.verifyInclusion(t.root(), RlpWriter.uint(i), p));
    }
    assertInstanceOf(ProofResult.Verified.class,
        MptVerifier.verifyExclusion(t.root(), RlpWriter.uint(3), t.proof(RlpWriter.uint(3))));
  }

  @Test
  void mpt_B23_shortNodeReferencedByHash_nonCanonical() {
    final byte[] key = {0x12};
    final byte[] shortLeaf = node2(hp(true, 2), RlpWriter.string(new byte[] {0x2a}));
    assertTrue(shortLeaf.length < 32);
    final byte[] root = branch(Map.of(1, hashRef(shortLeaf), 5, RlpWriter.string(filler(32, 9))));
    rejected(MptVerifier.verify(rootOf(root), key, proof(root, shortLeaf)), Reason.MPT_NON_CANONICAL);
  }

  @Test
  void mpt_B24_referenceNeither0Nor32Bytes_badReference() {
    final byte[] key = {0x12, 0x34};
    for (final int len : new int[] {1, 20, 31, 33}) {
      final byte[] root = branch(Map.of(1, RlpWriter.string(filler(len, 0x44)), 2, RlpWriter.string(filler(32, 1))));
      rejected(MptVerifier.verify(rootOf(root), key, proof(root)), Reason.MPT_BAD_REFERENCE);
      final byte[] ext = node2(hp(false, 1), RlpWriter.string(filler(len, 0x44)));
      rejected(MptVerifier.verify(rootOf(ext), key, proof(ext)), Reason.MPT_BAD_REFERENCE);
    }
  }

  @Test
  void mpt_B25_badNodeShapes_badNode() {
    final byte[] key = {0x12, 0x34};
    final byte[] three = RlpWriter.list(RlpWriter.string(hp(true, 1, 2, 3, 4)), RlpWriter.uint(1), RlpWriter.uint(2));
    final List<byte[]> sixteen = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      sixteen.add(RlpWriter.string(filler(32, i)));
    }
    final byte[] str = RlpWriter.string(filler(40, 1));
    final List<byte[]> valued = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      valued.add(i < 2 ? RlpWriter.string(filler(32, i + 1)) : new byte[] {(byte) 0x80});
    }
    valued.add(RlpWriter.string(new byte[] {0x01, 0x02}));
    for (final byte[] bad : List.of(three, RlpWriter.list(sixteen), str, RlpWriter.list(valued),
        RlpWriter.list(RlpWriter.uint(1)), RlpWriter.list())) {
      rejected(MptVerifier.verify(rootOf(bad), key, proof(bad)), Reason.MPT_BAD_NODE);
    }
  }

  @Test
  void mpt_B26_badHexPrefix_badPathEncoding() {
    final byte[] key = {0x12, 0x34};
    final byte[] val = RlpWriter.string(filler(40, 5));
    for (final byte[] path : List.of(new byte[] {0x40, 0x12}, new byte[] {(byte) 0xf1, 0x23},
        new byte[] {0x05, 0x12, 0x34}, new byte[] {0x25, 0x12, 0x34}, new byte[] {0x01, 0x23}, new byte[0])) {
      final byte[] leaf = node2(path, val);
      rejected(MptVerifier.verify(rootOf(leaf), key, proof(leaf)), Reason.MPT_BAD_PATH_ENCODING);
    }
    // An extension flag where the key ends: only a leaf can end a key.
    final byte[] ext = node2(hp(false, 1, 2, 3, 4), RlpWriter.string(filler(32, 6)));
    rejected(MptVerifier.verify(rootOf(ext), key, proof(ext)), Reason.MPT_BAD_PATH_ENCODING);
  }

  @Test
  void mpt_B27_leafWithEmptyOrMisshapenValue_rejected() {
    final byte[] key = {0x12, 0x34};
    final byte[] empty = node2(hp(true, 1, 2, 3, 4), new byte[] {(byte) 0x80});
    rejected(MptVerifier.verify(rootOf(empty), key, proof(empty)), Reason.MPT_EMPTY_VALUE);
    final byte[] listValue = node2(hp(true, 1, 2, 3, 4), RlpWriter.list(RlpWriter.uint(1)));
    rejected(MptVerifier.verify(rootOf(listValue), key, proof(listValue)), Reason.MPT_BAD_NODE);
  }

  @Test
  void mpt_B28_extraDuplicateOrUnreferencedNodes_rejected() {
    final TrieBuilder t = bigTrie(500, 28);
    final byte[] k = keyOf(5);
    final List<Bytes> p = t.proof(k);
    final List<Bytes> dup = new ArrayList<>(p);
    dup.add(p.get(p.size() - 1));
    rejected(MptVerifier.verify(t.root(), k, dup), Reason.MPT_EXTRA_NODES);
    final List<Bytes> unrelated = new ArrayList<>(p);
    unrelated.add(t.proof(keyOf(6)).get(1));
    rejected(MptVerifier.verify(t.root(), k, unrelated), Reason.MPT_EXTRA_NODES);
    final byte[] absent = filler(32, 0x77);
    final List<Bytes> ap = new ArrayList<>(t.proof(absent));
    ap.add(p.get(1));
    rejected(MptVerifier.verifyExclusion(t.root(), absent, ap), Reason.MPT_EXTRA_NODES);
  }

  @Test
  void mpt_B29_tooManyNodesOrBytes_rejectedBeforeHashing() {
    final TrieBuilder t = bigTrie(100, 29);
    final byte[] k = keyOf(1);
    // 66 garbage nodes: were they hashed, this would be MPT_ROOT_MISMATCH.
    final List<Bytes> many = new ArrayList<>();
    for (int i = 0; i < 66; i++) {
      many.add(Bytes.of(filler(40, i)));
    }
    rejected(MptVerifier.verify(t.root(), k, many), Reason.PROOF_TOO_LARGE);
    final ProofResult<TrieLookup> small = ProofResult.of(() -> {
      final List<Bytes> p = t.proof(k);
      final byte[][] nodes = new byte[p.size()][];
      for (int i = 0; i < nodes.length; i++) {
        nodes[i] = p.get(i).toArray();
      }
      return MptVerifier.lookup(t.root(), k, nodes, 100);
    });
    rejected(small, Reason.PROOF_TOO_LARGE);
  }

  @Test
  void mpt_B30_proofOfNeighbourAddress_pathMismatch() {
    final TrieBuilder t = new TrieBuilder();
    final Random r = new Random(30);
    final List<byte[]> keys = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      final byte[] a = new byte[20];
      a[19] = (byte) i;
      a[18] = (byte) (i >> 8);
      final byte[] k = Address.of(a).keccak256().toArray();
      keys.add(k);
      t.put(k, value(r, 40, 60));
    }
    int found = 0;
    for (int i = 1000; i < 3000 && found < 5; i++) {
      final byte[] a = new byte[20];
      a[0] = 0x55;
      a[19] = (byte) i;
      a[18] = (byte) (i >> 8);
      final byte[] x = Address.of(a).keccak256().toArray();
      final List<Bytes> px = t.proof(x);
      for (final byte[] y : keys) {
        // Y's leaf is where X's path ends: the two keys share the whole prefix down to it.
        if (t.proof(y).equals(px)) {
          rejected(MptVerifier.verifyInclusion(t.root(), x, t.proof(y)), Reason.MPT_PATH_MISMATCH);
          found++;
        }
      }
    }
    assertTrue(found > 0, "found neighbouring addresses");
  }

  @Test
  void mpt_B31_hashToNodeMapNotExpressible_nodesAreHashedByTheVerifier() {
    for (final Method m : MptVerifier.class.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers())) {
        for (final Class<?> c : m.getParameterTypes()) {
          assertFalse(Map.class.isAssignableFrom(c), m + " takes a map");
        }
      }
    }
    // A node substituted from elsewhere in the same trie is caught by the verifier's own hashing.
    final TrieBuilder t = bigTrie(500, 31);
    final byte[] k = keyOf(9);
    final List<Bytes> p = t.proof(k);
    final List<Bytes> other = t.proof(keyOf(10));
    assertNotEquals(p.get(1), other.get(1));
    rejected(MptVerifier.verify(t.root(), k, replace(p, 1, other.get(1))), Reason.MPT_HASH_MISMATCH);
  }

  @Test
  void mpt_B32_absenceRequestedButKeyPresent_valuePresent() {
    final TrieBuilder t = bigTrie(300, 32);
    rejected(MptVerifier.verifyExclusion(t.root(), keyOf(4), t.proof(keyOf(4))), Reason.MPT_VALUE_PRESENT);
  }

  @Test
  void mpt_B33_absenceAtEmptySlotDivergentLeafOrExtension_accepted() {
    final TrieBuilder t = bigTrie(64, 33);
    final Random r = new Random(33);
    boolean slot = false;
    boolean leaf = false;
    for (int i = 0; i < 500 && !(slot && leaf); i++) {
      final byte[] k = new byte[32];
      r.nextBytes(k);
      final String how = how(MptVerifier.verifyExclusion(t.root(), k, t.proof(k)));
      slot |= how.contains("empty branch slot");
      leaf |= how.contains("leaf path diverges");
    }
    assertTrue(slot && leaf, "both kinds of absence seen");
    final TrieBuilder e = extensionTrie();
    final byte[] k = extKey(0x12, 0x35, 0);
    assertTrue(how(MptVerifier.verifyExclusion(e.root(), k, e.proof(k))).contains("extension diverges"));
  }

  @Test
  void mpt_B34_emptyTrie() {
    assertInstanceOf(ProofResult.Verified.class,
        MptVerifier.verifyExclusion(MptVerifier.EMPTY_TRIE_ROOT, keyOf(1), List.of()));
    assertEquals(Hash32.fromHex("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421"),
        MptVerifier.EMPTY_TRIE_ROOT);
    rejected(MptVerifier.verifyExclusion(bigTrie(10, 34).root(), keyOf(1), List.of()), Reason.MPT_INCOMPLETE);
    rejected(MptVerifier.verify(Hash32.ZERO, keyOf(1), List.of()), Reason.MPT_INCOMPLETE);
  }

  @Test
  void mpt_B35_corruptedAbsenceProof_neverAbsent() {
    final TrieBuilder t = bigTrie(500, 35);
    final Random r = new Random(35);
    for (int n = 0; n < 30; n++) {
      final byte[] k = new byte[32];
      r.nextBytes(k);
      final List<Bytes> p = t.proof(k);
      for (int i = 0; i < p.size(); i++) {
        final Bytes bad = flipByte(p.get(i), r.nextInt(p.get(i).size()));
        final ProofResult<TrieLookup.Absent> res = MptVerifier.verifyExclusion(t.root(), k, replace(p, i, bad));
        assertInstanceOf(ProofResult.Rejected.class, res, res::toString);
        assertEquals(i == 0 ? Reason.MPT_ROOT_MISMATCH : Reason.MPT_HASH_MISMATCH,
            ((ProofResult.Rejected<?>) res).reason());
      }
    }
  }

  @Test
  void mpt_B36_siblingLeavesDifferingInLastNibble() {
    for (final int size : new int[] {1, 40}) {
      final byte[] a = filler(32, 0x3c);
      a[31] = (byte) 0xa0;
      final byte[] b = a.clone();
      b[31] = (byte) 0xa1;
      final byte[] c = a.clone();
      c[31] = (byte) 0xa2;
      final TrieBuilder t = new TrieBuilder().put(a, filler(size, 0x0a)).put(b, filler(size, 0x0b));
      assertEquals(new ProofResult.Verified<>(Bytes.of(filler(size, 0x0a))),
          MptVerifier.verifyInclusion(t.root(), a, t.proof(a)));
      assertEquals(new ProofResult.Verified<>(Bytes.of(filler(size, 0x0b))),
          MptVerifier.verifyInclusion(t.root(), b, t.proof(b)));
      assertTrue(how(MptVerifier.verifyExclusion(t.root(), c, t.proof(c))).contains("empty branch slot 2"));
      // And the sibling's proof does not prove the other.
      if (size == 1) {
        // Both leaves are embedded in the one root node, so one proof legitimately serves both keys.
        assertEquals(1, t.proof(a).size());
        assertEquals(t.proof(a), t.proof(b));
      } else {
        rejected(MptVerifier.verifyInclusion(t.root(), a, t.proof(b)), Reason.MPT_HASH_MISMATCH);
      }
    }
  }

  // --- property test ------------------------------------------------------------------------------

  static boolean sameAnswer(final TrieLookup honest, final TrieLookup got) {
    if (honest instanceof TrieLookup.Present hp) {
      return got instanceof TrieLookup.Present gp && gp.value().equals(hp.value());
    }
    return got instanceof TrieLookup.Absent;
  }

  @Test
  void property_mutatedProofsNeverVerifyToAnotherAnswerAndNeverThrow() {
    final Random r = new Random(20240601);
    int checked = 0;
    int accepted = 0;
    for (int trial = 0; trial < 120; trial++) {
      final TrieBuilder t = new TrieBuilder();
      final int n = 1 + r.nextInt(300);
      final boolean small = r.nextBoolean();
      final List<byte[]> keys = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        final byte[] k = small ? RlpWriter.uint(i) : keyOf(i + trial * 1000);
        keys.add(k);
        t.put(k, small ? value(r, 1, 4) : value(r, 1, 70));
      }
      for (int q = 0; q < 10; q++) {
        final byte[] key = r.nextBoolean() ? keys.get(r.nextInt(n))
            : (small ? RlpWriter.uint(n + r.nextInt(1000)) : keyOf(-1 - r.nextInt(1_000_000)));
        final List<Bytes> p = t.proof(key);
        final TrieLookup honest = MptVerifier.verify(t.root(), key, p).orElseThrow();
        final List<Bytes> donor = t.proof(keys.get(r.nextInt(n)));
        for (int m = 0; m < 12; m++) {
          final List<Bytes> bad = mutate(r, p, donor);
          if (bad.equals(p)) {
            continue;
          }
          final ProofResult<TrieLookup> res = MptVerifier.verify(t.root(), key, bad);
          checked++;
          if (res instanceof ProofResult.Rejected<TrieLookup> rj) {
            assertNotEquals(Reason.INTERNAL_ERROR, rj.reason(), rj.detail());
          } else {
            accepted++;
            assertTrue(sameAnswer(honest, res.orElseThrow()), () -> "mutated proof verified to " + res);
          }
        }
      }
    }
    assertTrue(checked > 10_000, "mutations checked: " + checked);
    assertEquals(0, accepted, "no mutated proof (all nodes are hash-linked) should verify");
  }

  static List<Bytes> mutate(final Random r, final List<Bytes> p, final List<Bytes> donor) {
    final List<Bytes> out = new ArrayList<>(p);
    final int kind = r.nextInt(p.isEmpty() ? 1 : 7);
    if (kind == 0 || out.isEmpty()) {
      final Bytes extra = donor.isEmpty() ? Bytes.of(new byte[] {(byte) 0xc0}) : donor.get(r.nextInt(donor.size()));
      out.add(r.nextInt(out.size() + 1), extra);
      return out;
    }
    final int i = r.nextInt(out.size());
    final byte[] b = out.get(i).toArray();
    switch (kind) {
      case 1 -> {
        b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
        out.set(i, Bytes.of(b));
      }
      case 2 -> out.remove(i);
      case 3 -> {
        final int j = r.nextInt(out.size());
        final Bytes x = out.get(i);
        out.set(i, out.get(j));
        out.set(j, x);
      }
      case 4 -> out.set(i, Bytes.of(Arrays.copyOf(b, b.length - 1)));
      case 5 -> {
        final byte[] longer = Arrays.copyOf(b, b.length + 1);
        longer[b.length] = (byte) r.nextInt(256);
        out.set(i, Bytes.of(longer));
      }
      default -> out.set(i, donor.isEmpty() ? Bytes.EMPTY : donor.get(r.nextInt(donor.size())));
    }
    return out;
  }
}
