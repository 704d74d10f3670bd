package io.trestle.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.LightClient;
import io.trestle.lightclient.bls.SyncCommitteeVerifier;
import io.trestle.lightclient.config.Networks;
import io.trestle.lightclient.spec.UpdateResult;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.config.ChainConfig.Preset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The very update the peers harness gives Lodestar ({@code lc-update-electra.json}: mainnet preset,
 * Electra, 512 participants, next committee and finality branch): {@code updateCachedCommittee} is
 * Trestle's full {@code validate}/{@code process} of it (compare with the peers' {@code
 * lc.process_sync_committee_update.*}, Lodestar's {@code LightclientSpec#onUpdate}). Setup checks the
 * file's expected outcome (finalized slot after processing). Needs the peers data directory ({@code
 * -Dtrestle.peers.data=DIR}, default {@code testvectors/vectors/peers/data} from the repository root).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@org.openjdk.jmh.annotations.Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PeerLightClientUpdateBenchmark {
  private LightClient client;
  private LightClientUpdate update;
  private long currentSlot;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    final Path file = BenchData.peersDataDir().resolve("lc-update-electra.json");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("peers data not found: " + file + " (set -Dtrestle.peers.data=DIR)");
    }
    final JsonNode d = new ObjectMapper().readTree(file.toFile());
    final LightClientBootstrap bootstrap = LightClientBootstrap.decode(
        Bytes.fromHex(d.at("/bootstrap/ssz").asText()).toArray(), Fork.ELECTRA, Preset.MAINNET);
    update = LightClientUpdate.decode(Bytes.fromHex(d.at("/update/ssz").asText()).toArray(), Fork.ELECTRA,
        Preset.MAINNET);
    currentSlot = d.get("currentSlot").asLong();
    final LightClient.Initialized init = LightClient.initialize(Networks.MAINNET, SyncCommitteeVerifier.create(),
        Hash32.fromHex(d.get("trustedBlockRoot").asText()), bootstrap);
    if (!init.ok()) {
      throw new IllegalStateException("bootstrap rejected: " + init.rejection());
    }
    client = init.client();
    final UpdateResult r = client.preview(update, currentSlot);
    final long expected = d.at("/expected/storeFinalizedSlotAfter").asLong();
    if (!(r instanceof UpdateResult.Applied a) || a.store().finalizedHeader().beacon().slot() != expected) {
      throw new IllegalStateException("update does not give the expected finalized slot " + expected + ": " + r);
    }
  }

  /** Full update validation and processing (not applied, so every call does the same work). */
  @Benchmark
  public UpdateResult updateCachedCommittee() {
    return client.preview(update, currentSlot);
  }
}
