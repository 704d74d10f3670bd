package io.trestle.proofs;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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
 * small chunks taken from a shared counter, so a slow item (or a worker the OS schedules late) does not idle the
 * others and the threads finish together; the caller never waits for a worker that has not started. With one thread
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
  /**
   * Chunks per thread: a chunk is 1 / (this × threads) of the batch, small enough that the threads finish within
   * one chunk of each other (7 account proofs, ≈ 0.2 ms, in a batch of 1000 on 2 threads), large enough that tiny
   * items (a hash each) do not all meet at the shared counter.
   */
  private static final int CHUNKS_PER_THREAD = 64;

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
    // Small chunks from a shared counter: a thread that finishes early (or a worker that starts late) finds work
    // until nearly the end, so the idle tail is at most one small chunk. The caller waits only for chunks a worker
    // has actually claimed, never for a worker that has not started: on a loaded machine a worker thread may be
    // scheduled late, and the caller then simply verifies more of the batch itself.
    final int chunk = Math.max(1, n / (threads * CHUNKS_PER_THREAD));
    final AtomicInteger next = new AtomicInteger();
    final AtomicInteger done = new AtomicInteger();
    final CountDownLatch finished = new CountDownLatch(1);
    final AtomicReference<Throwable> failure = new AtomicReference<>(); // an Error a verifier threw (one() catches the rest)
    final Runnable work = () -> {
      int start;
      while ((start = next.getAndAdd(chunk)) < n) {
        final int end = Math.min(n, start + chunk);
        try {
          for (int i = start; i < end; i++) {
            out[i] = one(verifier, in[i]);
          }
        } catch (final Throwable t) {
          failure.compareAndSet(null, t);
        } finally {
          // The volatile add orders this chunk's writes to out[] before whoever sees the count reach n; a chunk
          // that failed is counted too, so the caller is never left waiting.
          if (done.addAndGet(end - start) == n) {
            finished.countDown();
          }
        }
      }
    };
    final int helpers = Math.min(threads - 1, (n + chunk - 1) / chunk - 1);
    try {
      for (int t = 0; t < helpers; t++) {
        workers.execute(work);
      }
    } catch (final java.util.concurrent.RejectedExecutionException e) {
      // Closed concurrently: the helpers already submitted and this thread still finish the batch.
    }
    work.run();
    boolean interrupted = false;
    while (done.get() != n) { // every item was claimed; wait for the chunks still being verified
      try {
        finished.await();
      } catch (final InterruptedException e) {
        interrupted = true; // finish the batch: the results are ours to return
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("batch verifier failed with an error", failure.get());
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
