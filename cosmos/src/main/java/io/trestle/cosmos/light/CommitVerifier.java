package io.trestle.cosmos.light;

import java.math.BigInteger;

/**
 * Commit verification with CometBFT's light-client semantics ({@code types/validation.go}):
 *
 * <ul>
 *   <li>{@link #verifyCommitLight} ({@code VerifyCommitLight}): the block's own validator set; one commit
 *       entry per validator, matched by index; more than 2/3 of the set's power must have signed this
 *       block id.
 *   <li>{@link #verifyCommitLightTrusting} ({@code VerifyCommitLightTrusting}): a trusted set; entries are
 *       matched by address (unknown addresses are skipped), a validator counted twice is {@link
 *       LightRejection#DUPLICATE_VOTE}; more than the trust level of its power must have signed.
 * </ul>
 *
 * <p>Both first check the set ({@link CheckedValidatorSet}: key types, address bound to key, duplicates,
 * overflow) and every commit entry's structure (known flag, 20-byte address and 64-byte signature when
 * present, nothing when absent, the address of the validator at its index for {@code
 * verifyCommitLight}), then verify signatures in commit order, only of {@code COMMIT} entries, and stop
 * as soon as the threshold is passed, as CometBFT does ({@code countAllSignatures = false}): a bad
 * signature after the threshold is not seen, which cannot make a header valid that was not.
 *
 * <p>Signatures sign {@code Commit.VoteSignBytes(chainID, idx)} with the chain id given: callers pass the
 * <em>trusted</em> chain id, so a commit made for another chain never verifies.
 */
public final class CommitVerifier {
  private CommitVerifier() {}

  /** {@code VerifyCommitLight}: the result is the tallied power on success. */
  public static LightResult<Long> verifyCommitLight(final String chainId, final ValidatorSet vals,
      final BlockId blockId, final long height, final Commit commit) {
    return LightResult.of(() -> light(chainId, CheckedValidatorSet.check(vals, "validator set"), blockId, height,
        commit));
  }

  /** {@code VerifyCommitLightTrusting}: the result is the tallied trusted power on success. */
  public static LightResult<Long> verifyCommitLightTrusting(final String chainId, final ValidatorSet trusted,
      final Commit commit, final TrustLevel level) {
    return LightResult.of(() -> trusting(chainId, CheckedValidatorSet.check(trusted, "trusted validator set"), commit,
        level));
  }

  static long light(final String chainId, final CheckedValidatorSet vals, final BlockId blockId, final long height,
      final Commit commit) {
    if (commit.height() != height) {
      throw new LightException(LightRejection.COMMIT_HEIGHT_MISMATCH, "commit is for height " + commit.height()
          + ", header is at " + height);
    }
    if (!commit.blockId().equals(blockId)) {
      throw new LightException(LightRejection.COMMIT_BLOCK_ID_MISMATCH, "commit signs block "
          + commit.blockId().hash().toHex() + ", expected " + blockId.hash().toHex());
    }
    if (commit.signatures().size() != vals.size()) {
      throw new LightException(LightRejection.SIGNATURE_COUNT_MISMATCH, "commit has " + commit.signatures().size()
          + " signatures for " + vals.size() + " validators");
    }
    checkStructure(commit);
    for (int i = 0; i < vals.size(); i++) {
      final CommitSig s = commit.signatures().get(i);
      if (s.blockIdFlag() != CommitSig.ABSENT && !s.validatorAddress().equals(vals.get(i).address())) {
        throw new LightException(LightRejection.SIGNER_NOT_IN_VALIDATOR_SET, "commit signature " + i + " is from "
            + s.validatorAddress().toHex() + " but validator " + i + " is " + vals.get(i).address().toHex());
      }
    }
    final BigInteger needed = BigInteger.valueOf(vals.totalPower).multiply(BigInteger.TWO);
    long tallied = 0;
    for (int i = 0; i < vals.size(); i++) {
      final CommitSig s = commit.signatures().get(i);
      if (s.blockIdFlag() != CommitSig.COMMIT) {
        continue;
      }
      final Validator v = vals.get(i);
      if (!Keys.verify(v.pubKey(), Canonical.commitVoteSignBytes(chainId, commit, i), s.signature().toArray())) {
        throw new LightException(LightRejection.INVALID_SIGNATURE, "commit signature " + i + " (validator "
            + v.address().toHex() + ") does not verify for chain '" + chainId + "' height " + commit.height());
      }
      tallied = Math.addExact(tallied, v.votingPower());
      if (BigInteger.valueOf(tallied).multiply(BigInteger.valueOf(3)).compareTo(needed) > 0) {
        return tallied;
      }
    }
    throw new LightException(LightRejection.INSUFFICIENT_VOTING_POWER, "signed power " + tallied + " of "
        + vals.totalPower + " is not more than 2/3");
  }

