package io.trestle.cosmos.light;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Cross-checks a header the primary's data verified against witnesses (CometBFT {@code light/detector.go}
 * {@code detectDivergence}). For each witness, the block at the same height is fetched: the same hash is
 * agreement; a different hash is examined by verifying the witness's block (by bisection through the
 * witness) from the same trusted state. If it verifies, two validly signed headers conflict: a {@link
 * Report#alarm()} with portable {@link AttackEvidence}, and the caller must not update. If it does not, the
 * witness is faulty (reported, ignored). A witness without the height is unavailable.
 *
 * <p>A divergence is an alarm, never an update: this class never returns a new trusted state.
 */
public final class Detector {
  private Detector() {}

  /** What one witness said. */
  public sealed interface WitnessResult permits Agrees, Unavailable, Faulty, Conflict {
    /** The witness's index in the list given. */
    int witness();
  }

  /** The witness has the same header. */
  public record Agrees(int witness) implements WitnessResult {}

  /** The witness did not serve the height. */
  public record Unavailable(int witness, String detail) implements WitnessResult {}

  /** The witness served a different header that does not verify: it is faulty (or lying); ignored. */
  public record Faulty(int witness, LightRejection reason, String detail) implements WitnessResult {}

  /** The witness served a different header that verifies: an attack or a fork. */
  public record Conflict(int witness, AttackEvidence evidence) implements WitnessResult {}

  /**
   * The cross-check of one verified height.
   *
   * @param results one per witness, in order
   */
  public record Report(List<WitnessResult> results) {
    /** Copies the list. */
    public Report {
      results = List.copyOf(results);
    }

    /** True if any witness proved a conflicting header: stop, raise the alarm, update nothing. */
    public boolean alarm() {
      return results.stream().anyMatch(r -> r instanceof Conflict);
    }

    /** The evidence of the first conflict. */
    public Optional<AttackEvidence> evidence() {
      return results.stream().filter(r -> r instanceof Conflict).map(r -> ((Conflict) r).evidence()).findFirst();
    }
  }

  /**
   * Cross-checks {@code primaryBlock} (already verified from {@code commonRoot} through the primary) with
   * each witness.
   */
  public static Report crossCheck(final TrustedState commonRoot, final LightBlock primaryBlock,
      final List<LightBlockSource> witnesses, final VerifyOptions options, final Instant now) {
    Objects.requireNonNull(commonRoot, "commonRoot");
    Objects.requireNonNull(primaryBlock, "primaryBlock");
    final List<WitnessResult> out = new ArrayList<>();
    final long h = primaryBlock.height();
    final io.trestle.crypto.Bytes primaryHash = Canonical.headerHash(primaryBlock.header());
    for (int i = 0; i < witnesses.size(); i++) {
      final Optional<LightBlock> w;
      try {
        w = witnesses.get(i).lightBlock(h);
      } catch (RuntimeException e) {
        out.add(new Unavailable(i, "witness failed: " + e));
        continue;
      }
      if (w.isEmpty()) {
        out.add(new Unavailable(i, "no block at height " + h));
        continue;
      }
      final LightResult<io.trestle.crypto.Bytes> wh = LightResult.of(() -> Canonical.headerHash(w.get().header()));
      if (wh.isVerified() && wh.value().equals(primaryHash)) {
        out.add(new Agrees(i));
        continue;
      }
      final SyncOutcome trace = Bisection.sync(commonRoot, h, witnesses.get(i), options, now);
      if (trace.failure().isPresent()) {
        final LightResult.Rejected<TrustedState> f = trace.failure().get();
        out.add(new Faulty(i, f.reason(), f.detail()));
        continue;
      }
      final LightBlock witnessBlock = witnesses.get(i).lightBlock(h).orElse(w.get());
      final AttackEvidence ev = new AttackEvidence(commonRoot.chainId(), h, commonRoot.height(), primaryBlock,
          witnessBlock, AttackEvidence.classify(primaryBlock.header(), witnessBlock.header(),
              primaryBlock.commit().round(), witnessBlock.commit().round()));
      out.add(new Conflict(i, ev));
    }
    return new Report(out);
  }
}
