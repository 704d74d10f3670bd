package io.trestle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.testbase.Vectors;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  private static final String DATA = Vectors.root().toString();

  @Test
  void demoVerifiesEveryStepOfTheShippedData() throws Exception {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final int code = Main.run(List.of("demo", "--data", DATA, "--json"), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    final JsonNode o = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    assertEquals(0, code, o.toPrettyString());
    assertTrue(o.get("verified").asBoolean());
    assertTrue(o.get("steps").size() >= 7, o.toPrettyString());
    for (final JsonNode s : o.get("steps")) {
      assertTrue(s.get("verified").asBoolean(), s.toPrettyString());
    }
    // The receipt step proves the real DepositEvent (topic0 = keccak of the event signature, per the deposit contract).
    assertTrue(o.toString().contains("0x649bbc62d0e31342afea4e5cd82d4049e7e1ee912fc0889aa790803be39038c5"));
    // Real mainnet over HTTP: helios' period-867 update finalizes slot 7104096 (recorded upstream).
    assertTrue(o.toString().contains("slot 7104096"), o.toPrettyString());
    // Generated devnet: the bridge message as generated, proven over JSON-RPC.
    final io.trestle.testkit.devnet.DevnetChain chain = DemoCommand.devnet();
    assertTrue(o.toString().contains("data " + chain.bridgeLog().data().toHex()), o.toPrettyString());
    assertTrue(o.toString().contains(chain.bridgeTxHash().toString()));
    // The Fulu→Gloas devnet: the store crosses the fork and the bridge message is proven from a Gloas header.
    final io.trestle.testkit.devnet.DevnetChain gloas = DemoCommand.devnetGloas();
    assertTrue(o.toString().contains("upgraded to gloas"), o.toPrettyString());
    assertTrue(o.toString().contains("block " + gloas.bridgeBlockNumber() + " " + gloas.bridgeBlockHash()),
        o.toPrettyString());
    long labelled = 0;
    for (final JsonNode s : o.get("steps")) {
      if (s.get("data").asText().contains("devnet")) {
        labelled++;
      }
    }
    assertEquals(6, labelled, "six generated-devnet steps (sync, message, account on trestle-devnet; two crossing Fulu to"
        + " Gloas; the stream), labelled as such");
    // The short stream: the bridge message of the devnet generated 8 blocks deep, at the position the generator
    // placed it (block, tx, log).
    final io.trestle.testkit.devnet.DevnetChain deep =
        io.trestle.testkit.devnet.DevnetChain.generate(DemoCommand.DEVNET_SEED, DemoCommand.STREAM_DEPTH);
    assertTrue(o.toString().contains("block " + deep.bridgeBlockNumber() + " tx " + deep.bridgeTxIndex() + " log "
        + deep.bridgeLogIndex() + " topic0"), o.toPrettyString());
  }

  @Test
  void missingDataIsAUsageError(@TempDir final Path tmp) {
    final int code = Main.run(List.of("demo", "--data", tmp.toString()),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertEquals(2, code);
  }
}
