package io.trestle.proofs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Keccak256;
import io.trestle.proofs.mpt.MptVerifier;
import io.trestle.proofs.mpt.TrieBuilder;
import io.trestle.proofs.mpt.TrieLookup;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class BatchVerifierTest {
  private record Query(byte[] key, List<Bytes> proof, byte[] expected) {}

  /** A trie of 2000 keys; queries for every 7th key, every 50th one with a corrupted proof node. */
  private static List<Query> queries(final TrieBuilder trie) {
    final List<byte[]> keys = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      final byte[] k = Keccak256.hash(("batch-key-" + i).getBytes(StandardCharsets.UTF_8)).toArray();
      keys.add(k);
      trie.put(k, ("value-" + i).getBytes(StandardCharsets.UTF_8));
    }
    final List<Query> out = new ArrayList<>();
    for (int i = 0; i < 2000; i += 7) {
      List<Bytes> proof = trie.proof(keys.get(i));
      if (i % 50 == 0) {
        final byte[] last = proof.get(proof.size() - 1).toArray();
        last[last.length - 1] ^= 1;
        proof = new ArrayList<>(proof);
        proof.set(proof.size() - 1, Bytes.of(last));
      }
      out.add(new Query(keys.get(i), proof, ("value-" + i).getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  @Test
  void resultsEqualTheSequentialVerifierInInputOrderOnEveryThreadCount() {
    final TrieBuilder trie = new TrieBuilder();
    final List<Query> qs = queries(trie);
    final Hash32 root = trie.root();
    final List<ProofResult<TrieLookup>> expected = new ArrayList<>();
    for (final Query q : qs) {
      expected.add(MptVerifier.verify(root, q.key(), q.proof()));
    }
    int rejected = 0;
    for (int i = 0; i < qs.size(); i++) {
      final ProofResult<TrieLookup> e = expected.get(i);
      if (e instanceof ProofResult.Rejected<TrieLookup> r) {
        rejected++;
        assertEquals(Reason.MPT_HASH_MISMATCH, r.reason());
      } else {
        final TrieLookup.Present p = assertInstanceOf(TrieLookup.Present.class, e.orElseThrow());
        assertEquals(Bytes.of(qs.get(i).expected()), p.value());
      }
    }
    assertEquals(6, rejected); // i = 0, 350, 700, 1050, 1400, 1750
    for (final int threads : new int[] {1, 2, 3, 8}) {
      try (BatchVerifier batch = BatchVerifier.create(threads)) {
        final Set<String> threadNames = ConcurrentHashMap.newKeySet();
        final List<ProofResult<TrieLookup>> got = batch.verifyAll(qs, q -> {
          threadNames.add(Thread.currentThread().getName());
          return MptVerifier.verify(root, q.key(), q.proof());
        });
        assertEquals(expected, got, "threads=" + threads);
        assertTrue(threadNames.size() <= threads, "at most " + threads + " threads: " + threadNames);
      }
    }
  }

  @Test
  void aThrowingVerifierFailsClosedForThatItemOnly() {
    try (BatchVerifier batch = BatchVerifier.create(2)) {
      final List<ProofResult<Integer>> got = batch.verifyAll(List.of(1, 2, 3, 4), i -> {
        if (i == 3) {
          throw new IllegalStateException("bug");
        }
        return i == 4 ? null : new ProofResult.Verified<>(i * 10);
      });
      assertEquals(new ProofResult.Verified<>(10), got.get(0));
      assertEquals(new ProofResult.Verified<>(20), got.get(1));
      assertEquals(Reason.INTERNAL_ERROR, assertInstanceOf(ProofResult.Rejected.class, got.get(2)).reason());
      assertEquals(Reason.INTERNAL_ERROR, assertInstanceOf(ProofResult.Rejected.class, got.get(3)).reason());
    }
  }

  @Test
  void anErrorInAnyItemFailsTheBatchWithoutHangingIt() {
    // An Error (not a rejection the verifier could return) on a worker's chunk or on the caller's: the call
    // returns, with an IllegalStateException carrying the Error, whichever thread met it.
    try (BatchVerifier batch = BatchVerifier.create(2)) {
      for (final int bad : new int[] {0, 500, 999}) {
        final List<Integer> items = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
          items.add(i);
        }
        final IllegalStateException e = assertThrows(IllegalStateException.class, () -> batch.verifyAll(items, i -> {
          if (i == bad) {
            throw new AssertionError("error at " + bad);
          }
          return new ProofResult.Verified<>(i);
        }));
        assertEquals("error at " + bad, assertInstanceOf(AssertionError.class, e.getCause()).getMessage());
      }
      // The verifier is still usable afterwards.
      assertEquals(List.of(new ProofResult.Verified<>(1), new ProofResult.Verified<>(2)),
          batch.verifyAll(List.of(1, 2), ProofResult.Verified::new));
    }
  }

  @Test
  void refusesBadArgumentsAndUseAfterClose() {
    assertThrows(IllegalArgumentException.class, () -> BatchVerifier.create(0));
    final BatchVerifier batch = BatchVerifier.create(2);
    assertEquals(2, batch.threads());
    assertThrows(NullPointerException.class, () -> batch.verifyAll(java.util.Arrays.asList(1, null), i -> null));
    assertEquals(List.of(), batch.verifyAll(List.<Integer>of(), i -> new ProofResult.Verified<>(i)));
    batch.close();
    assertThrows(IllegalStateException.class, () -> batch.verifyAll(List.of(1), i -> new ProofResult.Verified<>(i)));
  }
}
