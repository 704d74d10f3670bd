package io.trestle.vectors.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Sha256;
import io.trestle.lightclient.json.BeaconApiJson;
import io.trestle.lightclient.types.BeaconBlockHeader;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.config.ChainConfig.Preset;
import io.trestle.lightclient.types.SyncAggregate;
import io.trestle.lightclient.types.SyncCommittee;
import io.trestle.testbase.Vectors;
import io.trestle.vectors.CaseResult;
import io.trestle.vectors.FileResult;
import io.trestle.vectors.RunResult;
import io.trestle.vectors.Snappy;
import io.trestle.vectors.Status;
import io.trestle.vectors.VectorRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The consensus-spec-tests suites on the staged upstream copies, tampered copies and small generated cases. */
class ConsensusSuitesTest {
  private static final Path V = Vectors.root();
  private static final Path LANTERN = V.resolve("lantern-beacon/test/Lantern.Beacon.Sync.Tests/MockData");
  private static final Path ELC = V.resolve("eth-light-client/tests/fixtures/minimal");

  @TempDir Path tmp;

  private static RunResult run(final Path... paths) throws IOException {
    return new VectorRunner().run(List.of(paths));
  }

  private static List<FileResult> bySuite(final RunResult r, final String suite) {
    return r.files().stream().filter(f -> f.suite().equals(suite)).toList();
  }

  @Test
  void stagedSyncCasesAllPass() throws IOException {
    final RunResult r = run(V.resolve("eth-light-client"), V.resolve("helios/ethereum/consensus-core"),
        LANTERN.resolve("minimal"));
    final List<FileResult> sync = bySuite(r, "sync");
    assertEquals(19, sync.size());
    for (final FileResult f : sync) {
      assertEquals(1, f.passed(), f.displayName() + " " + f.cases());
    }
    assertEquals(0, r.failed());
    // every file of a sync case directory is accounted for by the suite
    assertTrue(r.files().stream().noneMatch(f -> f.suite().equals(FileResult.NO_SUITE)
        && f.path().toString().contains("light_client/sync")), r.files().toString());
  }

  private static final Path GENERATED = V.resolve("consensus-specs-generated/tests/minimal");

  @Test
  void specGeneratedFuluAndGloasCasesAllPass() throws IOException {
    final RunResult r = run(GENERATED);
    final List<FileResult> sync = bySuite(r, "sync");
    // 44 sync cases over altair..gloas, including gloas_store_with_legacy_data x3 and the gloas cases
    assertEquals(44, sync.size());
    for (final FileResult f : sync) {
      assertEquals(1, f.passed(), f.displayName() + " " + f.cases());
    }
    final List<String> gloas = sync.stream().map(f -> f.path().toString())
        .filter(p -> p.contains("/gloas/") || p.contains("gloas_store")).toList();
    assertEquals(5, gloas.size(), gloas.toString());
    assertEquals(4, sync.stream().filter(f -> f.path().toString().contains("/fulu/")).count());
    final List<FileResult> ranking = bySuite(r, "update_ranking");
    assertEquals(7, ranking.size());
    assertEquals(7, ranking.stream().mapToInt(FileResult::passed).sum());
    // the 26 minimal single_merkle_proof cases (altair..gloas, 8 of them Fulu/Gloas): decoded with the
    // whole-object schemas, all checks made
    final List<FileResult> smp = bySuite(r, "single_merkle_proof");
    assertEquals(26, smp.size());
    assertEquals(8, smp.stream().filter(f -> f.path().toString().matches(".*/(fulu|gloas)/.*")).count());
    for (final FileResult f : smp) {
      assertEquals(1, f.passed(), f.displayName() + " " + f.cases());
      assertTrue(f.cases().get(0).message().contains("leaf = hash_tree_root("), f.cases().toString());
    }
    assertEquals(0, r.failed());
  }

  @Test
  void mainnetSingleMerkleProofCasesAllPass() throws IOException {
    final RunResult r = run(V.resolve("consensus-specs-generated/tests/mainnet"));
    final List<FileResult> smp = bySuite(r, "single_merkle_proof");
    assertEquals(22, smp.size()); // altair..fulu: 6 forks x 3 BeaconState + 4 BeaconBlockBody (capella on)
    for (final FileResult f : smp) {
      assertEquals(1, f.passed(), f.displayName() + " " + f.cases());
      assertEquals(0, f.skipped(), f.displayName());
    }
    assertEquals(0, r.failed());
  }

