package io.trestle.vectors.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.LightClient;
import io.trestle.lightclient.bls.SyncCommitteeVerifier;
import io.trestle.lightclient.config.Networks;
import io.trestle.lightclient.json.BeaconApiJson;
import io.trestle.lightclient.store.StoreFile;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.config.ChainConfig.Preset;
import io.trestle.proofs.execution.ExecutionHeader;
import io.trestle.proofs.execution.Receipt;
import io.trestle.proofs.json.RpcJson;
import io.trestle.proofs.rlp.Rlp;
import io.trestle.proofs.rlp.RlpItem;
import io.trestle.crypto.Hex;
import io.trestle.testbase.Vectors;
import io.trestle.vectors.Snappy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Writes the committed seed corpora of the fuzz targets (docs/FUZZING.md) from the real data under
 * testvectors/vectors. Run from the repository root:
 *
 * <pre>java -cp ... io.trestle.vectors.fuzz.SeedCorpus</pre>
 *
 * It is deterministic; re-running it rewrites the same files. Not a test.
 */
public final class SeedCorpus {
  private static final Path V = Vectors.root();
  private static final Path P = Path.of("proofs/src/test/resources/io/trestle/proofs/fuzz");
  private static final Path L = Path.of("lightclient/src/test/resources/io/trestle/lightclient/fuzz");
  private static final Path EXEC = V.resolve("execution-apis/tests");
  private static final Path HELIOS_RPC = V.resolve("helios/tests/testdata/rpc");
  private static final ObjectMapper M = new ObjectMapper();

  private SeedCorpus() {}

  public static void main(final String[] args) throws IOException {
    proofs();
    lightclient();
    gloas();
    cosmos();
  }

