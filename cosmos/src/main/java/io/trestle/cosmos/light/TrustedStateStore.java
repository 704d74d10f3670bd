package io.trestle.cosmos.light;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A persisted CometBFT {@link TrustedState} for one chain in one directory, with the beacon store's
 * guarantees: {@value #STATE} (the state) and {@value #HIGH_WATER} (the highest height ever saved).
 *
 * <p><b>Atomic.</b> Each file is written as {@code <name>.tmp}, {@code fsync}ed, renamed over the file
 * ({@code ATOMIC_MOVE}), and the directory is {@code fsync}ed; a crash leaves the old or the new file, and
 * leftover {@code .tmp} files are removed. The state is written before the mark.
 *
 * <p><b>Checked on load.</b> Size bound, magic, version and SHA-256 checksum (a damaged file is {@link
 * Problem#CORRUPT}, never trusted), the chain id, strict decoding, and the invariants a verified state has:
 * the stored header hashes to the stored hash and its fields agree with the state, the validator sets pass
 * the structural checks and hash to the header's (next) validators hash.
 *
 * <p><b>Anti-rollback.</b> A state below the high-water mark is refused on load ({@link Problem#ROLLBACK});
 * {@link #save} refuses a height below the stored one or the mark. Like the beacon store, this protects
 * against an old copy put back, not against an attacker who can rewrite both files (checksums are integrity,
 * not authentication). One process per directory.
 */
public final class TrustedStateStore {
  /** The state file. */
  public static final String STATE = "cometbft-trusted.bin";
  /** The high-water file. */
  public static final String HIGH_WATER = "cometbft-highwater";
  static final int MAX_FILE_BYTES = 16 * 1024 * 1024;
  private static final byte[] MAGIC = "TRSTLCMT".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HW_MAGIC = "TRSTLCHW".getBytes(StandardCharsets.US_ASCII);
  private static final short VERSION = 1;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(TrustedStateStore.class);

  /** Why a load or save was refused. */
  public enum Problem {
    /** The file is damaged, truncated, of another format, or fails the invariants. */
    CORRUPT,
    /** The file belongs to another chain id. */
    WRONG_CHAIN,
    /** An older state than one saved before (load), or a save that would move backwards. */
    ROLLBACK,
    /** The file system failed. */
    IO
  }

  /** The outcome of {@link #load}. */
  public sealed interface LoadResult permits Absent, Loaded, Refused {}

  /** No state was saved yet. */
  public record Absent() implements LoadResult {}

  /** A state that passed every check. */
  public record Loaded(TrustedState state) implements LoadResult {}

  /** A refused load or save. */
  public record Refused(Problem problem, String detail) implements LoadResult, SaveResult {}

  /** The outcome of {@link #save}. */
  public sealed interface SaveResult permits Written, Refused {}

  /** The state was written. */
  public record Written(long height) implements SaveResult {}

  private final Path dir;
  private final String chainId;

  private TrustedStateStore(final Path dir, final String chainId) {
    this.dir = dir;
    this.chainId = chainId;
  }

  /** A store for {@code chainId} in {@code dir} (created on the first save). Does no IO. */
  public static TrustedStateStore in(final Path dir, final String chainId) {
    return new TrustedStateStore(Objects.requireNonNull(dir, "dir"), Objects.requireNonNull(chainId, "chainId"));
  }

  /** Loads and checks the stored state. */
  public synchronized LoadResult load() {
    try {
      removeLeftovers();
      final Optional<byte[]> bytes = read(dir.resolve(STATE));
      final OptionalLong mark = readHighWater();
      if (bytes.isEmpty()) {
        return new Absent();
      }
      final TrustedState s = decode(bytes.get());
      if (mark.isPresent() && s.height() < mark.getAsLong()) {
        return new Refused(Problem.ROLLBACK, STATE + " holds height " + s.height() + " but height "
            + mark.getAsLong() + " was saved here before: the file was replaced by an older copy. Delete " + dir
            + " and start again from a trusted height and hash");
      }
      if (mark.isEmpty() || s.height() > mark.getAsLong()) {
        try {
          writeAtomically(dir.resolve(HIGH_WATER), highWater(s.height()));
        } catch (IOException e) {
          LOG.warn("could not raise the high-water mark in {}", dir, e);
        }
      }
      return new Loaded(s);
    } catch (StoreException e) {
      return new Refused(e.problem, e.getMessage());
    } catch (IOException e) {
      return new Refused(Problem.IO, "cannot read " + dir + ": " + e);
    } catch (RuntimeException e) {
      LOG.error("internal error loading {} (refusing it)", dir, e);
      return new Refused(Problem.CORRUPT, "internal error: " + e);
    }
  }

  /** Atomically replaces the stored state; refused if it would move below the stored height or the mark. */
  public synchronized SaveResult save(final TrustedState state) {
    Objects.requireNonNull(state, "state");
    try {
      if (!state.chainId().equals(chainId)) {
        return new Refused(Problem.WRONG_CHAIN, "state of chain '" + state.chainId() + "' in a store for '" + chainId
            + "'");
      }
      final byte[] bytes = encode(state);
      Files.createDirectories(dir);
      removeLeftovers();
      final OptionalLong mark = readHighWater();
      long floor = mark.orElse(0);
      final Optional<byte[]> onDisk = read(dir.resolve(STATE));
      if (onDisk.isPresent()) {
        try {
          floor = Math.max(floor, decode(onDisk.get()).height());
        } catch (StoreException e) {
          LOG.warn("replacing an unreadable {} in {} ({})", STATE, dir, e.getMessage());
        }
      }
      if (state.height() < floor) {
        return new Refused(Problem.ROLLBACK, "refusing to save height " + state.height() + " over height " + floor
            + " in " + dir + " (a trusted state never moves backwards)");
      }
      writeAtomically(dir.resolve(STATE), bytes);
      if (mark.isEmpty() || state.height() > mark.getAsLong()) {
        writeAtomically(dir.resolve(HIGH_WATER), highWater(state.height()));
      }
      return new Written(state.height());
    } catch (StoreException e) {
      return new Refused(e.problem, e.getMessage());
    } catch (IOException e) {
      return new Refused(Problem.IO, "cannot write " + dir + ": " + e);
    }
  }

  // --- encoding --------------------------------------------------------------------------------------

  byte[] encode(final TrustedState s) {
    final ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("chain_id", s.chainId());
    o.put("height", Long.toString(s.height()));
    o.put("time", s.time().toString());
    o.put("header_hash", s.headerHash().toHex());
    o.put("next_validators_hash", s.nextValidatorsHash().toHex());
    s.header().ifPresent(h -> o.set("header", LightBlockJson.write(h)));
    s.validators().ifPresent(v -> o.set("validators", LightBlockJson.write(v)));
    s.nextValidators().ifPresent(v -> o.set("next_validators", LightBlockJson.write(v)));
    final byte[] json;
    try {
      json = MAPPER.writeValueAsBytes(o);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    final ByteBuffer b = ByteBuffer.allocate(8 + 2 + 4 + json.length + 32);
    b.put(MAGIC).putShort(VERSION).putInt(json.length).put(json);
    b.put(Sha256.digest(b.array(), 0, b.position()));
    return b.array();
  }

  TrustedState decode(final byte[] f) {
    if (f.length < 8 + 2 + 4 + 32) {
      throw new StoreException(Problem.CORRUPT, STATE + " is truncated (" + f.length + " bytes)");
    }
    final byte[] sum = Sha256.digest(f, 0, f.length - 32);
    if (!Arrays.equals(sum, 0, 32, f, f.length - 32, f.length)) {
      throw new StoreException(Problem.CORRUPT, STATE + " checksum mismatch (damaged or truncated)");
    }
    final ByteBuffer b = ByteBuffer.wrap(f);
    final byte[] magic = new byte[8];
    b.get(magic);
    if (!Arrays.equals(magic, MAGIC) || b.getShort() != VERSION) {
      throw new StoreException(Problem.CORRUPT, STATE + " has a bad magic or version");
    }
    final int len = b.getInt();
    if (len != f.length - 8 - 2 - 4 - 32) {
      throw new StoreException(Problem.CORRUPT, STATE + " length field disagrees with the file size");
    }
    final JsonNode o;
    try {
      o = MAPPER.readTree(Arrays.copyOfRange(f, 14, 14 + len));
    } catch (IOException e) {
      throw new StoreException(Problem.CORRUPT, STATE + " does not decode: " + e.getMessage());
    }
    final String chain = o.path("chain_id").asText("");
    if (!chain.equals(chainId)) {
      throw new StoreException(Problem.WRONG_CHAIN, STATE + " belongs to chain '" + chain + "', not '" + chainId
          + "'");
    }
    final LightResult<TrustedState> r = LightResult.of(() -> restore(o));
    if (r instanceof LightResult.Rejected<TrustedState> rej) {
      throw new StoreException(Problem.CORRUPT, STATE + " fails the trusted-state invariants: " + rej.reason() + ": "
          + rej.detail());
    }
    return r.value();
  }

  private static TrustedState restore(final JsonNode o) {
    final long height = LightBlockJson.int64(o.path("height"), "$.height");
    final Instant time;
    try {
      time = Instant.parse(o.path("time").asText(""));
    } catch (RuntimeException e) {
      throw new LightException(LightRejection.INPUT_MALFORMED, "$.time");
    }
    final Bytes hash = Bytes.fromHex(o.path("header_hash").asText(""));
    final Bytes nextHash = Bytes.fromHex(o.path("next_validators_hash").asText(""));
    final Optional<ValidatorSet> vals = o.has("validators")
        ? Optional.of(LightBlockJson.validatorSet(o.get("validators"), "$.validators")) : Optional.empty();
    final Optional<ValidatorSet> next = o.has("next_validators")
        ? Optional.of(LightBlockJson.validatorSet(o.get("next_validators"), "$.next_validators")) : Optional.empty();
    if (vals.isEmpty() && next.isEmpty()) {
      throw new LightException(LightRejection.INPUT_MALFORMED, "no validator set");
    }
    if (next.isPresent()) {
      final CheckedValidatorSet n = CheckedValidatorSet.check(next.get(), "next validator set", true);
      if (!n.hash.equals(nextHash)) {
        throw new LightException(LightRejection.NEXT_VALIDATORS_HASH_MISMATCH, "stored next validators");
      }
    }
    final String chain = o.path("chain_id").asText("");
    if (!o.has("header")) {
      if (vals.isPresent() || next.isEmpty()) {
        throw new LightException(LightRejection.INPUT_MALFORMED, "a headerless state holds only next validators");
      }
      return new TrustedState(chain, height, time, hash, nextHash, Optional.empty(), next, Optional.empty());
    }
    final Header h = LightBlockJson.header(o.get("header"), "$.header");
    LightVerifier.checkHeaderFields(h);
    if (!Canonical.headerHash(h).equals(hash) || h.height() != height || !h.time().equals(time)
        || !h.chainId().equals(chain) || !h.nextValidatorsHash().equals(nextHash)) {
      throw new LightException(LightRejection.TRUST_ROOT_MISMATCH, "the stored header disagrees with the state");
    }
    if (vals.isPresent()
        && !CheckedValidatorSet.check(vals.get(), "validator set").hash.equals(h.validatorsHash())) {
      throw new LightException(LightRejection.VALIDATORS_HASH_MISMATCH, "stored validators");
    }
    return new TrustedState(h, hash, vals, next);
  }

  private byte[] highWater(final long height) {
    final ByteBuffer b = ByteBuffer.allocate(8 + 2 + 32 + 8 + 32);
    b.put(HW_MAGIC).putShort(VERSION).put(chainIdHash().toArray()).putLong(height);
    b.put(Sha256.digest(b.array(), 0, b.position()));
    return b.array();
  }

  private Hash32 chainIdHash() {
    return Sha256.hash(chainId.getBytes(StandardCharsets.UTF_8));
  }

  private OptionalLong readHighWater() throws IOException {
    final Optional<byte[]> f = read(dir.resolve(HIGH_WATER));
    if (f.isEmpty()) {
      return OptionalLong.empty();
    }
    final byte[] b = f.get();
    if (b.length != 82 || !Arrays.equals(Sha256.digest(b, 0, 50), 0, 32, b, 50, 82)) {
      throw new StoreException(Problem.CORRUPT, HIGH_WATER + " is damaged");
    }
    final ByteBuffer bb = ByteBuffer.wrap(b);
    final byte[] magic = new byte[8];
    bb.get(magic);
    if (!Arrays.equals(magic, HW_MAGIC) || bb.getShort() != VERSION) {
      throw new StoreException(Problem.CORRUPT, HIGH_WATER + " has a bad magic or version");
    }
    final byte[] id = new byte[32];
    bb.get(id);
    if (!Hash32.of(id).equals(chainIdHash())) {
      throw new StoreException(Problem.WRONG_CHAIN, HIGH_WATER + " belongs to another chain id");
    }
    final long h = bb.getLong();
    if (h < 0) {
      throw new StoreException(Problem.CORRUPT, HIGH_WATER + " height out of range");
    }
    return OptionalLong.of(h);
  }

  private static Optional<byte[]> read(final Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      final byte[] b = in.readNBytes(MAX_FILE_BYTES + 1);
      if (b.length > MAX_FILE_BYTES) {
        throw new StoreException(Problem.CORRUPT, file + " is larger than " + MAX_FILE_BYTES + " bytes");
      }
      return Optional.of(b);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  private void removeLeftovers() throws IOException {
    for (final String name : new String[] {STATE, HIGH_WATER}) {
      Files.deleteIfExists(dir.resolve(name + ".tmp"));
    }
  }

  private void writeAtomically(final Path target, final byte[] data) throws IOException {
    final Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      final ByteBuffer buf = ByteBuffer.wrap(data);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      LOG.debug("cannot fsync directory {}: {}", dir, e.toString());
    }
  }

  private static final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final Problem problem;

    StoreException(final Problem problem, final String message) {
      super(message, null, false, false);
      this.problem = problem;
    }
  }
}
