package io.trestle.lightclient.store;

import io.trestle.crypto.Hash32;
import io.trestle.crypto.Sha256;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.spec.LightClientStore;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.types.LightClientHeader;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.types.SyncCommittee;
import io.trestle.proofs.ssz.SszReader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import io.trestle.lightclient.store.StoreFile.StoreError;

/**
 * The binary format of a persisted {@link LightClientStore} (format version 1). All integers are
 * big-endian.
 *
 * <pre>
 *   8   magic "TRSTLCST"
 *   2   format version (1)
 *   32  genesis validators root of the network
 *   1   n = length of the config name (1..64), then n bytes of UTF-8 config name
 *   1   fork code (index in {@link #FORK_CODES}; stable, new forks are appended)
 *   1   flags: bit 0 next sync committee known, bit 1 best valid update present; other bits zero
 *   4   previous_max_active_participants (at most SYNC_COMMITTEE_SIZE)
 *   4   current_max_active_participants
 *   4+  finalized header: length, SSZ in the store fork's shape
 *   4+  current sync committee: length, SSZ
 *   32  current sync committee root
 *   [4+ next sync committee: length, SSZ; 32 its root]        if flag bit 0
 *   [4+ best valid update: length, SSZ in the store fork's shape]  if flag bit 1
 *   4+  optimistic header: length, SSZ
 *   32  SHA-256 of every preceding byte
 * </pre>
 *
 * <p>Decoding is strict and checks the checksum first (so any damaged or truncated file is {@link
 * StoreError#CORRUPT}), then magic, version and network, then every length against the bytes that remain
 * before allocating, then SSZ with the decoders of the types (the preset comes from the config). An
 * accepted input re-encodes to the same bytes.
 */
final class StoreCodec {
  static final byte[] MAGIC = "TRSTLCST".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final int MAX_NAME_BYTES = 64;
  /** No valid store comes near this (a mainnet store with a best valid update is about 78 KB). */
  static final int MAX_FILE_BYTES = 1 << 20;
  static final int CHECKSUM_BYTES = 32;
  /** Persisted fork codes: the index of the fork in this array. Append only. */
  static final Fork[] FORK_CODES = {
    Fork.PHASE0, Fork.ALTAIR, Fork.BELLATRIX, Fork.CAPELLA, Fork.DENEB, Fork.ELECTRA, Fork.FULU, Fork.GLOAS
  };
  private static final int FLAG_NEXT = 1;
  private static final int FLAG_BEST = 2;

  private StoreCodec() {}

