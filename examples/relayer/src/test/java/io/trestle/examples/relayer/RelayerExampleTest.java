package io.trestle.examples.relayer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.testkit.serve.RecordedChainServer;
import io.trestle.testkit.serve.RecordedDataset;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.config.Fork;
import io.trestle.testkit.devnet.DevnetChain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example relayer against the demo's recorded-chain server (the generated devnet over loopback HTTP): it follows
 * finality from the checkpoint and delivers the bridge's MessageSent event, skipping the receipt's other log. And
 * the README's embedding section is this program's code, so it cannot go stale.
 */
class RelayerExampleTest {
  @TempDir
  Path tmp;

  /** The devnet's network as a consensus config.yaml (its own generated values). */
  private static String configYaml(final DevnetChain chain) {
    final ChainConfig c = chain.config();
    final StringBuilder y = new StringBuilder("PRESET_BASE: '" + c.preset().name() + "'\nCONFIG_NAME: '"
        + DevnetChain.NAME + "'\nMIN_GENESIS_TIME: " + c.genesisTime() + "\nGENESIS_DELAY: 0\nSECONDS_PER_SLOT: "
        + c.secondsPerSlot() + "\nDEPOSIT_CHAIN_ID: " + DevnetChain.CHAIN_ID + "\n");
    for (final ChainConfig.ForkEntry e : c.schedule()) {
      final String key = e.fork() == Fork.PHASE0 ? "GENESIS" : e.fork().specName().toUpperCase(Locale.ROOT);
      y.append(key).append("_FORK_VERSION: ").append(e.version().toHex()).append('\n');
      if (e.fork() != Fork.PHASE0) {
        y.append(key).append("_FORK_EPOCH: ").append(e.epoch()).append('\n');
      }
    }
    return y.toString();
  }

  @Test
  void deliversTheBridgeEventFromTheRecordedDevnet() throws Exception {
    final DevnetChain chain = DevnetChain.generate(1);
    final Path yaml = tmp.resolve("devnet.yaml");
    Files.writeString(yaml, configYaml(chain));
    try (RecordedChainServer server = RecordedChainServer.start(RecordedDataset.devnet(chain))) {
      final ByteArrayOutputStream buf = new ByteArrayOutputStream();
      final int code = Relayer.run(List.of("--network", yaml.toString(), "--genesis-validators-root",
          chain.config().genesisValidatorsRoot().toHex(), "--beacon-api", server.url(), "--execution-rpc", server.url(),
          "--checkpoint", chain.checkpointRoot().toHex(), "--bridge", DevnetChain.BRIDGE.toHex(), "--event",
          DevnetChain.MESSAGE_SENT, "--tx", chain.bridgeTxHash().toHex(), "--rounds", "1", "--current-slot",
          Long.toString(chain.currentSlot())), new PrintStream(buf, true, StandardCharsets.UTF_8));
      final String out = buf.toString(StandardCharsets.UTF_8);
      assertEquals(0, code, out);
      assertTrue(out.contains("sync: SYNCED"), out);
      assertTrue(out.contains("DELIVERED "), out);
      final String line = out.lines().filter(l -> l.startsWith("DELIVERED")).findFirst().orElseThrow();
      assertTrue(line.contains(" chain " + DevnetChain.CHAIN_ID + " "), line);
      assertTrue(line.contains(" block " + chain.bridgeBlockNumber() + " "), line);
      assertTrue(line.contains(" log " + chain.bridgeLogIndex() + " "), line);
      // the data as the recorded receipt JSON has it
      final String data = new com.fasterxml.jackson.databind.ObjectMapper().readTree(chain.bridgeReceiptJson())
          .get("logs").get(chain.bridgeLogIndex()).get("data").asText();
      assertTrue(line.endsWith(" data " + data), line);
      assertEquals(1, out.lines().filter(l -> l.startsWith("DELIVERED")).count(), out);
      // the receipt's other log (the Locked event) is verified but not this bridge's event
      assertTrue(out.contains("skipped log ") && out.contains("proof.LOG_NOT_EXPECTED"), out);
    }
  }

  @Test
  void aTransactionTheChainDoesNotHaveStaysPending() throws Exception {
    final DevnetChain chain = DevnetChain.generate(1);
    final Path yaml = tmp.resolve("devnet.yaml");
    Files.writeString(yaml, configYaml(chain));
    try (RecordedChainServer server = RecordedChainServer.start(RecordedDataset.devnet(chain))) {
      final ByteArrayOutputStream buf = new ByteArrayOutputStream();
      final int code = Relayer.run(List.of("--network", yaml.toString(), "--genesis-validators-root",
          chain.config().genesisValidatorsRoot().toHex(), "--beacon-api", server.url(), "--execution-rpc", server.url(),
          "--checkpoint", chain.checkpointRoot().toHex(), "--bridge", DevnetChain.BRIDGE.toHex(), "--event",
          DevnetChain.MESSAGE_SENT, "--tx", "0x" + "ab".repeat(32), "--rounds", "1", "--current-slot",
          Long.toString(chain.currentSlot())), new PrintStream(buf, true, StandardCharsets.UTF_8));
      final String out = buf.toString(StandardCharsets.UTF_8);
      assertEquals(1, code, out);
      assertTrue(out.contains("pending 0x" + "ab".repeat(32) + ": source.NOT_FOUND"), out);
    }
  }

  /** The README's embedding section is the code between the README markers of {@link Relayer}, dedented. */
  @Test
  void readmeEmbeddingSectionIsThisProgram() throws Exception {
    final List<String> src = Files.readAllLines(Path.of("src/main/java/io/trestle/examples/relayer/Relayer.java"));
    final List<String> region = between(src, "// README:BEGIN", "// README:END");
    final int indent = region.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    final List<String> expected = new ArrayList<>();
    region.forEach(l -> expected.add(l.isBlank() ? "" : l.substring(indent)));
    final List<String> readme = Files.readAllLines(Path.of("../../README.md"));
    final List<String> section = between(readme, "<!-- relayer-example:begin -->", "<!-- relayer-example:end -->");
    assertEquals("```java", section.get(0));
    assertEquals("```", section.get(section.size() - 1));
    assertEquals(String.join("\n", expected), String.join("\n", section.subList(1, section.size() - 1)),
        "README.md's embedding section differs from examples/relayer's Relayer.java: copy the region between the"
            + " README markers into the README");
  }

  private static List<String> between(final List<String> lines, final String begin, final String end) {
    int b = -1;
    int e = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).trim().equals(begin)) {
        assertEquals(-1, b, "one " + begin);
        b = i;
      } else if (lines.get(i).trim().equals(end)) {
        assertEquals(-1, e, "one " + end);
        e = i;
      }
    }
    assertTrue(b >= 0 && e > b, "markers " + begin + " / " + end);
    return lines.subList(b + 1, e);
  }
}
