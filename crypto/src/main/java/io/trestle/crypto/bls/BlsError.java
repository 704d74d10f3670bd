package io.trestle.crypto.bls;

/** Why a BLS input was refused. Each constant names the rule that failed. */
public enum BlsError {
  /** Wrong byte length (48 for a public key, 96 for a signature, 32 for a secret key). */
  INVALID_LENGTH,
  /**
   * Not a canonical compressed point: compression flag clear, a non-canonical infinity encoding, an
   * x coordinate not below the field modulus, or no point on the curve with that x.
   */
  INVALID_ENCODING,
  /** On the curve but not in the prime-order subgroup. */
  NOT_IN_SUBGROUP,
  /** The point at infinity where a public key is required (IETF KeyValidate). */
  INFINITY,
  /** A secret key that is zero or not below the group order r. */
  INVALID_SECRET_KEY,
  /** An empty list where at least one element is required. */
  EMPTY_INPUT
}
