package io.trestle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.testbase.Vectors;
import io.trestle.testkit.serve.RecordedChainServer;
import io.trestle.testkit.serve.RecordedChainServer.Hook;
import io.trestle.testkit.serve.RecordedDataset;
import io.trestle.crypto.Bytes;
import io.trestle.lightclient.bls.SyncCommitteeVerifier;
import io.trestle.lightclient.store.StoreFile.LoadResult;
import io.trestle.lightclient.store.StoreFile;
import io.trestle.lightclient.types.LightClientFinalityUpdate;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.types.SyncAggregate;
import io.trestle.testkit.devnet.DevnetChain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through real HTTP on 127.0.0.1: the CLI's online sync and message/account verification against a
 * {@link RecordedChainServer}, honest and lying. Expected values come from the generated devnet's own record
 * (its bridge log, block, checkpoint) and the real mainnet helios data (slots recorded upstream), never from the
 * code under test; every refusal must leave the persisted store as it was.
 */
class OnlineE2ETest {
  private static DevnetChain chain;
  private static RecordedDataset devnet;
  private static RecordedChainServer honest;

  @TempDir
  Path tmp;

  @BeforeAll
  static void start() {
    chain = DemoCommand.devnet();
    devnet = RecordedDataset.devnet(chain);
    honest = RecordedChainServer.start(devnet);
  }

