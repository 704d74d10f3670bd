package io.trestle.lightclient.fuzz;

import io.trestle.crypto.Hash32;
import io.trestle.lightclient.LightClient;
import io.trestle.lightclient.bls.SyncCommitteeVerifier;
import io.trestle.lightclient.config.Networks;
import io.trestle.lightclient.json.BeaconApiJson;
import io.trestle.lightclient.spec.LightClientStore;
import io.trestle.lightclient.spec.SignatureCheck;
import io.trestle.lightclient.spec.UpdateResult;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.config.ChainConfig.Preset;
import io.trestle.testbase.Vectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixed, honest context of the light-client fuzz targets: real mainnet data (helios testdata,
 * bootstrap at slot 7069376 checked against its block root, and the updates of periods 862-867 with
 * the real committee's signatures). The fixed store is the bootstrap plus the period-862 update (next
 * committee known).
 */
final class Mainnet {
  static final Path DATA = Vectors.path("helios/ethereum/testdata");
  static final Hash32 BOOTSTRAP_ROOT =
      Hash32.fromHex("0x5afc212a7924789b2bc86acad3ab3a6ffb1f6e97253ea50bee7f4f51422c9275");
  static final long NOW = 7_200_000L;
  static final SignatureCheck SIGNATURES = SyncCommitteeVerifier.create()::verify;

  static final LightClientBootstrap BOOTSTRAP;
  static final List<LightClientUpdate> UPDATES = new ArrayList<>();
  /** The fixed store: bootstrap + update 0. */
  static final LightClientStore STORE;

  static {
    try {
      BOOTSTRAP = BeaconApiJson.bootstrap(Files.readString(DATA.resolve("bootstrap.json")), Preset.MAINNET).data();
      BeaconApiJson.updates(Files.readString(DATA.resolve("updates.json")), Preset.MAINNET)
          .forEach(v -> UPDATES.add(v.data()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    final LightClient lc = client();
    STORE = lc.store();
  }

  private Mainnet() {}

  /** A fresh client at the fixed store. */
  static LightClient client() {
    final LightClient.Initialized init =
        LightClient.initialize(Networks.MAINNET, SIGNATURES, BOOTSTRAP_ROOT, BOOTSTRAP);
    if (!init.ok()) {
      throw new IllegalStateException("bootstrap rejected: " + init.rejection());
    }
    final LightClient lc = init.client();
    if (!(lc.processUpdate(UPDATES.get(0), NOW) instanceof UpdateResult.Applied)) {
      throw new IllegalStateException("update 0 not applied");
    }
    return lc;
  }
}
