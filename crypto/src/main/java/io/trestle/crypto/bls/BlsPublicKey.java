package io.trestle.crypto.bls;

import io.trestle.crypto.Bytes;
import java.util.Objects;
import java.util.Optional;
import supranational.blst.P1_Affine;

/**
 * A BLS12-381 public key (a G1 point) that passed IETF {@code KeyValidate}: 48 bytes, canonical
 * compressed encoding (ZCash flags, x below the field modulus), a point on the curve, in the
 * prime-order subgroup, and not the point at infinity. An instance can only exist in that state. Being
 * a valid key says nothing about who holds the secret key or whether it was registered with a proof of
 * possession: that is trusted from wherever the key came from (for Ethereum, the validator registry).
 *
 * <p>Immutable and safe to share between threads. Equality is by the compressed bytes.
 */
public final class BlsPublicKey {
  /** Size of the compressed encoding in bytes. */
  public static final int SIZE = 48;

  private final Bytes compressed;
  private final P1_Affine point;

  private BlsPublicKey(final Bytes compressed, final P1_Affine point) {
    this.compressed = compressed;
    this.point = point;
  }

  /**
   * Decompresses and validates a public key.
   *
   * @throws BlsException with {@link BlsError#INVALID_LENGTH}, {@link BlsError#INVALID_ENCODING},
   *     {@link BlsError#NOT_IN_SUBGROUP} or {@link BlsError#INFINITY}; never any other exception for a
   *     non-null argument
   */
  public static BlsPublicKey fromCompressed(final Bytes compressed) throws BlsException {
    Objects.requireNonNull(compressed, "compressed");
    if (compressed.size() != SIZE) {
      throw new BlsException(BlsError.INVALID_LENGTH, "public key of " + compressed.size() + " bytes, expected 48");
    }
    final P1_Affine p = Points.decompressG1(compressed.toArray());
    if (p.is_inf()) {
      throw new BlsException(BlsError.INFINITY, "public key is the point at infinity");
    }
    if (!p.in_group()) {
      throw new BlsException(BlsError.NOT_IN_SUBGROUP, "public key is not in the G1 subgroup");
    }
    return new BlsPublicKey(compressed, p);
  }

  /** Like {@link #fromCompressed} but empty on any invalid input (including {@code null}). */
  public static Optional<BlsPublicKey> parse(final Bytes compressed) {
    if (compressed == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(fromCompressed(compressed));
    } catch (final BlsException e) {
      return Optional.empty();
    }
  }

  /** Wraps a point computed here (from a secret key); the caller guarantees it is valid. */
  static BlsPublicKey ofTrustedPoint(final P1_Affine point) {
    return new BlsPublicKey(Bytes.of(point.compress()), point);
  }

  /** The 48-byte compressed encoding. */
  public Bytes toBytes() {
    return compressed;
  }

  P1_Affine point() {
    return point;
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof BlsPublicKey && compressed.equals(((BlsPublicKey) o).compressed);
  }

  @Override
  public int hashCode() {
    return compressed.hashCode();
  }

  @Override
  public String toString() {
    return "BlsPublicKey(" + compressed.toHex() + ")";
  }
}
