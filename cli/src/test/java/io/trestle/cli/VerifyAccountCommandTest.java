package io.trestle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.testbase.Vectors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trestle verify account} on real helios mainnet data (block 21925176). */
class VerifyAccountCommandTest {
  static final Path RPC = Vectors.path("helios/tests/testdata/rpc");
  static final String STATE_ROOT = "0x7b3d5a01f69b7d2ea7479fd7ae35f4bac2700ab6d6d7b4807a7fedf53ced710e";

  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  static Run run(final String... args) {
    final ByteArrayOutputStream o = new ByteArrayOutputStream();
    final ByteArrayOutputStream e = new ByteArrayOutputStream();
    final List<String> argv = new ArrayList<>(List.of("verify", "account"));
    argv.addAll(Arrays.asList(args));
    final int code = Main.run(argv, new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8));
    return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  @Test
  void verified_text() {
    final Run r = run("--state-root", STATE_ROOT, "--proof", RPC.resolve("proof.json").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("0x00000000219ab540356cbb839cbe05303d7705fa"), r.out());
    assertTrue(r.out().contains("nonce       1"), r.out());
    assertTrue(r.out().contains("0x0000000000000000000000000000000000000000000000000000000000000001 = "
        + "0x2394e3bc4086a9625ae88307145a40ff4a4bf2c9a6755435bff86b22d6175d5f (present)"), r.out());
  }

  @Test
  void verified_json_fullResponseWrapper() throws IOException {
    final String bare = Files.readString(RPC.resolve("block_miner_proof.json"));
    final Path f = tmp.resolve("full.json");
    Files.writeString(f, "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":" + bare + "}");
    final Run r = run("--state-root", STATE_ROOT, "--proof", f.toString(), "--json");
    assertEquals(0, r.code(), r.err());
    final JsonNode j = new ObjectMapper().readTree(r.out());
    assertTrue(j.get("verified").asBoolean());
    assertEquals(false, j.get("absent").asBoolean());
    assertEquals("0x4838b106fce9647bdf1e7877bf73ce8b0bad5f97", j.get("address").asText());
    assertEquals(String.valueOf(0x13e79e), j.get("account").get("nonce").asText());
    assertEquals(new java.math.BigInteger("9305538e4df80dba", 16).toString(), j.get("account").get("balance").asText());
    assertEquals(0, j.get("storage").size());
  }

  @Test
  void rejected_wrongRoot_textAndJson() throws IOException {
    final String other = "0x" + "11".repeat(32);
    final Run t = run("--state-root", other, "--proof", RPC.resolve("proof.json").toString());
    assertEquals(1, t.code());
    assertTrue(t.out().startsWith("REJECTED MPT_ROOT_MISMATCH: "), t.out());
    final Run j = run("--state-root", other, "--proof", RPC.resolve("proof.json").toString(), "--json");
    assertEquals(1, j.code());
    final JsonNode n = new ObjectMapper().readTree(j.out());
    assertEquals(false, n.get("verified").asBoolean());
    assertEquals("proof.MPT_ROOT_MISMATCH", n.get("reason").asText());
    assertTrue(n.get("detail").asText().length() > 0);
  }

  @Test
  void rejected_tamperedBalance() throws IOException {
    final String text = Files.readString(RPC.resolve("proof.json"))
        .replace("\"balance\": \"0x2fb161afe600a5b2605040\"", "\"balance\": \"0x2fb161afe600a5b2605041\"");
    final Path f = tmp.resolve("tampered.json");
    Files.writeString(f, text);
    final Run r = run("--state-root", STATE_ROOT, "--proof", f.toString());
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.out().startsWith("REJECTED ACCOUNT_FIELD_MISMATCH: balance"), r.out());
  }

  @Test
  void badField_isRejectedInputMalformed() throws IOException {
    final Path f = tmp.resolve("bad.json");
    Files.writeString(f, "{\"address\": 1}");
    final Run r = run("--state-root", STATE_ROOT, "--proof", f.toString(), "--json");
    assertEquals(1, r.code());
    assertEquals("proof.INPUT_MALFORMED", new ObjectMapper().readTree(r.out()).get("reason").asText());
  }

  @Test
  void notJson_isUnreadableInput() throws IOException {
    final Path f = tmp.resolve("bad.json");
    Files.writeString(f, "{\"address\": 1");
    final Run r = run("--state-root", STATE_ROOT, "--proof", f.toString(), "--json");
    assertEquals(2, r.code());
    final com.fasterxml.jackson.databind.JsonNode o = new ObjectMapper().readTree(r.out());
    assertEquals(false, o.get("verified").asBoolean());
    assertEquals("cli.INPUT_UNREADABLE", o.get("reason").asText());
  }

  @Test
  void usageErrors() {
    assertEquals(2, run("--state-root", "0x1234", "--proof", RPC.resolve("proof.json").toString()).code());
    assertEquals(2, run("--state-root", "zz" + STATE_ROOT.substring(2), "--proof", "x").code());
    assertEquals(2, run("--proof", RPC.resolve("proof.json").toString()).code());
    assertEquals(2, run("--state-root", STATE_ROOT).code());
    assertEquals(2, run("--state-root", STATE_ROOT, "--proof", tmp.resolve("missing.json").toString()).code());
    assertEquals(2, run("--state-root", STATE_ROOT, "--proof", "x", "--bogus").code());
  }
  @Test
  void slotKey_nonAsciiHexDigit_isUsageError() {
    // Hex digits are ASCII only (execution-apis hex patterns): U+0661 must be a usage error, not an
    // IllegalArgumentException from the decoder.
    org.junit.jupiter.api.Assertions.assertThrows(UsageException.class,
        () -> VerifyAccountCommand.slotKey("0x\u0661"));
    assertEquals("0x" + "0".repeat(63) + "a", VerifyAccountCommand.slotKey("0xA").toHex());
  }
}
