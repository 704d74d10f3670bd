package io.trestle.lightclient.spec;

import io.trestle.crypto.Hash32;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.types.LightClientHeader;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.types.SyncCommittee;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code LightClientStore}: an immutable snapshot. As a record its canonical constructor is public, but a
 * store so built is only data: a {@code LightClient} is created only by {@code LightClient.initialize} (a bootstrap verified against a trusted block root) or from a persisted
 * store whose invariants {@code StoreFile} re-checked, and it changes only by processing verified updates.
 * Committee roots are cached alongside the committees.
 *
 * @param fork the fork whose data shapes the store holds
 * @param finalizedHeader the latest finalized header (what a bridge may act on)
 * @param currentSyncCommittee the committee of the finalized header's period
 * @param currentSyncCommitteeRoot its {@code hash_tree_root}
 * @param nextSyncCommittee the next period's committee, when known
 * @param nextSyncCommitteeRoot its root, when known
 * @param bestValidUpdate the best valid update seen for a forced update, if any
 * @param optimisticHeader the latest header above the safety threshold (never for releasing funds)
 * @param previousMaxActiveParticipants max participants seen in the previous period
 * @param currentMaxActiveParticipants max participants seen in the current period
 */
public record LightClientStore(
    Fork fork,
    LightClientHeader finalizedHeader,
    SyncCommittee currentSyncCommittee,
    Hash32 currentSyncCommitteeRoot,
    Optional<SyncCommittee> nextSyncCommittee,
    Optional<Hash32> nextSyncCommitteeRoot,
    Optional<LightClientUpdate> bestValidUpdate,
    LightClientHeader optimisticHeader,
    int previousMaxActiveParticipants,
    int currentMaxActiveParticipants) {

  /** Validates non-null fields and the committee/root pairing (constructing one grants no trust). */
  public LightClientStore {
    Objects.requireNonNull(fork, "fork");
    Objects.requireNonNull(finalizedHeader, "finalizedHeader");
    Objects.requireNonNull(currentSyncCommittee, "currentSyncCommittee");
    Objects.requireNonNull(currentSyncCommitteeRoot, "currentSyncCommitteeRoot");
    Objects.requireNonNull(nextSyncCommittee, "nextSyncCommittee");
    Objects.requireNonNull(nextSyncCommitteeRoot, "nextSyncCommitteeRoot");
    Objects.requireNonNull(bestValidUpdate, "bestValidUpdate");
    Objects.requireNonNull(optimisticHeader, "optimisticHeader");
    if (nextSyncCommittee.isPresent() != nextSyncCommitteeRoot.isPresent()) {
      throw new IllegalArgumentException("next committee and its root must be both present or both absent");
    }
  }

  /** {@code is_next_sync_committee_known(store)}. */
  public boolean isNextSyncCommitteeKnown() {
    return nextSyncCommittee.isPresent();
  }
}