  // --- Fulu/Gloas single_merkle_proof: every check can fail ---------------------------------------

  private static final Path GLOAS_SMP = GENERATED.resolve("gloas/light_client/single_merkle_proof");

  private CaseResult tamperedSmp(final String fork, final String kase, final java.util.function.UnaryOperator<String> proof,
      final java.util.function.Consumer<byte[]> object) throws IOException {
    final Path dir = copyCase(GENERATED.resolve(fork + "/light_client/single_merkle_proof").resolve(kase),
        "minimal/" + fork + "/light_client/single_merkle_proof/" + kase);
    Files.writeString(dir.resolve("proof.yaml"), proof.apply(Files.readString(dir.resolve("proof.yaml"))));
    final byte[] ssz = Snappy.decompress(Files.readAllBytes(dir.resolve("object.ssz_snappy")));
    object.accept(ssz);
    Files.write(dir.resolve("object.ssz_snappy"), snappyLiteral(ssz));
    return only(run(tmp));
  }

  @Test
  void gloasSingleMerkleProofUntouchedCopyPasses() throws IOException {
    final String fin = "BeaconState/finality_root_merkle_proof";
    final CaseResult ok = tamperedSmp("gloas", fin, p -> p, b -> { });
    assertEquals(Status.PASSED, ok.status(), ok.message());
    assertTrue(ok.message().contains("finalized_checkpoint.root"), ok.message());
  }

  @Test
  void gloasSingleMerkleProofWithAnotherLeafFails() throws IOException {
    final CaseResult c = tamperedSmp("gloas", "BeaconState/finality_root_merkle_proof",
        p -> p.replaceFirst("leaf: '0x[0-9a-f]{2}", "leaf: '0xee"), b -> { });
    assertEquals(Status.FAILED, c.status());
    assertTrue(c.message().contains("is not hash_tree_root(finalized_checkpoint.root)"), c.message());
  }

  @Test
  void gloasSingleMerkleProofWithAnElectraGindexFails() throws IOException {
    final CaseResult c = tamperedSmp("gloas", "BeaconState/next_sync_committee_merkle_proof",
        p -> p.replace("leaf_index: 2946", "leaf_index: 87"), b -> { });
    assertEquals(Status.FAILED, c.status());
    assertTrue(c.message().contains("is not Trestle's gindex 2946"), c.message());
  }

  @Test
  void gloasSingleMerkleProofWithATamperedSiblingFails() throws IOException {
    final CaseResult c = tamperedSmp("gloas", "BeaconBlockBody/execution_block_hash_merkle_proof",
        p -> p.replaceFirst("(?m)^- '0x[0-9a-f]{2}", "- '0xee"), b -> { });
    assertEquals(Status.FAILED, c.status());
    assertTrue(c.message().contains("does not prove signed_execution_payload_bid.message.parent_block_hash"),
        c.message());
  }

  @Test
  void objectChangedOutsideTheProvenFieldFails() throws IOException {
    // byte 0 is genesis_time of the state and randao_reveal of the body: the proven field and the leaf
    // stay the same, only the object root changes
    CaseResult c = tamperedSmp("gloas", "BeaconState/current_sync_committee_merkle_proof", p -> p,
        b -> b[0] ^= 0x01);
    assertEquals(Status.FAILED, c.status());
    assertTrue(c.message().contains("against hash_tree_root(object)"), c.message());
    Files.walk(tmp).sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
    c = tamperedSmp("fulu", "BeaconBlockBody/execution_merkle_proof", p -> p, b -> b[0] ^= 0x01);
    assertEquals(Status.FAILED, c.status());
    assertTrue(c.message().contains("against hash_tree_root(object)"), c.message());
  }

