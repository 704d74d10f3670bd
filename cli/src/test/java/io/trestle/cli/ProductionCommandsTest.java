package io.trestle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.proofs.json.RpcJson;
import io.trestle.testkit.devnet.DevnetChain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The production entry point ({@link Main#run}, what {@code main} runs) accepts neither the testkit's devnet
 * network names nor the per-request test options: each is a usage error (exit 2) before any network access. The
 * same command lines get past option parsing under the test entry point ({@link TestCli}).
 */
class ProductionCommandsTest {
  private static final String ROOT = "0x" + "11".repeat(32);
  // A closed loopback port: nothing is fetched in the production runs (they stop at parsing).
  private static final String URL = "http://127.0.0.1:9";

  private record Run(int code, JsonNode json, String err) {}

  private static Run run(final boolean test, final String... argv) {
    final ByteArrayOutputStream o = new ByteArrayOutputStream();
    final ByteArrayOutputStream e = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(o, true, StandardCharsets.UTF_8);
    final PrintStream err = new PrintStream(e, true, StandardCharsets.UTF_8);
    final int code = test ? TestCli.run(List.of(argv), out, err) : Main.run(List.of(argv), out, err);
    final String text = o.toString(StandardCharsets.UTF_8).trim();
    return new Run(code, text.isEmpty() ? null : RpcJson.parse(text),
        e.toString(StandardCharsets.UTF_8));
  }

  private static void assertUsage(final Run r, final String inDetail) {
    assertEquals(Command.USAGE, r.code(), r.err());
    assertEquals("cli.USAGE_ERROR", r.json().get("reason").asText());
    assertTrue(r.json().get("detail").asText().contains(inDetail), r.json().toString());
  }

  @Test
  void devnetNetworksAreNotProductionNetworks() {
    for (final String net : List.of(DevnetChain.NAME, DevnetChain.GLOAS_NAME)) {
      assertUsage(run(false, "sync", "--network", net, "--beacon-api", URL, "--checkpoint", ROOT, "--json"),
          "--network must be mainnet, sepolia, hoodi, minimal or a config.yaml file; got '" + net + "'");
      assertUsage(run(false, "verify", "message", "--network", net, "--beacon-api", URL, "--execution-rpc", URL,
          "--checkpoint", ROOT, "--tx", ROOT, "--json"), "got '" + net + "'");
      assertUsage(run(false, "watch", "--network", net, "--beacon-api", URL, "--execution-rpc", URL, "--checkpoint",
          ROOT, "--emitter", "0x" + "22".repeat(20), "--json"), "got '" + net + "'");
      final Run network = run(false, "network", net);
      assertEquals(Command.USAGE, network.code(), network.err());
      assertTrue(network.err().contains("got '" + net + "'"), network.err());
    }
  }

  @Test
  void testOptionsAreNotProductionOptions() {
    for (final String opt : List.of("--timeout-ms", "--attempts")) {
      final List<String> a = new ArrayList<>(List.of("sync", "--network", "mainnet", "--beacon-api", URL,
          "--checkpoint", ROOT, opt, "1", "--json"));
      assertUsage(run(false, a.toArray(String[]::new)), "unknown option " + opt);
    }
  }

  @Test
  void theTestEntryPointAcceptsThem() {
    // Past parsing: the devnet network and the options are taken, and the run fails on the closed port instead.
    final Run r = run(true, "sync", "--network", DevnetChain.NAME, "--beacon-api", URL, "--checkpoint", ROOT,
        "--timeout-ms", "300", "--attempts", "1", "--json");
    assertEquals(Command.REJECTED, r.code(), r.err());
    assertTrue(r.json().get("reason").asText().startsWith("source."), r.json().toString());
  }
}
