package io.trestle.crypto.bls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.crypto.Bytes;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Adversarial and API-level checks. Keys, messages and signatures come from the consensus-spec-tests BLS
 * vectors ({@code sign_case_*}, {@code verify_valid_case_*}); rejection rules come from the IETF BLS draft
 * (KeyValidate, signature subgroup check) and the ZCash compressed encoding.
 */
class BlsTest {
  /** From sign_case_7055381f640f2c1d / verify_valid_case_d34885d766d5f705. */
  private static final Bytes SK = hex("328388aff0d4a5b7dc9205abd374e7e98f3cd9f3418edb4eafda5fb16473d216");
  private static final Bytes PK = hex("b53d21a4cfd562c469cc81514d4ce5a6b577d8403d32a394dc265dd190b47fa9f829fdd796"
      + "3afdf9"
      + "72e5e77854051f6f");
  private static final Bytes MSG0 = Bytes.of(new byte[32]);
  private static final Bytes SIG0 = hex("948a7cb99f76d616c2c564ce9bf4a519f1bea6b0a624a02276443c245854219fabb8d4ce061d25"
      + "5af5330b078d5380681751aa7053da2c98bae898edc218c75f07e24d8802a17cd1f6833b71e58f5eb5b94208b4d0bb38"
      + "48cecb075ea21be115");
  /** Other valid keys from the same vectors. */
  private static final Bytes PK_A = hex("a491d1b0ecd9bb917989f0e74f0dea0422eac4a873e5e2644f368dffb9a6e20fd6e10c1b"
      + "77654d06"
      + "7c0618f6e5a7f79a");
  private static final Bytes PK_B = hex("b301803f8b5ac4a1133581fc676dfedc60d891dd5fa99028805e5ea5b08d3491af75d070"
      + "7adab3b7"
      + "0c6a6a580217bf81");

