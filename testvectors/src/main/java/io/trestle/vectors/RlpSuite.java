package io.trestle.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.crypto.Hex;
import io.trestle.proofs.VerificationException;
import io.trestle.proofs.rlp.Rlp;
import io.trestle.proofs.rlp.RlpItem;
import io.trestle.proofs.rlp.RlpWriter;
import io.trestle.vectors.VectorJson.MalformedVectorException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ethereum/tests {@code RLPTests}: {@code rlptest.json}, {@code invalidRLPTest.json} and {@code
 * RandomRLPTests/*.json}, recognised by content: a JSON object whose members are {@code {in, out}}
 * objects. What each case checks, by the value of {@code in}:
 *
 * <ul>
 *   <li><b>A value</b> (string, non-negative JSON integer, bigint string {@code "#<decimal>"}, or a
 *       nested array of these): {@link RlpWriter} encodes {@code in} and the bytes must equal {@code out};
 *       and {@link Rlp#decode(byte[])} of {@code out} must succeed and give the same structure. Strings
 *       compare as their UTF-8 bytes; integers as minimal big-endian bytes (0 is the empty string), and
 *       for integers {@link RlpItem#asUnsigned} must also return the number.
 *   <li><b>{@code "INVALID"}</b>: {@code Rlp.decode(out)} must throw a {@link VerificationException}.
 *       Anything else (success, or any other exception) fails the case.
 *   <li><b>{@code "VALID"}</b>: {@code Rlp.decode(out)} must succeed, and re-encoding the decoded tree
 *       with {@link RlpWriter} must give {@code out} back byte for byte (a strict decoder accepts only
 *       canonical encodings, so this must hold).
 * </ul>
 *
 * <p><b>How "INVALID" is decided.</b> An INVALID case carries no type, so the only principled check is
 * the generic one: the bytes must not be one canonical RLP item (wrong or non-minimal length prefixes,
 * a wrapped single byte below {@code 0x80}, truncation, trailing bytes, empty input, over-large
 * lengths). A case that is invalid only under a typed reading (for example an integer with a leading
 * zero byte, which is a well-formed byte string) would be accepted by generic strict decoding and is
 * therefore reported as a <b>failure</b> naming the decoded structure; the runner does not guess a type
 * the vector does not state. Every case of the staged {@code invalidRLPTest.json} is structurally
 * invalid, so none of them depends on this rule.
 *
 * <p>Hex in {@code out} is accepted with or without {@code 0x}. A member that is not an {@code {in,
 * out}} object, or a value of a kind listed nowhere above (float, negative number, boolean, null,
 * object), is a failed case ("malformed vector"), never a pass.
 */
public final class RlpSuite implements Suite {
  /** The suite name. */
  public static final String NAME = "rlp";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean recognise(final Path file) {
    return VectorJson.readObject(file).map(o -> VectorJson.hasCaseShape(o, "out")).orElse(false);
  }

  @Override
  public List<CaseResult> run(final Path file) throws IOException {
    final ObjectNode root = VectorJson.readRecognised(file);
    final List<CaseResult> out = new ArrayList<>();
    final Iterator<Map.Entry<String, JsonNode>> it = root.fields();
    while (it.hasNext()) {
      final Map.Entry<String, JsonNode> e = it.next();
      out.add(runCase(e.getKey(), e.getValue()));
    }
    return out;
  }

  /** Runs one case; never throws. */
  static CaseResult runCase(final String name, final JsonNode c) {
    try {
      if (!c.isObject() || !c.has("in") || !c.path("out").isTextual()) {
        return CaseResult.failed(name, "malformed vector: expected an object with 'in' and a string 'out'");
      }
      final byte[] out = VectorJson.bytes(c.get("out").asText(), true, "out");
      final JsonNode in = c.get("in");
      if (in.isTextual() && in.asText().equals("INVALID")) {
        return invalidCase(name, out);
      }
      if (in.isTextual() && in.asText().equals("VALID")) {
        return validCase(name, out);
      }
      return valueCase(name, parse(in, "in"), out);
    } catch (MalformedVectorException e) {
      return CaseResult.failed(name, "malformed vector: " + e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      return CaseResult.failed(name, "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static CaseResult invalidCase(final String name, final byte[] out) {
    final RlpItem item;
    try {
      item = Rlp.decode(out);
    } catch (VerificationException e) {
      return CaseResult.passed(name, "rejected as expected: " + e.reason() + ": " + e.detail());
    } catch (RuntimeException e) {
      return CaseResult.failed(
          name, "expected a VerificationException, got " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    return CaseResult.failed(
        name, "vector says INVALID but strict decoding accepted it as " + describe(item, 3));
  }

  private static CaseResult validCase(final String name, final byte[] out) {
    final RlpItem item;
    try {
      item = Rlp.decode(out);
    } catch (VerificationException e) {
      return CaseResult.failed(name, "vector says VALID but decoding rejected it: " + e.reason() + ": " + e.detail());
    }
    final byte[] again = encode(fromItem(item));
    if (!Arrays.equals(again, out)) {
      return CaseResult.failed(
          name, "decoded, but re-encoding gave " + VectorJson.abbreviate(Hex.encode(again)) + " instead of out");
    }
    return CaseResult.passed(name, "decoded and re-encoded identically (" + describe(item, 2) + ")");
  }

  private static CaseResult valueCase(final String name, final Node expected, final byte[] out) {
    final byte[] encoded = encode(expected);
    if (!Arrays.equals(encoded, out)) {
      return CaseResult.failed(
          name,
          "encoding: RlpWriter gave " + VectorJson.abbreviate(Hex.encode(encoded)) + ", vector out is "
              + VectorJson.abbreviate(Hex.encode(out)));
    }
    final RlpItem item;
    try {
      item = Rlp.decode(out);
    } catch (VerificationException e) {
      return CaseResult.failed(name, "decoding: strict decoding rejected out: " + e.reason() + ": " + e.detail());
    }
    final Optional<String> mismatch = compare(expected, item, "in");
    if (mismatch.isPresent()) {
      return CaseResult.failed(name, "decoding: " + mismatch.get());
    }
    return CaseResult.passed(name, "encoded to out and decoded back to in");
  }

  // --- the expected value tree -------------------------------------------------------------------

  /** A value of an {@code in}: a byte string, an integer, or a list. */
  private sealed interface Node permits Str, Int, Lst {}

  private record Str(byte[] bytes) implements Node {}

  private record Int(BigInteger value) implements Node {}

  private record Lst(List<Node> items) implements Node {}

  private static Node parse(final JsonNode in, final String where) {
    if (in.isTextual()) {
      final String s = in.asText();
      if (s.startsWith("#")) {
        final String digits = s.substring(1);
        if (digits.isEmpty() || !digits.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
          throw new MalformedVectorException(where + ": bigint string is not '#' followed by decimal digits");
        }
        return new Int(new BigInteger(digits));
      }
      return new Str(s.getBytes(StandardCharsets.UTF_8));
    }
    if (in.isIntegralNumber()) {
      final BigInteger v = in.bigIntegerValue();
      if (v.signum() < 0) {
        throw new MalformedVectorException(where + ": negative integer " + v);
      }
      return new Int(v);
    }
    if (in.isArray()) {
      final List<Node> items = new ArrayList<>(in.size());
      for (int i = 0; i < in.size(); i++) {
        items.add(parse(in.get(i), where + "[" + i + "]"));
      }
      return new Lst(items);
    }
    throw new MalformedVectorException(where + ": unsupported JSON value of type " + in.getNodeType());
  }

  private static Node fromItem(final RlpItem item) {
    if (item.isString()) {
      return new Str(item.bytes());
    }
    final List<Node> items = new ArrayList<>();
    for (final RlpItem child : item.items()) {
      items.add(fromItem(child));
    }
    return new Lst(items);
  }

  private static byte[] encode(final Node n) {
    if (n instanceof Str s) {
      return RlpWriter.string(s.bytes());
    }
    if (n instanceof Int i) {
      return i.value().bitLength() <= 63 ? RlpWriter.uint(i.value().longValueExact()) : RlpWriter.uint(i.value());
    }
    final List<byte[]> items = new ArrayList<>();
    for (final Node c : ((Lst) n).items()) {
      items.add(encode(c));
    }
    return RlpWriter.list(items);
  }

  /** Minimal big-endian bytes of a non-negative integer (empty for zero). */
  private static byte[] minimal(final BigInteger v) {
    if (v.signum() == 0) {
      return new byte[0];
    }
    final byte[] b = v.toByteArray();
    return b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
  }

  private static Optional<String> compare(final Node expected, final RlpItem item, final String where) {
    if (expected instanceof Lst l) {
      if (!item.isList()) {
        return Optional.of(where + ": expected a list, decoded a string");
      }
      final List<RlpItem> items = item.items();
      if (items.size() != l.items().size()) {
        return Optional.of(where + ": expected " + l.items().size() + " items, decoded " + items.size());
      }
      for (int i = 0; i < items.size(); i++) {
        final Optional<String> m = compare(l.items().get(i), items.get(i), where + "[" + i + "]");
        if (m.isPresent()) {
          return m;
        }
      }
      return Optional.empty();
    }
    if (item.isList()) {
      return Optional.of(where + ": expected a string, decoded a list");
    }
    final byte[] want = expected instanceof Str s ? s.bytes() : minimal(((Int) expected).value());
    if (!item.payloadEquals(want)) {
      return Optional.of(
          where + ": expected " + VectorJson.abbreviate(Hex.encode(want)) + ", decoded "
              + VectorJson.abbreviate(Hex.encode(item.bytes())));
    }
    if (expected instanceof Int i) {
      try {
        final BigInteger got = item.asUnsigned(where, Math.max(1, item.payloadLength()));
        if (!got.equals(i.value())) {
          return Optional.of(where + ": asUnsigned gave " + got + ", expected " + i.value());
        }
      } catch (VerificationException e) {
        return Optional.of(where + ": asUnsigned rejected a canonical integer: " + e.getMessage());
      }
    }
    return Optional.empty();
  }

  /** A short structural description of a decoded item, to {@code depth} levels. */
  static String describe(final RlpItem item, final int depth) {
    if (item.isString()) {
      return "string of " + item.payloadLength() + " byte(s)";
    }
    final List<RlpItem> items = item.items();
    if (depth <= 0 || items.isEmpty()) {
      return "list of " + items.size() + " item(s)";
    }
    final StringBuilder sb = new StringBuilder("list[");
    for (int i = 0; i < items.size() && i < 4; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(describe(items.get(i), depth - 1));
    }
    if (items.size() > 4) {
      sb.append(", ... ").append(items.size() - 4).append(" more");
    }
    return sb.append(']').toString();
  }
}
