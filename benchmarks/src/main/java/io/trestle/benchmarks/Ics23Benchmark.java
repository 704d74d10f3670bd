package io.trestle.benchmarks;

import io.trestle.cosmos.ibc.IbcPaths;
import io.trestle.cosmos.ics23.CommitmentProof;
import io.trestle.cosmos.ics23.ExistenceProof;
import io.trestle.cosmos.ics23.Ics23Codec;
import io.trestle.cosmos.ics23.Ics23Result;
import io.trestle.cosmos.ics23.Ics23Verifier;
import io.trestle.cosmos.ics23.InnerOp;
import io.trestle.cosmos.ics23.ProofSpec;
import io.trestle.cosmos.ics23.tree.IavlTree;
import io.trestle.crypto.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * ICS-23 existence proofs under the IAVL spec. {@code source=vector}: the cosmos/ics23 testdata proof
 * {@code iavl/exist_middle.json} (a resource copy); {@code source=tree}: proofs from
 * an {@link IavlTree} of 100,000 IBC packet-commitment keys (depth 17), cycling through 1,000 of them.
 * {@code verify}: {@code Ics23Verifier.verifyMembership} of a decoded proof (spec checks, key and value
 * comparison, hashing). {@code decodeAndVerify}: from protobuf bytes. {@code sha256Only}: SHA-256 of
 * exactly the same preimages (leaf and every inner op) and nothing else, the floor. The whole IBC
 * packet-commitment check is {@link IbcPacketProofBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class Ics23Benchmark {
  /** vector (the upstream IAVL proof) or tree (a 100k-key IAVL tree). */
  @Param({"vector", "tree"})
  public String source;

  /** cosmos/ics23 testdata/iavl/exist_middle.json (commit 7f2c2d09, Apache-2.0; testvectors PROVENANCE.md §9). */
  static final String VECTOR = "/ics23/iavl-exist_middle.json";

  private Case[] cases;
  private int next;

  record Case(ExistenceProof proof, byte[] encoded, Bytes root, Bytes key, Bytes value, byte[][] preimages) {}

  /** Loads or builds the proofs and checks each one verifies (bad data fails the run). */
  @Setup
  public void setup() throws Exception {
    final List<Case> out = new ArrayList<>();
    if (source.equals("vector")) {
      final com.fasterxml.jackson.databind.JsonNode v;
      try (java.io.InputStream in = Ics23Benchmark.class.getResourceAsStream(VECTOR)) {
        v = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
      }
      final byte[] enc = Bytes.fromHex(v.get("proof").asText()).toArray();
      final ExistenceProof p = (ExistenceProof) Ics23Codec.decodeCommitmentProof(enc).orElseThrow();
      if (!p.key().equals(Bytes.fromHex(v.get("key").asText())) || !p.value().equals(Bytes.fromHex(v.get("value").asText()))) {
        throw new IllegalStateException("vector key/value");
      }
      out.add(make(p, enc, Bytes.fromHex(v.get("root").asText())));
    } else {
      final IavlTree t = packetTree();
      for (int i = 0; i < 1000; i++) {
        final Bytes key = IbcPaths.packetCommitmentV1("transfer", "channel-" + (i * 97 % 7), i * 97L);
        final ExistenceProof p = t.prove(key);
        out.add(make(p, Ics23Codec.encode(p), t.root()));
      }
    }
    for (final Case c : out) {
      if (!Ics23Verifier.verifyMembership(ProofSpec.IAVL, c.root(), c.proof(), c.key(), c.value()).isVerified()) {
        throw new IllegalStateException("proof does not verify");
      }
    }
    cases = out.toArray(Case[]::new);
  }

  private static Case make(final ExistenceProof p, final byte[] enc, final Bytes root) {
    final List<byte[]> pre = new ArrayList<>();
    final byte[] key = p.key().toArray();
    final byte[] hv = sha(p.value().toArray()).toArray();
    final byte[] leaf = concat(p.leaf().orElseThrow().prefix().toArray(), new byte[] {(byte) key.length}, key, new byte[] {32}, hv);
    pre.add(leaf);
    for (final InnerOp op : p.path()) {
      pre.add(concat(op.prefix().toArray(), new byte[32], op.suffix().toArray()));
    }
    return new Case(p, enc, root, p.key(), p.value(), pre.toArray(byte[][]::new));
  }

  private Case nextCase() {
    final Case c = cases[next];
    next = next + 1 == cases.length ? 0 : next + 1;
    return c;
  }

  /** Verify a decoded existence proof. */
  @Benchmark
  public Ics23Result<?> verify() {
    final Case c = nextCase();
    return Ics23Verifier.verifyMembership(ProofSpec.IAVL, c.root(), c.proof(), c.key(), c.value());
  }

  /** Decode from protobuf bytes, then verify. */
  @Benchmark
  public Ics23Result<?> decodeAndVerify() {
    final Case c = nextCase();
    final Ics23Result<CommitmentProof> d = Ics23Codec.decodeCommitmentProof(c.encoded());
    return Ics23Verifier.verifyMembership(ProofSpec.IAVL, c.root(), d.orElseThrow(), c.key(), c.value());
  }

  /** SHA-256 of the value (prehash) and of the same preimages, the floor for any verifier. */
  @Benchmark
  public void sha256Only(final Blackhole bh) {
    final Case c = nextCase();
    final byte[] v = c.value().toArray();
    bh.consume(io.trestle.crypto.Sha256.digest(v, 0, v.length));
    for (final byte[] p : c.preimages()) {
      bh.consume(io.trestle.crypto.Sha256.digest(p, 0, p.length));
    }
  }

  /** An IAVL tree of 100,000 IBC v1 packet-commitment keys (depth 17), version 1000. */
  static IavlTree packetTree() {
    final Map<Bytes, Bytes> m = new HashMap<>();
    for (int i = 0; i < 100_000; i++) {
      m.put(IbcPaths.packetCommitmentV1("transfer", "channel-" + (i % 7), i), sha(("packet " + i).getBytes(StandardCharsets.UTF_8)));
    }
    return IavlTree.of(m, 1000);
  }

  private static Bytes sha(final byte[] b) {
    return io.trestle.crypto.Sha256.hash(b).toBytes();
  }

  private static byte[] concat(final byte[]... parts) {
    int n = 0;
    for (final byte[] p : parts) {
      n += p.length;
    }
    final byte[] out = new byte[n];
    int at = 0;
    for (final byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
