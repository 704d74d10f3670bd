package io.trestle.vectors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.cosmos.AppHash;
import io.trestle.cosmos.ibc.MerklePath;
import io.trestle.cosmos.ibc.StateProofVerifier;
import io.trestle.cosmos.ics23.CommitmentProof;
import io.trestle.cosmos.ics23.ExistenceProof;
import io.trestle.cosmos.ics23.HashOp;
import io.trestle.cosmos.ics23.Ics23Codec;
import io.trestle.cosmos.ics23.Ics23Exception;
import io.trestle.cosmos.ics23.Ics23Ops;
import io.trestle.cosmos.ics23.Ics23Result;
import io.trestle.cosmos.ics23.Ics23Verifier;
import io.trestle.cosmos.ics23.InnerOp;
import io.trestle.cosmos.ics23.InnerSpec;
import io.trestle.cosmos.ics23.LeafOp;
import io.trestle.cosmos.ics23.LengthOp;
import io.trestle.cosmos.ics23.NonExistenceProof;
import io.trestle.cosmos.ics23.ProofSpec;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hex;
import io.trestle.vectors.VectorJson.MalformedVectorException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * cosmos/ics23 {@code testdata} and the solidity-ibc-eureka membership fixtures, recognised by content:
 *
 * <ul>
 *   <li><b>Per-spec vectors</b>: an object with exactly {@code key, value, root, proof} (hex). Checks
 *       (upstream {@code go/vectors_test.go}): the {@code CommitmentProof} decodes, {@code Calculate()}
 *       equals {@code root}, and it verifies as membership (non-membership when {@code value} is empty)
 *       under the spec. The spec is the parent directory's name ({@code iavl}, {@code tendermint},
 *       {@code smt}, as upstream lays them out); elsewhere exactly one of the three specs must verify it.
 *   <li><b>Unit vectors</b> ({@code Test*Data.json}, Go {@code encoding/json} dumps: base64 bytes,
 *       numeric enums, field names matched case-insensitively as Go does), recognised by the member
 *       shape of their cases: {@code {Op, Key, Value, IsErr, Expected}} (LeafOp.Apply), {@code {Op,
 *       Child, IsErr, Expected}} (InnerOp.Apply), {@code {HashOp, Preimage, ExpectedHash}} (doHash),
 *       {@code {Proof, IsErr, Expected}} (ExistenceProof.Calculate), {@code {Leaf, Spec, IsErr}}
 *       (LeafOp.CheckAgainstSpec), {@code {Proof, Spec, Err}} (ExistenceProof.CheckAgainstSpec; only
 *       error or no error is compared, Go's error text is not portable), and a top-level array of
 *       {@code {Op, Spec, IsLeft, IsRight}} (InnerOp.CheckAgainstSpec at layer 1, then
 *       leftBranchesAreEmpty / rightBranchesAreEmpty).
 *   <li><b>Eureka membership fixtures</b>: an object with {@code consensus_state_hex} and {@code
 *       membership_msg}: the chained proof (IAVL then Tendermint) at {@code path} must verify against
 *       the consensus state's root (the app hash): membership of {@code value}, or non-membership when
 *       {@code value} is empty.
 * </ul>
 */
public final class Ics23Suite implements Suite {
  /** The suite name. */
  public static final String NAME = "ics23";

  private static final long MAX_BYTES = 16L * 1024 * 1024;
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private enum Kind { SPEC_VECTOR, LEAF_OP, INNER_OP, DO_HASH, EXISTENCE, CHECK_LEAF, CHECK_SPEC, EMPTY_BRANCH, EUREKA }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean recognise(final Path file) {
    return read(file).flatMap(Ics23Suite::kind).isPresent();
  }

  @Override
  public List<CaseResult> run(final Path file) throws IOException {
    final JsonNode root = read(file).orElseThrow(() -> new IOException("file is no longer readable JSON"));
    final Kind kind = kind(root).orElseThrow(() -> new IOException("file no longer has an ICS-23 vector shape"));
    final List<CaseResult> out = new ArrayList<>();
    switch (kind) {
      case SPEC_VECTOR -> out.add(guard(file.getFileName().toString(), root, (n, c) -> specVector(n, c, file)));
      case EUREKA -> out.add(guard(file.getFileName().toString(), root, Ics23Suite::eureka));
      case EMPTY_BRANCH -> {
        for (int i = 0; i < root.size(); i++) {
          out.add(guard("case " + i, root.get(i), Ics23Suite::emptyBranch));
        }
      }
      default -> {
        final Iterator<Map.Entry<String, JsonNode>> it = root.fields();
        while (it.hasNext()) {
          final Map.Entry<String, JsonNode> e = it.next();
          out.add(guard(e.getKey(), e.getValue(), switch (kind) {
            case LEAF_OP -> Ics23Suite::leafOp;
            case INNER_OP -> Ics23Suite::innerOp;
            case DO_HASH -> Ics23Suite::doHash;
            case EXISTENCE -> Ics23Suite::existence;
            case CHECK_LEAF -> Ics23Suite::checkLeaf;
            default -> Ics23Suite::checkSpec;
          }));
        }
      }
    }
    return out;
  }

  // --- recognition --------------------------------------------------------------------------------

  private static Optional<JsonNode> read(final Path file) {
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
        return Optional.empty();
      }
      try (InputStream in = Files.newInputStream(file)) {
        final byte[] head = in.readNBytes(64);
        int i = 0;
        while (i < head.length && Character.isWhitespace(head[i])) {
          i++;
        }
        if (i == head.length || (head[i] != '{' && head[i] != '[')) {
          return Optional.empty();
        }
      }
      return Optional.of(MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<Kind> kind(final JsonNode root) {
    if (root.isArray()) {
      return root.size() > 0 && root.get(0).isObject() && hasAll(root.get(0), "Op", "Spec", "IsLeft", "IsRight")
          ? Optional.of(Kind.EMPTY_BRANCH) : Optional.empty();
    }
    if (!root.isObject()) {
      return Optional.empty();
    }
    if (root.size() == 4 && hasAll(root, "key", "value", "root", "proof")) {
      return Optional.of(Kind.SPEC_VECTOR);
    }
    if (root.has("consensus_state_hex") && root.path("membership_msg").isObject()) {
      return Optional.of(Kind.EUREKA);
    }
    final Iterator<JsonNode> it = root.elements();
    if (!it.hasNext()) {
      return Optional.empty();
    }
    final JsonNode c = it.next();
    if (!c.isObject()) {
      return Optional.empty();
    }
    if (hasAll(c, "Op", "Key", "Value", "IsErr")) {
      return Optional.of(Kind.LEAF_OP);
    }
    if (hasAll(c, "Op", "Child", "IsErr")) {
      return Optional.of(Kind.INNER_OP);
    }
    if (hasAll(c, "HashOp", "ExpectedHash")) {
      return Optional.of(Kind.DO_HASH);
    }
    if (hasAll(c, "Proof", "Spec", "Err")) {
      return Optional.of(Kind.CHECK_SPEC);
    }
    if (hasAll(c, "Proof", "IsErr")) {
      return Optional.of(Kind.EXISTENCE);
    }
    if (hasAll(c, "Leaf", "Spec", "IsErr")) {
      return Optional.of(Kind.CHECK_LEAF);
    }
    return Optional.empty();
  }

  private static boolean hasAll(final JsonNode o, final String... names) {
    for (final String n : names) {
      if (member(o, n).isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** Go's encoding/json: an exact match first, else a case-insensitive one. */
  private static Optional<JsonNode> member(final JsonNode o, final String name) {
    if (!o.isObject()) {
      return Optional.empty();
    }
    if (o.has(name)) {
      return Optional.of(o.get(name));
    }
    final Iterator<String> it = o.fieldNames();
    while (it.hasNext()) {
      final String n = it.next();
      if (n.equalsIgnoreCase(name)) {
        return Optional.of(o.get(n));
      }
    }
    return Optional.empty();
  }

  private static JsonNode need(final JsonNode o, final String name) {
    return member(o, name).orElseThrow(() -> new MalformedVectorException("missing '" + name + "'"));
  }

  private static CaseResult guard(final String name, final JsonNode c, final BiFunction<String, JsonNode, CaseResult> f) {
    try {
      return f.apply(name, c);
    } catch (MalformedVectorException e) {
      return CaseResult.failed(name, "malformed vector: " + e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      return CaseResult.failed(name, "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  // --- per-spec vectors and eureka ------------------------------------------------------------------

  private static CaseResult specVector(final String name, final JsonNode c, final Path file) {
    final Bytes key = hex(c, "key");
    final Bytes value = hex(c, "value");
    final Bytes root = hex(c, "root");
    final Ics23Result<CommitmentProof> decoded = Ics23Codec.decodeCommitmentProof(hex(c, "proof").toArray());
    if (decoded instanceof Ics23Result.Rejected<CommitmentProof> r) {
      return CaseResult.failed(name, "proof does not decode: " + r.reason() + ": " + r.detail());
    }
    final CommitmentProof proof = decoded.orElseThrow();
    final Ics23Result<Bytes> calc = Ics23Verifier.calculate(proof);
    if (!calc.isVerified() || !calc.orElseThrow().equals(root)) {
      return CaseResult.failed(name, "Calculate() gave " + calc + ", vector root " + root.toHex());
    }
    final String dir = file.toAbsolutePath().getParent().getFileName().toString();
    final Optional<ProofSpec> named = switch (dir) {
      case "iavl" -> Optional.of(ProofSpec.IAVL);
      case "tendermint" -> Optional.of(ProofSpec.TENDERMINT);
      case "smt" -> Optional.of(ProofSpec.SMT);
      default -> Optional.empty();
    };
    final String what = value.isEmpty() ? "non-membership" : "membership";
    if (named.isPresent()) {
      final Ics23Result<?> r = verify(named.get(), root, proof, key, value);
      return r instanceof Ics23Result.Rejected<?> x
          ? CaseResult.failed(name, what + " under the " + dir + " spec rejected: " + x.reason() + ": " + x.detail())
          : CaseResult.passed(name, "Calculate() = root; " + what + " verified under the " + dir + " spec");
    }
    final List<String> ok = new ArrayList<>();
    for (final Map.Entry<String, ProofSpec> e : Map.of("iavl", ProofSpec.IAVL, "tendermint", ProofSpec.TENDERMINT,
        "smt", ProofSpec.SMT).entrySet()) {
      if (verify(e.getValue(), root, proof, key, value).isVerified()) {
        ok.add(e.getKey());
      }
    }
    return ok.size() == 1
        ? CaseResult.passed(name, "Calculate() = root; " + what + " verified under the " + ok.get(0) + " spec (the only one)")
        : CaseResult.failed(name, what + " verified under " + ok + "; expected exactly one spec (directory '" + dir + "' names none)");
  }

  private static Ics23Result<?> verify(
      final ProofSpec spec, final Bytes root, final CommitmentProof p, final Bytes key, final Bytes value) {
    return value.isEmpty()
        ? Ics23Verifier.verifyNonMembership(spec, root, p, key)
        : Ics23Verifier.verifyMembership(spec, root, p, key, value);
  }

  private static CaseResult eureka(final String name, final JsonNode c) {
    final JsonNode msg = need(c, "membership_msg");
    final Bytes appHash = consensusRoot(hex(c, "consensus_state_hex").toArray());
    final long height = need(msg, "height").asLong();
    final JsonNode path = need(msg, "path");
    if (!path.isArray() || path.size() == 0) {
      throw new MalformedVectorException("path is not a non-empty array");
    }
    final List<Bytes> keys = new ArrayList<>();
    for (final JsonNode k : path) {
      keys.add(Bytes.of(k.asText().getBytes(StandardCharsets.UTF_8)));
    }
    final MerklePath mp = new MerklePath(keys);
    final AppHash app = new AppHash("fixture", Math.max(1, height), appHash);
    final byte[] proof = hex(msg, "proof").toArray();
    final Bytes value = hex(msg, "value");
    final Ics23Result<?> r = value.isEmpty()
        ? StateProofVerifier.verifyNonMembership(app, mp, proof)
        : StateProofVerifier.verifyMembership(app, mp, proof, value);
    final String what = (value.isEmpty() ? "non-membership of " : "membership of ") + mp;
    return r instanceof Ics23Result.Rejected<?> x
        ? CaseResult.failed(name, what + " rejected: " + x.reason() + ": " + x.detail())
        : CaseResult.passed(name, what + " verified (IAVL → multistore) against app hash " + appHash.toHex() + " at height " + height);
  }

  /** ibc.lightclients.tendermint.v1.ConsensusState.root (field 2) .hash (field 1). */
  private static Bytes consensusRoot(final byte[] b) {
    final int[] pos = {0};
    while (pos[0] < b.length) {
      final long tag = varint(b, pos);
      if ((tag & 7) != 2) {
        throw new MalformedVectorException("consensus_state_hex: unexpected wire type in tag " + tag);
      }
      final int len = (int) varint(b, pos);
      if (len < 0 || len > b.length - pos[0]) {
        throw new MalformedVectorException("consensus_state_hex: truncated");
      }
      if (tag >>> 3 == 2) {
        final byte[] root = Arrays.copyOfRange(b, pos[0], pos[0] + len);
        final int[] p = {0};
        if (root.length < 2 || varint(root, p) != 0x0a) {
          throw new MalformedVectorException("consensus_state_hex: root has no hash field");
        }
        final int hl = (int) varint(root, p);
        if (hl != root.length - p[0]) {
          throw new MalformedVectorException("consensus_state_hex: root hash length");
        }
        return Bytes.of(root, p[0], hl);
      }
      pos[0] += len;
    }
    throw new MalformedVectorException("consensus_state_hex: no root");
  }

  private static long varint(final byte[] b, final int[] pos) {
    long v = 0;
    for (int s = 0; s < 64; s += 7) {
      if (pos[0] >= b.length) {
        throw new MalformedVectorException("truncated varint");
      }
      final int x = b[pos[0]++] & 0xFF;
      v |= (long) (x & 0x7F) << s;
      if (x < 0x80) {
        return v;
      }
    }
    throw new MalformedVectorException("varint too long");
  }

  // --- unit vectors ----------------------------------------------------------------------------------

  private static CaseResult leafOp(final String name, final JsonNode c) {
    final LeafOp op = leaf(need(c, "Op"));
    return expectBytes(name, c, () -> Ics23Ops.applyLeaf(op, b64(c, "Key"), b64(c, "Value")), "LeafOp.Apply");
  }

  private static CaseResult innerOp(final String name, final JsonNode c) {
    final InnerOp op = inner(need(c, "Op"));
    return expectBytes(name, c, () -> Ics23Ops.applyInner(op, b64(c, "Child")), "InnerOp.Apply");
  }

  private static CaseResult existence(final String name, final JsonNode c) {
    final ExistenceProof p = existenceProof(need(c, "Proof"));
    return expectBytes(name, c, () -> Ics23Ops.calculate(p, Optional.empty()), "ExistenceProof.Calculate");
  }

  private static CaseResult expectBytes(
      final String name, final JsonNode c, final java.util.function.Supplier<byte[]> f, final String fn) {
    final boolean isErr = need(c, "IsErr").asBoolean();
    final byte[] got;
    try {
      got = f.get();
    } catch (Ics23Exception e) {
      return isErr
          ? CaseResult.passed(name, fn + " rejected as expected: " + e.reason() + ": " + e.detail())
          : CaseResult.failed(name, fn + " rejected: " + e.reason() + ": " + e.detail());
    }
    if (isErr) {
      return CaseResult.failed(name, fn + " should fail, gave " + Hex.encode(got));
    }
    final byte[] expected = b64(c, "Expected");
    return Arrays.equals(expected, got)
        ? CaseResult.passed(name, fn + " = Expected")
        : CaseResult.failed(name, fn + " gave " + Hex.encode(got) + ", expected " + Hex.encode(expected));
  }

  private static CaseResult doHash(final String name, final JsonNode c) {
    final HashOp op = hashOp(need(c, "HashOp"));
    final byte[] pre = need(c, "Preimage").asText().getBytes(StandardCharsets.UTF_8);
    final String expected = need(c, "ExpectedHash").asText();
    final byte[] got;
    try {
      got = Ics23Ops.doHash(op, pre);
    } catch (Ics23Exception e) {
      return CaseResult.failed(name, "doHash(" + op + ") rejected: " + e.reason());
    }
    return Arrays.equals(got, VectorJson.bytes(expected, true, "ExpectedHash"))
        ? CaseResult.passed(name, "doHash(" + op + ") = ExpectedHash")
        : CaseResult.failed(name, "doHash(" + op + ") gave " + Hex.encode(got) + ", expected " + expected);
  }

  private static CaseResult checkLeaf(final String name, final JsonNode c) {
    final LeafOp leaf = leaf(need(c, "Leaf"));
    final ProofSpec spec = new ProofSpec(leaf(need(c, "Spec")), Optional.empty(), 0, 0, false);
    return expectError(name, need(c, "IsErr").asBoolean(), () -> Ics23Ops.checkLeaf(leaf, spec), "LeafOp.CheckAgainstSpec");
  }

  private static CaseResult checkSpec(final String name, final JsonNode c) {
    final ExistenceProof p = existenceProof(need(c, "Proof"));
    final ProofSpec spec = proofSpec(need(c, "Spec"));
    final String err = need(c, "Err").asText();
    return expectError(name, !err.isEmpty(), () -> Ics23Ops.checkExistence(p, spec),
        "ExistenceProof.CheckAgainstSpec" + (err.isEmpty() ? "" : " (Go: \"" + err + "\")"));
  }

  private static CaseResult emptyBranch(final String name, final JsonNode c) {
    final InnerOp op = inner(need(c, "Op"));
    final ProofSpec spec = proofSpec(need(c, "Spec"));
    try {
      Ics23Ops.checkInner(op, spec, 1);
    } catch (Ics23Exception e) {
      return CaseResult.failed(name, "InnerOp.CheckAgainstSpec(spec, 1) rejected: " + e.reason() + ": " + e.detail());
    }
    final InnerSpec is = spec.innerSpec().orElseThrow(() -> new MalformedVectorException("no inner_spec"));
    final boolean left = Ics23Ops.leftBranchesAreEmpty(is, op);
    final boolean right = Ics23Ops.rightBranchesAreEmpty(is, op);
    final boolean wantLeft = need(c, "IsLeft").asBoolean();
    final boolean wantRight = need(c, "IsRight").asBoolean();
    return left == wantLeft && right == wantRight
        ? CaseResult.passed(name, "leftBranchesAreEmpty=" + left + ", rightBranchesAreEmpty=" + right)
        : CaseResult.failed(name, "leftBranchesAreEmpty=" + left + " (want " + wantLeft + "), rightBranchesAreEmpty="
            + right + " (want " + wantRight + ")");
  }

  private static CaseResult expectError(final String name, final boolean isErr, final Runnable f, final String fn) {
    try {
      f.run();
    } catch (Ics23Exception e) {
      return isErr
          ? CaseResult.passed(name, fn + " rejected as expected: " + e.reason() + ": " + e.detail())
          : CaseResult.failed(name, fn + " rejected: " + e.reason() + ": " + e.detail());
    }
    return isErr ? CaseResult.failed(name, fn + " accepted, vector expects an error") : CaseResult.passed(name, fn + " accepted");
  }

  // --- Go JSON of the gogo structs -------------------------------------------------------------------

  private static ExistenceProof existenceProof(final JsonNode o) {
    final List<InnerOp> path = new ArrayList<>();
    final Optional<JsonNode> p = member(o, "path").filter(n -> !n.isNull());
    if (p.isPresent()) {
      for (final JsonNode step : p.get()) {
        path.add(inner(step));
      }
    }
    return new ExistenceProof(Bytes.of(b64(o, "key")), Bytes.of(b64(o, "value")),
        member(o, "leaf").filter(n -> !n.isNull()).map(Ics23Suite::leaf), path);
  }

  private static LeafOp leaf(final JsonNode o) {
    return new LeafOp(enumOr(o, "hash"), enumOr(o, "prehash_key"), enumOr(o, "prehash_value"),
        member(o, "length").filter(n -> !n.isNull()).map(n -> LengthOp.fromNumber(n.asLong())
            .orElseThrow(() -> new MalformedVectorException("bad LengthOp " + n))).orElse(LengthOp.NO_PREFIX),
        Bytes.of(b64(o, "prefix")));
  }

  private static InnerOp inner(final JsonNode o) {
    return new InnerOp(enumOr(o, "hash"), Bytes.of(b64(o, "prefix")), Bytes.of(b64(o, "suffix")));
  }

  private static ProofSpec proofSpec(final JsonNode o) {
    final LeafOp leaf = member(o, "leaf_spec").filter(n -> !n.isNull()).map(Ics23Suite::leaf)
        .orElseThrow(() -> new MalformedVectorException("spec without leaf_spec"));
    final Optional<InnerSpec> inner = member(o, "inner_spec").filter(n -> !n.isNull()).map(i -> {
      final List<Integer> order = new ArrayList<>();
      member(i, "child_order").ifPresent(a -> a.forEach(x -> order.add(x.asInt())));
      return new InnerSpec(order, intOr(i, "child_size"), intOr(i, "min_prefix_length"),
          intOr(i, "max_prefix_length"), Bytes.of(b64(i, "empty_child")), enumOr(i, "hash"));
    });
    return new ProofSpec(leaf, inner, intOr(o, "max_depth"), intOr(o, "min_depth"),
        member(o, "prehash_key_before_comparison").map(JsonNode::asBoolean).orElse(false));
  }

  private static int intOr(final JsonNode o, final String name) {
    return member(o, name).filter(n -> !n.isNull()).map(JsonNode::asInt).orElse(0);
  }

  private static HashOp enumOr(final JsonNode o, final String name) {
    return member(o, name).filter(n -> !n.isNull()).map(Ics23Suite::hashOp).orElse(HashOp.NO_HASH);
  }

  private static HashOp hashOp(final JsonNode n) {
    if (!n.isIntegralNumber()) {
      throw new MalformedVectorException("HashOp is not a number: " + n);
    }
    return HashOp.fromNumber(n.asLong()).orElseThrow(() -> new MalformedVectorException("bad HashOp " + n));
  }

  /** A base64 byte field; absent or null is empty (Go nil). */
  private static byte[] b64(final JsonNode o, final String name) {
    final Optional<JsonNode> n = member(o, name).filter(x -> !x.isNull());
    if (n.isEmpty()) {
      return new byte[0];
    }
    try {
      return Base64.getDecoder().decode(n.get().asText());
    } catch (IllegalArgumentException e) {
      throw new MalformedVectorException(name + " is not base64: " + e.getMessage());
    }
  }

  private static Bytes hex(final JsonNode o, final String name) {
    final JsonNode n = need(o, name);
    if (!n.isTextual()) {
      throw new MalformedVectorException(name + " is not a hex string");
    }
    return Bytes.of(VectorJson.bytes(n.asText(), true, name));
  }

  /** The files this suite reads besides the one it recognised: none. */
  @Override
  public Set<Path> companions(final Path file) {
    return Set.of();
  }
}
