package io.trestle.vectors.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.testbase.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs all 77 staged upstream BLS cases through {@link BlsCaseRunner}, plus malformed case files. */
class BlsCaseRunnerTest {
  private static final Path[] ROOTS = {
    Vectors.path("consensus-spec-tests/tests/general"),
    Vectors.path("eth-light-client/tests/fixtures/general/phase0/bls"),
  };

  @Test
  void allUpstreamBlsCasesPass() throws IOException {
    final List<String> failures = new ArrayList<>();
    int ran = 0;
    for (final Path root : ROOTS) {
      final List<Path> files;
      try (Stream<Path> s = Files.walk(root)) {
        files = s.filter(p -> p.getFileName().toString().equals("data.yaml") && p.toString().contains("/bls/"))
            .sorted().collect(Collectors.toList());
      }
      for (final Path f : files) {
        final String handler = f.getParent().getParent().getParent().getFileName().toString();
        final BlsCaseRunner.Outcome o = BlsCaseRunner.run(f, handler);
        ran++;
        if (!o.passed()) {
          failures.add(f + ": " + o.message());
        }
      }
    }
    assertEquals(List.of(), failures);
    assertEquals(77, ran);
  }

  @Test
  void malformedCasesFailWithAMessage(@TempDir final Path dir) throws IOException {
    final Path f = dir.resolve("data.yaml");
    Files.writeString(f, "input: {pubkey: 'zz', message: '0x00', signature: '0x00'}\noutput: true\n");
    final BlsCaseRunner.Outcome bad = BlsCaseRunner.run(f, "verify");
    assertFalse(bad.passed());
    assertTrue(bad.message().contains("input.pubkey"), bad.message());
    Files.writeString(f, "input: [1, 2]\noutput: null\n");
    assertTrue(BlsCaseRunner.run(f, "aggregate").message().contains("input[0]"));
    assertTrue(BlsCaseRunner.run(f, "no_such").message().contains("unknown BLS handler"));
    assertTrue(BlsCaseRunner.run(dir.resolve("missing.yaml"), "verify").message().startsWith("cannot read"));
    Files.writeString(f, "input: {pubkeys: [], message: '0x00', signature: '0x00'}\noutput: 'yes'\n");
    assertTrue(BlsCaseRunner.run(f, "fast_aggregate_verify").message().contains("boolean"));
    // a wrong expected value is reported, not passed
    Files.writeString(f, "input: {pubkeys: [], message: '0x00', signature: '0xc0" + "00".repeat(95) + "'}\n"
        + "output: false\n");
    final BlsCaseRunner.Outcome wrong = BlsCaseRunner.run(f, "eth_fast_aggregate_verify");
    assertEquals(BlsCaseRunner.Outcome.failed("expected false, got true"), wrong);
  }
}
