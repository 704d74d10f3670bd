package io.trestle.lightclient.sync;

import io.trestle.crypto.Hash32;
import io.trestle.lightclient.LightClient;
import io.trestle.lightclient.bls.SyncCommitteeVerifier;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.source.BeaconApiClient;
import io.trestle.lightclient.source.Endpoint;
import io.trestle.lightclient.internal.DecodedSource;
import io.trestle.lightclient.internal.DecodingSource;
import io.trestle.lightclient.source.LightClientSource;
import io.trestle.lightclient.source.SourceException.SourceError;
import io.trestle.lightclient.source.SourceException;
import io.trestle.lightclient.spec.LightClientStore;
import io.trestle.lightclient.spec.SignatureCheck;
import io.trestle.lightclient.spec.UpdateRejection;
import io.trestle.lightclient.spec.UpdateResult;
import io.trestle.lightclient.store.StoreFile.LoadResult;
import io.trestle.lightclient.store.StoreFile.SaveResult;
import io.trestle.lightclient.store.StoreFile;
import io.trestle.lightclient.store.StoreFile.WeakSubjectivity;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.config.ChainConfig.Preset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.trestle.lightclient.types.LightClientHeader;

/**
 * Drives the light client from a checkpoint (or a persisted store) to the head of the chain using
 * untrusted light-client sources: updates period by period in batches, then the latest finality and
 * optimistic updates, persisting the store after every verified step.
 *
 * <p><b>Trusted:</b> the {@link ChainConfig}, the checkpoint root, and the clock ({@code currentSlot}).
 * <b>Verified:</b> everything fetched, by the {@link LightClient}. Sources are checked for the network
 * (genesis validators root and fork version) before anything is fetched.
 *
 * <p><b>Several sources</b> ({@link Builder#sources}, or one per endpoint of a {@link BeaconApiClient}): the
 * bootstrap and the period updates come from the preferred source; when it fails, or its answer is refused
 * (undecodable, labelled with another fork than its slot's, bad signature, bad branch...), the same data is asked
 * from the others before the pass fails, and the offender is demoted for later steps. One lying source among
 * honest ones therefore does not stop sync. The latest finality and optimistic updates are fetched from all
 * sources: data that fails verification is reported and skipped; validly signed data that conflicts raises an
 * {@link Alarm} and nothing of it is applied. Every event about fetched data names the source that served it
 * ({@link SyncEvent#source()}).
 *
 * <p>Not thread-safe: one driver per light client, used from one thread. The light client's snapshots
 * ({@link #client()}{@code .store()}) may be read from other threads.
 */
public final class SyncDriver {
  private static final Logger LOG = LoggerFactory.getLogger(SyncDriver.class);

  /** Wire encoding used with the beacon API. */
  public enum Encoding {
    /** {@code application/json}. */
    JSON,
    /** {@code application/octet-stream} (SSZ). */
    SSZ
  }

  private final ChainConfig config;
  private final SourceSet sources;
  private final SignatureCheck signatures;
  private final Optional<StoreFile> storeFile;
  private final Optional<Hash32> checkpoint;
  private final WeakSubjectivity weakSubjectivity;
  private final boolean allowOldCheckpoint;
  private final LongSupplier clock;
  private final SyncListener listener;
  private LightClient client;
  private boolean networkChecked;

  private SyncDriver(final Builder b) {
    this.config = b.config;
    if (b.sources != null) {
      this.sources = new SourceSet(b.sources);
    } else {
      Objects.requireNonNull(b.beacon, "beacon API client or light-client sources");
      this.sources = new SourceSet(sources(b.beacon, b.encoding).stream()
          .map(s -> DecodingSource.of(s, b.config.preset())).toList());
    }
    this.signatures = Objects.requireNonNull(b.signatures, "signature check");
    this.storeFile = Optional.ofNullable(b.storeFile);
    this.checkpoint = Optional.ofNullable(b.checkpoint);
    this.weakSubjectivity = b.weakSubjectivity == null ? WeakSubjectivity.defaults(b.config) : b.weakSubjectivity;
    this.allowOldCheckpoint = b.allowOldCheckpoint;
    this.clock = b.clock == null ? () -> WeakSubjectivity.currentSlot(b.config, java.time.Instant.now()) : b.clock;
    this.listener = b.listener;
  }

