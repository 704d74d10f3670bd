package io.trestle.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.testbase.Vectors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The staged cosmos/ics23 testdata (21 files) and the two solidity-ibc-eureka membership fixtures run
 * through {@link VectorRunner}: every file is recognised by {@link Ics23Suite} and every case passes.
 * Case counts come from PROVENANCE.md §9 (upstream's own case counts), not from the runner.
 */
class Ics23VectorsTest {
  static final Path ICS23 = Vectors.path("ics23", "testdata");
  static final Path EUREKA = Vectors.path("solidity-ibc-eureka", "packages", "tendermint-light-client", "fixtures");

  @Test
  void everyIcs23VectorPasses() throws IOException {
    final RunResult r = new VectorRunner().run(List.of(ICS23));
    final Map<String, FileResult> byName = r.files().stream()
        .collect(Collectors.toMap(FileResult::displayName, f -> f, (a, b) -> a, TreeMap::new));
    assertEquals(21, byName.size(), byName.keySet().toString());
    for (final FileResult f : r.files()) {
      assertEquals(Ics23Suite.NAME, f.suite(), f.displayName());
      assertEquals(List.of(), f.failures(), f.displayName());
      assertEquals(0, f.skipped(), f.displayName());
    }
    // PROVENANCE.md §9: 11 + 4 + 7 + 6 + 10 + 11 + 8 unit cases, 14 per-spec vectors
    final Map<String, Integer> expected = Map.of(
        "TestLeafOpData.json", 11, "TestInnerOpData.json", 4, "TestDoHashData.json", 7,
        "TestExistenceProofData.json", 6, "TestCheckLeafData.json", 10, "TestCheckAgainstSpecData.json", 11,
        "TestEmptyBranchData.json", 8);
    for (final Map.Entry<String, Integer> e : expected.entrySet()) {
      assertEquals(e.getValue(), byName.get(e.getKey()).passed(), e.getKey());
    }
    assertEquals(57 + 14, r.passed());
    assertTrue(r.success());
  }

  @Test
  void errorCasesFailForTheReasonTheVectorNames() throws IOException {
    final FileResult f = new VectorRunner().run(List.of(ICS23.resolve("TestCheckAgainstSpecData.json"))).files().get(0);
    final Map<String, String> msg = f.cases().stream().collect(Collectors.toMap(CaseResult::name, CaseResult::message));
    assertTrue(msg.get("empty proof fails").contains("LEAF_MISSING"), msg.get("empty proof fails"));
    assertTrue(msg.get("reject depth limited with too few inner nodes").contains("DEPTH_TOO_SHORT"));
    assertTrue(msg.get("reject depth limited with too many inner nodes").contains("DEPTH_TOO_LONG"));
    assertTrue(msg.get("reject too many inner nodes (129) using default limited depth (128)").contains("DEPTH_TOO_LONG"));
    assertTrue(msg.get("rejects invalid inner proof (hash mismatch)").contains("INNER_HASH_MISMATCH"));
    assertTrue(msg.get("rejects invalid leaf").contains("LEAF_SPEC_MISMATCH"));
    assertTrue(msg.get("rejects leaf with invalid inner proofs").contains("IAVL_PREFIX_INVALID"));
  }

  @Test
  void eurekaMembershipFixturesVerifyEndToEnd() throws IOException {
    final RunResult r = new VectorRunner().run(List.of(
        EUREKA.resolve("verify_membership_key_0.json"), EUREKA.resolve("verify_non-membership_key_1.json")));
    assertEquals(2, r.passed());
    assertEquals(0, r.failed());
    for (final FileResult f : r.files()) {
      assertEquals(Ics23Suite.NAME, f.suite());
    }
    assertTrue(r.files().get(1).cases().get(0).message().startsWith("non-membership of /ibc/clients/07-tendermint-001/clientState verified"));
  }
}
