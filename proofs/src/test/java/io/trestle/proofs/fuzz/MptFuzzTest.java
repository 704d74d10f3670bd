package io.trestle.proofs.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Keccak256;
import io.trestle.proofs.execution.Receipt;
import io.trestle.proofs.json.RpcJson;
import io.trestle.proofs.mpt.MptVerifier;
import io.trestle.proofs.mpt.TrieBuilder;
import io.trestle.proofs.mpt.TrieLookup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fuzz target: Merkle-Patricia proof verification, structured. Two honest tries: the 202 real
 * receipts of mainnet block 21925176 (helios; keys {@code rlp(i)}, root checked against the block's
 * receiptsRoot) and a 2,000-entry secure trie (keys {@code keccak(i)}, seeded values). The fuzzer picks
 * a trie, a present or absent (or arbitrary) key, takes the honest proof and applies at most one
 * {@link Mutator} mutation.
 *
 * <p>Oracle: only MPT/RLP reason codes; a verified answer always equals the ground truth of the honest
 * trie for that key (so a mutation is accepted only when it is provably benign, i.e. the answer is the
 * honest one).
 */
class MptFuzzTest {
  private record Trie(Hash32 root, TrieBuilder builder, List<byte[]> keys, Map<Bytes, Bytes> truth, boolean hashed) {}

  private static final Trie RECEIPTS = receipts();
  private static final Trie SECURE = secure();

  private static Trie receipts() {
    final JsonNode block = FuzzData.json(FuzzData.HELIOS_RPC.resolve("block.json"));
    final JsonNode receipts = FuzzData.json(FuzzData.HELIOS_RPC.resolve("receipts.json"));
    final TrieBuilder b = new TrieBuilder();
    final List<byte[]> keys = new ArrayList<>();
    final Map<Bytes, Bytes> truth = new HashMap<>();
    for (int i = 0; i < receipts.size(); i++) {
      final byte[] k = FuzzData.rlpIndex(i);
      final byte[] v = Receipt.fromJson(receipts.get(i)).encode();
      b.put(k, v);
      keys.add(k);
      truth.put(Bytes.of(k), Bytes.of(v));
    }
    final Hash32 root = RpcJson.hash(block, "receiptsRoot");
    assertEquals(root, b.root(), "helios receipts rebuild the block's receiptsRoot");
    return new Trie(root, b, keys, truth, false);
  }

  private static Trie secure() {
    final Random rnd = new Random(9);
    final TrieBuilder b = new TrieBuilder();
    final List<byte[]> keys = new ArrayList<>();
    final Map<Bytes, Bytes> truth = new HashMap<>();
    for (int i = 0; i < 2000; i++) {
      final byte[] k = Keccak256.hash(FuzzData.rlpIndex(i)).toArray();
      final byte[] v = new byte[1 + rnd.nextInt(80)];
      rnd.nextBytes(v);
      v[0] |= 1; // never the empty value
      b.put(k, v);
      keys.add(k);
      truth.put(Bytes.of(k), Bytes.of(v));
    }
    return new Trie(b.root(), b, keys, truth, true);
  }

  @FuzzTest(maxDuration = "30m")
  void mutatedProof(final FuzzedDataProvider d) {
    final Trie t = d.consumeBoolean() ? RECEIPTS : SECURE;
    final int kind = d.consumeInt(0, 2);
    final byte[] key = switch (kind) {
      case 0 -> t.keys().get(d.consumeInt(0, t.keys().size() - 1));
      case 1 -> t.hashed() ? Keccak256.hash(FuzzData.rlpIndex(100_000 + d.consumeInt(0, 1_000_000))).toArray()
          : FuzzData.rlpIndex(t.keys().size() + d.consumeInt(0, 1_000_000));
      default -> d.consumeBytes(40);
    };
    final List<Bytes> honest = t.builder().proof(key);
    final List<Bytes> proof = d.consumeBoolean() ? Mutator.mutate(honest, d) : honest;
    final TrieLookup got = Oracle.value(Oracle.MPT, MptVerifier.verify(t.root(), key, proof));
    if (got == null) {
      assertTrue(!proof.equals(honest) || kind == 2, "the honest proof was rejected");
      return;
    }
    final Bytes expected = t.truth().get(Bytes.of(key));
    if (expected == null) {
      assertTrue(got instanceof TrieLookup.Absent, () -> "a value was verified for an absent key: " + got);
    } else {
      assertEquals(new TrieLookup.Present(expected), got, "verified value differs from the trie's");
    }
  }
}