  /** A builder for a network. */
  public static Builder builder(final ChainConfig config) {
    return new Builder(config);
  }

  /** The HTTP sources of {@code client}: one per endpoint, in its order, decoding {@code encoding}. */
  public static List<LightClientSource> sources(final BeaconApiClient client, final Encoding encoding) {
    Objects.requireNonNull(encoding, "encoding");
    final List<LightClientSource> out = new ArrayList<>();
    for (final BeaconApiClient one : client.perEndpoint()) {
      out.add(encoding == Encoding.SSZ ? one.sszSource() : one.jsonSource());
    }
    return out;
  }

  /** Builder: the sources (or a beacon API client) and the signature check are required. */
  public static final class Builder {
    private final ChainConfig config;
    private BeaconApiClient beacon;
    private List<DecodedSource> sources;
    private SignatureCheck signatures;
    private StoreFile storeFile;
    private Hash32 checkpoint;
    private WeakSubjectivity weakSubjectivity;
    private boolean allowOldCheckpoint;
    private LongSupplier clock;
    private Encoding encoding = Encoding.JSON;
    private SyncListener listener = SyncListener.NONE;

    private Builder(final ChainConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /** The (untrusted) beacon API endpoints: one source per endpoint, in {@link #encoding}. */
    public Builder beaconApi(final BeaconApiClient client) {
      this.beacon = client;
      return this;
    }

    /** The (untrusted) light-client sources, in preference order (instead of {@link #beaconApi}). */
    public Builder sources(final List<? extends LightClientSource> list) {
      final List<DecodedSource> decoded = new ArrayList<>();
      for (final LightClientSource s : list) {
        decoded.add(DecodingSource.of(s, config.preset()));
      }
      this.sources = List.copyOf(decoded);
      return this;
    }

    /**
     * The sync-committee signature check: {@code SyncCommitteeVerifier.create()} (keys decompressed and
     * subgroup-checked once per committee), or {@code uncached()}.
     */
    public Builder signatures(final SyncCommitteeVerifier check) {
      this.signatures = check;
      return this;
    }

    /** Persist to and resume from this store. */
    public Builder store(final StoreFile file) {
      this.storeFile = file;
      return this;
    }

    /** The trusted checkpoint block root (needed unless a store exists). */
    public Builder checkpoint(final Hash32 root) {
      this.checkpoint = root;
      return this;
    }

    /** The weak-subjectivity window, and whether an older checkpoint or store is accepted anyway. */
    public Builder weakSubjectivity(final WeakSubjectivity policy, final boolean allowOld) {
      this.weakSubjectivity = policy;
      this.allowOldCheckpoint = allowOld;
      return this;
    }

    /** The current slot (default: the wall clock from the network's genesis time). */
    public Builder clock(final LongSupplier currentSlot) {
      this.clock = currentSlot;
      return this;
    }

    /** JSON (default) or SSZ, for {@link #beaconApi}. */
    public Builder encoding(final Encoding e) {
      this.encoding = Objects.requireNonNull(e);
      return this;
    }

    /** Progress events. */
    public Builder listener(final SyncListener l) {
      this.listener = Objects.requireNonNull(l);
      return this;
    }

    /** The driver. */
    public SyncDriver build() {
      return new SyncDriver(this);
    }
  }

  /** The light client, once bootstrapped or resumed. */
  public Optional<LightClient> client() {
    return Optional.ofNullable(client);
  }

  /** The sources' endpoints in the current preference order (demoted offenders last). */
  public List<Endpoint> sourceOrder() {
    return sources.order().stream().map(DecodedSource::endpoint).toList();
  }

  /**
   * Follows the chain: a {@link #sync()} pass every {@code interval}, {@code rounds} times, stopping early
   * on anything but {@code SYNCED}. Returns the last report.
   */
  public SyncReport follow(final int rounds, final Duration interval) throws InterruptedException {
    SyncReport last = sync();
    for (int i = 1; i < rounds && last.status() == SyncReport.Status.SYNCED; i++) {
      Thread.sleep(interval.toMillis());
      last = sync();
    }
    return last;
  }

