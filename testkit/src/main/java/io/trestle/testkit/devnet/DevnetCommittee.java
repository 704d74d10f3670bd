package io.trestle.testkit.devnet;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Sha256;
import io.trestle.crypto.bls.Bls;
import io.trestle.crypto.bls.BlsPublicKey;
import io.trestle.lightclient.types.SyncAggregate;
import io.trestle.lightclient.types.SyncCommittee;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * One period's devnet sync committee: deterministic secret keys (derived from the seed, the period and
 * the member index as valid scalars in [1, r)), their public keys, and a signer.
 *
 * <p>All participants sign the same signing root, so their aggregate signature equals one signature
 * with the sum of their secret keys mod r: {@code sum_i sk_i * H(m) = (sum_i sk_i) * H(m)}. This makes
 * signing a 512-member aggregate cost one signature. The equality with aggregating individual
 * signatures is checked in the tests.
 */
final class DevnetCommittee {
  /** Order r of the BLS12-381 G1/G2 subgroups. */
  static final BigInteger R =
      new BigInteger("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);

  private final long period;
  private final BigInteger[] secretKeys;
  private final SyncCommittee committee;
  private final Hash32 root;

  private DevnetCommittee(final long period, final BigInteger[] secretKeys, final SyncCommittee committee) {
    this.period = period;
    this.secretKeys = secretKeys;
    this.committee = committee;
    this.root = committee.hashTreeRoot();
  }

  /** The committee of {@code period} for {@code seed}, with {@code size} members. */
  static DevnetCommittee derive(final long seed, final long period, final int size) {
    final BigInteger[] sks = new BigInteger[size];
    final List<Bytes> pks = new ArrayList<>(size);
    BigInteger sum = BigInteger.ZERO;
    for (int i = 0; i < size; i++) {
      sks[i] = secretKey(seed, period, i);
      pks.add(publicKey(sks[i]).toBytes());
      sum = sum.add(sks[i]);
    }
    final Bytes aggregate = publicKey(sum.mod(R)).toBytes();
    return new DevnetCommittee(period, sks, new SyncCommittee(pks, aggregate));
  }

  /**
   * A secret key: 64 bytes of SHA-256 output over a domain tag, the seed, the period and the index,
   * reduced into [1, r) (the bias of reducing 512 bits mod a 255-bit r is negligible, and these keys
   * only need to be valid, not secret).
   */
  static BigInteger secretKey(final long seed, final long period, final int index) {
    final byte[] tag = "trestle-devnet/sync-committee-key".getBytes(StandardCharsets.US_ASCII);
    final ByteBuffer in = ByteBuffer.allocate(tag.length + 8 + 8 + 4 + 1);
    in.put(tag).putLong(seed).putLong(period).putInt(index);
    final byte[] a = in.array();
    a[a.length - 1] = 0;
    final byte[] h0 = Sha256.hash(a).toArray();
    a[a.length - 1] = 1;
    final byte[] h1 = Sha256.hash(a).toArray();
    final byte[] wide = new byte[64];
    System.arraycopy(h0, 0, wide, 0, 32);
    System.arraycopy(h1, 0, wide, 32, 32);
    return new BigInteger(1, wide).mod(R.subtract(BigInteger.ONE)).add(BigInteger.ONE);
  }

  /** The 32-byte big-endian encoding of a scalar in [1, r). */
  static Bytes scalarBytes(final BigInteger sk) {
    final byte[] be = sk.toByteArray();
    final byte[] out = new byte[32];
    final int n = Math.min(32, be.length);
    System.arraycopy(be, be.length - n, out, 32 - n, n);
    return Bytes.of(out);
  }

  static BlsPublicKey publicKey(final BigInteger sk) {
    return Bls.publicKey(scalarBytes(sk))
        .orElseThrow(() -> new IllegalStateException("secret key outside [1, r)"));
  }

  /** The aggregate signature of {@code message} by all {@code keys}: one signature with their sum mod r. */
  static Bytes signWithSum(final List<BigInteger> keys, final Bytes message) {
    BigInteger sum = BigInteger.ZERO;
    for (final BigInteger k : keys) {
      sum = sum.add(k);
    }
    sum = sum.mod(R);
    if (sum.signum() == 0) {
      throw new IllegalStateException("secret keys sum to zero mod r");
    }
    return Bls.sign(scalarBytes(sum), message).orElseThrow().toBytes();
  }

  /** A sync aggregate over {@code signingRoot} by the members selected by {@code participates}. */
  SyncAggregate sign(final Hash32 signingRoot, final IntPredicate participates) {
    final byte[] bits = new byte[(secretKeys.length + 7) / 8];
    final List<BigInteger> keys = new ArrayList<>(secretKeys.length);
    for (int i = 0; i < secretKeys.length; i++) {
      if (participates.test(i)) {
        bits[i >>> 3] |= (byte) (1 << (i & 7));
        keys.add(secretKeys[i]);
      }
    }
    return new SyncAggregate(Bytes.of(bits), signWithSum(keys, signingRoot.toBytes()));
  }

  /** Member {@code i}'s secret key. */
  BigInteger secretKey(final int i) {
    return secretKeys[i];
  }

  long period() {
    return period;
  }

  SyncCommittee committee() {
    return committee;
  }

  Hash32 root() {
    return root;
  }
}
