package io.trestle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.testbase.Vectors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The execution-layer verify commands against upstream data (paths relative to the cli module). */
class ExecutionCommandsTest {
  private static final String RPC = Vectors.path("helios/tests/testdata/rpc") + "/";
  private static final String BLOCK = RPC + "block.json";
  private static final String RECEIPTS = RPC + "receipts.json";
  private static final String VAPI_RECEIPT = Vectors.path("helios/tests/testdata/verifiable_api/receipt.json").toString();
  private static final String BEACON = Vectors.path("helios/ethereum/testdata/blocks/7109344.json").toString();
  private static final String HASH = "0x92dabfa3f61ff1c349d12f5fd0dd4c99760a0a41b77dee8f0a80f83efdcb307a";
  private static final String RECEIPTS_ROOT = "0xf883e1a2fb8df9d1d988dec80f13c8aca724590ac357e45e30e0d48b1fbd64ee";
  private static final ObjectMapper M = new ObjectMapper();

  @TempDir Path tmp;

  private record Run(int code, String out, String err) {
    JsonNode json() {
      try {
        return M.readTree(out);
      } catch (IOException e) {
        throw new AssertionError("not one JSON object: " + out, e);
      }
    }
  }

  private static Run run(final String... args) {
    final ByteArrayOutputStream o = new ByteArrayOutputStream();
    final ByteArrayOutputStream e = new ByteArrayOutputStream();
    final int code = Main.run(List.of(args), new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8));
    return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  private Path write(final String name, final JsonNode n) throws IOException {
    final Path p = tmp.resolve(name);
    Files.writeString(p, M.writeValueAsString(n));
    return p;
  }

  private static JsonNode read(final String path) throws IOException {
    return M.readTree(Files.readString(Path.of(path)));
  }

  // --- verify block

