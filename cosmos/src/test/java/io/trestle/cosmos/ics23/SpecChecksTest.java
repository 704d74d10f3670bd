package io.trestle.cosmos.ics23;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.cosmos.ics23.tree.IavlTree;
import io.trestle.crypto.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Spec rules the upstream vectors do not reach, one reason code each. */
class SpecChecksTest {
  static Bytes b(final String s) {
    return Bytes.of(s.getBytes(StandardCharsets.UTF_8));
  }

  static Ics23Reason reason(final Ics23Result<?> r) {
    return r instanceof Ics23Result.Rejected<?> x ? x.reason() : null;
  }

  @Test
  void intermediateLongerThanAChildIsRefused() {
    // a spec whose inner hash is SHA-512 (64 bytes) while a child is 32 bytes
    final ProofSpec spec = new ProofSpec(ProofSpec.SMT.leafSpec(),
        Optional.of(new InnerSpec(List.of(0, 1), 32, 1, 1, Bytes.EMPTY, HashOp.SHA512)), 0, 0, false);
    final InnerOp op = new InnerOp(HashOp.SHA512, Bytes.of(new byte[] {1}), Bytes.of(new byte[32]));
    final ExistenceProof p = new ExistenceProof(b("k"), b("v"), Optional.of(spec.leafSpec()), List.of(op));
    final Bytes root = Ics23Verifier.calculate(p).orElseThrow();
    assertEquals(64, root.size());
    assertEquals(Ics23Reason.INTERMEDIATE_TOO_LONG, reason(Ics23Verifier.verifyMembership(spec, root, p, b("k"), b("v"))));
  }

  @Test
  void tendermintEmptyPrefixAndChildSizeZero() {
    final ExistenceProof tm = new ExistenceProof(b("k"), b("v"), Optional.of(ProofSpec.TENDERMINT.leafSpec()),
        List.of(new InnerOp(HashOp.SHA256, Bytes.EMPTY, Bytes.of(new byte[32]))));
    assertEquals(Ics23Reason.TENDERMINT_PREFIX_INVALID,
        reason(Ics23Verifier.verifyMembership(ProofSpec.TENDERMINT, Bytes.of(new byte[32]), tm, b("k"), b("v"))));
    final ProofSpec zero = new ProofSpec(ProofSpec.SMT.leafSpec(),
        Optional.of(new InnerSpec(List.of(0, 1), 0, 1, 1, Bytes.EMPTY, HashOp.SHA256)), 0, 0, false);
    final ExistenceProof p = new ExistenceProof(b("k"), b("v"), Optional.of(zero.leafSpec()),
        List.of(new InnerOp(HashOp.SHA256, Bytes.of(new byte[] {1}), Bytes.EMPTY)));
    assertEquals(Ics23Reason.SPEC_INVALID, reason(Ics23Verifier.verifyMembership(zero, Bytes.of(new byte[32]), p, b("k"), b("v"))));
    // a spec without an inner spec cannot check paths
    final ProofSpec leafOnly = new ProofSpec(ProofSpec.SMT.leafSpec(), Optional.empty(), 0, 0, false);
    assertEquals(Ics23Reason.SPEC_INVALID, reason(Ics23Verifier.verifyMembership(leafOnly, Bytes.of(new byte[32]), p, b("k"), b("v"))));
  }

  @Test
  void keyOrderingAgainstEachNeighbour() {
    final IavlTree t = IavlTree.of(Map.of(b("b"), b("1"), b("d"), b("2"), b("f"), b("3")), 1);
    final NonExistenceProof c = t.proveAbsent(b("c"));
    assertTrue(Ics23Verifier.verifyNonMembership(ProofSpec.IAVL, t.root(), c, b("c")).isVerified());
    assertEquals(Ics23Reason.KEY_NOT_LEFT_OF_RIGHT, reason(Ics23Verifier.verifyNonMembership(ProofSpec.IAVL, t.root(), c, b("d"))));
    assertEquals(Ics23Reason.KEY_NOT_LEFT_OF_RIGHT, reason(Ics23Verifier.verifyNonMembership(ProofSpec.IAVL, t.root(), c, b("e"))));
    assertEquals(Ics23Reason.KEY_NOT_RIGHT_OF_LEFT, reason(Ics23Verifier.verifyNonMembership(ProofSpec.IAVL, t.root(), c, b("b"))));
    assertEquals(Ics23Reason.KEY_NOT_RIGHT_OF_LEFT, reason(Ics23Verifier.verifyNonMembership(ProofSpec.IAVL, t.root(), c, b("a"))));
    // the edges
    assertTrue(Ics23Verifier.verifyNonMembership(ProofSpec.IAVL, t.root(), t.proveAbsent(b("a")), b("a")).isVerified());
    assertTrue(Ics23Verifier.verifyNonMembership(ProofSpec.IAVL, t.root(), t.proveAbsent(b("g")), b("g")).isVerified());
    // verifiedRoot gives the same root the membership check compares with
    assertEquals(t.root(), Ics23Verifier.verifiedRoot(ProofSpec.IAVL, c, b("c"), Optional.empty()).orElseThrow());
    assertEquals(t.root(), Ics23Verifier.verifiedRoot(ProofSpec.IAVL, t.prove(b("d")), b("d"), Optional.of(b("2"))).orElseThrow());
  }

