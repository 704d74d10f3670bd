package io.trestle.cosmos.light;

import io.trestle.crypto.Bytes;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A trusted CometBFT state: what the light client believes about one height of one chain. Instances
 * come only from a trust root the operator chose ({@link #fromTrustedBlock}, {@link #fromConsensusState})
 * or from {@link LightVerifier#verify} (and a checked {@link TrustedStateStore} load), so holding one means
 * its fields were checked: the header hash (when known) is the hash of a header with these fields, and
 * each validator set present hashes to the header's (next) validators hash.
 *
 * <p>For a skipping step the trusted validators are {@link #nextValidators} when known (tendermint-rs,
 * ibc-go 07-tendermint) and otherwise {@link #validators} (CometBFT's light client): both are sets that
 * were bonded at this height.
 */
public final class TrustedState {
  private final String chainId;
  private final long height;
  private final Instant time;
  private final Bytes headerHash;
  private final Bytes nextValidatorsHash;
  private final Optional<ValidatorSet> validators;
  private final Optional<ValidatorSet> nextValidators;
  private final Optional<Bytes> appHash;
  private final Optional<Header> header;

  TrustedState(final String chainId, final long height, final Instant time, final Bytes headerHash,
      final Bytes nextValidatorsHash, final Optional<ValidatorSet> validators,
      final Optional<ValidatorSet> nextValidators, final Optional<Bytes> appHash) {
    this(chainId, height, time, headerHash, nextValidatorsHash, validators, nextValidators, appHash, Optional.empty());
  }

  TrustedState(final Header h, final Bytes headerHash, final Optional<ValidatorSet> validators,
      final Optional<ValidatorSet> nextValidators) {
    this(h.chainId(), h.height(), h.time(), headerHash, h.nextValidatorsHash(), validators, nextValidators,
        Optional.of(h.appHash()), Optional.of(h));
  }

  private TrustedState(final String chainId, final long height, final Instant time, final Bytes headerHash,
      final Bytes nextValidatorsHash, final Optional<ValidatorSet> validators,
      final Optional<ValidatorSet> nextValidators, final Optional<Bytes> appHash, final Optional<Header> header) {
    this.header = Objects.requireNonNull(header);
    this.chainId = Objects.requireNonNull(chainId);
    this.height = height;
    this.time = Objects.requireNonNull(time);
    this.headerHash = Objects.requireNonNull(headerHash);
    this.nextValidatorsHash = Objects.requireNonNull(nextValidatorsHash);
    this.validators = Objects.requireNonNull(validators);
    this.nextValidators = Objects.requireNonNull(nextValidators);
    this.appHash = Objects.requireNonNull(appHash);
    if (validators.isEmpty() && nextValidators.isEmpty()) {
      throw new IllegalArgumentException("a trusted state needs a validator set");
    }
  }

  /**
   * The trust root from a light block the operator trusts by hash (CometBFT {@code TrustOptions{Height,
   * Hash}}): the header must hash to {@code expectedHash}, the validator set (and the next set, if given)
   * must hash to the header's fields, and the sets must pass the structural checks.
   */
  public static LightResult<TrustedState> fromTrustedBlock(final LightBlock block, final Bytes expectedHash) {
    return LightResult.of(() -> {
      final Header h = block.header();
      LightVerifier.checkHeaderFields(h);
      final Bytes hash = Canonical.headerHash(h);
      if (!hash.equals(expectedHash)) {
        throw new LightException(LightRejection.TRUST_ROOT_MISMATCH, "header at height " + h.height() + " hashes to "
            + hash.toHex() + ", not the trusted " + expectedHash.toHex());
      }
      LightVerifier.checkValidatorSets(block);
      return new TrustedState(h, hash, Optional.of(block.validatorSet()), block.nextValidatorSet());
    });
  }

  /**
   * A trust root from a header trusted by hash whose own validator set is not given, only the next set
   * (the tendermint-rs single-step {@code initial} shape).
   */
  public static LightResult<TrustedState> fromTrustedHeader(final Header h, final ValidatorSet nextValidators,
      final Bytes expectedHash) {
    return LightResult.of(() -> {
      LightVerifier.checkHeaderFields(h);
      final Bytes hash = Canonical.headerHash(h);
      if (!hash.equals(expectedHash)) {
        throw new LightException(LightRejection.TRUST_ROOT_MISMATCH, "header at height " + h.height() + " hashes to "
            + hash.toHex() + ", not the trusted " + expectedHash.toHex());
      }
      final CheckedValidatorSet next = CheckedValidatorSet.check(nextValidators, "next validator set", true);
      if (!next.hash.equals(h.nextValidatorsHash())) {
        throw new LightException(LightRejection.NEXT_VALIDATORS_HASH_MISMATCH, "next validator set hashes to "
            + next.hash.toHex() + ", header says " + h.nextValidatorsHash().toHex());
      }
      return new TrustedState(h, hash, Optional.empty(), Optional.of(nextValidators));
    });
  }

  /**
   * A trust root from an IBC 07-tendermint consensus state (timestamp, next validators hash) at a height,
   * with the trusted validators a client update supplies: they must hash to {@code nextValidatorsHash}. The
   * header hash is unknown (empty).
   */
  public static LightResult<TrustedState> fromConsensusState(final String chainId, final long height,
      final Instant timestamp, final Bytes nextValidatorsHash, final ValidatorSet trustedValidators) {
    return LightResult.of(() -> {
      final CheckedValidatorSet v = CheckedValidatorSet.check(trustedValidators, "trusted validator set");
      if (!v.hash.equals(nextValidatorsHash)) {
        throw new LightException(LightRejection.TRUST_ROOT_MISMATCH, "trusted validators hash to " + v.hash.toHex()
            + ", the consensus state's next_validators_hash is " + nextValidatorsHash.toHex());
      }
      return new TrustedState(chainId, height, timestamp, Bytes.EMPTY, nextValidatorsHash, Optional.empty(),
          Optional.of(trustedValidators), Optional.empty());
    });
  }

  /** The chain id. */
  public String chainId() {
    return chainId;
  }

  /** The trusted height. */
  public long height() {
    return height;
  }

  /** The trusted header's time. */
  public Instant time() {
    return time;
  }

  /** The trusted header's hash; empty for a trust root from an IBC consensus state. */
  public Bytes headerHash() {
    return headerHash;
  }

  /** The trusted header's {@code next_validators_hash}. */
  public Bytes nextValidatorsHash() {
    return nextValidatorsHash;
  }

  /** The validator set of this height, when known. */
  public Optional<ValidatorSet> validators() {
    return validators;
  }

  /** The next height's validator set, when known. */
  public Optional<ValidatorSet> nextValidators() {
    return nextValidators;
  }

  /** The trusted header's app hash (state root after the previous block), when known. */
  public Optional<Bytes> appHash() {
    return appHash;
  }

  /** The trusted header, when the state came from one (not from an IBC consensus state). */
  public Optional<Header> header() {
    return header;
  }

  /**
   * The verified header's app hash as the anchor for ICS-23 state proofs ({@code io.trestle.cosmos.ibc}):
   * present when the state came from a header with a non-empty app hash. The header at height H carries
   * the state root after block H-1.
   */
  public Optional<io.trestle.cosmos.AppHash> verifiedAppHash() {
    return appHash.filter(h -> !h.isEmpty() && h.size() <= 64)
        .map(h -> new io.trestle.cosmos.AppHash(chainId, height, h));
  }

  /** The set a skipping step must be signed by (next validators when known, else this height's). */
  ValidatorSet trustingSet() {
    return nextValidators.orElseGet(validators::orElseThrow);
  }

  @Override
  public String toString() {
    return "TrustedState{" + chainId + " @" + height + " " + time + " " + headerHash.toHex() + "}";
  }
}