  @AfterAll
  static void stop() {
    honest.close();
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

  private static List<String> devnetSync(final String url, final Path store, final String... extra) {
    final List<String> a = new ArrayList<>(List.of("sync", "--network", DevnetChain.NAME, "--beacon-api", url,
        "--checkpoint", chain.checkpointRoot().toHex(), "--current-slot", Long.toString(chain.currentSlot()),
        "--json"));
    if (store != null) {
      a.addAll(List.of("--store", store.toString()));
    }
    a.addAll(List.of(extra));
    return a;
  }

  private static Run run(final List<String> a) {
    return run(a.toArray(new String[0]));
  }

  private static long storedFinalizedSlot(final Path dir) {
    final LoadResult r = StoreFile.in(dir, chain.config()).load();
    assertTrue(r instanceof LoadResult.Restored, () -> "store not loadable: " + r);
    return ((LoadResult.Restored) r).verified().finalizedSlot();
  }

  @Test
  void honestSyncThenMessageVerifiedJsonAndSsz() {
    for (final String enc : List.of("json", "ssz")) {
      final Run r = run(devnetSync(honest.url(), null, "--encoding", enc));
      assertEquals(0, r.code(), r.out() + r.err());
      final JsonNode j = r.json();
      assertTrue(j.get("verified").asBoolean());
      // the finalized header is the bridge block's beacon block, as generated
      assertEquals(chain.finalityUpdate().finalizedHeader().beacon().slot(), j.at("/finalized/slot").asLong());
      assertEquals(chain.bridgeBlockHash().toString(), j.at("/finalized/execution/blockHash").asText());
      assertEquals(chain.optimisticUpdate().attestedHeader().beacon().slot(), j.at("/optimistic/slot").asLong());
    }
    final Run m = run("verify", "message", "--network", DevnetChain.NAME, "--beacon-api", honest.url(),
        "--execution-rpc", honest.url(), "--tx", chain.bridgeTxHash().toHex(), "--checkpoint",
        chain.checkpointRoot().toHex(), "--current-slot", Long.toString(chain.currentSlot()),
        "--log-index", Integer.toString(chain.bridgeLogIndex()), "--json");
    assertEquals(0, m.code(), m.out() + m.err());
    final JsonNode msg = m.json().at("/messages/0");
    assertEquals(chain.bridgeLog().address().toHex(), msg.get("emitter").asText());
    assertEquals(chain.bridgeLog().data().toHex(), msg.get("data").asText());
    assertEquals(chain.bridgeLog().topics().get(1).toHex(), msg.at("/topics/1").asText());
    assertEquals(DevnetChain.CHAIN_ID, msg.get("chainId").asLong());
    assertEquals("FINALIZED", msg.get("finality").asText());
    assertEquals(chain.bridgeTxIndex(), msg.get("txIndex").asInt());
    // a block-wide logIndex maps to the same log
    final Run bw = run("verify", "message", "--network", DevnetChain.NAME, "--beacon-api", honest.url(),
        "--execution-rpc", honest.url(), "--tx", chain.bridgeTxHash().toHex(), "--checkpoint",
        chain.checkpointRoot().toHex(), "--current-slot", Long.toString(chain.currentSlot()),
        "--block-log-index", Integer.toString(chain.bridgeBlockLogIndex()), "--json");
    assertEquals(0, bw.code(), bw.out());
    assertEquals(msg.get("messageId").asText(), bw.json().at("/messages/0/messageId").asText());
  }

  @Test
  void accountAndStorageAtTheFinalizedBlock() {
    final Run r = run("verify", "storage", "--network", DevnetChain.NAME, "--beacon-api", honest.url(),
        "--execution-rpc", honest.url(), "--address", DevnetChain.BRIDGE.toHex(), "--slot", "0x0", "--slot", "0x1",
        "--checkpoint", chain.checkpointRoot().toHex(), "--current-slot", Long.toString(chain.currentSlot()),
        "--json");
    assertEquals(0, r.code(), r.out() + r.err());
    final JsonNode j = r.json();
    assertEquals(chain.bridgeAccount().balance().toString(), j.at("/account/balance").asText());
    assertEquals(chain.bridgeStorage(DevnetChain.SLOT_MESSAGE_COUNT),
        new java.math.BigInteger(j.at("/storage/0/value").asText().substring(2), 16));
    assertEquals(chain.bridgeBlockHash().toHex(), j.get("blockHash").asText());
  }

  @Test
  void resumeFromStoreAfterRestartAndMidBatchRejectionKeepsVerifiedPart() throws Exception {
    final Path store = tmp.resolve("store");
    // update 2 of 4 with one signature byte flipped: a validly framed but forged update
    final List<LightClientUpdate> ups = new ArrayList<>(chain.updates());
    final LightClientUpdate u = ups.get(2);
    final byte[] sig = u.syncAggregate().signature().toArray();
    sig[10] ^= 0x01;
    ups.set(2, new LightClientUpdate(u.attestedHeader(), u.nextSyncCommittee(), u.nextSyncCommitteeBranch(),
        u.finalizedHeader(), u.finalityBranch(), new SyncAggregate(u.syncAggregate().bits(), Bytes.of(sig)),
        u.signatureSlot()));
    try (RecordedChainServer liar = RecordedChainServer.start(devnet.withUpdates(ups))) {
      final Run r1 = run(devnetSync(liar.url(), store));
      assertEquals(1, r1.code(), r1.out());
      assertEquals("lightclient.SIGNATURE_INVALID", r1.json().get("reason").asText());
      final long kept = storedFinalizedSlot(store);
      assertEquals(chain.updates().get(1).finalizedHeader().beacon().slot(), kept);
      // restart: resumes from the store, the liar is refused again, nothing changes
      final Run r2 = run(devnetSync(liar.url(), store));
      assertEquals(1, r2.code());
      assertEquals("lightclient.SIGNATURE_INVALID", r2.json().get("reason").asText());
      assertEquals(kept, storedFinalizedSlot(store));
    }
    // honest server, no checkpoint: resume from the store and finish
    final Run r3 = run("sync", "--network", DevnetChain.NAME, "--beacon-api", honest.url(), "--store",
        store.toString(), "--current-slot", Long.toString(chain.currentSlot()), "--json");
    assertEquals(0, r3.code(), r3.out());
    assertTrue(r3.out().contains("RESUMED"));
    assertEquals(chain.finalityUpdate().finalizedHeader().beacon().slot(), storedFinalizedSlot(store));
  }

  /** Over HTTP: a lying endpoint listed first, an honest one second: the sync fails over and finishes. */
  @Test
  void oneLyingEndpointAmongHonestOnesDoesNotStopSync() {
    final Path store = tmp.resolve("failover");
    final List<LightClientUpdate> ups = new ArrayList<>(chain.updates());
    final LightClientUpdate u = ups.get(2);
    final byte[] sig = u.syncAggregate().signature().toArray();
    sig[10] ^= 0x01;
    ups.set(2, new LightClientUpdate(u.attestedHeader(), u.nextSyncCommittee(), u.nextSyncCommitteeBranch(),
        u.finalizedHeader(), u.finalityBranch(), new SyncAggregate(u.syncAggregate().bits(), Bytes.of(sig)),
        u.signatureSlot()));
    try (RecordedChainServer liar = RecordedChainServer.start(devnet.withUpdates(ups))) {
      final Run r = run(devnetSync(liar.url() + "," + honest.url(), store));
      assertEquals(0, r.code(), r.out());
      assertEquals(chain.finalityUpdate().finalizedHeader().beacon().slot(), storedFinalizedSlot(store));
      // the refusal is reported with the endpoint that served the forged update
      assertTrue(r.out().contains("SIGNATURE_INVALID") && r.out().contains(liar.url()), r.out());
    }
  }

  /** --store-key: the store is written with the operator's HMAC key; a plain store is refused under the key. */
  @Test
  void authenticatedStoreWithStoreKey() throws Exception {
    final Path key = tmp.resolve("store.key");
    Files.write(key, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
        24, 25, 26, 27, 28, 29, 30, 31, 32});
    final Path store = tmp.resolve("auth");
    final Run r = run(devnetSync(honest.url(), store, "--store-key", key.toString()));
    assertEquals(0, r.code(), r.out());
    final LoadResult withKey = StoreFile.authenticated(store, chain.config(), Files.readAllBytes(key))
        .load();
    assertTrue(withKey instanceof LoadResult.Restored, withKey::toString);
    // a store written without the key, under the key: refused (a STATE_CORRUPT rejection, exit 1)
    final Path plain = tmp.resolve("plain");
    syncedStore(plain);
    final Run refused = run(devnetSync(honest.url(), plain, "--store-key", key.toString()));
    assertEquals(1, refused.code(), refused.out());
    assertEquals("lightclient.STATE_CORRUPT", refused.json().get("reason").asText(), refused.out());
    assertTrue(refused.json().get("detail").asText().contains("UNAUTHENTICATED"), refused.out());
    // a short key is a usage error
    Files.write(key, new byte[8]);
    assertEquals(2, run(devnetSync(honest.url(), store, "--store-key", key.toString())).code());
  }