  /** Field modulus p of BLS12-381. */
  private static final BigInteger P = new BigInteger("1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f62"
      + "41eabfffeb153ffffb9feffffffffaaab", 16);
  /** Group order r. */
  private static final BigInteger R = new BigInteger(
      "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);

  private static Bytes hex(final String h) {
    return Bytes.fromHex(h);
  }

  private static Bytes g1(final int firstByte, final int lastByte) {
    final byte[] b = new byte[48];
    b[0] = (byte) firstByte;
    b[47] = (byte) lastByte;
    return Bytes.of(b);
  }

  private static BlsError keyError(final Bytes b) {
    return assertThrows(BlsException.class, () -> BlsPublicKey.fromCompressed(b)).error();
  }

  private static BlsError sigError(final Bytes b) {
    return assertThrows(BlsException.class, () -> BlsSignature.fromCompressed(b)).error();
  }

  @Test
  void keyOnCurveButOutsideSubgroupIsRejected() {
    // x = 4: 4^3 + 4 = 68 is a square mod p (Euler's criterion), so (4, y) is on E: y^2 = x^3 + 4 ...
    assertEquals(BigInteger.ONE, BigInteger.valueOf(68).modPow(P.subtract(BigInteger.ONE).shiftRight(1), P));
    // ... but the cofactor of G1 is large and this point is not in the r-torsion subgroup.
    assertEquals(BlsError.NOT_IN_SUBGROUP, keyError(g1(0x80, 4)));
    assertEquals(Optional.empty(), BlsPublicKey.parse(g1(0x80, 4)));
  }

  @Test
  void keyEncodingRules() {
    assertEquals(BlsError.INFINITY, keyError(g1(0xc0, 0)));
    assertEquals(BlsError.INVALID_ENCODING, keyError(g1(0x00, 0)), "all zero: compression flag clear");
    assertEquals(BlsError.INVALID_ENCODING, keyError(g1(0x40, 0)), "infinity flag without compression flag");
    assertEquals(BlsError.INVALID_ENCODING, keyError(g1(0xc0, 1)), "non-canonical infinity");
    assertEquals(BlsError.INVALID_ENCODING, keyError(g1(0xe0, 0)), "infinity with the sign flag");
    final byte[] big = new byte[48];
    Arrays.fill(big, (byte) 0xff);
    big[0] = (byte) 0x9f; // x = 2^381 - 1 >= p
    assertEquals(BlsError.INVALID_ENCODING, keyError(Bytes.of(big)));
    final byte[] pk = PK.toArray();
    pk[0] &= 0x7f; // valid key with the compression flag cleared
    assertEquals(BlsError.INVALID_ENCODING, keyError(Bytes.of(pk)));
    assertEquals(BlsError.INVALID_LENGTH, keyError(Bytes.of(PK.toArray(), 0, 47)));
    assertEquals(BlsError.INVALID_LENGTH, keyError(Bytes.of(Arrays.copyOf(PK.toArray(), 49))));
    assertEquals(BlsError.INVALID_LENGTH, keyError(Bytes.EMPTY));
    assertEquals(Optional.empty(), BlsPublicKey.parse(null));
    assertEquals(PK, BlsPublicKey.parse(PK).orElseThrow().toBytes());
  }

  @Test
  void signatureEncodingRules() {
    final byte[] notInGroup = new byte[96];
    notInGroup[0] = (byte) 0x80;
    notInGroup[95] = 2;
    assertEquals(BlsError.NOT_IN_SUBGROUP, sigError(Bytes.of(notInGroup)));
    final byte[] inf = new byte[96];
    inf[0] = (byte) 0xc0;
    assertTrue(BlsSignature.parse(Bytes.of(inf)).orElseThrow().isInfinity());
    inf[95] = 1;
    assertEquals(BlsError.INVALID_ENCODING, sigError(Bytes.of(inf)));
    final byte[] s = SIG0.toArray();
    s[0] &= 0x7f;
    assertEquals(BlsError.INVALID_ENCODING, sigError(Bytes.of(s)));
    assertEquals(BlsError.INVALID_LENGTH, sigError(Bytes.of(SIG0.toArray(), 0, 95)));
    assertEquals(BlsError.INVALID_LENGTH, sigError(PK));
    assertFalse(BlsSignature.parse(SIG0).orElseThrow().isInfinity());
  }

  @Test
  void signAndKeyDerivationMatchVectors() {
    assertEquals(Optional.of(SIG0), Bls.sign(SK, MSG0).map(BlsSignature::toBytes));
    assertEquals(Optional.of(PK), Bls.publicKey(SK).map(BlsPublicKey::toBytes));
    assertTrue(Bls.verify(BlsPublicKey.parse(PK).orElseThrow(), MSG0, BlsSignature.parse(SIG0).orElseThrow()));
    assertFalse(Bls.verify(BlsPublicKey.parse(PK_A).orElseThrow(), MSG0, BlsSignature.parse(SIG0).orElseThrow()));
    assertFalse(Bls.verify(BlsPublicKey.parse(PK).orElseThrow(), hex("01"), BlsSignature.parse(SIG0).orElseThrow()));
  }

  @Test
  void secretKeyRange() {
    assertEquals(Optional.empty(), Bls.sign(Bytes.of(new byte[32]), MSG0), "zero");
    assertEquals(Optional.empty(), Bls.sign(fixed32(R), MSG0), "r");
    assertEquals(Optional.empty(), Bls.sign(fixed32(R.add(BigInteger.ONE)), MSG0), "r + 1");
    final byte[] max = new byte[32];
    Arrays.fill(max, (byte) 0xff);
    assertEquals(Optional.empty(), Bls.sign(Bytes.of(max), MSG0), "2^256 - 1");
    assertTrue(Bls.sign(fixed32(R.subtract(BigInteger.ONE)), MSG0).isPresent(), "r - 1");
    assertEquals(Optional.empty(), Bls.sign(Bytes.of(SK.toArray(), 0, 31), MSG0));
    assertEquals(Optional.empty(), Bls.sign(null, MSG0));
    assertEquals(Optional.empty(), Bls.sign(SK, null));
    assertEquals(Optional.empty(), Bls.publicKey(Bytes.of(new byte[32])));
  }

  private static Bytes fixed32(final BigInteger v) {
    final byte[] raw = v.toByteArray();
    final byte[] out = new byte[32];
    final int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return Bytes.of(out);
  }

  @Test
  void aggregateArithmetic() {
    final BlsPublicKey a = BlsPublicKey.parse(PK_A).orElseThrow();
    final BlsPublicKey b = BlsPublicKey.parse(PK_B).orElseThrow();
    final BlsPublicKey c = BlsPublicKey.parse(PK).orElseThrow();
    final PublicKeyAggregate all = PublicKeyAggregate.sum(List.of(a, b, c));
    final PublicKeyAggregate ac = PublicKeyAggregate.sum(List.of(a, b, c), i -> i != 1);
    final PublicKeyAggregate minusB = all.minus(PublicKeyAggregate.sum(List.of(b)));
    assertTrue(minusB.samePoint(ac));
    assertEquals(2, minusB.count());
    assertEquals(ac.toBytes(), minusB.toBytes());
    assertTrue(PublicKeyAggregate.identity().plus(a).plus(c).samePoint(ac));
    assertEquals(PK_A, PublicKeyAggregate.sum(List.of(a)).toBytes());
    // a - a = infinity: not a public key, and CoreVerify with it fails.
    final PublicKeyAggregate zero = PublicKeyAggregate.sum(List.of(a)).minus(PublicKeyAggregate.sum(List.of(a)));
    assertTrue(zero.isInfinity());
    assertEquals(Optional.empty(), zero.toPublicKey());
    assertEquals(g1(0xc0, 0), zero.toBytes());
    assertTrue(PublicKeyAggregate.identity().isInfinity());
    final BlsSignature inf = BlsSignature.parse(infinitySig()).orElseThrow();
    assertFalse(Bls.verify(zero, MSG0, inf));
    // the minus result is unchanged by later operations on its inputs (immutability)
    final Bytes before = all.toBytes();
    all.minus(ac);
    all.plus(a);
    assertEquals(before, all.toBytes());
  }

  private static Bytes infinitySig() {
    final byte[] inf = new byte[96];
    inf[0] = (byte) 0xc0;
    return Bytes.of(inf);
  }

  @Test
  void emptyAndDegenerateLists() {
    final BlsSignature inf = BlsSignature.parse(infinitySig()).orElseThrow();
    final BlsSignature sig0 = BlsSignature.parse(SIG0).orElseThrow();
    assertTrue(Bls.ethFastAggregateVerify(List.of(), MSG0, inf));
    assertFalse(Bls.ethFastAggregateVerify(List.of(), MSG0, sig0));
    assertFalse(Bls.fastAggregateVerify(List.of(), MSG0, inf));
    assertFalse(Bls.aggregateVerify(List.of(), List.of(), inf));
    final BlsPublicKey pk = BlsPublicKey.parse(PK).orElseThrow();
    assertFalse(Bls.aggregateVerify(List.of(pk), List.of(MSG0, MSG0), sig0), "size mismatch");
    assertTrue(Bls.aggregateVerify(List.of(pk), List.of(MSG0), sig0));
    assertTrue(Bls.fastAggregateVerify(List.of(pk), MSG0, sig0));
    assertEquals(Optional.empty(), Bls.aggregate(List.of()));
    assertEquals(Optional.empty(), Bls.aggregatePublicKeys(List.of()));
    assertEquals(Optional.of(SIG0), Bls.aggregate(List.of(sig0)).map(BlsSignature::toBytes));
  }

  @Test
  void nullsNeverThrow() {
    final List<BlsPublicKey> withNull = new ArrayList<>();
    withNull.add(null);
    final BlsSignature sig0 = BlsSignature.parse(SIG0).orElseThrow();
    assertFalse(Bls.verify((BlsPublicKey) null, MSG0, sig0));
    assertFalse(Bls.verify((PublicKeyAggregate) null, MSG0, sig0));
    assertFalse(Bls.fastAggregateVerify(withNull, MSG0, sig0));
    assertFalse(Bls.ethFastAggregateVerify(null, MSG0, sig0));
    assertFalse(Bls.aggregateVerify(withNull, List.of(MSG0), sig0));
    final List<Bytes> rawNull = new ArrayList<>();
    rawNull.add(null);
    assertFalse(BlsSpec.verify(null, null, null));
    assertFalse(BlsSpec.fastAggregateVerify(rawNull, MSG0, SIG0));
    assertFalse(BlsSpec.ethFastAggregateVerify(null, MSG0, SIG0));
    assertFalse(BlsSpec.aggregateVerify(List.of(PK), rawNull, SIG0));
    assertEquals(Optional.empty(), BlsSpec.aggregate(rawNull));
    assertEquals(Optional.empty(), BlsSpec.aggregate(null));
    assertEquals(Optional.empty(), BlsSpec.ethAggregatePubkeys(rawNull));
    assertEquals(Optional.empty(), BlsSpec.sign(null, null));
    assertFalse(BlsSpec.verify(PK, MSG0, Bytes.EMPTY));
    assertFalse(BlsSpec.verify(Bytes.EMPTY, MSG0, SIG0));
    assertTrue(BlsSpec.verify(PK, MSG0, SIG0));
  }
}
