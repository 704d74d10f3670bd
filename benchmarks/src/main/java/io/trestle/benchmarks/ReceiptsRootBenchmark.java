package io.trestle.benchmarks;

import io.trestle.crypto.Hash32;
import io.trestle.crypto.Keccak256;
import io.trestle.proofs.execution.Receipt;
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

/**
 * Rebuilding the receipts root of a mainnet-size block ({@link MainnetBlock}: 300 receipts, ≈ 630 logs)
 * from its typed receipts, as the verified stream does for every block: {@code rebuild} is {@link
 * Receipt#root} (encode every receipt, build the trie, hash it); {@code keccakOnly} hashes exactly the
 * trie nodes the root depends on by hash and nothing else, the floor any rebuild pays. Setup checks that
 * {@code rebuild} gives the root an independent path computed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ReceiptsRootBenchmark {
  private MainnetBlock block;

  @Setup(Level.Trial)
  public void setup() {
    block = MainnetBlock.generate();
    if (!Receipt.root(block.receipts).equals(block.receiptsRoot)) {
      throw new IllegalStateException("Receipt.root disagrees with the independent trie");
    }
    long bytes = 0;
    for (final byte[] n : block.hashedNodes) {
      bytes += n.length;
    }
    System.out.println("[ReceiptsRootBenchmark] " + block.receipts.size() + " receipts, " + block.logCount
        + " logs, " + block.hashedNodes.length + " hashed trie nodes, " + bytes + " bytes hashed");
  }

  @Benchmark
  public Hash32 rebuild() {
    return Receipt.root(block.receipts);
  }

  @Benchmark
  public void keccakOnly(final Blackhole bh) {
    for (final byte[] n : block.hashedNodes) {
      bh.consume(Keccak256.digest(n, 0, n.length));
    }
  }
}
