package io.trestle.cosmos.light;

import io.trestle.crypto.Bytes;
import java.util.HashMap;
import java.util.Map;

/**
 * A validator set that passed the structural checks ({@code ValidatorSet.ValidateBasic} plus the
 * key-binding rule): non-empty, every key of a supported type, every address equal to its key's address,
 * no duplicate address, no negative power, total power summed with overflow checks and at most {@link
 * #MAX_TOTAL_VOTING_POWER}. Says nothing about which header the set belongs to.
 */
final class CheckedValidatorSet {
  /** CometBFT's {@code MaxTotalVotingPower} = MaxInt64 / 8. */
  static final long MAX_TOTAL_VOTING_POWER = Long.MAX_VALUE / 8;

  final ValidatorSet set;
  final long totalPower;
  final Bytes hash;
  private final Map<Bytes, Integer> indexByAddress;

  private CheckedValidatorSet(final ValidatorSet set, final long totalPower, final Bytes hash,
      final Map<Bytes, Integer> index) {
    this.set = set;
    this.totalPower = totalPower;
    this.hash = hash;
    this.indexByAddress = index;
  }

  static CheckedValidatorSet check(final ValidatorSet vs, final String what) {
    return check(vs, what, false);
  }

  /**
   * As {@link #check(ValidatorSet, String)}; {@code allowEmpty} for a next or trusted set, which only
   * has to match a hash (an empty trusted set can never give enough trust).
   */
  static CheckedValidatorSet check(final ValidatorSet vs, final String what, final boolean allowEmpty) {
    if (vs.size() == 0 && !allowEmpty) {
      throw new LightException(LightRejection.VALIDATOR_SET_EMPTY, what + " is empty");
    }
    final Map<Bytes, Integer> index = new HashMap<>();
    long total = 0;
    for (int i = 0; i < vs.size(); i++) {
      final Validator v = vs.validators().get(i);
      final Bytes derived;
      try {
        derived = Keys.address(v.pubKey());
      } catch (LightException e) {
        throw new LightException(e.reason(), what + " validator " + i + ": " + e.detail());
      }
      if (!derived.equals(v.address())) {
        throw new LightException(LightRejection.ADDRESS_NOT_BOUND_TO_KEY, what + " validator " + i + " claims address "
            + v.address().toHex() + " but its key's address is " + derived.toHex());
      }
      if (v.votingPower() < 0) {
        throw new LightException(LightRejection.VOTING_POWER_NEGATIVE, what + " validator " + i + " ("
            + v.address().toHex() + ") has voting power " + v.votingPower());
      }
      if (index.putIfAbsent(v.address(), i) != null) {
        throw new LightException(LightRejection.DUPLICATE_VALIDATOR, what + " lists validator " + v.address().toHex()
            + " at " + index.get(v.address()) + " and " + i);
      }
      try {
        total = Math.addExact(total, v.votingPower());
      } catch (ArithmeticException e) {
        throw new LightException(LightRejection.VOTING_POWER_OVERFLOW, what + ": total voting power overflows int64 at "
            + "validator " + i);
      }
      if (total > MAX_TOTAL_VOTING_POWER) {
        throw new LightException(LightRejection.VOTING_POWER_OVERFLOW, what + ": total voting power exceeds "
            + MAX_TOTAL_VOTING_POWER + " at validator " + i);
      }
    }
    return new CheckedValidatorSet(vs, total, Canonical.validatorSetHash(vs), index);
  }

  /** The index of the validator with this address, or -1. */
  int indexOf(final Bytes address) {
    final Integer i = indexByAddress.get(address);
    return i == null ? -1 : i;
  }

  Validator get(final int i) {
    return set.validators().get(i);
  }

  int size() {
    return set.size();
  }
}
