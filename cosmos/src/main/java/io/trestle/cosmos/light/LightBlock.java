package io.trestle.cosmos.light;

import java.util.Objects;
import java.util.Optional;

/**
 * A light block as a CometBFT RPC or light provider serves it: the signed header and the validator set
 * of its height, optionally the next height's set (tendermint-rs test data carries it). Untrusted.
 *
 * @param signedHeader the header and its commit
 * @param validatorSet the validator set that must hash to {@code header.validators_hash}
 * @param nextValidatorSet the set that must hash to {@code header.next_validators_hash}, if given
 */
public record LightBlock(SignedHeader signedHeader, ValidatorSet validatorSet, Optional<ValidatorSet> nextValidatorSet) {
  /** Checks for nulls. */
  public LightBlock {
    Objects.requireNonNull(signedHeader, "signedHeader");
    Objects.requireNonNull(validatorSet, "validatorSet");
    Objects.requireNonNull(nextValidatorSet, "nextValidatorSet");
  }

  /** The header. */
  public Header header() {
    return signedHeader.header();
  }

  /** The commit. */
  public Commit commit() {
    return signedHeader.commit();
  }

  /** The header height. */
  public long height() {
    return signedHeader.header().height();
  }
}
