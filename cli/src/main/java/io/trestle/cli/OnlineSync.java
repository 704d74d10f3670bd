package io.trestle.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.LightClient;
import io.trestle.lightclient.bls.SyncCommitteeVerifier;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.config.Networks;
import io.trestle.lightclient.source.BeaconApiClient;
import io.trestle.lightclient.source.Endpoint;
import io.trestle.lightclient.source.ExecutionRpcClient;
import io.trestle.lightclient.source.HttpSettings;
import io.trestle.lightclient.source.SourceException.SourceError;
import io.trestle.lightclient.source.SourceException;
import io.trestle.lightclient.spec.LightClientStore;
import io.trestle.lightclient.store.StoreFile;
import io.trestle.lightclient.store.StoreFile.WeakSubjectivity;
import io.trestle.lightclient.sync.SyncDriver.Alarm;
import io.trestle.lightclient.sync.SyncDriver;
import io.trestle.lightclient.sync.SyncDriver.SyncEvent;
import io.trestle.lightclient.sync.SyncDriver.SyncListener;
import io.trestle.lightclient.sync.SyncDriver.SyncReport;
import io.trestle.lightclient.types.ExecutionPayloadHeader;
import io.trestle.lightclient.types.LightClientHeader;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Online light-client sync shared by {@code trestle sync --beacon-api} and the online {@code verify}
 * commands: option parsing, the {@link SyncDriver} set-up, and the report printing. Trusted: the network
 * configuration, the {@code --checkpoint} root (or the persisted {@code --store}, itself checked when loaded),
 * and the clock ({@code --current-slot} or the wall clock). Everything fetched is verified by the driver.
 */
final class OnlineSync {
  /** Options of the online sync. */
  private static final Set<String> BASE_VALUE_OPTIONS = Set.of("network", "beacon-api", "checkpoint", "store",
      "store-key", "current-slot", "encoding", "genesis-validators-root", "rounds", "interval-ms");
  /** Per-request limits only a test entry point accepts ({@link Extras#testOptions()}). */
  private static final Set<String> TEST_VALUE_OPTIONS = Set.of("timeout-ms", "attempts");
  /** Switches of the online sync. */
  static final Set<String> FLAG_OPTIONS = Set.of("allow-old-checkpoint", "json");

  /**
   * What a test entry point may add to one run (on its thread): extra network names (the testkit's generated
   * devnets) and the per-request limit options. A production run ({@link Main#run}) has {@link #NONE}: the
   * commands accept neither. The demo does not go through here: it uses the library directly.
   */
  record Extras(Map<String, Supplier<ChainConfig>> networks, boolean testOptions) {
    static final Extras NONE = new Extras(Map.of(), false);
  }

  private static final ThreadLocal<Extras> EXTRAS = ThreadLocal.withInitial(() -> Extras.NONE);

  private OnlineSync() {}

  /** Runs {@code body} with {@code extras} in force on this thread (test entry points only). */
  static <T> T withExtras(final Extras extras, final Supplier<T> body) {
    EXTRAS.set(extras);
    try {
      return body.get();
    } finally {
      EXTRAS.remove();
    }
  }

  /** The value options of the online commands (the test options only under a test entry point). */
  static Set<String> valueOptions() {
    return EXTRAS.get().testOptions() ? union(BASE_VALUE_OPTIONS, TEST_VALUE_OPTIONS) : BASE_VALUE_OPTIONS;
  }

  /** Everything an online sync needs, parsed and checked. */
  record Setup(ChainConfig config, List<String> beaconUrls, Optional<Hash32> checkpoint, Optional<Path> store,
      OptionalLong currentSlot, SyncDriver.Encoding encoding, boolean allowOld, HttpSettings http,
      Optional<byte[]> storeKey) {
    /** The store directory: authenticated with {@code --store-key} when given. */
    Optional<StoreFile> storeFile() {
      return store.map(p -> storeKey.isPresent() ? StoreFile.authenticated(p, config, storeKey.get())
          : StoreFile.in(p, config));
    }
  }

  static Set<String> union(final Set<String> a, final Set<String> b) {
    final Set<String> s = new HashSet<>(a);
    s.addAll(b);
    return s;
  }