  /** One pass: check the network, bootstrap or resume, catch up period by period, apply the latest updates. */
  public SyncReport sync() {
    final Pass pass = new Pass();
    try {
      if (!networkChecked) {
        checkNetwork(pass);
        networkChecked = true;
      }
      if (client == null && !start(pass)) {
        return pass.report();
      }
      if (!catchUp(pass)) {
        return pass.report();
      }
      latest(pass, true);
      if (pass.status == SyncReport.Status.SYNCED) {
        latest(pass, false);
      }
      return pass.report();
    } catch (SourceException e) {
      pass.sourceError = e;
      pass.status = e.error() == SourceError.WRONG_NETWORK ? SyncReport.Status.CONFIG_ERROR
          : SyncReport.Status.SOURCE_FAILED;
      pass.event(SyncEvent.Kind.SOURCE_ERROR, e.getMessage());
      return pass.report();
    }
  }

  // --- steps ----------------------------------------------------------------------------------------

  /** Every source must serve the configured network; unreachable ones are tolerated while one answers. */
  private void checkNetwork(final Pass pass) {
    final List<SourceSet.Answer<Boolean>> all = sources.all("genesis", s -> {
      s.checkNetwork(config);
      return Boolean.TRUE;
    });
    boolean answered = false;
    final List<SourceException> failures = new ArrayList<>();
    for (final SourceSet.Answer<Boolean> a : all) {
      if (a instanceof SourceSet.Failed<Boolean> f) {
        if (f.error().error() == SourceError.WRONG_NETWORK) {
          throw f.error();
        }
        LOG.warn("network check: {} did not answer: {}", f.source().endpoint(), f.error().getMessage());
        failures.add(f.error());
      } else if (a instanceof SourceSet.Refused<Boolean> r) {
        failures.add(SourceException.of(SourceError.MALFORMED, r.source().endpoint(), r.rejection().detail()));
      } else {
        answered = true;
      }
    }
    if (!answered) {
      throw SourceSet.aggregate("genesis", failures);
    }
    pass.event(SyncEvent.Kind.NETWORK_CHECKED, "beacon API " + sources.preferred().endpoint().label()
        + " serves " + config.name() + " (genesis validators root " + config.genesisValidatorsRoot() + ")");
  }

  private boolean start(final Pass pass) {
    final long now = clock.getAsLong();
    if (storeFile.isPresent()) {
      final LoadResult r = storeFile.get().load(weakSubjectivity, now, allowOldCheckpoint);
      if (r instanceof LoadResult.Restored restored) {
        client = LightClient.restore(restored.verified(), signatures);
        pass.event(SyncEvent.Kind.RESUMED, "resumed from " + storeFile.get().directory() + " at finalized slot "
            + client.store().finalizedHeader().beacon().slot());
        return true;
      }
      if (r instanceof LoadResult.Refused refused) {
        return pass.reject(refused.rejection());
      }
    }
    if (checkpoint.isEmpty()) {
      pass.status = SyncReport.Status.CONFIG_ERROR;
      pass.sourceError = SourceException.general(SourceError.NOT_FOUND,
          "no persisted store and no trusted checkpoint: give a checkpoint block root");
      pass.event(SyncEvent.Kind.SOURCE_ERROR, pass.sourceError.getMessage());
      return false;
    }
    final Hash32 root = checkpoint.get();
    final LightClient[] created = new LightClient[1];
    final SourceSet.Answer<LightClientBootstrap> a = sources.first("bootstrap", s -> s.decodedBootstrap(root),
        (s, b) -> {
          final Optional<UpdateResult.Rejected> fork =
              WireFork.check(config, "bootstrap", b.fork(), b.header().beacon().slot());
          if (fork.isPresent()) {
            return fork;
          }
          final LightClient.Initialized init = LightClient.initialize(config, signatures, root, b);
          if (!init.ok()) {
            return Optional.of(init.rejection());
          }
          created[0] = init.client();
          return Optional.empty();
        }, f -> pass.failed("bootstrap", f));
    if (a instanceof SourceSet.Refused<LightClientBootstrap> r) {
      return pass.reject(r.rejection());
    }
    if (a instanceof SourceSet.Failed<LightClientBootstrap> f) {
      throw f.error();
    }
    final SourceSet.Accepted<LightClientBootstrap> ok = (SourceSet.Accepted<LightClientBootstrap>) a;
    final LightClientBootstrap bootstrap = ok.value();
    final Optional<UpdateResult.Rejected> old =
        weakSubjectivity.check(bootstrap.header().beacon().slot(), now, allowOldCheckpoint);
    if (old.isPresent()) {
      return pass.reject(old.get());
    }
    client = created[0];
    pass.event(SyncEvent.from(SyncEvent.Kind.BOOTSTRAPPED, ok.source().endpoint(), "bootstrap verified against"
        + " checkpoint " + root + " (slot " + bootstrap.header().beacon().slot() + ")"));
    if (bootstrap.header().beacon().slot() % preset().slotsPerEpoch() != 0) {
      // Catalogue G94 (policy): a checkpoint should be a finalized epoch-boundary block. A block at another
      // slot is legitimate only when the boundary slot was empty, so this is said, not refused.
      pass.event(SyncEvent.Kind.BOOTSTRAPPED, "note: the checkpoint block is at slot " + bootstrap.header().beacon().slot()
          + ", not an epoch boundary; make sure it is the block of a finalized checkpoint (the boundary slot was empty)");
    }
    save(pass);
    return true;
  }

