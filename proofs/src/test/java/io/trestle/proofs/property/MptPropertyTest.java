package io.trestle.proofs.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Keccak256;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import io.trestle.proofs.mpt.MptVerifier;
import io.trestle.proofs.mpt.TrieBuilder;
import io.trestle.proofs.mpt.TrieLookup;
import io.trestle.proofs.rlp.RlpWriter;
import io.trestle.testbase.Seeds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property tests over random tries (1 to 10,000 entries; keys {@code rlp(i)} as in receipt and
 * transaction tries, or 32-byte hashed keys as in the state and storage tries; values 1-100 bytes so
 * embedded nodes occur). Ground truth is the generator's own map. For every trie: every sampled
 * present key's proof verifies to its value; proofs of random absent keys verify as absent; and every
 * single-byte change (each byte position of each node, a random non-zero XOR) of a present-key and an
 * absent-key proof is rejected with a typed reason.
 *
 * <p>CI runs a few dozen tries; {@code -Dtrestle.iterations=N} runs more (and checks every key of
 * every trie). See {@link Seeds} for seeds and re-runs.
 */
class MptPropertyTest {
  private static final int CI_CASES = 16;

  @Test
  void randomTriesProveEveryKeyAndRejectEveryByteMutation() {
    Seeds.run("MPT random trie", CI_CASES, seed -> checkTrie(seed, sizeOf(seed)));
  }

  @Test
  void boundarySizes() {
    final int[] sizes = {1, 2, 16, 17, 10_000};
    for (final int size : sizes) {
      Seeds.runFixed("MPT trie of " + size + " entries", 1, seed -> checkTrie(seed, size));
    }
  }

  /** Log-uniform size in 1..10,000, from the seed. */
  static int sizeOf(final long seed) {
    final Random r = new Random(seed);
    return (int) Math.max(1, Math.min(10_000, Math.round(Math.exp(r.nextDouble() * Math.log(10_000)))));
  }

  private static void checkTrie(final long seed, final int size) {
    final Random r = new Random(seed);
    final boolean hashedKeys = r.nextBoolean();
    final Map<Bytes, byte[]> truth = new HashMap<>();
    final List<byte[]> keys = new ArrayList<>();
    final TrieBuilder trie = new TrieBuilder();
    for (int i = 0; i < size; i++) {
      final byte[] k = hashedKeys ? randomHashKey(r) : RlpWriter.uint(i);
      final byte[] v = new byte[1 + r.nextInt(100)];
      r.nextBytes(v);
      trie.put(k, v);
      keys.add(k);
      truth.put(Bytes.of(k), v);
    }
    final Hash32 root = trie.root();
    final boolean all = Seeds.longRun(CI_CASES) || size <= 64;
    final List<byte[]> sample = all ? keys : List.of(keys.get(0), keys.get(size - 1),
        keys.get(r.nextInt(size)), keys.get(r.nextInt(size)), keys.get(r.nextInt(size)));
    for (final byte[] k : sample) {
      final ProofResult<TrieLookup> res = MptVerifier.verify(root, k, trie.proof(k));
      assertEquals(new ProofResult.Verified<TrieLookup>(new TrieLookup.Present(Bytes.of(truth.get(Bytes.of(k))))),
          res, () -> "key " + Bytes.of(k) + " of a " + size + "-entry trie");
    }
    final List<byte[]> absent = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      final byte[] k = hashedKeys ? randomHashKey(r) : RlpWriter.uint(size + r.nextInt(1_000_000));
      if (!truth.containsKey(Bytes.of(k))) {
        absent.add(k);
        final ProofResult<TrieLookup> res = MptVerifier.verify(root, k, trie.proof(k));
        assertInstanceOf(ProofResult.Verified.class, res, () -> "absent key " + Bytes.of(k) + ": " + res);
        assertInstanceOf(TrieLookup.Absent.class, ((ProofResult.Verified<TrieLookup>) res).value());
      }
    }
    everyByteMutationRejected(root, sample.get(r.nextInt(sample.size())), trie, r);
    if (!absent.isEmpty() && size > 1) {
      everyByteMutationRejected(root, absent.get(0), trie, r);
    }
  }

  private static byte[] randomHashKey(final Random r) {
    final byte[] pre = new byte[8];
    r.nextBytes(pre);
    return Keccak256.hash(pre).toArray();
  }

  private static void everyByteMutationRejected(final Hash32 root, final byte[] key, final TrieBuilder trie,
      final Random r) {
    final List<Bytes> honest = trie.proof(key);
    for (int n = 0; n < honest.size(); n++) {
      final byte[] node = honest.get(n).toArray();
      for (int at = 0; at < node.length; at++) {
        final byte[] m = node.clone();
        m[at] ^= (byte) (1 + r.nextInt(255));
        final List<Bytes> proof = new ArrayList<>(honest);
        proof.set(n, Bytes.of(m));
        final ProofResult<TrieLookup> res = MptVerifier.verify(root, key, proof);
        if (res instanceof ProofResult.Rejected<TrieLookup> rej) {
          assertNotEquals(Reason.INTERNAL_ERROR, rej.reason(), rej.detail());
        } else {
          fail("node " + n + " byte " + at + " changed and the proof still verified: " + res);
        }
      }
    }
  }
}
