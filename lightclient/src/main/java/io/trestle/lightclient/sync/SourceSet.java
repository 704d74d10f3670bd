package io.trestle.lightclient.sync;

import io.trestle.lightclient.json.BeaconJsonException;
import io.trestle.lightclient.source.Endpoint;
import io.trestle.lightclient.internal.DecodedSource;
import io.trestle.lightclient.source.SourceException.SourceError;
import io.trestle.lightclient.source.SourceException;
import io.trestle.lightclient.spec.UpdateRejection;
import io.trestle.lightclient.spec.UpdateResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's sources in preference order, with fail-over: a step asks the preferred source, and when it fails
 * (dead, not found) or its answer is refused (undecodable, wrong fork label, bad signature, bad branch...) asks the
 * next one for the same data. A source whose answer was refused, or that failed other than with "not found", is
 * demoted to the end of the order for later steps and passes. Not thread-safe (one driver, one thread).
 */
final class SourceSet {
  private static final Logger LOG = LoggerFactory.getLogger(SourceSet.class);

  private final List<DecodedSource> order;

  SourceSet(final List<DecodedSource> sources) {
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("at least one light-client source is needed");
    }
    this.order = new ArrayList<>(sources);
  }

  List<DecodedSource> order() {
    return List.copyOf(order);
  }

  int size() {
    return order.size();
  }

  DecodedSource preferred() {
    return order.get(0);
  }

  void demote(final DecodedSource s, final String why) {
    if (order.size() > 1 && order.remove(s)) {
      order.add(s);
      LOG.warn("light-client source {} demoted: {}", s.endpoint().label(), why);
    }
  }

  /** What asking one source gave: a value, a refusal of its data, or a source failure. */
  sealed interface Answer<T> permits Accepted, Refused, Failed {}

  /** The source's data was accepted. */
  record Accepted<T>(DecodedSource source, T value) implements Answer<T> {}

  /** The source's data was refused (undecodable or not verified). */
  record Refused<T>(DecodedSource source, UpdateResult.Rejected rejection) implements Answer<T> {}

  /** The source failed to answer. */
  record Failed<T>(DecodedSource source, SourceException error) implements Answer<T> {}

  /** Fetches with {@code fetch}, turning source failures and undecodable data into answers. */
  static <T> Answer<T> ask(final DecodedSource s, final String what, final Function<DecodedSource, T> fetch) {
    try {
      return new Accepted<>(s, fetch.apply(s));
    } catch (SourceException e) {
      return new Failed<>(s, e);
    } catch (BeaconJsonException e) {
      return new Refused<>(s, new UpdateResult.Rejected(UpdateRejection.SSZ_INVALID, what + ": " + e.getMessage()));
    } catch (RuntimeException e) {
      // A source implementation's bug or an undecodable object: the source's bad answer, never ours to crash on.
      return new Refused<>(s, new UpdateResult.Rejected(UpdateRejection.SSZ_INVALID, what + " from "
          + s.endpoint().label() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
  }

  /**
   * Asks the sources in order until one answer passes {@code check} (empty = accepted). Each refusal and failure
   * is reported to {@code onFailure} and the next source is asked; the offender is demoted. Returns the accepted
   * answer, else the first refusal (the data was bad), else the failures as one {@link SourceException}.
   */
  <T> Answer<T> first(final String what, final Function<DecodedSource, T> fetch,
      final java.util.function.BiFunction<DecodedSource, T, Optional<UpdateResult.Rejected>> check,
      final java.util.function.Consumer<Answer<T>> onFailure) {
    final List<DecodedSource> tried = new ArrayList<>(order);
    Refused<T> firstRefusal = null;
    final List<SourceException> failures = new ArrayList<>();
    for (final DecodedSource s : tried) {
      final Answer<T> a = ask(s, what, fetch);
      if (a instanceof Accepted<T> ok) {
        final Optional<UpdateResult.Rejected> refused = check.apply(s, ok.value());
        if (refused.isEmpty()) {
          return a;
        }
        final Refused<T> r = new Refused<>(s, refused.get());
        onFailure.accept(r);
        demote(s, what + " refused: " + refused.get().reason());
        if (firstRefusal == null) {
          firstRefusal = r;
        }
        continue;
      }
      onFailure.accept(a);
      if (a instanceof Refused<T> r) {
        demote(s, what + " refused: " + r.rejection().reason());
        if (firstRefusal == null) {
          firstRefusal = r;
        }
      } else {
        final SourceException e = ((Failed<T>) a).error();
        failures.add(e);
        if (e.error() == SourceError.WRONG_NETWORK || Thread.currentThread().isInterrupted()) {
          return a;
        }
        if (e.error() != SourceError.NOT_FOUND && e.error() != SourceError.UNSUPPORTED) {
          demote(s, what + ": " + e.error());
        }
      }
    }
    if (firstRefusal != null) {
      return firstRefusal;
    }
    return new Failed<>(tried.get(0), aggregate(what, failures));
  }

  /** One failure as is; several as EndpointPool reports them (the common kind, or ALL_ENDPOINTS_FAILED). */
  static SourceException aggregate(final String what, final List<SourceException> failures) {
    if (failures.size() == 1) {
      return failures.get(0);
    }
    final SourceError first = failures.get(0).error();
    final boolean same = failures.stream().allMatch(f -> f.error() == first);
    final StringBuilder sb = new StringBuilder(what).append(": ");
    for (final SourceException f : failures) {
      sb.append(f.endpoint().map(Endpoint::label).orElse("?")).append(" -> ").append(f.error()).append("; ");
    }
    final String detail = sb.substring(0, sb.length() - 2);
    return SourceException.aggregate(same && (first == SourceError.NOT_FOUND || first == SourceError.UNSUPPORTED)
        ? first : SourceError.ALL_ENDPOINTS_FAILED, detail, failures);
  }

  /** Asks every source concurrently (one thread each); answers in preference order. */
  <T> List<Answer<T>> all(final String what, final Function<DecodedSource, T> fetch) {
    final List<DecodedSource> now = order();
    if (now.size() == 1) {
      return List.of(ask(now.get(0), what, fetch));
    }
    final ExecutorService ex = Executors.newFixedThreadPool(now.size(), r -> {
      final Thread t = new Thread(r, "trestle-source");
      t.setDaemon(true);
      return t;
    });
    try {
      final List<Future<Answer<T>>> futures = new ArrayList<>();
      for (final DecodedSource s : now) {
        futures.add(ex.submit(() -> ask(s, what, fetch)));
      }
      final List<Answer<T>> out = new ArrayList<>();
      for (int i = 0; i < futures.size(); i++) {
        try {
          out.add(futures.get(i).get());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw SourceException.general(SourceError.IO, what + ": interrupted");
        } catch (ExecutionException e) {
          out.add(new Failed<>(now.get(i), SourceException.general(SourceError.IO, what + ": " + e.getCause())));
        }
      }
      return out;
    } finally {
      ex.shutdownNow();
    }
  }
}