  private boolean catchUp(final Pass pass) {
    final long now = clock.getAsLong();
    final long targetPeriod = preset().periodAtSlot(now);
    final long firstPeriod = period(client.store());
    final long total = Math.max(1, targetPeriod - firstPeriod + 1);
    while (true) {
      final LightClientStore before = client.store();
      final long storePeriod = period(before);
      if (storePeriod > targetPeriod || storePeriod == targetPeriod && before.isNextSyncCommitteeKnown()) {
        return true;
      }
      // Re-read at every source asked: a refused batch keeps its verified prefix, the next source continues.
      final SourceSet.Answer<List<LightClientUpdate>> a = sources.first("updates from period " + storePeriod,
          s -> {
            final long p = period(client.store());
            return s.decodedUpdates(p, (int) Math.min(BeaconApiClient.MAX_UPDATES_PER_REQUEST, targetPeriod - p + 1));
          },
          (s, batch) -> apply(pass, s, batch, now, firstPeriod, total),
          f -> pass.failed("updates from period " + period(client.store()), f));
      if (a instanceof SourceSet.Refused<List<LightClientUpdate>> r) {
        pass.reject(r.rejection());
        save(pass); // keep what was verified before the refused update
        return false;
      }
      if (a instanceof SourceSet.Failed<List<LightClientUpdate>> f) {
        save(pass);
        throw f.error();
      }
      save(pass);
      final LightClientStore after = client.store();
      if (period(after) == period(before) && after.isNextSyncCommitteeKnown() == before.isNextSyncCommitteeKnown()) {
        return true; // the sources have nothing newer for these periods
      }
    }
  }

  /** Applies a batch in order; the first refused update ends it (the prefix stays applied). */
  private Optional<UpdateResult.Rejected> apply(final Pass pass, final DecodedSource s,
      final List<LightClientUpdate> batch, final long now, final long firstPeriod, final long total) {
    for (final LightClientUpdate u : batch) {
      final long p = preset().periodAtSlot(u.attestedHeader().beacon().slot());
      final String what = "update for period " + p;
      final Optional<UpdateResult.Rejected> fork =
          WireFork.check(config, what, u.fork(), u.attestedHeader().beacon().slot());
      if (fork.isPresent()) {
        return fork;
      }
      final UpdateResult r = client.processUpdate(u, now);
      if (r instanceof UpdateResult.Rejected rj) {
        return Optional.of(rj);
      }
      record(pass, s, what, r);
      pass.listener(new SyncEvent(SyncEvent.Kind.PROGRESS, "period " + (period(client.store()) - firstPeriod + 1)
          + " of " + total, period(client.store()) - firstPeriod + 1, total));
    }
    return Optional.empty();
  }

