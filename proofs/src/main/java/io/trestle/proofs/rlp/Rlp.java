package io.trestle.proofs.rlp;

import io.trestle.proofs.Reason;
import io.trestle.proofs.VerificationException;
import java.util.Objects;

/**
 * Strict, zero-copy RLP decoding: only canonical encodings are accepted (Yellow Paper appendix B, with
 * the canonical-form rules every Ethereum client enforces).
 *
 * <p>{@link #decode(byte[])} validates the whole item tree once, without recursion, before any value
 * is read: every length prefix is minimal, single bytes below {@code 0x80} are never wrapped, every
 * declared length fits inside its parent, nesting is bounded by {@link #MAX_DEPTH}, and the item spans
 * the input exactly (no trailing bytes). Nothing is allocated from a length prefix. Failures are {@link
 * VerificationException}s with an {@code RLP_*} {@link Reason} and the byte offset.
 *
 * <p>Decoded {@link RlpItem}s are views into the given array: the caller must not modify the array
 * while it uses them. Verifiers call this only on arrays they copied at ingress.
 */
public final class Rlp {
  /** Deepest list nesting accepted. Ethereum objects nest at most 4 deep; vectors a little deeper. */
  public static final int MAX_DEPTH = 256;

  private Rlp() {}

  /** Decodes {@code input} as exactly one canonical RLP item. */
  public static RlpItem decode(final byte[] input) {
    Objects.requireNonNull(input, "input");
    return decode(input, 0, input.length);
  }

  /** Decodes {@code input[offset .. offset+length)} as exactly one canonical RLP item. */
  public static RlpItem decode(final byte[] input, final int offset, final int length) {
    Objects.checkFromIndexSize(offset, length, input.length);
    final int end = offset + length;
    if (length == 0) {
      throw new VerificationException(Reason.RLP_EMPTY, "empty input where an RLP item is required");
    }
    final RlpItem top = header(input, offset, end);
    validateTree(input, top, end);
    if (top.end() != end) {
      throw new VerificationException(
          Reason.RLP_TRAILING_BYTES,
          (end - top.end()) + " trailing byte(s) after the item ending at offset " + (top.end() - offset));
    }
    return top;
  }

  /**
   * Parses the header of the item starting at {@code pos}, which must end at or before {@code limit}.
   * Checks canonical form and bounds; does not look inside lists.
   */
  static RlpItem header(final byte[] buf, final int pos, final int limit) {
    final long h = packedHeader(buf, pos, limit);
    return new RlpItem(buf, pos, payloadOffset(h), payloadLength(h), isList(h));
  }

  // A checked header packed in a long (no allocation while validating a tree): bit 62 = list, bits 31-61 =
  // payload offset, bits 0-30 = payload length (both below 2^31: lengths over Integer.MAX_VALUE are refused).
  private static final long LIST_BIT = 1L << 62;
  private static final long MASK31 = (1L << 31) - 1;

  private static long pack(final int payloadOffset, final int payloadLength, final boolean list) {
    return (list ? LIST_BIT : 0) | ((long) payloadOffset << 31) | payloadLength;
  }

  private static int payloadOffset(final long h) {
    return (int) ((h >>> 31) & MASK31);
  }

  private static int payloadLength(final long h) {
    return (int) (h & MASK31);
  }

  private static boolean isList(final long h) {
    return (h & LIST_BIT) != 0;
  }

  /** {@link #header} without the object: the same checks, the same exceptions. */
  private static long packedHeader(final byte[] buf, final int pos, final int limit) {
    if (pos >= limit) {
      throw new VerificationException(Reason.RLP_TRUNCATED, "item expected at offset " + pos + " but input ends");
    }
    final int b = buf[pos] & 0xff;
    if (b < 0x80) {
      return pack(pos, 1, false);
    }
    if (b <= 0xb7) {
      final int len = b - 0x80;
      checkFits(pos, 1, len, limit);
      if (len == 1 && (buf[pos + 1] & 0xff) < 0x80) {
        throw new VerificationException(
            Reason.RLP_NON_CANONICAL,
            "single byte 0x" + Integer.toHexString(buf[pos + 1] & 0xff) + " below 0x80 wrapped as a string at offset " + pos);
      }
      return pack(pos + 1, len, false);
    }
    if (b <= 0xbf) {
      final int lenOfLen = b - 0xb7;
      final int len = longLength(buf, pos, lenOfLen, limit);
      return pack(pos + 1 + lenOfLen, len, false);
    }
    if (b <= 0xf7) {
      final int len = b - 0xc0;
      checkFits(pos, 1, len, limit);
      return pack(pos + 1, len, true);
    }
    final int lenOfLen = b - 0xf7;
    final int len = longLength(buf, pos, lenOfLen, limit);
    return pack(pos + 1 + lenOfLen, len, true);
  }

