package io.trestle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** {@code trestle sync} on real mainnet light-client data (helios testdata, periods 862-867). */
class SyncCommandTest {
  private static final String DATA = Vectors.path("helios/ethereum/testdata") + "/";
  private static final String BOOTSTRAP = DATA + "bootstrap.json";
  private static final String UPDATES = DATA + "updates.json";
  private static final String ROOT = "0x5afc212a7924789b2bc86acad3ab3a6ffb1f6e97253ea50bee7f4f51422c9275";
  private static final ObjectMapper M = new ObjectMapper();

  @TempDir Path tmp;

  private record Run(int code, String out, String err) {
    JsonNode json() throws IOException {
      return M.readTree(out);
    }
  }

  private static Run run(final String... args) {
    final ByteArrayOutputStream o = new ByteArrayOutputStream();
    final ByteArrayOutputStream e = new ByteArrayOutputStream();
    final int code = Main.run(List.of(args), new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8));
    return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  @Test
  void syncsSixPeriodsOfMainnet() throws IOException {
    final Run r = run("sync", "--network", "mainnet", "--checkpoint", ROOT, "--bootstrap", BOOTSTRAP,
        "--updates", UPDATES, "--current-slot", "7200000", "--json");
    assertEquals(0, r.code(), r.out() + r.err());
    final JsonNode j = r.json();
    assertTrue(j.get("verified").asBoolean());
    assertEquals("mainnet", j.get("network").asText());
    assertEquals(7, j.get("steps").size());
    for (final JsonNode s : j.get("steps")) {
      assertEquals("applied", s.get("result").asText(), s.toString());
    }
    // the last update's finalized header (slot 7104096, period 867; execution block 17917816)
    assertEquals(7104096L, j.get("finalized").get("slot").asLong());
    assertEquals(17917816L, j.get("finalized").get("execution").get("blockNumber").asLong());
    assertEquals(7104190L, j.get("optimistic").get("slot").asLong());

    final Run text = run("sync", "--network", "mainnet", "--checkpoint", ROOT, "--bootstrap", BOOTSTRAP,
        "--updates", UPDATES, "--current-slot", "7200000");
    assertEquals(0, text.code());
    assertTrue(text.out().contains("update 1/6 period 862 (capella) \u2192 applied (finalized slot 7069376)"), text.out());
    assertTrue(text.out().contains("update 6/6 period 867 (capella) \u2192 applied (finalized slot 7104096)"), text.out());
    assertTrue(text.out().contains("VERIFIED finalized slot 7104096"), text.out());
  }

  @Test
  void severalUpdateFilesAfterOneOption() throws IOException {
    final JsonNode all = M.readTree(Files.readString(Path.of(UPDATES)));
    final java.util.List<String> argv = new java.util.ArrayList<>(List.of("sync", "--network", "mainnet",
        "--checkpoint", ROOT, "--bootstrap", BOOTSTRAP, "--updates"));
    for (int i = 0; i < all.size(); i++) {
      final Path f = tmp.resolve("update-" + i + ".json");
      Files.writeString(f, M.writeValueAsString(all.get(i)));
      argv.add(f.toString());
    }
    argv.addAll(List.of("--current-slot", "7200000", "--json"));
    final Run r = run(argv.toArray(String[]::new));
    assertEquals(0, r.code(), r.out() + r.err());
    assertEquals(7104096, r.json().at("/finalized/slot").asLong(), r.out());
    assertEquals(7, r.json().get("steps").size(), r.out()); // bootstrap + 6 updates
  }