  /** The latest finality (or optimistic) update from every source: verify each, alarm on conflicts, apply. */
  private void latest(final Pass pass, final boolean finality) {
    final String what = finality ? "finality update" : "optimistic update";
    final long now = clock.getAsLong();
    final List<SourceSet.Answer<LightClientUpdate>> answers = sources.all(what, s -> finality
        ? s.decodedFinalityUpdate().toUpdate(preset()) : s.decodedOptimisticUpdate().toUpdate(preset()));
    final boolean single = answers.size() == 1;
    final List<DecodedSource> validFrom = new ArrayList<>();
    final List<LightClientUpdate> valid = new ArrayList<>();
    UpdateResult.Rejected firstRejection = null;
    boolean anyIgnored = false;
    for (final SourceSet.Answer<LightClientUpdate> a : answers) {
      if (a instanceof SourceSet.Failed<LightClientUpdate> f) {
        if (single && f.error().error() == SourceError.NOT_FOUND) {
          // The beacon API answers 404 while it has no such update yet: nothing newer to apply.
          pass.event(SyncEvent.Kind.SOURCE_ERROR, what + " not available: " + f.error().getMessage());
          return;
        }
        if (single) {
          throw f.error();
        }
        pass.event(SyncEvent.from(SyncEvent.Kind.SOURCE_ERROR, f.source().endpoint(), what + " from "
            + f.source().endpoint().label() + ": " + f.error().getMessage()));
        if (f.error().error() == SourceError.MALFORMED && firstRejection == null) {
          firstRejection = new UpdateResult.Rejected(UpdateRejection.SSZ_INVALID, f.error().detail());
        }
        continue;
      }
      final UpdateResult.Rejected refused;
      if (a instanceof SourceSet.Refused<LightClientUpdate> r) {
        refused = r.rejection();
      } else {
        final SourceSet.Accepted<LightClientUpdate> ok = (SourceSet.Accepted<LightClientUpdate>) a;
        final LightClientUpdate u = ok.value();
        final UpdateResult preview = WireFork.check(config, what, u.fork(), u.attestedHeader().beacon().slot())
            .<UpdateResult>map(x -> x).orElseGet(() -> client.preview(u, now));
        if (preview instanceof UpdateResult.Ignored ig) {
          anyIgnored = true;
          pass.event(SyncEvent.from(SyncEvent.Kind.IGNORED, ok.source().endpoint(), what + " from "
              + ok.source().endpoint().label() + " ignored: " + ig.reason()));
          continue;
        }
        if (!(preview instanceof UpdateResult.Rejected rj)) {
          validFrom.add(ok.source());
          valid.add(u);
          continue;
        }
        refused = rj;
      }
      final DecodedSource from = a instanceof SourceSet.Refused<LightClientUpdate> r ? r.source()
          : ((SourceSet.Accepted<LightClientUpdate>) a).source();
      pass.event(SyncEvent.from(SyncEvent.Kind.REJECTED, from.endpoint(), what + " from " + from.endpoint().label()
          + " rejected: " + refused.reason() + ": " + refused.detail()));
      sources.demote(from, what + " rejected: " + refused.reason());
      if (firstRejection == null) {
        firstRejection = refused;
      }
    }
    for (int i = 0; i < valid.size(); i++) {
      for (int j = i + 1; j < valid.size(); j++) {
        final Optional<String> conflict = conflict(valid.get(i), valid.get(j));
        if (conflict.isPresent()) {
          final Endpoint ea = validFrom.get(i).endpoint();
          final Endpoint eb = validFrom.get(j).endpoint();
          alarm(pass, Alarm.between(what, ea, valid.get(i), eb, valid.get(j), conflict.get()), "ALARM: "
              + ea.label() + " and " + eb.label() + " served validly signed but conflicting " + what + "s: "
              + conflict.get());
          LOG.warn("light-client ALARM: conflicting validly signed {}s from {} and {}: {}", what, ea.label(),
              eb.label(), conflict.get());
        }
      }
    }
    for (int i = 0; i < valid.size(); i++) {
      final Optional<String> c = conflictWithStore(client.store(), valid.get(i));
      if (c.isPresent()) {
        final Endpoint e = validFrom.get(i).endpoint();
        alarm(pass, Alarm.againstStore(what, e, valid.get(i), client.store().finalizedHeader(), c.get()), "ALARM: "
            + e.label() + " served a validly signed " + what + " contradicting the stored finalized header: " + c.get());
        LOG.warn("light-client ALARM: {} from {} contradicts the stored finalized header: {}", what, e.label(),
            c.get());
      }
    }
    if (pass.status == SyncReport.Status.ALARM) {
      return;
    }
    if (valid.isEmpty()) {
      if (firstRejection != null && !anyIgnored) {
        pass.reject(firstRejection);
      }
      return;
    }
    // Apply the one that advances the store furthest (they do not conflict).
    int best = 0;
    for (int i = 1; i < valid.size(); i++) {
      if (valid.get(i).attestedHeader().beacon().slot() > valid.get(best).attestedHeader().beacon().slot()) {
        best = i;
      }
    }
    record(pass, validFrom.get(best), what, client.processUpdate(valid.get(best), now));
    save(pass);
  }

