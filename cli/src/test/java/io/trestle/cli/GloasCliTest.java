package io.trestle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.testkit.serve.RecordedChainServer;
import io.trestle.testkit.serve.RecordedDataset;
import io.trestle.testkit.devnet.DevnetChain;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI across Fulu→Gloas: {@code sync} online (JSON and SSZ) and offline on the crossing devnet, and
 * {@code network} printing schedules whose Gloas digests are the published ones (GLOAS.md §3).
 */
class GloasCliTest {
  private static DevnetChain chain;
  private static RecordedChainServer server;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    chain = DemoCommand.devnetGloas();
    server = RecordedChainServer.start(RecordedDataset.devnet(chain));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private record Run(int code, String out, String err) {
    JsonNode json() {
      return io.trestle.proofs.json.RpcJson.parse(out);
    }
  }

  private static Run run(final String... argv) {
    final ByteArrayOutputStream o = new ByteArrayOutputStream();
    final ByteArrayOutputStream e = new ByteArrayOutputStream();
    final int code = TestCli.run(List.of(argv), new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8));
    return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  @Test
  void onlineSyncFollowsTheChainAcrossGloas() {
    for (final String enc : List.of("json", "ssz")) {
      final Run r = run("sync", "--network", DevnetChain.GLOAS_NAME, "--beacon-api", server.url(), "--checkpoint",
          chain.checkpointRoot().toHex(), "--current-slot", Long.toString(chain.currentSlot()), "--encoding", enc,
          "--json");
      assertEquals(0, r.code(), r.out() + r.err());
      final JsonNode j = r.json();
      assertTrue(j.get("verified").asBoolean());
      assertEquals(chain.finalityUpdate().finalizedHeader().beacon().slot(), j.at("/finalized/slot").asLong());
      assertEquals(chain.finalizedBlockHash().toString(), j.at("/finalized/execution/blockHash").asText());
      assertTrue(j.at("/finalized/execution/hashOnly").asBoolean());
    }
  }

  @Test
  void bridgeMessageFromAGloasFinalizedHeaderThroughTheAmsterdamHeader() {
    final Run m = run("verify", "message", "--network", DevnetChain.GLOAS_NAME, "--beacon-api", server.url(),
        "--execution-rpc", server.url(), "--tx", chain.bridgeTxHash().toHex(), "--checkpoint",
        chain.checkpointRoot().toHex(), "--current-slot", Long.toString(chain.currentSlot()),
        "--log-index", Integer.toString(chain.bridgeLogIndex()), "--json");
    assertEquals(0, m.code(), m.out() + m.err());
    final JsonNode msg = m.json().at("/messages/0");
    assertEquals(chain.bridgeLog().address().toHex(), msg.get("emitter").asText());
    assertEquals(chain.bridgeLog().data().toHex(), msg.get("data").asText());
    assertEquals("FINALIZED", msg.get("finality").asText());
    assertEquals(chain.bridgeBlockHash().toString(), msg.get("blockHash").asText());
    // the bridge block is an Amsterdam block: its header has 23 fields
    assertEquals(23, io.trestle.proofs.execution.ExecutionHeader.decode(chain.bridgeBlockHeaderRlp().toArray())
        .fieldCount());
  }

  @Test
  void offlineSyncFromBeaconApiFiles() throws IOException {
    Files.writeString(tmp.resolve("b.json"), chain.bootstrapJson());
    Files.writeString(tmp.resolve("u.json"), chain.updatesJson());
    Files.writeString(tmp.resolve("f.json"), chain.finalityUpdateJson());
    Files.writeString(tmp.resolve("o.json"), chain.optimisticUpdateJson());
    final Run r = run("sync", "--network", DevnetChain.GLOAS_NAME, "--checkpoint", chain.checkpointRoot().toHex(),
        "--bootstrap", tmp.resolve("b.json").toString(), "--updates", tmp.resolve("u.json").toString(),
        "--finality-update", tmp.resolve("f.json").toString(), "--optimistic-update", tmp.resolve("o.json").toString(),
        "--current-slot", Long.toString(chain.currentSlot()), "--json");
    assertEquals(0, r.code(), r.out() + r.err());
    final JsonNode j = r.json();
    assertEquals(8, j.get("steps").size());
    for (final JsonNode s : j.get("steps")) {
      assertEquals("applied", s.get("result").asText(), s.toString());
    }
    assertEquals(chain.finalizedBlockHash().toString(), j.at("/finalized/execution/blockHash").asText());
    // a Gloas update served with a Fulu label (the server re-typed it): a rejection with a reason, exit 1
    Files.writeString(tmp.resolve("bad.json"), chain.updatesJson().replace("\"version\":\"gloas\"",
        "\"version\":\"fulu\""));
    final Run bad = run("sync", "--network", DevnetChain.GLOAS_NAME, "--checkpoint", chain.checkpointRoot().toHex(),
        "--bootstrap", tmp.resolve("b.json").toString(), "--updates", tmp.resolve("bad.json").toString(),
        "--current-slot", Long.toString(chain.currentSlot()), "--json");
    assertEquals(1, bad.code(), bad.out() + bad.err());
    assertEquals("lightclient.SSZ_INVALID", bad.json().get("reason").asText());
    assertTrue(bad.json().get("detail").asText().contains("attested_header.execution_block_hash"), bad.out());
  }

  @Test
  void networkPrintsThePublishedGloasDigests() {
    final Run s = run("network", "sepolia", "--json");
    assertEquals(0, s.code(), s.err());
    final JsonNode gloas = s.json().at("/forks/7");
    assertEquals("gloas", gloas.get("fork").asText());
    assertEquals("0x90000076", gloas.get("version").asText());
    assertEquals("353024", gloas.get("epoch").asText());
    assertEquals("11296768", gloas.get("first_slot").asText());
    assertEquals("0x669e6c11", gloas.get("digest").asText());
    assertEquals(9, gloas.at("/light_client/finality_branch").asInt());
    assertEquals(11, gloas.at("/light_client/sync_committee_branch").asInt());
    assertEquals(11, gloas.at("/light_client/execution_branch").asInt());
    final Run h = run("network", "hoodi", "--json");
    final List<String> digests = new java.util.ArrayList<>();
    h.json().get("digests").forEach(d -> digests.add(d.get("digest").asText()));
    // GLOAS.md §3: Electra, Fulu@fork, BPO1, BPO2, Gloas
    assertTrue(digests.containsAll(List.of("0x82556a32", "0xe2abcca4", "0xae9f70a0", "0xc6ecb76c", "0x5ad30129")),
        digests.toString());
    final Run m = run("network", "mainnet", "--json");
    final JsonNode mg = m.json().at("/forks/7");
    assertEquals("gloas", mg.get("fork").asText());
    assertTrue(mg.get("epoch").isNull());
    final Run unknown = run("network", "no-such-net");
    assertEquals(2, unknown.code());
  }
}