  private static int longLength(final byte[] buf, final int pos, final int lenOfLen, final int limit) {
    if (lenOfLen > 4) {
      // Decided by the prefix byte alone (length >= 2^32): no need to look at the rest of the input.
      throw new VerificationException(
          Reason.RLP_TOO_LARGE, "length prefix of " + lenOfLen + " bytes at offset " + pos + " (over 4 GiB)");
    }
    if (pos + 1 + lenOfLen > limit) {
      throw new VerificationException(
          Reason.RLP_TRUNCATED, "length-of-length " + lenOfLen + " at offset " + pos + " runs past the input");
    }
    if (buf[pos + 1] == 0) {
      throw new VerificationException(Reason.RLP_NON_CANONICAL, "length with a leading zero byte at offset " + pos);
    }
    long len = 0;
    for (int i = 0; i < lenOfLen; i++) {
      len = (len << 8) | (buf[pos + 1 + i] & 0xff);
    }
    if (len <= 55) {
      throw new VerificationException(
          Reason.RLP_NON_CANONICAL, "long-form length " + len + " (<= 55) at offset " + pos);
    }
    if (len > Integer.MAX_VALUE) {
      throw new VerificationException(Reason.RLP_TOO_LARGE, "length " + len + " at offset " + pos);
    }
    checkFits(pos, 1 + lenOfLen, len, limit);
    return (int) len;
  }

  private static void checkFits(final int pos, final int headerLen, final long len, final int limit) {
    if ((long) pos + headerLen + len > limit) {
      throw new VerificationException(
          Reason.RLP_TRUNCATED,
          "item at offset " + pos + " declares " + len + " payload byte(s) but only "
              + Math.max(0, limit - pos - headerLen) + " remain in its parent");
    }
  }

  /**
   * The end offset of the (already validated) item starting at {@code pos}, computed without allocating.
   * Only for items inside a tree that {@link #decode} validated.
   */
  static int skip(final byte[] buf, final int pos) {
    final int b = buf[pos] & 0xff;
    if (b < 0x80) {
      return pos + 1;
    }
    if (b <= 0xb7) {
      return pos + 1 + b - 0x80;
    }
    if (b <= 0xbf) {
      return pos + 1 + (b - 0xb7) + readLength(buf, pos + 1, b - 0xb7);
    }
    if (b <= 0xf7) {
      return pos + 1 + b - 0xc0;
    }
    return pos + 1 + (b - 0xf7) + readLength(buf, pos + 1, b - 0xf7);
  }

  private static int readLength(final byte[] buf, final int off, final int n) {
    int len = 0;
    for (int i = 0; i < n; i++) {
      len = (len << 8) | (buf[off + i] & 0xff);
    }
    return len;
  }

  /** Walks every nested header once, iteratively, bounding depth. */
  private static void validateTree(final byte[] buf, final RlpItem top, final int end) {
    if (!top.isList()) {
      return;
    }
    int[] ends = new int[8];
    int depth = 0;
    ends[depth++] = top.end();
    int pos = top.payloadOffset();
    while (depth > 0) {
      if (pos == ends[depth - 1]) {
        depth--;
        continue;
      }
      final long item = packedHeader(buf, pos, ends[depth - 1]);
      if (isList(item)) {
        if (depth >= MAX_DEPTH) {
          throw new VerificationException(
              Reason.RLP_TOO_DEEP, "lists nested deeper than " + MAX_DEPTH + " at offset " + pos);
        }
        if (depth == ends.length) {
          ends = java.util.Arrays.copyOf(ends, Math.min(MAX_DEPTH, ends.length * 2));
        }
        ends[depth++] = payloadOffset(item) + payloadLength(item);
        pos = payloadOffset(item);
      } else {
        pos = payloadOffset(item) + payloadLength(item);
      }
    }
  }
}
