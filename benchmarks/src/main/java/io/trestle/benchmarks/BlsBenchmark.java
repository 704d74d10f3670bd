package io.trestle.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.bls.SyncCommitteeVerifier;
import io.trestle.lightclient.types.SyncAggregate;
import io.trestle.lightclient.types.SyncCommittee;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
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
import supranational.blst.BLST_ERROR;
import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.P2_Affine;
import supranational.blst.SecretKey;

/**
 * Sync-committee signature verification with 512 keys: raw jblst FastAggregateVerify over
 * pre-decompressed keys (the floor), Trestle's {@link SyncCommitteeVerifier} with a warm cache (512 and
 * 510 participants, the latter through "full aggregate minus absentees"), and uncached (the committee
 * rotation path: decompress and validate 512 keys, then verify).
 *
 * <p>Keys and signature come from {@code testvectors/vectors/peers/data/bls-fast-aggregate-512.json} (or the file
 * named by {@code -Dtrestle.bls512=...}) when present; keys there are derived as IETF KeyGen(sha256(
 * "bars-peers/bls/ikm:" + i)), which is re-derived here to sign the 510-participant case. Without the
 * file, keys are generated from fixed seeds. Every setup checks that its signatures verify.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BlsBenchmark {
  private static final String DST = "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_";
  private static final int N = 512;

  private P1_Affine[] affineKeys;
  private P2_Affine fullSigAffine;
  private byte[] message;
  private SyncCommittee committee;
  private Hash32 committeeRoot;
  private Hash32 signingRoot;
  private SyncAggregate all512;
  private SyncAggregate some510;
  private SyncCommitteeVerifier cached;
  private SyncCommitteeVerifier uncached;
  /** Where the keys came from (printed in setup for the record). */
  private String source;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    final Path file = dataFile();
    final List<byte[]> pks = new ArrayList<>(N);
    SecretKey[] sks = null;
    byte[] fullSig = null;
    if (file != null) {
      final JsonNode d = new ObjectMapper().readTree(file.toFile());
      message = Bytes.fromHex(d.get("message").asText()).toArray();
      d.get("pubkeys").forEach(n -> pks.add(Bytes.fromHex(n.asText()).toArray()));
      fullSig = Bytes.fromHex(d.get("signature").asText()).toArray();
      final SecretKey[] derived = peersKeys();
      if (pks.size() == N && Arrays.equals(new P1(derived[0]).compress(), pks.get(0))
          && Arrays.equals(new P1(derived[N - 1]).compress(), pks.get(N - 1))) {
        sks = derived;
        source = file.toString();
      }
    }
    if (sks == null) {
      source = file == null ? "generated keys" : "generated keys (" + file + " keys not re-derivable)";
      message = new byte[32];
      Arrays.fill(message, (byte) 0x5a);
      pks.clear();
      fullSig = null;
      sks = new SecretKey[N];
      for (int i = 0; i < N; i++) {
        final byte[] ikm = new byte[32];
        ikm[30] = (byte) (i >>> 8);
        ikm[31] = (byte) i;
        sks[i] = new SecretKey();
        sks[i].keygen(ikm);
        pks.add(new P1(sks[i]).compress());
      }
    }
    // Member signatures: the 510-participant aggregate (members 17 and 300 absent) and, when generating,
    // the full one.
    final P2 h = new P2().hash_to(message, DST);
    final P2 sum510 = new P2();
    final P2 sum512 = new P2();
    for (int i = 0; i < N; i++) {
      final P2 s = h.dup().sign_with(sks[i]);
      sum512.add(s);
      if (i != 17 && i != 300) {
        sum510.add(s);
      }
    }
    if (fullSig == null) {
      fullSig = sum512.compress();
    }
    final List<Bytes> keyBytes = new ArrayList<>(N);
    affineKeys = new P1_Affine[N];
    for (int i = 0; i < N; i++) {
      keyBytes.add(Bytes.of(pks.get(i)));
      affineKeys[i] = new P1_Affine(pks.get(i));
    }
    fullSigAffine = new P2_Affine(fullSig);
    committee = new SyncCommittee(keyBytes, Bytes.of(aggregate(affineKeys).compress()));
    committeeRoot = committee.hashTreeRoot();
    signingRoot = Hash32.of(message);
    final byte[] bits = new byte[N / 8];
    Arrays.fill(bits, (byte) 0xff);
    all512 = new SyncAggregate(Bytes.of(bits), Bytes.of(fullSig));
    bits[17 / 8] &= (byte) ~(1 << (17 % 8));
    bits[300 / 8] &= (byte) ~(1 << (300 % 8));
    some510 = new SyncAggregate(Bytes.of(bits), Bytes.of(sum510.compress()));
    cached = SyncCommitteeVerifier.create();
    uncached = SyncCommitteeVerifier.uncached();
    if (!rawFastAggregateVerify() || !cached.verify(committee, committeeRoot, all512, signingRoot)
        || !cached.verify(committee, committeeRoot, some510, signingRoot)
        || !uncached.verify(committee, committeeRoot, all512, signingRoot)
        || cached.verify(committee, committeeRoot, new SyncAggregate(all512.bits(), some510.signature()),
            signingRoot)) {
      throw new IllegalStateException("benchmark fixture does not verify as expected (" + source + ")");
    }
    System.out.println("BlsBenchmark keys: " + source);
  }

  private static Path dataFile() {
    final String prop = System.getProperty("trestle.bls512");
    final List<Path> candidates = new ArrayList<>();
    if (prop != null) {
      candidates.add(Path.of(prop));
    }
    candidates.add(Path.of("testvectors/vectors/peers/data/bls-fast-aggregate-512.json"));
    candidates.add(Path.of("../testvectors/vectors/peers/data/bls-fast-aggregate-512.json"));
    for (final Path p : candidates) {
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }

  /** sk_i = KeyGen(sha256("bars-peers/bls/ikm:" + i)), as the data file's {@code keyDerivation} says. */
  private static SecretKey[] peersKeys() {
    try {
      final MessageDigest sha = MessageDigest.getInstance("SHA-256");
      final SecretKey[] out = new SecretKey[N];
      for (int i = 0; i < N; i++) {
        out[i] = new SecretKey();
        out[i].keygen(sha.digest(("bars-peers/bls/ikm:" + i).getBytes(StandardCharsets.UTF_8)));
      }
      return out;
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static P1 aggregate(final P1_Affine[] keys) {
    final P1 acc = new P1();
    for (final P1_Affine k : keys) {
      acc.add(k);
    }
    return acc;
  }

  /** Raw jblst: sum pre-decompressed affine keys, then core_verify. */
  @Benchmark
  public boolean rawJblstFastAggregateVerify512() {
    return rawFastAggregateVerify();
  }

  private boolean rawFastAggregateVerify() {
    return fullSigAffine.core_verify(aggregate(affineKeys).to_affine(), true, message, DST)
        == BLST_ERROR.BLST_SUCCESS;
  }

  /** Trestle, committee cached, all 512 participate. */
  @Benchmark
  public boolean trestleCached512() {
    return cached.verify(committee, committeeRoot, all512, signingRoot);
  }

  /** Trestle, committee cached, 510 participate (full aggregate minus 2 absentees). */
  @Benchmark
  public boolean trestleCached510() {
    return cached.verify(committee, committeeRoot, some510, signingRoot);
  }

  /** Trestle, no cache: decompress + validate 512 keys, sum, verify (committee rotation). */
  @Benchmark
  public boolean trestleUncached512() {
    return uncached.verify(committee, committeeRoot, all512, signingRoot);
  }
}
