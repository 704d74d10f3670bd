package io.trestle.testkit.devnet;

import java.math.BigInteger;

/** JSON-RPC value formatting: {@code QUANTITY} as minimal {@code 0x} hex. */
final class RpcFormat {
  private RpcFormat() {}

  static String quantity(final long v) {
    return "0x" + Long.toHexString(v);
  }

  static String quantity(final BigInteger v) {
    return "0x" + v.toString(16);
  }
}
