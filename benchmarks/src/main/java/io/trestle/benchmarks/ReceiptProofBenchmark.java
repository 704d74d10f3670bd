package io.trestle.benchmarks;

import io.trestle.crypto.Address;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Keccak256;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.execution.ReceiptProofVerifier;
import io.trestle.proofs.execution.VerifiedLog;
import io.trestle.proofs.mpt.MptVerifier;
import io.trestle.proofs.rlp.Rlp;
import io.trestle.proofs.rlp.RlpItem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * Receipt-trie proofs (key {@code rlp(index)}, no key hashing), one operation = one proof, cycling through
 * the set. {@code verifyAndExtractLog}: inclusion proof, then decode the receipt and read its first log
 * (address, topics, data) — what a "prove this event" call costs. {@code verifyOnly}: the inclusion proof
 * alone (the peers' receipt figure measures this). {@code keccakOnly}: keccak of every node, nothing else.
 * Data: the peers harness's {@code receipt-proofs.json} (300 proofs, values ~500 B) when found, else an
 * equivalent synthetic trie ({@link BenchData}); {@code -p source=peers|synthetic} forces one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ReceiptProofBenchmark {
  /** auto (peers file if found, else synthetic), peers, or synthetic. */
  @Param({"auto"})
  public String source;

  /** The first log of a receipt. */
  public record Log(Address address, List<Hash32> topics, Bytes data) {}

  private Hash32 root;
  private BenchData.Case[] proofs;
  private int next;
  private Hash32 apiRoot;
  private List<List<Bytes>> apiProofs;
  private int apiNext;

  /** Loads the proofs; verifies each once and extracts its log (bad data fails the run). */
  @Setup
  public void setup() {
    final BenchData.ProofSet set = BenchData.receipts(source);
    root = set.root();
    proofs = set.present().toArray(BenchData.Case[]::new);
    // The peers' receipts carry placeholder blooms, which ReceiptProofVerifier rightly rejects; the API
    // benchmark uses 300 well-formed type-2 receipts of the same size (~500 B, one log each) instead.
    final java.util.Random random = new java.util.Random(7);
    final io.trestle.proofs.mpt.TrieBuilder trie = new io.trestle.proofs.mpt.TrieBuilder();
    final int n = 300;
    for (int i = 0; i < n; i++) {
      final byte[] addr = new byte[20];
      random.nextBytes(addr);
      final List<Hash32> topics = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        final byte[] h = new byte[32];
        random.nextBytes(h);
        topics.add(Hash32.of(h));
      }
      final byte[] data = new byte[160];
      random.nextBytes(data);
      final List<io.trestle.proofs.execution.Log> logs =
          List.of(new io.trestle.proofs.execution.Log(io.trestle.crypto.Address.of(addr), topics, Bytes.of(data)));
      final io.trestle.proofs.execution.Receipt r = new io.trestle.proofs.execution.Receipt(2,
          java.util.Optional.of(true), java.util.Optional.empty(), 21000L * (i + 1),
          io.trestle.proofs.execution.Receipt.bloom(logs), logs);
      trie.put(io.trestle.proofs.rlp.RlpWriter.uint(i), r.encode());
    }
    apiRoot = trie.root();
    apiProofs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      apiProofs.add(trie.proof(io.trestle.proofs.rlp.RlpWriter.uint(i)));
      final ProofResult<VerifiedLog> api = ReceiptProofVerifier.verifyLog(apiRoot, i, 0, apiProofs.get(i));
      if (!api.isVerified()) {
        throw new IllegalStateException("synthetic receipt proof " + i + " rejected: " + api);
      }
    }
    System.out.println("[ReceiptProofBenchmark] " + proofs.length + " proofs from " + set.origin());
    for (int i = 0; i < proofs.length; i++) {
      final ProofResult<Bytes> r = MptVerifier.verifyInclusion(root, proofs[i].keySource(), proofs[i].proof());
      if (!(r instanceof ProofResult.Verified<Bytes> v
          && Arrays.equals(v.value().toArray(), proofs[i].value().orElseThrow()))) {
        throw new IllegalStateException("receipt proof " + i + " does not verify to its value: " + r);
      }
      firstLog(v.value());
    }
  }

  /**
   * Decodes a receipt ({@code [status, cumulativeGasUsed, logsBloom, logs]}, optionally after an
   * EIP-2718 type byte) and returns its first log.
   */
  static Log firstLog(final Bytes receipt) {
    // Minimal decoding (no bloom check): the lower bound that verifyLogApi is compared with.
    final byte[] enc = receipt.toArray();
    final int off = enc.length > 0 && (enc[0] & 0xff) < 0x80 ? 1 : 0;
    final List<RlpItem> fields = Rlp.decode(enc, off, enc.length - off).items(4, "receipt");
    fields.get(1).asLong("cumulativeGasUsed");
    fields.get(2).bytesOfSize(256, "logsBloom");
    final List<RlpItem> logs = fields.get(3).asList("logs").items();
    if (logs.isEmpty()) {
      throw new IllegalStateException("receipt without logs");
    }
    final List<RlpItem> log = logs.get(0).asList("log").items(3, "log");
    final List<RlpItem> topicItems = log.get(1).asList("topics").items();
    final List<Hash32> topics = new ArrayList<>(topicItems.size());
    for (final RlpItem t : topicItems) {
      topics.add(t.asHash32("topic"));
    }
    return new Log(log.get(0).asAddress("address"), List.copyOf(topics), log.get(2).asBytes());
  }

  private BenchData.Case nextCase() {
    final BenchData.Case c = proofs[next];
    next = next + 1 == proofs.length ? 0 : next + 1;
    return c;
  }

  /** Inclusion proof of the next receipt, then its first log. */
  @Benchmark
  public Log verifyAndExtractLog() {
    final BenchData.Case c = nextCase();
    return firstLog(MptVerifier.verifyInclusion(root, c.keySource(), c.proof()).orElseThrow());
  }

  /**
   * The library's receipt-proof API: {@code ReceiptProofVerifier.verifyLog} (key derived from the index,
   * strict receipt decoding including the bloom recomputed from the logs, then log 0).
   */
  @Benchmark
  public VerifiedLog verifyLogApi() {
    final int i = apiNext;
    apiNext = apiNext + 1 == apiProofs.size() ? 0 : apiNext + 1;
    return ReceiptProofVerifier.verifyLog(apiRoot, i, 0, apiProofs.get(i)).orElseThrow();
  }

  /**
   * The message path after the header is verified: {@code ReceiptProofVerifier.verifyLog} (inclusion proof,
   * strict receipt decoding with the bloom recomputed, log 0), then the canonical message id.
   */
  @Benchmark
  public Hash32 messagePath() {
    final int i = apiNext;
    apiNext = apiNext + 1 == apiProofs.size() ? 0 : apiNext + 1;
    final VerifiedLog log = ReceiptProofVerifier.verifyLog(apiRoot, i, 0, apiProofs.get(i)).orElseThrow();
    return io.trestle.lightclient.VerifiedMessage.messageId(1, MESSAGE_BLOCK, i, log.logIndex());
  }

  private static final Hash32 MESSAGE_BLOCK = Hash32.fromHex(
      "0x1111111111111111111111111111111111111111111111111111111111111111");

  /** Inclusion proof of the next receipt only. */
  @Benchmark
  public ProofResult<Bytes> verifyOnly() {
    final BenchData.Case c = nextCase();
    return MptVerifier.verifyInclusion(root, c.keySource(), c.proof());
  }

  /** Keccak of every node of the next proof, nothing else. */
  @Benchmark
  public void keccakOnly(final Blackhole bh) {
    for (final byte[] n : nextCase().nodes()) {
      bh.consume(Keccak256.digest(n, 0, n.length));
    }
  }
}
