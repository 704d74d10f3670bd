package io.trestle.lightclient.store;

import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.spec.LightClientStore;
import io.trestle.lightclient.spec.UpdateResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.spec.UpdateRejection;
import java.time.Instant;
import java.util.Locale;

/**
 * A persisted light-client store in one directory, for one network: {@code store.bin} (the store, see
 * {@link StoreCodec} for the format, SHA-256 checksummed) and {@code highwater} (the highest finalized
 * slot ever saved, checksummed).
 *
 * <p><b>Atomicity.</b> Each file is replaced by writing {@code <name>.tmp}, {@code fsync}ing it, renaming
 * it over the file ({@code ATOMIC_MOVE}), then {@code fsync}ing the directory. A process killed at any
 * moment leaves the old or the new file; a leftover {@code .tmp} is deleted on the next load or save. The
 * store is written before the high-water mark, so a crash between the two leaves a store newer than the
 * mark, which loads (and the mark is raised then).
 *
 * <p><b>Verified on load:</b> size bound, checksum (any damaged or truncated file is refused as {@link
 * StoreError#CORRUPT}, never trusted), magic, format version, network identity (genesis validators root and
 * config name), strict decoding, the store invariants (committee roots recomputed, {@code
 * is_valid_light_client_header} for the finalized and optimistic headers, slot order, fork), the
 * high-water mark, and optionally the weak-subjectivity window.
 *
 * <p><b>What the checksums protect, and what they do not.</b> Each file ends with an unkeyed SHA-256 of its
 * content. That detects accidental damage: bit flips, truncation, a partially written or interleaved file, a file
 * of another format. It does <em>not</em> authenticate the file: SHA-256 is recomputable by anyone, so whoever
 * can write the store directory can replace {@code store.bin} by a self-consistent store of their own making (a
 * finalized header and sync committee of a forged chain, at a slot above the high-water mark) and the light
 * client resumes from it. One file suffices. The load-time checks (invariants, network identity) hold for such
 * a file too: they catch mistakes, not an attacker with write access. Against that attacker, use {@link
 * #authenticated}: every file then carries an HMAC-SHA256 tag under a key the operator supplies (kept outside
 * the directory), and a file not written with the key is refused ({@link StoreError#UNAUTHENTICATED}). The tag
 * does not stop an attacker who can write the directory from putting back an <em>older</em> file written with
 * the key together with its older {@code highwater} (a rollback to an earlier verified state, never a forged
 * one), nor from deleting the files.
 *
 * <p><b>Anti-rollback, what it protects against:</b> an older copy of {@code store.bin} put back
 * (a backup restore, a snapshot rollback of the data volume that missed {@code highwater}, an operator
 * mistake) is refused on load; {@link #save} refuses a store whose finalized slot is lower than the one on
 * disk or than the mark. <b>What it does not protect against:</b> a local attacker (or a volume snapshot)
 * that rewrites or deletes both files; the checksums are integrity checks, not authentication. Deleting
 * {@code highwater} disables the check until the next load or save re-creates it. Against such an attacker
 * keep the directory on storage only the light client can write, or keep the mark elsewhere.
 *
 * <p><b>Threading and processes:</b> {@link #save} and {@link #load} are {@code synchronized}. One process
 * per directory: the first load or save takes an exclusive OS lock on {@code lock} in the directory and
 * keeps it until the process ends (shared by every {@code StoreFile} of that directory in the process);
 * while another process holds it, load and save are refused as {@link StoreError#LOCKED}.
 */
public final class StoreFile {
  /** The store file's name. */
  public static final String STORE = "store.bin";
  /** The high-water file's name. */
  public static final String HIGH_WATER = "highwater";
  /** The lock file's name. */
  public static final String LOCK = "lock";

  /** Directory locks this process holds, by normalized absolute path (kept until the process ends). */
  private static final java.util.Map<Path, java.nio.channels.FileLock> HELD = new java.util.HashMap<>();

