package io.trestle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regressions from an adversarial audit of the command-line contracts (exit 0 verified, 1 rejected, 2 unusable
 * input; with {@code --json} exactly one object whose {@code reason} is namespaced; never a hang). Each test names
 * the input that broke a contract; the valid input next to it still verifies, so the refusal is the input's.
 */
class CliContractAuditTest {
  private static final ObjectMapper M = new ObjectMapper();
  private static final Path ICS23 = Path.of("../testvectors/vectors/ics23/testdata");
  private static final Path EUREKA = CosmosSyncCommandTest.EUREKA;
  private static final String ETH = "../testvectors/vectors/helios/ethereum/testdata/";
  private static final String CHECKPOINT = "0x5afc212a7924789b2bc86acad3ab3a6ffb1f6e97253ea50bee7f4f51422c9275";

  @TempDir Path tmp;

  private record Run(int code, String out, String err) {
    JsonNode json() throws IOException {
      return M.readTree(out);
    }
  }

  private static Run run(final String... args) {
    final ByteArrayOutputStream o = new ByteArrayOutputStream();
    final ByteArrayOutputStream e = new ByteArrayOutputStream();
    final int code = Main.run(Arrays.asList(args), new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8));
    return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  private static void assertUnreadable(final Run r) throws IOException {
    assertEquals(2, r.code(), r.out() + r.err());
    assertEquals("cli.INPUT_UNREADABLE", r.json().get("reason").asText(), r.out());
    assertFalse(r.json().get("verified").asBoolean());
    assertFalse(r.err().contains("\tat "), r.err());
  }

  // --- cosmos verify: a JSON proof file followed by other data verified (exit 0) -------------------------------

  @Test
  void cosmosVerifyRefusesAJsonProofFileWithTrailingDataOrDuplicateKeys() throws IOException {
    final Path good = ICS23.resolve("iavl/exist_left.json");
    final JsonNode v = M.readTree(good.toFile());
    final String text = Files.readString(good);
    final Path trailing = Files.writeString(tmp.resolve("trailing.json"), text.strip() + " garbage");
    final Path second = Files.writeString(tmp.resolve("second.json"), text.strip() + "{}");
    final Path dup = Files.writeString(tmp.resolve("dup.json"),
        "{\"proof\": \"00\", \"proof\": \"" + v.get("proof").asText() + "\"}");
    final String[] rest = {"--key", "0x" + v.get("key").asText(), "--value", "0x" + v.get("value").asText(), "--json"};
    assertEquals(0, cosmosVerify(v, good, rest).code());
    for (final Path bad : List.of(trailing, second, dup)) {
      assertUnreadable(cosmosVerify(v, bad, rest));
    }
  }

  private static Run cosmosVerify(final JsonNode v, final Path proof, final String... rest) {
    final List<String> a = new ArrayList<>(List.of("cosmos", "verify", "--root", v.get("root").asText(), "--proof",
        proof.toString()));
    a.addAll(List.of(rest));
    return run(a.toArray(String[]::new));
  }

  // --- cosmos sync: a light-block file followed by other data verified; --target-height ignored for IBC updates --

  @Test
  void cosmosSyncRefusesALightBlockFileWithTrailingData() throws IOException {
    final String text = Files.readString(EUREKA);
    final Path trailing = Files.writeString(tmp.resolve("trailing.json"), text.strip() + " x");
    assertEquals(0, cosmosSync(EUREKA, "--json").code());
    assertUnreadable(cosmosSync(trailing, "--json"));
  }

  @Test
  void cosmosSyncIbcUpdateRefusesATargetHeightOtherThanItsHeader() throws IOException {
    final Run same = cosmosSync(EUREKA, "--target-height", "38", "--json");
    assertEquals(0, same.code(), same.out());
    assertEquals(38, same.json().get("height").asLong());
    for (final String h : List.of("99", "37", "-1", "99999999999999999999")) {
      final Run r = cosmosSync(EUREKA, "--target-height", h, "--json");
      assertEquals(2, r.code(), h + ": " + r.out());
      assertEquals("cli.USAGE_ERROR", r.json().get("reason").asText(), r.out());
    }
  }

  private static Run cosmosSync(final Path file, final String... rest) {
    final List<String> a = new ArrayList<>(List.of("cosmos", "sync", "--chain-id", "simd-2", "--now",
        "2025-09-15T10:32:23Z", "--light-blocks", file.toString()));
    a.addAll(List.of(rest));
    return run(a.toArray(String[]::new));
  }

  // --- cosmos sync --rpc: a node that drips its body held the command forever --------------------------------

