package io.trestle.lightclient.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.LightClient;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.json.BeaconApiJson;
import io.trestle.lightclient.json.BeaconJsonException;
import io.trestle.lightclient.json.Versioned;
import io.trestle.lightclient.source.BeaconApiClient;
import io.trestle.lightclient.source.Endpoint;
import io.trestle.lightclient.source.EndpointResult;
import io.trestle.lightclient.source.SourceError;
import io.trestle.lightclient.source.SourceException;
import io.trestle.lightclient.spec.LightClientStore;
import io.trestle.lightclient.spec.SignatureCheck;
import io.trestle.lightclient.spec.UpdateRejection;
import io.trestle.lightclient.spec.UpdateResult;
import io.trestle.lightclient.store.LoadResult;
import io.trestle.lightclient.store.SaveResult;
import io.trestle.lightclient.store.StoreFile;
import io.trestle.lightclient.store.WeakSubjectivity;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.types.Preset;
import io.trestle.proofs.ssz.SszException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the light client from a checkpoint (or a persisted store) to the head of the chain using
 * untrusted beacon-API sources: updates period by period in batches, then the latest finality and
 * optimistic updates, persisting the store after every verified step.
 *
 * <p><b>Trusted:</b> the {@link ChainConfig}, the checkpoint root, and the clock ({@code currentSlot}).
 * <b>Verified:</b> everything fetched, by the {@link LightClient}. Sources are checked for the network
 * (genesis validators root and fork version) before anything is fetched. With several endpoints,
 * finality and optimistic updates are fetched from all of them: data that fails verification is
 * reported and skipped; validly signed data that conflicts raises an {@link Alarm} and nothing of it is
 * applied.
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
  private final BeaconApiClient beacon;
  private final SignatureCheck signatures;
  private final Optional<StoreFile> storeFile;
  private final Optional<Hash32> checkpoint;
  private final WeakSubjectivity weakSubjectivity;
  private final boolean allowOldCheckpoint;
  private final LongSupplier clock;
  private final Encoding encoding;
  private final SyncListener listener;
  private LightClient client;
  private boolean networkChecked;

  private SyncDriver(final Builder b) {
    this.config = b.config;
    this.beacon = Objects.requireNonNull(b.beacon, "beacon API client");
    this.signatures = Objects.requireNonNull(b.signatures, "signature check");
    this.storeFile = Optional.ofNullable(b.storeFile);
    this.checkpoint = Optional.ofNullable(b.checkpoint);
    this.weakSubjectivity = b.weakSubjectivity == null ? WeakSubjectivity.defaults(b.config) : b.weakSubjectivity;
    this.allowOldCheckpoint = b.allowOldCheckpoint;
    this.clock = b.clock == null ? () -> WeakSubjectivity.currentSlot(b.config, java.time.Instant.now()) : b.clock;
    this.encoding = b.encoding;
    this.listener = b.listener;
  }

  /** A builder for a network. */
  public static Builder builder(final ChainConfig config) {
    return new Builder(config);
  }

  /** Builder: the beacon API client and the signature check are required. */
  public static final class Builder {
    private final ChainConfig config;
    private BeaconApiClient beacon;
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

    /** The (untrusted) beacon API endpoints. */
    public Builder beaconApi(final BeaconApiClient client) {
      this.beacon = client;
      return this;
    }

    /** The sync-committee signature check (normally {@code SyncCommitteeVerifier.create()}). */
    public Builder signatures(final SignatureCheck check) {
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

    /** JSON (default) or SSZ. */
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
        beacon.checkNetwork(config);
        networkChecked = true;
        pass.event(SyncEvent.Kind.NETWORK_CHECKED, "beacon API " + beacon.preferredEndpoint().label()
            + " serves " + config.name() + " (genesis validators root " + config.genesisValidatorsRoot() + ")");
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

  private boolean start(final Pass pass) {
    final long now = clock.getAsLong();
    if (storeFile.isPresent()) {
      final LoadResult r = storeFile.get().load(signatures, weakSubjectivity, now, allowOldCheckpoint);
      if (r instanceof LoadResult.Restored restored) {
        client = restored.client();
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
    final LightClientBootstrap bootstrap;
    try {
      bootstrap = encoding == Encoding.JSON
          ? decode(beacon.bootstrap(checkpoint.get()), (d, f) -> BeaconApiJson.bootstrap(d, f, preset()))
          : beacon.bootstrapSsz(checkpoint.get()).data();
    } catch (BeaconJsonException e) {
      return pass.reject(new UpdateResult.Rejected(UpdateRejection.SSZ_INVALID, "bootstrap: " + e.getMessage()));
    }
    final Optional<UpdateResult.Rejected> old =
        weakSubjectivity.check(bootstrap.header().beacon().slot(), now, allowOldCheckpoint);
    if (old.isPresent()) {
      return pass.reject(old.get());
    }
    final LightClient.Initialized init = LightClient.initialize(config, signatures, checkpoint.get(), bootstrap);
    if (!init.ok()) {
      return pass.reject(init.rejection());
    }
    client = init.client();
    pass.event(SyncEvent.Kind.BOOTSTRAPPED, "bootstrap verified against checkpoint " + checkpoint.get() + " (slot "
        + bootstrap.header().beacon().slot() + ")");
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
      final int count = (int) Math.min(BeaconApiClient.MAX_UPDATES_PER_REQUEST, targetPeriod - storePeriod + 1);
      final List<LightClientUpdate> batch = fetchUpdates(pass, storePeriod, count);
      if (batch == null) {
        return false;
      }
      for (final LightClientUpdate u : batch) {
        final long p = preset().periodAtSlot(u.attestedHeader().beacon().slot());
        final UpdateResult r = client.processUpdate(u, now);
        if (!record(pass, "update for period " + p, r)) {
          save(pass); // keep what was verified before the refused update
          return false;
        }
        pass.listener(new SyncEvent(SyncEvent.Kind.PROGRESS, "period " + (period(client.store()) - firstPeriod + 1)
            + " of " + total, period(client.store()) - firstPeriod + 1, total));
      }
      save(pass);
      final LightClientStore after = client.store();
      if (period(after) == period(before) && after.isNextSyncCommitteeKnown() == before.isNextSyncCommitteeKnown()) {
        return true; // the sources have nothing newer for these periods
      }
    }
  }

  private List<LightClientUpdate> fetchUpdates(final Pass pass, final long start, final int count) {
    try {
      final List<LightClientUpdate> out = new ArrayList<>();
      if (encoding == Encoding.JSON) {
        for (final Versioned<JsonNode> v : beacon.updates(start, count)) {
          out.add(decode(v, (d, f) -> BeaconApiJson.update(d, f, preset())));
        }
      } else {
        beacon.updatesSsz(start, count).forEach(v -> out.add(v.data()));
      }
      return out;
    } catch (BeaconJsonException e) {
      pass.reject(new UpdateResult.Rejected(UpdateRejection.SSZ_INVALID, "updates from period " + start + ": "
          + e.getMessage()));
      return null;
    }
  }

  /** The latest finality (or optimistic) update from every endpoint: verify each, alarm on conflicts, apply. */
  private void latest(final Pass pass, final boolean finality) {
    final String what = finality ? "finality update" : "optimistic update";
    final long now = clock.getAsLong();
    final List<EndpointResult<LightClientUpdate>> answers = new ArrayList<>();
    if (beacon.endpoints().size() == 1) {
      try {
        answers.add(new EndpointResult.Ok<>(beacon.preferredEndpoint(), fetchLatest(finality)));
      } catch (SourceException e) {
        if (e.error() != SourceError.NOT_FOUND) {
          throw e;
        }
        // The beacon API answers 404 while it has no such update yet: nothing newer to apply.
        pass.event(SyncEvent.Kind.SOURCE_ERROR, what + " not available: " + e.getMessage());
        return;
      } catch (BeaconJsonException e) {
        answers.add(new EndpointResult.Failed<>(beacon.preferredEndpoint(),
            SourceException.of(SourceError.MALFORMED, beacon.preferredEndpoint(), e.getMessage())));
      }
    } else {
      answers.addAll(fetchLatestFromAll(finality));
    }
    final List<Endpoint> validFrom = new ArrayList<>();
    final List<LightClientUpdate> valid = new ArrayList<>();
    UpdateResult.Rejected firstRejection = null;
    for (final EndpointResult<LightClientUpdate> a : answers) {
      if (a instanceof EndpointResult.Failed<LightClientUpdate> f) {
        pass.event(SyncEvent.Kind.SOURCE_ERROR, what + " from " + f.endpoint().label() + ": " + f.error().getMessage());
        if (f.error().error() == SourceError.MALFORMED && firstRejection == null) {
          firstRejection = new UpdateResult.Rejected(UpdateRejection.SSZ_INVALID, f.error().detail());
        }
        continue;
      }
      final EndpointResult.Ok<LightClientUpdate> ok = (EndpointResult.Ok<LightClientUpdate>) a;
      final UpdateResult preview = client.preview(ok.data(), now);
      if (preview instanceof UpdateResult.Rejected rj) {
        pass.event(SyncEvent.Kind.REJECTED, what + " from " + ok.endpoint().label() + " rejected: " + rj.reason()
            + ": " + rj.detail());
        if (firstRejection == null) {
          firstRejection = rj;
        }
        continue;
      }
      if (preview instanceof UpdateResult.Ignored ig) {
        pass.event(SyncEvent.Kind.IGNORED, what + " from " + ok.endpoint().label() + " ignored: " + ig.reason());
        continue;
      }
      validFrom.add(ok.endpoint());
      valid.add(ok.data());
    }
    for (int i = 0; i < valid.size(); i++) {
      for (int j = i + 1; j < valid.size(); j++) {
        final Optional<String> conflict = conflict(valid.get(i), valid.get(j));
        if (conflict.isPresent()) {
          final Alarm alarm = Alarm.between(what, validFrom.get(i), valid.get(i), validFrom.get(j), valid.get(j),
              conflict.get());
          pass.alarms.add(alarm);
          keepEvidence(pass, alarm);
          pass.status = SyncReport.Status.ALARM;
          pass.event(SyncEvent.Kind.ALARM, "ALARM: " + validFrom.get(i).label() + " and " + validFrom.get(j).label()
              + " served validly signed but conflicting " + what + "s: " + conflict.get());
          LOG.warn("light-client ALARM: conflicting validly signed {}s from {} and {}: {}", what,
              validFrom.get(i).label(), validFrom.get(j).label(), conflict.get());
        }
      }
    }
    for (int i = 0; i < valid.size(); i++) {
      final Optional<String> c = conflictWithStore(client.store(), valid.get(i));
      if (c.isPresent()) {
        final Alarm alarm = Alarm.againstStore(what, validFrom.get(i), valid.get(i), client.store().finalizedHeader(),
            c.get());
        pass.alarms.add(alarm);
        keepEvidence(pass, alarm);
        pass.status = SyncReport.Status.ALARM;
        pass.event(SyncEvent.Kind.ALARM, "ALARM: " + validFrom.get(i).label() + " served a validly signed " + what
            + " contradicting the stored finalized header: " + c.get());
        LOG.warn("light-client ALARM: {} from {} contradicts the stored finalized header: {}", what,
            validFrom.get(i).label(), c.get());
      }
    }
    if (pass.status == SyncReport.Status.ALARM) {
      return;
    }
    if (valid.isEmpty()) {
      if (firstRejection != null && answers.stream().noneMatch(a -> a instanceof EndpointResult.Ok<?> o
          && client.preview((LightClientUpdate) o.data(), now) instanceof UpdateResult.Ignored)) {
        pass.reject(firstRejection);
      }
      return;
    }
    // Apply the one that advances the store furthest (they do not conflict).
    LightClientUpdate best = valid.get(0);
    for (final LightClientUpdate u : valid) {
      if (u.attestedHeader().beacon().slot() > best.attestedHeader().beacon().slot()) {
        best = u;
      }
    }
    record(pass, what, client.processUpdate(best, now));
    save(pass);
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

  private LightClientUpdate fetchLatest(final boolean finality) {
    if (encoding == Encoding.JSON) {
      return finality
          ? decode(beacon.finalityUpdate(), (d, f) -> BeaconApiJson.finalityUpdate(d, f, preset())).toUpdate(preset())
          : decode(beacon.optimisticUpdate(), (d, f) -> BeaconApiJson.optimisticUpdate(d, f, preset()))
              .toUpdate(preset());
    }
    return finality ? beacon.finalityUpdateSsz().data().toUpdate(preset())
        : beacon.optimisticUpdateSsz().data().toUpdate(preset());
  }

  private List<EndpointResult<LightClientUpdate>> fetchLatestFromAll(final boolean finality) {
    final List<EndpointResult<LightClientUpdate>> out = new ArrayList<>();
    if (encoding == Encoding.JSON) {
      final List<EndpointResult<Versioned<JsonNode>>> raw =
          finality ? beacon.finalityUpdateFromAll() : beacon.optimisticUpdateFromAll();
      for (final EndpointResult<Versioned<JsonNode>> r : raw) {
        if (r instanceof EndpointResult.Failed<Versioned<JsonNode>> f) {
          out.add(new EndpointResult.Failed<>(f.endpoint(), f.error()));
          continue;
        }
        final EndpointResult.Ok<Versioned<JsonNode>> ok = (EndpointResult.Ok<Versioned<JsonNode>>) r;
        try {
          final LightClientUpdate u = finality
              ? decode(ok.data(), (d, fk) -> BeaconApiJson.finalityUpdate(d, fk, preset())).toUpdate(preset())
              : decode(ok.data(), (d, fk) -> BeaconApiJson.optimisticUpdate(d, fk, preset())).toUpdate(preset());
          out.add(new EndpointResult.Ok<>(ok.endpoint(), u));
        } catch (BeaconJsonException e) {
          out.add(new EndpointResult.Failed<>(ok.endpoint(),
              SourceException.of(SourceError.MALFORMED, ok.endpoint(), e.getMessage())));
        }
      }
    } else if (finality) {
      for (final var r : beacon.finalityUpdateSszFromAll()) {
        out.add(r instanceof EndpointResult.Ok<?> ok
            ? new EndpointResult.Ok<>(ok.endpoint(), r.value().orElseThrow().data().toUpdate(preset()))
            : new EndpointResult.Failed<>(r.endpoint(), ((EndpointResult.Failed<?>) r).error()));
      }
    } else {
      for (final var r : beacon.optimisticUpdateSszFromAll()) {
        out.add(r instanceof EndpointResult.Ok<?> ok
            ? new EndpointResult.Ok<>(ok.endpoint(), r.value().orElseThrow().data().toUpdate(preset()))
            : new EndpointResult.Failed<>(r.endpoint(), ((EndpointResult.Failed<?>) r).error()));
      }
    }
    return out;
  }

  private interface Decoder<T> {
    T decode(JsonNode data, io.trestle.lightclient.types.Fork fork);
  }

  private static <T> T decode(final Versioned<JsonNode> v, final Decoder<T> d) {
    try {
      return d.decode(v.data(), v.fork());
    } catch (SszException | IllegalArgumentException e) {
      throw new BeaconJsonException("data", e.getMessage());
    }
  }

  /** Records an update result; false (and the pass rejected) on a rejection. */
  private boolean record(final Pass pass, final String what, final UpdateResult r) {
    if (r instanceof UpdateResult.Applied a) {
      pass.event(SyncEvent.Kind.APPLIED, what + " applied: finalized slot "
          + a.store().finalizedHeader().beacon().slot() + ", optimistic slot " + a.store().optimisticHeader().beacon().slot());
      return true;
    }
    if (r instanceof UpdateResult.Ignored ig) {
      pass.event(SyncEvent.Kind.IGNORED, what + " ignored: " + ig.reason() + " (" + ig.detail() + ")");
      return true;
    }
    final UpdateResult.Rejected rj = (UpdateResult.Rejected) r;
    pass.event(SyncEvent.Kind.REJECTED, what + " rejected: " + rj.reason() + ": " + rj.detail());
    return pass.reject(rj);
  }

  /**
   * Writes an alarm's evidence next to the store ({@code evidence/alarm-<slot>-<n>/}): each conflicting
   * update as SSZ (with its fork in the file name), the stored finalized header when that is the other
   * side, and a text summary. Best effort: failing to write is reported, never hides the alarm.
   */
  private void keepEvidence(final Pass pass, final Alarm alarm) {
    if (storeFile.isEmpty()) {
      return;
    }
    try {
      final java.nio.file.Path base = storeFile.get().directory().resolve("evidence");
      java.nio.file.Files.createDirectories(base);
      final long slot = alarm.objectA().attestedHeader().beacon().slot();
      java.nio.file.Path dir = base.resolve("alarm-" + slot + "-0");
      for (int n = 1; java.nio.file.Files.exists(dir); n++) {
        dir = base.resolve("alarm-" + slot + "-" + n);
      }
      java.nio.file.Files.createDirectories(dir);
      java.nio.file.Files.write(dir.resolve("a-" + alarm.objectA().fork().specName() + ".ssz"), alarm.objectA().encode());
      if (alarm.objectB().isPresent()) {
        java.nio.file.Files.write(dir.resolve("b-" + alarm.objectB().get().fork().specName() + ".ssz"),
            alarm.objectB().get().encode());
      }
      if (alarm.storedFinalized().isPresent()) {
        java.nio.file.Files.write(dir.resolve("stored-finalized-" + alarm.storedFinalized().get().fork().specName()
            + ".ssz"), alarm.storedFinalized().get().encode());
      }
      final String summary = "what: " + alarm.what() + "\ndetail: " + alarm.detail() + "\nA: "
          + alarm.endpointA().label() + "\nB: " + alarm.endpointB().map(Endpoint::label).orElse("(the store)")
          + "\nnetwork: " + config.name() + " " + config.genesisValidatorsRoot() + "\n";
      java.nio.file.Files.writeString(dir.resolve("alarm.txt"), summary);
      pass.event(SyncEvent.Kind.ALARM, "evidence kept in " + dir);
    } catch (java.io.IOException | RuntimeException e) {
      pass.event(SyncEvent.Kind.ALARM, "could not write the alarm's evidence: " + e);
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

    void listener(final SyncEvent e) {
      events.add(e);
      LOG.debug("{}: {}", e.kind(), e.message());
      listener.onEvent(e);
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
}
