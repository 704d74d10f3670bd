package io.trestle.cosmos.ibc;

import io.trestle.cosmos.AppHash;
import io.trestle.cosmos.ics23.CommitmentProof;
import io.trestle.cosmos.ics23.ExistenceProof;
import io.trestle.cosmos.ics23.Ics23Codec;
import io.trestle.cosmos.ics23.Ics23Exception;
import io.trestle.cosmos.ics23.Ics23Reason;
import io.trestle.cosmos.ics23.Ics23Result;
import io.trestle.cosmos.ics23.Ics23Verifier;
import io.trestle.cosmos.ics23.NonExistenceProof;
import io.trestle.cosmos.ics23.ProofSpec;
import io.trestle.crypto.Bytes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Chained ICS-23 proofs against a CometBFT app hash: ibc-go {@code 23-commitment} {@code
 * MerkleProof.VerifyMembership} / {@code VerifyNonMembership}. For a Cosmos SDK chain the proof list is
 * {@code [IAVL proof of key in its store, Tendermint (simple Merkle) proof of the store root in the
 * multistore]} and the path {@code [storeName, key]}; the multistore root is the app hash.
 *
 * <p><b>What is verified.</b> Each proof with its spec ({@link Ics23Verifier}, including the stricter
 * padding rule); that proof {@code i} proves key {@code path[n-1-i]} with the value the proof below it
 * computed (the claimed value for the lowest); that the top computes exactly the app hash. For absence,
 * the lowest proof is a non-existence proof of the key under its own root, and that root is chained up.
 *
 * <p><b>What is trusted.</b> The {@link AppHash} (from a verified header), the specs ({@link
 * #SDK_SPECS} unless given), and the path the caller builds from what it wants to know (use {@link
 * IbcPaths}). Everything in the proof bytes is untrusted. Stateless; never throws on untrusted input.
 */
public final class StateProofVerifier {
  /** ibc-go {@code GetSDKSpecs()}: IAVL for the module store, Tendermint for the multistore. */
  public static final List<ProofSpec> SDK_SPECS = List.of(ProofSpec.IAVL, ProofSpec.TENDERMINT);

  private StateProofVerifier() {}

  /** Membership of {@code value} at {@code path} under {@code appHash}, with the SDK specs. */
  public static Ics23Result<VerifiedState.Present> verifyMembership(
      final AppHash appHash, final MerklePath path, final byte[] merkleProof, final Bytes value) {
    Objects.requireNonNull(merkleProof, "merkleProof");
    final Ics23Result<List<CommitmentProof>> d = decoded(merkleProof);
    return d.isVerified() ? verifyMembership(appHash, SDK_SPECS, path, d.orElseThrow(), value) : reject(d);
  }

  /** Absence of any value at {@code path} under {@code appHash}, with the SDK specs. */
  public static Ics23Result<VerifiedState.Absent> verifyNonMembership(
      final AppHash appHash, final MerklePath path, final byte[] merkleProof) {
    Objects.requireNonNull(merkleProof, "merkleProof");
    final Ics23Result<List<CommitmentProof>> d = decoded(merkleProof);
    return d.isVerified() ? verifyNonMembership(appHash, SDK_SPECS, path, d.orElseThrow()) : reject(d);
  }

  /**
   * "Packet P was committed by the sending chain at the app hash's height" (IBC v1): the {@code ibc}
   * store holds {@code P.commitment()} at {@code commitments/ports/{port}/channels/{channel}/sequences/{seq}}.
   */
  public static Ics23Result<VerifiedState.Present> verifyPacketCommitmentV1(
      final AppHash appHash, final PacketV1 packet, final byte[] merkleProof) {
    return verifyMembership(appHash, MerklePath.inStore(IbcPaths.IBC_STORE, packet.commitmentKey()), merkleProof,
        packet.commitment());
  }

  /**
   * "Packet P was committed by the sending chain at the app hash's height" (IBC v2 / Eureka): the
   * {@code ibc} store holds {@code P.commitment()} at {@code sourceClient ‖ 0x01 ‖ uint64_be(seq)}.
   */
  public static Ics23Result<VerifiedState.Present> verifyPacketCommitmentV2(
      final AppHash appHash, final PacketV2 packet, final byte[] merkleProof) {
    return verifyMembership(appHash, MerklePath.inStore(IbcPaths.IBC_STORE, packet.commitmentKey()), merkleProof,
        packet.commitment());
  }

