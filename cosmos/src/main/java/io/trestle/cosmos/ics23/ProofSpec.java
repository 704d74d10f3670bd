package io.trestle.cosmos.ics23;

import io.trestle.crypto.Bytes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code cosmos.ics23.v1.ProofSpec}: what a store's proofs must look like. Trusted configuration,
 * chosen by the verifier for the store it expects (never taken from the proof). The three upstream
 * specs are {@link #IAVL}, {@link #TENDERMINT} and {@link #SMT} (cosmos/ics23 {@code go/proof.go}).
 *
 * @param leafSpec the leaf op every existence proof's leaf must match (prefix: must start with it)
 * @param innerSpec the inner node shape; empty only in specs that check leaves alone
 * @param maxDepth the maximal number of inner ops (0 means the upstream default 128)
 * @param minDepth the minimal number of inner ops (0 means none)
 * @param prehashKeyBeforeComparison whether keys are ordered by their prehash (SMT)
 */
public record ProofSpec(
    LeafOp leafSpec, Optional<InnerSpec> innerSpec, int maxDepth, int minDepth, boolean prehashKeyBeforeComparison) {

  /** The IAVL store spec (Cosmos SDK module stores). */
  public static final ProofSpec IAVL = new ProofSpec(
      new LeafOp(HashOp.SHA256, HashOp.NO_HASH, HashOp.SHA256, LengthOp.VAR_PROTO, Bytes.of(new byte[] {0})),
      Optional.of(new InnerSpec(List.of(0, 1), 33, 4, 12, Bytes.EMPTY, HashOp.SHA256)), 0, 0, false);

  /** The CometBFT simple Merkle spec (the SDK multistore over module store roots). */
  public static final ProofSpec TENDERMINT = new ProofSpec(
      new LeafOp(HashOp.SHA256, HashOp.NO_HASH, HashOp.SHA256, LengthOp.VAR_PROTO, Bytes.of(new byte[] {0})),
      Optional.of(new InnerSpec(List.of(0, 1), 32, 1, 1, Bytes.EMPTY, HashOp.SHA256)), 0, 0, false);

  /** The sparse Merkle tree spec (celestiaorg/smt). */
  public static final ProofSpec SMT = new ProofSpec(
      new LeafOp(HashOp.SHA256, HashOp.SHA256, HashOp.SHA256, LengthOp.NO_PREFIX, Bytes.of(new byte[] {0})),
      Optional.of(new InnerSpec(List.of(0, 1), 32, 1, 1, Bytes.of(new byte[32]), HashOp.SHA256)), 256, 0, true);

  /** Rejects nulls. */
  public ProofSpec {
    Objects.requireNonNull(leafSpec, "leafSpec");
    Objects.requireNonNull(innerSpec, "innerSpec");
  }

  /** The inner spec, or a {@link Ics23Reason#SPEC_INVALID} rejection if the spec has none. */
  InnerSpec inner() {
    return innerSpec.orElseThrow(() -> new Ics23Exception(Ics23Reason.SPEC_INVALID, "spec has no inner_spec"));
  }

  /**
   * Upstream {@code SpecEquals}: "over-declares equality" by comparing only the hash and length ops of
   * the leaf and hash, prefix bounds, child size and child count of the inner spec. Decides whether the
   * IAVL or Tendermint prefix rules apply.
   */
  public boolean specEquals(final ProofSpec o) {
    final LeafOp a = leafSpec;
    final LeafOp b = o.leafSpec;
    if (a.hash() != b.hash() || a.prehashKey() != b.prehashKey() || a.prehashValue() != b.prehashValue()
        || a.length() != b.length()) {
      return false;
    }
    if (innerSpec.isPresent() != o.innerSpec.isPresent()) {
      return false;
    }
    if (innerSpec.isEmpty()) {
      return true;
    }
    final InnerSpec x = innerSpec.get();
    final InnerSpec y = o.innerSpec.get();
    return x.hash() == y.hash() && x.minPrefixLength() == y.minPrefixLength()
        && x.maxPrefixLength() == y.maxPrefixLength() && x.childSize() == y.childSize()
        && x.childOrder().size() == y.childOrder().size();
  }
}