  static long trusting(final String chainId, final CheckedValidatorSet trusted, final Commit commit,
      final TrustLevel level) {
    checkStructure(commit);
    final BigInteger needed = BigInteger.valueOf(trusted.totalPower).multiply(BigInteger.valueOf(level.numerator()));
    final BigInteger den = BigInteger.valueOf(level.denominator());
    final int[] seenAt = new int[trusted.size()];
    java.util.Arrays.fill(seenAt, -1);
    long tallied = 0;
    for (int i = 0; i < commit.signatures().size(); i++) {
      final CommitSig s = commit.signatures().get(i);
      if (s.blockIdFlag() != CommitSig.COMMIT) {
        continue;
      }
      final int vi = trusted.indexOf(s.validatorAddress());
      if (vi < 0) {
        continue;
      }
      if (seenAt[vi] >= 0) {
        throw new LightException(LightRejection.DUPLICATE_VOTE, "validator " + s.validatorAddress().toHex()
            + " signed the commit twice (signatures " + seenAt[vi] + " and " + i + ")");
      }
      seenAt[vi] = i;
      final Validator v = trusted.get(vi);
      if (!Keys.verify(v.pubKey(), Canonical.commitVoteSignBytes(chainId, commit, i), s.signature().toArray())) {
        throw new LightException(LightRejection.INVALID_SIGNATURE, "commit signature " + i + " (trusted validator "
            + v.address().toHex() + ") does not verify for chain '" + chainId + "' height " + commit.height());
      }
      tallied = Math.addExact(tallied, v.votingPower());
      if (BigInteger.valueOf(tallied).multiply(den).compareTo(needed) > 0) {
        return tallied;
      }
    }
    throw new LightException(LightRejection.NOT_ENOUGH_TRUST, "trusted validators with power " + tallied + " of "
        + trusted.totalPower + " signed, not more than " + level);
  }

  /** {@code CommitSig.ValidateBasic} for every entry, and at least one non-absent entry. */
  static void checkStructure(final Commit commit) {
    boolean any = false;
    for (int i = 0; i < commit.signatures().size(); i++) {
      final CommitSig s = commit.signatures().get(i);
      switch (s.blockIdFlag()) {
        case CommitSig.ABSENT -> {
          if (!s.validatorAddress().isEmpty() || !s.signature().isEmpty()) {
            throw new LightException(LightRejection.COMMIT_SIG_MALFORMED, "absent signature " + i
                + " carries an address or a signature");
          }
        }
        case CommitSig.COMMIT, CommitSig.NIL -> {
          any = true;
          if (s.validatorAddress().size() != 20) {
            throw new LightException(LightRejection.COMMIT_SIG_MALFORMED, "signature " + i + " has a "
                + s.validatorAddress().size() + "-byte validator address");
          }
          if (s.signature().isEmpty() || s.signature().size() > 64) {
            throw new LightException(LightRejection.COMMIT_SIG_MALFORMED, "signature " + i + " has "
                + s.signature().size() + " bytes");
          }
        }
        default -> throw new LightException(LightRejection.COMMIT_SIG_MALFORMED, "signature " + i
            + " has unknown block_id_flag " + s.blockIdFlag());
      }
    }
    if (!any) {
      throw new LightException(LightRejection.NO_SIGNATURES, "the commit has no non-absent signature");
    }
  }
}