  /** Serializes a store for a network. Does not check invariants (see {@link StoreInvariants}). */
  static byte[] encode(final ChainConfig config, final LightClientStore s) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    out.writeBytes(MAGIC);
    u16(out, VERSION);
    out.writeBytes(config.genesisValidatorsRoot().toArray());
    final byte[] name = nameBytes(config);
    out.write(name.length);
    out.writeBytes(name);
    out.write(forkCode(s.fork()));
    out.write((s.nextSyncCommittee().isPresent() ? FLAG_NEXT : 0) | (s.bestValidUpdate().isPresent() ? FLAG_BEST : 0));
    u32(out, s.previousMaxActiveParticipants());
    u32(out, s.currentMaxActiveParticipants());
    section(out, s.finalizedHeader().encode());
    section(out, s.currentSyncCommittee().encode());
    out.writeBytes(s.currentSyncCommitteeRoot().toArray());
    if (s.nextSyncCommittee().isPresent()) {
      section(out, s.nextSyncCommittee().get().encode());
      out.writeBytes(s.nextSyncCommitteeRoot().orElseThrow().toArray());
    }
    if (s.bestValidUpdate().isPresent()) {
      section(out, s.bestValidUpdate().get().encode());
    }
    section(out, s.optimisticHeader().encode());
    final byte[] body = out.toByteArray();
    final byte[] file = Arrays.copyOf(body, body.length + CHECKSUM_BYTES);
    Sha256.hash(body).copyTo(file, body.length);
    return file;
  }

  /** The checksum (last 32 bytes) of an encoded store. */
  static Hash32 checksumOf(final byte[] file) {
    return Hash32.of(file, file.length - CHECKSUM_BYTES);
  }

  /** Strict decoding; throws {@link StoreException} with the kind of failure (never another exception). */
  static LightClientStore decode(final ChainConfig config, final byte[] file) {
    try {
      return decodeUnchecked(config, file);
    } catch (StoreException e) {
      throw e;
    } catch (RuntimeException e) { // SszException, or a value type's constructor refusing a field
      throw new StoreException(StoreError.CORRUPT, "malformed content: " + e.getMessage());
    }
  }

  private static LightClientStore decodeUnchecked(final ChainConfig config, final byte[] file) {
    if (file.length > MAX_FILE_BYTES) {
      throw new StoreException(StoreError.CORRUPT, "file of " + file.length + " bytes exceeds the limit of "
          + MAX_FILE_BYTES);
    }
    if (file.length < MAGIC.length + 2 + CHECKSUM_BYTES) {
      throw new StoreException(StoreError.CORRUPT, "file of " + file.length + " bytes is truncated");
    }
    final int bodyLength = file.length - CHECKSUM_BYTES;
    final Hash32 expected = Hash32.of(file, bodyLength);
    final Hash32 actual = Hash32.of(Sha256.digest(file, 0, bodyLength));
    if (!expected.equals(actual)) {
      throw new StoreException(StoreError.CORRUPT, "checksum mismatch (stored " + expected + ", computed " + actual
          + "): the file is truncated, damaged or not a Trestle store");
    }
    final Cursor c = new Cursor(file, bodyLength);
    if (!Arrays.equals(c.bytes(MAGIC.length, "magic"), MAGIC)) {
      throw new StoreException(StoreError.BAD_MAGIC, "not a Trestle light-client store file (bad magic)");
    }
    final int version = c.u16("format version");
    if (version != VERSION) {
      throw new StoreException(StoreError.UNSUPPORTED_VERSION, "store format version " + version
          + " is not supported (this version reads " + VERSION + ")");
    }
    final Hash32 gvr = Hash32.of(c.bytes(32, "genesis validators root"));
    final int nameLength = c.u8("config name length");
    if (nameLength == 0 || nameLength > MAX_NAME_BYTES) {
      throw new StoreException(StoreError.CORRUPT, "config name length " + nameLength + " out of range 1.."
          + MAX_NAME_BYTES);
    }
    final byte[] name = c.bytes(nameLength, "config name");
    if (!gvr.equals(config.genesisValidatorsRoot()) || !Arrays.equals(name, nameBytes(config))) {
      throw new StoreException(StoreError.WRONG_NETWORK, "the store belongs to network '"
          + new String(name, StandardCharsets.UTF_8) + "' (genesis validators root " + gvr + "), not to '"
          + config.name() + "' (" + config.genesisValidatorsRoot() + ")");
    }
    final int code = c.u8("fork");
    if (code >= FORK_CODES.length || FORK_CODES[code] == Fork.PHASE0) {
      throw new StoreException(StoreError.CORRUPT, "fork code " + code + " is not a light-client fork");
    }
    final Fork fork = FORK_CODES[code];
    final int flags = c.u8("flags");
    if ((flags & ~(FLAG_NEXT | FLAG_BEST)) != 0) {
      throw new StoreException(StoreError.CORRUPT, "unknown flag bits 0x" + Integer.toHexString(flags));
    }
    final int committeeSize = config.preset().syncCommitteeSize();
    final int previousMax = c.participants("previous_max_active_participants", committeeSize);
    final int currentMax = c.participants("current_max_active_participants", committeeSize);
    final LightClientHeader finalized = LightClientHeader.decode(c.section("finalized_header"), fork);
    final SyncCommittee current = SyncCommittee.decode(c.section("current_sync_committee"), config.preset());
    final Hash32 currentRoot = Hash32.of(c.bytes(32, "current_sync_committee_root"));
    Optional<SyncCommittee> next = Optional.empty();
    Optional<Hash32> nextRoot = Optional.empty();
    if ((flags & FLAG_NEXT) != 0) {
      next = Optional.of(SyncCommittee.decode(c.section("next_sync_committee"), config.preset()));
      nextRoot = Optional.of(Hash32.of(c.bytes(32, "next_sync_committee_root")));
    }
    Optional<LightClientUpdate> best = Optional.empty();
    if ((flags & FLAG_BEST) != 0) {
      best = Optional.of(LightClientUpdate.decode(c.sectionBytes("best_valid_update"), fork, config.preset()));
    }
    final LightClientHeader optimistic = LightClientHeader.decode(c.section("optimistic_header"), fork);
    if (c.pos != bodyLength) {
      throw new StoreException(StoreError.CORRUPT, (bodyLength - c.pos) + " trailing byte(s) before the checksum");
    }
    return new LightClientStore(fork, finalized, current, currentRoot, next, nextRoot, best, optimistic,
        previousMax, currentMax);
  }

  static int forkCode(final Fork fork) {
    for (int i = 0; i < FORK_CODES.length; i++) {
      if (FORK_CODES[i] == fork) {
        return i;
      }
    }
    throw new IllegalStateException("no persisted code for fork " + fork);
  }

  private static byte[] nameBytes(final ChainConfig config) {
    final byte[] name = config.name().getBytes(StandardCharsets.UTF_8);
    if (name.length == 0 || name.length > MAX_NAME_BYTES) {
      throw new IllegalArgumentException("config name must be 1.." + MAX_NAME_BYTES + " UTF-8 bytes");
    }
    return name;
  }

  private static void u16(final ByteArrayOutputStream out, final int v) {
    out.write(v >>> 8);
    out.write(v);
  }

  private static void u32(final ByteArrayOutputStream out, final int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }

  private static void section(final ByteArrayOutputStream out, final byte[] ssz) {
    u32(out, ssz.length);
    out.writeBytes(ssz);
  }

  /** A bounds-checked reader over the body (before the checksum). */
  private static final class Cursor {
    private final byte[] buf;
    private final int end;
    private int pos;

    Cursor(final byte[] buf, final int end) {
      this.buf = buf;
      this.end = end;
    }

    private void need(final long n, final String field) {
      if (n > end - pos) {
        throw new StoreException(StoreError.CORRUPT, field + ": needs " + n + " bytes at offset " + pos + " but only "
            + (end - pos) + " remain");
      }
    }

    byte[] bytes(final int n, final String field) {
      need(n, field);
      final byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
      pos += n;
      return out;
    }

    int u8(final String field) {
      need(1, field);
      return buf[pos++] & 0xff;
    }

    int u16(final String field) {
      need(2, field);
      final int v = (buf[pos] & 0xff) << 8 | (buf[pos + 1] & 0xff);
      pos += 2;
      return v;
    }

    long u32(final String field) {
      need(4, field);
      final long v = (buf[pos] & 0xffL) << 24 | (buf[pos + 1] & 0xffL) << 16 | (buf[pos + 2] & 0xffL) << 8
          | (buf[pos + 3] & 0xffL);
      pos += 4;
      return v;
    }

    int participants(final String field, final int committeeSize) {
      final long v = u32(field);
      if (v > committeeSize) {
        throw new StoreException(StoreError.CORRUPT, field + " = " + v + " exceeds SYNC_COMMITTEE_SIZE "
            + committeeSize);
      }
      return (int) v;
    }

    /** A length-prefixed section as a reader over the file's bytes (length checked before use). */
    SszReader section(final String field) {
      final long n = u32(field + " length");
      need(n, field);
      final SszReader r = SszReader.of(buf, pos, pos + (int) n, field);
      pos += (int) n;
      return r;
    }

    byte[] sectionBytes(final String field) {
      final long n = u32(field + " length");
      need(n, field);
      return bytes((int) n, field);
    }
  }
}
