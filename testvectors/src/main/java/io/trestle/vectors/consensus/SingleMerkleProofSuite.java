package io.trestle.vectors.consensus;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.types.Fork;
import io.trestle.lightclient.types.Preset;
import io.trestle.proofs.ssz.MerkleBranch;
import io.trestle.vectors.CaseResult;
import io.trestle.vectors.Suite;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * consensus-spec-tests {@code light_client/single_merkle_proof}: a case directory with {@code proof.yaml}
 * ({@code {leaf, leaf_index, branch}}) and {@code object.ssz_snappy}, recognised by its {@code
 * proof.yaml}. The object's type is the directory right below {@code single_merkle_proof} (or, in copies
 * without that level, the case's parent, skipping {@code pyspec_tests}); fork and preset come from the
 * path. Check: {@code is_valid_merkle_branch(leaf, branch, depth(leaf_index), index(leaf_index),
 * hash_tree_root(object))} with {@code leaf_index} a generalized index. Objects of types Trestle does not
 * decode (BeaconState, BeaconBlockBody) are skipped, never passed.
 */
public final class SingleMerkleProofSuite implements Suite {
  @Override
  public String name() {
    return "single_merkle_proof";
  }

  @Override
  public boolean recognise(final Path file) {
    return file.getFileName().toString().equals("proof.yaml")
        && (CaseFiles.sibling(file, "object.ssz_snappy") || CaseFiles.sibling(file, "state.ssz_snappy"));
  }

  @Override
  public Set<Path> companions(final Path file) {
    final Path dir = file.getParent();
    return Set.of(dir.resolve("object.ssz_snappy"), dir.resolve("state.ssz_snappy"));
  }

  static Optional<String> typeOf(final Path caseDir) {
    Path below = null;
    for (Path p = caseDir; p != null && p.getFileName() != null; p = p.getParent()) {
      if (p.getFileName().toString().equals("single_merkle_proof")) {
        return below == null ? Optional.empty() : Optional.of(below.getFileName().toString());
      }
      below = p;
    }
    Path parent = caseDir.getParent();
    if (parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("pyspec_tests")) {
      parent = parent.getParent();
    }
    return parent == null || parent.getFileName() == null ? Optional.empty()
        : Optional.of(parent.getFileName().toString());
  }

  @Override
  public List<CaseResult> run(final Path file) throws IOException {
    final Path dir = file.toAbsolutePath().getParent();
    final Optional<String> type = CaseFiles.sibling(file, "object.ssz_snappy") ? typeOf(dir)
        : Optional.of("BeaconState");
    final String name = type.orElse("?") + "/" + dir.getFileName();
    final Optional<Fork> fork = CaseFiles.forkFromPath(dir);
    final Optional<Preset> preset = CaseFiles.presetFromPath(dir);
    if (type.isEmpty() || fork.isEmpty() || preset.isEmpty()) {
      return List.of(CaseResult.skipped(name, "type, fork or preset not named in the path"));
    }
    final Optional<String> why = SszTypes.unsupported(type.get(), fork.get());
    if (why.isPresent()) {
      return List.of(CaseResult.skipped(name, why.get()));
    }
    final JsonNode proof = CaseFiles.yaml(file);
    final Hash32 leaf;
    final long gindex;
    final List<Hash32> branch = new ArrayList<>();
    try {
      leaf = Hash32.fromHex(CaseFiles.text(proof, "leaf", "proof.yaml"));
      gindex = CaseFiles.uint(proof, "leaf_index", "proof.yaml");
      final JsonNode b = proof.get("branch");
      if (b == null || !b.isArray()) {
        return List.of(CaseResult.failed(name, "proof.yaml: branch is not a list"));
      }
      for (final JsonNode e : b) {
        branch.add(Hash32.fromHex(e.asText()));
      }
    } catch (IllegalArgumentException e) {
      return List.of(CaseResult.failed(name, "proof.yaml: " + e.getMessage()));
    }
    if (gindex < 1 || gindex > (1L << 62)) {
      return List.of(CaseResult.failed(name, "proof.yaml: leaf_index " + Long.toUnsignedString(gindex)
          + " is not a usable generalized index"));
    }
    final SszTypes.Decoded d;
    try {
      d = SszTypes.decode(type.get(), fork.get(), preset.get(), CaseFiles.snappy(dir.resolve("object.ssz_snappy")));
    } catch (RuntimeException e) {
      return List.of(CaseResult.failed(name, "object decoding failed: " + e.getMessage()));
    }
    if (!MerkleBranch.isValid(leaf, branch, gindex, d.root())) {
      return List.of(CaseResult.failed(name, "branch of " + branch.size() + " does not prove " + leaf
          + " at gindex " + gindex + " against hash_tree_root(object) " + d.root()));
    }
    return List.of(CaseResult.passed(name, "leaf at gindex " + gindex + " proven against " + d.root()));
  }
}
