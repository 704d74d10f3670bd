package io.trestle.testbase;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * Seeded, reproducible generators for property tests (JUnit 5, no property-testing library). Every
 * case runs from one 64-bit seed; a failing case reports its seed and the command line that re-runs
 * exactly that case.
 *
 * <ul>
 *   <li>{@code -Dtrestle.seed=0x...}: the base seed (default fixed, so CI is deterministic);
 *       {@code -Dtrestle.seed=random} draws one and prints it.
 *   <li>{@code -Dtrestle.iterations=N}: cases per property (default sized for CI).
 * </ul>
 *
 * Case {@code i} uses seed {@code base + i * 0x9E3779B97F4A7C15}, so case 0 of a re-run with
 * {@code -Dtrestle.seed=<reported seed> -Dtrestle.iterations=1} is the failing case.
 *
 * <p>One copy for every module's property tests (it was written twice, in the proofs and lightclient tests): it
 * lives in the dependency-free testbase so that those modules, which the testkit depends on, can use it.
 */
public final class Seeds {
  /** The base seed used when none is given. */
  public static final long DEFAULT_SEED = 0x7E57_1E5E_2026_0009L;

  private Seeds() {}

  public static long base() {
    final String s = System.getProperty("trestle.seed");
    if (s == null || s.isBlank()) {
      return DEFAULT_SEED;
    }
    if (s.equals("random")) {
      final long r = new SecureRandom().nextLong();
      System.out.println("[property] random base seed " + hex(r));
      return r;
    }
    final String t = s.strip().toLowerCase(Locale.ROOT);
    return t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
  }

  public static int iterations(final int ciDefault) {
    return Integer.getInteger("trestle.iterations", ciDefault);
  }

  /** True when a long run was asked for ({@code -Dtrestle.iterations} above the CI default). */
  public static boolean longRun(final int ciDefault) {
    return iterations(ciDefault) > ciDefault;
  }

  public static String hex(final long seed) {
    return "0x" + Long.toHexString(seed);
  }

  /** Runs {@code body} once per case seed; a failure names the seed and how to re-run it. */
  public static void run(final String property, final int ciDefault, final LongConsumer body) {
    runFixed(property, iterations(ciDefault), body);
  }

  /** As {@link #run}, with a fixed case count that {@code trestle.iterations} does not change. */
  public static void runFixed(final String property, final int n, final LongConsumer body) {
    final long base = base();
    for (int i = 0; i < n; i++) {
      final long seed = base + i * 0x9E3779B97F4A7C15L;
      try {
        body.accept(seed);
      } catch (Throwable t) {
        throw new AssertionError(property + " failed for case seed " + hex(seed) + "; re-run only this case with"
            + " -Dtrestle.seed=" + hex(seed) + " -Dtrestle.iterations=1: " + t, t);
      }
    }
  }
}
