package io.trestle.cosmos.ibc;

import io.trestle.crypto.Hash32;
import io.trestle.crypto.Sha256;

/** Shared helpers of the packet commitment formulas. */
final class PacketCommitments {
  private PacketCommitments() {}

  static Hash32 sha256(final byte[] b) {
    return Sha256.hash(b);
  }

  static void putLong(final byte[] out, final int at, final long v) {
    for (int i = 0; i < 8; i++) {
      out[at + i] = (byte) (v >>> (56 - 8 * i));
    }
  }
}
