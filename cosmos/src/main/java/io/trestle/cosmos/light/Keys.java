package io.trestle.cosmos.light;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Sha256;
import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Validator keys: address derivation and signature verification for the two key types CometBFT light
 * clients accept. Any other type is {@link LightRejection#UNSUPPORTED_KEY_TYPE}.
 *
 * <p><b>Ed25519</b> (Bouncy Castle RFC 8032): 32-byte keys, 64-byte signatures, address = first 20 bytes
 * of SHA-256(key). Bouncy Castle rejects non-canonical encodings of R and A and requires S &lt; L, and
 * checks the cofactorless equation; CometBFT (since v0.37, via curve25519-voi) verifies with ZIP-215
 * rules, which accept some non-canonical encodings and small-order components. So this verifier is
 * <em>stricter</em> than ZIP-215: a signature ZIP-215 accepts may be rejected here, which can cost
 * liveness (a commit short of signers), never safety (nothing ZIP-215 rejects is accepted). Honest
 * signers (RFC 8032 signing) never produce such signatures.
 *
 * <p><b>secp256k1</b>: 33-byte compressed keys, 64-byte {@code r || s} signatures over SHA-256 of the
 * message, low-S required (as CometBFT), address = RIPEMD-160(SHA-256(key)).
 */
public final class Keys {
  private static final X9ECParameters SECP = CustomNamedCurves.getByName("secp256k1");
  private static final ECDomainParameters DOMAIN =
      new ECDomainParameters(SECP.getCurve(), SECP.getG(), SECP.getN(), SECP.getH());
  private static final BigInteger HALF_N = SECP.getN().shiftRight(1);

  private Keys() {}

  /** True for the two supported key types. */
  public static boolean supported(final PublicKey k) {
    return (PublicKey.ED25519.equals(k.type()) && k.value().size() == 32)
        || (PublicKey.SECP256K1.equals(k.type()) && k.value().size() == 33);
  }

  /** The CometBFT address of a supported key; {@link LightException} for an unsupported one. */
  static Bytes address(final PublicKey k) {
    if (!supported(k)) {
      throw new LightException(LightRejection.UNSUPPORTED_KEY_TYPE, "key type '" + k.type() + "' of "
          + k.value().size() + " bytes");
    }
    final byte[] sha = Sha256.hash(k.value().toArray()).toArray();
    if (PublicKey.ED25519.equals(k.type())) {
      return Bytes.of(sha, 0, 20);
    }
    final RIPEMD160Digest r = new RIPEMD160Digest();
    r.update(sha, 0, sha.length);
    final byte[] out = new byte[20];
    r.doFinal(out, 0);
    return Bytes.of(out);
  }

  /** The address of a supported key (public for generators and tests). */
  public static Bytes addressOf(final PublicKey k) {
    return address(k);
  }

  /** Verifies {@code sig} over {@code msg}; false for a wrong signature, a bad length or a key not on the curve. */
  static boolean verify(final PublicKey k, final byte[] msg, final byte[] sig) {
    if (sig.length != 64) {
      return false;
    }
    if (PublicKey.ED25519.equals(k.type())) {
      final byte[] pk = k.value().toArray();
      return pk.length == 32 && Ed25519.verify(sig, 0, pk, 0, msg, 0, msg.length);
    }
    if (PublicKey.SECP256K1.equals(k.type())) {
      final BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(sig, 0, 32));
      final BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(sig, 32, 64));
      if (s.signum() == 0 || s.compareTo(HALF_N) > 0 || r.signum() == 0 || r.compareTo(SECP.getN()) >= 0) {
        return false;
      }
      final ECPoint q;
      try {
        q = SECP.getCurve().decodePoint(k.value().toArray());
      } catch (IllegalArgumentException e) {
        return false;
      }
      final ECDSASigner signer = new ECDSASigner();
      signer.init(false, new ECPublicKeyParameters(q, DOMAIN));
      return signer.verifySignature(Sha256.hash(msg).toArray(), r, s);
    }
    return false;
  }
}
