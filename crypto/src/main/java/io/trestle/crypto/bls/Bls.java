package io.trestle.crypto.bls;

import io.trestle.crypto.Bytes;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import supranational.blst.BLST_ERROR;
import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.P2_Affine;
import supranational.blst.Pairing;
import supranational.blst.SecretKey;

/**
 * BLS signatures over BLS12-381 as used by Ethereum's consensus layer: the IETF BLS draft proof-of-
 * possession scheme, minimal-pubkey-size variant, ciphersuite {@value #DST} (public keys in G1,
 * signatures in G2, hash-to-curve {@code hash_to_G2} with SSWU). Backed by blst through jblst.
 *
 * <p>What is verified: the {@link BlsPublicKey} and {@link BlsSignature} arguments were validated when
 * they were made (canonical encoding, on curve, in subgroup, public keys not infinity); the methods here
 * check the pairing equation. What is trusted: that the public keys belong to who the caller thinks
 * (proof of possession is not checked here; Ethereum checks it at deposit time).
 *
 * <p>Every method is static, stateless and thread-safe. Verification methods never throw: a {@code
 * null} argument or element, mismatched list sizes or an empty key list return {@code false}. For the
 * same functions over raw encoded bytes, see {@link BlsSpec}.
 */
public final class Bls {
  /** The domain separation tag of the Ethereum proof-of-possession ciphersuite. */
  public static final String DST = "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_";

