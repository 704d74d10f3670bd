package io.trestle.lightclient.fuzz;

import java.io.IOException;

/**
 * Reads the raw snappy block format of the spec tests' {@code .ssz_snappy} files (varint length, then
 * literal and back-reference elements), for the fixed context of the Gloas fuzz targets; the testvectors
 * module has the full decoder but this module's tests cannot depend on it. Trusted input only (the staged
 * vectors), bounds-checked anyway.
 */
final class SnappyBlock {
  private SnappyBlock() {}

  static byte[] decompress(final byte[] in) throws IOException {
    int pos = 0;
    int len = 0;
    for (int shift = 0; ; shift += 7) {
      if (pos >= in.length || shift > 28) {
        throw new IOException("snappy: bad length");
      }
      final int b = in[pos++] & 0xff;
      len |= (b & 0x7f) << shift;
      if (b < 0x80) {
        break;
      }
    }
    if (len < 0 || len > (16 << 20)) {
      throw new IOException("snappy: length " + len);
    }
    final byte[] out = new byte[len];
    int op = 0;
    while (pos < in.length) {
      final int tag = in[pos++] & 0xff;
      if ((tag & 3) == 0) {
        int n = tag >>> 2;
        if (n >= 60) {
          final int extra = n - 59;
          n = 0;
          for (int i = 0; i < extra; i++) {
            n |= (in[pos++] & 0xff) << (8 * i);
          }
        }
        final int count = n + 1;
        if (count <= 0 || pos + count > in.length || op + count > out.length) {
          throw new IOException("snappy: literal overruns");
        }
        System.arraycopy(in, pos, out, op, count);
        pos += count;
        op += count;
        continue;
      }
      final int length;
      int offset;
      if ((tag & 3) == 1) {
        length = 4 + ((tag >>> 2) & 7);
        offset = ((tag >>> 5) << 8) | (in[pos++] & 0xff);
      } else {
        length = 1 + (tag >>> 2);
        final int bytes = (tag & 3) == 2 ? 2 : 4;
        offset = 0;
        for (int i = 0; i < bytes; i++) {
          offset |= (in[pos++] & 0xff) << (8 * i);
        }
      }
      if (offset <= 0 || offset > op || op + length > out.length) {
        throw new IOException("snappy: bad copy");
      }
      for (int i = 0; i < length; i++) {
        out[op + i] = out[op - offset + i];
      }
      op += length;
    }
    if (op != out.length) {
      throw new IOException("snappy: short output");
    }
    return out;
  }
}
