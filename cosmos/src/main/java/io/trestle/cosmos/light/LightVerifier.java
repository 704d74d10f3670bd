package io.trestle.cosmos.light;

import io.trestle.crypto.Bytes;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One verification step of the CometBFT light client ({@code light/verifier.go} {@code Verify},
 * tendermint-rs {@code verify_update_header}). Pure: no IO, {@code now} is an argument.
 *
 * <p>Checks, in the order that gives tendermint-rs's verdicts (each failure INVALID unless noted):
 *
 * <ol>
 *   <li>the block: header field sizes; validator set (key types, address bound to key, duplicates,
 *       power) hashes to {@code validators_hash}, the next set (if given) to {@code next_validators_hash};
 *       the header hash is the commit's block id hash; commit height; at least one non-absent signature;
 *       one signature entry per validator; every non-absent signer is the validator at its index;
 *   <li>the trusted state is within the trusting period ({@code trusted.time + period > now}); the header
 *       time is after the trusted time; the chain id is the trusted chain id; adjacent ({@code height ==
 *       trusted + 1}): {@code validators_hash == trusted.next_validators_hash}; otherwise height above
 *       the trusted height;
 *   <li>the header time is before {@code now + maxClockDrift};
 *   <li>non-adjacent only: more than the trust level of the trusted set signed ({@link
 *       LightRejection#NOT_ENOUGH_TRUST} otherwise); then more than 2/3 of the block's own set signed.
 * </ol>
 */
public final class LightVerifier {
  private LightVerifier() {}

  /**
   * Verifies {@code untrusted} against {@code trusted}; on success the result is the new trusted state at
   * the untrusted height.
   */
  public static LightResult<TrustedState> verify(final TrustedState trusted, final LightBlock untrusted,
      final VerifyOptions options, final Instant now) {
    Objects.requireNonNull(trusted, "trusted");
    Objects.requireNonNull(untrusted, "untrusted");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(now, "now");
    return LightResult.of(() -> doVerify(trusted, untrusted, options, now));
  }

  private static TrustedState doVerify(final TrustedState trusted, final LightBlock untrusted,
      final VerifyOptions options, final Instant now) {
    final Header h = untrusted.header();
    // 1. the block on its own
    checkHeaderFields(h);
    final CheckedValidatorSet vals = checkValidatorSets(untrusted);
    final Bytes hash = Canonical.headerHash(h);
    final Commit commit = untrusted.commit();
    if (!commit.blockId().hash().equals(hash)) {
      throw new LightException(LightRejection.COMMIT_BLOCK_ID_MISMATCH, "header at height " + h.height()
          + " hashes to " + hash.toHex() + " but the commit signs " + commit.blockId().hash().toHex());
    }
    if (commit.height() != h.height()) {
      throw new LightException(LightRejection.COMMIT_HEIGHT_MISMATCH, "commit height " + commit.height()
          + " for header height " + h.height());
    }
    CommitVerifier.checkStructure(commit);
    if (commit.signatures().size() != vals.size()) {
      throw new LightException(LightRejection.SIGNATURE_COUNT_MISMATCH, "commit has " + commit.signatures().size()
          + " signatures for " + vals.size() + " validators");
    }
    for (int i = 0; i < commit.signatures().size(); i++) {
      final CommitSig s = commit.signatures().get(i);
      if (s.blockIdFlag() != CommitSig.ABSENT && !s.validatorAddress().equals(vals.get(i).address())) {
        throw new LightException(LightRejection.SIGNER_NOT_IN_VALIDATOR_SET, "commit signature " + i + " is from "
            + s.validatorAddress().toHex() + ", validator " + i + " is " + vals.get(i).address().toHex());
      }
    }
    // 2. against the trusted state
    final Instant expires = trusted.time().plus(options.trustingPeriod());
    if (!expires.isAfter(now)) {
      throw new LightException(LightRejection.TRUSTED_STATE_EXPIRED, "trusted state at height " + trusted.height()
          + " (time " + trusted.time() + ") expired at " + expires + ", now is " + now);
    }
    if (!h.time().isAfter(trusted.time())) {
      throw new LightException(LightRejection.NON_MONOTONIC_TIME, "header time " + h.time()
          + " is not after the trusted time " + trusted.time());
    }
    if (!h.chainId().equals(trusted.chainId())) {
      throw new LightException(LightRejection.CHAIN_ID_MISMATCH, "header is for chain '" + h.chainId()
          + "', trusted chain is '" + trusted.chainId() + "'");
    }
    final boolean adjacent = trusted.height() != Long.MAX_VALUE && h.height() == trusted.height() + 1;
    if (adjacent) {
      if (!h.validatorsHash().equals(trusted.nextValidatorsHash())) {
        throw new LightException(LightRejection.TRUSTED_NEXT_VALIDATORS_MISMATCH, "header at height " + h.height()
            + " has validators_hash " + h.validatorsHash().toHex() + ", the trusted next_validators_hash is "
            + trusted.nextValidatorsHash().toHex());
      }
    } else if (h.height() <= trusted.height()) {
      throw new LightException(LightRejection.NON_MONOTONIC_HEIGHT, "header height " + h.height()
          + " is not above the trusted height " + trusted.height());
    }
    // 3. clock drift
    final Instant limit = now.plus(options.maxClockDrift());
    if (!h.time().isBefore(limit)) {
      throw new LightException(LightRejection.HEADER_FROM_FUTURE, "header time " + h.time() + " is not before now "
          + now + " + max clock drift " + options.maxClockDrift());
    }
    // 4. voting power
    if (!adjacent) {
      CommitVerifier.trusting(trusted.chainId(),
          CheckedValidatorSet.check(trusted.trustingSet(), "trusted validator set", true), commit, options.trustLevel());
    }
    CommitVerifier.light(trusted.chainId(), vals, commit.blockId(), h.height(), commit);
    return new TrustedState(h, hash, Optional.of(untrusted.validatorSet()), untrusted.nextValidatorSet());
  }

  /** Field sizes ({@code Header.ValidateBasic}): hashes 32 bytes or empty, validators hash present, height &gt; 0. */
  static void checkHeaderFields(final Header h) {
    if (h.height() <= 0) {
      throw new LightException(LightRejection.HEADER_MALFORMED, "height " + h.height() + " is not positive");
    }
    if (h.chainId().length() > 50) {
      throw new LightException(LightRejection.HEADER_MALFORMED, "chain id longer than 50 characters");
    }
    if (h.validatorsHash().size() != 32 || h.nextValidatorsHash().size() != 32) {
      throw new LightException(LightRejection.HEADER_MALFORMED, "validators_hash and next_validators_hash must be "
          + "32 bytes (got " + h.validatorsHash().size() + " and " + h.nextValidatorsHash().size() + ")");
    }
    final Bytes[] hashes = {h.lastCommitHash(), h.dataHash(), h.consensusHash(), h.lastResultsHash(),
        h.evidenceHash(), h.lastBlockId().hash(), h.lastBlockId().partSetHash()};
    final String[] names = {"last_commit_hash", "data_hash", "consensus_hash", "last_results_hash", "evidence_hash",
        "last_block_id.hash", "last_block_id.part_set_header.hash"};
    for (int i = 0; i < hashes.length; i++) {
      if (!hashes[i].isEmpty() && hashes[i].size() != 32) {
        throw new LightException(LightRejection.HEADER_MALFORMED, names[i] + " has " + hashes[i].size() + " bytes");
      }
    }
    if (h.proposerAddress().size() != 20) {
      throw new LightException(LightRejection.HEADER_MALFORMED, "proposer_address has " + h.proposerAddress().size()
          + " bytes");
    }
  }

  /** Checks the block's validator set(s) and their hashes against the header; returns the checked set. */
  static CheckedValidatorSet checkValidatorSets(final LightBlock b) {
    final Header h = b.header();
    final CheckedValidatorSet vals = CheckedValidatorSet.check(b.validatorSet(), "validator set");
    if (!vals.hash.equals(h.validatorsHash())) {
      throw new LightException(LightRejection.VALIDATORS_HASH_MISMATCH, "validator set hashes to " + vals.hash.toHex()
          + ", header at height " + h.height() + " says " + h.validatorsHash().toHex());
    }
    if (b.nextValidatorSet().isPresent()) {
      final CheckedValidatorSet next = CheckedValidatorSet.check(b.nextValidatorSet().get(), "next validator set", true);
      if (!next.hash.equals(h.nextValidatorsHash())) {
        throw new LightException(LightRejection.NEXT_VALIDATORS_HASH_MISMATCH, "next validator set hashes to "
            + next.hash.toHex() + ", header at height " + h.height() + " says " + h.nextValidatorsHash().toHex());
      }
    }
    return vals;
  }
}
