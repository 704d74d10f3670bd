package io.trestle.vectors.cosmos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trestle.testbase.Vectors;
import io.trestle.vectors.CaseResult;
import io.trestle.vectors.FileResult;
import io.trestle.vectors.RunResult;
import io.trestle.vectors.Status;
import io.trestle.vectors.VectorRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every staged tendermint-rs single-step case passes through the runner with its exact verdict. */
class TendermintSingleStepTest {
  private static final Path DIR = Vectors.path("tendermint-rs/light-client/tests/support/model_based/single_step");

  @Test
  void all75StepsHaveTheirVerdicts() throws Exception {
    final RunResult r = new VectorRunner().run(List.of(DIR));
    final List<String> failures = new ArrayList<>();
    int passed = 0;
    int success = 0;
    int notEnough = 0;
    int invalid = 0;
    for (final FileResult f : r.files()) {
      assertEquals(TendermintSingleStepSuite.NAME, f.suite(), f.displayName());
      for (final CaseResult c : f.cases()) {
        if (c.status() == Status.PASSED) {
          passed++;
          success += c.message().startsWith("SUCCESS") ? 1 : 0;
          notEnough += c.message().startsWith("NOT_ENOUGH_TRUST") ? 1 : 0;
          invalid += c.message().startsWith("INVALID") ? 1 : 0;
        } else {
          failures.add(f.displayName() + " " + c.name() + ": " + c.message());
        }
      }
    }
    assertEquals(List.of(), failures);
    assertEquals(30, r.files().size());
    assertEquals(75, passed);
    // the staged PROVENANCE.md's census of the expected verdicts
    assertEquals(33, success);
    assertEquals(32, notEnough);
    assertEquals(10, invalid);
  }
}