  @Test
  void cosmosRpcThatDripsItsBodyIsCutAtTheDeadline() throws Exception {
    final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      ex.sendResponseHeaders(200, 1_000_000);
      try (OutputStream os = ex.getResponseBody()) {
        for (int i = 0; i < 1_000_000; i++) {
          os.write(' ');
          os.flush();
          Thread.sleep(200);
        }
      } catch (InterruptedException | IOException e) {
        // the client went away: done
      }
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
      final Thread t = new Thread(r, "drip");
      t.setDaemon(true);
      return t;
    }));
    server.start();
    try {
      final String url = "http://127.0.0.1:" + server.getAddress().getPort();
      final Run r = assertTimeoutPreemptively(Duration.ofSeconds(90), () -> run("cosmos", "sync", "--chain-id", "x",
          "--now", "2025-09-15T10:32:23Z", "--rpc", url, "--trusted-height", "1", "--trusted-hash", "00".repeat(32),
          "--json"));
      assertEquals(2, r.code(), r.out());
      assertEquals("cli.INPUT_UNREADABLE", r.json().get("reason").asText(), r.out());
      assertTrue(r.json().get("detail").asText().contains("no complete response within"), r.out());
    } finally {
      server.stop(0);
    }
  }

  // --- offline sync: a file that is not JSON was "rejected" (exit 1, SSZ_INVALID), not unreadable (exit 2) ------

  @Test
  void offlineSyncInputThatIsNotJsonIsUnreadableInput() throws IOException {
    final String bootstrap = Files.readString(Path.of(ETH + "bootstrap.json"));
    final String updates = Files.readString(Path.of(ETH + "updates.json"));
    final Path truncated = Files.writeString(tmp.resolve("truncated.json"), bootstrap.substring(0, bootstrap.length() / 2));
    final Path bom = Files.writeString(tmp.resolve("bom.json"), "\uFEFF" + bootstrap);
    final Path trailing = Files.writeString(tmp.resolve("trailing.json"), updates.strip() + " garbage");
    final Path empty = Files.writeString(tmp.resolve("empty.json"), "");
    for (final Path b : List.of(truncated, bom, empty)) {
      assertUnreadable(run("sync", "--network", "mainnet", "--checkpoint", CHECKPOINT, "--bootstrap", b.toString(),
          "--current-slot", "7200000", "--json"));
    }
    assertUnreadable(run("sync", "--network", "mainnet", "--checkpoint", CHECKPOINT, "--bootstrap",
        ETH + "bootstrap.json", "--updates", trailing.toString(), "--current-slot", "7200000", "--json"));
    assertUnreadable(run("sync", "--network", "mainnet", "--checkpoint", CHECKPOINT, "--bootstrap",
        ETH + "bootstrap.json", "--finality-update", empty.toString(), "--current-slot", "7200000", "--json"));
    // well-formed JSON that is not a bootstrap is still the light client's rejection (exit 1)
    final Run notABootstrap = run("sync", "--network", "mainnet", "--checkpoint", CHECKPOINT, "--bootstrap",
        ETH + "updates.json", "--current-slot", "7200000", "--json");
    assertEquals(1, notABootstrap.code(), notABootstrap.out());
    assertEquals("lightclient.SSZ_INVALID", notABootstrap.json().get("reason").asText());
  }

  // --- verify payload --json: "slot" was a number before Gloas and a string for Gloas -------------------------

  @Test
  void payloadSlotIsAJsonNumberForEveryFork() throws IOException {
    final JsonNode capella = run("verify", "payload", "--beacon-block", ETH + "blocks/7109344.json", "--json").json();
    final JsonNode gloas = run("verify", "payload", "--beacon-block", "src/test/resources/gloas/beacon-block.json",
        "--envelope", "src/test/resources/gloas/envelope.json", "--json").json();
    assertTrue(capella.get("verified").asBoolean(), capella.toString());
    assertTrue(gloas.get("verified").asBoolean(), gloas.toString());
    assertTrue(capella.get("slot").isIntegralNumber(), capella.toString());
    assertTrue(gloas.get("slot").isIntegralNumber(), gloas.toString());
    assertEquals(11296769L, gloas.get("slot").asLong());
  }

  // --- an internal error's --json reason was the bare INTERNAL_ERROR -----------------------------------------

  @Test
  void internalErrorReasonIsNamespacedAndOneLine() throws IOException {
    final ByteArrayOutputStream o = new ByteArrayOutputStream();
    final ByteArrayOutputStream e = new ByteArrayOutputStream();
    final int code = Main.internalError(List.of("verify", "block", "--json"),
        new IllegalStateException("boom\nsecond line"), false, new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8));
    assertEquals(2, code);
    final JsonNode j = M.readTree(o.toString(StandardCharsets.UTF_8));
    assertEquals("cli.INTERNAL_ERROR", j.get("reason").asText());
    assertEquals("IllegalStateException: boom", j.get("detail").asText());
    assertEquals(1, e.toString(StandardCharsets.UTF_8).lines().count(), e.toString(StandardCharsets.UTF_8));
  }

  // --- vectors --json: the object had no "verified" (README: every --json object has one) --------------------

  @Test
  void vectorsJsonHasVerifiedAndANamespacedReasonWhenNothingPassed() throws IOException {
    final Path unrecognised = Files.writeString(tmp.resolve("not-a-vector.json"), "{\"a\": 1}");
    final Run none = run("vectors", unrecognised.toString(), "--json");
    assertEquals(1, none.code(), none.out());
    assertFalse(none.json().get("verified").asBoolean(), none.out());
    assertEquals("cli.VECTORS_FAILED", none.json().get("reason").asText(), none.out());
    assertEquals(1, none.json().get("skipped").asInt());
    final Run rlp = run("vectors", "../testvectors/vectors/ethereum-tests/RLPTests/rlptest.json", "--json");
    assertEquals(0, rlp.code(), rlp.out());
    assertTrue(rlp.json().get("verified").asBoolean(), rlp.out());
    assertFalse(rlp.json().has("reason"), rlp.out());
  }

  // --- an unknown command with --json printed no JSON at all ------------------------------------------------

  @Test
  void unknownCommandWithJsonStillPrintsOneUsageObject() throws IOException {
    for (final String[] argv : List.of(new String[] {"bogus", "--json"}, new String[] {"--json"},
        new String[] {"--json", "verify", "block"})) {
      final Run r = run(argv);
      assertEquals(2, r.code(), Arrays.toString(argv));
      assertEquals("cli.USAGE_ERROR", r.json().get("reason").asText(), r.out());
      assertFalse(r.json().get("verified").asBoolean());
      assertTrue(r.err().contains("unknown command"), r.err());
    }
    final Run text = run("bogus");
    assertEquals(2, text.code());
    assertEquals("", text.out());
  }
}
