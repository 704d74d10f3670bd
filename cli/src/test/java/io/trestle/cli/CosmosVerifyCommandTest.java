package io.trestle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.crypto.Hex;
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

/** {@code trestle cosmos verify} on the cosmos/ics23 per-spec vectors (root, key, value from the vector). */
class CosmosVerifyCommandTest {
  static final Path DATA = Vectors.path("ics23/testdata");

  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  static Run run(final String... args) {
    final ByteArrayOutputStream o = new ByteArrayOutputStream();
    final ByteArrayOutputStream e = new ByteArrayOutputStream();
    final List<String> argv = new ArrayList<>(List.of("cosmos", "verify"));
    argv.addAll(Arrays.asList(args));
    final int code = Main.run(argv, new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8));
    return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  static JsonNode vector(final String rel) throws IOException {
    return new ObjectMapper().readTree(DATA.resolve(rel).toFile());
  }

  @Test
  void membership_iavl_jsonFile_text() throws IOException {
    final JsonNode v = vector("iavl/exist_left.json");
    final Run r = run("--root", v.get("root").asText(), "--proof", DATA.resolve("iavl/exist_left.json").toString(),
        "--key", "0x" + v.get("key").asText(), "--value", "0x" + v.get("value").asText());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().startsWith("VERIFIED membership (iavl)"), r.out());
  }

  @Test
  void nonMembership_smt_hexFile_json() throws IOException {
    final JsonNode v = vector("smt/nonexist_left.json");
    final Path f = tmp.resolve("proof.hex");
    Files.writeString(f, v.get("proof").asText() + "\n");
    final Run r = run("--root", "0x" + v.get("root").asText(), "--proof", f.toString(),
        "--key", "0x" + v.get("key").asText(), "--spec", "smt", "--json");
    assertEquals(0, r.code(), r.out() + r.err());
    final JsonNode j = new ObjectMapper().readTree(r.out());
    assertTrue(j.get("verified").asBoolean());
    assertEquals("non-membership", j.get("kind").asText());
    assertEquals("smt", j.get("spec").asText());
    assertEquals("0x" + v.get("key").asText(), j.get("key").asText());
  }

  @Test
  void binaryFile_tendermint_wrongSpecAndWrongRootAreRejected() throws IOException {
    final JsonNode v = vector("tendermint/exist_middle.json");
    final Path f = tmp.resolve("proof.bin");
    Files.write(f, Hex.decode(v.get("proof").asText()));
    final String key = "0x" + v.get("key").asText();
    final String value = "0x" + v.get("value").asText();
    assertEquals(0, run("--root", v.get("root").asText(), "--proof", f.toString(), "--key", key, "--value", value,
        "--spec", "tendermint").code());
    // the same proof under the IAVL spec: its leaf/inner ops are not IAVL-shaped
    final Run iavl = run("--root", v.get("root").asText(), "--proof", f.toString(), "--key", key, "--value", value, "--json");
    assertEquals(1, iavl.code());
    assertFalse(new ObjectMapper().readTree(iavl.out()).get("verified").asBoolean());
    final String badRoot = v.get("root").asText().substring(0, 62) + "00";
    final Run wrong = run("--root", badRoot, "--proof", f.toString(), "--key", key, "--value", value,
        "--spec", "tendermint", "--json");
    assertEquals(1, wrong.code());
    assertEquals("cosmos.ics23.ROOT_MISMATCH", new ObjectMapper().readTree(wrong.out()).get("reason").asText());
    // asking for absence of a present key with an existence proof
    final Run absent = run("--root", v.get("root").asText(), "--proof", f.toString(), "--key", key, "--spec", "tendermint");
    assertEquals(1, absent.code());
    assertTrue(absent.out().startsWith("REJECTED cosmos.ics23.WRONG_PROOF_TYPE"), absent.out());
  }

  @Test
  void protobufJsonMappingFile() throws IOException {
    final JsonNode v = vector("iavl/nonexist_right.json");
    final io.trestle.cosmos.ics23.NonExistenceProof p = (io.trestle.cosmos.ics23.NonExistenceProof)
        io.trestle.cosmos.ics23.Ics23Codec.decodeCommitmentProof(Hex.decode(v.get("proof").asText())).orElseThrow();
    final io.trestle.cosmos.ics23.ExistenceProof l = p.left().orElseThrow();
    final com.fasterxml.jackson.databind.node.ObjectNode root = new ObjectMapper().createObjectNode();
    final com.fasterxml.jackson.databind.node.ObjectNode left = root.putObject("nonexist").putObject("left");
    final java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
    left.put("key", b64.encodeToString(l.key().toArray())).put("value", b64.encodeToString(l.value().toArray()));
    left.putObject("leaf").put("hash", "SHA256").put("prehash_value", "SHA256").put("length", "VAR_PROTO")
        .put("prefix", b64.encodeToString(l.leaf().orElseThrow().prefix().toArray()));
    final com.fasterxml.jackson.databind.node.ArrayNode path = left.putArray("path");
    l.path().forEach(op -> path.addObject().put("hash", 1).put("prefix", b64.encodeToString(op.prefix().toArray()))
        .put("suffix", b64.encodeToString(op.suffix().toArray())));
    final Path f = tmp.resolve("proof.json");
    Files.writeString(f, new ObjectMapper().writeValueAsString(root));
    final Run r = run("--root", v.get("root").asText(), "--proof", f.toString(), "--key", "0x" + v.get("key").asText(), "--json");
    assertEquals(0, r.code(), r.out() + r.err());
    Files.writeString(f, "{\"nonexist\": {\"lefty\": {}}}");
    final Run bad = run("--root", v.get("root").asText(), "--proof", f.toString(), "--key", "0x" + v.get("key").asText(), "--json");
    assertEquals(1, bad.code());
    assertEquals("cosmos.ics23.INPUT_MALFORMED", new ObjectMapper().readTree(bad.out()).get("reason").asText());
    Files.writeString(f, "{\"nonexist\": ");
    assertEquals(2, run("--root", "00", "--proof", f.toString(), "--key", "k").code());
  }

  @Test
  void undecodableProofIsRejectedNotACrash() throws IOException {
    final Path f = tmp.resolve("junk.bin");
    Files.write(f, new byte[] {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 1, 2});
    final Run r = run("--root", "00", "--proof", f.toString(), "--key", "k", "--json");
    assertEquals(1, r.code(), r.err());
    assertEquals("cosmos.ics23.DECODE_TRUNCATED", new ObjectMapper().readTree(r.out()).get("reason").asText());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void usageErrorsExit2() throws IOException {
    assertEquals(2, run("--root", "00", "--proof", tmp.resolve("missing").toString(), "--key", "k").code());
    final Path f = tmp.resolve("p.hex");
    Files.writeString(f, "0a00");
    final Run badSpec = run("--root", "00", "--proof", f.toString(), "--key", "k", "--spec", "merkle", "--json");
    assertEquals(2, badSpec.code());
    assertEquals("cli.USAGE_ERROR", new ObjectMapper().readTree(badSpec.out()).get("reason").asText());
    assertEquals(2, run("--proof", f.toString(), "--key", "k").code());
    assertEquals(2, run("--root", "zz", "--proof", f.toString(), "--key", "k").code());
    assertEquals(2, run().code());
  }
}
