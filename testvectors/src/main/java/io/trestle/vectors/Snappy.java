package io.trestle.vectors;

import java.io.IOException;

/**
 * Decoder for the raw snappy block format (a varint uncompressed length, then literal and copy
 * elements), the compression of consensus-spec-tests {@code .ssz_snappy} files. Written from the
 * format description; bounds-checked throughout, and the declared length is capped before allocating.
 */
public final class Snappy {
  /** Largest uncompressed size accepted (spec-test objects are far smaller). */
  public static final int MAX_UNCOMPRESSED = 64 * 1024 * 1024;

  private Snappy() {}

  /** Decompresses one raw snappy block. */
  public static byte[] decompress(final byte[] in) throws IOException {
    int pos = 0;
    long len = 0;
    int shift = 0;
    while (true) {
      if (pos >= in.length) {
        throw new IOException("snappy: truncated length varint");
      }
      final int b = in[pos++] & 0xff;
      len |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        break;
      }
      shift += 7;
      if (shift > 28) {
        throw new IOException("snappy: length varint too long");
      }
    }
    if (len > MAX_UNCOMPRESSED) {
      throw new IOException("snappy: declared length " + len + " exceeds " + MAX_UNCOMPRESSED);
    }
    final byte[] out = new byte[(int) len];
    int op = 0;
    while (pos < in.length) {
      final int tag = in[pos++] & 0xff;
      final int type = tag & 3;
      if (type == 0) {
        int n = tag >>> 2;
        if (n >= 60) {
          final int extra = n - 59;
          if (pos + extra > in.length) {
            throw new IOException("snappy: truncated literal length");
          }
          n = 0;
          for (int i = 0; i < extra; i++) {
            n |= (in[pos++] & 0xff) << (8 * i);
          }
          if (n < 0) {
            throw new IOException("snappy: literal too long");
          }
        }
        final long count = (long) n + 1;
        if (pos + count > in.length || op + count > out.length) {
          throw new IOException("snappy: literal of " + count + " bytes overruns the input or output");
        }
        System.arraycopy(in, pos, out, op, (int) count);
        pos += (int) count;
        op += (int) count;
      } else {
        final int length;
        final int offset;
        if (type == 1) {
          if (pos + 1 > in.length) {
            throw new IOException("snappy: truncated copy-1");
          }
          length = 4 + ((tag >>> 2) & 7);
          offset = ((tag >>> 5) << 8) | (in[pos++] & 0xff);
        } else if (type == 2) {
          if (pos + 2 > in.length) {
            throw new IOException("snappy: truncated copy-2");
          }
          length = 1 + (tag >>> 2);
          offset = (in[pos] & 0xff) | (in[pos + 1] & 0xff) << 8;
          pos += 2;
        } else {
          if (pos + 4 > in.length) {
            throw new IOException("snappy: truncated copy-4");
          }
          length = 1 + (tag >>> 2);
          offset = (in[pos] & 0xff) | (in[pos + 1] & 0xff) << 8 | (in[pos + 2] & 0xff) << 16 | (in[pos + 3] & 0xff) << 24;
          pos += 4;
        }
        if (offset <= 0 || offset > op || op + length > out.length) {
          throw new IOException("snappy: bad copy (offset " + offset + ", length " + length + ") at output " + op);
        }
        for (int i = 0; i < length; i++) {
          out[op + i] = out[op - offset + i];
        }
        op += length;
      }
    }
    if (op != out.length) {
      throw new IOException("snappy: produced " + op + " bytes, header declared " + out.length);
    }
    return out;
  }
}
