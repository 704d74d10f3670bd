package io.trestle.vectors.cosmos;

import io.trestle.cosmos.light.Keys;
import io.trestle.cosmos.light.PublicKey;
import io.trestle.cosmos.light.Validator;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Sha256;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A deterministic test validator key (Ed25519 or secp256k1) derived from a name: the seed is
 * SHA-256("trestle-comet-key/" + name). For generated chains and adversarial tests only; never a real key.
 *
 * @param name the name it was derived from
 * @param secret the Ed25519 seed or secp256k1 scalar (32 bytes)
 * @param publicKey the public key
 */
public record CometKey(String name, Bytes secret, PublicKey publicKey) {
  private static final X9ECParameters SECP = CustomNamedCurves.getByName("secp256k1");

  /** An Ed25519 key named {@code name}. */
  public static CometKey ed25519(final String name) {
    final byte[] seed = seed(name);
    final byte[] pk = new byte[32];
    Ed25519.generatePublicKey(seed, 0, pk, 0);
    return new CometKey(name, Bytes.of(seed), PublicKey.ed25519(Bytes.of(pk)));
  }

  /** A secp256k1 key named {@code name}. */
  public static CometKey secp256k1(final String name) {
    final BigInteger d = new BigInteger(1, seed(name)).mod(SECP.getN().subtract(BigInteger.ONE)).add(BigInteger.ONE);
    final byte[] pk = SECP.getG().multiply(d).normalize().getEncoded(true);
    final byte[] secret = new byte[32];
    final byte[] db = d.toByteArray();
    System.arraycopy(db, Math.max(0, db.length - 32), secret, Math.max(0, 32 - db.length), Math.min(32, db.length));
    return new CometKey(name, Bytes.of(secret), new PublicKey(PublicKey.SECP256K1, Bytes.of(pk)));
  }

  private static byte[] seed(final String name) {
    return Sha256.hash(("trestle-comet-key/" + name).getBytes(StandardCharsets.UTF_8)).toArray();
  }

  /** The CometBFT address of the key. */
  public Bytes address() {
    return Keys.addressOf(publicKey);
  }

  /** A validator entry for this key. */
  public Validator validator(final long power) {
    return new Validator(address(), publicKey, power);
  }

  /** Signs {@code msg} (Ed25519, or secp256k1 ECDSA over SHA-256 with RFC 6979 nonces and low S). */
  public byte[] sign(final byte[] msg) {
    if (PublicKey.ED25519.equals(publicKey.type())) {
      final byte[] sig = new byte[64];
      Ed25519.sign(secret.toArray(), 0, msg, 0, msg.length, sig, 0);
      return sig;
    }
    final ECDSASigner s = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    final ECDomainParameters dom = new ECDomainParameters(SECP.getCurve(), SECP.getG(), SECP.getN(), SECP.getH());
    s.init(true, new ECPrivateKeyParameters(new BigInteger(1, secret.toArray()), dom));
    final BigInteger[] rs = s.generateSignature(Sha256.hash(msg).toArray());
    BigInteger sv = rs[1];
    if (sv.compareTo(SECP.getN().shiftRight(1)) > 0) {
      sv = SECP.getN().subtract(sv);
    }
    final byte[] out = new byte[64];
    put32(rs[0], out, 0);
    put32(sv, out, 32);
    return out;
  }

  private static void put32(final BigInteger v, final byte[] out, final int off) {
    final byte[] b = v.toByteArray();
    final int n = Math.min(b.length, 32);
    System.arraycopy(b, b.length - n, out, off + 32 - n, n);
  }
}
