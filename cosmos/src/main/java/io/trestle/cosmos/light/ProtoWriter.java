package io.trestle.cosmos.light;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A hand-written proto3 writer for the few messages whose exact bytes CometBFT hashes or signs. It
 * writes fields in the order called, omits nothing by itself (the callers implement proto3's "zero
 * fields are omitted" rule field by field, because CometBFT makes exceptions: non-nullable
 * sub-messages and the vote timestamp are always written). Not a general serializer.
 */
final class ProtoWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);

  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LEN = 2;

  void tag(final int field, final int wireType) {
    varint(((long) field << 3) | wireType);
  }

  /** Unsigned LEB128 of the 64-bit two's-complement value (negative int64 takes 10 bytes, as in proto3). */
  void varint(final long v) {
    long x = v;
    while ((x & ~0x7FL) != 0) {
      out.write((int) ((x & 0x7F) | 0x80));
      x >>>= 7;
    }
    out.write((int) x);
  }

  /** Field of wire type varint, omitted when zero. */
  ProtoWriter uint64(final int field, final long v) {
    if (v != 0) {
      tag(field, VARINT);
      varint(v);
    }
    return this;
  }

  /** Field of type sfixed64 (8 bytes little-endian), omitted when zero. */
  ProtoWriter sfixed64(final int field, final long v) {
    if (v != 0) {
      tag(field, FIXED64);
      for (int i = 0; i < 8; i++) {
        out.write((int) (v >>> (8 * i)));
      }
    }
    return this;
  }

  /** Bytes field, omitted when empty. */
  ProtoWriter bytes(final int field, final byte[] b) {
    if (b.length != 0) {
      message(field, b);
    }
    return this;
  }

  /** String field, omitted when empty. */
  ProtoWriter string(final int field, final String s) {
    return bytes(field, s.getBytes(StandardCharsets.UTF_8));
  }

  /** Embedded message or bytes, always written (even when empty). */
  ProtoWriter message(final int field, final byte[] b) {
    tag(field, LEN);
    varint(b.length);
    out.write(b, 0, b.length);
    return this;
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  /** {@code b} prefixed with its length as an unsigned varint (protoio.MarshalDelimited). */
  static byte[] lengthPrefixed(final byte[] b) {
    final ProtoWriter w = new ProtoWriter();
    w.varint(b.length);
    w.out.write(b, 0, b.length);
    return w.toByteArray();
  }
}
