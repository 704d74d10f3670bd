package io.trestle.benchmarks;

import io.trestle.crypto.Hex;
import io.trestle.proofs.rlp.Rlp;
import io.trestle.proofs.rlp.RlpItem;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.rlp.RLP;
import org.apache.tuweni.rlp.RLPReader;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding one real 17-item branch node (532 bytes) and reading its 17 children: Trestle's strict
 * zero-copy reader ({@code Rlp.decode(node).items()}, which validates every header of the tree, rejects
 * trailing bytes and returns views) against Tuweni's RLP reader in strict mode ({@code lenient = false}),
 * wrapped to be as strict: the node must be one list of exactly 17 values with nothing after them and
 * nothing after the list. Both sides return the 17 children as zero-copy views (Trestle {@code RlpItem},
 * Tuweni a {@code Bytes} slice) and allocate one container per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RlpBenchmark {
  /**
   * Mainnet state-trie root node: {@code accountProof[0]} of the {@code eth_getProof} response for
   * 0x00000000219ab540356cbb839cbe05303d7705fa in
   * testvectors/vectors/helios/tests/testdata/rpc/proof.json (a16z/helios test data, see PROVENANCE.md).
   * 532 bytes: 16 hash references and an empty value.
   */
  static final String BRANCH_NODE_HEX =
      "f90211a04de781e40db9ece5b6973caf04a42cf328d37ba81a0c210d55ff6ffb1fb5c03ca0f8e60afac14ee5dfda9c73"
          + "2ef2be18d5facc909eb678aff05f4b5502b8457e4fa0940319a4f40630df6a7f6ac17d19b4919e569114b92d31f1e4c2"
          + "5244751a7efba0a30596deb86fbe518db16adfa9fb68c2c1220b60aa477eb1638a43c7aed02cfba03ff6f9ed223cd6ac"
          + "0d461d891f627e0a9bc516df79adb0ac548d7caa74be854ca03afb47d898836c5c86937381833963fa1a7158701f2f4c"
          + "be2387844b1117575da04405917712d691fa37b2da09ae871d4597acde8a2b89572f9d46b79ede75a5a2a04ff81b810a"
          + "750b2b8a131de13985cdd4879910f11a5ebdf4d5ceee66fb748817a0093bd629861d55711482bb6ec0b6f7b55c00dedb"
          + "af8165ab89e74f2f16cf66b7a0bc99964c4cc436e3998a400b0c0b7dd6c5018d560408dfa40bc4c403cf96c92ba0d071"
          + "cb24698db09572d44f0f139eb5ccc163ab77e2edf193736804bbdae02016a0d3fad07e78263bf7c3ed5db4500fbc4aad"
          + "4e18a1cff1855ca448127cbc010cc8a04af7e522a9c40996024df03dca73f7473195896ee1de9fd28d2bc46ebdf620c8"
          + "a0edcee94a49718bcd03b87aadb6d0770022ddb0c00550f91dc826c91ddc8d85a2a0599e0552baeb7ca71f0a5d181a52"
          + "23cdbb9ce5d5f4ae93760acb12178f15d691a0e3f15326a38a5458ff766a61c2920025241e80325a857749284e3ad3c0"
          + "3c37ac80";

  /** Reads exactly 17 values from a list reader and requires the list to be exhausted. */
  private static final Function<RLPReader, Bytes[]> SEVENTEEN_VALUES =
      r -> {
        final Bytes[] out = new Bytes[17];
        for (int i = 0; i < 17; i++) {
          out[i] = r.readValue(false);
        }
        if (!r.isComplete()) {
          throw new IllegalArgumentException("branch node has more than 17 items");
        }
        return out;
      };

  /** The whole input must be one list of 17 values with no trailing bytes. */
  private static final Function<RLPReader, Bytes[]> STRICT_NODE =
      r -> {
        final Bytes[] out = r.readList(false, SEVENTEEN_VALUES);
        if (!r.isComplete()) {
          throw new IllegalArgumentException("trailing bytes after the branch node");
        }
        return out;
      };

  private byte[] node;
  private Bytes tuweniNode;

  /** Loads the node and checks that both readers see the same 17 children. */
  @Setup
  public void setup() {
    node = Hex.decode(BRANCH_NODE_HEX);
    tuweniNode = Bytes.wrap(node);
    final List<RlpItem> items = Rlp.decode(node).items();
    final Bytes[] values = RLP.decode(tuweniNode, false, STRICT_NODE);
    if (node.length != 532 || items.size() != 17) {
      throw new IllegalStateException("not the expected 532-byte branch node");
    }
    for (int i = 0; i < 17; i++) {
      final RlpItem it = items.get(i);
      if (!Arrays.equals(Arrays.copyOfRange(node, it.payloadOffset(), it.end()), values[i].toArrayUnsafe())) {
        throw new IllegalStateException("Trestle and Tuweni disagree on child " + i);
      }
    }
  }

  /** Trestle: strict decode of the whole node, then the 17 child views. */
  @Benchmark
  public void trestleStrict(final Blackhole bh) {
    final List<RlpItem> items = Rlp.decode(node).items();
    if (items.size() != 17) {
      throw new IllegalStateException("not a branch");
    }
    for (int i = 0; i < 17; i++) {
      bh.consume(items.get(i));
    }
  }

  /** Tuweni in strict mode: {@code decode} + {@code readList}, 17 {@code readValue}s, completeness checks. */
  @Benchmark
  public void tuweniStrict(final Blackhole bh) {
    final Bytes[] values = RLP.decode(tuweniNode, false, STRICT_NODE);
    for (int i = 0; i < 17; i++) {
      bh.consume(values[i]);
    }
  }
}
