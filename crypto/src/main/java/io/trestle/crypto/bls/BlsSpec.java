package io.trestle.crypto.bls;

import io.trestle.crypto.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The consensus-spec {@code bls} functions over raw encoded bytes, as exercised by the
 * consensus-spec-tests {@code general/*&#47;bls} vectors. Each input is decoded strictly ({@link
 * BlsPublicKey#parse}, {@link BlsSignature#parse}); any malformed, invalid or {@code null} input makes a
 * verification return {@code false} and a computation return empty. No method throws.
 */
public final class BlsSpec {
  private BlsSpec() {}

  /** {@code bls.Verify}. */
  public static boolean verify(final Bytes pubkey, final Bytes message, final Bytes signature) {
    final Optional<BlsPublicKey> pk = BlsPublicKey.parse(pubkey);
    final Optional<BlsSignature> sig = BlsSignature.parse(signature);
    return pk.isPresent() && sig.isPresent() && Bls.verify(pk.get(), message, sig.get());
  }

  /** {@code bls.FastAggregateVerify}. */
  public static boolean fastAggregateVerify(final List<Bytes> pubkeys, final Bytes message,
      final Bytes signature) {
    final Optional<List<BlsPublicKey>> pks = keys(pubkeys);
    final Optional<BlsSignature> sig = BlsSignature.parse(signature);
    return pks.isPresent() && sig.isPresent() && Bls.fastAggregateVerify(pks.get(), message, sig.get());
  }

  /** Altair {@code eth_fast_aggregate_verify}. */
  public static boolean ethFastAggregateVerify(final List<Bytes> pubkeys, final Bytes message,
      final Bytes signature) {
    final Optional<List<BlsPublicKey>> pks = keys(pubkeys);
    final Optional<BlsSignature> sig = BlsSignature.parse(signature);
    return pks.isPresent() && sig.isPresent() && Bls.ethFastAggregateVerify(pks.get(), message, sig.get());
  }

  /** {@code bls.AggregateVerify}. */
  public static boolean aggregateVerify(final List<Bytes> pubkeys, final List<Bytes> messages,
      final Bytes signature) {
    final Optional<List<BlsPublicKey>> pks = keys(pubkeys);
    final Optional<BlsSignature> sig = BlsSignature.parse(signature);
    return pks.isPresent() && sig.isPresent() && Bls.aggregateVerify(pks.get(), messages, sig.get());
  }

  /** {@code bls.Aggregate}: the compressed aggregate signature; empty for an empty or invalid list. */
  public static Optional<Bytes> aggregate(final List<Bytes> signatures) {
    if (signatures == null) {
      return Optional.empty();
    }
    final List<BlsSignature> sigs = new ArrayList<>(signatures.size());
    for (final Bytes s : signatures) {
      final Optional<BlsSignature> sig = BlsSignature.parse(s);
      if (sig.isEmpty()) {
        return Optional.empty();
      }
      sigs.add(sig.get());
    }
    return Bls.aggregate(sigs).map(BlsSignature::toBytes);
  }

  /** Altair {@code eth_aggregate_pubkeys}: the compressed sum; empty for an empty or invalid list. */
  public static Optional<Bytes> ethAggregatePubkeys(final List<Bytes> pubkeys) {
    return keys(pubkeys).flatMap(Bls::aggregatePublicKeys).map(PublicKeyAggregate::toBytes);
  }

  /** {@code bls.Sign}: the compressed signature; empty for an invalid secret key. */
  public static Optional<Bytes> sign(final Bytes secretKey, final Bytes message) {
    return Bls.sign(secretKey, message).map(BlsSignature::toBytes);
  }

  /** Every key parsed and validated, or empty if any is invalid (an empty list stays empty-but-present). */
  private static Optional<List<BlsPublicKey>> keys(final List<Bytes> pubkeys) {
    if (pubkeys == null) {
      return Optional.empty();
    }
    final List<BlsPublicKey> out = new ArrayList<>(pubkeys.size());
    for (final Bytes b : pubkeys) {
      final Optional<BlsPublicKey> pk = BlsPublicKey.parse(b);
      if (pk.isEmpty()) {
        return Optional.empty();
      }
      out.add(pk.get());
    }
    return Optional.of(out);
  }
}
