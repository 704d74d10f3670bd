package io.trestle.cosmos.light;

/**
 * The fraction of the trusted validator set's power that must sign a non-adjacent header ({@code
 * light.TrustLevel}, ibc-go {@code Fraction}). Valid range [1/3, 1], as CometBFT's {@code
 * ValidateTrustLevel}; the comparison is strict: signed power &times; denominator &gt; total &times;
 * numerator.
 *
 * @param numerator numerator (&ge; 1)
 * @param denominator denominator (&ge; 1)
 */
public record TrustLevel(long numerator, long denominator) {
  /** The default 1/3. */
  public static final TrustLevel ONE_THIRD = new TrustLevel(1, 3);

  /** Rejects levels outside [1/3, 1] (a configuration error, not untrusted input). */
  public TrustLevel {
    if (denominator <= 0 || numerator <= 0 || numerator > denominator
        || Math.multiplyHigh(numerator, 3) != 0 || numerator * 3 < denominator) {
      throw new IllegalArgumentException("trust level must be within [1/3, 1], got " + numerator + "/" + denominator);
    }
  }

  /** Parses {@code N/D}. */
  public static TrustLevel parse(final String s) {
    final int slash = s.indexOf('/');
    if (slash <= 0) {
      throw new IllegalArgumentException("trust level must be N/D, got '" + s + "'");
    }
    try {
      return new TrustLevel(Long.parseLong(s.substring(0, slash)), Long.parseLong(s.substring(slash + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("trust level must be N/D, got '" + s + "'");
    }
  }

  @Override
  public String toString() {
    return numerator + "/" + denominator;
  }
}
