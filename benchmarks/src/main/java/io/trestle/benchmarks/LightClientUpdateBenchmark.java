package io.trestle.benchmarks;

import io.trestle.crypto.Hash32;
import io.trestle.lightclient.LightClient;
import io.trestle.lightclient.bls.SyncCommitteeVerifier;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.config.Networks;
import io.trestle.lightclient.json.BeaconApiJson;
import io.trestle.lightclient.spec.UpdateResult;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.types.SyncCommittee;
import io.trestle.testbase.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import supranational.blst.BLST_ERROR;
import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2_Affine;

/**
 * One real mainnet light-client update (helios data, period 863, 512 of 512 signing, verified by the
 * period-862 store's next committee), in the same run as its parts:
 *
 * <ul>
 *   <li>{@code updateCachedCommittee}: the whole {@code validate_light_client_update} /
 *       {@code process_light_client_update} through {@link LightClient#preview} (branches, header checks,
 *       next committee root, signing root, BLS) with the committee's keys already decompressed;
 *   <li>{@code updateCommitteeRotation}: the same with an uncached verifier, so the 512 keys are
 *       decompressed and subgroup-checked every time (what the first update of a new period costs);
 *   <li>{@code syncCommitteeHashTreeRoot}: {@code hash_tree_root} of a 512-key committee;
 *   <li>{@code rawJblstFastAggregateVerify}: jblst alone: sum the same 512 pre-decompressed keys and
 *       {@code core_verify} the signature over the same signing root (the floor).
 * </ul>
 *
 * <p>Data: {@code testvectors/vectors/helios/ethereum/testdata} of this repository (found from the
 * working directory upwards).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LightClientUpdateBenchmark {
  private static final String DST = "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_";
  private static final Hash32 CHECKPOINT =
      Hash32.fromHex("0x5afc212a7924789b2bc86acad3ab3a6ffb1f6e97253ea50bee7f4f51422c9275");

  private LightClient cachedClient;
  private LightClient rotationClient;
  private LightClientUpdate update;
  private long currentSlot;
  private SyncCommittee committee;
  private P1_Affine[] keys;
  private P2_Affine signature;
  private byte[] signingRoot;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    final Path dir = dataDir();
    final ChainConfig config = Networks.MAINNET;
    final LightClientBootstrap bootstrap =
        BeaconApiJson.bootstrap(Files.readString(dir.resolve("bootstrap.json")), config.preset()).data();
    final var updates = BeaconApiJson.updates(Files.readString(dir.resolve("updates.json")), config.preset());
    currentSlot = updates.get(updates.size() - 1).data().signatureSlot() + 1;
    cachedClient = LightClient.initialize(config, SyncCommitteeVerifier.create(), CHECKPOINT, bootstrap).client();
    rotationClient = LightClient.initialize(config, SyncCommitteeVerifier.uncached(), CHECKPOINT, bootstrap).client();
    require(cachedClient.processUpdate(updates.get(0).data(), currentSlot));
    require(rotationClient.processUpdate(updates.get(0).data(), currentSlot));
    update = updates.get(1).data();
    if (update.syncAggregate().participantCount() != 512) {
      throw new IllegalStateException("expected a 512-participant update");
    }
    require(cachedClient.preview(update, currentSlot));
    require(rotationClient.preview(update, currentSlot));
    committee = cachedClient.store().nextSyncCommittee().orElseThrow();
    keys = new P1_Affine[committee.pubkeys().size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = new P1_Affine(committee.pubkeys().get(i).toArray());
    }
    signature = new P2_Affine(update.syncAggregate().signature().toArray());
    final long forkSlot = update.signatureSlot() - 1;
    final Hash32 domain = ChainConfig.computeDomain(ChainConfig.DOMAIN_SYNC_COMMITTEE,
        config.forkVersionAtEpoch(config.preset().epochAtSlot(forkSlot)).orElseThrow(),
        config.genesisValidatorsRoot());
    signingRoot = ChainConfig.signingRoot(update.attestedHeader().beacon().hashTreeRoot(), domain).toArray();
    if (!rawJblstFastAggregateVerify()) {
      throw new IllegalStateException("raw jblst does not verify the real update");
    }
  }

  private static void require(final UpdateResult r) {
    if (!(r instanceof UpdateResult.Applied)) {
      throw new IllegalStateException("setup update not applied: " + r);
    }
  }

  private static Path dataDir() {
    return Vectors.path("helios", "ethereum", "testdata");
  }

  /** Full update validation with the committee's keys cached. */
  @Benchmark
  public UpdateResult updateCachedCommittee() {
    return cachedClient.preview(update, currentSlot);
  }

  /** Full update validation decompressing and validating the 512 keys (committee rotation). */
  @Benchmark
  public UpdateResult updateCommitteeRotation() {
    return rotationClient.preview(update, currentSlot);
  }

  /** {@code hash_tree_root} of the 512-key committee. */
  @Benchmark
  public Hash32 syncCommitteeHashTreeRoot() {
    return committee.hashTreeRoot();
  }

  /** jblst alone: aggregate 512 decompressed keys, verify the aggregate signature. */
  @Benchmark
  public boolean rawJblstFastAggregateVerify() {
    final P1 acc = new P1();
    for (final P1_Affine k : keys) {
      acc.add(k);
    }
    return signature.core_verify(acc.to_affine(), true, signingRoot, DST) == BLST_ERROR.BLST_SUCCESS;
  }
}
