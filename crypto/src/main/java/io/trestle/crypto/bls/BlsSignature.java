package io.trestle.crypto.bls;

import io.trestle.crypto.Bytes;
import java.util.Objects;
import java.util.Optional;
import supranational.blst.P2_Affine;

/**
 * A BLS12-381 signature (a G2 point) that passed strict deserialization: 96 bytes, canonical compressed
 * encoding, on the curve and in the prime-order subgroup. The point at infinity ({@code 0xc0} followed
 * by zeros) is a valid signature encoding here; it only verifies in {@link Bls#ethFastAggregateVerify}
 * with no keys. Being well-formed says nothing about what was signed: see {@link Bls}.
 *
 * <p>Immutable and safe to share between threads. Equality is by the compressed bytes.
 */
public final class BlsSignature {
  /** Size of the compressed encoding in bytes. */
  public static final int SIZE = 96;

  private final Bytes compressed;
  private final P2_Affine point;

  private BlsSignature(final Bytes compressed, final P2_Affine point) {
    this.compressed = compressed;
    this.point = point;
  }

  /**
   * Decompresses and subgroup-checks a signature.
   *
   * @throws BlsException with {@link BlsError#INVALID_LENGTH}, {@link BlsError#INVALID_ENCODING} or
   *     {@link BlsError#NOT_IN_SUBGROUP}; never any other exception for a non-null argument
   */
  public static BlsSignature fromCompressed(final Bytes compressed) throws BlsException {
    Objects.requireNonNull(compressed, "compressed");
    if (compressed.size() != SIZE) {
      throw new BlsException(BlsError.INVALID_LENGTH, "signature of " + compressed.size() + " bytes, expected 96");
    }
    final P2_Affine p = Points.decompressG2(compressed.toArray());
    if (!p.in_group()) {
      throw new BlsException(BlsError.NOT_IN_SUBGROUP, "signature is not in the G2 subgroup");
    }
    return new BlsSignature(compressed, p);
  }

  /** Like {@link #fromCompressed} but empty on any invalid input (including {@code null}). */
  public static Optional<BlsSignature> parse(final Bytes compressed) {
    if (compressed == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(fromCompressed(compressed));
    } catch (final BlsException e) {
      return Optional.empty();
    }
  }

  /** Wraps a point computed here (signing, aggregation of valid signatures). */
  static BlsSignature ofTrustedPoint(final P2_Affine point) {
    return new BlsSignature(Bytes.of(point.compress()), point);
  }

  /** True for the point at infinity. */
  public boolean isInfinity() {
    return point.is_inf();
  }

  /** The 96-byte compressed encoding. */
  public Bytes toBytes() {
    return compressed;
  }

  P2_Affine point() {
    return point;
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof BlsSignature && compressed.equals(((BlsSignature) o).compressed);
  }

  @Override
  public int hashCode() {
    return compressed.hashCode();
  }

  @Override
  public String toString() {
    return "BlsSignature(" + compressed.toHex() + ")";
  }
}
