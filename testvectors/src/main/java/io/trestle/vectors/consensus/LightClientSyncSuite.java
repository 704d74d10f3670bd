package io.trestle.vectors.consensus;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.LightClient;
import io.trestle.lightclient.bls.SyncCommitteeVerifier;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.spec.LightClientStore;
import io.trestle.lightclient.internal.spec.SyncProtocol;
import io.trestle.lightclient.spec.UpdateResult;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientHeader;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.config.ChainConfig.Preset;
import io.trestle.vectors.CaseResult;
import io.trestle.vectors.Suite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * consensus-spec-tests {@code light_client/sync}: a case directory with {@code meta.yaml}, {@code
 * bootstrap.ssz_snappy} and {@code steps.yaml} (recognised by its {@code steps.yaml}), run through the
 * production {@link LightClient} with the real BLS verifier ({@link SyncCommitteeVerifier}).
 *
 * <p><b>Config.</b> {@code config.yaml} of the case directory via {@link ChainConfig#fromConfigYaml} with
 * {@code meta.yaml}'s {@code genesis_validators_root}; if it lacks {@code PRESET_BASE}, the preset named
 * in the path is used. Without {@code config.yaml}: the preset from the path and the spec tests' fork
 * versions {@code 0x0N000001}, with every fork up to the path's fork at epoch 0 and later forks
 * unscheduled (so fork-transition cases need their {@code config.yaml}).
 *
 * <p><b>Forks.</b> The bootstrap's fork is {@code forkOfDigest(bootstrap_fork_digest)}, the store's {@code
 * store_fork_version} (newer releases) or {@code store_fork_digest} (older ones; the store is upgraded to
 * it after initialisation if later), an update's {@code
 * update_fork_digest}, and an {@code upgrade_store} step's {@code store_fork_digest}. Older releases
 * without digests use the nearest fork-named directory of the path for all of them.
 *
 * <p><b>Steps.</b> {@code process_update} must give {@code Applied}, or {@code Ignored} (valid data that
 * leaves the store unchanged; the checks then confirm nothing observable moved); a rejection fails the
 * case. {@code force_update} ({@code processForceUpdate} on a client with force updates allowed) and
 * {@code upgrade_store} must not be rejected. After every step each {@code checks} entry ({@code
 * finalized_header}, {@code optimistic_header}) is compared: {@code slot}, {@code beacon_root} (also the
 * older {@code root}) = {@code hash_tree_root(header.beacon)}, and {@code execution_root} as the spec
 * tests' {@code get_lc_execution_root} ({@link SyncProtocol#getLcExecutionRoot}; for a Gloas store the
 * block hash from Gloas, the old payload header root recomputed from the branch before). One case per directory; a failure names the first failing step.
 */
public final class LightClientSyncSuite implements Suite {
  @Override
  public String name() {
    return "sync";
  }

  @Override
  public boolean recognise(final Path file) {
    return file.getFileName().toString().equals("steps.yaml") && CaseFiles.sibling(file, "meta.yaml")
        && CaseFiles.sibling(file, "bootstrap.ssz_snappy");
  }

  @Override
  public Set<Path> companions(final Path file) {
    final Path dir = file.getParent();
    final Set<Path> out = new HashSet<>(Set.of(dir.resolve("meta.yaml"), dir.resolve("config.yaml"),
        dir.resolve("bootstrap.ssz_snappy")));
    try {
      for (final JsonNode step : CaseFiles.yaml(file)) {
        final JsonNode u = step.path("process_update").path("update");
        if (u.isTextual() && !u.asText().contains("/") && !u.asText().contains("\\")) {
          out.add(dir.resolve(u.asText() + ".ssz_snappy"));
        }
      }
    } catch (IOException | RuntimeException e) {
      // run() reports the malformed steps file
    }
    return out;
  }

  /** Thrown internally for a failed step or malformed case. */
  private static final class CaseFailure extends Exception {
    private static final long serialVersionUID = 1L;

    CaseFailure(final String message) {
      super(message, null, false, false);
    }
  }

  @Override
  public List<CaseResult> run(final Path file) throws IOException {
    final Path dir = file.toAbsolutePath().getParent();
    final String name = dir.getFileName().toString();
    try {
      final int steps = runCase(dir);
      return List.of(CaseResult.passed(name, steps + " steps, every check matched"));
    } catch (CaseFailure e) {
      return List.of(CaseResult.failed(name, e.getMessage()));
    }
  }