  private static final Logger LOG = LoggerFactory.getLogger(StoreFile.class);

  /** The smallest HMAC key {@link #authenticated} accepts (bytes). */
  public static final int MIN_KEY_BYTES = 32;

  private final Path dir;
  private final ChainConfig config;
  private final Optional<StoreMac> mac;

  private StoreFile(final Path dir, final ChainConfig config, final Optional<StoreMac> mac) {
    this.dir = dir;
    this.config = config;
    this.mac = mac;
  }

  /** A store directory for a network (created on the first save), checksummed but not authenticated. No IO. */
  public static StoreFile in(final Path dir, final ChainConfig config) {
    return new StoreFile(Objects.requireNonNull(dir, "dir"), Objects.requireNonNull(config, "config"),
        Optional.empty());
  }

  /**
   * An authenticated store directory: every file written carries an HMAC-SHA256 tag under {@code key}, and a
   * file without a valid tag is refused on load ({@link StoreError#UNAUTHENTICATED}), including a plain store
   * written by {@link #in}. The key is copied; keep it outside the store directory. No IO.
   *
   * @param key at least {@link #MIN_KEY_BYTES} secret random bytes
   */
  public static StoreFile authenticated(final Path dir, final ChainConfig config, final byte[] key) {
    Objects.requireNonNull(key, "key");
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException("an HMAC store key needs at least " + MIN_KEY_BYTES + " bytes, got "
          + key.length);
    }
    return new StoreFile(Objects.requireNonNull(dir, "dir"), Objects.requireNonNull(config, "config"),
        Optional.of(new StoreMac(key)));
  }

  /** True for a store made by {@link #authenticated}. */
  public boolean isAuthenticated() {
    return mac.isPresent();
  }

  /** The directory. */
  public Path directory() {
    return dir;
  }

  /** The network. */
  public ChainConfig config() {
    return config;
  }

  // --- load ---------------------------------------------------------------------------------------

  /** Loads and checks the store (no weak-subjectivity check; see the other overload). */
  public synchronized LoadResult load() {
    try {
      if (Files.isDirectory(dir)) {
        lockDirectory(false);
      }
      removeLeftovers();
      final Optional<byte[]> bytes = read(dir.resolve(STORE));
      final OptionalLong mark = readHighWater();
      if (bytes.isEmpty()) {
        if (mark.isPresent()) {
          LOG.warn("no {} in {} but a high-water mark at slot {} remains", STORE, dir, mark.getAsLong());
        }
        return new LoadResult.Absent(mark);
      }
      final LightClientStore store = StoreCodec.decode(config, bytes.get());
      StoreInvariants.check(config, store);
      final long slot = store.finalizedHeader().beacon().slot();
      if (mark.isPresent() && slot < mark.getAsLong()) {
        throw new StoreException(StoreError.ROLLBACK, STORE + " holds finalized slot " + slot
            + " but a store at finalized slot " + mark.getAsLong() + " was saved here before (" + HIGH_WATER
            + "): the file was replaced by an older copy. Delete the store directory " + dir
            + " and resync from a trusted checkpoint; if you restored an old backup on purpose, delete "
            + dir.resolve(HIGH_WATER) + " too");
      }
      if (mark.isEmpty() || slot > mark.getAsLong()) {
        try {
          writeAtomically(dir.resolve(HIGH_WATER), HighWater.encode(config.genesisValidatorsRoot(), slot));
        } catch (IOException e) {
          LOG.warn("could not raise the high-water mark in {} to slot {}", dir, slot, e);
        }
      }
      final VerifiedStore verified = new VerifiedStore(config, store, StoreCodec.checksumOf(bytes.get()));
      return new LoadResult.Restored(verified);
    } catch (StoreException e) {
      return new LoadResult.Refused(withAdvice(e.failure));
    } catch (IOException e) {
      return new LoadResult.Refused(new StoreFailure(StoreError.IO, "cannot read " + dir + ": " + e));
    } catch (RuntimeException e) {
      LOG.error("internal error while loading the store in {} (refusing it)", dir, e);
      return new LoadResult.Refused(new StoreFailure(StoreError.CORRUPT, "internal error: " + e));
    }
  }

  /**
   * Loads and checks the store, then applies the weak-subjectivity policy to its finalized header: a
   * store older than the window is refused as {@link StoreError#TOO_OLD} unless {@code allowOld}.
   */
  public LoadResult load(final WeakSubjectivity policy, final long currentSlot, final boolean allowOld) {
    Objects.requireNonNull(policy, "policy");
    final LoadResult r = load();
    if (r instanceof LoadResult.Restored restored) {
      final Optional<UpdateResult.Rejected> old = policy.check(restored.verified().finalizedSlot(), currentSlot,
          allowOld);
      if (old.isPresent()) {
        return new LoadResult.Refused(new StoreFailure(StoreError.TOO_OLD, "stored state: " + old.get().detail()));
      }
    }
    return r;
  }

  // --- save ---------------------------------------------------------------------------------------

  /**
   * Atomically replaces the stored state with {@code store} after checking its invariants. Refused ({@link
   * StoreError#ROLLBACK}) if its finalized slot is lower than the stored one or than the high-water mark.
   */
  public synchronized SaveResult save(final LightClientStore store) {
    Objects.requireNonNull(store, "store");
    try {
      StoreInvariants.check(config, store);
      final byte[] bytes = StoreCodec.encode(config, store);
      final long slot = store.finalizedHeader().beacon().slot();
      Files.createDirectories(dir);
      lockDirectory(true);
      removeLeftovers();
      final OptionalLong mark = readHighWater();
      long floor = mark.orElse(0);
      final Optional<byte[]> onDisk = read(dir.resolve(STORE));
      if (onDisk.isPresent()) {
        try {
          floor = Math.max(floor, StoreCodec.decode(config, onDisk.get()).finalizedHeader().beacon().slot());
        } catch (StoreException e) {
          LOG.warn("replacing an unreadable {} in {} ({})", STORE, dir, e.failure.detail());
        }
      }
      if (slot < floor) {
        return new SaveResult.Refused(new StoreFailure(StoreError.ROLLBACK, "refusing to save finalized slot " + slot
            + " over finalized slot " + floor + " in " + dir + " (a store never moves backwards)"));
      }
      writeAtomically(dir.resolve(STORE), bytes);
      if (mark.isEmpty() || slot > mark.getAsLong()) {
        writeAtomically(dir.resolve(HIGH_WATER), HighWater.encode(config.genesisValidatorsRoot(), slot));
      }
      return new SaveResult.Written(slot, StoreCodec.checksumOf(bytes), bytes.length);
    } catch (StoreException e) {
      return new SaveResult.Refused(e.failure);
    } catch (IOException e) {
      return new SaveResult.Refused(new StoreFailure(StoreError.IO, "cannot write the store in " + dir + ": " + e));
    } catch (RuntimeException e) {
      LOG.error("internal error while saving the store in {} (nothing written)", dir, e);
      return new SaveResult.Refused(new StoreFailure(StoreError.INVARIANT_VIOLATED, "internal error: " + e));
    }
  }

  /**
   * Takes (or confirms) this process's lock on the directory; refused as {@link StoreError#LOCKED} while
   * another process holds it. A directory where no lock file can be created (read-only) is not locked;
   * a save there fails on its own.
   */
  private void lockDirectory(final boolean forWriting) throws IOException {
    final Path key = dir.toAbsolutePath().normalize();
    synchronized (HELD) {
      if (HELD.containsKey(key)) {
        return;
      }
      final Path lockFile = dir.resolve(LOCK);
      final FileChannel ch;
      try {
        ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      } catch (java.nio.file.AccessDeniedException | java.nio.file.ReadOnlyFileSystemException e) {
        if (forWriting) {
          throw e;
        }
        LOG.warn("cannot create {} (read-only directory?); loading without the inter-process lock", lockFile);
        return;
      }
      final java.nio.channels.FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw e;
      }
      if (lock == null) {
        ch.close();
        throw new StoreException(StoreError.LOCKED, "another process holds " + lockFile + " (one process per store "
            + "directory: stop it, or give this one another --store directory)");
      }
      HELD.put(key, lock);
    }
  }

  // --- files --------------------------------------------------------------------------------------

  private OptionalLong readHighWater() throws IOException {
    final Optional<byte[]> b = read(dir.resolve(HIGH_WATER));
    if (b.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(HighWater.decode(config.genesisValidatorsRoot(), b.get()));
    } catch (StoreException e) {
      throw new StoreException(e.failure.kind(), dir.resolve(HIGH_WATER) + ": " + e.failure.detail());
    }
  }

  /** The file's content (its tag checked and removed for an authenticated store), empty if absent. */
  private Optional<byte[]> read(final Path file) throws IOException {
    final Optional<byte[]> raw = readRaw(file);
    if (raw.isEmpty() || mac.isEmpty()) {
      return raw;
    }
    return Optional.of(mac.get().open(file.getFileName().toString(), raw.get()));
  }

  /** The file's bytes, empty if absent; at most {@link StoreCodec#MAX_FILE_BYTES} are read. */
  private static Optional<byte[]> readRaw(final Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      final byte[] b = in.readNBytes(StoreCodec.MAX_FILE_BYTES + 1);
      if (b.length > StoreCodec.MAX_FILE_BYTES) {
        throw new StoreException(StoreError.CORRUPT, file + " is larger than " + StoreCodec.MAX_FILE_BYTES + " bytes");
      }
      return Optional.of(b);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  private void removeLeftovers() throws IOException {
    for (final String name : new String[] {STORE, HIGH_WATER}) {
      final Path tmp = dir.resolve(name + ".tmp");
      if (Files.deleteIfExists(tmp)) {
        LOG.info("removed {} left by an interrupted save", tmp);
      }
    }
  }

  private void writeAtomically(final Path target, final byte[] content) throws IOException {
    final byte[] data = mac.isPresent() ? mac.get().seal(target.getFileName().toString(), content) : content;
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
    syncDirectory();
  }

  /** Makes the rename durable; some platforms/filesystems cannot open or force a directory. */
  private void syncDirectory() {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      LOG.debug("cannot fsync directory {} (the filesystem does not support it): {}", dir, e.toString());
    }
  }

  private StoreFailure withAdvice(final StoreFailure f) {
    switch (f.kind()) {
      case CORRUPT:
      case INVARIANT_VIOLATED:
      case BAD_MAGIC:
        return new StoreFailure(f.kind(), f.detail() + ". The stored state cannot be trusted: delete the store "
            + "directory " + dir + " and resync from a trusted checkpoint (bootstrap from a recent finalized "
            + "block root)");
      case UNAUTHENTICATED:
        return new StoreFailure(f.kind(), f.detail() + ". It was not written with this store key: someone else"
            + " wrote " + dir + ", or the key is wrong. Do not use it; resync from a trusted checkpoint into an empty"
            + " directory");
      case WRONG_NETWORK:
        return new StoreFailure(f.kind(), f.detail() + ". Use the store directory of " + config.name()
            + ", or delete " + dir + " and resync from a trusted checkpoint");
      case UNSUPPORTED_VERSION:
        return new StoreFailure(f.kind(), f.detail() + ". Use the Trestle version that wrote it, or delete " + dir
            + " and resync from a trusted checkpoint");
      default:
        return f;
    }
  }

  /**
   * The outcome of {@link StoreFile#load}: {@link Absent} (no store yet: bootstrap from a trusted
   * checkpoint), {@link Restored} (a client resumed from a store that passed every check) or {@link Refused}
   * (the store is unusable; never trusted).
   */
  public sealed interface LoadResult permits LoadResult.Absent, LoadResult.Restored, LoadResult.Refused {

    /**
     * No store file in the directory.
     *
     * @param highWaterSlot the anti-rollback mark left by earlier saves, if any: a new store must not be
     *     older than it
     */
    record Absent(OptionalLong highWaterSlot) implements LoadResult {
      /** Non-null field. */
      public Absent {
        Objects.requireNonNull(highWaterSlot, "highWaterSlot");
      }
    }

    /**
     * The persisted store passed every check; resume a client with {@link
     * io.trestle.lightclient.LightClient#restore(VerifiedStore, io.trestle.lightclient.spec.SignatureCheck)}.
     *
     * @param verified the checked store
     */
    record Restored(VerifiedStore verified) implements LoadResult {
      /** Non-null field. */
      public Restored {
        Objects.requireNonNull(verified, "verified");
      }
    }

    /**
     * The store was refused.
     *
     * @param failure what failed and what to do
     */
    record Refused(StoreFailure failure) implements LoadResult {
      /** Non-null field. */
      public Refused {
        Objects.requireNonNull(failure, "failure");
      }

      /** As a light-client rejection ({@code STATE_CORRUPT} or {@code CHECKPOINT_TOO_OLD}). */
      public UpdateResult.Rejected rejection() {
        return failure.toRejected();
      }
    }
  }

  /** The outcome of {@link StoreFile#save}: {@link Written} (durably replaced) or {@link Refused} (nothing changed). */
  public sealed interface SaveResult permits SaveResult.Written, SaveResult.Refused {

    /**
     * The store file was replaced atomically and flushed.
     *
     * @param finalizedSlot the finalized slot now on disk
     * @param checksum the file's SHA-256 checksum
     * @param bytes the file's size
     */
    record Written(long finalizedSlot, Hash32 checksum, int bytes) implements SaveResult {
      /** Non-null checksum. */
      public Written {
        Objects.requireNonNull(checksum, "checksum");
      }
    }

    /**
     * Nothing was written (or, for {@link StoreError#IO}, the previous file may still be in place).
     *
     * @param failure why
     */
    record Refused(StoreFailure failure) implements SaveResult {
      /** Non-null field. */
      public Refused {
        Objects.requireNonNull(failure, "failure");
      }
    }
  }

  /**
   * Why a persisted light-client store was refused (on load) or not written (on save). Every kind maps to
   * an {@link io.trestle.lightclient.spec.UpdateRejection} through {@link StoreFailure#reason()}.
   */
  public enum StoreError {
    /** The file does not start with the Trestle store magic (not a store file). */
    BAD_MAGIC,
    /** The file was written by a store format version this code does not read. */
    UNSUPPORTED_VERSION,
    /** The file belongs to another network (genesis validators root or config name differ). */
    WRONG_NETWORK,
    /** Checksum mismatch, truncation, bad lengths or malformed SSZ: the bytes are damaged. */
    CORRUPT,
    /** The bytes decode but the store breaks an invariant (committee root, header validity, slot order, fork). */
    INVARIANT_VIOLATED,
    /** The store is older than the high-water mark (load) or than the state on disk (save). */
    ROLLBACK,
    /** The stored finalized header is older than the weak-subjectivity window. */
    TOO_OLD,
    /**
     * An authenticated store ({@link StoreFile#authenticated}) whose file carries no tag, or a tag that is not
     * HMAC-SHA256 under the operator's key: the file was not written by a holder of the key.
     */
    UNAUTHENTICATED,
    /** The file system failed (permissions, disk full, I/O error). */
    IO,
    /** Another process holds the store directory's lock file (one process per store directory). */
    LOCKED
  }

  /**
   * A refused load or save: the kind and a detail naming the file, field or rule, and saying what to do.
   *
   * @param kind what failed
   * @param detail human-readable detail
   */
  public record StoreFailure(StoreError kind, String detail) {
    /** Validates non-null fields. */
    public StoreFailure {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(detail, "detail");
    }

    /**
     * The light-client rejection code: {@link UpdateRejection#CHECKPOINT_TOO_OLD} for {@link StoreError#TOO_OLD},
     * {@link UpdateRejection#STATE_CORRUPT} for every other kind (the persisted state cannot be trusted or used).
     */
    public UpdateRejection reason() {
      return kind == StoreError.TOO_OLD ? UpdateRejection.CHECKPOINT_TOO_OLD : UpdateRejection.STATE_CORRUPT;
    }

    /** As a light-client rejection; the detail is prefixed with the kind. */
    public UpdateResult.Rejected toRejected() {
      return new UpdateResult.Rejected(reason(), kind.name() + ": " + detail);
    }
  }

  /**
   * A persisted store that passed every load check of {@link StoreFile}: the SHA-256 checksum, the format
   * version, the network identity of {@link #config()}, the anti-rollback high-water mark, and the store
   * invariants (committee roots recomputed, {@code is_valid_light_client_header} for the finalized and
   * optimistic headers, finalized slot not after the optimistic slot, a fork not older than the finalized
   * slot's). Only this package creates instances, so {@link io.trestle.lightclient.LightClient#restore}
   * cannot be fed an unchecked store.
   *
   * <p>Trusted: the store contents were produced by this software from verified data (the checksum detects
   * damage, not a local attacker who rewrites the files; see {@link StoreFile}). Not re-verified: the
   * signature of the best valid update.
   */
  public static final class VerifiedStore {
    private final ChainConfig config;
    private final LightClientStore store;
    private final Hash32 checksum;

    VerifiedStore(final ChainConfig config, final LightClientStore store, final Hash32 checksum) {
      this.config = config;
      this.store = store;
      this.checksum = checksum;
    }

    /** The network configuration the store was checked against. */
    public ChainConfig config() {
      return config;
    }

    /** The restored store snapshot. */
    public LightClientStore store() {
      return store;
    }

    /** The SHA-256 checksum of the file it was read from. */
    public Hash32 checksum() {
      return checksum;
    }

    /** The finalized header's slot. */
    public long finalizedSlot() {
      return store.finalizedHeader().beacon().slot();
    }
  }

  /**
   * Weak-subjectivity policy: a checkpoint (or a stored finalized header) older than a window is refused
   * unless the operator explicitly overrides. Beyond the window, validators of the header's sync committee
   * may have exited and could sign a conflicting chain that this client cannot tell from the real one.
   *
   * <p>The default window is 14 days of slots ({@link #DEFAULT_MAX_AGE_SECONDS} / {@code SECONDS_PER_SLOT}:
   * 100800 slots = 3150 epochs on mainnet timing). This is a policy choice, deliberately well inside the
   * weak-subjectivity period the consensus specs compute for today's mainnet validator set
   * ({@code compute_weak_subjectivity_period}, whose floor is {@code MIN_VALIDATOR_WITHDRAWABILITY_DELAY} =
   * 256 epochs plus a churn-dependent term); it is not a spec constant. Configure another window with {@link
   * #ofEpochs}. Trusted: the config's genesis time and slot duration and the caller's clock.
   */
  public static final class WeakSubjectivity {
    /** Default maximum age: 14 days. */
    public static final long DEFAULT_MAX_AGE_SECONDS = 14L * 24 * 60 * 60;
    /** The command-line flag that overrides the policy (named in rejection messages). */
    public static final String OVERRIDE_FLAG = "--allow-old-checkpoint";

    private static final Logger LOG = LoggerFactory.getLogger(WeakSubjectivity.class);

    private final long maxAgeSlots;
    private final long secondsPerSlot;
    private final int slotsPerEpoch;

    private WeakSubjectivity(final long maxAgeSlots, final long secondsPerSlot, final int slotsPerEpoch) {
      this.maxAgeSlots = maxAgeSlots;
      this.secondsPerSlot = secondsPerSlot;
      this.slotsPerEpoch = slotsPerEpoch;
    }

    /** The default policy for a network: {@link #DEFAULT_MAX_AGE_SECONDS} converted to slots. */
    public static WeakSubjectivity defaults(final ChainConfig config) {
      final long sps = secondsPerSlot(config);
      return new WeakSubjectivity(DEFAULT_MAX_AGE_SECONDS / sps, sps, config.preset().slotsPerEpoch());
    }

    /** A policy with a maximum age in epochs (at least 1). */
    public static WeakSubjectivity ofEpochs(final ChainConfig config, final long maxAgeEpochs) {
      final int spe = config.preset().slotsPerEpoch();
      if (maxAgeEpochs < 1 || maxAgeEpochs > Long.MAX_VALUE / 4 / spe) {
        throw new IllegalArgumentException("max age of " + maxAgeEpochs + " epochs is out of range");
      }
      return new WeakSubjectivity(maxAgeEpochs * spe, secondsPerSlot(config), spe);
    }

    private static long secondsPerSlot(final ChainConfig config) {
      Objects.requireNonNull(config, "config");
      if (config.secondsPerSlot() <= 0) {
        throw new IllegalArgumentException(config.name() + ": SECONDS_PER_SLOT must be positive");
      }
      return config.secondsPerSlot();
    }

    /** The maximum age in slots. */
    public long maxAgeSlots() {
      return maxAgeSlots;
    }

    /** The maximum age in whole epochs (rounded down). */
    public long maxAgeEpochs() {
      return maxAgeSlots / slotsPerEpoch;
    }

    /** The wall-clock slot ({@code (now - genesis_time) / SECONDS_PER_SLOT}); 0 before genesis. */
    public static long currentSlot(final ChainConfig config, final Instant now) {
      final long elapsed = now.getEpochSecond() - config.genesisTime();
      return elapsed <= 0 ? 0 : elapsed / secondsPerSlot(config);
    }

    /**
     * Empty if a header at {@code headerSlot} is within the window at {@code currentSlot} (a header in the
     * future is not too old), or if {@code override} is set (logged as a warning); otherwise {@link
     * UpdateRejection#CHECKPOINT_TOO_OLD} with the age and what to do.
     */
    public Optional<UpdateResult.Rejected> check(final long headerSlot, final long currentSlot,
        final boolean override) {
      if (headerSlot < 0 || currentSlot < 0 || currentSlot <= headerSlot) {
        return Optional.empty();
      }
      final long age = currentSlot - headerSlot;
      if (age <= maxAgeSlots) {
        return Optional.empty();
      }
      if (override) {
        LOG.warn("accepting a checkpoint {} slots ({}) old, beyond the weak-subjectivity window of {} slots ({}), "
            + "because of {}", age, days(age), maxAgeSlots, days(maxAgeSlots), OVERRIDE_FLAG);
        return Optional.empty();
      }
      return Optional.of(new UpdateResult.Rejected(UpdateRejection.CHECKPOINT_TOO_OLD, "the header at slot "
          + headerSlot + " is " + age + " slots (" + days(age) + ") older than the current slot " + currentSlot
          + ", beyond the weak-subjectivity window of " + maxAgeSlots + " slots (" + days(maxAgeSlots)
          + "). Bootstrap from a recent finalized block root obtained from sources you trust, or pass "
          + OVERRIDE_FLAG + " if you have verified this checkpoint out of band"));
    }

    private String days(final long slots) {
      return String.format(Locale.ROOT, "%.1f days", slots * (double) secondsPerSlot / 86400.0);
    }
  }
}
