package io.trestle.proofs.bounds;

import java.lang.management.ManagementFactory;

/**
 * Time and heap allocation of one call on the current thread (HotSpot's per-thread allocation
 * counter), best of a few runs so that a shared, noisy machine does not decide the outcome.
 */
public record Cost(long nanos, long allocatedBytes) {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** The cheapest of {@code runs} runs (time and allocation minimised separately). */
  public static Cost of(final int runs, final Runnable call) {
    long bestTime = Long.MAX_VALUE;
    long bestAlloc = Long.MAX_VALUE;
    final long id = Thread.currentThread().getId();
    for (int i = 0; i < runs; i++) {
      final long a0 = THREADS.getThreadAllocatedBytes(id);
      final long t0 = System.nanoTime();
      call.run();
      final long t1 = System.nanoTime();
      final long a1 = THREADS.getThreadAllocatedBytes(id);
      bestTime = Math.min(bestTime, t1 - t0);
      bestAlloc = Math.min(bestAlloc, a1 - a0);
    }
    return new Cost(bestTime, bestAlloc);
  }

  @Override
  public String toString() {
    return String.format("%.1f µs, %d bytes allocated", nanos / 1000.0, allocatedBytes);
  }
}
