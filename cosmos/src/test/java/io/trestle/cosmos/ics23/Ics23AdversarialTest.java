package io.trestle.cosmos.ics23;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.cosmos.ics23.tree.IavlTree;
import io.trestle.cosmos.ics23.tree.SimpleMerkleMap;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Forged and malformed ICS-23 proofs, each rejected with its reason code. Forgeries that do hash to
 * the real root are shown to do so first (so the rejection comes from the spec rule, not from luck).
 * Catalogue references: SECURITY-CASES.md §1.1 (BNB Token Hub IAVL forgery; Cosmos Dragonberry).
 */
class Ics23AdversarialTest {
  static final java.nio.file.Path DIR = SpecVectorsTest.DIR;

  static Bytes b(final String s) {
    return Bytes.of(s.getBytes(StandardCharsets.UTF_8));
  }

  static IavlTree tree() {
    final Map<Bytes, Bytes> m = new LinkedHashMap<>();
    for (int i = 0; i < 16; i++) {
      m.put(b("key" + (char) ('a' + i)), b("value-" + i));
    }
    return IavlTree.of(m, 7);
  }

  static Ics23Reason reason(final Ics23Result<?> r) {
    return r instanceof Ics23Result.Rejected<?> x ? x.reason() : null;
  }

  static ExistenceProof withPath(final ExistenceProof p, final List<InnerOp> path) {
    return new ExistenceProof(p.key(), p.value(), p.leaf(), path);
  }

  static ExistenceProof withOp(final ExistenceProof p, final int i, final InnerOp op) {
    final List<InnerOp> path = new ArrayList<>(p.path());
    path.set(i, op);
    return withPath(p, path);
  }

  static JsonNode vector(final String rel) throws IOException {
    return new ObjectMapper().readTree(DIR.resolve(rel).toFile());
  }

  static CommitmentProof decode(final JsonNode v) {
    return Ics23Codec.decodeCommitmentProof(Bytes.fromHex(v.get("proof").asText()).toArray()).orElseThrow();
  }

  // --- Dragonberry class: forged absence ------------------------------------------------------------

  @Test
  void dragonberry_absenceOfAPresentKeyFromNonAdjacentNeighbours() {
    final IavlTree t = tree();
    // keyc is present; keyb and keyd are real, verifying leaves, and keyc sorts between them
    final NonExistenceProof forged = new NonExistenceProof(b("keyc"),
        Optional.of(t.prove(b("keyb"))), Optional.of(t.prove(b("keyd"))));
    assertEquals(Ics23Reason.NOT_NEIGHBOURS, reason(Ics23Verifier.verifyNonMembership(ProofSpec.IAVL, t.root(), forged, b("keyc"))));
    // the honest absence proof of a truly absent key passes
    assertTrue(Ics23Verifier.verifyNonMembership(ProofSpec.IAVL, t.root(), t.proveAbsent(b("keyc0")), b("keyc0")).isVerified());
  }

  @Test
  void dragonberry_singleNeighbourThatIsNotAnEdgeLeaf() {
    final IavlTree t = tree();
    // claim "keyc0" is beyond the last key with only keyc as left neighbour
    final NonExistenceProof onlyLeft = new NonExistenceProof(b("keyc0"), Optional.of(t.prove(b("keyc"))), Optional.empty());
    assertEquals(Ics23Reason.NOT_RIGHT_MOST, reason(Ics23Verifier.verifyNonMembership(ProofSpec.IAVL, t.root(), onlyLeft, b("keyc0"))));
    final NonExistenceProof onlyRight = new NonExistenceProof(b("keyc0"), Optional.empty(), Optional.of(t.prove(b("keyd"))));
    assertEquals(Ics23Reason.NOT_LEFT_MOST, reason(Ics23Verifier.verifyNonMembership(ProofSpec.IAVL, t.root(), onlyRight, b("keyc0"))));
    assertEquals(Ics23Reason.NONEXIST_NO_NEIGHBOURS, reason(Ics23Verifier.verifyNonMembership(
        ProofSpec.IAVL, t.root(), new NonExistenceProof(b("keyc0"), Optional.empty(), Optional.empty()), b("keyc0"))));
  }

