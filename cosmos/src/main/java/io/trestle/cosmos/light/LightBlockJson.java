package io.trestle.cosmos.light;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hex;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads and writes light blocks in CometBFT's RPC JSON shape: {@code {"signed_header": {"header",
 * "commit"}, "validator_set": {"validators": [...]}, "next_validator_set"?}}, with int64 values as
 * decimal strings (numbers accepted), hashes and addresses as hex, keys and signatures as base64,
 * times as RFC 3339 with nanoseconds. Parsing never throws for bad input: it returns {@link
 * LightRejection#INPUT_MALFORMED} naming the JSON path. Lists are bounded ({@value #MAX_LIST}).
 */
public final class LightBlockJson {
  /** The most validators or signatures accepted in one list (CometBFT's MaxVotesCount is 10000). */
  public static final int MAX_LIST = 10_000;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private LightBlockJson() {}

  /** Parses one light block object. */
  public static LightResult<LightBlock> parse(final JsonNode n) {
    return LightResult.of(() -> lightBlock(n, "$"));
  }

  /** Parses a signed header ({@code {header, commit}}). */
  public static LightResult<SignedHeader> parseSignedHeader(final JsonNode n) {
    return LightResult.of(() -> signedHeader(n, "$"));
  }

  /** Parses a header. */
  public static LightResult<Header> parseHeader(final JsonNode n) {
    return LightResult.of(() -> header(n, "$"));
  }

  /** The RPC JSON shape of a header. */
  public static ObjectNode write(final Header h) {
    final ObjectNode o = write(new SignedHeader(h, new Commit(h.height(), 0, BlockId.ZERO, java.util.List.of())));
    return (ObjectNode) o.get("header");
  }

  /** Parses a validator set ({@code {validators: [...]}}). */
  public static LightResult<ValidatorSet> parseValidatorSet(final JsonNode n) {
    return LightResult.of(() -> validatorSet(n, "$"));
  }

  /** Parses text holding one light block object (or {@code {"result": {...}}} as a JSON-RPC reply). */
  public static LightResult<LightBlock> parse(final String text) {
    final JsonNode n;
    try {
      n = MAPPER.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return new LightResult.Rejected<>(LightRejection.INPUT_MALFORMED, "not JSON: " + e.getOriginalMessage());
    }
    if (n != null && n.isObject() && n.has("result") && !n.has("signed_header")) {
      return parse(n.get("result"));
    }
    return parse(n);
  }

  static LightBlock lightBlock(final JsonNode n, final String path) {
    obj(n, path);
    final SignedHeader sh = signedHeader(field(n, "signed_header", path), path + ".signed_header");
    final ValidatorSet vs = validatorSet(field(n, "validator_set", path), path + ".validator_set");
    final JsonNode next = n.get("next_validator_set");
    final Optional<ValidatorSet> nvs = next == null || next.isNull() ? Optional.empty()
        : Optional.of(validatorSet(next, path + ".next_validator_set"));
    return new LightBlock(sh, vs, nvs);
  }

  static SignedHeader signedHeader(final JsonNode n, final String path) {
    obj(n, path);
    return new SignedHeader(header(field(n, "header", path), path + ".header"),
        commit(field(n, "commit", path), path + ".commit"));
  }

  static Header header(final JsonNode n, final String path) {
    obj(n, path);
    final JsonNode v = field(n, "version", path);
    obj(v, path + ".version");
    final JsonNode lbi = n.get("last_block_id");
    return new Header(uint64(field(v, "block", path + ".version"), path + ".version.block"),
        v.has("app") ? uint64(v.get("app"), path + ".version.app") : 0,
        text(field(n, "chain_id", path), path + ".chain_id"),
        int64(field(n, "height", path), path + ".height"),
        time(field(n, "time", path), path + ".time"),
        lbi == null || lbi.isNull() ? BlockId.ZERO : blockId(lbi, path + ".last_block_id"),
        hex(n, "last_commit_hash", path), hex(n, "data_hash", path), hex(n, "validators_hash", path),
        hex(n, "next_validators_hash", path), hex(n, "consensus_hash", path), hex(n, "app_hash", path),
        hex(n, "last_results_hash", path), hex(n, "evidence_hash", path), hex(n, "proposer_address", path));
  }

  static BlockId blockId(final JsonNode n, final String path) {
    obj(n, path);
    final JsonNode psh = n.get("part_set_header") != null ? n.get("part_set_header") : n.get("parts");
    long total = 0;
    Bytes pHash = Bytes.EMPTY;
    if (psh != null && !psh.isNull()) {
      obj(psh, path + ".part_set_header");
      total = psh.has("total") ? uint64(psh.get("total"), path + ".part_set_header.total") : 0;
      if (total > 0xFFFF_FFFFL) {
        throw bad(path + ".part_set_header.total", "exceeds uint32");
      }
      pHash = psh.has("hash") ? hexValue(psh.get("hash"), path + ".part_set_header.hash") : Bytes.EMPTY;
    }
    return new BlockId(n.has("hash") ? hexValue(n.get("hash"), path + ".hash") : Bytes.EMPTY, total, pHash);
  }

  static Commit commit(final JsonNode n, final String path) {
    obj(n, path);
    final long round = int64(field(n, "round", path), path + ".round");
    if (round < 0 || round > Integer.MAX_VALUE) {
      throw bad(path + ".round", "out of int32 range");
    }
    final JsonNode sigs = n.get("signatures");
    final List<CommitSig> list = new ArrayList<>();
    if (sigs != null && !sigs.isNull()) {
      arr(sigs, path + ".signatures");
      for (int i = 0; i < sigs.size(); i++) {
        list.add(commitSig(sigs.get(i), path + ".signatures[" + i + "]"));
      }
    }
    return new Commit(int64(field(n, "height", path), path + ".height"), (int) round,
        blockId(field(n, "block_id", path), path + ".block_id"), list);
  }

  static CommitSig commitSig(final JsonNode n, final String path) {
    obj(n, path);
    final long flag = int64(field(n, "block_id_flag", path), path + ".block_id_flag");
    final JsonNode addr = n.get("validator_address");
    final JsonNode ts = n.get("timestamp");
    final JsonNode sig = n.get("signature");
    return new CommitSig((int) Math.max(Math.min(flag, Integer.MAX_VALUE), Integer.MIN_VALUE),
        addr == null || addr.isNull() ? Bytes.EMPTY : hexValue(addr, path + ".validator_address"),
        ts == null || ts.isNull() ? CommitSig.GO_ZERO_TIME : time(ts, path + ".timestamp"),
        sig == null || sig.isNull() ? Bytes.EMPTY : base64(sig, path + ".signature"));
  }

  static ValidatorSet validatorSet(final JsonNode n, final String path) {
    obj(n, path);
    final JsonNode vals = n.get("validators");
    final List<Validator> list = new ArrayList<>();
    if (vals != null && !vals.isNull()) {
      arr(vals, path + ".validators");
      for (int i = 0; i < vals.size(); i++) {
        list.add(validator(vals.get(i), path + ".validators[" + i + "]"));
      }
    }
    return new ValidatorSet(list);
  }

  static Validator validator(final JsonNode n, final String path) {
    obj(n, path);
    final JsonNode pk = field(n, "pub_key", path);
    obj(pk, path + ".pub_key");
    return new Validator(hexValue(field(n, "address", path), path + ".address"),
        new PublicKey(text(field(pk, "type", path + ".pub_key"), path + ".pub_key.type"),
            base64(field(pk, "value", path + ".pub_key"), path + ".pub_key.value")),
        int64(field(n, "voting_power", path), path + ".voting_power"));
  }

  // --- writing ---------------------------------------------------------------------------------

  /** The RPC JSON shape of a light block. */
  public static ObjectNode write(final LightBlock b) {
    final ObjectNode o = F.objectNode();
    o.set("signed_header", write(b.signedHeader()));
    o.set("validator_set", write(b.validatorSet()));
    b.nextValidatorSet().ifPresent(v -> o.set("next_validator_set", write(v)));
    return o;
  }

  /** The RPC JSON shape of a signed header. */
  public static ObjectNode write(final SignedHeader sh) {
    final Header h = sh.header();
    final ObjectNode o = F.objectNode();
    final ObjectNode hj = o.putObject("header");
    final ObjectNode v = hj.putObject("version");
    v.put("block", Long.toUnsignedString(h.versionBlock()));
    v.put("app", Long.toUnsignedString(h.versionApp()));
    hj.put("chain_id", h.chainId());
    hj.put("height", Long.toString(h.height()));
    hj.put("time", h.time().toString());
    hj.set("last_block_id", write(h.lastBlockId()));
    hj.put("last_commit_hash", hx(h.lastCommitHash()));
    hj.put("data_hash", hx(h.dataHash()));
    hj.put("validators_hash", hx(h.validatorsHash()));
    hj.put("next_validators_hash", hx(h.nextValidatorsHash()));
    hj.put("consensus_hash", hx(h.consensusHash()));
    hj.put("app_hash", hx(h.appHash()));
    hj.put("last_results_hash", hx(h.lastResultsHash()));
    hj.put("evidence_hash", hx(h.evidenceHash()));
    hj.put("proposer_address", hx(h.proposerAddress()));
    final Commit c = sh.commit();
    final ObjectNode cj = o.putObject("commit");
    cj.put("height", Long.toString(c.height()));
    cj.put("round", c.round());
    cj.set("block_id", write(c.blockId()));
    final ArrayNode sigs = cj.putArray("signatures");
    for (final CommitSig s : c.signatures()) {
      final ObjectNode sj = sigs.addObject();
      sj.put("block_id_flag", s.blockIdFlag());
      sj.put("validator_address", hx(s.validatorAddress()));
      sj.put("timestamp", s.timestamp().toString());
      if (s.signature().isEmpty()) {
        sj.putNull("signature");
      } else {
        sj.put("signature", Base64.getEncoder().encodeToString(s.signature().toArray()));
      }
    }
    return o;
  }

  /** The RPC JSON shape of a validator set. */
  public static ObjectNode write(final ValidatorSet vs) {
    final ObjectNode o = F.objectNode();
    final ArrayNode a = o.putArray("validators");
    long total = 0;
    for (final Validator v : vs.validators()) {
      final ObjectNode vj = a.addObject();
      vj.put("address", hx(v.address()));
      final ObjectNode pk = vj.putObject("pub_key");
      pk.put("type", v.pubKey().type());
      pk.put("value", Base64.getEncoder().encodeToString(v.pubKey().value().toArray()));
      vj.put("voting_power", Long.toString(v.votingPower()));
      vj.put("proposer_priority", "0");
      total += v.votingPower();
    }
    o.put("total_voting_power", Long.toString(total));
    return o;
  }

  private static ObjectNode write(final BlockId id) {
    final ObjectNode o = F.objectNode();
    o.put("hash", hx(id.hash()));
    final ObjectNode p = o.putObject("part_set_header");
    p.put("total", id.partSetTotal());
    p.put("hash", hx(id.partSetHash()));
    return o;
  }

  private static String hx(final Bytes b) {
    return b.isEmpty() ? "" : Hex.encode(b.toArray()).substring(2).toUpperCase(Locale.ROOT);
  }

  // --- strict field helpers ----------------------------------------------------------------------

  private static LightException bad(final String path, final String what) {
    return new LightException(LightRejection.INPUT_MALFORMED, path + ": " + what);
  }

  private static void obj(final JsonNode n, final String path) {
    if (n == null || !n.isObject()) {
      throw bad(path, "expected an object");
    }
  }

  private static void arr(final JsonNode n, final String path) {
    if (!n.isArray()) {
      throw bad(path, "expected an array");
    }
    if (n.size() > MAX_LIST) {
      throw bad(path, "more than " + MAX_LIST + " entries");
    }
  }

  private static JsonNode field(final JsonNode n, final String name, final String path) {
    final JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      throw bad(path + "." + name, "missing");
    }
    return v;
  }

  private static String text(final JsonNode n, final String path) {
    if (!n.isTextual()) {
      throw bad(path, "expected a string");
    }
    return n.asText();
  }

  static long int64(final JsonNode n, final String path) {
    if (n.isIntegralNumber() && n.canConvertToLong()) {
      return n.asLong();
    }
    if (n.isTextual() && n.asText().matches("-?(0|[1-9][0-9]{0,18})")) {
      try {
        return Long.parseLong(n.asText());
      } catch (NumberFormatException e) {
        throw bad(path, "out of int64 range");
      }
    }
    throw bad(path, "expected a decimal int64, got " + abbreviate(n.toString()));
  }

  private static long uint64(final JsonNode n, final String path) {
    final String s = n.isIntegralNumber() ? n.bigIntegerValue().toString() : n.isTextual() ? n.asText() : "";
    if (!s.matches("0|[1-9][0-9]{0,19}")) {
      throw bad(path, "expected a decimal uint64");
    }
    try {
      return Long.parseUnsignedLong(s);
    } catch (NumberFormatException e) {
      throw bad(path, "out of uint64 range");
    }
  }

  private static Instant time(final JsonNode n, final String path) {
    try {
      return Instant.parse(text(n, path));
    } catch (DateTimeParseException e) {
      throw bad(path, "not an RFC 3339 time: " + abbreviate(n.asText()));
    }
  }

  private static Bytes hex(final JsonNode parent, final String name, final String path) {
    final JsonNode n = parent.get(name);
    if (n == null || n.isNull()) {
      return Bytes.EMPTY;
    }
    return hexValue(n, path + "." + name);
  }

  private static Bytes hexValue(final JsonNode n, final String path) {
    final String s = text(n, path);
    if (s.length() > 2 * 1024) {
      throw bad(path, "hex longer than 1024 bytes");
    }
    try {
      return Bytes.of(Hex.decode(s));
    } catch (IllegalArgumentException e) {
      throw bad(path, e.getMessage());
    }
  }

  private static Bytes base64(final JsonNode n, final String path) {
    final String s = text(n, path);
    if (s.length() > 4 * 1024) {
      throw bad(path, "base64 longer than 4096 characters");
    }
    try {
      return Bytes.of(Base64.getDecoder().decode(s));
    } catch (IllegalArgumentException e) {
      throw bad(path, "not base64");
    }
  }

  private static String abbreviate(final String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
