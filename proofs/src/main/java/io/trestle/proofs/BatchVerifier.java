package io.trestle.proofs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies many independent items (proofs, receipts, messages) at once, on every core: the batch form of
 * any per-item verifier of this library, for a relayer that checks hundreds of proofs per block.
 *
 * <p><b>What is verified, what is trusted:</b> exactly what the per-item verifier verifies and trusts; this
 * class adds nothing and drops nothing. Result {@code i} is what {@code verifier.apply(items.get(i))}
 * returns (same value, same rejection), in input order, whatever the thread interleaving. A verifier that
 * throws instead of returning a rejection yields {@code Rejected(INTERNAL_ERROR)} for that item only (fail
 * closed, logged at ERROR); the other items are unaffected.
 *
 * <p><b>Threads.</b> {@code threads - 1} daemon worker threads plus the calling thread share the items in
 * small chunks (taken from a shared counter, so a slow item does not idle the others). With one thread
 * everything runs on the caller. The per-item verifier must be thread-safe (all of this library's
 * verifiers are stateless). {@link #close()} stops the workers; calls after it are refused with {@link
 * IllegalStateException}. Several calls may run concurrently on one instance.
 *
 * <pre>{@code
 * try (BatchVerifier batch = BatchVerifier.allCores()) {
 *   List<ProofResult<TrieLookup>> r = batch.verifyAll(queries, q -> MptVerifier.verify(root, q.key(), q.proof()));
 * }
 * }</pre>
 */
public final class BatchVerifier implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BatchVerifier.class);
  private static final AtomicInteger POOLS = new AtomicInteger();
  /** Chunks per thread: small enough to balance uneven items, large enough to keep the counter cold. */
  private static final int CHUNKS_PER_THREAD = 8;

  private final int threads;
  private final ExecutorService workers; // null with one thread
  private volatile boolean closed;

  private BatchVerifier(final int threads) {
    this.threads = threads;
    if (threads == 1) {
      this.workers = null;
    } else {
      final int pool = POOLS.incrementAndGet();
      final AtomicInteger n = new AtomicInteger();
      final ThreadFactory factory = r -> {
        final Thread t = new Thread(r, "trestle-batch-" + pool + "-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      };
      this.workers = Executors.newFixedThreadPool(threads - 1, factory);
    }
  }

  /** A verifier using {@code threads} threads in all (the caller's included); {@code threads} ≥ 1. */
  public static BatchVerifier create(final int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    return new BatchVerifier(threads);
  }

  /** A verifier using every available processor. */
  public static BatchVerifier allCores() {
    return create(Runtime.getRuntime().availableProcessors());
  }

  /** The number of threads a batch runs on (the caller's included). */
  public int threads() {
    return threads;
  }

  /**
   * Applies {@code verifier} to every item, in parallel, and returns the results in input order (an
   * unmodifiable list). Blocks until all are done.
   *
   * @throws NullPointerException if {@code items}, an item or {@code verifier} is null
   * @throws IllegalStateException after {@link #close()}
   */
  public <T, R> List<ProofResult<R>> verifyAll(
      final List<? extends T> items, final Function<? super T, ProofResult<R>> verifier) {
    Objects.requireNonNull(verifier, "verifier");
    if (closed) {
      throw new IllegalStateException("BatchVerifier is closed");
    }
    final Object[] in = items.toArray(); // one snapshot: later changes to the list do not race with us
    for (final Object o : in) {
      Objects.requireNonNull(o, "item");
    }
    final int n = in.length;
    @SuppressWarnings("unchecked")
    final ProofResult<R>[] out = new ProofResult[n];
    if (threads == 1 || n < 2) {
      for (int i = 0; i < n; i++) {
        out[i] = one(verifier, in[i]);
      }
      return Collections.unmodifiableList(Arrays.asList(out));
    }
    final int chunk = Math.max(1, n / (threads * CHUNKS_PER_THREAD));
    final AtomicInteger next = new AtomicInteger();
    final Runnable work = () -> {
      int start;
      while ((start = next.getAndAdd(chunk)) < n) {
        final int end = Math.min(n, start + chunk);
        for (int i = start; i < end; i++) {
          out[i] = one(verifier, in[i]);
        }
      }
    };
    final int helpers = Math.min(threads - 1, (n + chunk - 1) / chunk - 1);
    final List<Future<?>> running = new ArrayList<>(helpers);
    try {
      for (int t = 0; t < helpers; t++) {
        running.add(workers.submit(work));
      }
    } catch (final java.util.concurrent.RejectedExecutionException e) {
      // Closed concurrently: the helpers already submitted and this thread still finish the batch.
    }
    work.run();
    // Future.get orders every worker's writes to out[] before the reads below.
    boolean interrupted = false;
    for (final Future<?> f : running) {
      while (true) {
        try {
          f.get();
          break;
        } catch (final InterruptedException e) {
          interrupted = true; // finish the batch: the results are ours to return
        } catch (final ExecutionException e) {
          throw new IllegalStateException("batch worker failed", e.getCause()); // unreachable: one() catches
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return Collections.unmodifiableList(Arrays.asList(out));
  }

  @SuppressWarnings("unchecked")
  private static <T, R> ProofResult<R> one(final Function<? super T, ProofResult<R>> verifier, final Object item) {
    try {
      final ProofResult<R> r = verifier.apply((T) item);
      if (r == null) {
        return new ProofResult.Rejected<>(Reason.INTERNAL_ERROR, "verifier returned null");
      }
      return r;
    } catch (final RuntimeException e) {
      LOG.error("verifier threw instead of returning a rejection", e);
      return new ProofResult.Rejected<>(Reason.INTERNAL_ERROR, "verifier threw " + e.getClass().getSimpleName());
    }
  }

  /** Stops the worker threads (running batches finish first). Idempotent. */
  @Override
  public void close() {
    closed = true;
    if (workers != null) {
      workers.shutdown();
    }
  }
}