  @Test
  void dragonberry_smtEmptyChildTrickDoesNotHash() throws IOException {
    // a real SMT leaf in the middle of the tree, used as the only (right) neighbour of a smaller key
    final JsonNode v = vector("smt/exist_middle.json");
    final ExistenceProof right = (ExistenceProof) decode(v);
    final Bytes root = Bytes.fromHex(v.get("root").asText());
    final byte[] rightHash = Sha256.hash(right.key().toArray()).toArray();
    Bytes key = null;
    for (int i = 0; key == null; i++) {
      final Bytes c = b("absent-" + i);
      if (java.util.Arrays.compareUnsigned(Sha256.hash(c.toArray()).toArray(), rightHash) < 0) {
        key = c;
      }
    }
    final NonExistenceProof noLeft = new NonExistenceProof(key, Optional.empty(), Optional.of(right));
    assertEquals(Ics23Reason.NOT_LEFT_MOST, reason(Ics23Verifier.verifyNonMembership(ProofSpec.SMT, root, noLeft, key)));
    // pretend every left sibling is the SMT empty child (placeholder): now "left-most", but no longer hashes to the root
    final List<InnerOp> path = new ArrayList<>();
    int replaced = 0;
    for (final InnerOp op : right.path()) {
      if (op.prefix().size() == 33) {
        path.add(new InnerOp(op.hash(), Bytes.of(concat(new byte[] {1}, new byte[32])), op.suffix()));
        replaced++;
      } else {
        path.add(op);
      }
    }
    assertTrue(replaced > 0);
    final ExistenceProof placeholder = withPath(right, path);
    assertTrue(Ics23Ops.isLeftMost(ProofSpec.SMT.innerSpec().orElseThrow(), placeholder.path()));
    assertEquals(Ics23Reason.ROOT_MISMATCH, reason(Ics23Verifier.verifyNonMembership(
        ProofSpec.SMT, root, new NonExistenceProof(key, Optional.empty(), Optional.of(placeholder)), key)));
    // a spec without an empty child never treats 32 zero bytes as a placeholder
    assertTrue(!Ics23Ops.leftBranchesAreEmpty(ProofSpec.TENDERMINT.innerSpec().orElseThrow(),
        new InnerOp(HashOp.SHA256, Bytes.of(concat(new byte[] {1}, new byte[32])), Bytes.EMPTY)));
  }

  @Test
  void dragonberry_neighbourWithAnInnerOpTheSpecDoesNotAllow() throws IOException {
    final JsonNode v = vector("tendermint/nonexist_left.json");
    final NonExistenceProof p = (NonExistenceProof) decode(v);
    assertTrue(Ics23Verifier.verifyNonMembership(ProofSpec.TENDERMINT, Bytes.fromHex(v.get("root").asText()), p,
        Bytes.fromHex(v.get("key").asText())).isVerified());
    final Bytes root = Bytes.fromHex(v.get("root").asText());
    final Bytes key = Bytes.fromHex(v.get("key").asText());
    final ExistenceProof r = p.right().orElseThrow();
    final InnerOp op0 = r.path().get(0);
    // a suffix that is not a whole number of children (what the Dragonberry fix added)
    final InnerOp oddSuffix = new InnerOp(op0.hash(), Bytes.of(new byte[] {1}), Bytes.of(new byte[33]));
    assertEquals(Ics23Reason.INNER_SUFFIX_MALFORMED, reason(Ics23Verifier.verifyNonMembership(ProofSpec.TENDERMINT, root,
        new NonExistenceProof(p.key(), p.left(), Optional.of(withOp(r, 0, oddSuffix))), key)));
    // another hash op
    final InnerOp sha512 = new InnerOp(HashOp.SHA512, op0.prefix(), op0.suffix());
    assertEquals(Ics23Reason.INNER_HASH_MISMATCH, reason(Ics23Verifier.verifyNonMembership(ProofSpec.TENDERMINT, root,
        new NonExistenceProof(p.key(), p.left(), Optional.of(withOp(r, 0, sha512))), key)));
    // a leaf op without the value prehash
    final LeafOp l = r.leaf().orElseThrow();
    final ExistenceProof badLeaf = new ExistenceProof(r.key(), r.value(),
        Optional.of(new LeafOp(l.hash(), l.prehashKey(), HashOp.NO_HASH, l.length(), l.prefix())), r.path());
    assertEquals(Ics23Reason.LEAF_SPEC_MISMATCH, reason(Ics23Verifier.verifyNonMembership(ProofSpec.TENDERMINT, root,
        new NonExistenceProof(p.key(), p.left(), Optional.of(badLeaf)), key)));
    // no leaf op at all
    final ExistenceProof noLeaf = new ExistenceProof(r.key(), r.value(), Optional.empty(), r.path());
    assertEquals(Ics23Reason.LEAF_MISSING, reason(Ics23Verifier.verifyNonMembership(ProofSpec.TENDERMINT, root,
        new NonExistenceProof(p.key(), p.left(), Optional.of(noLeaf)), key)));
  }