  @Test
  void gloasStateMerkleizedAsAPlainContainerDoesNotProve() throws IOException {
    // the same fields and bytes under plain-Container merkleization (no EIP-7688) give another root
    final Path dir = GLOAS_SMP.resolve("BeaconState/finality_root_merkle_proof");
    final com.fasterxml.jackson.databind.JsonNode proof = CaseFiles.yaml(dir.resolve("proof.yaml"));
    final List<Hash32> branch = new ArrayList<>();
    proof.get("branch").forEach(n -> branch.add(Hash32.fromHex(n.asText())));
    final byte[] ssz = CaseFiles.snappy(dir.resolve("object.ssz_snappy"));
    final io.trestle.proofs.ssz.SszType progressive = io.trestle.lightclient.types.beacon.StateSchemas
        .byName("BeaconState", Fork.GLOAS, Preset.MINIMAL).orElseThrow();
    final SingleMerkleProofSuite.ProvenField field =
        SingleMerkleProofSuite.ProvenField.of("finality_root_merkle_proof", Fork.GLOAS).orElseThrow();
    final Hash32 leaf = Hash32.fromHex(proof.get("leaf").asText());
    assertEquals(Status.PASSED, SingleMerkleProofSuite.checkField("p", progressive, field, leaf, 735, branch, ssz)
        .status());
    final CaseResult plain = SingleMerkleProofSuite.checkField("p",
        ((io.trestle.proofs.ssz.SszType.ProgressiveContainer) progressive).layout(), field, leaf, 735, branch, ssz);
    assertEquals(Status.FAILED, plain.status());
    assertTrue(plain.message().contains("does not prove"), plain.message());
    // and the Fulu layout does not even decode a Gloas state
    final CaseResult fulu = SingleMerkleProofSuite.checkField("p", io.trestle.lightclient.types.beacon.StateSchemas
        .byName("BeaconState", Fork.FULU, Preset.MINIMAL).orElseThrow(),
        SingleMerkleProofSuite.ProvenField.of("finality_root_merkle_proof", Fork.FULU).orElseThrow(),
        leaf, 169, branch, ssz);
    assertEquals(Status.FAILED, fulu.status());
    assertTrue(fulu.message().startsWith("object decoding failed"), fulu.message());
  }

  @Test
  void gloasGindexConstantsAreTheLeafIndicesOfTheSpecProofs() throws IOException {
    final Path smp = GENERATED.resolve("gloas/light_client/single_merkle_proof");
    final java.util.Map<String, Long> ours = java.util.Map.of(
        "BeaconBlockBody/execution_block_hash_merkle_proof", Fork.EXECUTION_BLOCK_HASH_GINDEX_GLOAS,
        "BeaconState/current_sync_committee_merkle_proof", Fork.GLOAS.currentSyncCommitteeGindex(),
        "BeaconState/next_sync_committee_merkle_proof", Fork.GLOAS.nextSyncCommitteeGindex(),
        "BeaconState/finality_root_merkle_proof", Fork.GLOAS.finalizedRootGindex());
    final java.util.Map<String, Hash32> roots = new java.util.HashMap<>();
    for (final java.util.Map.Entry<String, Long> e : ours.entrySet()) {
      final com.fasterxml.jackson.databind.JsonNode proof = CaseFiles.yaml(smp.resolve(e.getKey()).resolve("proof.yaml"));
      assertEquals(e.getValue().longValue(), proof.get("leaf_index").asLong(), e.getKey());
      final List<Hash32> branch = new ArrayList<>();
      proof.get("branch").forEach(n -> branch.add(Hash32.fromHex(n.asText())));
      final long gindex = e.getValue();
      assertEquals(io.trestle.proofs.ssz.MerkleBranch.depth(gindex), branch.size(), e.getKey());
      roots.put(e.getKey(), io.trestle.proofs.ssz.MerkleBranch.computeRoot(Hash32.fromHex(proof.get("leaf").asText()),
          branch, branch.size(), io.trestle.proofs.ssz.MerkleBranch.subtreeIndex(gindex)));
    }
    // the three BeaconState proofs come from one state: with our gindices they reach one root
    assertEquals(roots.get("BeaconState/current_sync_committee_merkle_proof"),
        roots.get("BeaconState/next_sync_committee_merkle_proof"));
    assertEquals(roots.get("BeaconState/current_sync_committee_merkle_proof"),
        roots.get("BeaconState/finality_root_merkle_proof"));
    // and with a neighbouring gindex they do not
    final com.fasterxml.jackson.databind.JsonNode next =
        CaseFiles.yaml(smp.resolve("BeaconState/next_sync_committee_merkle_proof/proof.yaml"));
    final List<Hash32> nb = new ArrayList<>();
    next.get("branch").forEach(n -> nb.add(Hash32.fromHex(n.asText())));
    assertTrue(!io.trestle.proofs.ssz.MerkleBranch.computeRoot(Hash32.fromHex(next.get("leaf").asText()), nb, 11,
        io.trestle.proofs.ssz.MerkleBranch.subtreeIndex(2945)).equals(roots.get("BeaconState/finality_root_merkle_proof")));
  }