  @Test
  void neighboursCommittingToDifferentRootsAreRefused() {
    final IavlTree t1 = IavlTree.of(Map.of(b("b"), b("1"), b("d"), b("2")), 1);
    final IavlTree t2 = IavlTree.of(Map.of(b("b"), b("1"), b("d"), b("2"), b("e"), b("3")), 1);
    final NonExistenceProof mixed = new NonExistenceProof(b("c"), Optional.of(t1.prove(b("b"))), Optional.of(t2.prove(b("d"))));
    assertEquals(Ics23Reason.ROOT_MISMATCH, reason(Ics23Verifier.verifiedRoot(ProofSpec.IAVL, mixed, b("c"), Optional.empty())));
    assertEquals(Ics23Reason.ROOT_MISMATCH, reason(Ics23Verifier.verifyNonMembership(ProofSpec.IAVL, t1.root(), mixed, b("c"))));
  }

  @Test
  void iavlLeafPrefixRules() {
    final LeafOp ok = ProofSpec.IAVL.leafSpec();
    // zigzag varints: height 0 = 00, size 1 = 02, version 1 = 02
    Ics23Ops.checkLeaf(leafWithPrefix(ok, new byte[] {0, 2, 2}), ProofSpec.IAVL);
    assertEquals(Ics23Reason.IAVL_PREFIX_INVALID, leafReason(ok, new byte[] {0, 4, 2}), "size 2");
    assertEquals(Ics23Reason.IAVL_PREFIX_INVALID, leafReason(ok, new byte[] {0, 2, 2, 0}), "a byte after the varints");
    assertEquals(Ics23Reason.IAVL_PREFIX_INVALID, leafReason(ok, new byte[] {0, 2, 1}), "version -1");
    assertEquals(Ics23Reason.IAVL_PREFIX_INVALID, leafReason(ok, new byte[] {0, 1, 2}), "size -1");
    assertEquals(Ics23Reason.IAVL_PREFIX_INVALID, leafReason(ok, new byte[] {0, 2}), "no version");
    assertEquals(Ics23Reason.IAVL_PREFIX_INVALID, leafReason(ok, new byte[] {0, 2, (byte) 0x80}), "truncated varint");
    final byte[] overflow = new byte[12];
    java.util.Arrays.fill(overflow, 2, 12, (byte) 0xff);
    overflow[1] = 2;
    assertEquals(Ics23Reason.IAVL_PREFIX_INVALID, leafReason(ok, overflow), "varint overflow");
  }

  @Test
  void smallTreesSingleStepAndUnequalDepthNeighbours() {
    // two leaves: both neighbours are one step below the root (the divergence step is the only step)
    final IavlTree two = IavlTree.of(Map.of(b("b"), b("1"), b("d"), b("2")), 3);
    assertTrue(Ics23Verifier.verifyNonMembership(ProofSpec.IAVL, two.root(), two.proveAbsent(b("c")), b("c")).isVerified());
    // three leaves: neighbours at depths 2 and 1
    final IavlTree three = IavlTree.of(Map.of(b("b"), b("1"), b("d"), b("2"), b("f"), b("3")), 3);
    assertTrue(Ics23Verifier.verifyNonMembership(ProofSpec.IAVL, three.root(), three.proveAbsent(b("e")), b("e")).isVerified());
    assertTrue(Ics23Verifier.verifyNonMembership(ProofSpec.IAVL, three.root(), three.proveAbsent(b("c")), b("c")).isVerified());
    // one leaf: empty paths
    final IavlTree one = IavlTree.of(Map.of(b("m"), b("1")), 3);
    assertTrue(Ics23Verifier.verifyNonMembership(ProofSpec.IAVL, one.root(), one.proveAbsent(b("a")), b("a")).isVerified());
    assertTrue(Ics23Verifier.verifyNonMembership(ProofSpec.IAVL, one.root(), one.proveAbsent(b("z")), b("z")).isVerified());
    // the same leaf as both neighbours is not a neighbour pair
    final ExistenceProof d = three.prove(b("d"));
    assertEquals(Ics23Reason.KEY_NOT_LEFT_OF_RIGHT, reason(Ics23Verifier.verifyNonMembership(ProofSpec.IAVL, three.root(),
        new NonExistenceProof(b("d"), Optional.of(d), Optional.of(d)), b("d"))));
    assertTrue(!Ics23Ops.isLeftNeighbor(ProofSpec.IAVL.innerSpec().orElseThrow(), d.path(), d.path()));
  }

  static LeafOp leafWithPrefix(final LeafOp l, final byte[] prefix) {
    return new LeafOp(l.hash(), l.prehashKey(), l.prehashValue(), l.length(), Bytes.of(prefix));
  }

  static Ics23Reason leafReason(final LeafOp l, final byte[] prefix) {
    try {
      Ics23Ops.checkLeaf(leafWithPrefix(l, prefix), ProofSpec.IAVL);
      return null;
    } catch (Ics23Exception e) {
      return e.reason();
    }
  }
}