  /** Parses the online-sync options of {@code a} (usage errors are exit 2). */
  static Setup setup(final Args a) {
    final ChainConfig config = network(a);
    final List<String> urls = urls(a.required("beacon-api"), "--beacon-api");
    final Optional<Hash32> checkpoint = a.option("checkpoint").map(v -> hash(v, "checkpoint"));
    final Optional<Path> store = a.option("store").map(Path::of);
    if (checkpoint.isEmpty() && (store.isEmpty() || !Files.exists(store.get().resolve(StoreFile.STORE)))) {
      throw new UsageException(store.isEmpty() ? "give --checkpoint ROOT (or --store DIR holding a synced store)"
          : "no store in " + store.get() + " yet: give --checkpoint ROOT to bootstrap");
    }
    final SyncDriver.Encoding enc;
    switch (a.option("encoding").orElse("json")) {
      case "json" -> enc = SyncDriver.Encoding.JSON;
      case "ssz" -> enc = SyncDriver.Encoding.SSZ;
      default -> throw new UsageException("--encoding must be json or ssz");
    }
    final OptionalLong slot = a.optionalLong("current-slot").map(OptionalLong::of).orElse(OptionalLong.empty());
    final Optional<byte[]> key = a.option("store-key").map(OnlineSync::storeKey);
    if (key.isPresent() && store.isEmpty()) {
      throw new UsageException("--store-key is for an authenticated --store DIR");
    }
    return new Setup(config, urls, checkpoint, store, slot, enc, a.flag("allow-old-checkpoint"), http(a), key);
  }

  /**
   * The operator's HMAC key for an authenticated store: a file holding at least 32 secret bytes (raw). Kept
   * outside the store directory: whoever can write the directory must not be able to read or replace the key.
   */
  static byte[] storeKey(final String path) {
    final byte[] k;
    try {
      k = Files.readAllBytes(Path.of(path));
    } catch (java.io.IOException | RuntimeException e) {
      throw new UsageException("--store-key: cannot read " + path + ": " + e.getMessage(), true);
    }
    if (k.length < StoreFile.MIN_KEY_BYTES) {
      throw new UsageException("--store-key: " + path + " holds " + k.length + " bytes; an HMAC key needs at least "
          + StoreFile.MIN_KEY_BYTES);
    }
    return k;
  }

  /** Per-request limits: the defaults; {@code --timeout-ms}/{@code --attempts} only under a test entry point. */
  static HttpSettings http(final Args a) {
    HttpSettings h = HttpSettings.defaults();
    final Optional<Long> t = a.optionalLong("timeout-ms");
    if (t.isPresent()) {
      if (t.get() < 1) {
        throw new UsageException("--timeout-ms must be positive");
      }
      h = h.withRequestTimeout(Duration.ofMillis(t.get()));
    }
    final Optional<Long> n = a.optionalLong("attempts");
    if (n.isPresent()) {
      if (n.get() < 1 || n.get() > 20) {
        throw new UsageException("--attempts must be in [1, 20]");
      }
      h = h.withMaxAttempts(n.get().intValue()).withBackoff(Duration.ofMillis(50), Duration.ofMillis(500));
    }
    return h;
  }

  static List<String> urls(final String v, final String what) {
    final List<String> out = new ArrayList<>();
    for (final String u : v.split(",")) {
      final String s = u.trim();
      if (s.isEmpty()) {
        continue;
      }
      try {
        Endpoint.of(s);
      } catch (RuntimeException e) {
        throw new UsageException(what + ": invalid URL '" + s + "': " + e.getMessage());
      }
      out.add(s);
    }
    if (out.isEmpty()) {
      throw new UsageException(what + " needs at least one URL");
    }
    return out;
  }

  static List<Endpoint> endpoints(final List<String> urls) {
    final List<Endpoint> eps = new ArrayList<>();
    urls.forEach(u -> eps.add(Endpoint.of(u)));
    return eps;
  }

  /** An execution JSON-RPC client for {@code --execution-rpc}. */
  static ExecutionRpcClient executionRpc(final Args a) {
    return new ExecutionRpcClient(endpoints(urls(a.required("execution-rpc"), "--execution-rpc")), http(a));
  }

