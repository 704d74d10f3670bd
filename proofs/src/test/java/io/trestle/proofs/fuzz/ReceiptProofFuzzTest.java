package io.trestle.proofs.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.proofs.Reason;
import io.trestle.proofs.execution.Receipt;
import io.trestle.proofs.execution.ReceiptProofVerifier;
import io.trestle.proofs.execution.VerifiedLog;
import io.trestle.proofs.json.RpcJson;
import io.trestle.proofs.mpt.TrieBuilder;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Fuzz targets: receipt proofs with log extraction, and the strict receipt decoder. Honest context:
 * the 202 real receipts of mainnet block 21925176 (helios), whose trie rebuilds the block's
 * receiptsRoot.
 *
 * <p>Oracles: only documented reason codes; a verified log is exactly log {@code logIndex} of the real
 * receipt {@code txIndex} (so any accepted mutation is provably benign); a receipt the decoder accepts
 * re-encodes to the same bytes.
 */
class ReceiptProofFuzzTest {
  private static final Set<Reason> ALLOWED = Oracle.union(Oracle.MPT, EnumSet.of(Reason.RECEIPT_MALFORMED,
      Reason.UNSUPPORTED_RECEIPT_TYPE, Reason.LOG_INDEX_OUT_OF_RANGE, Reason.INPUT_MALFORMED));

  private static final List<Receipt> RECEIPTS = new ArrayList<>();
  private static final TrieBuilder TRIE = new TrieBuilder();
  private static final Hash32 ROOT;

  static {
    final JsonNode receipts = FuzzData.json(FuzzData.HELIOS_RPC.resolve("receipts.json"));
    for (int i = 0; i < receipts.size(); i++) {
      final Receipt r = Receipt.fromJson(receipts.get(i));
      RECEIPTS.add(r);
      TRIE.put(FuzzData.rlpIndex(i), r.encode());
    }
    ROOT = RpcJson.hash(FuzzData.json(FuzzData.HELIOS_RPC.resolve("block.json")), "receiptsRoot");
    assertEquals(ROOT, TRIE.root());
  }

  @FuzzTest(maxDuration = "30m")
  void receiptLog(final FuzzedDataProvider d) {
    final long tx = d.consumeBoolean() ? d.consumeInt(0, RECEIPTS.size() - 1) : d.consumeLong();
    final int logIndex = d.consumeInt(-1, 8);
    final long proofOf = d.consumeBoolean() ? tx : d.consumeInt(0, RECEIPTS.size() + 5);
    final List<Bytes> honest = TRIE.proof(FuzzData.rlpIndex(Math.max(0, proofOf)));
    final List<Bytes> proof = d.consumeBoolean() ? Mutator.mutate(honest, d) : honest;
    final VerifiedLog v = Oracle.value(ALLOWED, ReceiptProofVerifier.verifyLog(ROOT, tx, logIndex, proof));
    if (v == null) {
      return;
    }
    assertTrue(tx >= 0 && tx < RECEIPTS.size(), "verified a receipt at an index the block does not have: " + tx);
    final Receipt real = RECEIPTS.get((int) tx);
    assertEquals(real.logs().get(logIndex), v.log(), "verified log differs from the real one");
    assertEquals(real.status(), v.status());
    assertEquals(tx, v.txIndex());
  }

  @FuzzTest(maxDuration = "30m")
  void receiptDecode(final byte[] input) {
    final Receipt r = Oracle.value(ALLOWED, Receipt.tryDecode(input));
    if (r != null) {
      assertArrayEquals(input, r.encode(), "accepted a receipt encoding that does not re-encode identically");
    }
  }
}
