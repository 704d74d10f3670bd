package io.trestle.lightclient.store;

import io.trestle.crypto.Hash32;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.spec.LightClientStore;
import io.trestle.lightclient.spec.SignatureCheck;
import io.trestle.lightclient.internal.spec.SyncProtocol;
import io.trestle.lightclient.spec.UpdateResult;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.types.LightClientHeader;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.types.SyncCommittee;
import java.util.Optional;
import io.trestle.lightclient.store.StoreFile.StoreError;

/**
 * The invariants every store produced by the sync protocol satisfies, re-checked on load (a checksum only
 * proves the bytes are the ones written) and before save (never persist a store that would not load).
 */
final class StoreInvariants {
  /** Signatures are not part of these checks; a check that fails closed if it were ever called. */
  private static final SignatureCheck NO_SIGNATURES = (committee, root, aggregate, signingRoot) -> false;

  private StoreInvariants() {}

  static void check(final ChainConfig config, final LightClientStore s) {
    final SyncProtocol protocol = new SyncProtocol(config, NO_SIGNATURES);
    final long finalizedSlot = s.finalizedHeader().beacon().slot();
    final long optimisticSlot = s.optimisticHeader().beacon().slot();
    if (finalizedSlot < 0 || finalizedSlot > SyncProtocol.MAX_SLOT) {
      fail("finalized slot " + Long.toUnsignedString(finalizedSlot) + " is out of range");
    }
    final Optional<Fork> slotFork = config.forkAtSlot(finalizedSlot);
    if (slotFork.isEmpty()) {
      fail("finalized slot " + finalizedSlot + " falls in a fork this version does not support");
    }
    if (s.fork() == Fork.PHASE0 || s.fork().ordinal() < slotFork.get().ordinal()) {
      fail("store fork " + s.fork().specName() + " is older than the finalized slot's fork "
          + slotFork.get().specName());
    }
    if (config.forkEpoch(s.fork()).isEmpty()) {
      fail("store fork " + s.fork().specName() + " is not scheduled on " + config.name());
    }
    requireFork(s, s.finalizedHeader(), "finalized_header");
    requireFork(s, s.optimisticHeader(), "optimistic_header");
    if (Long.compareUnsigned(finalizedSlot, optimisticSlot) > 0) {
      fail("finalized slot " + finalizedSlot + " is after the optimistic slot "
          + Long.toUnsignedString(optimisticSlot));
    }
    header(protocol, s.finalizedHeader(), "finalized_header");
    header(protocol, s.optimisticHeader(), "optimistic_header");
    committee(config, s.currentSyncCommittee(), s.currentSyncCommitteeRoot(), "current_sync_committee");
    if (s.nextSyncCommittee().isPresent()) {
      committee(config, s.nextSyncCommittee().get(), s.nextSyncCommitteeRoot().orElseThrow(), "next_sync_committee");
    }
    final int size = config.preset().syncCommitteeSize();
    participants(s.previousMaxActiveParticipants(), size, "previous_max_active_participants");
    participants(s.currentMaxActiveParticipants(), size, "current_max_active_participants");
    if (s.bestValidUpdate().isPresent()) {
      final LightClientUpdate u = s.bestValidUpdate().get();
      requireFork(s, u.attestedHeader(), "best_valid_update.attested_header");
      requireFork(s, u.finalizedHeader(), "best_valid_update.finalized_header");
      header(protocol, u.attestedHeader(), "best_valid_update.attested_header");
      if (SyncProtocol.isFinalityUpdate(u) && u.finalizedHeader().beacon().slot() != 0) {
        header(protocol, u.finalizedHeader(), "best_valid_update.finalized_header");
      }
      if (u.nextSyncCommittee().pubkeys().size() != size || u.syncAggregate().bits().size() * 8 != size) {
        fail("best_valid_update does not have the " + config.preset().name() + " preset's sizes");
      }
    }
  }

  private static void requireFork(final LightClientStore s, final LightClientHeader h, final String which) {
    if (h.fork() != s.fork()) {
      fail(which + " has the " + h.fork().specName() + " shape but the store is " + s.fork().specName());
    }
  }

  private static void header(final SyncProtocol protocol, final LightClientHeader h, final String which) {
    final Optional<UpdateResult.Rejected> r = protocol.validateHeader(h, which);
    if (r.isPresent()) {
      fail("is_valid_light_client_header fails (" + r.get().reason() + "): " + r.get().detail());
    }
  }

  private static void committee(final ChainConfig config, final SyncCommittee c, final Hash32 root,
      final String which) {
    if (c.pubkeys().size() != config.preset().syncCommitteeSize()) {
      fail(which + " has " + c.pubkeys().size() + " keys, the " + config.preset().name() + " preset needs "
          + config.preset().syncCommitteeSize());
    }
    final Hash32 actual = c.hashTreeRoot();
    if (!actual.equals(root)) {
      fail(which + " hashes to " + actual + " but the stored root is " + root);
    }
  }

  private static void participants(final int v, final int size, final String which) {
    if (v < 0 || v > size) {
      fail(which + " = " + v + " is outside 0.." + size);
    }
  }

  private static void fail(final String detail) {
    throw new StoreException(StoreError.INVARIANT_VIOLATED, detail);
  }
}
