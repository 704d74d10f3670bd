package io.trestle.crypto.bls;

import supranational.blst.P1_Affine;
import supranational.blst.P2_Affine;

/** Decompression through blst with the flag checks done before the native call. */
final class Points {
  private static final int COMPRESSION_FLAG = 0x80;

  private Points() {}

  /** Decodes 48 compressed bytes; on-curve, not subgroup-checked. */
  static P1_Affine decompressG1(final byte[] b) throws BlsException {
    requireCompressed(b, "public key");
    try {
      return new P1_Affine(b);
    } catch (final RuntimeException e) {
      throw new BlsException(BlsError.INVALID_ENCODING, "public key: " + e.getMessage());
    }
  }

  /** Decodes 96 compressed bytes; on-curve, not subgroup-checked. */
  static P2_Affine decompressG2(final byte[] b) throws BlsException {
    requireCompressed(b, "signature");
    try {
      return new P2_Affine(b);
    } catch (final RuntimeException e) {
      throw new BlsException(BlsError.INVALID_ENCODING, "signature: " + e.getMessage());
    }
  }

  private static void requireCompressed(final byte[] b, final String what) throws BlsException {
    // blst reads a 96/192-byte uncompressed point when the flag is clear; only compressed form is accepted.
    if ((b[0] & COMPRESSION_FLAG) == 0) {
      throw new BlsException(BlsError.INVALID_ENCODING, what + ": compression flag (0x80) not set");
    }
  }
}
