package io.trestle.benchmarks;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Keccak256;
import io.trestle.crypto.Sha256;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.mpt.MptVerifier;
import io.trestle.proofs.mpt.TrieBuilder;
import io.trestle.proofs.mpt.TrieLookup;
import io.trestle.proofs.rlp.RlpWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Storage-proof verification in a contract's storage trie (secure trie: key keccak(slot)), one operation
 * = one proof, cycling through 500 proofs: {@code MptVerifier.verify(storageRoot, keccak(slot), proof)}
 * including the key hash. Data: a deterministic synthetic storage trie of 50,000 slots (a large token
 * contract: balances mapping slots {@code sha256("trestle-bench/slot/" + i)}, values {@code rlp(uint)} of
 * 1-16 bytes), built with {@link TrieBuilder}. {@code keccakOnly} hashes the slot and every node of the
 * same proof, nothing else.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class StorageProofBenchmark {
  private static final int SLOTS = 50_000;
  private static final int PROOFS = 500;

  private Hash32 root;
  private byte[][] slots;
  private byte[][] values;
  private List<Bytes>[] proofs;
  private byte[][][] nodes;
  private int next;

  @Setup(Level.Trial)
  @SuppressWarnings("unchecked")
  public void setup() {
    final TrieBuilder trie = new TrieBuilder();
    final byte[][] all = new byte[SLOTS][];
    final byte[][] vals = new byte[SLOTS][];
    for (int i = 0; i < SLOTS; i++) {
      all[i] = Sha256.hash(("trestle-bench/slot/" + i).getBytes(StandardCharsets.UTF_8)).toArray();
      vals[i] = RlpWriter.uint(BigInteger.valueOf(i + 1).shiftLeft(8 * (i % 15)));
      trie.put(Keccak256.hash(all[i]).toArray(), vals[i]);
    }
    root = trie.root();
    slots = new byte[PROOFS][];
    values = new byte[PROOFS][];
    proofs = new List[PROOFS];
    nodes = new byte[PROOFS][][];
    long bytes = 0;
    for (int p = 0; p < PROOFS; p++) {
      final int i = p * (SLOTS / PROOFS);
      slots[p] = all[i];
      values[p] = vals[i];
      proofs[p] = trie.proof(Keccak256.hash(all[i]).toArray());
      nodes[p] = proofs[p].stream().map(Bytes::toArray).toArray(byte[][]::new);
      for (final byte[] n : nodes[p]) {
        bytes += n.length;
      }
      final ProofResult<TrieLookup> r = verify(p);
      if (!(r instanceof ProofResult.Verified<TrieLookup> v && v.value() instanceof TrieLookup.Present pr
          && Arrays.equals(pr.value().toArray(), values[p]))) {
        throw new IllegalStateException("storage proof " + p + " does not verify: " + r);
      }
    }
    System.out.println("[StorageProofBenchmark] " + PROOFS + " proofs in a trie of " + SLOTS + " slots, "
        + bytes / PROOFS + " bytes per proof on average");
  }

  /** For {@link ExportPeerData}: root, then per proof the slot, the value and the nodes. */
  Hash32 root() {
    return root;
  }

  int size() {
    return PROOFS;
  }

  byte[] slot(final int p) {
    return slots[p].clone();
  }

  byte[] value(final int p) {
    return values[p].clone();
  }

  List<Bytes> proof(final int p) {
    return proofs[p];
  }

  private ProofResult<TrieLookup> verify(final int p) {
    final byte[] slot = slots[p];
    return MptVerifier.verify(root, Keccak256.digest(slot, 0, slot.length), proofs[p]);
  }

  @Benchmark
  public ProofResult<TrieLookup> verify() {
    final int p = next;
    next = p + 1 == PROOFS ? 0 : p + 1;
    return verify(p);
  }

  @Benchmark
  public void keccakOnly(final Blackhole bh) {
    final int p = next;
    next = p + 1 == PROOFS ? 0 : p + 1;
    bh.consume(Keccak256.digest(slots[p], 0, slots[p].length));
    for (final byte[] n : nodes[p]) {
      bh.consume(Keccak256.digest(n, 0, n.length));
    }
  }
}