  @Test
  void stagedSszStaticAndBls() throws IOException {
    final RunResult r = run(LANTERN.resolve("mainnet"), V.resolve("consensus-spec-tests"),
        V.resolve("eth-light-client/tests/fixtures/general"));
    final List<FileResult> ssz = bySuite(r, "ssz_static");
    assertEquals(31, ssz.size());
    assertEquals(31, ssz.stream().mapToInt(FileResult::passed).sum());
    assertEquals(0, ssz.stream().mapToInt(FileResult::skipped).sum());
    // BeaconBlock and BeaconBlockBody (no hand-written type) pass through the generic engine; every
    // other staged mainnet type passes through both the hand-written type and the engine
    final List<String> engine = ssz.stream().flatMap(f -> f.cases().stream())
        .filter(c -> c.message().contains("generic SSZ engine")).map(CaseResult::name).toList();
    assertEquals(31, engine.size(), engine.toString());
    assertTrue(engine.stream().anyMatch(n -> n.startsWith("BeaconBlock/")), engine.toString());
    assertTrue(engine.stream().anyMatch(n -> n.startsWith("BeaconBlockBody/")), engine.toString());
    assertEquals(77, bySuite(r, "bls").stream().mapToInt(FileResult::passed).sum());
    assertEquals(0, r.failed());
    assertEquals(0, r.files().stream().filter(f -> f.suite().equals(FileResult.NO_SUITE)).count());
  }

  // --- tampered copies ---------------------------------------------------------------------------

  private Path copyCase(final Path src, final String under) throws IOException {
    final Path dst = tmp.resolve(under);
    Files.createDirectories(dst);
    try (Stream<Path> s = Files.list(src)) {
      for (final Path p : s.toList()) {
        Files.copy(p, dst.resolve(p.getFileName()));
      }
    }
    return dst;
  }

  private static CaseResult only(final RunResult r) {
    final List<CaseResult> cs = new ArrayList<>();
    r.files().forEach(f -> cs.addAll(f.cases()));
    assertEquals(1, cs.size(), r.files().toString());
    return cs.get(0);
  }

