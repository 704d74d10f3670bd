package io.trestle.lightclient.bls;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.bls.Bls;
import io.trestle.crypto.bls.BlsException;
import io.trestle.crypto.bls.BlsPublicKey;
import io.trestle.crypto.bls.BlsSignature;
import io.trestle.crypto.bls.PublicKeyAggregate;
import io.trestle.lightclient.types.SyncAggregate;
import io.trestle.lightclient.types.SyncCommittee;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a sync committee's aggregate signature over a signing root: {@code FastAggregateVerify} of the
 * participating members' keys (ciphersuite {@code BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_}).
 *
 * <p>What is verified: the participation bits have exactly the committee's length (padding bits zero),
 * at least one member participates, every committee key passes IETF KeyValidate (canonical encoding, in
 * the G1 subgroup, not infinity), the signature is a canonical G2 point in the subgroup, and the pairing
 * equation holds for the sum of the participating keys. The check is stricter than the spec's {@code
 * eth_fast_aggregate_verify} in one respect: a committee with any invalid key is rejected even when that
 * member did not participate (a committee taken from a beacon state never has one). With no participants
 * the answer is false even for the infinity signature; the light-client rules require at least {@code
 * MIN_SYNC_COMMITTEE_PARTICIPANTS} before this is called anyway.
 *
 * <p>What is trusted: that {@code committee} is the committee the caller means (its Merkle proof is
 * checked elsewhere), and that {@code signingRoot} is the right domain-bound signing root. The
 * committee's {@code aggregatePubkey} field is not used. {@code committeeRoot} is only a cache key: a
 * cached entry is used only if its key list equals {@code committee.pubkeys()}, so a wrong root costs a
 * recomputation, never a wrong answer.
 *
 * <p>Performance: a committee's keys are decompressed and validated once and kept, with their full sum,
 * in a small LRU cache keyed by committee root. When more than half the members participate the
 * participant key is computed as (full sum − sum of the absent keys), otherwise as the sum of the
 * participants. Thread-safe.
 */
public final class SyncCommitteeVerifier implements io.trestle.lightclient.spec.SignatureCheck {
  /** Number of committees kept by {@link #create()}: current, next, and a little slack. */
  public static final int DEFAULT_CAPACITY = 4;

  private static final Logger LOG = LoggerFactory.getLogger(SyncCommitteeVerifier.class);

  /** Outcome category of {@link #check}. */
  public enum Status {
    /** The signature is valid for the participating keys. */
    VERIFIED,
    /** The participation bitvector's length does not match the committee, or a padding bit is set. */
    BITS_SIZE_MISMATCH,
    /** No committee member participated. */
    NO_PARTICIPANTS,
    /** A committee key failed KeyValidate. */
    INVALID_COMMITTEE_KEY,
    /** The signature bytes are not a valid compressed G2 subgroup point. */
    INVALID_SIGNATURE_ENCODING,
    /** Well-formed inputs, but the pairing check failed. */
    SIGNATURE_MISMATCH
  }

  /**
   * Result of {@link #check}.
   *
   * @param status what happened
   * @param detail human-readable detail naming the field or rule (empty for {@link Status#VERIFIED})
   */
  public record Result(Status status, String detail) {
    /** Validates fields. */
    public Result {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(detail, "detail");
    }

    /** True iff {@link Status#VERIFIED}. */
    public boolean verified() {
      return status == Status.VERIFIED;
    }
  }

  private final int capacity;
  private final Object lock = new Object();
  private final LinkedHashMap<Hash32, Prepared> cache;
  private long preparations;

  private SyncCommitteeVerifier(final int capacity) {
    this.capacity = capacity;
    this.cache = new LinkedHashMap<>(8, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(final Map.Entry<Hash32, Prepared> eldest) {
        return size() > SyncCommitteeVerifier.this.capacity;
      }
    };
  }

  /** A verifier caching {@value #DEFAULT_CAPACITY} committees. */
  public static SyncCommitteeVerifier create() {
    return new SyncCommitteeVerifier(DEFAULT_CAPACITY);
  }

