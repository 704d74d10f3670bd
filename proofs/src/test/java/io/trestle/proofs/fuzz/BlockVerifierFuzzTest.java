package io.trestle.proofs.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Hash32;
import io.trestle.proofs.Reason;
import io.trestle.proofs.execution.BlockVerifier;
import io.trestle.proofs.execution.ExecutionHeader;
import io.trestle.proofs.execution.VerifiedBlock;
import io.trestle.proofs.json.RpcJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Fuzz target: the block verifier ({@code eth_getBlockBy*} JSON with full or hashed transactions,
 * optionally followed by a receipts array). Seeds: real blocks of the helios, lodestar and hive data.
 *
 * <p>Oracle: only documented block reason codes; a verified block has the hash of a real block in the
 * repository's data and exactly that block's header (a mutated block is accepted only if the change
 * is outside what the hash binds, e.g. formatting, and then the result is identical).
 */
class BlockVerifierFuzzTest {
  private static final Set<Reason> ALLOWED = Oracle.union(Oracle.MPT, EnumSet.of(Reason.INPUT_MALFORMED,
      Reason.HEADER_MALFORMED, Reason.BLOCK_HASH_MISMATCH, Reason.TRANSACTIONS_ROOT_MISMATCH,
      Reason.WITHDRAWALS_ROOT_MISMATCH, Reason.RECEIPTS_ROOT_MISMATCH, Reason.TRANSACTION_MALFORMED,
      Reason.UNSUPPORTED_TX_TYPE, Reason.RECEIPT_MALFORMED, Reason.UNSUPPORTED_RECEIPT_TYPE));

  /** Real block hash -> its header, from every block object in the repository's data. */
  static final Map<Hash32, ExecutionHeader> KNOWN = new HashMap<>();

  static {
    known(FuzzData.json(FuzzData.HELIOS_RPC.resolve("block.json")));
    for (final String dir : new String[] {"eth_getBlockByNumber", "eth_getBlockByHash"}) {
      try (Stream<Path> s = Files.list(FuzzData.EXEC_APIS.resolve(dir))) {
        s.forEach(p -> FuzzData.ioResponses(dir + "/" + p.getFileName()).forEach(r -> {
          final JsonNode b = r.get("result");
          if (b != null && b.isObject()) {
            known(b);
          }
        }));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    for (final String f : new String[] {"mainnet/eth_call.json", "sepolia/eth_getBalance_eoa.json",
        "sepolia/eth_getBalance_contract.json"}) {
      final JsonNode j = FuzzData.json(FuzzData.VECTORS.resolve("lodestar/packages/prover/test/fixtures/" + f));
      known(j.get("execution").get("block"));
    }
  }

  private static void known(final JsonNode block) {
    KNOWN.put(RpcJson.hash(block, "hash"), ExecutionHeader.fromJson(block));
  }

  @FuzzTest(maxDuration = "30m")
  void block(final byte[] input) {
    final JsonNode doc = Oracle.typed(ALLOWED, () -> RpcJson.parse(new String(input, StandardCharsets.UTF_8)));
    if (doc == null) {
      return;
    }
    // A document is a block object, or [block, receipts].
    final JsonNode block = doc.isArray() && doc.size() == 2 ? doc.get(0) : doc;
    final Optional<JsonNode> receipts = doc.isArray() && doc.size() == 2 ? Optional.of(doc.get(1)) : Optional.empty();
    final VerifiedBlock vb = Oracle.value(ALLOWED, BlockVerifier.verify(RpcJson.unwrapResult(block), receipts));
    if (vb == null) {
      return;
    }
    assertEquals(KNOWN.get(vb.blockHash()), vb.header(), "verified a block no real data has: " + vb.blockHash());
  }
}
