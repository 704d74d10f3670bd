package io.trestle.crypto.bls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.trestle.crypto.Bytes;
import io.trestle.testbase.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every staged upstream BLS vector (consensus-spec-tests {@code general/{phase0,altair}/bls} and the
 * eth-light-client copy of {@code fast_aggregate_verify}) through {@link BlsSpec}. Expected outputs are
 * the upstream ones; a YAML {@code null} output means the operation must fail.
 */
class BlsVectorsTest {
  private static final Path VECTORS = Vectors.root();
  private static final Path[] ROOTS = {
    VECTORS.resolve("consensus-spec-tests/tests/general"),
    VECTORS.resolve("eth-light-client/tests/fixtures/general/phase0/bls/fast_aggregate_verify"),
  };
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** data.yaml files under any {@code bls} directory, keyed by path, with their handler name. */
  static Map<Path, String> cases() throws IOException {
    final Map<Path, String> out = new TreeMap<>();
    for (final Path root : ROOTS) {
      try (Stream<Path> s = Files.walk(root)) {
        for (final Path p : s.filter(f -> f.getFileName().toString().equals("data.yaml"))
            .collect(Collectors.toList())) {
          // <...>/bls/<handler>/<suite>/<case>/data.yaml
          final Path rel = root.relativize(p);
          if (!rel.toString().contains("bls")) {
            continue;
          }
          out.put(p, p.getParent().getParent().getParent().getFileName().toString());
        }
      }
    }
    return out;
  }

  @Test
  void allStagedCasesAreFound() throws IOException {
    final Map<Path, String> cases = cases();
    assertEquals(77, cases.size(), "PROVENANCE.md lists 65 consensus-spec-tests + 12 eth-light-client BLS cases");
    final Map<String, Long> perHandler = new TreeMap<>(cases.values().stream()
        .collect(Collectors.groupingBy(h -> h, Collectors.counting())));
    assertEquals(Map.of("aggregate", 5L, "aggregate_verify", 5L, "eth_aggregate_pubkeys", 7L,
        "eth_fast_aggregate_verify", 10L, "fast_aggregate_verify", 12L, "sign", 10L, "verify", 28L), perHandler);
  }

  @TestFactory
  List<DynamicTest> upstreamVectors() throws IOException {
    final List<DynamicTest> tests = new ArrayList<>();
    for (final Map.Entry<Path, String> e : cases().entrySet()) {
      final Path p = e.getKey();
      final String handler = e.getValue();
      tests.add(DynamicTest.dynamicTest(handler + "/" + p.getParent().getFileName(), () -> run(p, handler)));
    }
    return tests;
  }

  private static void run(final Path file, final String handler) throws IOException {
    final JsonNode doc = YAML.readTree(file.toFile());
    final JsonNode in = doc.get("input");
    final JsonNode out = doc.get("output");
    final boolean expectNull = out == null || out.isNull();
    switch (handler) {
      case "verify":
        assertEquals(out.asBoolean(), BlsSpec.verify(b(in.get("pubkey")), b(in.get("message")),
            b(in.get("signature"))));
        assertTrue(out.isBoolean());
        break;
      case "fast_aggregate_verify":
        assertTrue(out.isBoolean());
        assertEquals(out.asBoolean(), BlsSpec.fastAggregateVerify(list(in.get("pubkeys")),
            b(in.get("message")), b(in.get("signature"))));
        break;
      case "eth_fast_aggregate_verify":
        assertTrue(out.isBoolean());
        assertEquals(out.asBoolean(), BlsSpec.ethFastAggregateVerify(list(in.get("pubkeys")),
            b(in.get("message")), b(in.get("signature"))));
        break;
      case "aggregate_verify":
        assertTrue(out.isBoolean());
        assertEquals(out.asBoolean(), BlsSpec.aggregateVerify(list(in.get("pubkeys")),
            list(in.get("messages")), b(in.get("signature"))));
        break;
      case "aggregate":
        expect(expectNull, out, BlsSpec.aggregate(list(in)));
        break;
      case "eth_aggregate_pubkeys":
        expect(expectNull, out, BlsSpec.ethAggregatePubkeys(list(in)));
        break;
      case "sign":
        expect(expectNull, out, BlsSpec.sign(b(in.get("privkey")), b(in.get("message"))));
        break;
      default:
        throw new AssertionError("unknown handler " + handler);
    }
  }

  private static void expect(final boolean expectNull, final JsonNode out, final Optional<Bytes> actual) {
    if (expectNull) {
      assertEquals(Optional.empty(), actual);
    } else {
      assertEquals(Optional.of(b(out)), actual);
    }
  }

  private static Bytes b(final JsonNode n) {
    return Bytes.fromHex(n.asText());
  }

  private static List<Bytes> list(final JsonNode n) {
    final List<Bytes> out = new ArrayList<>();
    n.forEach(x -> out.add(b(x)));
    return out;
  }
}
