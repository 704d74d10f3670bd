package io.trestle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.testbase.Vectors;
import io.trestle.testkit.serve.CometRpcServer;
import io.trestle.cosmos.light.LightBlock;
import io.trestle.cosmos.light.LightBlockJson;
import io.trestle.vectors.cosmos.CometChain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trestle cosmos sync} on the eureka simd fixture, on generated chain files and over loopback RPC. */
class CosmosSyncCommandTest {
  static final Path EUREKA =
      Vectors.path("solidity-ibc-eureka/packages/tendermint-light-client/fixtures/update_client_happy_path.json");
  static final ObjectMapper M = new ObjectMapper();
  static final Instant GENESIS = Instant.parse("2026-01-01T00:00:00Z");
  static final CometChain CHAIN = CometChain.demo("c-1", GENESIS, 30, h -> CometChain.sha("app" + h));

  @TempDir Path tmp;

  record Run(int code, String out, String err) {
    JsonNode json() throws Exception {
      return M.readTree(out);
    }
  }

  static Run run(final String... args) {
    final ByteArrayOutputStream o = new ByteArrayOutputStream();
    final ByteArrayOutputStream e = new ByteArrayOutputStream();
    final List<String> argv = new ArrayList<>(List.of("cosmos", "sync"));
    argv.addAll(Arrays.asList(args));
    final int code = Main.run(argv, new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8));
    return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  /** Every {@code reason} in the output, top level, per step and per witness, is in a cosmos.* namespace. */
  static void assertNamespaced(final JsonNode j) {
    int n = 0;
    for (final JsonNode r : j.findValues("reason")) {
      assertTrue(r.asText().matches("cosmos\\.(light|store|ics23)\\.[A-Z0-9_]+"), "reason " + r + " in " + j);
      n++;
    }
    assertTrue(n > 0, "a rejection names a reason: " + j);
  }

  @Test
  void eurekaClientUpdate() throws Exception {
    final Run r = run("--chain-id", "simd-2", "--light-blocks", EUREKA.toString(), "--now", "2025-09-15T10:32:23Z",
        "--json");
    assertEquals(0, r.code(), r.out() + r.err());
    final JsonNode j = r.json();
    assertEquals(38, j.get("height").asLong());
    assertEquals("0x71eb1e2594934066d8dcf91522cd1f58b14b41d85fe083e79d5ac0f63cc011db", j.get("hash").asText());
    assertEquals(20, j.get("trust_root").get("height").asLong());
    // a month later the trusted consensus state has expired (trusting period 14 days)
    final Run late = run("--chain-id", "simd-2", "--light-blocks", EUREKA.toString(), "--now", "2025-10-15T10:32:23Z",
        "--json");
    assertEquals(1, late.code());
    assertEquals("cosmos.light.TRUSTED_STATE_EXPIRED", late.json().get("reason").asText());
    assertNamespaced(late.json());
    // the wrong chain id is a usage error (exit 2) with one JSON object
    final Run wrong = run("--chain-id", "simd-3", "--light-blocks", EUREKA.toString(), "--now", "2025-09-15T10:32:23Z",
        "--json");
    assertEquals(2, wrong.code());
    assertEquals("cli.USAGE_ERROR", wrong.json().get("reason").asText());
  }

  private Path write(final String name, final List<LightBlock> blocks) throws Exception {
    final var arr = M.createArrayNode();
    blocks.forEach(b -> arr.add(LightBlockJson.write(b)));
    final Path p = tmp.resolve(name);
    Files.writeString(p, arr.toString());
    return p;
  }

  @Test
  void generatedChainFromFilesWithBisection() throws Exception {
    final Path f1 = write("a.json", List.of(CHAIN.rpcBlock(1), CHAIN.rpcBlock(15)));
    final Path f2 = write("b.json", List.of(CHAIN.rpcBlock(30)));
    final String hash1 = CHAIN.block(1).commit().blockId().hash().toHex();
    final Run r = run("--chain-id", "c-1", "--trusted-height", "1", "--trusted-hash", hash1, "--light-blocks",
        f1.toString(), f2.toString(), "--now", "2026-01-01T02:00:00Z", "--json");
    assertEquals(0, r.code(), r.out() + r.err());
    final JsonNode j = r.json();
    assertEquals(30, j.get("height").asLong());
    assertEquals(CHAIN.block(30).commit().blockId().hash().toHex(), j.get("hash").asText());
    assertEquals(3, j.get("steps").size());
    assertEquals("NOT_ENOUGH_TRUST", j.get("steps").get(0).get("verdict").asText());
    assertEquals("cosmos.light.NOT_ENOUGH_TRUST", j.get("steps").get(0).get("reason").asText());
    // without the pivot block: not enough trust, ends at the trusted height
    final Run r2 = run("--chain-id", "c-1", "--trusted-height", "1", "--trusted-hash", hash1, "--light-blocks",
        f2.toString(), write("c.json", List.of(CHAIN.rpcBlock(1))).toString(), "--now", "2026-01-01T02:00:00Z");
    assertEquals(1, r2.code());
    assertTrue(r2.out().contains("REJECTED cosmos.light.NOT_ENOUGH_TRUST"), r2.out());
    assertTrue(r2.out().contains("ended at height 1"), r2.out());
    // a wrong trusted hash is refused as the trust root
    final Run r3 = run("--chain-id", "c-1", "--trusted-height", "1", "--trusted-hash",
        CHAIN.block(2).commit().blockId().hash().toHex(), "--light-blocks", f1.toString(), "--now",
        "2026-01-01T02:00:00Z", "--json");
    assertEquals(1, r3.code());
    assertEquals("cosmos.light.TRUST_ROOT_MISMATCH", r3.json().get("reason").asText());
    assertNamespaced(r3.json());
  }

