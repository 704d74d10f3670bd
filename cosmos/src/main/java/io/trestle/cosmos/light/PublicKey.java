package io.trestle.cosmos.light;

import io.trestle.crypto.Bytes;
import java.util.Objects;

/**
 * A validator's public key as parsed: its type name (the amino JSON name CometBFT's RPC prints) and its
 * raw bytes. Unknown types are representable so the verifier can reject them with {@link
 * LightRejection#UNSUPPORTED_KEY_TYPE} instead of failing to parse.
 *
 * @param type {@value #ED25519}, {@value #SECP256K1}, or anything else (unsupported)
 * @param value the key bytes (32 for Ed25519, 33 compressed for secp256k1)
 */
public record PublicKey(String type, Bytes value) {
  /** The Ed25519 type name. */
  public static final String ED25519 = "tendermint/PubKeyEd25519";
  /** The secp256k1 type name. */
  public static final String SECP256K1 = "tendermint/PubKeySecp256k1";

  /** Checks for nulls. */
  public PublicKey {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
  }

  /** An Ed25519 key. */
  public static PublicKey ed25519(final Bytes key) {
    return new PublicKey(ED25519, key);
  }
}