  // --- second preimages: an inner node posing as a leaf, a leaf posing as an inner node ------------

  @Test
  void leafCollision_innerNodePresentedAsALeafHashesToTheRootButIsRejected_iavl() {
    final IavlTree t = tree();
    final ExistenceProof honest = t.prove(b("keya"));
    final InnerOp first = honest.path().get(0);
    // keya is a left child: its parent preimage is meta || 0x20 || h(keya-leaf) || 0x20 || h(sibling)
    assertEquals(1, first.prefix().size() - 3, "left child: prefix is the 3 varints and one length byte");
    final byte[] leafHash = Ics23Ops.calculate(withPath(honest, List.of()), Optional.empty());
    final Bytes meta = Bytes.of(first.prefix().toArray(), 0, 3);
    final Bytes sibling = Bytes.of(first.suffix().toArray(), 1, 32);
    // "leaf" with prefix = parent meta, key = left hash, value = right hash, no value prehash
    final ExistenceProof forged = new ExistenceProof(Bytes.of(leafHash), sibling,
        Optional.of(new LeafOp(HashOp.SHA256, HashOp.NO_HASH, HashOp.NO_HASH, LengthOp.VAR_PROTO, meta)),
        honest.path().subList(1, honest.path().size()));
    assertEquals(t.root(), Ics23Verifier.calculate(forged).orElseThrow(), "the forgery computes the real root");
    assertEquals(Ics23Reason.IAVL_PREFIX_INVALID, reason(Ics23Verifier.verifyMembership(
        ProofSpec.IAVL, t.root(), forged, forged.key(), forged.value())));
  }

  @Test
  void leafCollision_innerNodePresentedAsALeaf_tendermint() {
    final SimpleMerkleMap ms = SimpleMerkleMap.ofStores(Map.of("acc", b("1"), "bank", b("2"), "ibc", b("3"), "mint", b("4")));
    final ExistenceProof honest = ms.prove("acc");
    final InnerOp first = honest.path().get(0);
    final byte[] leafHash = Ics23Ops.calculate(withPath(honest, List.of()), Optional.empty());
    final ExistenceProof forged = new ExistenceProof(Bytes.of(leafHash), first.suffix(),
        Optional.of(new LeafOp(HashOp.SHA256, HashOp.NO_HASH, HashOp.NO_HASH, LengthOp.NO_PREFIX, Bytes.of(new byte[] {1}))),
        honest.path().subList(1, honest.path().size()));
    assertEquals(ms.root(), Ics23Verifier.calculate(forged).orElseThrow());
    assertEquals(Ics23Reason.LEAF_SPEC_MISMATCH, reason(Ics23Verifier.verifyMembership(
        ProofSpec.TENDERMINT, ms.root(), forged, forged.key(), forged.value())));
  }

