package io.trestle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.testkit.serve.RecordedChainServer;
import io.trestle.testkit.serve.RecordedDataset;
import io.trestle.proofs.json.RpcJson;
import io.trestle.testkit.devnet.DevnetChain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trestle watch} and {@code sync --follow} over the generated devnet served by the recorded-chain server. */
class WatchCommandTest {
  private static DevnetChain chain;
  private static RecordedChainServer server;

  @BeforeAll
  static void start() {
    chain = DemoCommand.devnet();
    server = RecordedChainServer.start(RecordedDataset.devnet(chain));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private record Run(int code, List<JsonNode> lines, String out, String err) {
    List<JsonNode> events(final String kind) {
      return lines.stream().filter(l -> l.path("event").asText().equals(kind)).toList();
    }
  }

  private static Run run(final List<String> argv) {
    final ByteArrayOutputStream o = new ByteArrayOutputStream();
    final ByteArrayOutputStream e = new ByteArrayOutputStream();
    final int code = TestCli.run(argv, new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8));
    final String out = o.toString(StandardCharsets.UTF_8);
    final List<JsonNode> lines = new ArrayList<>();
    if (argv.contains("--json")) {
      out.lines().forEach(l -> lines.add(RpcJson.parse(l)));
    }
    return new Run(code, lines, out, e.toString(StandardCharsets.UTF_8));
  }

  private static List<String> watch(final Path store, final String... extra) {
    final List<String> a = new ArrayList<>(List.of("watch", "--network", DevnetChain.NAME, "--beacon-api",
        server.url(), "--execution-rpc", server.url(), "--checkpoint", chain.checkpointRoot().toHex(),
        "--current-slot", Long.toString(chain.currentSlot()), "--emitter", DevnetChain.BRIDGE.toHex(), "--event",
        DevnetChain.MESSAGE_SENT, "--store", store.toString(), "--rounds", "2", "--interval-ms", "10"));
    a.addAll(List.of(extra));
    return a;
  }

  @Test
  void streamsTheBridgeMessageOnceAcrossRestarts(@TempDir final Path store) {
    final Run first = run(watch(store, "--json"));
    assertEquals(0, first.code(), first.out() + first.err());
    final List<JsonNode> msgs = first.events("message");
    assertEquals(1, msgs.size(), first.out());
    final JsonNode m = msgs.get(0);
    // Expected values from the devnet generator (where it placed the bridge log), not from the stream.
    assertEquals(chain.bridgeBlockNumber(), m.get("blockNumber").asLong());
    assertEquals(chain.bridgeBlockHash().toHex(), m.get("blockHash").asText());
    assertEquals(chain.bridgeTxIndex(), m.get("txIndex").asInt());
    assertEquals(chain.bridgeLogIndex(), m.get("logIndex").asInt());
    assertEquals(chain.bridgeBlockLogIndex(), m.get("blockLogIndex").asInt());
    assertEquals(chain.bridgeLog().data().toHex(), m.get("data").asText());
    assertEquals(DevnetChain.CHAIN_ID, m.get("chainId").asLong());
    assertEquals("header", first.lines().get(1).get("event").asText(), first.out());
    final JsonNode stopped = first.events("stopped").get(0);
    assertTrue(stopped.get("storeSaved").asBoolean(), first.out());
    assertEquals(chain.finalizedBlockNumber(), stopped.get("cursorBlock").asLong());
    assertTrue(Files.exists(store.resolve("store.bin")));
    // A second run resumes from the store and cursor: nothing re-emitted.
    final Run second = run(watch(store, "--json"));
    assertEquals(0, second.code(), second.out());
    assertEquals(0, second.events("message").size(), second.out());
  }

  @Test
  void messagesToAFileAndTextEventsOnStdout(@TempDir final Path dir) throws Exception {
    final Path file = dir.resolve("messages.jsonl");
    final Run r = run(watch(dir.resolve("store"), "--out", file.toString()));
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("stream: caught up with finalized block " + chain.finalizedBlockNumber()), r.out());
    assertTrue(r.out().contains("store saved"), r.out());
    final List<String> lines = Files.readAllLines(file);
    assertEquals(1, lines.size());
    assertEquals(chain.bridgeTxIndex(), RpcJson.parse(lines.get(0)).get("txIndex").asInt());
  }

  @Test
  void lyingExecutionSourceIsAFailureLineNotAMessage(@TempDir final Path store) {
    try (RecordedChainServer liar = RecordedChainServer.start(RecordedDataset.devnet(chain))) {
      // Drop the last receipt of every block.
      liar.misbehave("rpc:eth_getBlockReceipts", RecordedChainServer.Hook.body(b -> {
        final JsonNode n = RpcJson.parse(new String(b, StandardCharsets.UTF_8));
        final com.fasterxml.jackson.databind.node.ArrayNode arr =
            (com.fasterxml.jackson.databind.node.ArrayNode) n.get("result");
        arr.remove(arr.size() - 1);
        return n.toString().getBytes(StandardCharsets.UTF_8);
      }));
      final List<String> a = watch(store, "--json");
      a.set(a.indexOf("--execution-rpc") + 1, liar.url());
      final Run r = run(a);
      assertEquals(0, r.events("message").size(), r.out());
      final List<JsonNode> failures = r.events("failure");
      assertEquals(2, failures.size(), "one failure line per pass: " + r.out());
      assertEquals("proof.RECEIPTS_ROOT_MISMATCH", failures.get(0).get("reason").asText());
      assertEquals(chain.finalizedBlockNumber(), failures.get(0).get("blockNumber").asLong());
    }
  }

  @Test
  void usage() {
    final Run noFilter = run(List.of("watch", "--network", DevnetChain.NAME, "--beacon-api", server.url(),
        "--execution-rpc", server.url(), "--checkpoint", chain.checkpointRoot().toHex()));
    assertEquals(2, noFilter.code());
    assertTrue(noFilter.err().contains("give a filter"), noFilter.err());
  }
}
