package io.trestle.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.cosmos.ics23.CommitmentProof;
import io.trestle.cosmos.ics23.Ics23Codec;
import io.trestle.cosmos.ics23.Ics23Json;
import io.trestle.cosmos.ics23.Ics23Result;
import io.trestle.cosmos.ics23.Ics23Verifier;
import io.trestle.cosmos.ics23.ProofSpec;
import io.trestle.cosmos.ics23.ProvenAbsence;
import io.trestle.cosmos.ics23.ProvenValue;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code trestle cosmos verify --root HEX --proof FILE --key KEY [--value VALUE] [--spec
 * iavl|tendermint|smt] [--json]}: one ICS-23 {@code CommitmentProof} against a root. With {@code
 * --value}: membership of {@code KEY → VALUE}; without: absence of {@code KEY}.
 *
 * <p>{@code KEY} and {@code VALUE} are hex when they start with {@code 0x}, else UTF-8 text. {@code
 * FILE} holds the protobuf {@code CommitmentProof} as raw bytes, as hex text, or as a JSON object with
 * a hex {@code "proof"} member (the cosmos/ics23 testdata shape; its other members are ignored: the key,
 * value and root always come from the command line). Spec defaults to {@code iavl}.
 *
 * <p>{@code --json} prints one object: {@code {"verified": true, "kind": "membership"|"non-membership",
 * "spec", "root", "key", "value" (membership), "left_key"/"right_key" (non-membership, when present)}}
 * with hex byte strings ({@code 0x}-prefixed), or {@code {"verified": false, "reason", "detail"}}.
 * Exit 0 verified, 1 rejected (including a proof that does not decode), 2 usage or unreadable file.
 */
final class CosmosVerifyCommand implements Command {
  private static final long MAX_FILE = 4L * Ics23Codec.MAX_INPUT_BYTES;

  @Override
  public String usage() {
    return "cosmos verify --root HEX --proof FILE --key KEY [--value VALUE] [--spec iavl|tendermint|smt] [--json]";
  }

  @Override
  public int dispatch(final List<String> argv, final PrintStream out, final PrintStream err) {
    final Args a = Args.parse(argv, Set.of("root", "proof", "key", "value", "spec"), Set.of("json"));
    if (!a.positional().isEmpty()) {
      throw new UsageException("unexpected argument '" + a.positional().get(0) + "'");
    }
    final boolean json = a.flag("json");
    final Bytes root = hexArg("root", a.required("root"));
    if (root.isEmpty()) {
      throw new UsageException("--root must not be empty");
    }
    final Bytes key = bytesArg("key", a.required("key"));
    final java.util.Optional<Bytes> value = a.option("value").map(v -> bytesArg("value", v));
    final String specName = a.option("spec").orElse("iavl").toLowerCase(Locale.ROOT);
    final ProofSpec spec = switch (specName) {
      case "iavl" -> ProofSpec.IAVL;
      case "tendermint" -> ProofSpec.TENDERMINT;
      case "smt" -> ProofSpec.SMT;
      default -> throw new UsageException("--spec must be iavl, tendermint or smt, got '" + specName + "'");
    };
    final Ics23Result<CommitmentProof> decoded = readProof(a.required("proof"));
    if (decoded instanceof Ics23Result.Rejected<CommitmentProof> r) {
      return rejected(r, json, out);
    }
    final CommitmentProof proof = decoded.orElseThrow();
    if (value.isPresent()) {
      final Ics23Result<ProvenValue> r = Ics23Verifier.verifyMembership(spec, root, proof, key, value.get());
      if (r instanceof Ics23Result.Rejected<ProvenValue> x) {
        return rejected(x, json, out);
      }
      final ObjectNode o = verified("membership", specName, root, key);
      o.put("value", value.get().toHex());
      if (json) {
        Output.print(o, out);
      } else {
        out.println("VERIFIED membership (" + specName + "): key " + show(key) + " = " + show(value.get()) + " under root " + root.toHex());
      }
      return OK;
    }
    final Ics23Result<ProvenAbsence> r = Ics23Verifier.verifyNonMembership(spec, root, proof, key);
    if (r instanceof Ics23Result.Rejected<ProvenAbsence> x) {
      return rejected(x, json, out);
    }
    final ProvenAbsence abs = r.orElseThrow();
    final ObjectNode o = verified("non-membership", specName, root, key);
    abs.leftKey().ifPresent(k -> o.put("left_key", k.toHex()));
    abs.rightKey().ifPresent(k -> o.put("right_key", k.toHex()));
    if (json) {
      Output.print(o, out);
    } else {
      out.println("VERIFIED non-membership (" + specName + "): key " + show(key) + " is absent under root " + root.toHex()
          + " (neighbours: " + abs.leftKey().map(CosmosVerifyCommand::show).orElse("none") + " < key < "
          + abs.rightKey().map(CosmosVerifyCommand::show).orElse("none") + ")");
    }
    return OK;
  }

