package io.trestle.lightclient;

import io.trestle.lightclient.config.ChainConfig;
import io.trestle.proofs.execution.ExecutionFork;
import io.trestle.proofs.execution.ExecutionForkSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The execution header layouts of a network, derived from its beacon fork schedule: after the merge each
 * execution fork activates with a consensus fork, at the timestamp of that fork's first slot ({@code
 * genesis_time + epoch * SLOTS_PER_EPOCH * SECONDS_PER_SLOT}): Bellatrix with the London layout (Paris),
 * Capella with Shanghai, Deneb with Cancun, Electra with Prague (Fulu with Osaka, same layout), Gloas with
 * Amsterdam. Forks activating at the same timestamp collapse to the latest. A fork this version does not
 * know adds nothing, so headers after it keep the last known layout (and an Amsterdam header there is
 * refused until the fork is supported).
 */
final class ExecutionForks {
  private ExecutionForks() {}

  /** The schedule of {@code config}; empty if no post-merge fork is scheduled (or timestamps overflow). */
  public static Optional<ExecutionForkSchedule> schedule(final ChainConfig config) {
    Objects.requireNonNull(config, "config");
    final List<ExecutionForkSchedule.Activation> out = new ArrayList<>();
    for (final ChainConfig.ForkEntry e : config.schedule()) {
      final Optional<ExecutionFork> layout = layoutOf(e.fork().name());
      if (layout.isEmpty()) {
        continue;
      }
      final long ts;
      try {
        ts = Math.addExact(config.genesisTime(), Math.multiplyExact(Math.multiplyExact(e.epoch(),
            (long) config.preset().slotsPerEpoch()), config.secondsPerSlot()));
      } catch (ArithmeticException overflow) {
        continue; // beyond any real timestamp: never active
      }
      if (ts < 0) {
        continue;
      }
      final ExecutionForkSchedule.Activation a = new ExecutionForkSchedule.Activation(layout.get(), ts);
      if (!out.isEmpty()) {
        final ExecutionForkSchedule.Activation last = out.get(out.size() - 1);
        if (last.layout() == a.layout()) {
          continue; // Electra then Fulu: one layout
        }
        if (last.timestamp() == ts) {
          out.set(out.size() - 1, a); // several forks at one epoch (devnets): the latest applies
          continue;
        }
      }
      out.add(a);
    }
    return out.isEmpty() ? Optional.empty() : Optional.of(ExecutionForkSchedule.of(out));
  }

  /** The execution header layout a consensus fork's payloads use, by the fork's name. */
  static Optional<ExecutionFork> layoutOf(final String consensusFork) {
    return switch (consensusFork.toUpperCase(Locale.ROOT)) {
      case "BELLATRIX" -> Optional.of(ExecutionFork.LONDON);
      case "CAPELLA" -> Optional.of(ExecutionFork.SHANGHAI);
      case "DENEB" -> Optional.of(ExecutionFork.CANCUN);
      case "ELECTRA", "FULU" -> Optional.of(ExecutionFork.PRAGUE);
      case "GLOAS" -> Optional.of(ExecutionFork.AMSTERDAM);
      default -> Optional.empty();
    };
  }
}