  private void alarm(final Pass pass, final Alarm alarm, final String message) {
    pass.alarms.add(alarm);
    pass.status = SyncReport.Status.ALARM;
    pass.event(SyncEvent.Kind.ALARM, message);
    storeFile.ifPresent(f -> pass.event(SyncEvent.Kind.ALARM, Evidence.keep(f.directory(), config, alarm)));
  }

  /**
   * A finality update whose finalized header has the store's finalized slot but is a different header:
   * the committee signed a history that contradicts what this client already finalized.
   */
  static Optional<String> conflictWithStore(final LightClientStore store, final LightClientUpdate u) {
    final var stored = store.finalizedHeader().beacon();
    final var claimed = u.finalizedHeader().beacon();
    if (SyncProtocolView.isFinality(u) && claimed.slot() == stored.slot() && !claimed.equals(stored)) {
      return Optional.of("finalized header at slot " + stored.slot() + " is " + claimed.hashTreeRoot()
          + ", the store finalized " + stored.hashTreeRoot());
    }
    return Optional.empty();
  }

  /** Same slot, different header: a conflict. Different slots are not (servers may be at different heads). */
  private static Optional<String> conflict(final LightClientUpdate a, final LightClientUpdate b) {
    if (a.attestedHeader().beacon().slot() == b.attestedHeader().beacon().slot()
        && !a.attestedHeader().beacon().equals(b.attestedHeader().beacon())) {
      return Optional.of("different attested headers at slot " + a.attestedHeader().beacon().slot());
    }
    if (SyncProtocolView.isFinality(a) && SyncProtocolView.isFinality(b)
        && a.finalizedHeader().beacon().slot() == b.finalizedHeader().beacon().slot()
        && !a.finalizedHeader().beacon().equals(b.finalizedHeader().beacon())) {
      return Optional.of("different finalized headers at slot " + a.finalizedHeader().beacon().slot());
    }
    return Optional.empty();
  }

  /** Records an applied or ignored update (a rejection is the caller's to handle). */
  private void record(final Pass pass, final DecodedSource s, final String what, final UpdateResult r) {
    if (r instanceof UpdateResult.Applied a) {
      pass.event(SyncEvent.from(SyncEvent.Kind.APPLIED, s.endpoint(), what + " applied: finalized slot "
          + a.store().finalizedHeader().beacon().slot() + ", optimistic slot "
          + a.store().optimisticHeader().beacon().slot()));
    } else if (r instanceof UpdateResult.Ignored ig) {
      pass.event(SyncEvent.from(SyncEvent.Kind.IGNORED, s.endpoint(), what + " ignored: " + ig.reason() + " ("
          + ig.detail() + ")"));
    } else {
      final UpdateResult.Rejected rj = (UpdateResult.Rejected) r;
      pass.event(SyncEvent.from(SyncEvent.Kind.REJECTED, s.endpoint(), what + " rejected: " + rj.reason() + ": "
          + rj.detail()));
      pass.reject(rj);
    }
  }

  private void save(final Pass pass) {
    if (storeFile.isEmpty() || client == null) {
      return;
    }
    final SaveResult r = storeFile.get().save(client.store());
    if (r instanceof SaveResult.Written w) {
      pass.event(SyncEvent.Kind.SAVED, "store saved at finalized slot " + w.finalizedSlot());
    } else {
      final SaveResult.Refused refused = (SaveResult.Refused) r;
      pass.event(SyncEvent.Kind.REJECTED, "store not saved: " + refused.failure().detail());
    }
  }

