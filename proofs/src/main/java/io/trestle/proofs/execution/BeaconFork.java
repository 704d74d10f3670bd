package io.trestle.proofs.execution;

import java.util.Locale;
import java.util.Optional;

/**
 * Consensus forks whose execution payload {@link BeaconPayloadVerifier} understands, each with the
 * execution header layout of its payloads.
 */
public enum BeaconFork {
  /** The merge: payload without withdrawals (16-field header). */
  BELLATRIX(ExecutionFork.LONDON),
  /** Adds withdrawals (17-field header). */
  CAPELLA(ExecutionFork.SHANGHAI),
  /** Adds blob gas fields and the parent beacon block root (20-field header). */
  DENEB(ExecutionFork.CANCUN),
  /** Adds execution requests (EIP-7685 requestsHash, 21-field header). */
  ELECTRA(ExecutionFork.PRAGUE),
  /** Same execution payload as Electra (Osaka). */
  FULU(ExecutionFork.PRAGUE),
  /**
   * EIP-7732 ePBS with Amsterdam: the beacon block carries only a builder's bid; the payload (with
   * {@code block_access_list} and {@code slot_number}, 23-field header) arrives in a separate signed
   * envelope, and execution requests gain the EIP-8282 builder types.
   */
  GLOAS(ExecutionFork.AMSTERDAM);

  private final ExecutionFork executionLayout;

  BeaconFork(final ExecutionFork executionLayout) {
    this.executionLayout = executionLayout;
  }

  /** The execution header layout of this fork's payloads. */
  public ExecutionFork executionLayout() {
    return executionLayout;
  }

  /** The fork named by a beacon-API {@code version} string (case-insensitive), if supported. */
  public static Optional<BeaconFork> fromVersion(final String version) {
    for (final BeaconFork f : values()) {
      if (f.name().toLowerCase(Locale.ROOT).equals(version.toLowerCase(Locale.ROOT))) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** True if this fork is at or after {@code other}. */
  public boolean atLeast(final BeaconFork other) {
    return ordinal() >= other.ordinal();
  }
}
