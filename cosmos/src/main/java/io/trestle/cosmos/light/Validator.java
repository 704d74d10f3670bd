package io.trestle.cosmos.light;

import java.util.Objects;
import io.trestle.crypto.Bytes;

/**
 * A validator as parsed (untrusted): the claimed address, the key and the voting power. The verifier
 * requires the address to be derived from the key ({@link Keys#address}).
 *
 * @param address claimed 20-byte address
 * @param pubKey public key
 * @param votingPower voting power (negative values are rejected by the verifier)
 */
public record Validator(Bytes address, PublicKey pubKey, long votingPower) {
  /** Checks for nulls. */
  public Validator {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(pubKey, "pubKey");
  }
}