  /** A driver for the set-up. */
  static SyncDriver driver(final Setup s, final SyncListener listener) {
    final SyncDriver.Builder b = SyncDriver.builder(s.config())
        .beaconApi(new BeaconApiClient(endpoints(s.beaconUrls()), s.config(), s.http()))
        .signatures(SyncCommitteeVerifier.create())
        .weakSubjectivity(WeakSubjectivity.defaults(s.config()), s.allowOld())
        .encoding(s.encoding())
        .listener(listener);
    s.checkpoint().ifPresent(b::checkpoint);
    s.storeFile().ifPresent(b::store);
    if (s.currentSlot().isPresent()) {
      final long slot = s.currentSlot().getAsLong();
      b.clock(() -> slot);
    }
    return b.build();
  }

  /** A listener printing "period x of y" progress on stderr when it is a terminal (never in JSON mode). */
  static SyncListener progress(final boolean json, final PrintStream err) {
    if (json || System.console() == null) {
      return SyncListener.NONE;
    }
    return e -> {
      if (e.kind() == SyncEvent.Kind.PROGRESS) {
        err.print("\rsyncing: " + e.message() + "   ");
        if (e.done() >= e.total()) {
          err.println();
        }
      }
    };
  }

  /** Exit code of a report: 0 synced, 2 configuration error, 1 otherwise. */
  static int exitCode(final SyncReport r) {
    return switch (r.status()) {
      case SYNCED -> Command.OK;
      case CONFIG_ERROR -> Command.USAGE;
      default -> Command.REJECTED;
    };
  }

  /** The stable reason code of a failed report (bare, for text output). */
  static String reason(final SyncReport r) {
    if (r.status() == SyncReport.Status.ALARM) {
      return "ALARM";
    }
    if (r.rejection().isPresent()) {
      return r.rejection().get().reason().name();
    }
    return r.sourceError().map(e -> e.error().name()).orElse(r.status().name());
  }

  /** The namespaced reason code of a failed report, for {@code --json} ({@link io.trestle.lightclient.ReasonCode}). */
  static String reasonCode(final SyncReport r) {
    if (r.status() == SyncReport.Status.ALARM) {
      return io.trestle.lightclient.ReasonCode.ALARM;
    }
    if (r.rejection().isPresent()) {
      return io.trestle.lightclient.ReasonCode.of(r.rejection().get().reason());
    }
    return r.sourceError().map(e -> io.trestle.lightclient.ReasonCode.of(e.error()))
        .orElse("sync." + r.status().name());
  }

  /** The detail of a failed report. */
  static String detail(final SyncReport r) {
    if (r.status() == SyncReport.Status.ALARM) {
      return r.alarms().isEmpty() ? "conflicting data" : r.alarms().get(0).detail();
    }
    if (r.rejection().isPresent()) {
      return r.rejection().get().detail();
    }
    return r.sourceError().map(SourceException::getMessage).orElse(r.status().name());
  }

  /** The reason code and detail of a source failure outside the driver (execution RPC). */
  static int sourceFailure(final SourceException e, final boolean json, final PrintStream out) {
    final boolean config = e.error() == SourceError.WRONG_NETWORK;
    if (json) {
      final ObjectNode o = Output.object();
      o.put("verified", false);
      o.put("reason", io.trestle.lightclient.ReasonCode.of(e.error()));
      o.put("detail", e.getMessage());
      Output.print(o, out);
    } else {
      out.println("FAILED " + e.error() + ": " + e.getMessage());
    }
    return config ? Command.USAGE : Command.REJECTED;
  }

  /** Prints a failed sync (one JSON object in JSON mode) and returns its exit code. */
  static int printFailure(final Setup s, final SyncReport r, final boolean json, final PrintStream out) {
    if (json) {
      final ObjectNode o = Output.object();
      o.put("verified", false);
      o.put("reason", reasonCode(r));
      o.put("detail", detail(r));
      o.put("status", r.status().name());
      r.store().ifPresent(st -> o.set("finalized", header(st.finalizedHeader())));
      alarms(o, r);
      Output.print(o, out);
    } else {
      printEvents(r, out);
      out.println((r.status() == SyncReport.Status.REJECTED ? "REJECTED " : r.status() + " ") + reason(r) + ": "
          + detail(r).replace('\n', ' '));
      r.store().ifPresent(st -> out.println("kept (verified before the failure): finalized "
          + text(st.finalizedHeader())));
    }
    return exitCode(r);
  }

