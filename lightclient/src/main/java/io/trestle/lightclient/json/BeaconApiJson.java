package io.trestle.lightclient.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.crypto.Address;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.types.BeaconBlockHeader;
import io.trestle.lightclient.types.ExecutionPayloadHeader;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientFinalityUpdate;
import io.trestle.lightclient.types.LightClientHeader;
import io.trestle.lightclient.types.LightClientOptimisticUpdate;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.config.ChainConfig.Preset;
import io.trestle.lightclient.types.SyncAggregate;
import io.trestle.lightclient.types.SyncCommittee;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Strict decoders of the beacon-API JSON encoding of light-client data ({@code
 * /eth/v1/beacon/light_client/{bootstrap,updates,finality_update,optimistic_update}}): a {@code {version,
 * data}} envelope (other envelope members are ignored), or bare {@code data} with a fork given by the
 * caller. Field names are the spec's snake_case names; integers are decimal strings (uint64, and uint256
 * for {@code base_fee_per_gas}); byte fields are {@code 0x}-hex of the exact length ({@code
 * sync_committee_bits} is the hex of the bitvector's bytes, {@code extra_data} at most 32 bytes); branches
 * and committees have exactly the length the fork and preset require. Missing, unknown or malformed
 * fields throw {@link BeaconJsonException} naming the field path.
 *
 * <p>Decoding verifies only the format. Nothing decoded here is trusted: the light client verifies the
 * objects ({@code io.trestle.lightclient.LightClient}). Thread-safe (stateless).
 */
public final class BeaconApiJson {
  private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
          .maxStringLength(16 * 1024 * 1024).build())
      // A duplicated member would make it unclear which value was verified; trailing content is not JSON.
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build())
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

  private BeaconApiJson() {}

  // --- documents ---------------------------------------------------------------------------------

  /** A {@code {version, data}} bootstrap document. */
  public static Versioned<LightClientBootstrap> bootstrap(final String json, final Preset preset) {
    return envelope(parse(json), "", preset, BeaconApiJson::bootstrapData);
  }

  /** A {@code {version, data}} update document. */
  public static Versioned<LightClientUpdate> update(final String json, final Preset preset) {
    return envelope(parse(json), "", preset, BeaconApiJson::updateData);
  }

  /**
   * The response of {@code /eth/v1/beacon/light_client/updates}: a JSON array of {@code {version, data}}
   * objects (elements named {@code [i]}); a single {@code {version, data}} object is accepted as a list
   * of one.
   */
  public static List<Versioned<LightClientUpdate>> updates(final String json, final Preset preset) {
    final JsonNode root = parse(json);
    if (root.isObject()) {
      return List.of(envelope(root, "", preset, BeaconApiJson::updateData));
    }
    if (!root.isArray()) {
      throw new BeaconJsonException("(document)", "expected an array of {version, data} or one object");
    }
    final List<Versioned<LightClientUpdate>> out = new ArrayList<>(root.size());
    for (int i = 0; i < root.size(); i++) {
      out.add(envelope(root.get(i), "[" + i + "]", preset, BeaconApiJson::updateData));
    }
    return out;
  }

  /** A {@code {version, data}} finality-update document. */
  public static Versioned<LightClientFinalityUpdate> finalityUpdate(final String json, final Preset preset) {
    return envelope(parse(json), "", preset, BeaconApiJson::finalityData);
  }

  /** A {@code {version, data}} optimistic-update document. */
  public static Versioned<LightClientOptimisticUpdate> optimisticUpdate(final String json, final Preset preset) {
    return envelope(parse(json), "", preset, BeaconApiJson::optimisticData);
  }

  // --- bare data with an explicit fork -----------------------------------------------------------

  /** A bare bootstrap {@code data} object of {@code fork}. */
  public static LightClientBootstrap bootstrap(final JsonNode data, final Fork fork, final Preset preset) {
    return new Reader(fork, preset).bootstrap(data, "data");
  }

  /** A bare update {@code data} object of {@code fork}. */
  public static LightClientUpdate update(final JsonNode data, final Fork fork, final Preset preset) {
    return new Reader(fork, preset).update(data, "data");
  }

  /** A bare finality-update {@code data} object of {@code fork}. */
  public static LightClientFinalityUpdate finalityUpdate(final JsonNode data, final Fork fork, final Preset preset) {
    return new Reader(fork, preset).finality(data, "data");
  }

  /** A bare optimistic-update {@code data} object of {@code fork}. */
  public static LightClientOptimisticUpdate optimisticUpdate(final JsonNode data, final Fork fork,
      final Preset preset) {
    return new Reader(fork, preset).optimistic(data, "data");
  }

  /** Longest document accepted, in characters; checked before parsing (as {@code RpcJson}). */
  public static final int MAX_DOCUMENT_CHARS = io.trestle.proofs.json.RpcJson.MAX_DOCUMENT_CHARS;

  /**
   * Parses JSON text (malformed JSON, or a document over {@link #MAX_DOCUMENT_CHARS}, is a {@link
   * BeaconJsonException} at {@code (document)}).
   */
  public static JsonNode parse(final String json) {
    if (json.length() > MAX_DOCUMENT_CHARS) {
      throw new BeaconJsonException("(document)",
          "JSON document of " + json.length() + " characters exceeds the bound of " + MAX_DOCUMENT_CHARS);
    }
    try {
      final JsonNode n = MAPPER.readTree(json);
      if (n == null || n.isMissingNode()) {
        throw new BeaconJsonException("(document)", "empty JSON document");
      }
      return n;
    } catch (IOException e) {
      final String m = e instanceof com.fasterxml.jackson.core.JsonProcessingException j
          ? String.valueOf(j.getOriginalMessage()) : String.valueOf(e.getMessage());
      throw new BeaconJsonException("(document)", "malformed JSON: " + m.lines().findFirst().orElse(m));
    }
  }

  /** The light-client fork named by a beacon-API {@code version} string. */
  public static Fork forkOfVersion(final String version, final String field) {
    final Optional<Fork> f = Fork.fromName(version);
    if (f.isEmpty()) {
      throw new BeaconJsonException(field, "unknown fork version '" + abbreviate(version) + "'");
    }
    if (f.get().lightClientShape() == Fork.Shape.NONE) {
      throw new BeaconJsonException(field, "fork " + f.get().specName() + " has no light-client data");
    }
    return f.get();
  }

  private static <T> Versioned<T> envelope(final JsonNode n, final String path, final Preset preset,
      final BiFunction<Reader, JsonNode, T> body) {
    final String where = path.isEmpty() ? "(document)" : path;
    if (n == null || !n.isObject()) {
      throw new BeaconJsonException(where, "expected a {version, data} object");
    }
    final String versionPath = prefix(path) + "version";
    final JsonNode v = n.get("version");
    if (v == null || !v.isTextual()) {
      throw new BeaconJsonException(versionPath, v == null ? "missing" : "expected a string");
    }
    final Fork fork = forkOfVersion(v.asText(), versionPath);
    final JsonNode data = n.get("data");
    if (data == null) {
      throw new BeaconJsonException(prefix(path) + "data", "missing");
    }
    final Reader r = new Reader(fork, preset, prefix(path));
    return new Versioned<>(fork, body.apply(r, data));
  }

  private static String prefix(final String path) {
    return path.isEmpty() ? "" : path + ".";
  }

  private static LightClientBootstrap bootstrapData(final Reader r, final JsonNode d) {
    return r.bootstrap(d, r.base + "data");
  }

  private static LightClientUpdate updateData(final Reader r, final JsonNode d) {
    return r.update(d, r.base + "data");
  }

  private static LightClientFinalityUpdate finalityData(final Reader r, final JsonNode d) {
    return r.finality(d, r.base + "data");
  }

  private static LightClientOptimisticUpdate optimisticData(final Reader r, final JsonNode d) {
    return r.optimistic(d, r.base + "data");
  }

  private static String abbreviate(final String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  /** Field readers for one fork and preset. */
  private static final class Reader {
    final Fork fork;
    final Preset preset;
    final String base;

    Reader(final Fork fork, final Preset preset) {
      this(fork, preset, "");
    }

    Reader(final Fork fork, final Preset preset, final String base) {
      if (fork.lightClientShape() == Fork.Shape.NONE) {
        throw new BeaconJsonException("version", "fork " + fork.specName() + " has no light-client data");
      }
      this.fork = fork;
      this.preset = preset;
      this.base = base;
    }

    LightClientBootstrap bootstrap(final JsonNode n, final String p) {
      object(n, p, Set.of("header", "current_sync_committee", "current_sync_committee_branch"));
      return new LightClientBootstrap(header(field(n, p, "header"), p + ".header"),
          committee(field(n, p, "current_sync_committee"), p + ".current_sync_committee"),
          branch(n, p, "current_sync_committee_branch", fork.syncCommitteeBranchDepth()));
    }

    LightClientUpdate update(final JsonNode n, final String p) {
      object(n, p, Set.of("attested_header", "next_sync_committee", "next_sync_committee_branch",
          "finalized_header", "finality_branch", "sync_aggregate", "signature_slot"));
      return new LightClientUpdate(header(field(n, p, "attested_header"), p + ".attested_header"),
          committee(field(n, p, "next_sync_committee"), p + ".next_sync_committee"),
          branch(n, p, "next_sync_committee_branch", fork.syncCommitteeBranchDepth()),
          header(field(n, p, "finalized_header"), p + ".finalized_header"),
          branch(n, p, "finality_branch", fork.finalityBranchDepth()),
          aggregate(field(n, p, "sync_aggregate"), p + ".sync_aggregate"),
          uint64(n, p, "signature_slot"));
    }

    LightClientFinalityUpdate finality(final JsonNode n, final String p) {
      object(n, p, Set.of("attested_header", "finalized_header", "finality_branch", "sync_aggregate",
          "signature_slot"));
      return new LightClientFinalityUpdate(header(field(n, p, "attested_header"), p + ".attested_header"),
          header(field(n, p, "finalized_header"), p + ".finalized_header"),
          branch(n, p, "finality_branch", fork.finalityBranchDepth()),
          aggregate(field(n, p, "sync_aggregate"), p + ".sync_aggregate"),
          uint64(n, p, "signature_slot"));
    }

    LightClientOptimisticUpdate optimistic(final JsonNode n, final String p) {
      object(n, p, Set.of("attested_header", "sync_aggregate", "signature_slot"));
      return new LightClientOptimisticUpdate(header(field(n, p, "attested_header"), p + ".attested_header"),
          aggregate(field(n, p, "sync_aggregate"), p + ".sync_aggregate"),
          uint64(n, p, "signature_slot"));
    }

    LightClientHeader header(final JsonNode n, final String p) {
      if (fork.hasExecutionBlockHashOnly()) {
        object(n, p, Set.of("beacon", "execution_block_hash", "execution_branch"));
        return LightClientHeader.gloas(beacon(field(n, p, "beacon"), p + ".beacon"),
            hash(n, p, "execution_block_hash"), branch(n, p, "execution_branch", fork.executionBranchDepth()));
      }
      if (!fork.hasExecution()) {
        object(n, p, Set.of("beacon"));
        return LightClientHeader.beaconOnly(fork, beacon(field(n, p, "beacon"), p + ".beacon"));
      }
      object(n, p, Set.of("beacon", "execution", "execution_branch"));
      return new LightClientHeader(fork, beacon(field(n, p, "beacon"), p + ".beacon"),
          Optional.of(execution(field(n, p, "execution"), p + ".execution")),
          branch(n, p, "execution_branch", LightClientHeader.EXECUTION_BRANCH_DEPTH));
    }

    BeaconBlockHeader beacon(final JsonNode n, final String p) {
      object(n, p, Set.of("slot", "proposer_index", "parent_root", "state_root", "body_root"));
      return new BeaconBlockHeader(uint64(n, p, "slot"), uint64(n, p, "proposer_index"),
          hash(n, p, "parent_root"), hash(n, p, "state_root"), hash(n, p, "body_root"));
    }

    ExecutionPayloadHeader execution(final JsonNode n, final String p) {
      final Fork shape = ExecutionPayloadHeader.shapeOf(fork);
      final List<String> names = new ArrayList<>(List.of("parent_hash", "fee_recipient", "state_root",
          "receipts_root", "logs_bloom", "prev_randao", "block_number", "gas_limit", "gas_used", "timestamp",
          "extra_data", "base_fee_per_gas", "block_hash", "transactions_root", "withdrawals_root"));
      if (shape == Fork.DENEB) {
        names.add("blob_gas_used");
        names.add("excess_blob_gas");
      }
      object(n, p, Set.copyOf(names));
      final long blobGasUsed = shape == Fork.DENEB ? uint64(n, p, "blob_gas_used") : 0;
      final long excessBlobGas = shape == Fork.DENEB ? uint64(n, p, "excess_blob_gas") : 0;
      return new ExecutionPayloadHeader(shape, hash(n, p, "parent_hash"),
          Address.of(hex(n, p, "fee_recipient", 20, 20)), hash(n, p, "state_root"), hash(n, p, "receipts_root"),
          Bytes.of(hex(n, p, "logs_bloom", 256, 256)), hash(n, p, "prev_randao"), uint64(n, p, "block_number"),
          uint64(n, p, "gas_limit"), uint64(n, p, "gas_used"), uint64(n, p, "timestamp"),
          Bytes.of(hex(n, p, "extra_data", 0, ExecutionPayloadHeader.MAX_EXTRA_DATA_BYTES)),
          uint256(n, p, "base_fee_per_gas"), hash(n, p, "block_hash"), hash(n, p, "transactions_root"),
          hash(n, p, "withdrawals_root"), blobGasUsed, excessBlobGas);
    }

    SyncCommittee committee(final JsonNode n, final String p) {
      object(n, p, Set.of("pubkeys", "aggregate_pubkey"));
      final JsonNode keys = field(n, p, "pubkeys");
      if (!keys.isArray()) {
        throw new BeaconJsonException(p + ".pubkeys", "expected an array");
      }
      if (keys.size() != preset.syncCommitteeSize()) {
        throw new BeaconJsonException(p + ".pubkeys", "expected " + preset.syncCommitteeSize() + " keys ("
            + preset.name() + " preset), got " + keys.size());
      }
      final List<Bytes> out = new ArrayList<>(keys.size());
      for (int i = 0; i < keys.size(); i++) {
        out.add(Bytes.of(hexValue(keys.get(i), p + ".pubkeys[" + i + "]", 48, 48)));
      }
      return new SyncCommittee(out, Bytes.of(hex(n, p, "aggregate_pubkey", 48, 48)));
    }

    SyncAggregate aggregate(final JsonNode n, final String p) {
      object(n, p, Set.of("sync_committee_bits", "sync_committee_signature"));
      final int bits = preset.syncCommitteeBitsBytes();
      return new SyncAggregate(Bytes.of(hex(n, p, "sync_committee_bits", bits, bits)),
          Bytes.of(hex(n, p, "sync_committee_signature", 96, 96)));
    }

    List<Hash32> branch(final JsonNode n, final String p, final String name, final int depth) {
      final JsonNode a = field(n, p, name);
      final String fp = p + "." + name;
      if (!a.isArray()) {
        throw new BeaconJsonException(fp, "expected an array");
      }
      if (a.size() != depth) {
        throw new BeaconJsonException(fp, "expected " + depth + " elements for " + fork.specName() + ", got "
            + a.size());
      }
      final List<Hash32> out = new ArrayList<>(depth);
      for (int i = 0; i < depth; i++) {
        out.add(Hash32.of(hexValue(a.get(i), fp + "[" + i + "]", 32, 32)));
      }
      return out;
    }
  }

  // --- scalar readers ----------------------------------------------------------------------------

  private static void object(final JsonNode n, final String p, final Set<String> allowed) {
    if (n == null || !n.isObject()) {
      throw new BeaconJsonException(p, "expected an object");
    }
    final Iterator<String> it = n.fieldNames();
    while (it.hasNext()) {
      final String name = it.next();
      if (!allowed.contains(name)) {
        throw new BeaconJsonException(p + "." + name, "unknown field");
      }
    }
  }

  private static JsonNode field(final JsonNode n, final String p, final String name) {
    final JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      throw new BeaconJsonException(p + "." + name, "missing");
    }
    return v;
  }

  private static Hash32 hash(final JsonNode n, final String p, final String name) {
    return Hash32.of(hex(n, p, name, 32, 32));
  }

  private static byte[] hex(final JsonNode n, final String p, final String name, final int min, final int max) {
    return hexValue(field(n, p, name), p + "." + name, min, max);
  }

  private static byte[] hexValue(final JsonNode v, final String fp, final int min, final int max) {
    if (v == null || !v.isTextual()) {
      throw new BeaconJsonException(fp, "expected a 0x-hex string");
    }
    final String s = v.asText();
    if (s.length() < 2 || s.charAt(0) != '0' || s.charAt(1) != 'x') {
      throw new BeaconJsonException(fp, "expected a 0x-prefixed hex string");
    }
    final int digits = s.length() - 2;
    if ((digits & 1) != 0) {
      throw new BeaconJsonException(fp, "odd number of hex digits (" + digits + ")");
    }
    final int len = digits / 2;
    if (len < min || len > max) {
      throw new BeaconJsonException(fp, (min == max ? "expected " + min : "expected " + min + ".." + max)
          + " bytes, got " + len);
    }
    final byte[] out = new byte[len];
    for (int i = 0; i < len; i++) {
      final int hi = io.trestle.crypto.Hex.digit(s.charAt(2 + 2 * i));
      final int lo = io.trestle.crypto.Hex.digit(s.charAt(3 + 2 * i));
      if (hi < 0 || lo < 0) {
        throw new BeaconJsonException(fp, "invalid hex digit near position " + (2 + 2 * i));
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }

  private static String decimalText(final JsonNode n, final String p, final String name) {
    final JsonNode v = field(n, p, name);
    final String fp = p + "." + name;
    if (!v.isTextual()) {
      throw new BeaconJsonException(fp, "expected a decimal string");
    }
    final String s = v.asText();
    if (s.isEmpty() || s.length() > 80) {
      throw new BeaconJsonException(fp, "expected a decimal string of 1..80 digits");
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        throw new BeaconJsonException(fp, "not a decimal integer: '" + abbreviate(s) + "'");
      }
    }
    if (s.length() > 1 && s.charAt(0) == '0') {
      throw new BeaconJsonException(fp, "leading zero in '" + abbreviate(s) + "'");
    }
    return s;
  }

  private static long uint64(final JsonNode n, final String p, final String name) {
    final String s = decimalText(n, p, name);
    try {
      return Long.parseUnsignedLong(s);
    } catch (NumberFormatException e) {
      throw new BeaconJsonException(p + "." + name, "exceeds uint64: " + abbreviate(s));
    }
  }

  private static BigInteger uint256(final JsonNode n, final String p, final String name) {
    final BigInteger v = new BigInteger(decimalText(n, p, name));
    if (v.compareTo(TWO_256) >= 0) {
      throw new BeaconJsonException(p + "." + name, "exceeds uint256");
    }
    return v;
  }
}
