package io.trestle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.testkit.serve.RecordedChainServer;
import io.trestle.testkit.serve.RecordedDataset;
import io.trestle.proofs.json.RpcJson;
import io.trestle.testkit.devnet.DevnetChain;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trestle watch} in a real child JVM, output to a pipe (no terminal): lines arrive while it runs, and SIGTERM
 * stops it cleanly with the store saved and a {@code stopped} line.
 */
class WatchSignalTest {
  @Test
  void speaksWithoutATerminalAndStopsCleanlyOnSigterm(@TempDir final Path store) throws Exception {
    final DevnetChain chain = DemoCommand.devnet();
    try (RecordedChainServer server = RecordedChainServer.start(RecordedDataset.devnet(chain))) {
      final List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-cp", System.getProperty("java.class.path"), "io.trestle.cli.TestCli", "watch", "--network",
          DevnetChain.NAME, "--beacon-api", server.url(), "--execution-rpc", server.url(), "--checkpoint",
          chain.checkpointRoot().toHex(), "--current-slot", Long.toString(chain.currentSlot()), "--emitter",
          DevnetChain.BRIDGE.toHex(), "--store", store.toString(), "--interval-ms", "200", "--json"));
      final Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      final List<JsonNode> lines = new ArrayList<>();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String l;
        // Lines arrive as the loop runs (the process is still running while we read them).
        while ((l = r.readLine()) != null) {
          final JsonNode n = RpcJson.parse(l);
          lines.add(n);
          if (n.get("event").asText().equals("caughtUp")) {
            assertTrue(p.isAlive(), "the caughtUp line arrived while the watcher runs");
            p.toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of the pipe)
            break;
          }
        }
        while ((l = r.readLine()) != null) {
          lines.add(RpcJson.parse(l));
        }
      }
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the watcher exits after SIGTERM");
      final List<String> events = lines.stream().map(n -> n.get("event").asText()).toList();
      assertTrue(events.contains("header"), events.toString());
      assertTrue(events.contains("message"), events.toString());
      final JsonNode last = lines.get(lines.size() - 1);
      assertEquals("stopped", last.get("event").asText(), events.toString());
      assertEquals("SIGTERM", last.get("cause").asText());
      assertTrue(last.get("storeSaved").asBoolean());
      assertTrue(Files.exists(store.resolve("store.bin")));
      assertEquals(chain.finalizedBlockNumber(), last.get("cursorBlock").asLong());
    }
  }
}
