package io.trestle.cosmos.light;

/**
 * Stable reason codes for every rejection of the CometBFT light client. The names are API (metric
 * labels, relayer policy, CLI output) and are never renamed. Each code belongs to a {@link Verdict}:
 * only {@link #NOT_ENOUGH_TRUST} says "cannot decide from this trusted state, try an intermediate
 * height"; every other code says the input is invalid.
 */
public enum LightRejection {
  /** Untrusted input (JSON, protobuf) is malformed or misses a required field. */
  INPUT_MALFORMED,
  /** A header field has the wrong size (hashes 32 bytes or empty, proposer 20 bytes) or a required hash is empty. */
  HEADER_MALFORMED,
  /** The header's chain id differs from the trusted chain id (GHSA-xqqc-c5gw-c5r5 class). */
  CHAIN_ID_MISMATCH,
  /** A validator's key type is not Ed25519 or secp256k1, or its key has the wrong length or is not a point. */
  UNSUPPORTED_KEY_TYPE,
  /** A validator's address is not the address of its public key (GHSA-6jrf-4jv4-r9mw class). */
  ADDRESS_NOT_BOUND_TO_KEY,
  /** Two validators of one set share an address. */
  DUPLICATE_VALIDATOR,
  /** One validator's vote is counted twice in a commit. */
  DUPLICATE_VOTE,
  /** A validator with negative voting power. */
  VOTING_POWER_NEGATIVE,
  /** The total voting power overflows or exceeds CometBFT's maximum (MaxInt64 / 8). */
  VOTING_POWER_OVERFLOW,
  /** An empty validator set. */
  VALIDATOR_SET_EMPTY,
  /** The validator set does not hash to the header's {@code validators_hash}. */
  VALIDATORS_HASH_MISMATCH,
  /** The next validator set does not hash to the header's {@code next_validators_hash}. */
  NEXT_VALIDATORS_HASH_MISMATCH,
  /** Adjacent step: the header's {@code validators_hash} is not the trusted {@code next_validators_hash}. */
  TRUSTED_NEXT_VALIDATORS_MISMATCH,
  /** The commit's block id is not the header's hash (or a vote is for another block id). */
  COMMIT_BLOCK_ID_MISMATCH,
  /** The commit's height is not the header's height. */
  COMMIT_HEIGHT_MISMATCH,
  /** The commit does not have one entry per validator. */
  SIGNATURE_COUNT_MISMATCH,
  /** The commit has no non-absent signature. */
  NO_SIGNATURES,
  /** A commit signature with an unknown block-id flag or malformed fields (address length, signature length, absent with data). */
  COMMIT_SIG_MALFORMED,
  /** A commit entry's address is not the validator at its index (or not in the set). */
  SIGNER_NOT_IN_VALIDATOR_SET,
  /** A signature does not verify under its validator's key. */
  INVALID_SIGNATURE,
  /** Validators with more than 2/3 of the block's own set's power did not sign. */
  INSUFFICIENT_VOTING_POWER,
  /** Validators with more than the trust level of the trusted set's power did not sign (try bisection). */
  NOT_ENOUGH_TRUST,
  /** The trusted state is older than the trusting period at {@code now}. */
  TRUSTED_STATE_EXPIRED,
  /** The header's time is not before {@code now + max clock drift}. */
  HEADER_FROM_FUTURE,
  /** The header's time is not after the trusted time. */
  NON_MONOTONIC_TIME,
  /** The header's height is not above the trusted height. */
  NON_MONOTONIC_HEIGHT,
  /** The trust root (height/hash given by the operator, or an IBC consensus state) does not match the data. */
  TRUST_ROOT_MISMATCH,
  /** Two validly signed headers conflict: an attack or a fork; never an update. */
  CONFLICTING_HEADERS,
  /** No block is available at a height the verification needs. */
  BLOCK_UNAVAILABLE,
  /** A bug: an unexpected internal exception, reported instead of thrown (fail closed). */
  INTERNAL_ERROR;

  /** The tendermint-rs verdict class of this reason. */
  public Verdict verdict() {
    return this == NOT_ENOUGH_TRUST ? Verdict.NOT_ENOUGH_TRUST : Verdict.INVALID;
  }

  /** The verdict classes of a verification step (tendermint-rs {@code Verdict}). */
  public enum Verdict {
    /** The untrusted block is verified and becomes trusted. */
    SUCCESS,
    /** Not enough of the trusted validators signed; an intermediate block may help. */
    NOT_ENOUGH_TRUST,
    /** The block is invalid. */
    INVALID
  }
}