  private Preset preset() {
    return config.preset();
  }

  private long period(final LightClientStore s) {
    return preset().periodAtSlot(s.finalizedHeader().beacon().slot());
  }

  /** Per-pass state. */
  private final class Pass {
    private final List<SyncEvent> events = new ArrayList<>();
    private final List<Alarm> alarms = new ArrayList<>();
    private SyncReport.Status status = SyncReport.Status.SYNCED;
    private UpdateResult.Rejected rejection;
    private SourceException sourceError;

    void event(final SyncEvent.Kind kind, final String message) {
      listener(SyncEvent.of(kind, message));
    }

    void event(final SyncEvent e) {
      listener(e);
    }

    void listener(final SyncEvent e) {
      events.add(e);
      LOG.debug("{}: {}", e.kind(), e.message());
      listener.onEvent(e);
    }

    /** One source's failed or refused answer during fail-over (the next source is asked). */
    <T> void failed(final String what, final SourceSet.Answer<T> a) {
      if (a instanceof SourceSet.Refused<T> r) {
        event(SyncEvent.from(SyncEvent.Kind.REJECTED, r.source().endpoint(), what + " from "
            + r.source().endpoint().label() + " rejected: " + r.rejection().reason() + ": " + r.rejection().detail()));
      } else if (a instanceof SourceSet.Failed<T> f) {
        event(SyncEvent.from(SyncEvent.Kind.SOURCE_ERROR, f.source().endpoint(), what + " from "
            + f.source().endpoint().label() + ": " + f.error().getMessage()));
      }
    }

    boolean reject(final UpdateResult.Rejected r) {
      rejection = r;
      status = SyncReport.Status.REJECTED;
      if (events.isEmpty() || events.get(events.size() - 1).kind() != SyncEvent.Kind.REJECTED) {
        event(SyncEvent.Kind.REJECTED, r.reason() + ": " + r.detail());
      }
      return false;
    }

    SyncReport report() {
      return new SyncReport(status, client == null ? Optional.empty() : Optional.of(client.store()), events,
          Optional.ofNullable(rejection), Optional.ofNullable(sourceError), alarms);
    }
  }

  /**
   * The outcome of a sync pass.
   *
   * @param status how it ended
   * @param store the store it ended at (the last verified state; empty only if no store could be created)
   * @param events everything that happened, in order
   * @param rejection the rejection that stopped it (status REJECTED)
   * @param sourceError the source failure that stopped it (status SOURCE_FAILED or CONFIG_ERROR)
   * @param alarms conflicting validly signed data seen (status ALARM)
   */
  public record SyncReport(Status status, Optional<LightClientStore> store, List<SyncEvent> events,
      Optional<UpdateResult.Rejected> rejection, Optional<SourceException> sourceError, List<Alarm> alarms) {

    /** How a sync pass ended. */
    public enum Status {
      /** Synced to the latest data the sources offered. */
      SYNCED,
      /** Stopped on data that failed verification. */
      REJECTED,
      /** Stopped because conflicting validly signed data was served. */
      ALARM,
      /** Stopped because the sources failed (timeouts, HTTP errors, all endpoints down). */
      SOURCE_FAILED,
      /** Stopped before syncing: wrong network, no checkpoint and no store, unusable configuration. */
      CONFIG_ERROR
    }

    /** Copies lists; non-null fields. */
    public SyncReport {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(store, "store");
      events = List.copyOf(events);
      Objects.requireNonNull(rejection, "rejection");
      Objects.requireNonNull(sourceError, "sourceError");
      alarms = List.copyOf(alarms);
    }
  }