  static void alarms(final ObjectNode o, final SyncReport r) {
    if (r.alarms().isEmpty()) {
      return;
    }
    final ArrayNode arr = o.putArray("alarms");
    for (final Alarm a : r.alarms()) {
      final ObjectNode ao = arr.addObject();
      ao.put("what", a.what());
      ao.put("detail", a.detail());
      ao.put("endpointA", a.endpointA().label());
      ao.put("attestedRootA", a.objectA().attestedHeader().beacon().hashTreeRoot().toHex());
      ao.put("finalizedRootA", a.objectA().finalizedHeader().beacon().hashTreeRoot().toHex());
      a.endpointB().ifPresent(e -> ao.put("endpointB", e.label()));
      a.objectB().ifPresent(u -> {
        ao.put("attestedRootB", u.attestedHeader().beacon().hashTreeRoot().toHex());
        ao.put("finalizedRootB", u.finalizedHeader().beacon().hashTreeRoot().toHex());
      });
      a.storedFinalized().ifPresent(h -> ao.put("storedFinalizedRoot", h.beacon().hashTreeRoot().toHex()));
      ao.put("slot", a.objectA().attestedHeader().beacon().slot());
    }
  }

  static void printEvents(final SyncReport r, final PrintStream out) {
    for (final SyncEvent e : r.events()) {
      if (e.kind() != SyncEvent.Kind.PROGRESS && e.kind() != SyncEvent.Kind.SAVED) {
        out.println("  " + e.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + e.message());
      }
    }
    for (final Alarm a : r.alarms()) {
      final String other = a.objectB().isPresent()
          ? a.endpointB().orElseThrow().label() + " attested " + a.objectB().get().attestedHeader().beacon().hashTreeRoot()
          : "the stored finalized header " + a.storedFinalized().orElseThrow().beacon().hashTreeRoot();
      out.println("  ALARM evidence: " + a.endpointA().label() + " attested "
          + a.objectA().attestedHeader().beacon().hashTreeRoot() + " vs " + other + " (slot "
          + a.objectA().attestedHeader().beacon().slot() + "): " + a.detail());
    }
  }

  /** JSON of a header: slot, beacon root, execution block. */
  static ObjectNode header(final LightClientHeader h) {
    final ObjectNode o = Output.object();
    o.put("slot", h.beacon().slot());
    o.put("beaconRoot", h.beacon().hashTreeRoot().toString());
    h.execution().filter(e -> !e.equals(ExecutionPayloadHeader.empty(e.fork()))).ifPresent(e -> {
      final ObjectNode x = o.putObject("execution");
      x.put("blockNumber", e.blockNumber());
      x.put("blockHash", e.blockHash().toString());
      x.put("stateRoot", e.stateRoot().toString());
      x.put("receiptsRoot", e.receiptsRoot().toString());
    });
    // Gloas: the header proves only the execution block hash (the newest delivered payload on the block's
    // ancestry); number and roots come from the re-hashed execution header.
    h.executionBlockHash().filter(x -> !x.equals(io.trestle.crypto.Hash32.ZERO)).ifPresent(x -> {
      final ObjectNode e = o.putObject("execution");
      e.put("blockHash", x.toString());
      e.put("hashOnly", true);
    });
    return o;
  }

  /** One line for a header: slot, beacon root, and the execution block with its state and receipts roots. */
  static String text(final LightClientHeader h) {
    final StringBuilder b = new StringBuilder("slot ").append(h.beacon().slot()).append(" beacon root ")
        .append(h.beacon().hashTreeRoot());
    h.execution().filter(e -> !e.equals(ExecutionPayloadHeader.empty(e.fork()))).ifPresent(e -> b
        .append(" execution block ").append(e.blockNumber()).append(" hash ").append(e.blockHash())
        .append(" state root ").append(e.stateRoot()).append(" receipts root ").append(e.receiptsRoot()));
    h.executionBlockHash().filter(x -> !x.equals(io.trestle.crypto.Hash32.ZERO)).ifPresent(x -> b
        .append(" execution block hash ").append(x).append(" (").append(h.fork().specName())
        .append(": hash only; roots from the re-hashed execution header)"));
    return b.toString();
  }

