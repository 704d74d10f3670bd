package io.trestle.vectors.consensus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.bls.BlsSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs one consensus-spec-tests {@code general/<fork>/bls/<handler>/<suite>/<case>/data.yaml} case
 * against {@link BlsSpec}. The YAML is {@code {input: ..., output: ...}} with {@code '0x'}-hex byte
 * strings; a {@code null} (or bare) output means the operation must fail. Handlers: {@code verify},
 * {@code sign}, {@code aggregate}, {@code aggregate_verify}, {@code fast_aggregate_verify}, {@code
 * eth_fast_aggregate_verify}, {@code eth_aggregate_pubkeys}.
 *
 * <p>Never throws for a non-null path and handler: an unreadable or malformed case file, or an unknown
 * handler, is a {@link Outcome#failed} outcome naming the problem.
 */
public final class BlsCaseRunner {
  /** The handler directory names this runner understands. */
  public static final List<String> HANDLERS = List.of("verify", "sign", "aggregate", "aggregate_verify",
      "fast_aggregate_verify", "eth_fast_aggregate_verify", "eth_aggregate_pubkeys");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /**
   * The result of one case.
   *
   * @param passed true if the implementation produced the expected output
   * @param message empty when passed, otherwise what differed or why the case could not be run
   */
  public record Outcome(boolean passed, String message) {
    /** Validates fields. */
    public Outcome {
      Objects.requireNonNull(message, "message");
    }

    /** A passed case. */
    public static Outcome success() {
      return new Outcome(true, "");
    }

    /** A failed case with a reason. */
    public static Outcome failed(final String message) {
      return new Outcome(false, message);
    }
  }

  /** Thrown internally for malformed case files. */
  private static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(final String message) {
      super(message);
    }
  }

  private BlsCaseRunner() {}

  /** Runs the case in {@code dataYaml} as {@code handler}. */
  public static Outcome run(final Path dataYaml, final String handler) {
    Objects.requireNonNull(dataYaml, "dataYaml");
    Objects.requireNonNull(handler, "handler");
    final JsonNode doc;
    try {
      doc = YAML.readTree(dataYaml.toFile());
    } catch (final IOException e) {
      return Outcome.failed("cannot read " + dataYaml + ": " + e.getMessage());
    }
    try {
      return run(doc, handler);
    } catch (final Malformed e) {
      return Outcome.failed(dataYaml + ": " + e.getMessage());
    }
  }

  private static Outcome run(final JsonNode doc, final String handler) throws Malformed {
    if (doc == null || !doc.isObject() || !doc.has("input")) {
      throw new Malformed("expected a mapping with 'input' and 'output'");
    }
    final JsonNode in = doc.get("input");
    final JsonNode out = doc.get("output");
    switch (handler) {
      case "verify":
        return bool(out, BlsSpec.verify(bytes(in, "pubkey"), bytes(in, "message"), bytes(in, "signature")));
      case "fast_aggregate_verify":
        return bool(out, BlsSpec.fastAggregateVerify(list(field(in, "pubkeys"), "pubkeys"), bytes(in, "message"),
            bytes(in, "signature")));
      case "eth_fast_aggregate_verify":
        return bool(out, BlsSpec.ethFastAggregateVerify(list(field(in, "pubkeys"), "pubkeys"),
            bytes(in, "message"), bytes(in, "signature")));
      case "aggregate_verify":
        return bool(out, BlsSpec.aggregateVerify(list(field(in, "pubkeys"), "pubkeys"),
            list(field(in, "messages"), "messages"), bytes(in, "signature")));
      case "aggregate":
        return bytesOrNull(out, BlsSpec.aggregate(list(in, "input")));
      case "eth_aggregate_pubkeys":
        return bytesOrNull(out, BlsSpec.ethAggregatePubkeys(list(in, "input")));
      case "sign":
        return bytesOrNull(out, BlsSpec.sign(bytes(in, "privkey"), bytes(in, "message")));
      default:
        return Outcome.failed("unknown BLS handler '" + handler + "' (known: " + HANDLERS + ")");
    }
  }

  private static Outcome bool(final JsonNode expected, final boolean actual) throws Malformed {
    if (expected == null || !expected.isBoolean()) {
      throw new Malformed("output: expected a boolean");
    }
    return expected.booleanValue() == actual ? Outcome.success()
        : Outcome.failed("expected " + expected.booleanValue() + ", got " + actual);
  }

  private static Outcome bytesOrNull(final JsonNode expected, final Optional<Bytes> actual) throws Malformed {
    if (expected == null || expected.isNull()) {
      return actual.isEmpty() ? Outcome.success() : Outcome.failed("expected failure (null), got " + actual.get());
    }
    final Bytes want = hex(expected, "output");
    if (actual.isEmpty()) {
      return Outcome.failed("expected " + want + ", got failure");
    }
    return want.equals(actual.get()) ? Outcome.success()
        : Outcome.failed("expected " + want + ", got " + actual.get());
  }

  private static JsonNode field(final JsonNode in, final String name) throws Malformed {
    final JsonNode n = in == null ? null : in.get(name);
    if (n == null) {
      throw new Malformed("input." + name + " missing");
    }
    return n;
  }

  private static Bytes bytes(final JsonNode in, final String name) throws Malformed {
    return hex(field(in, name), "input." + name);
  }

  private static List<Bytes> list(final JsonNode n, final String where) throws Malformed {
    if (n == null || !n.isArray()) {
      throw new Malformed(where + ": expected a list");
    }
    final List<Bytes> out = new ArrayList<>(n.size());
    for (int i = 0; i < n.size(); i++) {
      out.add(hex(n.get(i), where + "[" + i + "]"));
    }
    return out;
  }

  private static Bytes hex(final JsonNode n, final String where) throws Malformed {
    if (n == null || !n.isTextual() || !n.textValue().startsWith("0x")) {
      throw new Malformed(where + ": expected a '0x' hex string");
    }
    try {
      return Bytes.fromHex(n.textValue());
    } catch (final IllegalArgumentException e) {
      throw new Malformed(where + ": " + e.getMessage());
    }
  }
}
