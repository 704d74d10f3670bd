package io.trestle.cosmos.light;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A validator set in the order given (untrusted). CometBFT keeps a set sorted by voting power
 * (descending), then address (ascending), and hashes it in that order; {@link #sorted} puts a list in
 * that order. The hash ({@link Canonical#validatorSetHash}) is over the order given, as CometBFT computes
 * it, so a set delivered in another order does not match its header.
 *
 * @param validators the validators
 */
public record ValidatorSet(List<Validator> validators) {
  /** CometBFT's order: voting power descending, then address ascending (unsigned bytes). */
  public static final Comparator<Validator> CANONICAL_ORDER =
      Comparator.comparingLong(Validator::votingPower).reversed().thenComparing(Validator::address);

  /** Copies the list. */
  public ValidatorSet {
    validators = List.copyOf(validators);
  }

  /** The validators in CometBFT's canonical order. */
  public static ValidatorSet sorted(final List<Validator> validators) {
    final List<Validator> l = new ArrayList<>(validators);
    l.sort(CANONICAL_ORDER);
    return new ValidatorSet(l);
  }

  /** Number of validators. */
  public int size() {
    return validators.size();
  }
}