  @Test
  void leafCollision_storedValueCraftedAsALeaf_smtInnerPrefixLooksLikeALeaf() {
    // an SMT of one leaf whose stored value V is itself a leaf preimage 00 || sha256(k') || sha256(v')
    final byte[] fakeKey = "mint-to".getBytes(StandardCharsets.UTF_8);
    final byte[] fakeValue = "1000000".getBytes(StandardCharsets.UTF_8);
    final byte[] v = concat(new byte[] {0}, Sha256.hash(fakeKey).toArray(), Sha256.hash(fakeValue).toArray());
    final byte[] realKey = "memo".getBytes(StandardCharsets.UTF_8);
    final LeafOp smtLeaf = ProofSpec.SMT.leafSpec();
    final ExistenceProof honest = new ExistenceProof(Bytes.of(realKey), Bytes.of(v), Optional.of(smtLeaf), List.of());
    final Bytes root = Ics23Verifier.calculate(honest).orElseThrow();
    assertTrue(Ics23Verifier.verifyMembership(ProofSpec.SMT, root, honest, honest.key(), honest.value()).isVerified());
    // forged: (k', v') as a leaf, then an "inner" op whose prefix is the real leaf's 00 || sha256(k)
    final ExistenceProof forged = new ExistenceProof(Bytes.of(fakeKey), Bytes.of(fakeValue), Optional.of(smtLeaf),
        List.of(new InnerOp(HashOp.SHA256, Bytes.of(concat(new byte[] {0}, Sha256.hash(realKey).toArray())), Bytes.EMPTY)));
    assertEquals(root, Ics23Verifier.calculate(forged).orElseThrow(), "the forgery computes the real root");
    assertEquals(Ics23Reason.INNER_PREFIX_LEAF_LIKE, reason(Ics23Verifier.verifyMembership(
        ProofSpec.SMT, root, forged, forged.key(), forged.value())));
  }

  // --- BNB Token Hub class: an inner node with more children than the tree has ----------------------

  @Test
  void bnb_innerOpWithSiblingsOnBothSidesIsRejectedByItsShape() {
    final IavlTree t = tree();
    final ExistenceProof honest = t.prove(b("keyf"));
    final int i = 1;
    final InnerOp op = honest.path().get(i);
    // graft a forged sibling: keep the node's left hash in the prefix AND add a right hash in the suffix
    final byte[] meta;
    final boolean childIsRight = op.prefix().size() > 4 + 1;
    meta = Bytes.of(op.prefix().toArray(), 0, op.prefix().size() - (childIsRight ? 34 : 1)).toArray();
    final byte[] forgedRight = Sha256.hash("forged leaf: mint 1M".getBytes(StandardCharsets.UTF_8)).toArray();
    final InnerOp threeChildren = new InnerOp(HashOp.SHA256,
        Bytes.of(concat(meta, new byte[] {32}, new byte[32], new byte[] {32})), Bytes.of(concat(new byte[] {32}, forgedRight)));
    // upstream's per-op spec check (IAVL prefix rules, prefix length, suffix multiple of 33) accepts this shape
    Ics23Ops.checkInner(threeChildren, ProofSpec.IAVL, i + 1);
    final ExistenceProof forged = withOp(honest, i, threeChildren);
    assertEquals(Ics23Reason.INNER_PADDING_INVALID, reason(Ics23Verifier.verifyMembership(
        ProofSpec.IAVL, t.root(), forged, forged.key(), forged.value())));
  }

  @Test
  void bnb_extraInnerNodeOrTruncatedPathDoesNotReachTheRoot() {
    final IavlTree t = tree();
    final ExistenceProof honest = t.prove(b("keyk"));
    assertTrue(Ics23Verifier.verifyMembership(ProofSpec.IAVL, t.root(), honest, honest.key(), honest.value()).isVerified());
    final List<InnerOp> longer = new ArrayList<>(honest.path());
    final byte[] meta = {(byte) (2 * (longer.size() + 1)), 0x40, 0x0e, 32};
    longer.add(new InnerOp(HashOp.SHA256, Bytes.of(meta), Bytes.of(concat(new byte[] {32}, new byte[32]))));
    assertEquals(Ics23Reason.ROOT_MISMATCH, reason(Ics23Verifier.verifyMembership(
        ProofSpec.IAVL, t.root(), withPath(honest, longer), honest.key(), honest.value())));
    assertEquals(Ics23Reason.ROOT_MISMATCH, reason(Ics23Verifier.verifyMembership(ProofSpec.IAVL, t.root(),
        withPath(honest, honest.path().subList(0, honest.path().size() - 1)), honest.key(), honest.value())));
    // an IAVL height that is below the node's layer
    final InnerOp top = honest.path().get(honest.path().size() - 1);
    final byte[] lowHeight = top.prefix().toArray();
    lowHeight[0] = 2; // zigzag(1)
    assertEquals(Ics23Reason.IAVL_PREFIX_INVALID, reason(Ics23Verifier.verifyMembership(ProofSpec.IAVL, t.root(),
        withOp(honest, honest.path().size() - 1, new InnerOp(top.hash(), Bytes.of(lowHeight), top.suffix())),
        honest.key(), honest.value())));
  }

