package io.trestle.benchmarks;

import io.trestle.cosmos.AppHash;
import io.trestle.cosmos.ibc.IbcPaths;
import io.trestle.cosmos.ibc.PacketV1;
import io.trestle.cosmos.ibc.StateProofVerifier;
import io.trestle.cosmos.ics23.CommitmentProof;
import io.trestle.cosmos.ics23.Ics23Codec;
import io.trestle.cosmos.ics23.Ics23Result;
import io.trestle.cosmos.ics23.tree.IavlTree;
import io.trestle.cosmos.ics23.tree.SimpleMerkleMap;
import io.trestle.crypto.Bytes;
import java.nio.charset.StandardCharsets;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * "Packet P was committed at app hash H" for IBC v1: {@code StateProofVerifier.verifyPacketCommitmentV1}
 * from {@code MerkleProof} bytes (decode, IAVL proof in an {@link IavlTree} of 100,000 packet
 * commitments, multistore proof of the {@code ibc} store over five stores, commitment recomputed from
 * the packet), cycling through 1,000 packets.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class IbcPacketProofBenchmark {
  private AppHash appHash;
  private PacketV1[] packets;
  private byte[][] proofs;
  private int next;

  /** Builds the chain state and checks every proof once (bad data fails the run). */
  @Setup
  public void setup() {
    final int n = 100_000;
    final PacketV1[] all = new PacketV1[n];
    final Map<Bytes, Bytes> m = new HashMap<>();
    for (int i = 0; i < n; i++) {
      all[i] = new PacketV1("transfer", "channel-" + (i % 7), i, 1, 5_000 + i, 0,
          Bytes.of(("{\"amount\":\"" + i + "\",\"denom\":\"stake\"}").getBytes(StandardCharsets.UTF_8)));
      m.put(all[i].commitmentKey(), all[i].commitment());
    }
    final IavlTree ibc = IavlTree.of(m, 1000);
    final SimpleMerkleMap ms = SimpleMerkleMap.ofStores(Map.of("acc", Bytes.of(new byte[] {1}), "bank", Bytes.of(new byte[] {2}),
        "ibc", ibc.root(), "staking", Bytes.of(new byte[] {3}), "upgrade", Bytes.of(new byte[] {4})));
    appHash = new AppHash("bench-1", 1001, ms.root());
    packets = new PacketV1[1000];
    proofs = new byte[1000][];
    for (int i = 0; i < 1000; i++) {
      packets[i] = all[i * 97];
      proofs[i] = Ics23Codec.encodeMerkleProof(List.<CommitmentProof>of(ibc.prove(packets[i].commitmentKey()), ms.prove("ibc")));
      if (!StateProofVerifier.verifyPacketCommitmentV1(appHash, packets[i], proofs[i]).isVerified()) {
        throw new IllegalStateException("packet " + i + " does not verify");
      }
    }
    if (!IbcPaths.IBC_STORE.equals("ibc")) {
      throw new IllegalStateException();
    }
  }

  /** One packet commitment, end to end. */
  @Benchmark
  public Ics23Result<?> verifyPacketCommitmentV1() {
    final int i = next;
    next = i + 1 == proofs.length ? 0 : i + 1;
    return StateProofVerifier.verifyPacketCommitmentV1(appHash, packets[i], proofs[i]);
  }
}
