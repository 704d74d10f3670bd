package io.trestle.lightclient.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.LightClient;
import io.trestle.lightclient.bls.SyncCommitteeVerifier;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.internal.spec.SyncProtocol;
import io.trestle.lightclient.spec.LightClientStore;
import io.trestle.lightclient.spec.SignatureCheck;
import io.trestle.lightclient.spec.UpdateResult;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientHeader;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.config.ChainConfig.Preset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fixed, honest context of the Gloas light-client fuzz targets: the consensus-specs generated Gloas
 * sync case {@code minimal/gloas/light_client/sync/pyspec_tests/light_client_sync} (staged in
 * testvectors/vectors; every fork at epoch 0, so the bootstrap and all 8 updates are Gloas-shaped, and the
 * sync committee's BLS signatures are real). The fixed store is the bootstrap plus the case's first update
 * (as the spec test applies it, at its {@code current_slot}); the fuzz targets then process at {@link #NOW},
 * the case's latest {@code current_slot}. At class load the whole case is replayed (updates and force
 * updates) and every step must apply or be ignored, so the context is the honest data the spec test checks.
 */
final class GloasData {
  static final Path CASE = Path.of(
      "../testvectors/vectors/consensus-specs-generated/tests/minimal/gloas/light_client/sync/pyspec_tests/light_client_sync");
  static final SignatureCheck SIGNATURES = SyncCommitteeVerifier.create()::verify;
  static final ChainConfig CONFIG;
  static final Hash32 TRUSTED_ROOT;
  static final LightClientBootstrap BOOTSTRAP;
  /** The case's updates, in step order. */
  static final List<LightClientUpdate> UPDATES = new ArrayList<>();
  /** {@code current_slot} of each update step. */
  static final List<Long> SLOTS = new ArrayList<>();
  static final long NOW;
  /** The case's force_update steps: after how many updates, and at which slot. */
  private static final List<Integer> FORCE_AFTER = new ArrayList<>();
  private static final List<Long> FORCE_SLOTS = new ArrayList<>();
  /** Every real Gloas header of the case by its beacon root (bootstrap, attested and finalized headers). */
  static final Map<Hash32, LightClientHeader> REAL_HEADERS = new HashMap<>();
  /** The fixed store (bootstrap + update 0). */
  static final LightClientStore STORE;

  static {
    try {
      final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
      final JsonNode meta = yaml.readTree(CASE.resolve("meta.yaml").toFile());
      CONFIG = ChainConfig.fromConfigYaml(Files.readString(CASE.resolve("config.yaml")),
          Hash32.fromHex(meta.get("genesis_validators_root").asText()));
      TRUSTED_ROOT = Hash32.fromHex(meta.get("trusted_block_root").asText());
      final Fork bootstrapFork = CONFIG.forkOfDigest(Bytes.fromHex(meta.get("bootstrap_fork_digest").asText()))
          .orElseThrow();
      if (bootstrapFork != Fork.GLOAS) {
        throw new IllegalStateException("the Gloas case's bootstrap is " + bootstrapFork);
      }
      BOOTSTRAP = LightClientBootstrap.decode(snappy(CASE.resolve("bootstrap.ssz_snappy")), Fork.GLOAS,
          Preset.MINIMAL);
      for (final JsonNode step : yaml.readTree(CASE.resolve("steps.yaml").toFile())) {
        final JsonNode force = step.get("force_update");
        if (force != null) {
          FORCE_AFTER.add(UPDATES.size());
          FORCE_SLOTS.add(force.get("current_slot").asLong());
          continue;
        }
        final JsonNode p = step.get("process_update");
        if (p == null) {
          throw new IllegalStateException("unexpected step " + step);
        }
        final Fork f = CONFIG.forkOfDigest(Bytes.fromHex(p.get("update_fork_digest").asText())).orElseThrow();
        UPDATES.add(LightClientUpdate.decode(snappy(CASE.resolve(p.get("update").asText() + ".ssz_snappy")), f,
            Preset.MINIMAL));
        SLOTS.add(p.get("current_slot").asLong());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    NOW = java.util.Collections.max(SLOTS);
    REAL_HEADERS.put(BOOTSTRAP.header().beacon().hashTreeRoot(), BOOTSTRAP.header());
    for (final LightClientUpdate u : UPDATES) {
      REAL_HEADERS.put(u.attestedHeader().beacon().hashTreeRoot(), u.attestedHeader());
      if (!u.finalizedHeader().beacon().equals(LightClientHeader.empty(Fork.GLOAS).beacon())) {
        REAL_HEADERS.put(u.finalizedHeader().beacon().hashTreeRoot(), u.finalizedHeader());
      }
    }
    // the honest run: every step of the case applies or is ignored (as the spec test requires)
    final LightClient all = bootstrapped().allowingForceUpdates();
    for (int i = 0; i <= UPDATES.size(); i++) {
      for (int f = 0; f < FORCE_AFTER.size(); f++) {
        if (FORCE_AFTER.get(f) == i && all.processForceUpdate(FORCE_SLOTS.get(f)) instanceof UpdateResult.Rejected r) {
          throw new IllegalStateException("honest force update rejected: " + r.reason() + ": " + r.detail());
        }
      }
      if (i < UPDATES.size() && all.processUpdate(UPDATES.get(i), SLOTS.get(i)) instanceof UpdateResult.Rejected r) {
        throw new IllegalStateException("honest Gloas update " + i + " rejected: " + r.reason() + ": " + r.detail());
      }
    }
    STORE = client().store();
  }

  private GloasData() {}

  private static LightClient bootstrapped() {
    final LightClient.Initialized init = LightClient.initialize(CONFIG, SIGNATURES, TRUSTED_ROOT, BOOTSTRAP);
    if (!init.ok()) {
      throw new IllegalStateException("Gloas bootstrap rejected: " + init.rejection());
    }
    return init.client();
  }

  /** A fresh client at the fixed store. */
  static LightClient client() {
    final LightClient lc = bootstrapped();
    if (!(lc.processUpdate(UPDATES.get(0), SLOTS.get(0)) instanceof UpdateResult.Applied)) {
      throw new IllegalStateException("Gloas update 0 not applied");
    }
    return lc;
  }

  /** The pure protocol under the case's config with the real BLS verifier. */
  static SyncProtocol protocol() {
    return new SyncProtocol(CONFIG, SIGNATURES);
  }

  static byte[] snappy(final Path p) throws IOException {
    return SnappyBlock.decompress(Files.readAllBytes(p));
  }
}
