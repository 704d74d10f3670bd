package io.trestle.vectors.consensus;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.config.ChainConfig.Preset;
import io.trestle.proofs.ssz.SszType;
import io.trestle.vectors.CaseResult;
import io.trestle.vectors.Suite;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * consensus-spec-tests {@code ssz_static}: a case directory with {@code roots.yaml} ({@code {root}}),
 * {@code serialized.ssz_snappy} and optionally {@code value.yaml}, recognised by its {@code roots.yaml}
 * with a {@code serialized.ssz_snappy} sibling. The type is the directory two levels above the case
 * ({@code <Type>/<suite>/<case>}); fork and preset are the nearest fork-named and {@code
 * minimal}/{@code mainnet} directories above it. Checks: strict decoding, re-encoding byte-identical
 * to the (decompressed) input, and {@code hash_tree_root} equal to {@code root}, by the hand-written type
 * and, for MAINNET types with a {@code BeaconSchemas} schema, also by the generic SSZ engine (both must
 * pass). Types with neither are skipped (never passed); {@code value.yaml} is not compared.
 */
public final class SszStaticSuite implements Suite {
  @Override
  public String name() {
    return "ssz_static";
  }

  @Override
  public boolean recognise(final Path file) {
    return file.getFileName().toString().equals("roots.yaml") && CaseFiles.sibling(file, "serialized.ssz_snappy");
  }

  @Override
  public Set<Path> companions(final Path file) {
    final Path dir = file.getParent();
    return Set.of(dir.resolve("serialized.ssz_snappy"), dir.resolve("value.yaml"));
  }

  @Override
  public List<CaseResult> run(final Path file) throws IOException {
    final Path dir = file.toAbsolutePath().getParent();
    final Path typeDir = dir.getParent() == null ? null : dir.getParent().getParent();
    final String name = typeDir == null ? dir.getFileName().toString()
        : typeDir.getFileName() + "/" + dir.getParent().getFileName() + "/" + dir.getFileName();
    if (typeDir == null || typeDir.getFileName() == null) {
      return List.of(CaseResult.skipped(name, "no <Type>/<suite>/<case> directories above the case"));
    }
    final String type = typeDir.getFileName().toString();
    final Optional<Fork> fork = CaseFiles.forkFromPath(typeDir);
    final Optional<Preset> preset = CaseFiles.presetFromPath(typeDir);
    if (fork.isEmpty() || preset.isEmpty()) {
      return List.of(CaseResult.skipped(name, "fork or preset not named in the path"));
    }
    final Optional<String> why = SszTypes.unsupported(type, fork.get());
    final Optional<SszType.Container> schema = SszTypes.schema(type, fork.get(), preset.get());
    if (why.isPresent() && schema.isEmpty()) {
      return List.of(CaseResult.skipped(name, why.get()));
    }
    final JsonNode roots = CaseFiles.yaml(file);
    final Hash32 expected;
    try {
      expected = Hash32.fromHex(CaseFiles.text(roots, "root", "roots.yaml"));
    } catch (IllegalArgumentException e) {
      return List.of(CaseResult.failed(name, "roots.yaml: bad root: " + e.getMessage()));
    }
    final byte[] ssz = CaseFiles.snappy(dir.resolve("serialized.ssz_snappy"));
    final List<String> checked = new ArrayList<>();
    if (why.isEmpty()) {
      final Optional<String> bad = check(() -> SszTypes.decode(type, fork.get(), preset.get(), ssz), ssz, expected);
      if (bad.isPresent()) {
        return List.of(CaseResult.failed(name, bad.get()));
      }
      checked.add("hand-written type");
    }
    if (schema.isPresent()) {
      final Optional<String> bad = check(() -> SszTypes.decodeWithSchema(schema.get(), ssz), ssz, expected);
      if (bad.isPresent()) {
        return List.of(CaseResult.failed(name, "generic SSZ engine: " + bad.get()));
      }
      checked.add("generic SSZ engine");
    }
    return List.of(CaseResult.passed(name, fork.get().specName() + " " + preset.get().name() + " " + type
        + ": decode/encode identical, root " + expected + " (" + String.join(", ", checked) + ")"));
  }

  /** Empty if decoding, re-encoding and the root all check out, else why not. */
  private static Optional<String> check(final Supplier<SszTypes.Decoded> decoder, final byte[] ssz,
      final Hash32 expected) {
    final SszTypes.Decoded d;
    try {
      d = decoder.get();
    } catch (RuntimeException e) {
      return Optional.of("decoding failed: " + e.getMessage());
    }
    if (!Arrays.equals(ssz, d.encoded())) {
      return Optional.of("re-encoding differs from the input (" + d.encoded().length + " vs " + ssz.length
          + " bytes)");
    }
    if (!d.root().equals(expected)) {
      return Optional.of("hash_tree_root " + d.root() + " != expected " + expected);
    }
    return Optional.empty();
  }
}