  private static int runCase(final Path dir) throws IOException, CaseFailure {
    final JsonNode meta = CaseFiles.yaml(dir.resolve("meta.yaml"));
    final Hash32 gvr = hash(CaseFiles.text(meta, "genesis_validators_root", "meta.yaml"), "genesis_validators_root");
    final Hash32 trusted = hash(CaseFiles.text(meta, "trusted_block_root", "meta.yaml"), "trusted_block_root");
    final ChainConfig config = config(dir, gvr);
    final Preset preset = config.preset();
    final Fork bootstrapFork = forkOf(meta, "bootstrap_fork_digest", config, dir, "meta.yaml");
    final Fork storeFork = storeForkOf(meta, config, dir, "meta.yaml");
    final LightClientBootstrap bootstrap;
    try {
      bootstrap = LightClientBootstrap.decode(CaseFiles.snappy(dir.resolve("bootstrap.ssz_snappy")), bootstrapFork,
          preset);
    } catch (RuntimeException e) {
      throw new CaseFailure("bootstrap (" + bootstrapFork.specName() + ") does not decode: " + e.getMessage());
    }
    final LightClient.Initialized init =
        LightClient.initialize(config, SyncCommitteeVerifier.create()::verify, trusted, bootstrap);
    if (!init.ok()) {
      throw new CaseFailure("bootstrap rejected: " + init.rejection().reason() + ": " + init.rejection().detail());
    }
    final LightClient lc = init.client().allowingForceUpdates();
    if (storeFork.ordinal() > bootstrapFork.ordinal()) {
      final UpdateResult r = lc.upgradeStore(storeFork);
      if (r instanceof UpdateResult.Rejected rej) {
        throw new CaseFailure("upgrading the store to " + storeFork.specName() + " rejected: " + rej.reason() + ": "
            + rej.detail());
      }
    }
    final JsonNode steps = CaseFiles.yaml(dir.resolve("steps.yaml"));
    if (!steps.isArray()) {
      throw new CaseFailure("steps.yaml is not a list");
    }
    int i = 0;
    for (final JsonNode step : steps) {
      i++;
      final String label = "step " + i;
      if (!step.isObject() || step.size() != 1) {
        throw new CaseFailure(label + ": expected one {kind: {...}} entry");
      }
      final Map.Entry<String, JsonNode> e = step.fields().next();
      final String kind = e.getKey();
      final JsonNode body = e.getValue();
      final String where = label + " (" + kind + ")";
      final UpdateResult r;
      switch (kind) {
        case "process_update": {
          final String stem = CaseFiles.text(body, "update", where);
          if (stem.contains("/") || stem.contains("\\") || stem.contains("..")) {
            throw new CaseFailure(where + ": bad update file name " + stem);
          }
          final Path f = dir.resolve(stem + ".ssz_snappy");
          if (!Files.isRegularFile(f)) {
            throw new CaseFailure(where + ": missing " + f.getFileName());
          }
          final Fork uf = forkOf(body, "update_fork_digest", config, dir, where);
          final LightClientUpdate u;
          try {
            u = LightClientUpdate.decode(CaseFiles.snappy(f), uf, preset);
          } catch (RuntimeException ex) {
            throw new CaseFailure(where + ": " + stem + " (" + uf.specName() + ") does not decode: " + ex.getMessage());
          }
          r = lc.processUpdate(u, CaseFiles.uint(body, "current_slot", where));
          break;
        }
        case "force_update":
          r = lc.processForceUpdate(CaseFiles.uint(body, "current_slot", where));
          break;
        case "upgrade_store":
          r = lc.upgradeStore(storeForkOf(body, config, dir, where));
          break;
        default:
          throw new CaseFailure(where + ": unknown step kind");
      }
      if (r instanceof UpdateResult.Rejected rej) {
        throw new CaseFailure(where + ": rejected " + rej.reason() + ": " + rej.detail());
      }
      check(lc.store(), body.get("checks"), config, where);
    }
    if (i == 0) {
      throw new CaseFailure("steps.yaml has no steps");
    }
    return i;
  }

  private static void check(final LightClientStore store, final JsonNode checks, final ChainConfig config,
      final String where) throws CaseFailure, IOException {
    if (checks == null || checks.isNull()) {
      return;
    }
    if (!checks.isObject()) {
      throw new CaseFailure(where + ": checks is not a mapping");
    }
    final Iterator<Map.Entry<String, JsonNode>> it = checks.fields();
    while (it.hasNext()) {
      final Map.Entry<String, JsonNode> c = it.next();
      final LightClientHeader h;
      switch (c.getKey()) {
        case "finalized_header":
          h = store.finalizedHeader();
          break;
        case "optimistic_header":
          h = store.optimisticHeader();
          break;
        default:
          throw new CaseFailure(where + ": unsupported check " + c.getKey());
      }
      final String w = where + " " + c.getKey();
      final JsonNode exp = c.getValue();
      final long slot = CaseFiles.uint(exp, "slot", w);
      if (slot != h.beacon().slot()) {
        throw new CaseFailure(w + ".slot: expected " + slot + ", store has " + h.beacon().slot());
      }
      for (final String key : List.of("beacon_root", "root")) {
        if (exp.has(key)) {
          final Hash32 root = hash(CaseFiles.text(exp, key, w), key);
          if (!root.equals(h.beacon().hashTreeRoot())) {
            throw new CaseFailure(w + "." + key + ": expected " + root + ", store has " + h.beacon().hashTreeRoot());
          }
        }
      }
      if (exp.has("execution_root")) {
        final Hash32 root = hash(CaseFiles.text(exp, "execution_root", w), "execution_root");
        final Hash32 actual = executionRoot(h, config);
        if (!root.equals(actual)) {
          throw new CaseFailure(w + ".execution_root: expected " + root + ", store has " + actual);
        }
      }
    }
  }

