package io.trestle.cosmos.ics23;

import io.trestle.crypto.Bytes;

/**
 * A strict reader over one protobuf message (a window of an untrusted byte array). It never allocates
 * from a length prefix: a length is checked against the bytes actually present before anything is
 * copied. Besides well-formedness it enforces the canonical form every proto3 encoder of these
 * messages writes (gogoproto, prost): minimal varints, field numbers in increasing order (a repeated
 * field's elements adjacent), no explicitly encoded default scalars or empty byte strings, no unknown
 * fields. Anything else is an {@link Ics23Exception}.
 */
final class ProtoReader {
  static final int VARINT = 0;
  static final int LEN = 2;

  private final byte[] buf;
  private final int end;
  private final String where;
  private int pos;
  private int lastField;
  private int field;
  private int wire;

  ProtoReader(final byte[] buf, final int off, final int end, final String where) {
    this.buf = buf;
    this.pos = off;
    this.end = end;
    this.where = where;
  }

  /** Reads the next tag; false at the end of the message. {@code repeated} tells which fields may repeat. */
  boolean next(final java.util.function.IntPredicate repeated) {
    if (pos >= end) {
      return false;
    }
    final int tagAt = pos;
    final long tag = varint();
    final long f = tag >>> 3;
    wire = (int) (tag & 7);
    if (f == 0 || f > 0x1FFFFFFF) {
      throw new Ics23Exception(Ics23Reason.DECODE_UNKNOWN_FIELD, where + ": invalid field number " + f + " at offset " + tagAt);
    }
    field = (int) f;
    if (field < lastField || (field == lastField && !repeated.test(field))) {
      throw new Ics23Exception(field == lastField ? Ics23Reason.DECODE_DUPLICATE_FIELD : Ics23Reason.DECODE_NON_CANONICAL,
          where + ": field " + field + (field == lastField ? " occurs twice" : " after field " + lastField)
              + " at offset " + tagAt);
    }
    lastField = field;
    return true;
  }

  int field() {
    return field;
  }

  String where() {
    return where;
  }

  /** Rejects the current field as not in the schema. */
  Ics23Exception unknown() {
    return new Ics23Exception(Ics23Reason.DECODE_UNKNOWN_FIELD, where + ": unknown field " + field + " (wire type " + wire + ")");
  }

  private void expectWire(final int w, final String name) {
    if (wire != w) {
      throw new Ics23Exception(Ics23Reason.DECODE_WIRE_TYPE,
          where + "." + name + ": wire type " + wire + ", expected " + w);
    }
  }

  /** A non-zero enum value of the current field. */
  long enumValue(final String name) {
    expectWire(VARINT, name);
    final long v = varint();
    if (v == 0) {
      throw new Ics23Exception(Ics23Reason.DECODE_NON_CANONICAL, where + "." + name + ": explicitly encoded default 0");
    }
    return v;
  }

  /** A non-empty byte string of the current field. */
  Bytes bytes(final String name) {
    final int[] w = window(name);
    if (w[1] == w[0]) {
      throw new Ics23Exception(Ics23Reason.DECODE_NON_CANONICAL, where + "." + name + ": explicitly encoded empty bytes");
    }
    return Bytes.of(buf, w[0], w[1] - w[0]);
  }

  /** A reader over the embedded message of the current field (may be empty). */
  ProtoReader message(final String name) {
    final int[] w = window(name);
    return new ProtoReader(buf, w[0], w[1], where + "." + name);
  }

  private int[] window(final String name) {
    expectWire(LEN, name);
    final int at = pos;
    final long len = varint();
    // a 10-byte varint of 2^63 or more is negative as a long: refuse it like any other overlong length
    if (len < 0 || len > end - pos) {
      throw new Ics23Exception(Ics23Reason.DECODE_TRUNCATED,
          where + "." + name + ": length " + len + " at offset " + at + " exceeds the " + (end - pos) + " bytes left");
    }
    final int start = pos;
    pos += (int) len;
    return new int[] {start, pos};
  }

  /** An unsigned LEB128 varint, at most 10 bytes, minimal (no redundant trailing zero groups). */
  private long varint() {
    final int start = pos;
    long v = 0;
    for (int i = 0; i < 10; i++) {
      if (pos >= end) {
        throw new Ics23Exception(Ics23Reason.DECODE_TRUNCATED, where + ": varint at offset " + start + " runs past the end");
      }
      final int b = buf[pos++] & 0xFF;
      if (i == 9 && b > 1) {
        throw new Ics23Exception(Ics23Reason.DECODE_NON_CANONICAL, where + ": varint at offset " + start + " overflows 64 bits");
      }
      v |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) {
          throw new Ics23Exception(Ics23Reason.DECODE_NON_CANONICAL, where + ": non-minimal varint at offset " + start);
        }
        return v;
      }
    }
    throw new Ics23Exception(Ics23Reason.DECODE_NON_CANONICAL, where + ": varint at offset " + start + " longer than 10 bytes");
  }
}