  // --- prefix lengths and depth ---------------------------------------------------------------------

  @Test
  void wrongPrefixLengths() {
    final ExistenceProof base = new ExistenceProof(b("k"), b("v"), Optional.of(ProofSpec.SMT.leafSpec()), List.of());
    final Bytes root = Bytes.of(new byte[32]);
    final InnerOp empty = new InnerOp(HashOp.SHA256, Bytes.EMPTY, Bytes.of(new byte[32]));
    assertEquals(Ics23Reason.INNER_PREFIX_TOO_SHORT,
        reason(Ics23Verifier.verifyMembership(ProofSpec.SMT, root, withPath(base, List.of(empty)), b("k"), b("v"))));
    final InnerOp tooLong = new InnerOp(HashOp.SHA256, Bytes.of(concat(new byte[] {1}, new byte[33])), Bytes.EMPTY);
    assertEquals(Ics23Reason.INNER_PREFIX_TOO_LONG,
        reason(Ics23Verifier.verifyMembership(ProofSpec.SMT, root, withPath(base, List.of(tooLong)), b("k"), b("v"))));
    final ExistenceProof tm = new ExistenceProof(b("k"), b("v"), Optional.of(ProofSpec.TENDERMINT.leafSpec()), List.of());
    final InnerOp two = new InnerOp(HashOp.SHA256, Bytes.of(new byte[] {2}), Bytes.of(new byte[32]));
    assertEquals(Ics23Reason.TENDERMINT_PREFIX_INVALID,
        reason(Ics23Verifier.verifyMembership(ProofSpec.TENDERMINT, root, withPath(tm, List.of(two)), b("k"), b("v"))));
    final InnerOp bothSides = new InnerOp(HashOp.SHA256, Bytes.of(concat(new byte[] {1}, new byte[32])), Bytes.of(new byte[32]));
    assertEquals(Ics23Reason.TENDERMINT_PREFIX_INVALID,
        reason(Ics23Verifier.verifyMembership(ProofSpec.TENDERMINT, root, withPath(tm, List.of(bothSides)), b("k"), b("v"))));
    // IAVL inner remainder neither 1 nor 34 bytes
    final ExistenceProof iavl = tree().prove(b("keya"));
    final InnerOp op = iavl.path().get(0);
    final InnerOp rem2 = new InnerOp(op.hash(), Bytes.of(concat(op.prefix().toArray(), new byte[] {32})), op.suffix());
    assertEquals(Ics23Reason.IAVL_PREFIX_INVALID, reason(Ics23Verifier.verifyMembership(
        ProofSpec.IAVL, tree().root(), withOp(iavl, 0, rem2), iavl.key(), iavl.value())));
  }

  @Test
  void depthOverflow() {
    final InnerOp step = new InnerOp(HashOp.SHA256, Bytes.of(new byte[] {1}), Bytes.of(new byte[32]));
    final ExistenceProof deep = new ExistenceProof(b("k"), b("v"), Optional.of(ProofSpec.SMT.leafSpec()),
        java.util.Collections.nCopies(257, step));
    assertEquals(Ics23Reason.DEPTH_TOO_LONG, reason(Ics23Verifier.verifyMembership(ProofSpec.SMT, Bytes.of(new byte[32]), deep, b("k"), b("v"))));
    final ExistenceProof tm = new ExistenceProof(b("k"), b("v"), Optional.of(ProofSpec.TENDERMINT.leafSpec()),
        java.util.Collections.nCopies(129, step));
    assertEquals(Ics23Reason.DEPTH_TOO_LONG, reason(Ics23Verifier.verifyMembership(ProofSpec.TENDERMINT, Bytes.of(new byte[32]), tm, b("k"), b("v"))));
    // the decoder refuses more than 256 inner ops before any verification
    final byte[] enc = Ics23Codec.encode(withPath(deep, java.util.Collections.nCopies(257, step)));
    assertEquals(Ics23Reason.DECODE_TOO_LARGE, reason(Ics23Codec.decodeCommitmentProof(enc)));
    final byte[] ok = Ics23Codec.encode(withPath(deep, java.util.Collections.nCopies(256, step)));
    assertTrue(Ics23Codec.decodeCommitmentProof(ok).isVerified());
  }

