package io.trestle.cosmos.light;

import java.time.Instant;
import java.util.Objects;

/**
 * Checks a claim of misbehaviour: two light blocks at one height with different header hashes, each
 * verified from the same trusted state under the same options (ibc-go 07-tendermint {@code
 * CheckForMisbehaviour} / {@code verifyMisbehaviour}). Verified means the conflict is proven (the result
 * is portable {@link AttackEvidence}); a claim where either block fails verification, or where the hashes
 * are equal, is rejected with the reason.
 */
public final class Misbehaviour {
  private Misbehaviour() {}

  /** Verifies both blocks from {@code trusted} and returns the evidence if they conflict. */
  public static LightResult<AttackEvidence> check(final TrustedState trusted, final LightBlock first,
      final LightBlock second, final VerifyOptions options, final Instant now) {
    Objects.requireNonNull(trusted, "trusted");
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(second, "second");
    return LightResult.of(() -> {
      if (first.height() != second.height()) {
        throw new LightException(LightRejection.INPUT_MALFORMED, "the headers are at heights " + first.height()
            + " and " + second.height() + "; misbehaviour needs one height");
      }
      final LightResult<TrustedState> a = LightVerifier.verify(trusted, first, options, now);
      if (a instanceof LightResult.Rejected<TrustedState> r) {
        throw new LightException(r.reason(), "first header: " + r.detail());
      }
      final LightResult<TrustedState> b = LightVerifier.verify(trusted, second, options, now);
      if (b instanceof LightResult.Rejected<TrustedState> r) {
        throw new LightException(r.reason(), "second header: " + r.detail());
      }
      if (a.value().headerHash().equals(b.value().headerHash())) {
        throw new LightException(LightRejection.INPUT_MALFORMED, "both headers hash to "
            + a.value().headerHash().toHex() + ": no conflict");
      }
      return new AttackEvidence(trusted.chainId(), first.height(), trusted.height(), first, second,
          AttackEvidence.classify(first.header(), second.header(), first.commit().round(), second.commit().round()));
    });
  }
}