  @Test
  void wallClockIsUsedAndSaid() {
    final Run r = run("sync", "--network", "mainnet", "--checkpoint", ROOT, "--bootstrap", BOOTSTRAP);
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().contains("(wall clock"), r.out());
  }

  @Test
  void tamperedSignatureIsRejected() throws IOException {
    final JsonNode all = M.readTree(Files.readString(Path.of(UPDATES)));
    final ObjectNode agg = (ObjectNode) all.get(2).get("data").get("sync_aggregate");
    final String sig = agg.get("sync_committee_signature").asText();
    final char c = sig.charAt(50);
    agg.put("sync_committee_signature", sig.substring(0, 50) + (c == '0' ? '1' : '0') + sig.substring(51));
    final Path f = tmp.resolve("updates.json");
    Files.writeString(f, M.writeValueAsString(all));
    final Run r = run("sync", "--network", "mainnet", "--checkpoint", ROOT, "--bootstrap", BOOTSTRAP,
        "--updates", f.toString(), "--current-slot", "7200000", "--json");
    assertEquals(1, r.code(), r.out());
    final JsonNode j = r.json();
    assertFalse(j.get("verified").asBoolean());
    assertEquals("lightclient.SIGNATURE_INVALID", j.get("reason").asText());
    assertEquals(4, j.get("steps").size()); // bootstrap, two applied, the rejected third
    assertEquals("rejected", j.get("steps").get(3).get("result").asText());
    // the store stays where the accepted updates left it
    assertEquals(7070047L, j.get("finalized").get("slot").asLong());
  }

  @Test
  void malformedUpdateJsonIsRejectedAsSszInvalid() throws IOException {
    final JsonNode all = M.readTree(Files.readString(Path.of(UPDATES)));
    ((ObjectNode) all.get(0).get("data")).remove("signature_slot");
    final Path f = tmp.resolve("bad.json");
    Files.writeString(f, M.writeValueAsString(all));
    final Run r = run("sync", "--network", "mainnet", "--checkpoint", ROOT, "--bootstrap", BOOTSTRAP,
        "--updates", f.toString(), "--current-slot", "7200000");
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains("REJECTED SSZ_INVALID: [0].data.signature_slot: missing"), r.out());
  }

  @Test
  void wrongCheckpointIsBootstrapRootMismatch() throws IOException {
    final String bad = ROOT.substring(0, 65) + (ROOT.charAt(65) == '5' ? '6' : '5');
    final Run r = run("sync", "--network", "mainnet", "--checkpoint", bad, "--bootstrap", BOOTSTRAP,
        "--updates", UPDATES, "--current-slot", "7200000", "--json");
    assertEquals(1, r.code(), r.out());
    assertEquals("lightclient.BOOTSTRAP_ROOT_MISMATCH", r.json().get("reason").asText());
    assertFalse(r.json().has("finalized"));
  }

  @Test
  void futureSignatureSlotIsRejected() {
    final Run r = run("sync", "--network", "mainnet", "--checkpoint", ROOT, "--bootstrap", BOOTSTRAP,
        "--updates", UPDATES, "--current-slot", "7070000");
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains("REJECTED FUTURE_SLOT"), r.out());
  }

  @Test
  void usageErrors() throws IOException {
    assertEquals(2, run("sync").code());
    assertEquals(2, run("sync", "--network", "mainnet", "--bootstrap", BOOTSTRAP).code()); // no checkpoint
    assertEquals(2, run("sync", "--network", "nowhere", "--checkpoint", ROOT, "--bootstrap", BOOTSTRAP).code());
    assertEquals(2, run("sync", "--network", "mainnet", "--checkpoint", "0x1234", "--bootstrap", BOOTSTRAP).code());
    assertEquals(2, run("sync", "--network", "mainnet", "--checkpoint", ROOT, "--bootstrap", "missing.json").code());
    assertEquals(2, run("sync", "--network", "mainnet", "--checkpoint", ROOT, "--bootstrap", BOOTSTRAP,
        "--current-slot", "-5").code());
    assertEquals(2, run("sync", "--network", "mainnet", "--checkpoint", ROOT, "--bootstrap", BOOTSTRAP,
        "--bogus", "1").code());
    // a config.yaml network needs --genesis-validators-root
    final Path cfg = tmp.resolve("config.yaml");
    Files.writeString(cfg, "PRESET_BASE: 'mainnet'\nGENESIS_FORK_VERSION: 0x00000000\n");
    final Run r = run("sync", "--network", cfg.toString(), "--checkpoint", ROOT, "--bootstrap", BOOTSTRAP);
    assertEquals(2, r.code());
    assertTrue(r.err().contains("genesis-validators-root"), r.err());
  }

  @Test
  void configYamlNetwork() throws IOException {
    final Path cfg = tmp.resolve("config.yaml");
    Files.writeString(cfg, String.join("\n", "PRESET_BASE: 'mainnet'", "CONFIG_NAME: 'mainnet-copy'",
        "GENESIS_FORK_VERSION: 0x00000000", "ALTAIR_FORK_VERSION: 0x01000000", "ALTAIR_FORK_EPOCH: 74240",
        "BELLATRIX_FORK_VERSION: 0x02000000", "BELLATRIX_FORK_EPOCH: 144896", "CAPELLA_FORK_VERSION: 0x03000000",
        "CAPELLA_FORK_EPOCH: 194048", "DENEB_FORK_VERSION: 0x04000000", "DENEB_FORK_EPOCH: 269568", ""));
    final Run r = run("sync", "--network", cfg.toString(), "--genesis-validators-root",
        "0x4b363db94e286120d76eb905340fdd4e54bfe9f06bf33ff6cf5ad27f511bfe95", "--checkpoint", ROOT,
        "--bootstrap", BOOTSTRAP, "--updates", UPDATES, "--current-slot", "7200000", "--json");
    assertEquals(0, r.code(), r.out() + r.err());
    assertEquals("mainnet-copy", r.json().get("network").asText());
    assertEquals(7104096L, r.json().get("finalized").get("slot").asLong());
  }
}