  /** The spec tests' {@code get_lc_execution_root} ({@link SyncProtocol#getLcExecutionRoot}, every shape). */
  static Hash32 executionRoot(final LightClientHeader h, final ChainConfig config) {
    return new SyncProtocol(config, (committee, root, aggregate, signingRoot) -> false).getLcExecutionRoot(h);
  }

  private static ChainConfig config(final Path dir, final Hash32 gvr) throws IOException, CaseFailure {
    final Path cfg = dir.resolve("config.yaml");
    final Optional<Preset> pathPreset = CaseFiles.presetFromPath(dir);
    if (Files.isRegularFile(cfg)) {
      String text = Files.readString(cfg);
      if (!text.contains("PRESET_BASE") && pathPreset.isPresent()) {
        text = "PRESET_BASE: '" + pathPreset.get().name() + "'\n" + text;
      }
      try {
        return ChainConfig.fromConfigYaml(text, gvr);
      } catch (RuntimeException e) {
        throw new CaseFailure("config.yaml: " + e.getMessage());
      }
    }
    final Optional<Fork> pathFork = CaseFiles.forkFromPath(dir);
    if (pathPreset.isEmpty() || pathFork.isEmpty()) {
      throw new CaseFailure("no config.yaml, and the path names no preset and fork");
    }
    final List<ChainConfig.ForkEntry> schedule = new ArrayList<>();
    for (final Fork f : Fork.values()) {
      final Bytes version = Bytes.of(new byte[] {(byte) f.ordinal(), 0, 0, 1});
      schedule.add(new ChainConfig.ForkEntry(f, version,
          f.ordinal() <= pathFork.get().ordinal() ? 0 : ChainConfig.FAR_FUTURE_EPOCH));
    }
    return ChainConfig.of("spec-test-" + pathPreset.get().name(), pathPreset.get(), gvr, 0, 6,
        java.util.OptionalLong.empty(), schedule, ChainConfig.FAR_FUTURE_EPOCH);
  }

  private static Fork forkOf(final JsonNode n, final String digestKey, final ChainConfig config, final Path dir,
      final String where) throws CaseFailure {
    final JsonNode d = n == null ? null : n.get(digestKey);
    if (d == null || d.isNull()) {
      return CaseFiles.forkFromPath(dir).orElseThrow(
          () -> new CaseFailure(where + ": no " + digestKey + " and no fork named in the path"));
    }
    final Bytes digest;
    try {
      digest = Bytes.fromHex(d.asText());
    } catch (IllegalArgumentException e) {
      throw new CaseFailure(where + ": bad " + digestKey + " " + d.asText());
    }
    return config.forkOfDigest(digest).orElseThrow(() -> new CaseFailure(where + ": " + digestKey + " "
        + d.asText().toLowerCase(Locale.ROOT) + " matches no fork version of the config"));
  }

  /**
   * The store's fork: {@code store_fork_version} (the light-client data format since consensus-specs PR
   * #5188; the latest fork of the config with that version) or the older {@code store_fork_digest}.
   */
  private static Fork storeForkOf(final JsonNode n, final ChainConfig config, final Path dir, final String where)
      throws CaseFailure {
    final JsonNode v = n == null ? null : n.get("store_fork_version");
    if (v == null || v.isNull()) {
      return forkOf(n, "store_fork_digest", config, dir, where);
    }
    final Bytes version;
    try {
      version = Bytes.fromHex(v.asText());
    } catch (IllegalArgumentException e) {
      throw new CaseFailure(where + ": bad store_fork_version " + v.asText());
    }
    if (version.size() != 4) {
      throw new CaseFailure(where + ": store_fork_version " + v.asText() + " is not 4 bytes");
    }
    return config.forkOfVersion(version).orElseThrow(() -> new CaseFailure(where + ": store_fork_version "
        + v.asText().toLowerCase(Locale.ROOT) + " is no fork version of the config"));
  }

  private static Hash32 hash(final String hex, final String what) throws CaseFailure {
    try {
      return Hash32.fromHex(hex);
    } catch (IllegalArgumentException e) {
      throw new CaseFailure(what + ": not a 32-byte hex value: " + hex);
    }
  }
}
