package io.trestle.proofs.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.trestle.proofs.rlp.Rlp;
import io.trestle.proofs.rlp.RlpItem;
import io.trestle.proofs.rlp.RlpWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz target: the strict RLP reader. Seeds (in {@code RlpFuzzTestInputs/}) are real mainnet and hive
 * encodings from testvectors/vectors: headers, receipts, proof nodes, accounts, transactions.
 *
 * <p>Oracle: the reader either fails with an RLP reason code or returns an item tree whose canonical
 * re-encoding is byte-identical to the input (so anything it accepts is canonical and complete).
 */
class RlpFuzzTest {

  @FuzzTest(maxDuration = "30m")
  void rlpReader(final byte[] input) {
    final RlpItem item = Oracle.typed(Oracle.RLP, () -> Rlp.decode(input));
    if (item == null) {
      return;
    }
    assertEquals(input.length, item.encodedLength(), "accepted item does not span the input");
    assertArrayEquals(input, reencode(item), "accepted a non-canonical encoding");
  }

  static byte[] reencode(final RlpItem item) {
    if (item.isString()) {
      return RlpWriter.string(item.bytes());
    }
    final List<byte[]> children = new ArrayList<>();
    for (final RlpItem c : item.items()) {
      children.add(reencode(c));
    }
    return RlpWriter.list(children);
  }
}