  /**
   * One thing the sync driver did or saw, for progress display and reports.
   *
   * @param kind what happened
   * @param message a human-readable line
   * @param done for PROGRESS: periods done (else 0)
   * @param total for PROGRESS: periods to do (else 0)
   * @param source the source that served the data the event is about, when there is one (which endpoint served
   *     what: a refused answer names its source, and so does the data that was applied)
   */
  public record SyncEvent(Kind kind, String message, long done, long total,
      java.util.Optional<io.trestle.lightclient.source.Endpoint> source) {
    /** Event kinds. */
    public enum Kind {
      /** Network identity of the sources checked. */
      NETWORK_CHECKED,
      /** Resumed from a persisted store. */
      RESUMED,
      /** Bootstrapped from the trusted checkpoint. */
      BOOTSTRAPPED,
      /** Progress through sync-committee periods ("period x of y"). */
      PROGRESS,
      /** An update was applied. */
      APPLIED,
      /** An update was ignored (stale, duplicate). */
      IGNORED,
      /** Data from a source was rejected (the store keeps only what was verified before). */
      REJECTED,
      /** A source failed (timeout, HTTP error...). */
      SOURCE_ERROR,
      /** The store was persisted. */
      SAVED,
      /** Two endpoints served validly signed but conflicting data. */
      ALARM
    }

    /** Validates non-null fields. */
    public SyncEvent {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(source, "source");
    }

    /** An event not tied to one source. */
    public SyncEvent(final Kind kind, final String message, final long done, final long total) {
      this(kind, message, done, total, java.util.Optional.empty());
    }

    static SyncEvent of(final Kind kind, final String message) {
      return new SyncEvent(kind, message, 0, 0);
    }

    static SyncEvent from(final Kind kind, final io.trestle.lightclient.source.Endpoint source, final String message) {
      return new SyncEvent(kind, message, 0, 0, java.util.Optional.of(source));
    }
  }

  /** Receives sync events as they happen (for progress display). Called on the syncing thread. */
  @FunctionalInterface
  public interface SyncListener {
    /** A listener that ignores everything. */
    SyncListener NONE = e -> { };

    /** Called for every event. */
    void onEvent(SyncEvent event);
  }

  /**
   * Validly signed light-client data that conflicts: two endpoints served updates that both pass
   * verification but disagree (a different attested or finalized header at the same slot), or an endpoint
   * served an update whose finalized header contradicts the store's own finalized header at the same
   * slot. Either means the sync committee signed two histories, or a bug: nothing of it is applied, and
   * the evidence is kept.
   *
   * @param what which object (finality or optimistic update)
   * @param endpointA the endpoint that served {@code objectA}
   * @param objectA the update it served
   * @param endpointB the other endpoint (empty for a conflict with the store)
   * @param objectB what the other endpoint served (empty for a conflict with the store)
   * @param storedFinalized the store's finalized header that {@code objectA} contradicts (empty otherwise)
   * @param detail what differs
   */
  public record Alarm(String what, Endpoint endpointA, LightClientUpdate objectA, Optional<Endpoint> endpointB,
      Optional<LightClientUpdate> objectB, Optional<LightClientHeader> storedFinalized, String detail) {
    /** Validates non-null fields and that exactly one kind of counterpart is present. */
    public Alarm {
      Objects.requireNonNull(what, "what");
      Objects.requireNonNull(endpointA, "endpointA");
      Objects.requireNonNull(objectA, "objectA");
      Objects.requireNonNull(endpointB, "endpointB");
      Objects.requireNonNull(objectB, "objectB");
      Objects.requireNonNull(storedFinalized, "storedFinalized");
      Objects.requireNonNull(detail, "detail");
      if (endpointB.isPresent() != objectB.isPresent() || objectB.isPresent() == storedFinalized.isPresent()) {
        throw new IllegalArgumentException("an alarm has either a second endpoint's update or the stored header");
      }
    }

    /** Two endpoints disagree. */
    public static Alarm between(final String what, final Endpoint a, final LightClientUpdate objectA, final Endpoint b,
        final LightClientUpdate objectB, final String detail) {
      return new Alarm(what, a, objectA, Optional.of(b), Optional.of(objectB), Optional.empty(), detail);
    }

    /** An endpoint contradicts the store's finalized header. */
    public static Alarm againstStore(final String what, final Endpoint a, final LightClientUpdate objectA,
        final LightClientHeader storedFinalized, final String detail) {
      return new Alarm(what, a, objectA, Optional.empty(), Optional.empty(), Optional.of(storedFinalized), detail);
    }
  }
}
