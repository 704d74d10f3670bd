package io.trestle.lightclient.store;

import io.trestle.crypto.Hash32;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.spec.LightClientStore;

/**
 * A persisted store that passed every load check of {@link StoreFile}: the SHA-256 checksum, the format
 * version, the network identity of {@link #config()}, the anti-rollback high-water mark, and the store
 * invariants (committee roots recomputed, {@code is_valid_light_client_header} for the finalized and
 * optimistic headers, finalized slot not after the optimistic slot, a fork not older than the finalized
 * slot's). Only this package creates instances, so {@link io.trestle.lightclient.LightClient#restore}
 * cannot be fed an unchecked store.
 *
 * <p>Trusted: the store contents were produced by this software from verified data (the checksum detects
 * damage, not a local attacker who rewrites the files; see {@link StoreFile}). Not re-verified: the
 * signature of the best valid update.
 */
public final class VerifiedStore {
  private final ChainConfig config;
  private final LightClientStore store;
  private final Hash32 checksum;

  VerifiedStore(final ChainConfig config, final LightClientStore store, final Hash32 checksum) {
    this.config = config;
    this.store = store;
    this.checksum = checksum;
  }

  /** The network configuration the store was checked against. */
  public ChainConfig config() {
    return config;
  }

  /** The restored store snapshot. */
  public LightClientStore store() {
    return store;
  }

  /** The SHA-256 checksum of the file it was read from. */
  public Hash32 checksum() {
    return checksum;
  }

  /** The finalized header's slot. */
  public long finalizedSlot() {
    return store.finalizedHeader().beacon().slot();
  }
}
