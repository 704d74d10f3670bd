package io.trestle.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.VerifiedMessage;
import io.trestle.lightclient.internal.stream.BlockReceipts;
import io.trestle.proofs.execution.BlockReceiptList;
import io.trestle.proofs.execution.Log;
import io.trestle.proofs.execution.Receipt;
import io.trestle.proofs.json.RpcJson;
import java.util.ArrayList;
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

/**
 * The verified stream's per-block work on recorded data, one operation = one mainnet-size block
 * ({@link MainnetBlock}: the recorded {@code eth_getBlockReceipts} response of 300 receipts, ≈ 690 logs,
 * ≈ 0.87 MB of JSON): parse the JSON text, then the stream's own step ({@link BlockReceipts#check}: every
 * receipt read strictly, its {@code blockHash} and {@code transactionIndex} checked, the receipts root rebuilt and
 * required equal to the linked header's, the header re-hashed), then match every log against the filter (emitter
 * and topic0) and compute the message id of each match. {@code stream_blocks_per_s} = 10^6 / {@code block} µs.
 *
 * <p>Parts, so the profile shows what dominates: {@code parseOnly} is the JSON parse alone; {@code
 * typedReceipts} the parse plus strict {@link Receipt#fromJson} of every receipt (which recomputes each bloom:
 * one Keccak per address and topic); {@code blockBloomsFirst} the step as it was before the stream checked the
 * root first (every bloom recomputed, then the root), for the before/after ratio in one run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class StreamBlockBenchmark {
  private MainnetBlock block;

  @Setup(Level.Trial)
  public void setup() {
    block = MainnetBlock.generate();
    final int matched = block().size();
    if (matched != block.bridgeMessages || blockBloomsFirst().size() != matched) {
      throw new IllegalStateException("matched " + matched + " messages, expected " + block.bridgeMessages);
    }
    System.out.println("[StreamBlockBenchmark] " + block.receipts.size() + " receipts, " + block.logCount
        + " logs, " + block.json.length() + " chars of JSON, " + matched + " matching messages");
  }

  /** Parse, the stream's block step (strict receipts, root check), filter, message ids: one block's messages. */
  @Benchmark
  public List<Hash32> block() {
    final BlockReceiptList receipts = BlockReceipts.check(block.header, RpcJson.parse(block.json));
    final List<Hash32> ids = new ArrayList<>();
    long logIndex = 0;
    for (int i = 0; i < receipts.size(); i++) {
      for (final Log l : receipts.logs(i)) {
        if (matches(l)) {
          ids.add(VerifiedMessage.messageId(MainnetBlock.CHAIN_ID, block.blockHash, i, logIndex));
        }
        logIndex++;
      }
    }
    return ids;
  }

  /** The same, every receipt read with {@link Receipt#fromJson} (bloom recomputed) before the root. */
  @Benchmark
  public List<Hash32> blockBloomsFirst() {
    final List<Receipt> receipts = receipts(RpcJson.parse(block.json));
    if (!Receipt.root(receipts).equals(block.header.receiptsRoot())) {
      throw new IllegalStateException("receipts root mismatch");
    }
    final List<Hash32> ids = new ArrayList<>();
    long logIndex = 0;
    for (int i = 0; i < receipts.size(); i++) {
      for (final Log l : receipts.get(i).logs()) {
        if (matches(l)) {
          ids.add(VerifiedMessage.messageId(MainnetBlock.CHAIN_ID, block.blockHash, i, logIndex));
        }
        logIndex++;
      }
    }
    return ids;
  }

  private static boolean matches(final Log l) {
    return l.address().equals(MainnetBlock.BRIDGE) && !l.topics().isEmpty()
        && l.topics().get(0).equals(MainnetBlock.MESSAGE_SENT);
  }

  private List<Receipt> receipts(final JsonNode response) {
    final JsonNode arr = RpcJson.unwrapResult(response);
    final List<Receipt> out = new ArrayList<>(arr.size());
    for (int i = 0; i < arr.size(); i++) {
      final JsonNode r = arr.get(i);
      if (RpcJson.quantityLong(r, "transactionIndex") != i || !RpcJson.hash(r, "blockHash").equals(block.blockHash)) {
        throw new IllegalStateException("receipt " + i + " misplaced");
      }
      out.add(Receipt.fromJson(r));
    }
    return out;
  }

  @Benchmark
  public JsonNode parseOnly() {
    return RpcJson.parse(block.json);
  }

  @Benchmark
  public List<Receipt> typedReceipts() {
    return receipts(RpcJson.parse(block.json));
  }
}
