package io.trestle.benchmarks;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.bls.BlsException;
import io.trestle.crypto.bls.BlsPublicKey;
import io.trestle.lightclient.LightClient;
import io.trestle.lightclient.spec.UpdateResult;
import io.trestle.lightclient.bls.SyncCommitteeVerifier;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.types.SyncCommittee;
import io.trestle.testkit.devnet.DevnetChain;
import java.util.List;
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
import org.openjdk.jmh.infra.Blackhole;
import supranational.blst.BLST_ERROR;
import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.P2_Affine;
import supranational.blst.Pairing;

/**
 * Light-client update processing against the fastest FastAggregateVerify of the same 512 keys, in one run.
 *
 * <p>Data: Trestle's generated devnet ({@link DevnetChain}, seed 1; a 512-member committee whose secret keys
 * are known), so one update can be re-signed at any participation. Setup processes update 0 from the
 * bootstrap; the benchmarks preview update 1 (signed by the next committee, the store's {@code
 * next_sync_committee}) re-signed by the first 512 or 350 members: every rule of {@code
 * validate_light_client_update}/{@code process_light_client_update} incl. BLS, nothing applied.
 *
 * <ul>
 *   <li>{@code update512}, {@code update350}: committee keys cached ({@code sync_update_512_us}, {@code
 *       sync_update_350_us});
 *   <li>{@code committeeRotation}: the same 512 update with an uncached verifier (the first update of a
 *       new period: 512 keys decompressed and subgroup-checked, spread over the cores);
 *   <li>{@code rawJblstFastAggregateVerify512}: jblst alone on the 512 keys decompressed once (cached):
 *       sum them in a Java loop of {@code P1.add}, then {@code core_verify} (which re-checks both points'
 *       subgroups) — the figure the issue calls "raw jblst";
 *   <li>{@code fastAggregateVerify512NoRecheck}: the same sum, then the pairing equation e(pk, H(m)) ·
 *       e(−g1, sig) = 1 through {@code Pairing.raw_aggregate}, without re-checking subgroups of points that
 *       were validated when decoded (the fastest FastAggregateVerify jblst offers; what {@code Bls} does);
 *   <li>{@code blsDecompress512}: decompress and validate (on curve, in G1, not infinity) the 512 keys, one
 *       thread;
 *   <li>breakdown of the raw figure: {@code partSum512} (512 {@code P1.add} JNI calls), {@code
 *       partCoreVerify}, {@code partPairingNoRecheck} and {@code partPairingAggregateSigCheck} (on the
 *       precomputed sum), {@code
 *       partSignatureSubgroupCheck} and {@code partKeySubgroupCheck}.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SyncUpdateBenchmark {
  private static final String DST = "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_";

  private LightClient cached;
  private LightClient uncached;
  private LightClientUpdate update512;
  private LightClientUpdate update350;
  private long now;
  private List<Bytes> compressedKeys;
  private P1_Affine[] keys;
  private P1_Affine sum;
  private P2_Affine signature;
  private byte[] signingRoot;

  @Setup(Level.Trial)
  public void setup() {
    final DevnetChain chain = DevnetChain.generate(1);
    final ChainConfig config = chain.config();
    now = chain.currentSlot();
    cached = client(chain, SyncCommitteeVerifier.create());
    uncached = client(chain, SyncCommitteeVerifier.uncached());
    final LightClientUpdate u = chain.updates().get(1);
    final long period = config.preset().periodAtSlot(u.signatureSlot());
    update512 = chain.resign(u, period, 512);
    update350 = chain.resign(u, period, 350);
    requireApplied(cached.preview(update512, now));
    requireApplied(cached.preview(update350, now));
    requireApplied(uncached.preview(update512, now));
    final SyncCommittee committee = cached.store().nextSyncCommittee().orElseThrow();
    compressedKeys = committee.pubkeys();
    keys = new P1_Affine[compressedKeys.size()];
    final P1 acc = new P1();
    for (int i = 0; i < keys.length; i++) {
      keys[i] = new P1_Affine(compressedKeys.get(i).toArray());
      acc.add(keys[i]);
    }
    sum = acc.to_affine();
    signature = new P2_Affine(update512.syncAggregate().signature().toArray());
    final long forkSlot = update512.signatureSlot() - 1;
    final Hash32 domain = ChainConfig.computeDomain(ChainConfig.DOMAIN_SYNC_COMMITTEE,
        config.forkVersionAtEpoch(config.preset().epochAtSlot(forkSlot)).orElseThrow(),
        config.genesisValidatorsRoot());
    signingRoot = ChainConfig.signingRoot(update512.attestedHeader().beacon().hashTreeRoot(), domain).toArray();
    if (keys.length != 512 || !rawJblstFastAggregateVerify512() || !fastAggregateVerify512NoRecheck()
        || !partCoreVerify() || !partPairingNoRecheck() || !partPairingAggregateSigCheck()) {
      throw new IllegalStateException("devnet update does not verify with raw jblst");
    }
    System.out.println("[SyncUpdateBenchmark] devnet seed 1, update 1 (period " + period + "), 512/350 signers");
  }

  /** For {@link ExportPeerData}: the 512 compressed keys, the signing root and the 512-signer signature. */
  List<Bytes> compressedKeys() {
    return compressedKeys;
  }

  byte[] signingRoot() {
    return signingRoot.clone();
  }

  Bytes signature512() {
    return update512.syncAggregate().signature();
  }

  private static LightClient client(final DevnetChain chain, final SyncCommitteeVerifier verifier) {
    final LightClient.Initialized init =
        LightClient.initialize(chain.config(), verifier, chain.checkpointRoot(), chain.bootstrap());
    if (!init.ok()) {
      throw new IllegalStateException("bootstrap rejected: " + init.rejection());
    }
    final LightClient c = init.client();
    requireApplied(c.processUpdate(chain.updates().get(0), chain.currentSlot()));
    return c;
  }

  private static void requireApplied(final UpdateResult r) {
    if (!(r instanceof UpdateResult.Applied)) {
      throw new IllegalStateException("update not applied: " + r);
    }
  }

  @Benchmark
  public UpdateResult update512() {
    return cached.preview(update512, now);
  }

  @Benchmark
  public UpdateResult update350() {
    return cached.preview(update350, now);
  }

  @Benchmark
  public UpdateResult committeeRotation() {
    return uncached.preview(update512, now);
  }

  private P1_Affine sumKeys() {
    final P1 acc = new P1();
    for (final P1_Affine k : keys) {
      acc.add(k);
    }
    return acc.to_affine();
  }

  @Benchmark
  public boolean rawJblstFastAggregateVerify512() {
    return signature.core_verify(sumKeys(), true, signingRoot, DST) == BLST_ERROR.BLST_SUCCESS;
  }

  @Benchmark
  public boolean fastAggregateVerify512NoRecheck() {
    return pairing(sumKeys());
  }

  private static final P1_Affine NEG_G1 = P1.generator().neg().to_affine();

  /** e(pk, H(m)) · e(−g1, sig) = 1 with no subgroup check (both points validated beforehand). */
  private boolean pairing(final P1_Affine pk) {
    final P2_Affine h = new P2().hash_to(signingRoot, DST).to_affine();
    final Pairing ctx = new Pairing(true, DST);
    ctx.raw_aggregate(h, pk);
    ctx.raw_aggregate(signature, NEG_G1);
    ctx.commit();
    return ctx.finalverify();
  }

  /** jblst's {@code Pairing.aggregate}: re-checks the signature's G2 subgroup (not the key's). */
  @Benchmark
  public boolean partPairingAggregateSigCheck() {
    final Pairing ctx = new Pairing(true, DST);
    if (ctx.aggregate(sum, signature, signingRoot) != BLST_ERROR.BLST_SUCCESS) {
      return false;
    }
    ctx.commit();
    return ctx.finalverify();
  }

  @Benchmark
  public void blsDecompress512(final Blackhole bh) throws BlsException {
    for (final Bytes k : compressedKeys) {
      bh.consume(BlsPublicKey.fromCompressed(k));
    }
  }

  @Benchmark
  public P1_Affine partSum512() {
    return sumKeys();
  }

  @Benchmark
  public boolean partCoreVerify() {
    return signature.core_verify(sum, true, signingRoot, DST) == BLST_ERROR.BLST_SUCCESS;
  }

  @Benchmark
  public boolean partPairingNoRecheck() {
    return pairing(sum);
  }

  @Benchmark
  public boolean partSignatureSubgroupCheck() {
    return signature.in_group();
  }

  @Benchmark
  public boolean partKeySubgroupCheck() {
    return sum.in_group();
  }
}
