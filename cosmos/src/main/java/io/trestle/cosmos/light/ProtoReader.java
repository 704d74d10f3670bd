package io.trestle.cosmos.light;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A strict proto3 reader for decoding untrusted protobuf (IBC client messages). Stricter than protobuf
 * libraries where laxness would let two byte strings mean one message: varints must be minimal (no
 * redundant {@code 0x80} continuation bytes), a singular field may appear once, lengths are bounded by
 * the input (nothing is allocated from a length prefix before it is checked against the bytes left), groups
 * and unknown wire types are refused, and strings must be valid UTF-8. Unknown field numbers of known wire
 * types are skipped (forward compatibility). Failures are {@link LightRejection#INPUT_MALFORMED}.
 */
final class ProtoReader {
  private final byte[] buf;
  private int pos;
  private final int end;
  private final String what;
  private final Set<Integer> seen = new HashSet<>();

  ProtoReader(final byte[] buf, final String what) {
    this(buf, 0, buf.length, what);
  }

  private ProtoReader(final byte[] buf, final int from, final int to, final String what) {
    this.buf = buf;
    this.pos = from;
    this.end = to;
    this.what = what;
  }

  /** A field header: number and wire type. */
  record Field(int number, int wireType) {}

  boolean hasMore() {
    return pos < end;
  }

  /** Reads the next field header; {@code repeated} says whether this field number may repeat. */
  Field next() {
    final long tag = varint();
    final int wt = (int) (tag & 7);
    final long num = tag >>> 3;
    if (num < 1 || num > 536_870_911L) {
      throw bad("field number " + num);
    }
    if (wt != 0 && wt != 1 && wt != 2 && wt != 5) {
      throw bad("wire type " + wt + " (groups and unknown types are not accepted)");
    }
    return new Field((int) num, wt);
  }

  /** Marks a singular field as seen; a second occurrence is refused. */
  void once(final Field f) {
    if (!seen.add(f.number())) {
      throw bad("field " + f.number() + " appears twice");
    }
  }

  long varint() {
    long v = 0;
    for (int shift = 0, i = 0; i < 10; i++, shift += 7) {
      if (pos >= end) {
        throw bad("truncated varint");
      }
      final int b = buf[pos++] & 0xff;
      if (i == 9 && b > 1) {
        throw bad("varint overflows 64 bits");
      }
      v |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) {
          throw bad("non-minimal varint encoding");
        }
        return v;
      }
    }
    throw bad("varint longer than 10 bytes");
  }

  byte[] bytes() {
    final long len = varint();
    if (len < 0 || len > end - pos) {
      throw bad("length " + len + " runs past the end (" + (end - pos) + " bytes left)");
    }
    final byte[] out = new byte[(int) len];
    System.arraycopy(buf, pos, out, 0, (int) len);
    pos += (int) len;
    return out;
  }

  ProtoReader message(final String name) {
    final long len = varint();
    if (len < 0 || len > end - pos) {
      throw bad("length of " + name + " runs past the end");
    }
    final ProtoReader r = new ProtoReader(buf, pos, pos + (int) len, what + "." + name);
    pos += (int) len;
    return r;
  }

  String string() {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes())).toString();
    } catch (CharacterCodingException e) {
      throw bad("string is not UTF-8");
    }
  }

  long sfixed64() {
    if (end - pos < 8) {
      throw bad("truncated fixed64");
    }
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v |= (long) (buf[pos++] & 0xff) << (8 * i);
    }
    return v;
  }

  void skip(final Field f) {
    switch (f.wireType()) {
      case 0 -> varint();
      case 1 -> {
        if (end - pos < 8) {
          throw bad("truncated fixed64");
        }
        pos += 8;
      }
      case 2 -> bytes();
      case 5 -> {
        if (end - pos < 4) {
          throw bad("truncated fixed32");
        }
        pos += 4;
      }
      default -> throw bad("wire type " + f.wireType());
    }
  }

  void expect(final Field f, final int wireType) {
    if (f.wireType() != wireType) {
      throw bad("field " + f.number() + " has wire type " + f.wireType() + ", expected " + wireType);
    }
  }

  LightException bad(final String detail) {
    return new LightException(LightRejection.INPUT_MALFORMED, what + ": " + detail);
  }

  static <T> List<T> list() {
    return new ArrayList<>();
  }
}
