package io.trestle.lightclient;

import io.trestle.crypto.Hash32;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.spec.LightClientStore;
import io.trestle.lightclient.spec.SignatureCheck;
import io.trestle.lightclient.internal.spec.SyncProtocol;
import io.trestle.lightclient.spec.UpdateResult;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientFinalityUpdate;
import io.trestle.lightclient.types.LightClientOptimisticUpdate;
import io.trestle.lightclient.types.LightClientUpdate;
import java.util.Objects;

/**
 * The beacon-chain light client: a store created from a bootstrap verified against a trusted block
 * root, advanced only by verified updates.
 *
 * <p><b>Trusted:</b> the {@link ChainConfig} and the checkpoint block root passed to {@link #initialize}.
 * <b>Verified:</b> everything else (bootstrap, updates), by the spec's sync protocol (an internal of this
 * module). The finalized header ({@link #finalizedHeader()}) is what a bridge may act on; the optimistic header never.
 *
 * <p><b>Threading:</b> single writer. The {@code process*} methods are {@code synchronized}; readers get
 * immutable {@link LightClientStore} snapshots from {@link #store()} without locking (a volatile read).
 */
public final class LightClient {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LightClient.class);
  private final SyncProtocol protocol;
  private final boolean allowForceUpdate;
  private volatile LightClientStore store;
  private LightClientUpdate lastProcessed;

  private LightClient(final SyncProtocol protocol, final LightClientStore store, final boolean allowForceUpdate) {
    this.protocol = protocol;
    this.store = store;
    this.allowForceUpdate = allowForceUpdate;
  }

  /**
   * Creates a light client from a bootstrap, verifying it against the trusted block root ({@code
   * initialize_light_client_store}). Returns the client or the rejection.
   */
  public static Initialized initialize(final ChainConfig config, final SignatureCheck signatures,
      final Hash32 trustedBlockRoot, final LightClientBootstrap bootstrap) {
    final SyncProtocol protocol = new SyncProtocol(config, signatures);
    final UpdateResult r = protocol.tryInitialize(trustedBlockRoot, bootstrap);
    if (r instanceof UpdateResult.Applied a) {
      return new Initialized(new LightClient(protocol, a.store(), false), null);
    }
    return new Initialized(null, (UpdateResult.Rejected) r);
  }

  /**
   * Resumes a light client from a persisted store. The argument can only be obtained from {@link
   * io.trestle.lightclient.store.StoreFile#load}, which checked the file's checksum, network, anti-rollback
   * mark and the store's invariants (committee roots, header validity, slot order) under the snapshot's
   * config; there is no public path from an arbitrary {@link LightClientStore} object to a client.
   */
  public static LightClient restore(final io.trestle.lightclient.store.StoreFile.VerifiedStore verified,
      final SignatureCheck signatures) {
    Objects.requireNonNull(verified, "verified");
    return new LightClient(new SyncProtocol(verified.config(), signatures), verified.store(), false);
  }

  /**
   * Result of {@link #initialize}: a client, or the rejection of the bootstrap. No accessor returns null:
   * asking for the side that is not there is an {@link IllegalStateException} (check {@link #ok()}).
   */
  public static final class Initialized {
    private final LightClient client;
    private final UpdateResult.Rejected rejection;

    private Initialized(final LightClient client, final UpdateResult.Rejected rejection) {
      this.client = client;
      this.rejection = rejection;
    }

    /** True if a client was created. */
    public boolean ok() {
      return client != null;
    }

    /** The client; {@link IllegalStateException} if the bootstrap was rejected. */
    public LightClient client() {
      if (client == null) {
        throw new IllegalStateException("bootstrap rejected: " + rejection.reason() + ": " + rejection.detail());
      }
      return client;
    }

    /** The rejection; {@link IllegalStateException} if a client was created. */
    public UpdateResult.Rejected rejection() {
      if (rejection == null) {
        throw new IllegalStateException("the bootstrap was accepted");
      }
      return rejection;
    }

    /** The client if one was created. */
    public java.util.Optional<LightClient> clientIfCreated() {
      return java.util.Optional.ofNullable(client);
    }

    @Override
    public String toString() {
      return ok() ? "Initialized[" + client.finalizedHeader().beacon().slot() + "]" : "Initialized[" + rejection + "]";
    }
  }

  /**
   * WARNING: returns a client that may apply {@code process_light_client_store_force_update} (a header
   * without supermajority finality after {@code UPDATE_TIMEOUT}). A bridge should not enable this
   * without governance and monitoring; spec tests need it.
   */
  public LightClient allowingForceUpdates() {
    LOG.warn("force updates ENABLED: the light client may accept headers without supermajority finality");
    return new LightClient(protocol, store, true);
  }

  /** The current store snapshot (immutable). */
  public LightClientStore store() {
    return store;
  }

  /** The finalized header (what a bridge may act on). */
  public io.trestle.lightclient.types.LightClientHeader finalizedHeader() {
    return store.finalizedHeader();
  }

  /**
   * The execution block of the finalized header: the anchor a bridge acts on. Empty before Capella
   * (no execution header in light-client data) or when the header's execution part is the default. For a
   * header that proves only the execution block hash (Gloas) the anchor is {@linkplain
   * ExecutionAnchor#isHashOnly() hash-only}: bind the header from JSON-RPC first; in Gloas that hash names
   * the newest delivered payload on the header's ancestry, not the payload of the header's own slot (see
   * {@link ExecutionAnchor}). Headers bound to it are checked against this network's execution fork
   * schedule (an internal table of this module).
   */
  public java.util.Optional<ExecutionAnchor> finalizedExecution() {
    return anchor(store.finalizedHeader(), Finality.FINALIZED).map(this::withForks);
  }

  /** The execution block of the optimistic header. WARNING: not final; never release funds on it. */
  public java.util.Optional<ExecutionAnchor> optimisticExecution() {
    return anchor(store.optimisticHeader(), Finality.OPTIMISTIC).map(this::withForks);
  }

  /**
   * The anchor checking every header bound to it against this network's execution fork schedule, stamped with
   * this network's execution chain id.
   */
  private ExecutionAnchor withForks(final ExecutionAnchor a) {
    return a.withForkSchedule(ExecutionForks.schedule(config())).withChainId(config().depositChainId());
  }

  static java.util.Optional<ExecutionAnchor> anchor(final io.trestle.lightclient.types.LightClientHeader h,
      final Finality finality) {
    if (h.executionBlockHash().isPresent()) {
      // Gloas shape (also a pre-Gloas header held by a Gloas store): only the block hash is proven.
      final Hash32 hash = h.executionBlockHash().get();
      return hash.equals(Hash32.ZERO) ? java.util.Optional.empty() : java.util.Optional.of(
          ExecutionAnchor.hashOnly(finality, h.beacon().slot(), h.beacon().hashTreeRoot(), hash,
              java.util.Optional.empty()));
    }
    if (h.execution().isEmpty() || h.execution().get().blockHash().equals(Hash32.ZERO)) {
      return java.util.Optional.empty();
    }
    final io.trestle.lightclient.types.ExecutionPayloadHeader e = h.execution().get();
    return java.util.Optional.of(ExecutionAnchor.ofPayloadHeader(finality, h.beacon().slot(), h.beacon().hashTreeRoot(),
        e.blockNumber(), e.blockHash(), e.stateRoot(), e.receiptsRoot(), java.util.Optional.empty()));
  }

  /** The network configuration. */
  public ChainConfig config() {
    return protocol.config();
  }

  /** {@code process_light_client_update}. */
  public synchronized UpdateResult processUpdate(final LightClientUpdate update, final long currentSlot) {
    Objects.requireNonNull(update, "update");
    // DEVIATION(duplicate-update): the update just applied, sent again, is Ignored(DUPLICATE) without being
    // verified again; the spec would re-run process_light_client_update, which cannot change the store then, so
    // this only saves a flood of repeats their signature checks;
    // covered by LightClientAdversarialTest#lc_F87_sameUpdateTwice_secondIgnoredAsDuplicate,
    // ApiAdversarialTest#api_H100_aFloodOfUpdatesCostsNoSignatureChecksOnceApplied
    if (update.equals(lastProcessed)) {
      return new UpdateResult.Ignored(io.trestle.lightclient.spec.IgnoreReason.DUPLICATE,
          "the same update was just processed");
    }
    final UpdateResult r = protocol.tryProcess(store, update, currentSlot);
    if (r instanceof UpdateResult.Applied a) {
      store = a.store();
      lastProcessed = update;
    }
    return r;
  }

  /**
   * What {@link #processUpdate} would do with this update against the current store, without applying
   * it (the protocol is pure). Used to cross-check data from several endpoints before applying any.
   */
  public UpdateResult preview(final LightClientUpdate update, final long currentSlot) {
    return protocol.tryProcess(store, Objects.requireNonNull(update, "update"), currentSlot);
  }

  /** {@code process_light_client_finality_update}. */
  public UpdateResult processFinalityUpdate(final LightClientFinalityUpdate update, final long currentSlot) {
    return processUpdate(update.toUpdate(config().preset()), currentSlot);
  }

  /** {@code process_light_client_optimistic_update}. */
  public UpdateResult processOptimisticUpdate(final LightClientOptimisticUpdate update, final long currentSlot) {
    return processUpdate(update.toUpdate(config().preset()), currentSlot);
  }

  /**
   * {@code process_light_client_store_force_update}; a no-op unless this client was created with
   * {@link #allowingForceUpdates()}.
   */
  public synchronized UpdateResult processForceUpdate(final long currentSlot) {
    // DEVIATION(force-update-opt-in): process_light_client_store_force_update is a no-op (Ignored) unless the
    // client was created allowing it; the spec runs it whenever UPDATE_TIMEOUT passes, which applies an update
    // without a supermajority, a risk a bridge must choose explicitly;
    // covered by LightClientAdversarialTest#lc_F88_forceUpdateDisabledByDefault_enabledOnlyExplicitly
    if (!allowForceUpdate) {
      return new UpdateResult.Ignored(io.trestle.lightclient.spec.IgnoreReason.NOT_RELEVANT,
          "force updates are disabled for this client");
    }
    final UpdateResult r = protocol.tryForceUpdate(store, currentSlot);
    if (r instanceof UpdateResult.Applied a) {
      LOG.warn("FORCED light-client update applied without supermajority finality: finalized slot {} -> {}",
          store.finalizedHeader().beacon().slot(), a.store().finalizedHeader().beacon().slot());
      store = a.store();
    }
    return r;
  }

  /** Upgrades the store to a later fork ({@code upgrade_lc_store_to_<fork>}). */
  public synchronized UpdateResult upgradeStore(final io.trestle.lightclient.config.Fork target) {
    final UpdateResult r = protocol.tryUpgrade(store, target);
    if (r instanceof UpdateResult.Applied a) {
      store = a.store();
    }
    return r;
  }
}
