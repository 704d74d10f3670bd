package io.trestle.cosmos.ics23;

import io.trestle.crypto.Bytes;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * ICS-23 membership and non-membership verification ({@code VerifyMembership} / {@code
 * VerifyNonMembership} of cosmos/ics23 {@code go/ics23.go}, {@code go/proof.go}).
 *
 * <p><b>What is verified.</b> The proof has the shape the spec allows (leaf op, every inner op, depth,
 * the IAVL and Tendermint prefix rules), it is for exactly the key (and value) asked about, and it
 * hashes to the given root. For absence: both neighbours verify that way, the key lies strictly
 * between them (compared on the prehashed key for SMT), and the neighbours are adjacent leaves (or the
 * single neighbour is the left-most / right-most leaf, empty-child placeholders allowed).
 *
 * <p><b>What is trusted.</b> The {@link ProofSpec} and the root: both come from the caller, never from
 * the proof. Use {@code io.trestle.cosmos.ibc.StateProofVerifier} to chain a store proof to a
 * light-client-verified app hash.
 *
 * <p><b>Deviation (stricter than upstream).</b> Every inner op of every existence proof must have the
 * prefix/suffix lengths of exactly one child position ({@link Ics23Ops#checkPadding}, reason {@link
 * Ics23Reason#INNER_PADDING_INVALID}). Upstream computes this only inside the neighbour logic, so an
 * inner op carrying siblings on both sides of a binary node (an extra-child, BNB-style path) passes its
 * spec check. Honest IAVL, Tendermint and SMT proofs always satisfy the rule, so it costs no liveness.
 * Batch and compressed proofs are refused at decoding.
 *
 * <p>Stateless and thread-safe; never throws on untrusted input.
 */
public final class Ics23Verifier {
  private Ics23Verifier() {}

  /** {@code VerifyMembership}: {@code key → value} is in the tree with {@code root}. */
  public static Ics23Result<ProvenValue> verifyMembership(
      final ProofSpec spec, final Bytes root, final CommitmentProof proof, final Bytes key, final Bytes value) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(proof, "proof");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    return Ics23Result.of(() -> {
      if (!(proof instanceof ExistenceProof e)) {
        throw new Ics23Exception(Ics23Reason.WRONG_PROOF_TYPE, "membership needs an existence proof, got a non-existence proof");
      }
      verifyExistence(e, spec, root, key, value);
      return new ProvenValue(root, key, value);
    });
  }

  /** {@code VerifyNonMembership}: {@code key} is not in the tree with {@code root}. */
  public static Ics23Result<ProvenAbsence> verifyNonMembership(
      final ProofSpec spec, final Bytes root, final CommitmentProof proof, final Bytes key) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(proof, "proof");
    Objects.requireNonNull(key, "key");
    return Ics23Result.of(() -> {
      if (!(proof instanceof NonExistenceProof n)) {
        throw new Ics23Exception(Ics23Reason.WRONG_PROOF_TYPE, "non-membership needs a non-existence proof, got an existence proof");
      }
      verifyNonExistence(n, spec, root, key);
      return new ProvenAbsence(root, key, n.left().map(ExistenceProof::key), n.right().map(ExistenceProof::key));
    });
  }

  /**
   * {@code CommitmentProof.Calculate}: the root an existence proof (or a non-existence proof's left,
   * else right, neighbour) hashes to, with no spec checks. Proves nothing by itself.
   */
  public static Ics23Result<Bytes> calculate(final CommitmentProof proof) {
    Objects.requireNonNull(proof, "proof");
    return Ics23Result.of(() -> Bytes.of(calculateRoot(proof)));
  }

  static byte[] calculateRoot(final CommitmentProof proof) {
    if (proof instanceof ExistenceProof e) {
      return Ics23Ops.calculate(e, Optional.empty());
    }
    final NonExistenceProof n = (NonExistenceProof) proof;
    final Optional<ExistenceProof> side = n.left().or(n::right);
    return Ics23Ops.calculate(side.orElseThrow(() ->
        new Ics23Exception(Ics23Reason.NONEXIST_NO_NEIGHBOURS, "non-existence proof has empty left and right proof")), Optional.empty());
  }

  /**
   * The root a proof commits to, after every check that does not need the root: the spec checks and
   * the key (and, for membership, the value); for absence also the neighbour logic, with both
   * neighbours required to commit to the same root. {@code value} empty means absence. Used to chain
   * proofs (the root of one store is the value in the next); the caller must compare the result with
   * a trusted root or use it as the value of a proof that does.
   */
  public static Ics23Result<Bytes> verifiedRoot(
      final ProofSpec spec, final CommitmentProof proof, final Bytes key, final Optional<Bytes> value) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(proof, "proof");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    return Ics23Result.of(() -> {
      if (value.isPresent()) {
        if (!(proof instanceof ExistenceProof e)) {
          throw new Ics23Exception(Ics23Reason.WRONG_PROOF_TYPE, "membership needs an existence proof, got a non-existence proof");
        }
        return Bytes.of(checkedRoot(e, spec, key, value.get()));
      }
      if (!(proof instanceof NonExistenceProof n)) {
        throw new Ics23Exception(Ics23Reason.WRONG_PROOF_TYPE, "non-membership needs a non-existence proof, got an existence proof");
      }
      final ExistenceProof side = n.left().or(n::right).orElseThrow(() ->
          new Ics23Exception(Ics23Reason.NONEXIST_NO_NEIGHBOURS, "both left and right proofs missing"));
      final Bytes root;
      try {
        root = Bytes.of(checkedRoot(side, spec, side.key(), side.value()));
      } catch (Ics23Exception e) {
        throw e.withContext(n.left().isPresent() ? "left proof" : "right proof");
      }
      verifyNonExistence(n, spec, root, key);
      return root;
    });
  }

  /** Spec checks, key and value, then the root computed with the spec's intermediate-length rule. */
  private static byte[] checkedRoot(final ExistenceProof p, final ProofSpec spec, final Bytes key, final Bytes value) {
    Ics23Ops.checkExistence(p, spec);
    Ics23Ops.checkPadding(p, spec.inner());
    if (!key.equals(p.key())) {
      throw new Ics23Exception(Ics23Reason.KEY_MISMATCH, "provided key doesn't match proof (proof key " + abbreviate(p.key()) + ")");
    }
    if (!value.equals(p.value())) {
      throw new Ics23Exception(Ics23Reason.VALUE_MISMATCH, "provided value doesn't match proof");
    }
    return Ics23Ops.calculate(p, Optional.of(spec));
  }

  /** {@code ExistenceProof.Verify} plus the padding rule; throws on failure. */
  static void verifyExistence(
      final ExistenceProof p, final ProofSpec spec, final Bytes root, final Bytes key, final Bytes value) {
    final byte[] calc = checkedRoot(p, spec, key, value);
    if (!Arrays.equals(calc, root.toArray())) {
      throw new Ics23Exception(Ics23Reason.ROOT_MISMATCH,
          "calculated root " + Bytes.of(calc).toHex() + " doesn't match provided root " + root.toHex());
    }
  }

  static void verifyNonExistence(final NonExistenceProof p, final ProofSpec spec, final Bytes root, final Bytes key) {
    final InnerSpec inner = spec.inner();
    if (p.left().isPresent()) {
      final ExistenceProof l = p.left().get();
      try {
        verifyExistence(l, spec, root, l.key(), l.value());
      } catch (Ics23Exception e) {
        throw e.withContext("left proof");
      }
    }
    if (p.right().isPresent()) {
      final ExistenceProof r = p.right().get();
      try {
        verifyExistence(r, spec, root, r.key(), r.value());
      } catch (Ics23Exception e) {
        throw e.withContext("right proof");
      }
    }
    if (p.left().isEmpty() && p.right().isEmpty()) {
      throw new Ics23Exception(Ics23Reason.NONEXIST_NO_NEIGHBOURS, "both left and right proofs missing");
    }
    final byte[] k = keyForComparison(spec, key.toArray());
    if (p.right().isPresent()
        && Arrays.compareUnsigned(k, keyForComparison(spec, p.right().get().key().toArray())) >= 0) {
      throw new Ics23Exception(Ics23Reason.KEY_NOT_LEFT_OF_RIGHT, "key is not left of right proof");
    }
    if (p.left().isPresent()
        && Arrays.compareUnsigned(k, keyForComparison(spec, p.left().get().key().toArray())) <= 0) {
      throw new Ics23Exception(Ics23Reason.KEY_NOT_RIGHT_OF_LEFT, "key is not right of left proof");
    }
    if (p.left().isEmpty()) {
      if (!Ics23Ops.isLeftMost(inner, p.right().get().path())) {
        throw new Ics23Exception(Ics23Reason.NOT_LEFT_MOST, "left proof missing, right proof must be left-most");
      }
    } else if (p.right().isEmpty()) {
      if (!Ics23Ops.isRightMost(inner, p.left().get().path())) {
        throw new Ics23Exception(Ics23Reason.NOT_RIGHT_MOST, "right proof missing, left proof must be right-most");
      }
    } else if (!Ics23Ops.isLeftNeighbor(inner, p.left().get().path(), p.right().get().path())) {
      throw new Ics23Exception(Ics23Reason.NOT_NEIGHBOURS, "left and right proofs are not neighbours");
    }
  }

  private static byte[] keyForComparison(final ProofSpec spec, final byte[] key) {
    return spec.prehashKeyBeforeComparison() ? Ics23Ops.doHashOrNoop(spec.leafSpec().prehashKey(), key) : key;
  }

  private static String abbreviate(final Bytes b) {
    final String h = b.toHex();
    return h.length() <= 80 ? h : h.substring(0, 80) + "…";
  }
}
