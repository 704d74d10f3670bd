package io.trestle.cosmos.ics23;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hex;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Strict decoding of ICS-23 proofs given as JSON, in the two forms the cosmos/ics23 repository uses:
 *
 * <ul>
 *   <li>the test-vector wrapper {@code {"proof": "<hex CommitmentProof>", ...}} (other members such as
 *       {@code key}, {@code value}, {@code root} are ignored: what is verified always comes from the
 *       caller), decoded with {@link Ics23Codec};
 *   <li>the protobuf JSON mapping of {@code CommitmentProof}: {@code {"exist": {...}}} or {@code
 *       {"nonexist": {"key", "left", "right"}}}, an existence proof being {@code {"key", "value",
 *       "leaf": {"hash", "prehash_key", "prehash_value", "length", "prefix"}, "path": [{"hash",
 *       "prefix", "suffix"}]}}; bytes in standard base64, enums as numbers or names ({@code "SHA256"}).
 * </ul>
 *
 * <p>Strict: exact (lower-case) member names, unknown members and duplicate names rejected, the same
 * bounds as the binary decoder ({@link Ics23Codec#MAX_INPUT_BYTES} of JSON text, {@link
 * Ics23Codec#MAX_PATH} inner ops), JSON nesting bounded by the schema. Every failure is {@link
 * Ics23Reason#INPUT_MALFORMED} (or the binary decoder's reason); never throws. Decoding proves nothing.
 */
public final class Ics23Json {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  static {
    MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build());
  }

  private Ics23Json() {}

  /** Decodes either JSON form; never throws. */
  public static Ics23Result<CommitmentProof> decode(final String json) {
    Objects.requireNonNull(json, "json");
    if (json.length() > Ics23Codec.MAX_INPUT_BYTES) {
      return new Ics23Result.Rejected<>(Ics23Reason.DECODE_TOO_LARGE, json.length() + " chars of JSON, limit " + Ics23Codec.MAX_INPUT_BYTES);
    }
    final JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (IOException e) {
      return new Ics23Result.Rejected<>(Ics23Reason.INPUT_MALFORMED, "not JSON: " + firstLine(e.getMessage()));
    }
    if (root == null || !root.isObject()) {
      return new Ics23Result.Rejected<>(Ics23Reason.INPUT_MALFORMED, "not a JSON object");
    }
    if (root.has("proof")) {
      final JsonNode p = root.get("proof");
      if (!p.isTextual()) {
        return new Ics23Result.Rejected<>(Ics23Reason.INPUT_MALFORMED, "\"proof\" is not a hex string");
      }
      final byte[] bytes;
      try {
        bytes = Hex.decode(p.asText());
      } catch (IllegalArgumentException e) {
        return new Ics23Result.Rejected<>(Ics23Reason.INPUT_MALFORMED, "\"proof\" is not hex: " + e.getMessage());
      }
      return Ics23Codec.decodeCommitmentProof(bytes);
    }
    return Ics23Result.of(() -> commitmentProof(root));
  }

  private static CommitmentProof commitmentProof(final JsonNode o) {
    only(o, "CommitmentProof", Set.of("exist", "nonexist", "batch", "compressed"));
    if (o.size() != 1) {
      throw malformed("CommitmentProof: exactly one of exist, nonexist expected, got " + o.size() + " members");
    }
    if (o.has("batch") || o.has("compressed")) {
      throw new Ics23Exception(Ics23Reason.UNSUPPORTED_PROOF_TYPE, "CommitmentProof: batch and compressed proofs are not accepted");
    }
    return o.has("exist") ? existence(o.get("exist"), "exist") : nonExistence(o.get("nonexist"));
  }

  private static NonExistenceProof nonExistence(final JsonNode o) {
    only(o, "nonexist", Set.of("key", "left", "right"));
    return new NonExistenceProof(bytes(o, "key", "nonexist"),
        present(o, "left").map(n -> existence(n, "nonexist.left")),
        present(o, "right").map(n -> existence(n, "nonexist.right")));
  }

  private static ExistenceProof existence(final JsonNode o, final String where) {
    only(o, where, Set.of("key", "value", "leaf", "path"));
    final List<InnerOp> path = new ArrayList<>();
    final Optional<JsonNode> p = present(o, "path");
    if (p.isPresent()) {
      if (!p.get().isArray()) {
        throw malformed(where + ".path: not an array");
      }
      if (p.get().size() > Ics23Codec.MAX_PATH) {
        throw new Ics23Exception(Ics23Reason.DECODE_TOO_LARGE, where + ".path: more than " + Ics23Codec.MAX_PATH + " inner ops");
      }
      for (int i = 0; i < p.get().size(); i++) {
        final String w = where + ".path[" + i + "]";
        final JsonNode op = p.get().get(i);
        only(op, w, Set.of("hash", "prefix", "suffix"));
        path.add(new InnerOp(hashOp(op, "hash", w), bytes(op, "prefix", w), bytes(op, "suffix", w)));
      }
    }
    final Optional<LeafOp> leaf = present(o, "leaf").map(l -> {
      final String w = where + ".leaf";
      only(l, w, Set.of("hash", "prehash_key", "prehash_value", "length", "prefix"));
      return new LeafOp(hashOp(l, "hash", w), hashOp(l, "prehash_key", w), hashOp(l, "prehash_value", w),
          lengthOp(l, w), bytes(l, "prefix", w));
    });
    return new ExistenceProof(bytes(o, "key", where), bytes(o, "value", where), leaf, path);
  }

  private static void only(final JsonNode o, final String where, final Set<String> allowed) {
    if (!o.isObject()) {
      throw malformed(where + ": not an object");
    }
    final Iterator<String> it = o.fieldNames();
    while (it.hasNext()) {
      final String n = it.next();
      if (!allowed.contains(n)) {
        throw malformed(where + ": unknown member \"" + n + "\"");
      }
    }
  }

  private static Optional<JsonNode> present(final JsonNode o, final String name) {
    final JsonNode n = o.get(name);
    return n == null || n.isNull() ? Optional.empty() : Optional.of(n);
  }

  private static Bytes bytes(final JsonNode o, final String name, final String where) {
    final Optional<JsonNode> n = present(o, name);
    if (n.isEmpty()) {
      return Bytes.EMPTY;
    }
    if (!n.get().isTextual()) {
      throw malformed(where + "." + name + ": not a base64 string");
    }
    try {
      return Bytes.of(Base64.getDecoder().decode(n.get().asText()));
    } catch (IllegalArgumentException e) {
      throw malformed(where + "." + name + ": not base64: " + e.getMessage());
    }
  }

  private static HashOp hashOp(final JsonNode o, final String name, final String where) {
    final Optional<JsonNode> n = present(o, name);
    if (n.isEmpty()) {
      return HashOp.NO_HASH;
    }
    if (n.get().isIntegralNumber()) {
      return HashOp.fromNumber(n.get().asLong()).orElseThrow(() ->
          new Ics23Exception(Ics23Reason.DECODE_BAD_ENUM, where + "." + name + ": no HashOp " + n.get()));
    }
    if (n.get().isTextual()) {
      for (final HashOp h : HashOp.values()) {
        if (h.name().equals(n.get().asText())) {
          return h;
        }
      }
    }
    throw new Ics23Exception(Ics23Reason.DECODE_BAD_ENUM, where + "." + name + ": no HashOp " + n.get());
  }

  private static LengthOp lengthOp(final JsonNode o, final String where) {
    final Optional<JsonNode> n = present(o, "length");
    if (n.isEmpty()) {
      return LengthOp.NO_PREFIX;
    }
    if (n.get().isIntegralNumber()) {
      return LengthOp.fromNumber(n.get().asLong()).orElseThrow(() ->
          new Ics23Exception(Ics23Reason.DECODE_BAD_ENUM, where + ".length: no LengthOp " + n.get()));
    }
    if (n.get().isTextual()) {
      for (final LengthOp l : LengthOp.values()) {
        if (l.name().equals(n.get().asText())) {
          return l;
        }
      }
    }
    throw new Ics23Exception(Ics23Reason.DECODE_BAD_ENUM, where + ".length: no LengthOp " + n.get());
  }

  private static Ics23Exception malformed(final String detail) {
    return new Ics23Exception(Ics23Reason.INPUT_MALFORMED, detail);
  }

  private static String firstLine(final String m) {
    final String s = String.valueOf(m);
    final int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
