package io.trestle.crypto.bls;

import io.trestle.crypto.Bytes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntPredicate;
import supranational.blst.P1;
import supranational.blst.P1_Affine;

/**
 * The G1 sum of validated {@link BlsPublicKey}s (IETF {@code AggregatePKs} without the final
 * encoding). Every operand was validated when its {@code BlsPublicKey} was made, so the sum is always in
 * the subgroup; it may be the point at infinity (the empty sum, or keys that cancel), which
 * {@link Bls#verify(PublicKeyAggregate, Bytes, BlsSignature)} rejects as IETF {@code CoreVerify} does.
 *
 * <p>Supports the sync-committee shortcut "sum of all keys minus the absent keys" through
 * {@link #minus}: subtraction adds the negation, so {@code full.minus(absent)} equals the sum of the
 * present keys.
 *
 * <p>Immutable and safe to share between threads: the internal blst point is never mutated after
 * construction (every operation works on a copy).
 */
public final class PublicKeyAggregate {
  private static final PublicKeyAggregate IDENTITY = new PublicKeyAggregate(new P1(), 0);

  private final P1 point;
  private final int count;

  private PublicKeyAggregate(final P1 owned, final int count) {
    this.point = owned;
    this.count = count;
  }

  /** The empty sum (the point at infinity). */
  public static PublicKeyAggregate identity() {
    return IDENTITY;
  }

  /** The sum of all {@code keys}; the identity for an empty list. */
  public static PublicKeyAggregate sum(final List<BlsPublicKey> keys) {
    return sum(keys, i -> true);
  }

  /** The sum of {@code keys.get(i)} for every index {@code i} where {@code include.test(i)} holds. */
  public static PublicKeyAggregate sum(final List<BlsPublicKey> keys, final IntPredicate include) {
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(include, "include");
    final P1 acc = new P1();
    int n = 0;
    final int size = keys.size();
    for (int i = 0; i < size; i++) {
      if (include.test(i)) {
        acc.add(keys.get(i).point());
        n++;
      }
    }
    return new PublicKeyAggregate(acc, n);
  }

  /** This sum plus one key. */
  public PublicKeyAggregate plus(final BlsPublicKey key) {
    Objects.requireNonNull(key, "key");
    return new PublicKeyAggregate(point.dup().add(key.point()), count + 1);
  }

  /** This sum plus another sum. */
  public PublicKeyAggregate plus(final PublicKeyAggregate other) {
    Objects.requireNonNull(other, "other");
    return new PublicKeyAggregate(point.dup().add(other.point), count + other.count);
  }

  /**
   * This sum minus another sum (adds the negation of {@code other}). Meaningful when {@code other}'s
   * keys are a sub-multiset of this sum's keys, as with "all committee keys minus the absent ones";
   * {@link #count()} is then the number of remaining keys.
   */
  public PublicKeyAggregate minus(final PublicKeyAggregate other) {
    Objects.requireNonNull(other, "other");
    final P1 negated = other.point.dup().neg();
    return new PublicKeyAggregate(point.dup().add(negated), count - other.count);
  }

  /** Number of keys added minus number of keys subtracted. */
  public int count() {
    return count;
  }

  /** True if the sum is the point at infinity. */
  public boolean isInfinity() {
    return point.is_inf();
  }

  /** The 48-byte compressed encoding of the sum ({@code 0xc0} followed by zeros for infinity). */
  public Bytes toBytes() {
    return Bytes.of(point.compress());
  }

  /** The sum as a public key, or empty if it is the point at infinity (which KeyValidate rejects). */
  public Optional<BlsPublicKey> toPublicKey() {
    return isInfinity() ? Optional.empty() : Optional.of(BlsPublicKey.ofTrustedPoint(point.to_affine()));
  }

  P1_Affine affine() {
    return point.to_affine();
  }

  /** True if both sums are the same point (the key counts are not compared). */
  public boolean samePoint(final PublicKeyAggregate other) {
    return point.is_equal(other.point);
  }

  @Override
  public String toString() {
    return "PublicKeyAggregate(" + count + " keys, " + toBytes().toHex() + ")";
  }
}