  /** A synced store at the bridge block, and its finalized slot. */
  private long syncedStore(final Path store) {
    final Run r = run(devnetSync(honest.url(), store));
    assertEquals(0, r.code(), r.out());
    return storedFinalizedSlot(store);
  }

  @Test
  void staleFinalityUpdateIsIgnoredAndStoreUnchanged() {
    final Path store = tmp.resolve("stale");
    final long before = syncedStore(store);
    // the last period update, as a finality update: same period, finalized before the bridge block
    final LightClientUpdate old = chain.updates().get(chain.updates().size() - 1);
    final LightClientFinalityUpdate stale = new LightClientFinalityUpdate(old.attestedHeader(), old.finalizedHeader(),
        old.finalityBranch(), old.syncAggregate(), old.signatureSlot());
    try (RecordedChainServer s = RecordedChainServer.start(devnet.withFinalityUpdate(stale))) {
      final Run r = run(devnetSync(s.url(), store));
      assertEquals(0, r.code(), r.out());
      assertTrue(r.out().contains("IGNORED"), r.out());
    }
    assertEquals(before, storedFinalizedSlot(store));
  }

  @Test
  void forgedFinalityUpdateIsRejectedAndStoreUnchanged() {
    final Path store = tmp.resolve("forged");
    final long before = syncedStore(store);
    final LightClientFinalityUpdate f = chain.conflictingFinalityUpdate();
    final byte[] sig = f.syncAggregate().signature().toArray();
    sig[20] ^= 0x04;
    final LightClientFinalityUpdate forged = new LightClientFinalityUpdate(f.attestedHeader(), f.finalizedHeader(),
        f.finalityBranch(), new SyncAggregate(f.syncAggregate().bits(), Bytes.of(sig)), f.signatureSlot() + 1);
    try (RecordedChainServer s = RecordedChainServer.start(devnet.withFinalityUpdate(forged))) {
      final Run r = run(devnetSync(s.url(), store));
      assertEquals(1, r.code(), r.out());
      assertEquals("lightclient.SIGNATURE_INVALID", r.json().get("reason").asText());
    }
    assertEquals(before, storedFinalizedSlot(store));
  }

