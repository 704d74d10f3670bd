package io.trestle.lightclient.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Compares what several endpoints answered to the same request (from {@code *FromAll} methods such as {@link
 * BeaconApiClient#finalityUpdateFromAll()}). Answers are grouped by equality; each group after the first yields a
 * {@link Divergence} pairing its first answer with the first group's first answer.
 *
 * <p>Trust: agreement between endpoints is not verification (they may share a faulty upstream or collude), and
 * disagreement is not proof of fraud; both sides stay untrusted until the light client verifies them.
 */
public final class CrossCheck {
  private CrossCheck() {}

  /**
   * The comparison of a set of answers.
   *
   * @param answers the endpoints that answered, in endpoint order
   * @param failures the endpoints that failed
   * @param divergences one per group of answers differing from the first group
   * @param <T> the object type
   */
  public record Outcome<T>(List<EndpointResult.Ok<T>> answers, List<EndpointResult.Failed<T>> failures,
      List<Divergence<T>> divergences) {
    /** Copies the lists. */
    public Outcome {
      answers = List.copyOf(answers);
      failures = List.copyOf(failures);
      divergences = List.copyOf(divergences);
    }

    /** True if at least one endpoint answered and all answers are equal. */
    public boolean agreed() {
      return !answers.isEmpty() && divergences.isEmpty();
    }

    /** The common answer if {@link #agreed()}. */
    public Optional<T> agreedValue() {
      return agreed() ? Optional.of(answers.get(0).data()) : Optional.empty();
    }
  }

  /** Compares answers with {@link Object#equals} (deep for {@code JsonNode} and the light-client records). */
  public static <T> Outcome<T> compare(final List<EndpointResult<T>> results) {
    return compare(results, Objects::equals);
  }

  /** Compares answers by a key, for example {@code v -> v.data().hashTreeRoot()}. */
  public static <T, K> Outcome<T> compareBy(final List<EndpointResult<T>> results, final Function<? super T, K> key) {
    return compare(results, (a, b) -> Objects.equals(key.apply(a), key.apply(b)));
  }

  /** Compares answers with a custom equivalence. */
  public static <T> Outcome<T> compare(final List<EndpointResult<T>> results,
      final BiPredicate<? super T, ? super T> same) {
    final List<EndpointResult.Ok<T>> answers = new ArrayList<>();
    final List<EndpointResult.Failed<T>> failures = new ArrayList<>();
    final List<EndpointResult.Ok<T>> groups = new ArrayList<>();
    for (final EndpointResult<T> r : results) {
      if (r instanceof EndpointResult.Failed<T> f) {
        failures.add(f);
        continue;
      }
      final EndpointResult.Ok<T> ok = (EndpointResult.Ok<T>) r;
      answers.add(ok);
      if (groups.stream().noneMatch(g -> same.test(g.data(), ok.data()))) {
        groups.add(ok);
      }
    }
    final List<Divergence<T>> divergences = new ArrayList<>();
    for (int i = 1; i < groups.size(); i++) {
      divergences.add(new Divergence<>(groups.get(0).endpoint(), groups.get(0).data(), groups.get(i).endpoint(),
          groups.get(i).data()));
    }
    return new Outcome<>(answers, failures, divergences);
  }

  /**
   * The common answer, or a {@link SourceError#DIVERGENCE} naming the first diverging pair (use {@link #compare}
   * to keep the objects as evidence), or {@link SourceError#ALL_ENDPOINTS_FAILED} if no endpoint answered.
   */
  public static <T> T requireAgreement(final List<EndpointResult<T>> results) {
    final Outcome<T> o = compare(results);
    if (o.answers().isEmpty()) {
      final List<SourceException> errs = new ArrayList<>();
      o.failures().forEach(f -> errs.add(f.error()));
      throw SourceException.aggregate(SourceError.ALL_ENDPOINTS_FAILED, "cross-check: no endpoint answered", errs);
    }
    if (!o.divergences().isEmpty()) {
      final Divergence<T> d = o.divergences().get(0);
      throw SourceException.general(SourceError.DIVERGENCE, "cross-check: " + d.endpointA().label() + " and "
          + d.endpointB().label() + " answered differently (" + (o.divergences().size() + 1) + " distinct answers)");
    }
    return o.answers().get(0).data();
  }
}
