package io.trestle.lightclient.types;

import java.util.Locale;
import java.util.Optional;

/**
 * The consensus forks that change light-client data shapes, in order. Which shape a fork uses is
 * data held here ({@link #lightClientShape()}, {@link #electraGindices()}), not {@code if (epoch >=
 * ...)} ladders elsewhere.
 */
public enum Fork {
  /** Phase 0: no light-client protocol (present so fork schedules are complete). */
  PHASE0(Shape.NONE, false),
  /** Altair: beacon-only light-client headers. */
  ALTAIR(Shape.BEACON_ONLY, false),
  /** Bellatrix: same light-client data as Altair. */
  BELLATRIX(Shape.BEACON_ONLY, false),
  /** Capella: headers carry the execution payload header and its branch. */
  CAPELLA(Shape.CAPELLA, false),
  /** Deneb: execution header gains blob gas fields. */
  DENEB(Shape.DENEB, false),
  /** Electra: deeper beacon state, so longer sync-committee and finality branches. */
  ELECTRA(Shape.DENEB, true),
  /** Fulu: light-client data as in Electra. */
  FULU(Shape.DENEB, true);

  /** The light-client header shape of a fork. */
  public enum Shape {
    /** No light client. */
    NONE,
    /** {@code LightClientHeader{beacon}}. */
    BEACON_ONLY,
    /** {@code LightClientHeader{beacon, execution: capella.ExecutionPayloadHeader, execution_branch}}. */
    CAPELLA,
    /** {@code LightClientHeader{beacon, execution: deneb.ExecutionPayloadHeader, execution_branch}}. */
    DENEB
  }

  private final Shape shape;
  private final boolean electraGindices;

  Fork(final Shape shape, final boolean electraGindices) {
    this.shape = shape;
    this.electraGindices = electraGindices;
  }

  /** The light-client header shape. */
  public Shape lightClientShape() {
    return shape;
  }

  /** True if the fork uses the Electra generalized indices (deeper BeaconState). */
  public boolean electraGindices() {
    return electraGindices;
  }

  /** {@code FINALIZED_ROOT_GINDEX} (105 before Electra, 169 from Electra). */
  public long finalizedRootGindex() {
    return electraGindices ? 169 : 105;
  }

  /** {@code CURRENT_SYNC_COMMITTEE_GINDEX} (54 / 86). */
  public long currentSyncCommitteeGindex() {
    return electraGindices ? 86 : 54;
  }

  /** {@code NEXT_SYNC_COMMITTEE_GINDEX} (55 / 87). */
  public long nextSyncCommitteeGindex() {
    return electraGindices ? 87 : 55;
  }

  /** {@code EXECUTION_PAYLOAD_GINDEX} (25 in the beacon block body). */
  public long executionPayloadGindex() {
    return 25;
  }

  /** Branch depth of the finality branch. */
  public int finalityBranchDepth() {
    return electraGindices ? 7 : 6;
  }

  /** Branch depth of the sync-committee branches. */
  public int syncCommitteeBranchDepth() {
    return electraGindices ? 6 : 5;
  }

  /** True if light-client headers carry an execution payload header. */
  public boolean hasExecution() {
    return shape == Shape.CAPELLA || shape == Shape.DENEB;
  }

  /** Lower-case name as used in beacon-API {@code version} fields and spec-test paths. */
  public String specName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Looks a fork up by its spec name ({@code "deneb"}), case-insensitively. */
  public static Optional<Fork> fromName(final String name) {
    for (final Fork f : values()) {
      if (f.specName().equalsIgnoreCase(name)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
