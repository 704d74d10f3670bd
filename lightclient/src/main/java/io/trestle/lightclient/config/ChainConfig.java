package io.trestle.lightclient.config;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Hex;
import io.trestle.crypto.Sha256;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A network's consensus parameters as data: preset, genesis validators root, genesis time, and the
 * fork schedule (version and activation epoch per fork). Domains and fork digests are computed from
 * this data; nothing else in the light client branches on fork epochs. Immutable and thread-safe.
 *
 * <p>Trust: a {@code ChainConfig} is configuration the operator vouches for. A wrong genesis validators
 * root or fork version makes every signature check fail (it cannot make a forged one pass).
 */
public final class ChainConfig {
  /** {@code FAR_FUTURE_EPOCH}: a fork not scheduled. */
  public static final long FAR_FUTURE_EPOCH = -1L; // 2^64-1 as raw bits

  /** {@code DOMAIN_SYNC_COMMITTEE}. */
  public static final Bytes DOMAIN_SYNC_COMMITTEE = Bytes.fromHex("0x07000000");

  /** One scheduled fork. */
  public record ForkEntry(Fork fork, Bytes version, long epoch) {
    /** Validates the version length. */
    public ForkEntry {
      Objects.requireNonNull(fork, "fork");
      if (version.size() != 4) {
        throw new IllegalArgumentException("fork version must be 4 bytes");
      }
    }
  }

  private final String name;
  private final Preset preset;
  private final Hash32 genesisValidatorsRoot;
  private final long genesisTime;
  private final long secondsPerSlot;
  private final OptionalLong depositChainId;
  private final Map<Fork, ForkEntry> forks;
  private final long unsupportedForkEpoch; // first epoch of a scheduled fork this code does not know
  private final String unsupportedForkName; // its name as config.yaml spells it (upper case)
  private final int maxBlobsPerBlockElectra;
  private final List<BlobParameters> blobSchedule; // ascending by epoch

  /**
   * One entry of {@code BLOB_SCHEDULE} (EIP-7892), which from Fulu on also enters the fork digest.
   *
   * @param epoch activation epoch
   * @param maxBlobsPerBlock the limit from that epoch on
   */
  public record BlobParameters(long epoch, long maxBlobsPerBlock) {}

  /** {@code MAX_BLOBS_PER_BLOCK_ELECTRA} when a config does not say. */
  public static final int DEFAULT_MAX_BLOBS_PER_BLOCK_ELECTRA = 9;

