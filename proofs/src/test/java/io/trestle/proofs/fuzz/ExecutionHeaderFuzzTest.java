package io.trestle.proofs.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Keccak256;
import io.trestle.proofs.Reason;
import io.trestle.proofs.execution.ExecutionHeader;
import io.trestle.proofs.json.RpcJson;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

/**
 * Fuzz targets: execution header decoding and hashing, from RLP and from JSON-RPC block objects.
 * Seeds: real headers from every fork in the repository's data (hive London, Merge, Shanghai, Cancun,
 * Prague blocks; helios and lodestar mainnet and sepolia blocks; pre-London shapes from the hive
 * genesis).
 *
 * <p>Oracles: only HEADER_MALFORMED and RLP codes (INPUT_MALFORMED for JSON); an accepted RLP header
 * re-encodes byte-identically with 15 to 21 fields and hashes to keccak of the input; a JSON header
 * is accepted only with the hash of a real block ({@link BlockVerifierFuzzTest#KNOWN}) and then equals
 * that block's header, and survives an encode/decode round trip.
 */
class ExecutionHeaderFuzzTest {
  private static final Set<Reason> ALLOWED =
      Oracle.union(Oracle.RLP, EnumSet.of(Reason.HEADER_MALFORMED, Reason.INPUT_MALFORMED, Reason.BLOCK_HASH_MISMATCH));

  @FuzzTest(maxDuration = "30m")
  void headerRlp(final byte[] input) {
    final ExecutionHeader h = Oracle.value(ALLOWED, ExecutionHeader.tryDecode(input));
    if (h == null) {
      return;
    }
    assertTrue(h.fieldCount() >= 15 && h.fieldCount() <= 21, "field count " + h.fieldCount());
    assertArrayEquals(input, h.encode(), "accepted a header that does not re-encode identically");
    assertEquals(Keccak256.hash(input), h.hash());
  }

  @FuzzTest(maxDuration = "30m")
  void headerJson(final byte[] input) {
    final JsonNode block = Oracle.typed(ALLOWED, () -> RpcJson.unwrapResult(
        RpcJson.parse(new String(input, StandardCharsets.UTF_8))));
    if (block == null) {
      return;
    }
    final ExecutionHeader h = Oracle.value(ALLOWED, ExecutionHeader.tryFromJson(block));
    if (h == null) {
      return;
    }
    final ExecutionHeader real = BlockVerifierFuzzTest.KNOWN.get(h.hash());
    assertEquals(real, h, "a header no real block has was accepted from JSON");
    final ExecutionHeader again = ExecutionHeader.decode(h.encode());
    assertEquals(h, again);
    assertEquals(h.hash(), again.hash());
  }
}
