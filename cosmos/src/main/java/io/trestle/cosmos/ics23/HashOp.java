package io.trestle.cosmos.ics23;

import java.util.Optional;

/**
 * {@code cosmos.ics23.v1.HashOp}: the hash a leaf or inner step applies. The numbers are the protobuf
 * enum values. {@link #KECCAK256} and {@link #BLAKE3} decode but are refused when applied, as the Go
 * reference implementation (cosmos/ics23 {@code go/ops.go}, {@code doHash}) refuses them: the chain's
 * own verifier is the reference, and a proof it cannot check must not pass here.
 */
public enum HashOp {
  /** No hash (only valid as a prehash). */
  NO_HASH(0),
  /** SHA-256. */
  SHA256(1),
  /** SHA-512. */
  SHA512(2),
  /** Keccak-256 (not supported by the Go reference; refused). */
  KECCAK256(3),
  /** RIPEMD-160. */
  RIPEMD160(4),
  /** RIPEMD-160(SHA-256(x)). */
  BITCOIN(5),
  /** SHA-512/256. */
  SHA512_256(6),
  /** BLAKE2b-512. */
  BLAKE2B_512(7),
  /** BLAKE2s-256. */
  BLAKE2S_256(8),
  /** BLAKE3 (not supported by the Go reference; refused). */
  BLAKE3(9);

  private final int number;

  HashOp(final int number) {
    this.number = number;
  }

  /** The protobuf enum number. */
  public int number() {
    return number;
  }

  /** The constant with protobuf number {@code n}, if defined. */
  public static Optional<HashOp> fromNumber(final long n) {
    for (final HashOp h : values()) {
      if (h.number == n) {
        return Optional.of(h);
      }
    }
    return Optional.empty();
  }
}