  @Test
  void overLoopbackRpc() throws Exception {
    final List<LightBlock> blocks = new ArrayList<>();
    for (long h = 1; h <= 30; h++) {
      blocks.add(CHAIN.rpcBlock(h));
    }
    try (CometRpcServer s = CometRpcServer.start(blocks)) {
      final Run r = run("--chain-id", "c-1", "--trusted-height", "1", "--trusted-hash",
          CHAIN.block(1).commit().blockId().hash().toHex(), "--rpc", s.url(), "--now", "2026-01-01T02:00:00Z",
          "--json");
      assertEquals(0, r.code(), r.out() + r.err());
      assertEquals(30, r.json().get("height").asLong());
    }
  }

  @Test
  void witnessesAgreeOrRaiseTheAlarm() throws Exception {
    final List<LightBlock> blocks = new ArrayList<>();
    for (long h = 1; h <= 30; h++) {
      blocks.add(CHAIN.rpcBlock(h));
    }
    // the validators of height 30 also sign a conflicting header (another app hash)
    final LightBlock b30 = CHAIN.block(30);
    final LightBlock fork = CometChain.sign(b30.header().withAppHash(CometChain.sha("fork")), b30.validatorSet(),
        java.util.Optional.empty(), CHAIN.keys(), CometChain.allOf(b30.validatorSet()), "c-1", 0);
    final String hash1 = CHAIN.block(1).commit().blockId().hash().toHex();
    try (CometRpcServer primary = CometRpcServer.start(blocks);
        CometRpcServer honest = CometRpcServer.start(blocks);
        CometRpcServer liar = CometRpcServer.startForked(blocks, h -> h == 30 ? fork : null)) {
      final Run ok = run("--chain-id", "c-1", "--trusted-height", "1", "--trusted-hash", hash1, "--rpc", primary.url(),
          "--witness", honest.url(), "--now", "2026-01-01T02:00:00Z", "--json");
      assertEquals(0, ok.code(), ok.out() + ok.err());
      assertEquals("AGREES", ok.json().get("witnesses").get(0).get("result").asText());
      final Run alarm = run("--chain-id", "c-1", "--trusted-height", "1", "--trusted-hash", hash1, "--rpc",
          primary.url(), "--witness", honest.url(), "--witness", liar.url(), "--now", "2026-01-01T02:00:00Z", "--json");
      assertEquals(1, alarm.code(), alarm.out());
      final JsonNode j = alarm.json();
      assertEquals(false, j.get("verified").asBoolean());
      assertEquals("cosmos.light.CONFLICTING_HEADERS", j.get("reason").asText());
      assertNamespaced(j);
      assertEquals("CONFLICT", j.get("witnesses").get(1).get("result").asText());
      assertEquals("30", j.get("evidence").get("height").asText());
    }
  }

  @Test
  void storeResumesAndRefusesDamage() throws Exception {
    final Path dir = tmp.resolve("store");
    final String hash1 = CHAIN.block(1).commit().blockId().hash().toHex();
    final Run first = run("--chain-id", "c-1", "--trusted-height", "1", "--trusted-hash", hash1, "--light-blocks",
        write("a.json", List.of(CHAIN.rpcBlock(1), CHAIN.rpcBlock(15))).toString(), "--now", "2026-01-01T02:00:00Z",
        "--store", dir.toString());
    assertEquals(0, first.code(), first.out() + first.err());
    assertTrue(first.out().contains("saved trusted state at height 15"), first.out());
    // resume from the stored height 15 (no trust options): 15 -> 30 is a skip E, F can bridge
    final Path b30 = write("b.json", List.of(CHAIN.rpcBlock(30)));
    final Run second = run("--chain-id", "c-1", "--light-blocks", b30.toString(), "--now", "2026-01-01T02:00:00Z",
        "--store", dir.toString(), "--json");
    assertEquals(0, second.code(), second.out() + second.err());
    assertEquals(15, second.json().get("trust_root").get("height").asLong());
    assertEquals(30, second.json().get("height").asLong());
    // trust options next to a populated store are a usage error
    assertEquals(2, run("--chain-id", "c-1", "--trusted-height", "1", "--trusted-hash", hash1, "--light-blocks",
        b30.toString(), "--now", "2026-01-01T02:00:00Z", "--store", dir.toString()).code());
    // a damaged store is refused, not trusted
    final Path f = dir.resolve(io.trestle.cosmos.light.TrustedStateStore.STATE);
    final byte[] bytes = Files.readAllBytes(f);
    bytes[bytes.length / 3] ^= 0x20;
    Files.write(f, bytes);
    final Run damaged = run("--chain-id", "c-1", "--light-blocks", b30.toString(), "--now", "2026-01-01T02:00:00Z",
        "--store", dir.toString(), "--json");
    assertEquals(1, damaged.code());
    assertEquals("cosmos.store.CORRUPT", damaged.json().get("reason").asText());
    assertNamespaced(damaged.json());
  }

  @Test
  void badInputIsExitTwoWithoutStackTrace() throws Exception {
    final Path junk = tmp.resolve("junk.json");
    Files.writeString(junk, "{\"signed_header\": 5}");
    final Run r = run("--chain-id", "c-1", "--trusted-height", "1", "--trusted-hash", "00".repeat(32),
        "--light-blocks", junk.toString(), "--now", "2026-01-01T02:00:00Z");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("signed_header"), r.err());
    assertTrue(!r.err().contains("Exception"), r.err());
    assertEquals(2, run("--chain-id", "c-1", "--light-blocks", junk.toString(), "--now", "yesterday").code());
  }
}
