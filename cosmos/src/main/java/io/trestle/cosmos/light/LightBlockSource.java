package io.trestle.cosmos.light;

import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Where the bisection scheduler gets untrusted light blocks (a CometBFT RPC node, a file, memory). Nothing
 * it returns is trusted. Implementations must not throw for an unavailable height: they return empty.
 */
public interface LightBlockSource {
  /** The light block at {@code height}, or empty if this source does not have it. */
  Optional<LightBlock> lightBlock(long height);

  /**
   * The available height in {@code [lo, hi]} closest to {@code preferred}; by default {@code preferred}
   * itself (a node that serves every height).
   */
  default OptionalLong nearestAvailable(final long lo, final long hi, final long preferred) {
    return lo <= hi ? OptionalLong.of(Math.max(lo, Math.min(hi, preferred))) : OptionalLong.empty();
  }

  /** A source over a fixed set of blocks (keyed by header height; later duplicates win). */
  static LightBlockSource of(final Iterable<LightBlock> blocks) {
    final NavigableMap<Long, LightBlock> m = new TreeMap<>();
    for (final LightBlock b : blocks) {
      m.put(b.height(), b);
    }
    return new LightBlockSource() {
      @Override
      public Optional<LightBlock> lightBlock(final long height) {
        return Optional.ofNullable(m.get(height));
      }

      @Override
      public OptionalLong nearestAvailable(final long lo, final long hi, final long preferred) {
        Long best = null;
        final Long below = m.floorKey(preferred);
        final Long above = m.ceilingKey(preferred);
        if (below != null && below >= lo && below <= hi) {
          best = below;
        }
        if (above != null && above >= lo && above <= hi
            && (best == null || above - preferred < preferred - best)) {
          best = above;
        }
        return best == null ? OptionalLong.empty() : OptionalLong.of(best);
      }
    };
  }
}