  private ChainConfig(final String name, final Preset preset, final Hash32 gvr, final long genesisTime,
      final long secondsPerSlot, final OptionalLong depositChainId, final Map<Fork, ForkEntry> forks,
      final long unsupportedForkEpoch, final String unsupportedForkName, final int maxBlobsPerBlockElectra,
      final List<BlobParameters> blobSchedule) {
    this.name = name;
    this.unsupportedForkName = Objects.requireNonNull(unsupportedForkName, "unsupportedForkName");
    this.preset = preset;
    this.genesisValidatorsRoot = gvr;
    this.genesisTime = genesisTime;
    this.secondsPerSlot = secondsPerSlot;
    this.depositChainId = depositChainId;
    this.forks = Collections.unmodifiableMap(new EnumMap<>(forks));
    this.unsupportedForkEpoch = unsupportedForkEpoch;
    this.maxBlobsPerBlockElectra = maxBlobsPerBlockElectra;
    final List<BlobParameters> sorted = new ArrayList<>(blobSchedule);
    sorted.sort((a, b) -> Long.compareUnsigned(a.epoch(), b.epoch()));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).epoch() == sorted.get(i - 1).epoch()) {
        throw new IllegalArgumentException(name + ": two BLOB_SCHEDULE entries for epoch " + sorted.get(i).epoch());
      }
    }
    this.blobSchedule = List.copyOf(sorted);
  }

  /** Builds a config; the fork schedule must start with PHASE0 at epoch 0 and be non-decreasing. */
  public static ChainConfig of(final String name, final Preset preset, final Hash32 genesisValidatorsRoot,
      final long genesisTime, final long secondsPerSlot, final OptionalLong depositChainId,
      final List<ForkEntry> schedule, final long unsupportedForkEpoch) {
    return of(name, preset, genesisValidatorsRoot, genesisTime, secondsPerSlot, depositChainId, schedule,
        unsupportedForkEpoch, DEFAULT_MAX_BLOBS_PER_BLOCK_ELECTRA, List.of());
  }

  /** As above, with {@code MAX_BLOBS_PER_BLOCK_ELECTRA} and the {@code BLOB_SCHEDULE} (Fulu fork digests). */
  public static ChainConfig of(final String name, final Preset preset, final Hash32 genesisValidatorsRoot,
      final long genesisTime, final long secondsPerSlot, final OptionalLong depositChainId,
      final List<ForkEntry> schedule, final long unsupportedForkEpoch, final int maxBlobsPerBlockElectra,
      final List<BlobParameters> blobSchedule) {
    return of(name, preset, genesisValidatorsRoot, genesisTime, secondsPerSlot, depositChainId, schedule,
        unsupportedForkEpoch, "(unnamed, after " + Fork.values()[Fork.values().length - 1].specName() + ")",
        maxBlobsPerBlockElectra, blobSchedule);
  }

  /**
   * As above, naming the first scheduled fork this version does not know ({@code unsupportedForkName} at
   * {@code unsupportedForkEpoch}; {@link #FAR_FUTURE_EPOCH} if none).
   */
  public static ChainConfig of(final String name, final Preset preset, final Hash32 genesisValidatorsRoot,
      final long genesisTime, final long secondsPerSlot, final OptionalLong depositChainId,
      final List<ForkEntry> schedule, final long unsupportedForkEpoch, final String unsupportedForkName,
      final int maxBlobsPerBlockElectra, final List<BlobParameters> blobSchedule) {
    final Map<Fork, ForkEntry> m = new EnumMap<>(Fork.class);
    for (final ForkEntry e : schedule) {
      m.put(e.fork(), e);
    }
    if (!m.containsKey(Fork.PHASE0) || m.get(Fork.PHASE0).epoch() != 0) {
      throw new IllegalArgumentException(name + ": the schedule needs PHASE0 (genesis fork version) at epoch 0");
    }
    long last = 0;
    for (final Fork f : Fork.values()) {
      final ForkEntry e = m.get(f);
      if (e == null || e.epoch() == FAR_FUTURE_EPOCH) {
        continue;
      }
      if (Long.compareUnsigned(e.epoch(), last) < 0) {
        throw new IllegalArgumentException(name + ": " + f.specName() + " activates before an earlier fork");
      }
      last = e.epoch();
    }
    return new ChainConfig(name, preset, Objects.requireNonNull(genesisValidatorsRoot), genesisTime, secondsPerSlot,
        depositChainId, m, unsupportedForkEpoch, unsupportedForkName, maxBlobsPerBlockElectra, blobSchedule);
  }

  /** Network name. */
  public String name() {
    return name;
  }

  /** The preset. */
  public Preset preset() {
    return preset;
  }

  /** The genesis validators root, part of every signing domain. */
  public Hash32 genesisValidatorsRoot() {
    return genesisValidatorsRoot;
  }

  /** Genesis time (Unix seconds). */
  public long genesisTime() {
    return genesisTime;
  }

  /** Seconds per slot. */
  public long secondsPerSlot() {
    return secondsPerSlot;
  }

  /** The execution chain id ({@code DEPOSIT_CHAIN_ID}), when known. */
  public OptionalLong depositChainId() {
    return depositChainId;
  }

  /** The scheduled forks in order (unscheduled ones omitted). */
  public List<ForkEntry> schedule() {
    final List<ForkEntry> out = new ArrayList<>();
    for (final Fork f : Fork.values()) {
      final ForkEntry e = forks.get(f);
      if (e != null && e.epoch() != FAR_FUTURE_EPOCH) {
        out.add(e);
      }
    }
    return out;
  }

  /** The epoch at which a fork activates, if scheduled. */
  public OptionalLong forkEpoch(final Fork fork) {
    final ForkEntry e = forks.get(fork);
    return e == null || e.epoch() == FAR_FUTURE_EPOCH ? OptionalLong.empty() : OptionalLong.of(e.epoch());
  }

  /** True if {@code epoch} is at or after the activation of {@code fork}. */
  public boolean isActive(final Fork fork, final long epoch) {
    final OptionalLong e = forkEpoch(fork);
    return e.isPresent() && Long.compareUnsigned(epoch, e.getAsLong()) >= 0;
  }

  /**
   * The fork active at {@code epoch}; empty if a fork this code does not support (for example Gloas) is
   * active by then.
   */
  public Optional<Fork> forkAtEpoch(final long epoch) {
    if (unsupportedForkEpoch != FAR_FUTURE_EPOCH && Long.compareUnsigned(epoch, unsupportedForkEpoch) >= 0) {
      return Optional.empty();
    }
    Fork current = Fork.PHASE0;
    for (final ForkEntry e : schedule()) {
      if (Long.compareUnsigned(epoch, e.epoch()) >= 0) {
        current = e.fork();
      }
    }
    return Optional.of(current);
  }

  /**
   * A fork this version does not know, scheduled by the network's configuration.
   *
   * @param name the fork's name as the configuration spells it ({@code FOO} of {@code FOO_FORK_EPOCH})
   * @param epoch its activation epoch
   */
  public record UnsupportedFork(String name, long epoch) {
    /** The refusal every component reports for data at or after {@link #epoch}. */
    public String message() {
      return "fork " + name + " at epoch " + Long.toUnsignedString(epoch) + " is not supported by this version";
    }
  }

  /** The first scheduled fork this version does not know, if any. */
  public Optional<UnsupportedFork> unsupportedFork() {
    return unsupportedForkEpoch == FAR_FUTURE_EPOCH ? Optional.empty()
        : Optional.of(new UnsupportedFork(unsupportedForkName, unsupportedForkEpoch));
  }

  /**
   * The refusal for data at {@code epoch} if {@link #forkAtEpoch} cannot type it ("fork X at epoch N is not
   * supported by this version"), else empty.
   */
  public Optional<String> unsupportedAt(final long epoch) {
    return unsupportedFork().filter(u -> Long.compareUnsigned(epoch, u.epoch()) >= 0).map(UnsupportedFork::message);
  }

  /**
   * Every fork digest this network uses, in order: one per scheduled fork activation and, from Fulu on, one
   * per {@code BLOB_SCHEDULE} step (the digest changes with the blob parameters). Stops before a fork this
   * version does not know.
   *
   * @param fork the fork active over the span
   * @param epoch the first epoch with this digest
   * @param digest {@code compute_fork_digest} at that epoch
   */
  public record DigestStep(Fork fork, long epoch, Bytes digest) {}

  /** Every (fork × blob-schedule) digest step (see {@link DigestStep}). */
  public List<DigestStep> digestSteps() {
    final java.util.TreeSet<Long> epochs = new java.util.TreeSet<>(Long::compareUnsigned);
    for (final ForkEntry e : schedule()) {
      epochs.add(e.epoch());
    }
    final OptionalLong fulu = forkEpoch(Fork.FULU);
    if (fulu.isPresent()) {
      for (final BlobParameters p : blobSchedule) {
        if (Long.compareUnsigned(p.epoch(), fulu.getAsLong()) >= 0) {
          epochs.add(p.epoch());
        }
      }
    }
    final List<DigestStep> out = new ArrayList<>();
    for (final long ep : epochs) {
      final Optional<Fork> f = forkAtEpoch(ep);
      final Optional<Bytes> d = forkDigestAtEpoch(ep);
      if (f.isEmpty() || d.isEmpty()) {
        break;
      }
      if (out.isEmpty() || !out.get(out.size() - 1).digest().equals(d.get())) {
        out.add(new DigestStep(f.get(), ep, d.get()));
      }
    }
    return List.copyOf(out);
  }

  /** The fork active at a slot (see {@link #forkAtEpoch}). */
  public Optional<Fork> forkAtSlot(final long slot) {
    return forkAtEpoch(preset.epochAtSlot(slot));
  }

  /** {@code compute_fork_version(epoch)}; empty past an unsupported fork. */
  public Optional<Bytes> forkVersionAtEpoch(final long epoch) {
    return forkAtEpoch(epoch).map(f -> forks.get(f).version());
  }

  /** The version of a fork, if scheduled. */
  public Optional<Bytes> forkVersion(final Fork fork) {
    return Optional.ofNullable(forks.get(fork)).map(ForkEntry::version);
  }

  /** {@code compute_fork_data_root(current_version, genesis_validators_root)}. */
  public static Hash32 forkDataRoot(final Bytes version, final Hash32 genesisValidatorsRoot) {
    final byte[] buf = new byte[64];
    version.copyTo(buf, 0);
    genesisValidatorsRoot.copyTo(buf, 32);
    return Sha256.hash(buf);
  }

  /** {@code compute_fork_digest} as defined through Electra (first 4 bytes of the fork data root). */
  public static Bytes forkDigest(final Bytes version, final Hash32 genesisValidatorsRoot) {
    return Bytes.of(forkDataRoot(version, genesisValidatorsRoot).toArray(), 0, 4);
  }

  /** {@code compute_domain(domain_type, fork_version, genesis_validators_root)}. */
  public static Hash32 computeDomain(final Bytes domainType, final Bytes version, final Hash32 genesisValidatorsRoot) {
    final byte[] d = new byte[32];
    domainType.copyTo(d, 0);
    System.arraycopy(forkDataRoot(version, genesisValidatorsRoot).toArray(), 0, d, 4, 28);
    return Hash32.of(d);
  }

  /** {@code compute_signing_root(object_root, domain)}. */
  public static Hash32 signingRoot(final Hash32 objectRoot, final Hash32 domain) {
    return Sha256.hashPair(objectRoot, domain);
  }

  /** The {@code BLOB_SCHEDULE}, ascending by epoch. */
  public List<BlobParameters> blobSchedule() {
    return blobSchedule;
  }

  /**
   * {@code get_blob_parameters(epoch)} (Fulu): the last schedule entry at or before {@code epoch}, else
   * {@code (ELECTRA_FORK_EPOCH, MAX_BLOBS_PER_BLOCK_ELECTRA)}.
   */
  public BlobParameters blobParametersAt(final long epoch) {
    for (int i = blobSchedule.size() - 1; i >= 0; i--) {
      if (Long.compareUnsigned(epoch, blobSchedule.get(i).epoch()) >= 0) {
        return blobSchedule.get(i);
      }
    }
    return new BlobParameters(forkEpoch(Fork.ELECTRA).orElse(FAR_FUTURE_EPOCH), maxBlobsPerBlockElectra);
  }

  /**
   * {@code compute_fork_digest(genesis_validators_root, epoch)} as of Fulu (EIP-7892): the fork data root of
   * the version active at {@code epoch}, and from Fulu on XORed with {@code sha256(uint64(blob_params.epoch)
   * ‖ uint64(blob_params.max_blobs_per_block))}, truncated to 4 bytes. Empty past an unsupported fork.
   */
  public Optional<Bytes> forkDigestAtEpoch(final long epoch) {
    final Optional<Bytes> version = forkVersionAtEpoch(epoch);
    if (version.isEmpty()) {
      return Optional.empty();
    }
    final byte[] base = forkDataRoot(version.get(), genesisValidatorsRoot).toArray();
    if (isActive(Fork.FULU, epoch)) {
      final BlobParameters p = blobParametersAt(epoch);
      final byte[] in = new byte[16];
      for (int i = 0; i < 8; i++) {
        in[i] = (byte) (p.epoch() >>> (8 * i));
        in[8 + i] = (byte) (p.maxBlobsPerBlock() >>> (8 * i));
      }
      final byte[] mask = Sha256.hash(in).toArray();
      for (int i = 0; i < 4; i++) {
        base[i] ^= mask[i];
      }
    }
    return Optional.of(Bytes.of(base, 0, 4));
  }

  /**
   * The fork whose data carries this digest: the digest of every scheduled fork's activation epoch and,
   * from Fulu on, of every blob-schedule change (the digest moves with the blob parameters); and, for
   * spec-test configs, the plain digest of every fork version listed, scheduled or not.
   */
  public Optional<Fork> forkOfDigest(final Bytes digest) {
    for (final ForkEntry e : schedule()) {
      if (forkDigestAtEpoch(e.epoch()).filter(digest::equals).isPresent()) {
        return forkAtEpoch(e.epoch()); // forks sharing an activation epoch: the latest one is active
      }
    }
    final OptionalLong fulu = forkEpoch(Fork.FULU);
    if (fulu.isPresent()) {
      for (final BlobParameters p : blobSchedule) {
        if (Long.compareUnsigned(p.epoch(), fulu.getAsLong()) >= 0
            && forkDigestAtEpoch(p.epoch()).filter(digest::equals).isPresent()) {
          return forkAtEpoch(p.epoch());
        }
      }
    }
    for (final ForkEntry e : forks.values()) {
      if (forkDigest(e.version(), genesisValidatorsRoot).equals(digest)) {
        return Optional.of(e.fork());
      }
    }
    return Optional.empty();
  }

  /**
   * The fork a {@code fork_version} names (spec tests' {@code store_fork_version}): the latest fork of
   * the configuration with exactly this version, scheduled or not.
   */
  public Optional<Fork> forkOfVersion(final Bytes version) {
    Fork found = null;
    for (final ForkEntry e : forks.values()) {
      if (e.version().equals(version)) {
        found = e.fork();
      }
    }
    return Optional.ofNullable(found);
  }

  /** A copy with another genesis validators root (spec tests supply it in {@code meta.yaml}). */
  public ChainConfig withGenesisValidatorsRoot(final Hash32 gvr) {
    return new ChainConfig(name, preset, gvr, genesisTime, secondsPerSlot, depositChainId, forks, unsupportedForkEpoch,
        unsupportedForkName, maxBlobsPerBlockElectra, blobSchedule);
  }

  /**
   * Parses a consensus {@code config.yaml} (flat {@code KEY: value} lines; nested blocks such as {@code
   * BLOB_SCHEDULE} are skipped). Reads {@code PRESET_BASE}, {@code CONFIG_NAME}, {@code
   * GENESIS_FORK_VERSION}, every {@code <FORK>_FORK_VERSION}/{@code _EPOCH}, {@code SECONDS_PER_SLOT},
   * {@code MIN_GENESIS_TIME} + {@code GENESIS_DELAY} and {@code DEPOSIT_CHAIN_ID}. A fork this code does
   * not know that is scheduled at a finite epoch marks every later epoch unsupported. The genesis
   * validators root is not part of config.yaml and is given separately.
   */
  public static ChainConfig fromConfigYaml(final String yaml, final Hash32 genesisValidatorsRoot) {
    java.util.Objects.requireNonNull(yaml, "yaml");
    final Map<String, String> kv = new LinkedHashMap<>();
    final List<BlobParameters> blobs = new ArrayList<>();
    readYaml(yaml, kv, blobs);
    final String presetName = kv.getOrDefault("PRESET_BASE", "mainnet");
    final Preset preset = Preset.fromName(presetName)
        .orElseThrow(() -> new IllegalArgumentException("unknown PRESET_BASE '" + presetName + "'"));
    final List<ForkEntry> schedule = new ArrayList<>();
    schedule.add(new ForkEntry(Fork.PHASE0, version(kv, "GENESIS_FORK_VERSION"), 0));
    for (final Fork f : Fork.values()) {
      if (f == Fork.PHASE0) {
        continue;
      }
      final String prefix = f.specName().toUpperCase(Locale.ROOT);
      if (kv.containsKey(prefix + "_FORK_VERSION") && kv.containsKey(prefix + "_FORK_EPOCH")) {
        schedule.add(new ForkEntry(f, version(kv, prefix + "_FORK_VERSION"), epoch(kv.get(prefix + "_FORK_EPOCH"))));
      }
    }
    long unsupported = FAR_FUTURE_EPOCH;
    String unsupportedName = "";
    for (final Map.Entry<String, String> e : kv.entrySet()) {
      if (e.getKey().endsWith("_FORK_EPOCH")) {
        final String forkName = e.getKey().substring(0, e.getKey().length() - "_FORK_EPOCH".length());
        if (Fork.fromName(forkName).isEmpty() && !"GENESIS".equals(forkName)) {
          final long ep = epoch(e.getValue());
          if (ep != FAR_FUTURE_EPOCH && (unsupported == FAR_FUTURE_EPOCH || Long.compareUnsigned(ep, unsupported) < 0)) {
            unsupported = ep;
            unsupportedName = forkName;
          }
        }
      }
    }
    final long genesisTime = kv.containsKey("MIN_GENESIS_TIME")
        ? Long.parseLong(kv.get("MIN_GENESIS_TIME")) + Long.parseLong(kv.getOrDefault("GENESIS_DELAY", "0"))
        : 0;
    final long secondsPerSlot = Long.parseLong(kv.getOrDefault("SECONDS_PER_SLOT", "12"));
    final OptionalLong chainId = kv.containsKey("DEPOSIT_CHAIN_ID")
        ? OptionalLong.of(Long.parseLong(kv.get("DEPOSIT_CHAIN_ID"))) : OptionalLong.empty();
    final int maxBlobsElectra = Integer.parseInt(
        kv.getOrDefault("MAX_BLOBS_PER_BLOCK_ELECTRA", String.valueOf(DEFAULT_MAX_BLOBS_PER_BLOCK_ELECTRA)));
    return of(kv.getOrDefault("CONFIG_NAME", "custom"), preset, genesisValidatorsRoot, genesisTime, secondsPerSlot,
        chainId, schedule, unsupported, unsupported == FAR_FUTURE_EPOCH ? "none" : unsupportedName, maxBlobsElectra,
        blobs);
  }

  private static Bytes version(final Map<String, String> kv, final String key) {
    final String v = kv.get(key);
    if (v == null) {
      throw new IllegalArgumentException("config.yaml lacks " + key);
    }
    final byte[] b = Hex.decode(v);
    if (b.length != 4) {
      throw new IllegalArgumentException(key + " must be 4 bytes");
    }
    return Bytes.of(b);
  }

  private static long epoch(final String v) {
    return Long.parseUnsignedLong(v.trim());
  }

  @Override
  public String toString() {
    return "ChainConfig[" + name + ", " + preset.name() + ", gvr=" + genesisValidatorsRoot + "]";
  }

  private static final com.fasterxml.jackson.dataformat.yaml.YAMLFactory YAML =
      com.fasterxml.jackson.dataformat.yaml.YAMLFactory.builder().build();

  /**
   * Reads a consensus {@code config.yaml} with a YAML parser: the top-level scalars as their source text (a
   * version {@code 0x01000000} stays hex, never a YAML integer), and {@code BLOB_SCHEDULE} as its list of {@code
   * {EPOCH, MAX_BLOBS_PER_BLOCK}} entries. Other nested values are skipped. Malformed YAML or a document that is
   * not a mapping is an {@link IllegalArgumentException}.
   */
  private static void readYaml(final String yaml, final Map<String, String> kv, final List<BlobParameters> blobs) {
    try (com.fasterxml.jackson.core.JsonParser p = YAML.createParser(yaml)) {
      if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("config.yaml: the document must be a mapping");
      }
      while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
        final String key = p.currentName();
        final com.fasterxml.jackson.core.JsonToken t = p.nextToken();
        if (t.isScalarValue()) {
          kv.put(key, t == com.fasterxml.jackson.core.JsonToken.VALUE_NULL ? "" : p.getText());
        } else if ("BLOB_SCHEDULE".equals(key) && t == com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
          while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
            final Map<String, String> entry = new LinkedHashMap<>();
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
              final String k = p.currentName();
              if (p.nextToken().isScalarValue()) {
                entry.put(k, p.getText());
              } else {
                p.skipChildren();
              }
            }
            if (entry.containsKey("EPOCH") && entry.containsKey("MAX_BLOBS_PER_BLOCK")) {
              blobs.add(new BlobParameters(Long.parseUnsignedLong(entry.get("EPOCH")),
                  Long.parseLong(entry.get("MAX_BLOBS_PER_BLOCK"))));
            }
          }
        } else {
          p.skipChildren();
        }
      }
    } catch (java.io.IOException e) {
      final String m = e.getMessage() == null ? e.toString() : e.getMessage().split("\n", 2)[0];
      throw new IllegalArgumentException("config.yaml is not valid YAML: " + m, e);
    }
  }

  /**
   * The preset constants the light-client protocol depends on ({@code presets/{mainnet,minimal}} of the
   * consensus specs).
   *
   * @param name preset name
   * @param syncCommitteeSize {@code SYNC_COMMITTEE_SIZE}
   * @param slotsPerEpoch {@code SLOTS_PER_EPOCH}
   * @param epochsPerSyncCommitteePeriod {@code EPOCHS_PER_SYNC_COMMITTEE_PERIOD}
   */
  public record Preset(String name, int syncCommitteeSize, int slotsPerEpoch, int epochsPerSyncCommitteePeriod) {
    /** {@code MIN_SYNC_COMMITTEE_PARTICIPANTS}, the same in both presets. */
    public static final int MIN_SYNC_COMMITTEE_PARTICIPANTS = 1;

    /** The mainnet preset. */
    public static final Preset MAINNET = new Preset("mainnet", 512, 32, 256);

    /** The minimal preset (spec tests). */
    public static final Preset MINIMAL = new Preset("minimal", 32, 8, 8);

    /** {@code UPDATE_TIMEOUT = SLOTS_PER_EPOCH * EPOCHS_PER_SYNC_COMMITTEE_PERIOD}. */
    public long updateTimeout() {
      return (long) slotsPerEpoch * epochsPerSyncCommitteePeriod;
    }

    /** {@code compute_epoch_at_slot}. */
    public long epochAtSlot(final long slot) {
      return Long.divideUnsigned(slot, slotsPerEpoch);
    }

    /** {@code compute_sync_committee_period_at_slot}. */
    public long periodAtSlot(final long slot) {
      return Long.divideUnsigned(epochAtSlot(slot), epochsPerSyncCommitteePeriod);
    }

    /** Bytes of a {@code Bitvector[SYNC_COMMITTEE_SIZE]}. */
    public int syncCommitteeBitsBytes() {
      return syncCommitteeSize / 8;
    }

    /** The preset of this name ({@code mainnet} or {@code minimal}). */
    public static java.util.Optional<Preset> fromName(final String name) {
      if ("mainnet".equalsIgnoreCase(name)) {
        return java.util.Optional.of(MAINNET);
      }
      if ("minimal".equalsIgnoreCase(name)) {
        return java.util.Optional.of(MINIMAL);
      }
      return java.util.Optional.empty();
    }
  }
}