  /** Order r of the G1/G2 subgroups; secret keys are in [1, r). */
  private static final BigInteger R =
      new BigInteger("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);

  private Bls() {}

  /** IETF {@code Verify}: true iff {@code signature} is {@code pk}'s signature of {@code message}. */
  public static boolean verify(final BlsPublicKey pk, final Bytes message, final BlsSignature signature) {
    if (pk == null || message == null || signature == null) {
      return false;
    }
    return coreVerify(pk.point(), message, signature.point());
  }

  /**
   * {@code CoreVerify} against an aggregate key. False if the aggregate is the point at infinity (IETF
   * {@code CoreVerify} runs KeyValidate on the key, which rejects infinity).
   */
  public static boolean verify(final PublicKeyAggregate aggregate, final Bytes message,
      final BlsSignature signature) {
    if (aggregate == null || message == null || signature == null || aggregate.isInfinity()) {
      return false;
    }
    return coreVerify(aggregate.affine(), message, signature.point());
  }

  /**
   * IETF {@code FastAggregateVerify}: every key signed the same {@code message} and {@code signature}
   * is the aggregate. False for an empty key list.
   */
  public static boolean fastAggregateVerify(final List<BlsPublicKey> pks, final Bytes message,
      final BlsSignature signature) {
    if (pks == null || pks.isEmpty() || message == null || signature == null || hasNull(pks)) {
      return false;
    }
    return verify(PublicKeyAggregate.sum(pks), message, signature);
  }

  /**
   * Altair {@code eth_fast_aggregate_verify}: as {@link #fastAggregateVerify}, except that an empty key
   * list with the point-at-infinity signature is true.
   */
  public static boolean ethFastAggregateVerify(final List<BlsPublicKey> pks, final Bytes message,
      final BlsSignature signature) {
    if (pks != null && pks.isEmpty() && signature != null && signature.isInfinity()) {
      return true;
    }
    return fastAggregateVerify(pks, message, signature);
  }

  /**
   * IETF {@code AggregateVerify} (proof-of-possession scheme, so messages need not be distinct): key i
   * signed message i and {@code signature} is the aggregate. False for empty or mismatched lists.
   */
  public static boolean aggregateVerify(final List<BlsPublicKey> pks, final List<Bytes> messages,
      final BlsSignature signature) {
    if (pks == null || messages == null || signature == null || pks.isEmpty() || pks.size() != messages.size()
        || hasNull(pks) || hasNull(messages)) {
      return false;
    }
    final Pairing pairing = new Pairing(true, DST);
    for (int i = 0; i < pks.size(); i++) {
      final P2_Affine sig = i == 0 ? signature.point() : null;
      if (pairing.aggregate(pks.get(i).point(), sig, messages.get(i).toArray()) != BLST_ERROR.BLST_SUCCESS) {
        return false;
      }
    }
    pairing.commit();
    return pairing.finalverify();
  }

  /** IETF {@code Aggregate}: the sum of the signatures; empty for an empty list. */
  public static Optional<BlsSignature> aggregate(final List<BlsSignature> signatures) {
    if (signatures == null || signatures.isEmpty() || hasNull(signatures)) {
      return Optional.empty();
    }
    final P2 acc = new P2();
    for (final BlsSignature s : signatures) {
      acc.add(s.point());
    }
    return Optional.of(BlsSignature.ofTrustedPoint(acc.to_affine()));
  }

  /**
   * Altair {@code eth_aggregate_pubkeys}: the sum of the keys; empty for an empty list. The keys are
   * already validated ({@code BlsPublicKey}). The sum may be the point at infinity.
   */
  public static Optional<PublicKeyAggregate> aggregatePublicKeys(final List<BlsPublicKey> pks) {
    if (pks == null || pks.isEmpty() || hasNull(pks)) {
      return Optional.empty();
    }
    return Optional.of(PublicKeyAggregate.sum(pks));
  }

  /**
   * IETF {@code Sign} with a 32-byte big-endian secret key. Empty if the key is not 32 bytes or not in
   * [1, r). The secret key bytes are not retained.
   */
  public static Optional<BlsSignature> sign(final Bytes secretKey, final Bytes message) {
    final Optional<SecretKey> sk = secretKey(secretKey);
    if (sk.isEmpty() || message == null) {
      return Optional.empty();
    }
    final P2 sig = new P2().hash_to(message.toArray(), DST).sign_with(sk.get());
    return Optional.of(BlsSignature.ofTrustedPoint(sig.to_affine()));
  }

  /** IETF {@code SkToPk}: the public key of a 32-byte big-endian secret key in [1, r); else empty. */
  public static Optional<BlsPublicKey> publicKey(final Bytes secretKey) {
    return secretKey(secretKey).map(sk -> BlsPublicKey.ofTrustedPoint(new P1(sk).to_affine()));
  }

  private static Optional<SecretKey> secretKey(final Bytes bytes) {
    if (bytes == null || bytes.size() != 32) {
      return Optional.empty();
    }
    final byte[] b = bytes.toArray();
    final BigInteger v = new BigInteger(1, b);
    if (v.signum() == 0 || v.compareTo(R) >= 0) {
      return Optional.empty();
    }
    final SecretKey sk = new SecretKey();
    sk.from_bendian(b);
    Arrays.fill(b, (byte) 0);
    return Optional.of(sk);
  }

  /** Null-safe scan ({@code List.of(..).contains(null)} throws). */
  private static boolean hasNull(final List<?> list) {
    for (final Object o : list) {
      if (o == null) {
        return true;
      }
    }
    return false;
  }

  /** The negated G1 generator (read only, never mutated). */
  private static final P1_Affine NEG_G1 = P1.generator().neg().to_affine();

  /**
   * IETF {@code CoreVerify} on points that were validated when they were made: a {@link BlsPublicKey} or
   * {@link BlsSignature} is on the curve and in its subgroup (checked once, at decompression), and a sum of
   * validated keys is in G1 by closure. So this checks the pairing equation e(pk, H(m)) · e(−g1, sig) = 1
   * directly (two Miller loops into one context, one final exponentiation, as blst does) instead of
   * through jblst's {@code core_verify}, which repeats a G2 subgroup check of the signature and a G1 check
   * of the key on every call (together about a tenth of a FastAggregateVerify; measured in
   * {@code SyncUpdateBenchmark}, see README.md "BLS at native speed"). Callers never pass a key at infinity
   * (keys are validated; an aggregate at infinity is refused before this).
   */
  private static boolean coreVerify(final P1_Affine pk, final Bytes message,
      final P2_Affine signature) {
    final P2_Affine h = new P2().hash_to(message.toArray(), DST).to_affine();
    final Pairing ctx = new Pairing(true, DST);
    ctx.raw_aggregate(h, pk);
    ctx.raw_aggregate(signature, NEG_G1);
    ctx.commit();
    return ctx.finalverify();
  }
}
