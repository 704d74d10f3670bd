package io.trestle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench command's argument handling (the profile itself is the JMH run, exercised by hand). */
class BenchCommandTest {
  private record Run(int code, String out, String err) {}

  private static Run run(final String... args) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final int code = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void unknownOptionIsAUsageErrorWithOneJsonObject() throws Exception {
    final Run r = run("bench", "--json", "--fast");
    assertEquals(2, r.code());
    final JsonNode o = new ObjectMapper().readTree(r.out());
    assertEquals("cli.USAGE_ERROR", o.get("reason").asText());
    assertTrue(o.get("detail").asText().contains("--fast"), r.out());
  }

  @Test
  void missingBenchmarksJarIsExitTwoNotAStackTrace(@TempDir final Path emptyHome) {
    final String before = System.getProperty("trestle.home");
    System.setProperty("trestle.home", emptyHome.toString());
    try {
      final Run r = run("bench", "--quick");
      assertEquals(2, r.code());
      assertTrue(r.err().contains("benchmarks jar not found"), r.err());
      assertTrue(!r.err().contains("Exception"), r.err());
    } finally {
      if (before == null) {
        System.clearProperty("trestle.home");
      } else {
        System.setProperty("trestle.home", before);
      }
    }
  }
}