  @Test
  void blockWithReceiptsVerifies() {
    final Run r = run("verify", "block", "--block", BLOCK, "--receipts", RECEIPTS);
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().startsWith("verified block 21925176 " + HASH), r.out());
    assertTrue(r.out().contains("transactions root: SKIPPED"), r.out());
    final JsonNode j = run("verify", "block", "--block", BLOCK, "--receipts", RECEIPTS, "--json").json();
    assertTrue(j.get("verified").asBoolean());
    assertEquals(HASH, j.get("blockHash").asText());
    assertEquals(21925176L, j.get("blockNumber").asLong());
    assertEquals("VERIFIED", j.get("checks").get("receiptsRoot").asText());
    assertEquals("SKIPPED", j.get("checks").get("transactionsRoot").asText());
    assertEquals(202, j.get("receiptCount").asInt());
  }

  @Test
  void fullJsonRpcResponseWithFullTransactionsVerifies() throws IOException {
    // execution-apis get-block-by-hash: a JSON-RPC response (not a bare result) with full transactions.
    final Path io = Vectors.path("execution-apis/tests/eth_getBlockByHash/get-block-by-hash.io");
    String response = null;
    for (final String line : Files.readAllLines(io)) {
      if (line.startsWith("<< ")) {
        response = line.substring(3);
      }
    }
    final Path p = write("response.json", M.readTree(response));
    final JsonNode j = run("verify", "block", "--block", p.toString(), "--json").json();
    assertTrue(j.get("verified").asBoolean(), j.toString());
    assertEquals("VERIFIED", j.get("checks").get("transactionsRoot").asText());
  }

  @Test
  void mutatedBlockIsRejected() throws IOException {
    final ObjectNode b = (ObjectNode) read(BLOCK);
    b.put("gasUsed", "0x1");
    final Run r = run("verify", "block", "--block", write("b.json", b).toString(), "--json");
    assertEquals(1, r.code());
    assertFalse(r.json().get("verified").asBoolean());
    assertEquals("proof.BLOCK_HASH_MISMATCH", r.json().get("reason").asText());
  }

  @Test
  void mutatedReceiptIsRejected() throws IOException {
    final ArrayNode rs = (ArrayNode) read(RECEIPTS);
    ((ObjectNode) rs.get(7)).put("cumulativeGasUsed", "0x1");
    final Run r = run("verify", "block", "--block", BLOCK, "--receipts", write("r.json", rs).toString(), "--json");
    assertEquals(1, r.code());
    assertEquals("proof.RECEIPTS_ROOT_MISMATCH", r.json().get("reason").asText());
  }

  @Test
  void blockWithBadFieldIsInputMalformed() throws IOException {
    final ObjectNode b = (ObjectNode) read(BLOCK);
    b.put("number", "0x00ff");
    final Run r = run("verify", "block", "--block", write("b.json", b).toString(), "--json");
    assertEquals(1, r.code());
    assertEquals("proof.INPUT_MALFORMED", r.json().get("reason").asText());
  }

  @Test
  void missingOrNonJsonBlockFileIsUsage() throws IOException {
    assertEquals(2, run("verify", "block", "--block", tmp.resolve("nope.json").toString()).code());
    final Path p = tmp.resolve("garbage.json");
    Files.writeString(p, "{not json");
    assertEquals(2, run("verify", "block", "--block", p.toString(), "--json").code());
    assertEquals(2, run("verify", "block").code());
  }

  // --- verify receipt

  @Test
  void receiptProofVerifiesWithCrossCheck() {
    final Run r = run("verify", "receipt", "--receipts-root", RECEIPTS_ROOT, "--proof", VAPI_RECEIPT,
        "--tx-index", "39", "--json");
    assertEquals(0, r.code(), r.out() + r.err());
    final JsonNode j = r.json();
    assertTrue(j.get("verified").asBoolean());
    assertEquals(39, j.get("txIndex").asLong());
    assertEquals(1, j.get("receipt").get("status").asInt());
    assertEquals("0x00000000219ab540356cbb839cbe05303d7705fa",
        j.get("receipt").get("logs").get(0).get("address").asText());
  }

  @Test
  void logOfReceiptProofVerifies() {
    final Run r = run("verify", "receipt", "--receipts-root", RECEIPTS_ROOT, "--proof", VAPI_RECEIPT,
        "--tx-index", "0x27", "--log-index", "0");
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("emitter: 0x00000000219ab540356cbb839cbe05303d7705fa"), r.out());
    assertTrue(r.out().contains("0x649bbc62d0e31342afea4e5cd82d4049e7e1ee912fc0889aa790803be39038c5"), r.out());
    final Run bad = run("verify", "receipt", "--receipts-root", RECEIPTS_ROOT, "--proof", VAPI_RECEIPT,
        "--tx-index", "39", "--log-index", "1", "--json");
    assertEquals(1, bad.code());
    assertEquals("proof.LOG_INDEX_OUT_OF_RANGE", bad.json().get("reason").asText());
  }

  @Test
  void bareProofArrayVerifies() throws IOException {
    final JsonNode proof = read(VAPI_RECEIPT).get("receiptProof");
    final Run r = run("verify", "receipt", "--receipts-root", RECEIPTS_ROOT, "--proof",
        write("p.json", proof).toString(), "--tx-index", "39", "--json");
    assertEquals(0, r.code(), r.out());
  }

  @Test
  void claimedReceiptDifferingFromProofIsRejected() throws IOException {
    final ObjectNode f = (ObjectNode) read(VAPI_RECEIPT);
    ((ObjectNode) f.get("receipt")).put("cumulativeGasUsed", "0x1");
    final Run r = run("verify", "receipt", "--receipts-root", RECEIPTS_ROOT, "--proof",
        write("f.json", f).toString(), "--tx-index", "39", "--json");
    assertEquals(1, r.code());
    assertEquals("proof.RECEIPT_MALFORMED", r.json().get("reason").asText());
  }

  @Test
  void tamperedProofNodeIsRejected() throws IOException {
    final ObjectNode f = (ObjectNode) read(VAPI_RECEIPT);
    final ArrayNode proof = (ArrayNode) f.get("receiptProof");
    final String last = proof.get(proof.size() - 1).asText();
    // Flip one hex digit near the end of the leaf (inside the receipt's log data).
    final char c = last.charAt(last.length() - 10);
    proof.set(proof.size() - 1, M.getNodeFactory().textNode(
        last.substring(0, last.length() - 10) + (c == '0' ? '1' : '0') + last.substring(last.length() - 9)));
    final Run r = run("verify", "receipt", "--receipts-root", RECEIPTS_ROOT, "--proof",
        write("f.json", f).toString(), "--tx-index", "39", "--json");
    assertEquals(1, r.code());
    assertEquals("proof.MPT_HASH_MISMATCH", r.json().get("reason").asText());
  }

  @Test
  void wrongRootIsRejectedAndBadArgsAreUsage() {
    final Run r = run("verify", "receipt", "--receipts-root",
        "0x" + "11".repeat(32), "--proof", VAPI_RECEIPT, "--tx-index", "39", "--json");
    assertEquals(1, r.code());
    assertEquals("proof.MPT_ROOT_MISMATCH", r.json().get("reason").asText());
    assertEquals(2, run("verify", "receipt", "--receipts-root", RECEIPTS_ROOT, "--proof",
        tmp.resolve("missing.json").toString(), "--tx-index", "39").code());
    assertEquals(2, run("verify", "receipt", "--receipts-root", "0x12", "--proof", VAPI_RECEIPT,
        "--tx-index", "39").code());
    assertEquals(2, run("verify", "receipt", "--receipts-root", RECEIPTS_ROOT, "--proof", VAPI_RECEIPT).code());
  }

  // --- verify payload

  @Test
  void beaconPayloadVerifies() throws IOException {
    final Run r = run("verify", "payload", "--beacon-block", BEACON);
    assertEquals(0, r.code(), r.out() + r.err());
    final String blockHash = read(BEACON).get("data").get("message").get("body").get("execution_payload")
        .get("block_hash").asText();
    assertTrue(r.out().startsWith("verified payload capella block "), r.out());
    assertTrue(r.out().contains(blockHash), r.out());
    final JsonNode j = run("verify", "payload", "--beacon-block", BEACON, "--json").json();
    assertTrue(j.get("verified").asBoolean());
    assertEquals(blockHash, j.get("blockHash").asText());
    assertEquals("capella", j.get("fork").asText());
    assertEquals(7109344L, j.get("slot").asLong());
  }

  @Test
  void mutatedPayloadIsRejected() throws IOException {
    final ObjectNode b = (ObjectNode) read(BEACON);
    final ArrayNode txs = (ArrayNode) b.get("data").get("message").get("body").get("execution_payload")
        .get("transactions");
    txs.remove(0);
    final Run r = run("verify", "payload", "--beacon-block", write("b.json", b).toString(), "--json");
    assertEquals(1, r.code());
    assertEquals("proof.BLOCK_HASH_MISMATCH", r.json().get("reason").asText());
    b.put("version", "altair");
    final Run f = run("verify", "payload", "--beacon-block", write("b2.json", b).toString(), "--json");
    assertEquals(1, f.code());
    assertEquals("proof.UNSUPPORTED_FORK", f.json().get("reason").asText());
  }

  @Test
  void missingBeaconBlockFileIsUsage() {
    assertEquals(2, run("verify", "payload", "--beacon-block", tmp.resolve("x.json").toString()).code());
    assertEquals(2, run("verify", "payload", "--json").code());
  }

  // --- verify payload, Gloas: block with a bid + separate envelope (fixture built and checked in
  // proofs' EnvelopeVerifierTest, where every expected value is derived independently)

  private static final String GLOAS_BLOCK = "src/test/resources/gloas/beacon-block.json";
  private static final String GLOAS_ENVELOPE = "src/test/resources/gloas/envelope.json";

  @Test
  void gloasEnvelopeVerifiesAgainstTheBid() throws IOException {
    final String blockHash = read(GLOAS_BLOCK).at("/data/message/body/signed_execution_payload_bid/message/block_hash")
        .asText();
    final Run r = run("verify", "payload", "--beacon-block", GLOAS_BLOCK, "--envelope", GLOAS_ENVELOPE);
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().startsWith("verified payload gloas block 9000001 " + blockHash), r.out());
    assertTrue(r.out().contains("NOT verified: builder signature"), r.out());
    final JsonNode j = run("verify", "payload", "--beacon-block", GLOAS_BLOCK, "--envelope", GLOAS_ENVELOPE,
        "--json").json();
    assertTrue(j.get("verified").asBoolean());
    assertEquals("gloas", j.get("fork").asText());
    assertEquals(blockHash, j.get("blockHash").asText());
    assertEquals(23, j.get("headerFieldCount").asInt());
    assertEquals("amsterdam", j.get("headerLayout").asText());
    assertEquals("11296769", j.get("slotNumber").asText());
    assertEquals(read(GLOAS_BLOCK).at("/data/message/body/signed_execution_payload_bid/message/execution_requests_root")
        .asText(), j.get("executionRequestsRoot").asText());
    assertTrue(j.get("notVerified").size() >= 1);
  }

  @Test
  void gloasEnvelopeNotMatchingTheBidIsRejected() throws IOException {
    final ObjectNode env = (ObjectNode) read(GLOAS_ENVELOPE);
    ((ObjectNode) env.at("/data/message")).put("builder_index", "8");
    final Run r = run("verify", "payload", "--beacon-block", GLOAS_BLOCK, "--envelope",
        write("env.json", env).toString(), "--json");
    assertEquals(1, r.code(), r.out());
    assertEquals("proof.ENVELOPE_MISMATCH", r.json().get("reason").asText());
    final ObjectNode env2 = (ObjectNode) read(GLOAS_ENVELOPE);
    ((ObjectNode) env2.at("/data/message/payload")).put("gas_used", "21001");
    final Run r2 = run("verify", "payload", "--beacon-block", GLOAS_BLOCK, "--envelope",
        write("env2.json", env2).toString(), "--json");
    assertEquals(1, r2.code(), r2.out());
    assertEquals("proof.BLOCK_HASH_MISMATCH", r2.json().get("reason").asText());
    // with the network, the payload's timestamp must be its slot's time (the fixture's is Sepolia's)
    assertEquals(0, run("verify", "payload", "--beacon-block", GLOAS_BLOCK, "--envelope", GLOAS_ENVELOPE,
        "--network", "sepolia").code());
    final Run wrongNet = run("verify", "payload", "--beacon-block", GLOAS_BLOCK, "--envelope", GLOAS_ENVELOPE,
        "--network", "mainnet", "--json");
    assertEquals(1, wrongNet.code(), wrongNet.out());
    assertEquals("proof.ENVELOPE_MISMATCH", wrongNet.json().get("reason").asText());
    // a gloas block without its envelope is a usage error; an envelope with a pre-gloas block is refused
    assertEquals(2, run("verify", "payload", "--beacon-block", GLOAS_BLOCK).code());
    final Run pre = run("verify", "payload", "--beacon-block", BEACON, "--envelope", GLOAS_ENVELOPE, "--json");
    assertEquals(1, pre.code(), pre.out());
    assertEquals("proof.UNSUPPORTED_FORK", pre.json().get("reason").asText());
  }
}
