package io.trestle.vectors.consensus;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.lightclient.config.Networks;
import io.trestle.lightclient.internal.spec.SyncProtocol;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.config.ChainConfig.Preset;
import io.trestle.vectors.CaseResult;
import io.trestle.vectors.Suite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * consensus-spec-tests {@code light_client/update_ranking}: a case directory with {@code meta.yaml}
 * ({@code {updates_count}}) and {@code updates_<i>.ssz_snappy} for {@code i < updates_count}, best first;
 * recognised by a {@code meta.yaml} with an {@code updates_0.ssz_snappy} sibling. Updates are decoded as
 * {@code LightClientUpdate}s of the fork and preset named in the path. Check: for every {@code i < j},
 * {@code is_better_update(updates[j], updates[i])} is false (the spec's ranking agrees with the order).
 */
public final class UpdateRankingSuite implements Suite {
  @Override
  public String name() {
    return "update_ranking";
  }

  @Override
  public boolean recognise(final Path file) {
    return file.getFileName().toString().equals("meta.yaml") && CaseFiles.sibling(file, "updates_0.ssz_snappy")
        && !CaseFiles.sibling(file, "steps.yaml");
  }

  @Override
  public Set<Path> companions(final Path file) {
    final Set<Path> out = new HashSet<>();
    final Path dir = file.getParent();
    out.add(dir.resolve("config.yaml"));
    for (int i = 0; i < 10_000 && Files.exists(dir.resolve("updates_" + i + ".ssz_snappy")); i++) {
      out.add(dir.resolve("updates_" + i + ".ssz_snappy"));
    }
    return out;
  }

  @Override
  public List<CaseResult> run(final Path file) throws IOException {
    final Path dir = file.toAbsolutePath().getParent();
    final String name = dir.getFileName().toString();
    final Optional<Fork> fork = CaseFiles.forkFromPath(dir);
    final Optional<Preset> preset = CaseFiles.presetFromPath(dir);
    if (fork.isEmpty() || preset.isEmpty() || fork.get().lightClientShape() == Fork.Shape.NONE) {
      return List.of(CaseResult.skipped(name, "light-client fork or preset not named in the path"));
    }
    final JsonNode meta = CaseFiles.yaml(file);
    final long count = CaseFiles.uint(meta, "updates_count", "meta.yaml");
    if (count < 1 || count > 10_000) {
      return List.of(CaseResult.failed(name, "meta.yaml: implausible updates_count " + count));
    }
    final List<LightClientUpdate> updates = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      final Path f = dir.resolve("updates_" + i + ".ssz_snappy");
      if (!Files.isRegularFile(f)) {
        return List.of(CaseResult.failed(name, "missing " + f.getFileName()));
      }
      try {
        updates.add(LightClientUpdate.decode(CaseFiles.snappy(f), fork.get(), preset.get()));
      } catch (RuntimeException e) {
        return List.of(CaseResult.failed(name, f.getFileName() + ": decoding failed: " + e.getMessage()));
      }
    }
    final SyncProtocol protocol = new SyncProtocol(
        preset.get() == Preset.MAINNET ? Networks.MAINNET : Networks.MINIMAL, (c, r, a, s) -> false);
    for (int i = 0; i < updates.size(); i++) {
      for (int j = i + 1; j < updates.size(); j++) {
        if (protocol.isBetterUpdate(updates.get(j), updates.get(i))) {
          return List.of(CaseResult.failed(name, "is_better_update(updates_" + j + ", updates_" + i
              + ") is true, but updates_" + i + " ranks higher"));
        }
      }
    }
    return List.of(CaseResult.passed(name, count + " updates ranked in the given order"));
  }
}