  @Test
  void nonMinimalVarintInsideAnIavlPrefixHashesDifferently() {
    final IavlTree t = tree();
    final ExistenceProof honest = t.prove(b("keyb"));
    final InnerOp op = honest.path().get(0);
    final byte[] p = op.prefix().toArray();
    // re-encode the height varint (one byte) as two bytes: same number for Go's ReadVarint
    final byte[] padded = concat(new byte[] {(byte) (p[0] | 0x80), 0}, Bytes.of(p, 1, p.length - 1).toArray());
    final ExistenceProof forged = withOp(honest, 0, new InnerOp(op.hash(), Bytes.of(padded), op.suffix()));
    assertEquals(Ics23Reason.ROOT_MISMATCH, reason(Ics23Verifier.verifyMembership(
        ProofSpec.IAVL, t.root(), forged, honest.key(), honest.value())));
  }

  @Test
  void unsupportedHashAndLengthOpsAreTyped() {
    assertEquals(Ics23Reason.UNSUPPORTED_HASH, assertThrowsReason(() -> Ics23Ops.doHash(HashOp.KECCAK256, new byte[1])));
    assertEquals(Ics23Reason.UNSUPPORTED_HASH, assertThrowsReason(() -> Ics23Ops.doHash(HashOp.BLAKE3, new byte[1])));
    assertEquals(Ics23Reason.UNSUPPORTED_LENGTH_OP, assertThrowsReason(() -> Ics23Ops.doLengthOp(LengthOp.VAR_RLP, new byte[1])));
    assertEquals(Ics23Reason.LENGTH_OP_FAILED, assertThrowsReason(() -> Ics23Ops.doLengthOp(LengthOp.REQUIRE_32_BYTES, new byte[31])));
    assertEquals(Ics23Reason.EMPTY_INPUT, assertThrowsReason(() -> Ics23Ops.applyInner(
        new InnerOp(HashOp.SHA256, Bytes.EMPTY, Bytes.EMPTY), new byte[0])));
    // a spec whose max prefix overlaps the next child position is unusable
    final ProofSpec bad = new ProofSpec(ProofSpec.SMT.leafSpec(),
        Optional.of(new InnerSpec(List.of(0, 1), 32, 1, 40, Bytes.EMPTY, HashOp.SHA256)), 0, 0, false);
    assertEquals(Ics23Reason.SPEC_INVALID, assertThrowsReason(() -> Ics23Ops.checkInner(
        new InnerOp(HashOp.SHA256, Bytes.of(new byte[] {1}), Bytes.of(new byte[32])), bad, 1)));
  }

  static Ics23Reason assertThrowsReason(final Runnable r) {
    try {
      r.run();
    } catch (Ics23Exception e) {
      return e.reason();
    }
    throw new AssertionError("no Ics23Exception");
  }

  static byte[] concat(final byte[]... parts) {
    return Ics23Ops.concat(parts);
  }

  @Test
  void honestTreeProofsAllVerifyAndDifferFromForgeries() {
    final IavlTree t = tree();
    for (int i = 0; i < 16; i++) {
      final Bytes k = b("key" + (char) ('a' + i));
      final ExistenceProof p = t.prove(k);
      assertTrue(Ics23Verifier.verifyMembership(ProofSpec.IAVL, t.root(), p, k, b("value-" + i)).isVerified(), k.toString());
    }
    assertNotEquals(tree().root(), IavlTree.of(Map.of(b("keya"), b("value-0")), 7).root());
  }
}