  private static ObjectNode verified(final String kind, final String spec, final Bytes root, final Bytes key) {
    final ObjectNode o = Output.object();
    o.put("verified", true);
    o.put("kind", kind);
    o.put("spec", spec);
    o.put("root", root.toHex());
    o.put("key", key.toHex());
    return o;
  }

  private static int rejected(final Ics23Result.Rejected<?> r, final boolean json, final PrintStream out) {
    if (json) {
      final ObjectNode o = Output.object();
      o.put("verified", false);
      o.put("reason", CosmosReasons.ics23(r.reason()));
      o.put("detail", r.detail());
      Output.print(o, out);
    } else {
      out.println("REJECTED " + CosmosReasons.ics23(r.reason()) + ": " + r.detail());
    }
    return REJECTED;
  }

  /** Printable text as "text", anything else as hex. */
  private static String show(final Bytes b) {
    final byte[] x = b.toArray();
    for (final byte c : x) {
      if (c < 0x20 || c > 0x7e) {
        return b.toHex();
      }
    }
    return '"' + new String(x, StandardCharsets.US_ASCII) + '"';
  }

  private static Bytes hexArg(final String name, final String v) {
    try {
      return Bytes.of(Hex.decode(v.trim()));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--" + name + " is not hex: " + e.getMessage());
    }
  }

  private static Bytes bytesArg(final String name, final String v) {
    if (v.startsWith("0x") || v.startsWith("0X")) {
      return hexArg(name, v);
    }
    if (v.isEmpty()) {
      throw new UsageException("--" + name + " must not be empty");
    }
    return Bytes.of(v.getBytes(StandardCharsets.UTF_8));
  }

  /** The proof: JSON (either {@link Ics23Json} form), hex text, or the raw protobuf file. */
  static Ics23Result<CommitmentProof> readProof(final String file) {
    final byte[] raw;
    try {
      final Path p = Path.of(file);
      if (Files.size(p) > MAX_FILE) {
        throw new UsageException("proof file " + file + " is larger than " + MAX_FILE + " bytes", true);
      }
      try (InputStream in = Files.newInputStream(p)) {
        raw = in.readNBytes((int) MAX_FILE + 1);
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof UsageException u) {
        throw u;
      }
      throw new UsageException("cannot read " + file + ": " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()), true);
    }
    final String text = asciiText(raw);
    if (text == null) {
      return Ics23Codec.decodeCommitmentProof(raw);
    }
    final String t = text.trim();
    if (t.startsWith("{")) {
      try {
        io.trestle.proofs.json.RpcJson.parse(t); // strict: no trailing data, no duplicate keys
      } catch (io.trestle.proofs.VerificationException e) {
        throw new UsageException("proof file " + file + " is not valid JSON: " + e.detail(), true);
      }
      return Ics23Json.decode(t);
    }
    return Ics23Codec.decodeCommitmentProof(t.matches("(0[xX])?[0-9a-fA-F\\s]*") ? hexFile(file, t.replaceAll("\\s", "")) : raw);
  }

  private static byte[] hexFile(final String file, final String hex) {
    try {
      return Hex.decode(hex);
    } catch (IllegalArgumentException e) {
      throw new UsageException("proof in " + file + " is not hex: " + e.getMessage(), true);
    }
  }

  /** The content as text if it is printable ASCII (plus whitespace), else null. */
  private static String asciiText(final byte[] b) {
    if (b.length == 0) {
      return null;
    }
    for (final byte c : b) {
      if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c > 0x7e) {
        return null;
      }
    }
    return new String(b, StandardCharsets.US_ASCII);
  }
}
