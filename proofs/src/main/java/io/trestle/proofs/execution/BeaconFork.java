package io.trestle.proofs.execution;

import java.util.Locale;
import java.util.Optional;

/** Consensus forks whose execution payload {@link BeaconPayloadVerifier} understands. */
public enum BeaconFork {
  /** The merge: payload without withdrawals (16-field header). */
  BELLATRIX,
  /** Adds withdrawals (17-field header). */
  CAPELLA,
  /** Adds blob gas fields and the parent beacon block root (20-field header). */
  DENEB,
  /** Adds execution requests (EIP-7685 requestsHash, 21-field header). */
  ELECTRA,
  /** Same execution payload as Electra. */
  FULU;

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