  private static void write(final Path dir, final String name, final byte[] content) throws IOException {
    Files.createDirectories(dir);
    Files.write(dir.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_")), content);
  }

  private static JsonNode json(final Path p) throws IOException {
    return RpcJson.unwrapResult(RpcJson.parse(Files.readString(p)));
  }

  private static List<JsonNode> io(final String file) throws IOException {
    final List<JsonNode> out = new ArrayList<>();
    for (final String line : Files.readAllLines(EXEC.resolve(file))) {
      if (line.startsWith("<< ")) {
        out.add(M.readTree(line.substring(3)));
      }
    }
    return out;
  }

  private static List<String> ioFiles(final String dir) throws IOException {
    try (Stream<Path> s = Files.list(EXEC.resolve(dir))) {
      return s.map(p -> dir + "/" + p.getFileName()).sorted().toList();
    }
  }

  private static byte[] utf8(final String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void proofs() throws IOException {
    final Path rlp = P.resolve("RlpFuzzTestInputs/rlpReader");
    final Path headerRlp = P.resolve("ExecutionHeaderFuzzTestInputs/headerRlp");
    final Path headerJson = P.resolve("ExecutionHeaderFuzzTestInputs/headerJson");
    final Path block = P.resolve("BlockVerifierFuzzTestInputs/block");
    final Path receiptDecode = P.resolve("ReceiptProofFuzzTestInputs/receiptDecode");
    final Path account = P.resolve("AccountProofFuzzTestInputs/eip1186");
    final Path rpc = P.resolve("RpcJsonFuzzTestInputs/jsonRpc");

    // hive chain (London -> Prague): raw headers and whole blocks from chain.rlp
    final byte[] chain = Files.readAllBytes(EXEC.resolve("chain.rlp"));
    int off = 0;
    int n = 0;
    while (off < chain.length) {
      final int len = itemLength(chain, off);
      final byte[] blk = java.util.Arrays.copyOfRange(chain, off, off + len);
      final RlpItem item = Rlp.decode(blk);
      final byte[] header = item.items().get(0).encoded();
      if (n % 6 == 0 || n == 53) {
        write(headerRlp, "hive-chain-block-" + n + "-header", header);
        write(rlp, "hive-chain-block-" + n, blk);
      }
      off += len;
      n++;
    }
    for (final String f : List.of("debug_getRawHeader/get-block-n.io", "debug_getRawHeader/get-genesis.io")) {
      final byte[] h = Hex.decode(io(f).get(0).get("result").asText());
      write(headerRlp, "hive-" + f, h);
      write(rlp, "hive-" + f, h);
    }
    for (final String f : List.of("debug_getRawReceipts/get-block-n.io")) {
      int i = 0;
      for (final JsonNode r : io(f).get(0).get("result")) {
        final byte[] b = Hex.decode(r.asText());
        write(receiptDecode, "hive-" + f + "-" + i, b);
        write(rlp, "hive-" + f + "-" + i++, b);
      }
    }
    for (final String f : ioFiles("debug_getRawTransaction")) {
      final JsonNode r = io(f).get(0).get("result");
      if (r != null && r.isTextual()) {
        write(rlp, "hive-" + f, Hex.decode(r.asText()));
      }
    }
    // helios mainnet block 21925176: receipts of every type present, header, proof nodes
    final JsonNode receipts = json(HELIOS_RPC.resolve("receipts.json"));
    final java.util.Set<Integer> types = new java.util.HashSet<>();
    for (int i = 0; i < receipts.size(); i++) {
      final Receipt r = Receipt.fromJson(receipts.get(i));
      if (types.add(r.type()) || i % 50 == 0) {
        write(receiptDecode, "helios-receipt-" + i, r.encode());
        write(rlp, "helios-receipt-" + i, r.encode());
      }
    }
    final JsonNode hb = json(HELIOS_RPC.resolve("block.json"));
    write(headerRlp, "helios-mainnet-21925176-header", ExecutionHeader.fromJson(hb).encode());
    write(headerJson, "helios-mainnet-21925176", utf8(hb.toString()));
    write(block, "helios-mainnet-21925176", utf8(hb.toString()));
    final JsonNode proof = json(HELIOS_RPC.resolve("proof.json"));
    int k = 0;
    for (final JsonNode node : proof.get("accountProof")) {
      write(rlp, "helios-account-proof-node-" + k++, Hex.decode(node.asText()));
    }
    write(account, "helios-proof", Files.readAllBytes(HELIOS_RPC.resolve("proof.json")));
    write(account, "helios-block-miner-proof", Files.readAllBytes(HELIOS_RPC.resolve("block_miner_proof.json")));
    for (final String f : ioFiles("eth_getProof")) {
      write(account, "hive-" + f, utf8(io(f).get(0).get("result").toString()));
    }
    for (final String f : ioFiles("eth_getBlockByNumber")) {
      final JsonNode r = io(f).get(0).get("result");
      if (r != null && r.isObject()) {
        write(headerJson, "hive-" + f, utf8(r.toString()));
        write(block, "hive-" + f, utf8(r.toString()));
        write(headerRlp, "hive-" + f + "-header", ExecutionHeader.fromJson(r).encode());
      }
    }
    for (final String f : List.of("mainnet/eth_call.json", "sepolia/eth_getBalance_eoa.json")) {
      final JsonNode b = json(V.resolve("lodestar/packages/prover/test/fixtures/" + f)).get("execution").get("block");
      write(headerJson, "lodestar-" + f, utf8(b.toString()));
      write(block, "lodestar-" + f, utf8(b.toString()));
      write(headerRlp, "lodestar-" + f + "-header", ExecutionHeader.fromJson(b).encode());
    }
    // a block with its receipts ([block, receipts]) from the hive chain
    final JsonNode hiveBlock = io("eth_getBlockByNumber/get-block-cancun-fork.io").get(0).get("result");
    for (final String f : ioFiles("eth_getBlockReceipts")) {
      final JsonNode rs = io(f).get(0).get("result");
      if (rs != null && rs.isArray() && rs.size() > 0
          && rs.get(0).get("blockHash").asText().equals(hiveBlock.get("hash").asText())) {
        write(block, "hive-cancun-block-with-receipts", utf8("[" + hiveBlock + "," + rs + "]"));
      }
    }
    // JSON-RPC: one response of every hive transcript directory
    try (Stream<Path> s = Files.list(EXEC)) {
      for (final Path d : s.filter(Files::isDirectory).sorted().toList()) {
        final String f = first(d.getFileName().toString());
        final List<JsonNode> rs = io(d.getFileName() + "/" + f);
        if (!rs.isEmpty()) {
          write(rpc, "hive-" + d.getFileName() + "-" + f, utf8(rs.get(0).toString()));
        }
      }
    }
    // structured (FuzzedDataProvider) targets: the honest context is real data; seeds are fixed choices
    final Random rnd = new Random(2026);
    for (final String t : List.of("MptFuzzTestInputs/mutatedProof", "ReceiptProofFuzzTestInputs/receiptLog")) {
      for (int i = 0; i < 8; i++) {
        final byte[] b = new byte[16 + 8 * i];
        rnd.nextBytes(b);
        write(P.resolve(t), "choice-" + i, b);
      }
    }
  }

  private static String first(final String dir) throws IOException {
    try (Stream<Path> s = Files.list(EXEC.resolve(dir))) {
      return s.map(p -> p.getFileName().toString()).sorted().findFirst().orElseThrow();
    }
  }

  /** Length of the RLP item at {@code off} (header plus payload). */
  private static int itemLength(final byte[] b, final int off) {
    final int p = b[off] & 0xff;
    if (p < 0x80) {
      return 1;
    }
    if (p <= 0xb7) {
      return 1 + p - 0x80;
    }
    if (p < 0xc0) {
      final int ll = p - 0xb7;
      return 1 + ll + be(b, off + 1, ll);
    }
    if (p <= 0xf7) {
      return 1 + p - 0xc0;
    }
    final int ll = p - 0xf7;
    return 1 + ll + be(b, off + 1, ll);
  }

  private static int be(final byte[] b, final int off, final int n) {
    int v = 0;
    for (int i = 0; i < n; i++) {
      v = (v << 8) | (b[off + i] & 0xff);
    }
    return v;
  }

  private static final String[] CONTAINERS = {"BeaconBlockHeader", "SyncCommittee", "SyncAggregate",
      "ExecutionPayloadHeader", "LightClientHeader", "LightClientBootstrap", "LightClientUpdate",
      "LightClientFinalityUpdate", "LightClientOptimisticUpdate"};
  private static final Fork[] FORKS = {Fork.ALTAIR, Fork.BELLATRIX, Fork.CAPELLA, Fork.DENEB, Fork.ELECTRA, Fork.FULU,
      Fork.GLOAS};

  private static byte[] prefixed(final int container, final Fork fork, final boolean minimal, final byte[] ssz) {
    final byte[] out = new byte[ssz.length + 3];
    out[0] = (byte) container;
    out[1] = (byte) java.util.Arrays.asList(FORKS).indexOf(fork);
    out[2] = (byte) (minimal ? 1 : 0);
    System.arraycopy(ssz, 0, out, 3, ssz.length);
    return out;
  }

  private static void lightclient() throws IOException {
    final Path ssz = L.resolve("SszFuzzTestInputs/lightClientContainers");
    // ssz_static (Lantern copy of consensus-spec-tests, mainnet preset)
    final Path lantern = V.resolve("lantern-beacon/test/Lantern.Beacon.Sync.Tests/MockData/mainnet");
    try (Stream<Path> s = Files.walk(lantern)) {
      for (final Path p : s.filter(x -> x.getFileName().toString().equals("serialized.ssz_snappy")).sorted().toList()) {
        final Path rel = lantern.relativize(p);
        final String forkName = rel.getName(0).toString();
        final String type = rel.getName(2).toString();
        final int c = java.util.Arrays.asList(CONTAINERS).indexOf(type);
        final Fork f = Fork.fromName(forkName).orElseThrow();
        if (c < 0 || f == Fork.PHASE0) {
          continue;
        }
        write(ssz, "ssz_static-" + forkName + "-" + type,
            prefixed(c, f, false, Snappy.decompress(Files.readAllBytes(p))));
      }
    }
    // minimal-preset light-client sync data (spec tests via eth-light-client and helios)
    final List<Path> syncDirs = List.of(
        V.resolve("eth-light-client/tests/fixtures/minimal/altair/light_client/sync/light_client_sync"),
        V.resolve("eth-light-client/tests/fixtures/minimal/bellatrix/light_client/sync/light_client_sync"),
        V.resolve("eth-light-client/tests/fixtures/minimal/deneb/light_client/sync/light_client_sync"),
        V.resolve("helios/ethereum/consensus-core/testdata/electra/light_client_sync"));
    final String[] forkOf = {"altair", "bellatrix", "deneb", "electra"};
    for (int i = 0; i < syncDirs.size(); i++) {
      final Fork f = Fork.fromName(forkOf[i]).orElseThrow();
      write(ssz, "sync-minimal-" + forkOf[i] + "-bootstrap",
          prefixed(5, f, true, Snappy.decompress(Files.readAllBytes(syncDirs.get(i).resolve("bootstrap.ssz_snappy")))));
      try (Stream<Path> s = Files.list(syncDirs.get(i))) {
        final Path u = s.filter(p -> p.getFileName().toString().startsWith("update_")).sorted().findFirst().orElseThrow();
        write(ssz, "sync-minimal-" + forkOf[i] + "-update", prefixed(6, f, true, Snappy.decompress(Files.readAllBytes(u))));
      }
    }
    // real mainnet data (helios): bootstrap and the updates of periods 862-867
    final Path data = V.resolve("helios/ethereum/testdata");
    final String bootstrapJson = Files.readString(data.resolve("bootstrap.json"));
    final String updatesJson = Files.readString(data.resolve("updates.json"));
    final LightClientBootstrap bootstrap = BeaconApiJson.bootstrap(bootstrapJson, Preset.MAINNET).data();
    write(ssz, "helios-mainnet-bootstrap", prefixed(5, bootstrap.fork(), false, bootstrap.encode()));
    final List<LightClientUpdate> updates = new ArrayList<>();
    BeaconApiJson.updates(updatesJson, Preset.MAINNET).forEach(v -> updates.add(v.data()));
    final Path upd = L.resolve("UpdateFuzzTestInputs/processUpdate");
    for (int i = 0; i < updates.size(); i++) {
      final LightClientUpdate u = updates.get(i);
      write(upd, "helios-mainnet-update-period-" + (862 + i), u.encode());
      if (i == 1) {
        write(ssz, "helios-mainnet-update-863", prefixed(6, u.fork(), false, u.encode()));
        write(ssz, "helios-mainnet-header-863", prefixed(4, u.fork(), false, u.attestedHeader().encode()));
        write(ssz, "helios-mainnet-sync-aggregate-863", prefixed(2, u.fork(), false, u.syncAggregate().encode()));
        write(ssz, "helios-mainnet-committee-863", prefixed(1, u.fork(), false, u.nextSyncCommittee().encode()));
      }
    }
    // beacon-API JSON: byte 0 = endpoint shape (0 bootstrap, 1 update, 2 updates, 3 finality, 4 optimistic)
    final Path bj = L.resolve("BeaconApiJsonFuzzTestInputs/beaconJson");
    write(bj, "helios-bootstrap", concat(new byte[] {0, 0}, utf8(bootstrapJson)));
    write(bj, "helios-updates", concat(new byte[] {2, 0}, utf8(updatesJson)));
    final JsonNode arr = M.readTree(updatesJson);
    write(bj, "helios-update-863", concat(new byte[] {1, 0}, utf8(arr.get(1).toString())));
    // the same update presented as finality and optimistic updates (their fields are a subset)
    final com.fasterxml.jackson.databind.node.ObjectNode fin = arr.get(2).deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) fin.get("data")).remove(
        List.of("next_sync_committee", "next_sync_committee_branch"));
    write(bj, "helios-finality-update-864", concat(new byte[] {3, 0}, utf8(fin.toString())));
    final com.fasterxml.jackson.databind.node.ObjectNode opt = fin.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) opt.get("data")).remove(List.of("finalized_header", "finality_branch"));
    write(bj, "helios-optimistic-update-864", concat(new byte[] {4, 0}, utf8(opt.toString())));
    // store file: the real mainnet store at period 863
    final LightClient.Initialized init = LightClient.initialize(Networks.MAINNET, SyncCommitteeVerifier.create()::verify,
        Hash32.fromHex("0x5afc212a7924789b2bc86acad3ab3a6ffb1f6e97253ea50bee7f4f51422c9275"), bootstrap);
    final LightClient lc = init.client();
    lc.processUpdate(updates.get(0), 7_200_000L);
    final Path tmp = Files.createTempDirectory("seed-store");
    StoreFile.in(tmp, Networks.MAINNET).save(lc.store());
    final byte[] store = Files.readAllBytes(tmp.resolve(StoreFile.STORE));
    write(L.resolve("StoreFileFuzzTestInputs/storeFile"), "helios-mainnet-store-period-863", store);
    write(L.resolve("StoreFileFuzzTestInputs/storeFileChecksumFixed"), "helios-mainnet-store-period-863", store);
    // config.yaml: every distinct file in the data
    final Path cy = L.resolve("ConfigYamlFuzzTestInputs/configYaml");
    final java.util.Set<String> seen = new java.util.HashSet<>();
    try (Stream<Path> s = Files.walk(V)) {
      for (final Path p : s.filter(x -> x.getFileName().toString().equals("config.yaml")).sorted().toList()) {
        final byte[] b = Files.readAllBytes(p);
        if (seen.add(Hash32.of(io.trestle.crypto.Sha256.hash(b).toArray()).toHex())) {
          write(cy, V.relativize(p).toString().toLowerCase(Locale.ROOT), b);
        }
      }
    }
  }

  private static byte[] concat(final byte[] a, final byte[] b) {
    final byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  // --- Gloas (consensus-specs generated minimal sync case) ---------------------------------------------

  private static final Path GLOAS_SYNC = V.resolve(
      "consensus-specs-generated/tests/minimal/gloas/light_client/sync/pyspec_tests/light_client_sync");

  private static void gloas() throws IOException {
    final Path ssz = L.resolve("SszFuzzTestInputs/lightClientContainers");
    final Path upd = L.resolve("GloasUpdateFuzzTestInputs/processUpdate");
    final Path bj = L.resolve("BeaconApiJsonFuzzTestInputs/beaconJson");
    final LightClientBootstrap b = LightClientBootstrap.decode(
        Snappy.decompress(Files.readAllBytes(GLOAS_SYNC.resolve("bootstrap.ssz_snappy"))), Fork.GLOAS, Preset.MINIMAL);
    write(ssz, "sync-minimal-gloas-bootstrap", prefixed(5, Fork.GLOAS, true, b.encode()));
    write(ssz, "sync-minimal-gloas-header", prefixed(4, Fork.GLOAS, true, b.header().encode()));
    write(ssz, "sync-minimal-gloas-committee", prefixed(1, Fork.GLOAS, true, b.currentSyncCommittee().encode()));
    write(bj, "gloas-minimal-bootstrap", concat(new byte[] {0, 1}, utf8(versioned(bootstrapJson(b)))));
    final List<Path> files;
    try (Stream<Path> st = Files.list(GLOAS_SYNC)) {
      files = st.filter(p -> p.getFileName().toString().startsWith("update_")).sorted().toList();
    }
    for (int i = 0; i < files.size(); i++) {
      final LightClientUpdate u = LightClientUpdate.decode(Snappy.decompress(Files.readAllBytes(files.get(i))),
          Fork.GLOAS, Preset.MINIMAL);
      final String stem = files.get(i).getFileName().toString().replace(".ssz_snappy", "");
      final io.trestle.lightclient.types.LightClientFinalityUpdate fin = new io.trestle.lightclient.types
          .LightClientFinalityUpdate(u.attestedHeader(), u.finalizedHeader(), u.finalityBranch(), u.syncAggregate(),
          u.signatureSlot());
      final io.trestle.lightclient.types.LightClientOptimisticUpdate opt = new io.trestle.lightclient.types
          .LightClientOptimisticUpdate(u.attestedHeader(), u.syncAggregate(), u.signatureSlot());
      write(upd, "gloas-" + stem, concat(new byte[] {0}, u.encode()));
      write(upd, "gloas-finality-" + stem, concat(new byte[] {1}, fin.encode()));
      write(upd, "gloas-optimistic-" + stem, concat(new byte[] {2}, opt.encode()));
      if (i < 2) {
        write(ssz, "sync-minimal-gloas-update-" + i, prefixed(6, Fork.GLOAS, true, u.encode()));
        write(ssz, "sync-minimal-gloas-finality-update-" + i, prefixed(7, Fork.GLOAS, true, fin.encode()));
        write(ssz, "sync-minimal-gloas-optimistic-update-" + i, prefixed(8, Fork.GLOAS, true, opt.encode()));
        write(ssz, "sync-minimal-gloas-sync-aggregate-" + i, prefixed(2, Fork.GLOAS, true, u.syncAggregate().encode()));
        write(bj, "gloas-minimal-update-" + i, concat(new byte[] {1, 1}, utf8(versioned(updateJson(u)))));
        write(bj, "gloas-minimal-finality-update-" + i, concat(new byte[] {3, 1}, utf8(versioned(finalityJson(fin)))));
        write(bj, "gloas-minimal-optimistic-update-" + i, concat(new byte[] {4, 1}, utf8(versioned(optimisticJson(opt)))));
      }
    }
    // structured target: fixed fuzzer choices
    final Random rnd = new Random(2027);
    for (int i = 0; i < 8; i++) {
      final byte[] c = new byte[24 + 8 * i];
      rnd.nextBytes(c);
      write(L.resolve("GloasUpdateFuzzTestInputs/headerBinding"), "choice-" + i, c);
    }
  }

  // beacon-API JSON of Gloas objects (uint64 as decimal strings, bytes as 0x-hex)
  private static com.fasterxml.jackson.databind.node.ObjectNode obj() {
    return M.createObjectNode();
  }

  private static String versioned(final JsonNode data) {
    final com.fasterxml.jackson.databind.node.ObjectNode o = obj();
    o.put("version", "gloas");
    o.set("data", data);
    return o.toString();
  }

  private static JsonNode branch(final List<Hash32> b) {
    final com.fasterxml.jackson.databind.node.ArrayNode a = M.createArrayNode();
    b.forEach(h -> a.add(h.toHex()));
    return a;
  }

  private static JsonNode headerJson(final io.trestle.lightclient.types.LightClientHeader h) {
    final com.fasterxml.jackson.databind.node.ObjectNode beacon = obj();
    beacon.put("slot", Long.toUnsignedString(h.beacon().slot()));
    beacon.put("proposer_index", Long.toUnsignedString(h.beacon().proposerIndex()));
    beacon.put("parent_root", h.beacon().parentRoot().toHex());
    beacon.put("state_root", h.beacon().stateRoot().toHex());
    beacon.put("body_root", h.beacon().bodyRoot().toHex());
    final com.fasterxml.jackson.databind.node.ObjectNode o = obj();
    o.set("beacon", beacon);
    o.put("execution_block_hash", h.executionBlockHash().orElseThrow().toHex());
    o.set("execution_branch", branch(h.executionBranch()));
    return o;
  }

  private static JsonNode committeeJson(final io.trestle.lightclient.types.SyncCommittee c) {
    final com.fasterxml.jackson.databind.node.ObjectNode o = obj();
    final com.fasterxml.jackson.databind.node.ArrayNode keys = M.createArrayNode();
    c.pubkeys().forEach(k -> keys.add(k.toHex()));
    o.set("pubkeys", keys);
    o.put("aggregate_pubkey", c.aggregatePubkey().toHex());
    return o;
  }

  private static JsonNode aggregateJson(final io.trestle.lightclient.types.SyncAggregate a) {
    final com.fasterxml.jackson.databind.node.ObjectNode o = obj();
    o.put("sync_committee_bits", a.bits().toHex());
    o.put("sync_committee_signature", a.signature().toHex());
    return o;
  }

  private static JsonNode bootstrapJson(final LightClientBootstrap b) {
    final com.fasterxml.jackson.databind.node.ObjectNode o = obj();
    o.set("header", headerJson(b.header()));
    o.set("current_sync_committee", committeeJson(b.currentSyncCommittee()));
    o.set("current_sync_committee_branch", branch(b.currentSyncCommitteeBranch()));
    return o;
  }

  private static JsonNode updateJson(final LightClientUpdate u) {
    final com.fasterxml.jackson.databind.node.ObjectNode o = obj();
    o.set("attested_header", headerJson(u.attestedHeader()));
    o.set("next_sync_committee", committeeJson(u.nextSyncCommittee()));
    o.set("next_sync_committee_branch", branch(u.nextSyncCommitteeBranch()));
    o.set("finalized_header", headerJson(u.finalizedHeader()));
    o.set("finality_branch", branch(u.finalityBranch()));
    o.set("sync_aggregate", aggregateJson(u.syncAggregate()));
    o.put("signature_slot", Long.toUnsignedString(u.signatureSlot()));
    return o;
  }

  private static JsonNode finalityJson(final io.trestle.lightclient.types.LightClientFinalityUpdate u) {
    final com.fasterxml.jackson.databind.node.ObjectNode o = obj();
    o.set("attested_header", headerJson(u.attestedHeader()));
    o.set("finalized_header", headerJson(u.finalizedHeader()));
    o.set("finality_branch", branch(u.finalityBranch()));
    o.set("sync_aggregate", aggregateJson(u.syncAggregate()));
    o.put("signature_slot", Long.toUnsignedString(u.signatureSlot()));
    return o;
  }

  private static JsonNode optimisticJson(final io.trestle.lightclient.types.LightClientOptimisticUpdate u) {
    final com.fasterxml.jackson.databind.node.ObjectNode o = obj();
    o.set("attested_header", headerJson(u.attestedHeader()));
    o.set("sync_aggregate", aggregateJson(u.syncAggregate()));
    o.put("signature_slot", Long.toUnsignedString(u.signatureSlot()));
    return o;
  }

  // --- cosmos: CometBFT RPC JSON (tendermint-rs single-step vectors) and ICS-23 (cosmos/ics23 vectors) ---

  private static final Path C = Path.of("cosmos/src/test/resources/io/trestle/cosmos/fuzz");

  private static void cosmos() throws IOException {
    final Path comet = C.resolve("CometFuzzTestInputs/lightBlock");
    final Path single = V.resolve("tendermint-rs/light-client/tests/support/model_based/single_step");
    final List<Path> files;
    try (Stream<Path> st = Files.list(single)) {
      files = st.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    for (final Path f : files) {
      final String stem = f.getFileName().toString().replace(".json", "");
      final JsonNode root = M.readTree(Files.readAllBytes(f));
      final boolean context = stem.equals("MC4_4_faulty_TestSuccess");
      int i = 0;
      for (final JsonNode step : root.get("input")) {
        final io.trestle.cosmos.light.LightBlock b = io.trestle.cosmos.light.LightBlockJson.parse(step.get("block"))
            .value();
        final io.trestle.cosmos.light.LightBlock sorted = new io.trestle.cosmos.light.LightBlock(b.signedHeader(),
            io.trestle.cosmos.light.ValidatorSet.sorted(b.validatorSet().validators()),
            b.nextValidatorSet().map(v -> io.trestle.cosmos.light.ValidatorSet.sorted(v.validators())));
        if (context || i == 0) {
          write(comet, "block-" + stem + "-" + i, concat(new byte[] {0},
              utf8(io.trestle.cosmos.light.LightBlockJson.write(sorted).toString())));
        }
        if (i == 0) {
          write(comet, "signed-header-" + stem, concat(new byte[] {1},
              utf8(io.trestle.cosmos.light.LightBlockJson.write(sorted.signedHeader()).toString())));
          write(comet, "validator-set-" + stem, concat(new byte[] {2},
              utf8(io.trestle.cosmos.light.LightBlockJson.write(sorted.validatorSet()).toString())));
          write(comet, "header-" + stem, concat(new byte[] {3},
              utf8(io.trestle.cosmos.light.LightBlockJson.write(sorted.header()).toString())));
        }
        i++;
      }
    }
    // the context block once more as the CometBFT RPC wraps it ({"jsonrpc", "id", "result"})
    final JsonNode ctx = M.readTree(Files.readAllBytes(single.resolve("MC4_4_faulty_TestSuccess.json")));
    final com.fasterxml.jackson.databind.node.ObjectNode rpc = obj();
    rpc.put("jsonrpc", "2.0");
    rpc.put("id", -1);
    rpc.set("result", ctx.get("input").get(1).get("block"));
    write(comet, "rpc-result-MC4_4_faulty_TestSuccess-1-unsorted", concat(new byte[] {0}, utf8(rpc.toString())));
    final byte[] known = Files.readAllBytes(V.resolve("tendermint-rs/tendermint/tests/support/serialization/block/"
        + "header_with_known_hash.json"));
    write(comet, "header-tendermint-rs-header_with_known_hash", concat(new byte[] {3}, known));
    // ICS-23: byte 0 = vector index (sorted path order, as Ics23FuzzTest), byte 1 = claim
    final Path ics = C.resolve("Ics23FuzzTestInputs/commitmentProof");
    final Path dir = V.resolve("ics23/testdata");
    final List<Path> vs;
    try (Stream<Path> st = Files.walk(dir)) {
      vs = st.filter(p -> p.getParent() != null && !p.getParent().equals(dir) && p.toString().endsWith(".json"))
          .sorted().toList();
    }
    for (int i = 0; i < vs.size(); i++) {
      final byte[] proof = Hex.decode(M.readTree(Files.readAllBytes(vs.get(i))).get("proof").asText());
      final String name = dir.relativize(vs.get(i)).toString().replace(".json", "");
      for (int claim = 0; claim < 3; claim++) {
        write(ics, name + "-claim-" + claim, concat(new byte[] {(byte) i, (byte) claim}, proof));
      }
    }
  }
}
