package io.trestle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.testbase.Vectors;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code trestle vectors} on the staged CometBFT data: every single-step verdict and the eureka update. */
class CometVectorsCommandTest {
  private static List<String> run(final String path) {
    final ByteArrayOutputStream o = new ByteArrayOutputStream();
    final int code = Main.run(List.of("vectors", path), new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertEquals(0, code);
    return o.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void singleStepFilesAndEurekaUpdate() {
    final List<String> lines = run(Vectors.path("tendermint-rs/light-client/tests/support/model_based").toString());
    assertEquals("75 passed, 0 failed, 0 skipped", lines.get(lines.size() - 1));
    assertTrue(lines.contains("single_step/MC100_2_faulty_TestSuccess.json  tendermint-single-step  1 passed, 0 failed"),
        String.join("\n", lines));
    final List<String> eureka = run(Vectors.path(
        "solidity-ibc-eureka/packages/tendermint-light-client/fixtures/update_client_happy_path.json").toString());
    assertEquals("1 passed, 0 failed, 0 skipped", eureka.get(eureka.size() - 1));
  }
}