  /** Prints a successful sync and returns 0. */
  static int printSynced(final Setup s, final SyncReport r, final LightClient lc, final boolean json,
      final PrintStream out) {
    final LightClientStore st = lc.store();
    if (json) {
      final ObjectNode o = Output.object();
      o.put("verified", true);
      o.put("status", r.status().name());
      o.put("network", s.config().name());
      s.checkpoint().ifPresent(c -> o.put("checkpoint", c.toHex()));
      s.store().ifPresent(p -> o.put("store", p.toString()));
      o.set("finalized", header(st.finalizedHeader()));
      o.set("optimistic", header(st.optimisticHeader()));
      final ArrayNode ev = o.putArray("events");
      for (final SyncEvent e : r.events()) {
        if (e.kind() != SyncEvent.Kind.PROGRESS) {
          ev.addObject().put("kind", e.kind().name()).put("message", e.message());
        }
      }
      Output.print(o, out);
    } else {
      out.println("network " + s.config().name() + " (genesis validators root " + s.config().genesisValidatorsRoot()
          + ")");
      printEvents(r, out);
      out.println("finalized:  " + text(st.finalizedHeader()));
      out.println("optimistic: " + text(st.optimisticHeader()) + "  (not final: never act on it)");
      out.println("SYNCED finalized slot " + st.finalizedHeader().beacon().slot());
    }
    return Command.OK;
  }

  /**
   * The network: a built-in name or a config.yaml path (a test entry point may add names); mainnet when
   * {@code --network} is not given (the sources are then checked against mainnet's genesis).
   */
  static ChainConfig network(final Args args) {
    final String name = args.option("network").orElse("mainnet");
    return network(name, args);
  }

  /** The network called {@code name} (see {@link #network(Args)}). */
  static ChainConfig network(final String name, final Args args) {
    final Supplier<ChainConfig> extra = EXTRAS.get().networks().get(name);
    if (extra != null) {
      if (args.option("genesis-validators-root").isPresent()) {
        throw new UsageException("--genesis-validators-root is only for a config.yaml --network");
      }
      return extra.get();
    }
    final Optional<ChainConfig> builtin = Networks.byName(name);
    if (builtin.isPresent()) {
      if (args.option("genesis-validators-root").isPresent()) {
        throw new UsageException("--genesis-validators-root is only for a config.yaml --network");
      }
      return builtin.get();
    }
    final Path p = Path.of(name);
    if (!Files.isRegularFile(p)) {
      throw new UsageException("--network must be mainnet, sepolia, hoodi, minimal or a config.yaml file; got '"
          + name + "'");
    }
    final Hash32 gvr = hash(args.required("genesis-validators-root"), "genesis-validators-root");
    try {
      return ChainConfig.fromConfigYaml(Args.readFile(name), gvr);
    } catch (RuntimeException e) {
      throw new UsageException("cannot use " + name + " as a network config: " + e.getMessage());
    }
  }

  static Hash32 hash(final String v, final String name) {
    try {
      if (!v.startsWith("0x") || v.length() != 66) {
        throw new IllegalArgumentException("expected 0x and 64 hex digits");
      }
      return Hash32.fromHex(v);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--" + name + " must be a 0x-prefixed 32-byte hex value, got '" + v + "'");
    }
  }

  /** A synced client, or the exit code of a printed failure. */
  record Synced(int exit, Optional<LightClient> client, Optional<SyncReport> report) {}

  /** One sync pass for a verify command: prints only on failure. */
  static Synced syncFor(final Setup s, final boolean json, final PrintStream out, final PrintStream err) {
    final SyncDriver d = driver(s, progress(json, err));
    final SyncReport r = d.sync();
    if (r.status() != SyncReport.Status.SYNCED || d.client().isEmpty()) {
      return new Synced(printFailure(s, r, json, out), Optional.empty(), Optional.of(r));
    }
    return new Synced(Command.OK, d.client(), Optional.of(r));
  }
}