  /** A verifier caching up to {@code capacity} committees ({@code 0} disables the cache). */
  public static SyncCommitteeVerifier withCapacity(final int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity " + capacity);
    }
    return new SyncCommitteeVerifier(capacity);
  }

  /** A verifier that decompresses and validates the committee's keys on every call (rotation path). */
  public static SyncCommitteeVerifier uncached() {
    return new SyncCommitteeVerifier(0);
  }

  /** True iff {@link #check} returns {@link Status#VERIFIED}. */
  @Override
  public boolean verify(final SyncCommittee committee, final Hash32 committeeRoot, final SyncAggregate aggregate,
      final Hash32 signingRoot) {
    return check(committee, committeeRoot, aggregate, signingRoot).verified();
  }

  /**
   * Verifies {@code aggregate.signature()} over {@code signingRoot} by the members of {@code committee}
   * whose bit is set in {@code aggregate.bits()}. Never throws for non-null arguments.
   */
  public Result check(final SyncCommittee committee, final Hash32 committeeRoot, final SyncAggregate aggregate,
      final Hash32 signingRoot) {
    Objects.requireNonNull(committee, "committee");
    Objects.requireNonNull(committeeRoot, "committeeRoot");
    Objects.requireNonNull(aggregate, "aggregate");
    Objects.requireNonNull(signingRoot, "signingRoot");
    final int n = committee.pubkeys().size();
    final Bytes bits = aggregate.bits();
    if (bits.size() != (n + 7) / 8) {
      return fail(Status.BITS_SIZE_MISMATCH, "sync_committee_bits: " + bits.size() + " bytes for a committee of "
          + n + " (expected " + (n + 7) / 8 + ")");
    }
    if (n % 8 != 0 && (bits.get(bits.size() - 1) & 0xff) >>> (n % 8) != 0) {
      return fail(Status.BITS_SIZE_MISMATCH, "sync_committee_bits: padding bit set beyond member " + (n - 1));
    }
    final int participants = aggregate.participantCount();
    if (participants == 0) {
      return fail(Status.NO_PARTICIPANTS, "sync_committee_bits: no participants");
    }
    final Prepared prepared = prepared(committee, committeeRoot);
    if (prepared.invalidDetail != null) {
      return fail(Status.INVALID_COMMITTEE_KEY, prepared.invalidDetail);
    }
    final Optional<BlsSignature> sig = BlsSignature.parse(aggregate.signature());
    if (sig.isEmpty()) {
      return fail(Status.INVALID_SIGNATURE_ENCODING, "sync_committee_signature: " + reason(aggregate.signature()));
    }
    final PublicKeyAggregate key;
    if (2 * participants > n) {
      key = prepared.full.minus(PublicKeyAggregate.sum(prepared.keys, i -> !aggregate.participated(i)));
    } else {
      key = PublicKeyAggregate.sum(prepared.keys, aggregate::participated);
    }
    if (!Bls.verify(key, signingRoot.toBytes(), sig.get())) {
      return fail(Status.SIGNATURE_MISMATCH, "sync_committee_signature: FastAggregateVerify failed for "
          + participants + " of " + n + " participants over signing root " + signingRoot);
    }
    return new Result(Status.VERIFIED, "");
  }

  /** Number of committees currently cached. */
  public int cachedCommittees() {
    synchronized (lock) {
      return cache.size();
    }
  }

  /** How many times a committee's keys were decompressed and validated (cache misses). */
  public long preparations() {
    synchronized (lock) {
      return preparations;
    }
  }

  private static Result fail(final Status status, final String detail) {
    return new Result(status, detail);
  }

  private static String reason(final Bytes signature) {
    try {
      BlsSignature.fromCompressed(signature);
      return "valid";
    } catch (final BlsException e) {
      return e.getMessage();
    }
  }

  private Prepared prepared(final SyncCommittee committee, final Hash32 root) {
    synchronized (lock) {
      final Prepared hit = cache.get(root);
      if (hit != null && hit.source.equals(committee.pubkeys())) {
        return hit;
      }
      preparations++;
    }
    // Decompression of a full committee takes tens of milliseconds: done outside the lock.
    final Prepared fresh = Prepared.of(committee.pubkeys());
    LOG.debug("prepared sync committee {} ({} keys, valid={})", root, committee.pubkeys().size(),
        fresh.invalidDetail == null);
    if (capacity > 0) {
      synchronized (lock) {
        cache.put(root, fresh);
      }
    }
    return fresh;
  }

  /** Decompressed, validated keys and their sum, or the reason the committee is invalid. */
  private static final class Prepared {
    final List<Bytes> source;
    final List<BlsPublicKey> keys;
    final PublicKeyAggregate full;
    final String invalidDetail;

    private Prepared(final List<Bytes> source, final List<BlsPublicKey> keys, final PublicKeyAggregate full,
        final String invalidDetail) {
      this.source = source;
      this.keys = keys;
      this.full = full;
      this.invalidDetail = invalidDetail;
    }

    /**
     * Decompresses and subgroup-checks every key (about 65 µs each, so the work is spread over the
     * common fork-join pool: it is pure computation on independent inputs), then sums them.
     */
    static Prepared of(final List<Bytes> pubkeys) {
      final int n = pubkeys.size();
      final BlsPublicKey[] keys = new BlsPublicKey[n];
      final String[] errors = new String[n];
      java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
        try {
          keys[i] = BlsPublicKey.fromCompressed(pubkeys.get(i));
        } catch (final BlsException e) {
          errors[i] = e.getMessage();
        }
      });
      for (int i = 0; i < n; i++) {
        if (errors[i] != null) {
          return new Prepared(pubkeys, List.of(), PublicKeyAggregate.identity(),
              "sync_committee.pubkeys[" + i + "]: " + errors[i]);
        }
      }
      final List<BlsPublicKey> list = List.of(keys);
      return new Prepared(pubkeys, list, PublicKeyAggregate.sum(list), null);
    }
  }
}
