package io.trestle.proofs.execution;

import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import io.trestle.proofs.VerificationException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which execution header layout a chain uses at a given block timestamp: an immutable list of
 * activations (layout, first timestamp), strictly increasing in both. After the merge every execution
 * fork activates with a consensus fork at that fork's first slot, so a light client derives this from
 * its beacon fork schedule (Bellatrix: London layout, Capella: Shanghai, Deneb: Cancun, Electra and
 * Fulu: Prague, Gloas: Amsterdam), with a fork's timestamp {@code genesis_time + epoch *
 * SLOTS_PER_EPOCH * SECONDS_PER_SLOT}.
 *
 * <p>Before the first activation the execution chain's own (block-number) forks applied, which this
 * schedule does not hold: any layout up to and including the first activation's is accepted there.
 * From the first activation on exactly one layout is accepted.
 *
 * <p><b>Trusted:</b> the activations themselves (they come from the network configuration).
 */
public final class ExecutionForkSchedule {
  /** One activation: headers with {@code timestamp >= this.timestamp} (unsigned) use {@code layout}. */
  public record Activation(ExecutionFork layout, long timestamp) {
    /** Non-null layout. */
    public Activation {
      Objects.requireNonNull(layout, "layout");
    }
  }

  private final List<Activation> activations;

  private ExecutionForkSchedule(final List<Activation> activations) {
    this.activations = List.copyOf(activations);
  }

  /**
   * A schedule of {@code activations}, which must be non-empty and strictly increasing in layout and
   * (unsigned) timestamp; two forks with the same layout (Electra and Fulu) are given once, at the first.
   */
  public static ExecutionForkSchedule of(final List<Activation> activations) {
    Objects.requireNonNull(activations, "activations");
    if (activations.isEmpty()) {
      throw new IllegalArgumentException("no activations");
    }
    for (int i = 1; i < activations.size(); i++) {
      final Activation a = activations.get(i - 1);
      final Activation b = activations.get(i);
      if (a.layout().compareTo(b.layout()) >= 0 || Long.compareUnsigned(a.timestamp(), b.timestamp()) >= 0) {
        throw new IllegalArgumentException("activations must increase in layout and timestamp: " + a + ", " + b);
      }
    }
    return new ExecutionForkSchedule(activations);
  }

  /** The activations, oldest first. */
  public List<Activation> activations() {
    return activations;
  }

  /** The layouts a header with this timestamp may have (one from the first activation on). */
  public Set<ExecutionFork> layoutsAt(final long timestamp) {
    Activation current = null;
    for (final Activation a : activations) {
      if (Long.compareUnsigned(timestamp, a.timestamp()) >= 0) {
        current = a;
      }
    }
    if (current != null) {
      return EnumSet.of(current.layout());
    }
    return EnumSet.range(ExecutionFork.FRONTIER, activations.get(0).layout());
  }

  /**
   * Requires {@code header}'s layout to be one {@link #layoutsAt} its timestamp allows: {@code
   * HEADER_FORK_MISMATCH} otherwise, naming the fields that are missing or must not be there.
   */
  public void check(final ExecutionHeader header) {
    Objects.requireNonNull(header, "header");
    final Set<ExecutionFork> allowed = layoutsAt(header.timestamp());
    final ExecutionFork actual = header.layout();
    if (allowed.contains(actual)) {
      return;
    }
    final List<ExecutionFork> sorted = new ArrayList<>(allowed);
    final ExecutionFork expected = sorted.get(sorted.size() - 1);
    throw new VerificationException(Reason.HEADER_FORK_MISMATCH, "block " + header.number() + " at timestamp "
        + Long.toUnsignedString(header.timestamp()) + ": " + ExecutionHeader.layoutMismatch(expected, actual));
  }

  /** {@link #check} as a result. */
  public ProofResult<ExecutionHeader> tryCheck(final ExecutionHeader header) {
    return ProofResult.of(() -> {
      check(header);
      return header;
    });
  }

  @Override
  public String toString() {
    return "ExecutionForkSchedule" + activations;
  }
}
