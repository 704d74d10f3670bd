package io.trestle.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Address;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.internal.stream.BlockReceipts;
import io.trestle.lightclient.stream.LogFilter;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.execution.ExecutionHeader;
import io.trestle.proofs.execution.Log;
import io.trestle.proofs.execution.Receipt;
import io.trestle.proofs.json.RpcJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
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
 * The message stream's per-block work on a real mainnet block (21925176: 202 receipts, 20-field Cancun header, from
 * helios' recording in {@code testvectors/vectors}), JSON text in, as a JSON-RPC client receives it. One operation =
 * one block. {@code streamBlock}: parse the block and receipts JSON, re-hash the header, {@link BlockReceipts#verify}
 * (strict receipt decoding with bloom checks, the whole receipts trie rebuilt and compared), scan every log against a
 * filter; {@code 1e6 / µs} is blocks per second per core. The split: {@code parseJson} (Jackson only), {@code
 * decodeReceipts} (receipts from parsed JSON, blooms recomputed), {@code receiptsRoot} (trie rebuild from decoded
 * receipts), {@code headerHash}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class StreamBlockBenchmark {
  private byte[] blockJson;
  private byte[] receiptsJson;
  private JsonNode block;
  private JsonNode receipts;
  private List<Receipt> decoded;
  private ExecutionHeader header;
  private final LogFilter filter = new LogFilter(
      Set.of(Address.fromHex("0x00000000219ab540356cbb839cbe05303d7705fa")), List.of());

  /** Loads the recorded block; checks it once (bad data fails the run). */
  @Setup
  public void setup() throws IOException {
    final Path dir = repoRoot().resolve("testvectors/vectors/helios/tests/testdata/rpc");
    blockJson = Files.readAllBytes(dir.resolve("block.json"));
    receiptsJson = Files.readAllBytes(dir.resolve("receipts.json"));
    block = RpcJson.mapper().readTree(blockJson);
    receipts = RpcJson.mapper().readTree(receiptsJson);
    header = ExecutionHeader.fromJson(block);
    decoded = BlockReceipts.verify(header, receipts).orElseThrow();
    if (decoded.size() != 202) {
      throw new IllegalStateException("expected the 202 receipts of block 21925176, got " + decoded.size());
    }
  }

  static Path repoRoot() {
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("benchmarks").resolve("pom.xml"))) {
        return p;
      }
    }
    throw new UncheckedIOException(new IOException("run from the repository (benchmarks/pom.xml not found above "
        + Paths.get("").toAbsolutePath() + ")"));
  }

  /** The whole per-block step, JSON text in. */
  @Benchmark
  public int streamBlock() throws IOException {
    final JsonNode b = RpcJson.mapper().readTree(blockJson);
    final ExecutionHeader h = ExecutionHeader.fromJsonUnchecked(b);
    final Hash32 hash = h.hash();
    final ProofResult<List<Receipt>> r = BlockReceipts.verify(h, RpcJson.mapper().readTree(receiptsJson));
    int matches = hash.get(0);
    for (final Receipt rc : r.orElseThrow()) {
      for (final Log l : rc.logs()) {
        if (filter.matches(l)) {
          matches++;
        }
      }
    }
    return matches;
  }

  /** Jackson parsing of the block and receipts text only. */
  @Benchmark
  public int parseJson() throws IOException {
    return RpcJson.mapper().readTree(blockJson).size() + RpcJson.mapper().readTree(receiptsJson).size();
  }

  /** Strict receipt decoding from parsed JSON (blooms recomputed). */
  @Benchmark
  public int decodeReceipts() {
    int n = 0;
    for (final JsonNode r : receipts) {
      n += Receipt.fromJson(r).logs().size();
    }
    return n;
  }

  /** The receipts trie rebuilt from decoded receipts. */
  @Benchmark
  public Hash32 receiptsRoot() {
    return Receipt.root(decoded);
  }

  /** Header fields from parsed JSON, re-encoded and hashed. */
  @Benchmark
  public Hash32 headerHash() {
    return ExecutionHeader.fromJsonUnchecked(block).hash();
  }
}
