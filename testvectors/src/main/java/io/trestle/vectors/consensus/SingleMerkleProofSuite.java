package io.trestle.vectors.consensus;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.config.ChainConfig.Preset;
import io.trestle.lightclient.types.beacon.StateSchemas;
import io.trestle.proofs.ssz.MerkleBranch;
import io.trestle.proofs.ssz.SszType;
import io.trestle.proofs.ssz.SszValue;
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
 * hash_tree_root(object))} with {@code leaf_index} a generalized index. {@code BeaconState} and {@code
 * BeaconBlockBody} objects of Altair to Gloas are decoded with {@link StateSchemas} (Gloas: EIP-7688
 * progressive containers) and also checked field by field ({@link #checkField}); a case whose name does
 * not say which field it proves is skipped. Objects of types Trestle does not decode are skipped, never
 * passed.
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
    final Optional<SszType> schema = StateSchemas.byName(type.get(), fork.get(), preset.get());
    final Optional<String> why = SszTypes.unsupported(type.get(), fork.get());
    if (why.isPresent() && schema.isEmpty()) {
      return List.of(CaseResult.skipped(name, why.get()));
    }
    final Optional<ProvenField> field = schema.isPresent()
        ? ProvenField.of(dir.getFileName().toString(), fork.get()) : Optional.empty();
    if (schema.isPresent() && field.isEmpty()) {
      return List.of(CaseResult.skipped(name, "case " + dir.getFileName()
          + " names no field Trestle knows, so its leaf cannot be checked"));
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
    if (schema.isPresent()) {
      return List.of(checkField(name, schema.get(), field.get(), leaf, gindex, branch,
          CaseFiles.snappy(dir.resolve("object.ssz_snappy"))));
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

  /**
   * The field a named upstream case proves (the case names of
   * tests/core/pyspec/eth_consensus_specs/test/{altair,capella,gloas}/light_client/test_single_merkle_proof.py}): its path below the
   * object and the gindex Trestle's light client uses for it in {@code fork}.
   */
  record ProvenField(List<String> path, long gindex) {
    static Optional<ProvenField> of(final String caseName, final Fork fork) {
      switch (caseName) {
        case "current_sync_committee_merkle_proof":
          return Optional.of(new ProvenField(List.of("current_sync_committee"), fork.currentSyncCommitteeGindex()));
        case "next_sync_committee_merkle_proof":
          return Optional.of(new ProvenField(List.of("next_sync_committee"), fork.nextSyncCommitteeGindex()));
        case "finality_root_merkle_proof":
          return Optional.of(new ProvenField(List.of("finalized_checkpoint", "root"), fork.finalizedRootGindex()));
        case "execution_merkle_proof":
          return fork.hasExecution() && fork.ordinal() < Fork.GLOAS.ordinal()
              ? Optional.of(new ProvenField(List.of("execution_payload"), fork.executionPayloadGindex()))
              : Optional.empty();
        case "execution_block_hash_merkle_proof":
          return fork.ordinal() >= Fork.GLOAS.ordinal()
              ? Optional.of(new ProvenField(List.of("signed_execution_payload_bid", "message", "parent_block_hash"),
                  Fork.EXECUTION_BLOCK_HASH_GINDEX_GLOAS))
              : Optional.empty();
        default:
          return Optional.empty();
      }
    }
  }

  /**
   * Every check of a case over a whole-object schema: the object decodes strictly and re-encodes to the
   * same bytes; {@code leaf_index} equals the gindex Trestle's light client uses for the field; the leaf
   * equals {@code hash_tree_root} of that field of the decoded object; the branch proves the leaf at
   * {@code leaf_index} against {@code hash_tree_root(object)}.
   */
  static CaseResult checkField(final String name, final SszType schema, final ProvenField field,
      final Hash32 leaf, final long gindex, final List<Hash32> branch, final byte[] ssz) {
    final SszValue value;
    final Hash32 root;
    final Hash32 fieldRoot;
    try {
      value = schema.decode(ssz);
      if (!java.util.Arrays.equals(schema.encode(value), ssz)) {
        return CaseResult.failed(name, "object does not re-encode to its own bytes");
      }
      root = schema.hashTreeRoot(value);
      SszType t = schema;
      SszValue v = value;
      for (final String f : field.path()) {
        final SszType.Container c = t instanceof SszType.ProgressiveContainer
            ? ((SszType.ProgressiveContainer) t).layout() : (SszType.Container) t;
        v = c.get(v, f);
        t = c.fieldType(f);
      }
      fieldRoot = t.hashTreeRoot(v);
    } catch (RuntimeException e) {
      return CaseResult.failed(name, "object decoding failed: " + e.getMessage());
    }
    final String fieldName = String.join(".", field.path());
    if (gindex != field.gindex()) {
      return CaseResult.failed(name, "leaf_index " + gindex + " is not Trestle's gindex " + field.gindex()
          + " of " + fieldName);
    }
    if (!leaf.equals(fieldRoot)) {
      return CaseResult.failed(name, "leaf " + leaf + " is not hash_tree_root(" + fieldName + ") " + fieldRoot);
    }
    if (!MerkleBranch.isValid(leaf, branch, gindex, root)) {
      return CaseResult.failed(name, "branch of " + branch.size() + " does not prove " + fieldName
          + " at gindex " + gindex + " against hash_tree_root(object) " + root);
    }
    return CaseResult.passed(name, fieldName + " (" + leaf + ") proven at gindex " + gindex + " against "
        + root + "; object re-encodes; leaf = hash_tree_root(" + fieldName + ")");
  }
}
