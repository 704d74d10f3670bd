package io.trestle.proofs.rlp;

import io.trestle.crypto.Address;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Keccak256;
import io.trestle.proofs.Reason;
import io.trestle.proofs.VerificationException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A view of one validated RLP item inside a byte array (see {@link Rlp#decode(byte[])}). Accessors
 * that read a typed value enforce the schema: a list where a string is expected (and the reverse), a
 * wrong fixed size, or a non-minimal integer is a {@link VerificationException} with {@link
 * Reason#RLP_SCHEMA} or {@link Reason#RLP_NON_CANONICAL}.
 */
public final class RlpItem {
  private final byte[] buf;
  private final int offset;
  private final int payloadOffset;
  private final int payloadLength;
  private final boolean list;

  RlpItem(final byte[] buf, final int offset, final int payloadOffset, final int payloadLength, final boolean list) {
    this.buf = buf;
    this.offset = offset;
    this.payloadOffset = payloadOffset;
    this.payloadLength = payloadLength;
    this.list = list;
  }

  /** True for a list. */
  public boolean isList() {
    return list;
  }

  /** True for a string (byte array). */
  public boolean isString() {
    return !list;
  }

  /** Offset of the item's first header byte in the underlying array. */
  public int offset() {
    return offset;
  }

  /** Offset of the payload in the underlying array. */
  public int payloadOffset() {
    return payloadOffset;
  }

  /** Payload length in bytes. */
  public int payloadLength() {
    return payloadLength;
  }

  /** Offset just past the item. */
  public int end() {
    return payloadOffset + payloadLength;
  }

  /** Length of the whole encoding (header and payload). */
  public int encodedLength() {
    return end() - offset;
  }

  /** The underlying array (not a copy): for zero-copy hashing inside this library. */
  byte[] array() {
    return buf;
  }

  /** True if this is a string whose payload equals {@code other} byte for byte. */
  public boolean payloadEquals(final byte[] other) {
    return !list && Arrays.equals(buf, payloadOffset, end(), other, 0, other.length);
  }

  /** A copy of the whole encoding. */
  public byte[] encoded() {
    return Arrays.copyOfRange(buf, offset, end());
  }

  /** Keccak-256 of the whole encoding, computed in place. */
  public Hash32 keccakOfEncoding() {
    return Keccak256.hash(buf, offset, encodedLength());
  }

  /** The children of a list, validated. */
  public List<RlpItem> items() {
    requireList("list");
    final List<RlpItem> out = new ArrayList<>();
    int pos = payloadOffset;
    final int end = end();
    while (pos < end) {
      final RlpItem child = Rlp.header(buf, pos, end);
      out.add(child);
      pos = child.end();
    }
    return out;
  }

  /** The children of a list that must have exactly {@code count} items ({@code what} names it in errors). */
  public List<RlpItem> items(final int count, final String what) {
    final List<RlpItem> items = items();
    if (items.size() != count) {
      throw new VerificationException(
          Reason.RLP_SCHEMA, what + ": expected a list of " + count + " items, got " + items.size());
    }
    return items;
  }

  /**
   * Fills {@code starts} with the offsets of this list's children (at most {@code starts.length}) and
   * returns the number of children, which may exceed the array's length. Allocates nothing: the tree was
   * validated when decoded. Use with {@link #childAt} and {@link #isEmptyStringAt}.
   */
  public int childOffsets(final int[] starts) {
    requireList("list");
    int n = 0;
    int pos = payloadOffset;
    final int end = end();
    while (pos < end) {
      if (n < starts.length) {
        starts[n] = pos;
      }
      pos = Rlp.skip(buf, pos);
      n++;
    }
    return n;
  }

  /** The child starting at {@code start}, an offset from {@link #childOffsets}. */
  public RlpItem childAt(final int start) {
    if (start < payloadOffset || start >= end()) {
      throw new IllegalArgumentException("offset " + start + " is not inside this list");
    }
    return Rlp.header(buf, start, end());
  }

  /** True if the child at {@code start} (from {@link #childOffsets}) is the empty string {@code 0x80}. */
  public boolean isEmptyStringAt(final int start) {
    if (start < payloadOffset || start >= end()) {
      throw new IllegalArgumentException("offset " + start + " is not inside this list");
    }
    return buf[start] == (byte) 0x80;
  }

  /** Number of children of a list. */
  public int itemCount() {
    requireList("list");
    int n = 0;
    int pos = payloadOffset;
    final int end = end();
    while (pos < end) {
      pos = Rlp.header(buf, pos, end).end();
      n++;
    }
    return n;
  }

  /** A copy of a string's payload. */
  public byte[] bytes() {
    requireString("string");
    return Arrays.copyOfRange(buf, payloadOffset, end());
  }

  /** A string's payload as immutable {@link Bytes}. */
  public Bytes asBytes() {
    requireString("string");
    return Bytes.of(buf, payloadOffset, payloadLength);
  }

  /** True if this is the empty string {@code 0x80}. */
  public boolean isEmptyString() {
    return !list && payloadLength == 0;
  }

  /** A string of exactly {@code size} bytes. */
  public byte[] bytesOfSize(final int size, final String what) {
    requireString(what);
    if (payloadLength != size) {
      throw new VerificationException(
          Reason.RLP_SCHEMA, what + ": expected " + size + " bytes, got " + payloadLength);
    }
    return Arrays.copyOfRange(buf, payloadOffset, end());
  }

  /** A 32-byte string as a {@link Hash32}. */
  public Hash32 asHash32(final String what) {
    requireString(what);
    if (payloadLength != 32) {
      throw new VerificationException(Reason.RLP_SCHEMA, what + ": expected 32 bytes, got " + payloadLength);
    }
    return Hash32.of(buf, payloadOffset);
  }

  /** A 20-byte string as an {@link Address}. */
  public Address asAddress(final String what) {
    return Address.of(bytesOfSize(20, what));
  }

  /** A canonical unsigned integer of at most 8 bytes that fits a signed {@code long} (at most 2^63-1). */
  public long asLong(final String what) {
    requireUnsigned(what, 8);
    long v = 0;
    for (int i = 0; i < payloadLength; i++) {
      v = (v << 8) | (buf[payloadOffset + i] & 0xff);
    }
    if (v < 0) {
      throw new VerificationException(Reason.RLP_SCHEMA, what + ": integer exceeds 2^63-1");
    }
    return v;
  }

  /** A canonical unsigned integer of at most 8 bytes, returned as the raw 64 bits (uint64). */
  public long asUInt64(final String what) {
    requireUnsigned(what, 8);
    long v = 0;
    for (int i = 0; i < payloadLength; i++) {
      v = (v << 8) | (buf[payloadOffset + i] & 0xff);
    }
    return v;
  }

  /** A canonical unsigned integer of at most {@code maxBytes} bytes (32 for uint256). */
  public BigInteger asUnsigned(final String what, final int maxBytes) {
    requireUnsigned(what, maxBytes);
    if (payloadLength == 0) {
      return BigInteger.ZERO;
    }
    return new BigInteger(1, Arrays.copyOfRange(buf, payloadOffset, end()));
  }

  private void requireUnsigned(final String what, final int maxBytes) {
    requireString(what);
    if (payloadLength > maxBytes) {
      throw new VerificationException(
          Reason.RLP_SCHEMA, what + ": integer of " + payloadLength + " bytes exceeds " + maxBytes);
    }
    if (payloadLength > 0 && buf[payloadOffset] == 0) {
      throw new VerificationException(Reason.RLP_NON_CANONICAL, what + ": integer with leading zero byte");
    }
  }

  private void requireString(final String what) {
    if (list) {
      throw new VerificationException(Reason.RLP_SCHEMA, what + ": expected a string, got a list");
    }
  }

  private void requireList(final String what) {
    if (!list) {
      throw new VerificationException(Reason.RLP_SCHEMA, what + ": expected a list, got a string");
    }
  }

  /** This item, if it is a list; else fails with {@code RLP_SCHEMA} naming {@code what}. */
  public RlpItem asList(final String what) {
    requireList(what);
    return this;
  }
}