  /** {@code MerkleProof.VerifyMembership} with explicit specs (lowest store first) and decoded proofs. */
  public static Ics23Result<VerifiedState.Present> verifyMembership(
      final AppHash appHash, final List<ProofSpec> specs, final MerklePath path, final List<CommitmentProof> proofs,
      final Bytes value) {
    Objects.requireNonNull(appHash, "appHash");
    Objects.requireNonNull(specs, "specs");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(proofs, "proofs");
    Objects.requireNonNull(value, "value");
    return Ics23Result.of(() -> {
      checkArgs(specs, path, proofs);
      if (value.isEmpty()) {
        throw new Ics23Exception(Ics23Reason.EMPTY_ARGUMENT, "empty value in membership proof");
      }
      chain(appHash.hash(), specs, proofs, path, value, 0);
      return new VerifiedState.Present(appHash, path, value);
    });
  }

  /** {@code MerkleProof.VerifyNonMembership} with explicit specs (lowest store first) and decoded proofs. */
  public static Ics23Result<VerifiedState.Absent> verifyNonMembership(
      final AppHash appHash, final List<ProofSpec> specs, final MerklePath path, final List<CommitmentProof> proofs) {
    Objects.requireNonNull(appHash, "appHash");
    Objects.requireNonNull(specs, "specs");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(proofs, "proofs");
    return Ics23Result.of(() -> {
      checkArgs(specs, path, proofs);
      if (!(proofs.get(0) instanceof NonExistenceProof n)) {
        throw new Ics23Exception(Ics23Reason.WRONG_PROOF_TYPE,
            "proof 0: got an existence proof where absence must be shown (was the proof queried for this key?)");
      }
      final Bytes key = path.keys().get(path.keys().size() - 1);
      final Ics23Result<Bytes> absent = Ics23Verifier.verifiedRoot(specs.get(0), n, key, Optional.empty());
      if (absent instanceof Ics23Result.Rejected<Bytes> r) {
        throw new Ics23Exception(r.reason(), "proof 0 (key " + path + "): " + r.detail());
      }
      final Bytes subroot = absent.orElseThrow();
      chain(appHash.hash(), specs, proofs, path, subroot, 1);
      return new VerifiedState.Absent(appHash, path);
    });
  }

  private static void checkArgs(final List<ProofSpec> specs, final MerklePath path, final List<CommitmentProof> proofs) {
    if (proofs.isEmpty()) {
      throw new Ics23Exception(Ics23Reason.PATH_MISMATCH, "proof cannot be empty");
    }
    if (specs.size() != proofs.size()) {
      throw new Ics23Exception(Ics23Reason.PATH_MISMATCH,
          "length of specs " + specs.size() + " not equal to length of proof " + proofs.size());
    }
    if (path.keys().size() != specs.size()) {
      throw new Ics23Exception(Ics23Reason.PATH_MISMATCH,
          "path length " + path.keys().size() + " not same as proof " + specs.size());
    }
  }

  /** {@code verifyChainedMembershipProof}. */
  private static void chain(
      final Bytes root, final List<ProofSpec> specs, final List<CommitmentProof> proofs, final MerklePath path,
      final Bytes lowest, final int from) {
    Bytes value = lowest;
    final int n = path.keys().size();
    for (int i = from; i < proofs.size(); i++) {
      if (!(proofs.get(i) instanceof ExistenceProof e)) {
        throw i == 0
            ? new Ics23Exception(Ics23Reason.WRONG_PROOF_TYPE, "proof 0: got a non-existence proof where membership must be shown")
            : new Ics23Exception(Ics23Reason.CHAINED_NONEXIST, "proof " + i + ": non-existence proof inside the membership chain");
      }
      final Bytes key = path.keys().get(n - 1 - i);
      final Ics23Result<Bytes> r = Ics23Verifier.verifiedRoot(specs.get(i), e, key, Optional.of(value));
      if (r instanceof Ics23Result.Rejected<Bytes> rej) {
        throw new Ics23Exception(rej.reason(), "proof " + i + " (path element " + (n - 1 - i) + "): " + rej.detail());
      }
      value = r.orElseThrow();
    }
    if (!root.equals(value)) {
      throw new Ics23Exception(Ics23Reason.ROOT_MISMATCH,
          "proof did not commit to the trusted app hash " + root.toHex() + ", got " + value.toHex());
    }
  }

  private static Ics23Result<List<CommitmentProof>> decoded(final byte[] merkleProof) {
    return Ics23Codec.decodeMerkleProof(merkleProof);
  }

  private static <T> Ics23Result<T> reject(final Ics23Result<?> r) {
    final Ics23Result.Rejected<?> x = (Ics23Result.Rejected<?>) r;
    return new Ics23Result.Rejected<>(x.reason(), "MerkleProof: " + x.detail());
  }
}
