package io.trestle.proofs.ssz;

import io.trestle.crypto.Hash32;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A strict reader over one SSZ container's bytes: fixed-size fields in order, 4-byte offsets for
 * variable-size fields checked to be exact (the first equals the fixed part's size, offsets never
 * decrease, the last field ends at the end). Every violation is an {@link SszException} naming the
 * container and field. Not thread-safe; one reader per decode.
 */
public final class SszReader {
  private final byte[] buf;
  private final int start;
  private final int end;
  private final String container;
  private int pos;
  private final List<int[]> variable = new ArrayList<>(); // {offset value, index into variableNames}
  private final List<String> variableNames = new ArrayList<>();

  private SszReader(final byte[] buf, final int start, final int end, final String container) {
    this.buf = buf;
    this.start = start;
    this.end = end;
    this.pos = start;
    this.container = container;
  }

  /** A reader over {@code bytes} (not copied: callers pass arrays they own). */
  public static SszReader of(final byte[] bytes, final String container) {
    return new SszReader(bytes, 0, bytes.length, container);
  }

  /** A reader over a slice. */
  public static SszReader of(final byte[] bytes, final int from, final int to, final String container) {
    if (from < 0 || to > bytes.length || from > to) {
      throw new SszException(container + ": bad slice");
    }
    return new SszReader(bytes, from, to, container);
  }

  /** Total bytes of this container. */
  public int size() {
    return end - start;
  }

  /** Fails unless the container has exactly {@code size} bytes (for fixed-size containers). */
  public SszReader requireSize(final int size) {
    if (end - start != size) {
      throw new SszException(container + ": expected " + size + " bytes, got " + (end - start));
    }
    return this;
  }

  private void need(final int n, final String field) {
    if (pos + n > end) {
      throw new SszException(container + "." + field + ": needs " + n + " bytes at offset " + (pos - start)
          + " but only " + (end - pos) + " remain");
    }
  }

  /** A little-endian uint64 (as raw 64 bits). */
  public long uint64(final String field) {
    need(8, field);
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (buf[pos + i] & 0xff);
    }
    pos += 8;
    return v;
  }

  /** A fixed number of bytes. */
  public byte[] bytes(final int n, final String field) {
    need(n, field);
    final byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
    pos += n;
    return out;
  }

  /** A Bytes32. */
  public Hash32 bytes32(final String field) {
    need(32, field);
    final Hash32 h = Hash32.of(buf, pos);
    pos += 32;
    return h;
  }

  /** A vector of {@code n} Bytes32. */
  public List<Hash32> bytes32Vector(final int n, final String field) {
    final List<Hash32> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(bytes32(field + "[" + i + "]"));
    }
    return List.copyOf(out);
  }

  /** A nested fixed-size container of {@code n} bytes, as a sub-reader. */
  public SszReader fixed(final int n, final String field) {
    need(n, field);
    final SszReader r = new SszReader(buf, pos, pos + n, container + "." + field);
    pos += n;
    return r;
  }

  /** Reads the 4-byte offset of a variable-size field; its bytes are returned by {@link #variables()}. */
  public void offset(final String field) {
    need(4, field);
    final long off = (buf[pos] & 0xffL) | (buf[pos + 1] & 0xffL) << 8 | (buf[pos + 2] & 0xffL) << 16
        | (buf[pos + 3] & 0xffL) << 24;
    pos += 4;
    if (off > end - start) {
      throw new SszException(container + "." + field + ": offset " + off + " beyond the container's " + (end - start) + " bytes");
    }
    variable.add(new int[] {(int) off});
    variableNames.add(field);
  }

  /**
   * Ends the fixed part and returns the variable-size fields' byte ranges as sub-readers, in field
   * order. With no variable fields, requires the fixed part to fill the container exactly.
   */
  public List<SszReader> variables() {
    final int fixedEnd = pos - start;
    if (variable.isEmpty()) {
      if (pos != end) {
        throw new SszException(container + ": " + (end - pos) + " trailing byte(s) after the fixed part");
      }
      return List.of();
    }
    if (variable.get(0)[0] != fixedEnd) {
      throw new SszException(container + "." + variableNames.get(0) + ": first offset " + variable.get(0)[0]
          + " must equal the fixed part's size " + fixedEnd);
    }
    final List<SszReader> out = new ArrayList<>(variable.size());
    for (int i = 0; i < variable.size(); i++) {
      final int from = variable.get(i)[0];
      final int to = i + 1 < variable.size() ? variable.get(i + 1)[0] : end - start;
      if (to < from) {
        throw new SszException(container + "." + variableNames.get(i) + ": offsets decrease (" + from + " > " + to + ")");
      }
      out.add(new SszReader(buf, start + from, start + to, container + "." + variableNames.get(i)));
    }
    pos = end;
    return out;
  }

  /** All remaining bytes (for a variable-size byte list), bounded by {@code max}. */
  public byte[] rest(final int max, final String field) {
    final int n = end - pos;
    if (n > max) {
      throw new SszException(container + "." + field + ": " + n + " bytes exceed the limit " + max);
    }
    return bytes(n, field);
  }

  /** Fails if bytes remain. */
  public void requireEnd() {
    if (pos != end) {
      throw new SszException(container + ": " + (end - pos) + " trailing byte(s)");
    }
  }
}