  @Test
  void syncCaseWithAWrongCheckFailsNamingTheStep() throws IOException {
    final Path dir = copyCase(ELC.resolve("deneb/light_client/sync/light_client_sync"),
        "minimal/deneb/light_client/sync/light_client_sync");
    final Path steps = dir.resolve("steps.yaml");
    final List<String> lines = new ArrayList<>(Files.readAllLines(steps));
    // the third step's first check line: change its slot
    int seen = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("finalized_header: {slot: ") && ++seen == 3) {
        lines.set(i, lines.get(i).replaceFirst("slot: (\\d+)", "slot: 9$1"));
        break;
      }
    }
    Files.write(steps, lines);
    final CaseResult c = only(run(tmp));
    assertEquals(Status.FAILED, c.status());
    assertTrue(c.message().startsWith("step 3 ("), c.message());
    assertTrue(c.message().contains("finalized_header.slot"), c.message());
  }

  @Test
  void syncCaseWithATamperedSignatureFails() throws IOException {
    final Path dir = copyCase(ELC.resolve("altair/light_client/sync/light_client_sync"),
        "minimal/altair/light_client/sync/light_client_sync");
    final String stem = Files.readAllLines(dir.resolve("steps.yaml")).stream()
        .filter(l -> l.contains("update: ")).findFirst().orElseThrow().trim().substring("update: ".length());
    final Path f = dir.resolve(stem + ".ssz_snappy");
    final byte[] ssz = Snappy.decompress(Files.readAllBytes(f));
    ssz[ssz.length - 8 - 40] ^= 0x01; // inside sync_committee_signature (before the 8-byte signature_slot)
    Files.write(f, snappyLiteral(ssz));
    final CaseResult c = only(run(tmp));
    assertEquals(Status.FAILED, c.status());
    assertTrue(c.message().startsWith("step 1 (process_update): rejected SIGNATURE_INVALID"), c.message());
  }

  @Test
  void syncCaseWithAMissingUpdateFileFails() throws IOException {
    final Path dir = copyCase(ELC.resolve("bellatrix/light_client/sync/supply_sync_committee_from_past_update"),
        "minimal/bellatrix/light_client/sync/supply_sync_committee_from_past_update");
    try (Stream<Path> s = Files.list(dir)) {
      for (final Path p : s.filter(p -> p.getFileName().toString().startsWith("update_")).toList()) {
        Files.delete(p);
      }
    }
    final CaseResult c = only(run(tmp));
    assertEquals(Status.FAILED, c.status());
    assertTrue(c.message().contains("missing update_"), c.message());
  }

  @Test
  void sszStaticWithAWrongRootFails() throws IOException {
    final Path dir = copyCase(LANTERN.resolve("mainnet/capella/ssz_static/LightClientUpdate/ssz_random/case_0"),
        "mainnet/capella/ssz_static/LightClientUpdate/ssz_random/case_0");
    Files.writeString(dir.resolve("roots.yaml"), "{root: '0x" + "11".repeat(32) + "'}\n");
    final CaseResult c = only(run(tmp));
    assertEquals(Status.FAILED, c.status());
    assertTrue(c.message().contains("hash_tree_root"), c.message());
  }

  @Test
  void sszStaticDecodedWithTheWrongPresetFails() throws IOException {
    copyCase(LANTERN.resolve("mainnet/altair/ssz_static/SyncCommittee/ssz_random/case_0"),
        "minimal/altair/ssz_static/SyncCommittee/ssz_random/case_0");
    assertEquals(Status.FAILED, only(run(tmp)).status());
  }

  // --- generated single_merkle_proof and update_ranking cases ------------------------------------

  private static byte[] snappyLiteral(final byte[] data) {
    final ByteArrayOutputStream o = new ByteArrayOutputStream();
    long n = data.length;
    while (n >= 0x80) {
      o.write((int) (n & 0x7f) | 0x80);
      n >>>= 7;
    }
    o.write((int) n);
    for (int off = 0; off < data.length; off += 65536) {
      final int len = Math.min(65536, data.length - off);
      o.write(61 << 2); // literal, 2-byte length follows
      o.write((len - 1) & 0xff);
      o.write((len - 1) >>> 8);
      o.write(data, off, len);
    }
    return o.toByteArray();
  }

  private static Hash32 sha(final Hash32 a, final Hash32 b) {
    final byte[] buf = new byte[64];
    System.arraycopy(a.toArray(), 0, buf, 0, 32);
    System.arraycopy(b.toArray(), 0, buf, 32, 32);
    return Sha256.hash(buf);
  }

  private static Hash32 uint64Chunk(final long v) {
    final byte[] c = new byte[32];
    for (int i = 0; i < 8; i++) {
      c[i] = (byte) (v >>> (8 * i));
    }
    return Hash32.of(c);
  }

  @Test
  void singleMerkleProofOfAMainnetHeader() throws IOException {
    // Mainnet block 0x5afc…9275 (slot 7069376, helios bootstrap.json); its root is known independently.
    final BeaconBlockHeader h = new BeaconBlockHeader(7069376L, 146208L,
        Hash32.fromHex("0xd2a277b444fd1ee8756e274d769e549f295db7b3ff56ff0a0b2e8480ae106219"),
        Hash32.fromHex("0x915a406a2acb8a068017fd3b9b5158f53647a8aaa2d2bb398fa370ecfa24ddae"),
        Hash32.fromHex("0x5157a0e9eb83542330e463b157524e9aff312c0cd7a17f523689d7b144accfff"));
    // Branch of body_root (field 4 of 5 -> leaf 4 of 8, gindex 12), built with plain SHA-256.
    final Hash32 zero = Hash32.ZERO;
    final List<Hash32> branch = List.of(zero, sha(zero, zero),
        sha(sha(uint64Chunk(h.slot()), uint64Chunk(h.proposerIndex())), sha(h.parentRoot(), h.stateRoot())));
    final Path dir = tmp.resolve("mainnet/capella/light_client/single_merkle_proof/BeaconBlockHeader/pyspec_tests/c");
    Files.createDirectories(dir);
    Files.write(dir.resolve("object.ssz_snappy"), snappyLiteral(h.encode()));
    writeProof(dir, h.bodyRoot(), 12, branch);
    final CaseResult ok = only(run(tmp));
    assertEquals(Status.PASSED, ok.status(), ok.message());
    assertTrue(ok.message().contains("0x5afc212a7924789b2bc86acad3ab3a6ffb1f6e97253ea50bee7f4f51422c9275"));
    writeProof(dir, h.bodyRoot(), 13, branch); // wrong gindex
    assertEquals(Status.FAILED, only(run(tmp)).status());
    writeProof(dir, h.bodyRoot(), 12, List.of(zero, zero, branch.get(2))); // wrong sibling
    assertEquals(Status.FAILED, only(run(tmp)).status());
    writeProof(dir, h.stateRoot(), 12, branch); // wrong leaf
    assertEquals(Status.FAILED, only(run(tmp)).status());
    // an object type Trestle does not decode is skipped, never passed
    final Path state = tmp.resolve("mainnet/capella/light_client/single_merkle_proof/BeaconState/pyspec_tests/c");
    Files.move(dir.getParent().getParent(), state.getParent().getParent());
    assertEquals(Status.SKIPPED, only(run(tmp)).status());
  }

  private static void writeProof(final Path dir, final Hash32 leaf, final long gindex, final List<Hash32> branch)
      throws IOException {
    final StringBuilder b = new StringBuilder("leaf: '" + leaf + "'\nleaf_index: " + gindex + "\nbranch:\n");
    branch.forEach(x -> b.append("- '").append(x).append("'\n"));
    Files.writeString(dir.resolve("proof.yaml"), b.toString());
  }

  @Test
  void updateRankingOfMainnetUpdateVariants() throws IOException {
    final LightClientUpdate u = BeaconApiJson.update(
        new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(new com.fasterxml.jackson.databind
            .ObjectMapper().readTree(Files.readString(V.resolve("helios/ethereum/testdata/updates.json"))).get(0)),
        Preset.MAINNET).data();
    // Spec ranking: a supermajority beats no supermajority; then a sync-committee update beats one without.
    final LightClientUpdate noCommittee = new LightClientUpdate(u.attestedHeader(), SyncCommittee.empty(Preset.MAINNET),
        Collections.nCopies(5, Hash32.ZERO), u.finalizedHeader(), u.finalityBranch(), u.syncAggregate(),
        u.signatureSlot());
    final byte[] one = new byte[64];
    one[0] = 1;
    final LightClientUpdate weak = new LightClientUpdate(u.attestedHeader(), u.nextSyncCommittee(),
        u.nextSyncCommitteeBranch(), u.finalizedHeader(), u.finalityBranch(),
        new SyncAggregate(Bytes.of(one), u.syncAggregate().signature()), u.signatureSlot());
    final Path dir = tmp.resolve("mainnet/capella/light_client/update_ranking/pyspec_tests/c");
    Files.createDirectories(dir);
    writeRanking(dir, List.of(u, noCommittee, weak));
    final CaseResult ok = only(run(tmp));
    assertEquals(Status.PASSED, ok.status(), ok.message());
    writeRanking(dir, List.of(u, weak, noCommittee));
    final CaseResult bad = only(run(tmp));
    assertEquals(Status.FAILED, bad.status());
    assertTrue(bad.message().contains("updates_2, updates_1"), bad.message());
    assertEquals(Fork.CAPELLA, u.fork());
  }

  private static void writeRanking(final Path dir, final List<LightClientUpdate> us) throws IOException {
    Files.writeString(dir.resolve("meta.yaml"), "{updates_count: " + us.size() + "}\n");
    for (int i = 0; i < us.size(); i++) {
      Files.write(dir.resolve("updates_" + i + ".ssz_snappy"), snappyLiteral(us.get(i).encode()));
    }
  }
}
