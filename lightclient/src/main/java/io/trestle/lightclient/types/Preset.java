package io.trestle.lightclient.types;

/**
 * The preset constants the light-client protocol depends on ({@code presets/{mainnet,minimal}} of the
 * consensus specs).
 *
 * @param name preset name
 * @param syncCommitteeSize {@code SYNC_COMMITTEE_SIZE}
 * @param slotsPerEpoch {@code SLOTS_PER_EPOCH}
 * @param epochsPerSyncCommitteePeriod {@code EPOCHS_PER_SYNC_COMMITTEE_PERIOD}
 */
public record Preset(String name, int syncCommitteeSize, int slotsPerEpoch, int epochsPerSyncCommitteePeriod) {
  /** {@code MIN_SYNC_COMMITTEE_PARTICIPANTS}, the same in both presets. */
  public static final int MIN_SYNC_COMMITTEE_PARTICIPANTS = 1;

  /** The mainnet preset. */
  public static final Preset MAINNET = new Preset("mainnet", 512, 32, 256);

  /** The minimal preset (spec tests). */
  public static final Preset MINIMAL = new Preset("minimal", 32, 8, 8);

  /** {@code UPDATE_TIMEOUT = SLOTS_PER_EPOCH * EPOCHS_PER_SYNC_COMMITTEE_PERIOD}. */
  public long updateTimeout() {
    return (long) slotsPerEpoch * epochsPerSyncCommitteePeriod;
  }

  /** {@code compute_epoch_at_slot}. */
  public long epochAtSlot(final long slot) {
    return Long.divideUnsigned(slot, slotsPerEpoch);
  }

  /** {@code compute_sync_committee_period_at_slot}. */
  public long periodAtSlot(final long slot) {
    return Long.divideUnsigned(epochAtSlot(slot), epochsPerSyncCommitteePeriod);
  }

  /** Bytes of a {@code Bitvector[SYNC_COMMITTEE_SIZE]}. */
  public int syncCommitteeBitsBytes() {
    return syncCommitteeSize / 8;
  }

  /** The preset of this name ({@code mainnet} or {@code minimal}). */
  public static java.util.Optional<Preset> fromName(final String name) {
    if ("mainnet".equalsIgnoreCase(name)) {
      return java.util.Optional.of(MAINNET);
    }
    if ("minimal".equalsIgnoreCase(name)) {
      return java.util.Optional.of(MINIMAL);
    }
    return java.util.Optional.empty();
  }
}
