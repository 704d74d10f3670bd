package io.trestle.lightclient.config;

import java.util.Locale;
import java.util.Optional;

/**
 * The consensus forks that change light-client data shapes, in order. Which shape a fork uses is
 * data held here ({@link #lightClientShape()}, {@link #gindices()}), not {@code if (epoch >= ...)}
 * ladders elsewhere.
 */
public enum Fork {
  /** Phase 0: no light-client protocol (present so fork schedules are complete). */
  PHASE0(Shape.NONE, Gindices.ALTAIR),
  /** Altair: beacon-only light-client headers. */
  ALTAIR(Shape.BEACON_ONLY, Gindices.ALTAIR),
  /** Bellatrix: same light-client data as Altair. */
  BELLATRIX(Shape.BEACON_ONLY, Gindices.ALTAIR),
  /** Capella: headers carry the execution payload header and its branch. */
  CAPELLA(Shape.CAPELLA, Gindices.ALTAIR),
  /** Deneb: execution header gains blob gas fields. */
  DENEB(Shape.DENEB, Gindices.ALTAIR),
  /** Electra: deeper beacon state, so longer sync-committee and finality branches. */
  ELECTRA(Shape.DENEB, Gindices.ELECTRA),
  /** Fulu: light-client data as in Electra. */
  FULU(Shape.DENEB, Gindices.ELECTRA),
  /**
   * Gloas (EIP-7732 ePBS, EIP-7688 progressive containers): headers carry only the execution block hash
   * ({@code bid.parent_block_hash}) with an 11-node branch; state branches are 9 and 11 deep.
   */
  GLOAS(Shape.GLOAS, Gindices.GLOAS);

  /** The light-client header shape of a fork. */
  public enum Shape {
    /** No light client. */
    NONE,
    /** {@code LightClientHeader{beacon}}. */
    BEACON_ONLY,
    /** {@code LightClientHeader{beacon, execution: capella.ExecutionPayloadHeader, execution_branch}}. */
    CAPELLA,
    /** {@code LightClientHeader{beacon, execution: deneb.ExecutionPayloadHeader, execution_branch}}. */
    DENEB,
    /** {@code LightClientHeader{beacon, execution_block_hash: Hash32, execution_branch[11]}} (Gloas). */
    GLOAS
  }

  /**
   * The generalized indices of the light-client proofs into {@code BeaconState}, by the layout of the
   * state (sync-protocol.md of altair, electra and gloas, v1.7.0-alpha.12 or later).
   */
  public enum Gindices {
    /** {@code FINALIZED_ROOT_GINDEX} 105, {@code CURRENT/NEXT_SYNC_COMMITTEE_GINDEX} 54 / 55. */
    ALTAIR(105, 54, 55),
    /** {@code *_ELECTRA}: 169, 86, 87. */
    ELECTRA(169, 86, 87),
    /** {@code *_GLOAS} (EIP-7688 progressive {@code BeaconState}): 735, 2945, 2946. */
    GLOAS(735, 2945, 2946);

    private final long finalizedRoot;
    private final long currentSyncCommittee;
    private final long nextSyncCommittee;

    Gindices(final long finalizedRoot, final long currentSyncCommittee, final long nextSyncCommittee) {
      this.finalizedRoot = finalizedRoot;
      this.currentSyncCommittee = currentSyncCommittee;
      this.nextSyncCommittee = nextSyncCommittee;
    }

    /** The finalized checkpoint root's gindex. */
    public long finalizedRoot() {
      return finalizedRoot;
    }

    /** The current sync committee's gindex. */
    public long currentSyncCommittee() {
      return currentSyncCommittee;
    }

    /** The next sync committee's gindex. */
    public long nextSyncCommittee() {
      return nextSyncCommittee;
    }
  }

  /** {@code EXECUTION_PAYLOAD_GINDEX} (capella body → execution_payload; frozen). */
  public static final long EXECUTION_PAYLOAD_GINDEX = 25;
  /** {@code EXECUTION_BLOCK_HASH_GINDEX} (capella body → execution_payload → block_hash). */
  public static final long EXECUTION_BLOCK_HASH_GINDEX = 412;
  /** {@code EXECUTION_BLOCK_HASH_GINDEX_DENEB} (deneb body → execution_payload → block_hash). */
  public static final long EXECUTION_BLOCK_HASH_GINDEX_DENEB = 812;
  /** {@code EXECUTION_BLOCK_HASH_GINDEX_GLOAS} (body → signed_execution_payload_bid → message → parent_block_hash). */
  public static final long EXECUTION_BLOCK_HASH_GINDEX_GLOAS = 2856;

  private final Shape shape;
  private final Gindices gindices;

  Fork(final Shape shape, final Gindices gindices) {
    this.shape = shape;
    this.gindices = gindices;
  }

  /** The light-client header shape. */
  public Shape lightClientShape() {
    return shape;
  }

  /** The generalized indices of this fork's {@code BeaconState} layout. */
  public Gindices gindices() {
    return gindices;
  }

  /** True if the fork uses exactly the Electra generalized indices (Electra and Fulu). */
  public boolean electraGindices() {
    return gindices == Gindices.ELECTRA;
  }

  /** {@code FINALIZED_ROOT_GINDEX} (105 before Electra, 169 from Electra, 735 from Gloas). */
  public long finalizedRootGindex() {
    return gindices.finalizedRoot();
  }

  /** {@code CURRENT_SYNC_COMMITTEE_GINDEX} (54 / 86 / 2945). */
  public long currentSyncCommitteeGindex() {
    return gindices.currentSyncCommittee();
  }

  /** {@code NEXT_SYNC_COMMITTEE_GINDEX} (55 / 87 / 2946). */
  public long nextSyncCommitteeGindex() {
    return gindices.nextSyncCommittee();
  }

  /** {@code EXECUTION_PAYLOAD_GINDEX} (25 in the beacon block body; Capella to Fulu). */
  public long executionPayloadGindex() {
    return EXECUTION_PAYLOAD_GINDEX;
  }

  /** Branch depth of the finality branch ({@code floorlog2}: 6 / 7 / 9). */
  public int finalityBranchDepth() {
    return floorlog2(gindices.finalizedRoot());
  }

  /** Branch depth of the sync-committee branches (5 / 6 / 11). */
  public int syncCommitteeBranchDepth() {
    return floorlog2(gindices.currentSyncCommittee());
  }

  /** Depth of the header's {@code execution_branch}: 0 (none), 4 (Capella–Fulu) or 11 (Gloas). */
  public int executionBranchDepth() {
    switch (shape) {
      case CAPELLA:
      case DENEB:
        return floorlog2(EXECUTION_PAYLOAD_GINDEX);
      case GLOAS:
        return floorlog2(EXECUTION_BLOCK_HASH_GINDEX_GLOAS);
      default:
        return 0;
    }
  }

  /** True if light-client headers carry an execution payload header (Capella to Fulu shapes). */
  public boolean hasExecution() {
    return shape == Shape.CAPELLA || shape == Shape.DENEB;
  }

  /** True if light-client headers carry only the execution block hash (Gloas shape). */
  public boolean hasExecutionBlockHashOnly() {
    return shape == Shape.GLOAS;
  }

  private static int floorlog2(final long x) {
    return 63 - Long.numberOfLeadingZeros(x);
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