  @Test
  void twoHonestLookingServersDisagreeAlarmKeepsBoth() {
    final Path store = tmp.resolve("alarm");
    try (RecordedChainServer other = RecordedChainServer.start(
        devnet.withFinalityUpdate(chain.conflictingFinalityUpdate()))) {
      final Run r = run(devnetSync(honest.url() + "," + other.url(), store));
      assertEquals(1, r.code(), r.out());
      final JsonNode j = r.json();
      assertEquals("sync.ALARM", j.get("reason").asText());
      final JsonNode a = j.at("/alarms/0");
      assertEquals(chain.finalityUpdate().attestedHeader().beacon().hashTreeRoot().toHex(),
          a.get("attestedRootA").asText());
      assertEquals(chain.conflictingFinalityUpdate().attestedHeader().beacon().hashTreeRoot().toHex(),
          a.get("attestedRootB").asText());
      // both objects are kept as evidence next to the store
      final Path evidence = store.resolve("evidence");
      try (java.util.stream.Stream<Path> files = Files.walk(evidence)) {
        final List<String> names = files.map(p -> p.getFileName().toString()).toList();
        assertTrue(names.contains("alarm.txt"), names.toString());
        assertEquals(2, names.stream().filter(n -> n.endsWith(".ssz")).count(), names.toString());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      // neither finality update was applied: the store stays at the last period update
      assertEquals(chain.updates().get(chain.updates().size() - 1).finalizedHeader().beacon().slot(),
          storedFinalizedSlot(store));
    }
  }

  @Test
  void receiptsOfAnotherBlockAreRejected() throws Exception {
    final String otherBlockReceipts = Files.readString(Vectors.path("helios", "tests",
        "testdata", "rpc", "receipts.json"));
    final JsonNode node = io.trestle.proofs.json.RpcJson.parse(otherBlockReceipts);
    final JsonNode result = node.has("result") ? node.get("result") : node;
    try (RecordedChainServer s = RecordedChainServer.start(devnet)) {
      s.misbehave("rpc:eth_getBlockReceipts", Hook.body(b -> {
        final com.fasterxml.jackson.databind.node.ObjectNode o =
            (com.fasterxml.jackson.databind.node.ObjectNode) io.trestle.proofs.json.RpcJson.parse(
                new String(b, StandardCharsets.UTF_8));
        o.set("result", result);
        return o.toString().getBytes(StandardCharsets.UTF_8);
      }));
      final Run r = run("verify", "message", "--network", DevnetChain.NAME, "--beacon-api", s.url(),
          "--execution-rpc", s.url(), "--tx", chain.bridgeTxHash().toHex(), "--checkpoint",
          chain.checkpointRoot().toHex(), "--current-slot", Long.toString(chain.currentSlot()), "--json");
      assertEquals(1, r.code(), r.out());
      assertEquals("proof.RECEIPTS_ROOT_MISMATCH", r.json().get("reason").asText());
    }
  }

  /**
   * The JSON-RPC {@code logIndex} fields are not part of the receipt encoding, so the receipts root does not
   * cover them: an RPC that swaps the labels of the bridge receipt's two logs must not make {@code
   * --block-log-index} of the MessageSent log (as generated) return the Locked log.
   */
  @Test
  void relabelledBlockWideLogIndexStillSelectsTheGeneratedLog() {
    try (RecordedChainServer s = RecordedChainServer.start(devnet)) {
      s.misbehave("rpc:eth_getBlockReceipts", Hook.body(b -> {
        final com.fasterxml.jackson.databind.node.ObjectNode o =
            (com.fasterxml.jackson.databind.node.ObjectNode) io.trestle.proofs.json.RpcJson.parse(
                new String(b, StandardCharsets.UTF_8));
        final JsonNode logs = o.get("result").get(chain.bridgeTxIndex()).get("logs");
        final JsonNode first = logs.get(0).get("logIndex");
        ((com.fasterxml.jackson.databind.node.ObjectNode) logs.get(0)).set("logIndex", logs.get(1).get("logIndex"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) logs.get(1)).set("logIndex", first);
        return o.toString().getBytes(StandardCharsets.UTF_8);
      }));
      final Run r = run("verify", "message", "--network", DevnetChain.NAME, "--beacon-api", s.url(),
          "--execution-rpc", s.url(), "--tx", chain.bridgeTxHash().toHex(), "--checkpoint",
          chain.checkpointRoot().toHex(), "--current-slot", Long.toString(chain.currentSlot()),
          "--block-log-index", Integer.toString(chain.bridgeBlockLogIndex()), "--json");
      assertEquals(0, r.code(), r.out());
      final JsonNode msg = r.json().at("/messages/0");
      assertEquals(chain.bridgeLogIndex(), msg.get("logIndex").asInt());
      assertEquals(chain.bridgeLog().topics().get(0).toHex(), msg.at("/topics/0").asText());
      assertEquals(chain.bridgeLog().data().toHex(), msg.get("data").asText());
      // an index past the block's logs is out of range whatever the RPC labels say
      final Run past = run("verify", "message", "--network", DevnetChain.NAME, "--beacon-api", s.url(),
          "--execution-rpc", s.url(), "--tx", chain.bridgeTxHash().toHex(), "--checkpoint",
          chain.checkpointRoot().toHex(), "--current-slot", Long.toString(chain.currentSlot()),
          "--block-log-index", "2", "--json");
      assertEquals(1, past.code(), past.out());
      assertEquals("proof.LOG_INDEX_OUT_OF_RANGE", past.json().get("reason").asText());
    }
  }

  /** The devnet's config as a config.yaml (values of the generated devnet), with or without DEPOSIT_CHAIN_ID. */
  private Path devnetConfigYaml(final boolean withChainId) throws Exception {
    final io.trestle.lightclient.config.ChainConfig c = chain.config();
    final StringBuilder y = new StringBuilder("PRESET_BASE: '" + c.preset().name() + "'\nCONFIG_NAME: '"
        + DevnetChain.NAME + "'\nMIN_GENESIS_TIME: " + c.genesisTime() + "\nGENESIS_DELAY: 0\nSECONDS_PER_SLOT: "
        + c.secondsPerSlot() + "\n");
    for (final io.trestle.lightclient.config.ChainConfig.ForkEntry e : c.schedule()) {
      final String key = e.fork() == io.trestle.lightclient.config.Fork.PHASE0 ? "GENESIS"
          : e.fork().specName().toUpperCase(java.util.Locale.ROOT);
      y.append(key).append("_FORK_VERSION: ").append(e.version().toHex()).append('\n');
      if (e.fork() != io.trestle.lightclient.config.Fork.PHASE0) {
        y.append(key).append("_FORK_EPOCH: ").append(e.epoch()).append('\n');
      }
    }
    if (withChainId) {
      y.append("DEPOSIT_CHAIN_ID: ").append(DevnetChain.CHAIN_ID).append('\n');
    }
    final Path p = tmp.resolve(withChainId ? "with-chain-id.yaml" : "without-chain-id.yaml");
    Files.writeString(p, y.toString());
    return p;
  }

  /**
   * A message's chain id is part of its id; it must come from the trusted network config, never from the
   * execution RPC's {@code eth_chainId}. A config.yaml without {@code DEPOSIT_CHAIN_ID} is a configuration error
   * for {@code verify message}; with it, the same data verifies.
   */
  @Test
  void messageChainIdComesFromTheConfigNeverFromTheRpc() throws Exception {
    try (RecordedChainServer s = RecordedChainServer.start(devnet)) {
      s.misbehave("rpc:eth_chainId", Hook.body(b -> new String(b, StandardCharsets.UTF_8)
          .replace("\"0x" + Long.toHexString(DevnetChain.CHAIN_ID) + "\"", "\"0x1\"").getBytes(StandardCharsets.UTF_8)));
      for (final boolean withChainId : List.of(false, true)) {
        final Run r = run("verify", "message", "--network", devnetConfigYaml(withChainId).toString(),
            "--genesis-validators-root", chain.config().genesisValidatorsRoot().toHex(), "--beacon-api", honest.url(),
            "--execution-rpc", (withChainId ? honest : s).url(), "--tx", chain.bridgeTxHash().toHex(),
            "--checkpoint", chain.checkpointRoot().toHex(), "--current-slot", Long.toString(chain.currentSlot()),
            "--log-index", Integer.toString(chain.bridgeLogIndex()), "--json");
        if (withChainId) {
          assertEquals(0, r.code(), r.out() + r.err());
          assertEquals(DevnetChain.CHAIN_ID, r.json().at("/messages/0/chainId").asLong());
        } else {
          assertEquals(2, r.code(), r.out() + r.err());
          assertEquals("cli.USAGE_ERROR", r.json().get("reason").asText());
          assertTrue(r.json().get("detail").asText().contains("DEPOSIT_CHAIN_ID"), r.out());
        }
      }
    }
  }

  @Test
  void wrongNetworkGenesisIsExit2() {
    try (RecordedChainServer mainnet = RecordedChainServer.start(
        RecordedDataset.heliosMainnet(Vectors.root()))) {
      final Run r = run(devnetSync(mainnet.url(), null));
      assertEquals(2, r.code(), r.out());
      assertEquals("source.WRONG_NETWORK", r.json().get("reason").asText());
    }
  }

  @Test
  void malformedJsonAndTruncatedSszAreRejected() {
    try (RecordedChainServer s = RecordedChainServer.start(devnet)) {
      s.misbehave("/eth/v1/beacon/light_client/updates", Hook.jsonText("[{\"version\":\"electra\",\"data\":{"));
      final Run j = run(devnetSync(s.url(), null));
      assertEquals(1, j.code(), j.out());
      assertEquals("source.MALFORMED", j.json().get("reason").asText());
      s.behave();
      s.misbehave("/eth/v1/beacon/light_client/updates", Hook.truncate(5000));
      final Run z = run(devnetSync(s.url(), null, "--encoding", "ssz"));
      assertEquals(1, z.code(), z.out());
      assertEquals("source.MALFORMED", z.json().get("reason").asText());
      // a well-formed JSON update with a field of the wrong shape: typed rejection from the decoder
      s.behave();
      s.misbehave("/eth/v1/beacon/light_client/updates", Hook.body(b -> new String(b, StandardCharsets.UTF_8)
          .replaceFirst("\"signature_slot\":\"[0-9]+\"", "\"signature_slot\":\"-1\"").getBytes(StandardCharsets.UTF_8)));
      final Run f = run(devnetSync(s.url(), null));
      assertEquals(1, f.code(), f.out());
      assertFalse(f.json().get("verified").asBoolean());
    }
  }

  @Test
  void hangingServerTimesOutQuickly() {
    try (RecordedChainServer s = RecordedChainServer.start(devnet)) {
      s.misbehave("/eth/v1/beacon/light_client/bootstrap", Hook.hang(Duration.ofSeconds(5)));
      final long t0 = System.nanoTime();
      final Run r = run(devnetSync(s.url(), null, "--timeout-ms", "300", "--attempts", "1"));
      final long ms = (System.nanoTime() - t0) / 1_000_000;
      assertEquals(1, r.code(), r.out());
      assertEquals("source.TIMEOUT", r.json().get("reason").asText());
      assertTrue(ms < 3000, "took " + ms + " ms");
    }
  }

  @Test
  void httpErrorsAreTypedSourceErrors() {
    final String[][] cases = {{"500", "source.HTTP_STATUS"}, {"501", "source.UNSUPPORTED"}};
    try (RecordedChainServer s = RecordedChainServer.start(devnet)) {
      for (final String[] c : cases) {
        s.behave();
        s.misbehave("/eth/v1/beacon/light_client/finality_update", Hook.status(Integer.parseInt(c[0])));
        final Run r = run(devnetSync(s.url(), null, "--attempts", "1"));
        assertEquals(1, r.code(), r.out());
        assertEquals(c[1], r.json().get("reason").asText(), r.out());
      }
      // 404 is how the beacon API says "no finality update yet": the sync still ends synced, at the updates.
      s.behave();
      s.misbehave("/eth/v1/beacon/light_client/finality_update", Hook.status(404));
      final Run noFinality = run(devnetSync(s.url(), null, "--attempts", "1"));
      assertEquals(0, noFinality.code(), noFinality.out());
      assertTrue(noFinality.out().contains("not available"), noFinality.out());
      // A checkpoint the server does not know is a typed NOT_FOUND.
      s.behave();
      s.misbehave("/eth/v1/beacon/light_client/bootstrap", Hook.status(404));
      final Run noBootstrap = run(devnetSync(s.url(), null, "--attempts", "1"));
      assertEquals(1, noBootstrap.code(), noBootstrap.out());
      assertEquals("source.NOT_FOUND", noBootstrap.json().get("reason").asText(), noBootstrap.out());
    }
  }

  @Test
  void usageErrors() {
    final Run noCheckpoint = run("sync", "--network", DevnetChain.NAME, "--beacon-api", honest.url(), "--json");
    assertEquals(2, noCheckpoint.code());
    final Run badNetwork = run("sync", "--network", "nonet", "--beacon-api", honest.url(), "--checkpoint",
        chain.checkpointRoot().toHex());
    assertEquals(2, badNetwork.code());
  }

  @Test
  void realMainnetSyncOverHttpAndFollow() {
    try (RecordedChainServer mainnet = RecordedChainServer.start(
        RecordedDataset.heliosMainnet(Vectors.root()))) {
      for (final String enc : List.of("json", "ssz")) {
        final Run r = run("sync", "--network", "mainnet", "--beacon-api", mainnet.url(), "--checkpoint",
            RecordedDataset.HELIOS_CHECKPOINT.toHex(), "--current-slot", "7104192", "--encoding", enc,
            "--follow", "--rounds", "2", "--interval-ms", "10", "--json");
        assertEquals(0, r.code(), r.out() + r.err());
        // --follow --json speaks in JSON lines: one "header" line when the headers change (once here: the second
        // pass changes nothing), then "stopped". helios' period-867 update finalizes slot 7104096 (recorded upstream)
        final List<JsonNode> lines = r.out().lines().map(io.trestle.proofs.json.RpcJson::parse).toList();
        assertEquals(List.of("header", "stopped"), lines.stream().map(l -> l.get("event").asText()).toList(), r.out());
        assertEquals(7104096L, lines.get(0).at("/finalized/slot").asLong());
      }
    }
  }

  @Test
  void rpcUnknownMethodAndWrongChainAreTyped() {
    final io.trestle.lightclient.source.ExecutionRpcClient rpc =
        io.trestle.lightclient.source.ExecutionRpcClient.of(List.of(honest.url()));
    final io.trestle.lightclient.source.SourceException e = org.junit.jupiter.api.Assertions.assertThrows(
        io.trestle.lightclient.source.SourceException.class,
        () -> rpc.call("eth_sendRawTransaction", io.trestle.proofs.json.RpcJson.mapper().createArrayNode()));
    assertEquals(io.trestle.lightclient.source.SourceException.SourceError.UNSUPPORTED, e.error());
    assertEquals(-32601L, e.rpcCode().getAsLong());
    // an execution endpoint of another chain id: exit 2 WRONG_NETWORK before anything is fetched
    try (RecordedChainServer s = RecordedChainServer.start(devnet)) {
      s.misbehave("rpc:eth_chainId", Hook.body(b -> new String(b, StandardCharsets.UTF_8)
          .replace("\"0x" + Long.toHexString(DevnetChain.CHAIN_ID) + "\"", "\"0x1\"").getBytes(StandardCharsets.UTF_8)));
      final Run r = run("verify", "message", "--network", DevnetChain.NAME, "--beacon-api", honest.url(),
          "--execution-rpc", s.url(), "--tx", chain.bridgeTxHash().toHex(), "--checkpoint",
          chain.checkpointRoot().toHex(), "--current-slot", Long.toString(chain.currentSlot()), "--json");
      assertEquals(2, r.code(), r.out());
      assertEquals("source.WRONG_NETWORK", r.json().get("reason").asText());
    }
  }
}
