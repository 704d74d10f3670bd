package io.trestle.cosmos.ics23;

import java.util.Optional;

/**
 * {@code cosmos.ics23.v1.LengthOp}: how a leaf's (pre-hashed) key and value are length-prefixed. The
 * numbers are the protobuf enum values. {@link #VAR_RLP} decodes but is refused when applied, as in the
 * Go reference ({@code doLengthOp}).
 */
public enum LengthOp {
  /** No prefix. */
  NO_PREFIX(0),
  /** Protobuf (unsigned LEB128) varint of the length. */
  VAR_PROTO(1),
  /** RLP length (unsupported by the Go reference; refused). */
  VAR_RLP(2),
  /** 4-byte big-endian length. */
  FIXED32_BIG(3),
  /** 4-byte little-endian length. */
  FIXED32_LITTLE(4),
  /** 8-byte big-endian length. */
  FIXED64_BIG(5),
  /** 8-byte little-endian length. */
  FIXED64_LITTLE(6),
  /** No prefix; the data must be exactly 32 bytes. */
  REQUIRE_32_BYTES(7),
  /** No prefix; the data must be exactly 64 bytes. */
  REQUIRE_64_BYTES(8);

  private final int number;

  LengthOp(final int number) {
    this.number = number;
  }

  /** The protobuf enum number. */
  public int number() {
    return number;
  }

  /** The constant with protobuf number {@code n}, if defined. */
  public static Optional<LengthOp> fromNumber(final long n) {
    for (final LengthOp h : values()) {
      if (h.number == n) {
        return Optional.of(h);
      }
    }
    return Optional.empty();
  }
}
