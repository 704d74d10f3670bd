package io.trestle.lightclient.types;

import io.trestle.proofs.ssz.SszReader;
import io.trestle.proofs.ssz.SszWriter;
import io.trestle.lightclient.config.Fork;

/** Reads and writes a {@code LightClientHeader} field inside a container: inline if fixed-size, else by offset. */
final class HeaderField {
  private HeaderField() {}

  /** Reads the header inline (fixed shape) or registers its offset and returns null (variable shape). */
  static LightClientHeader readFixedOrOffset(final SszReader r, final Fork fork, final String field) {
    if (LightClientHeader.isFixedSize(fork)) {
      return LightClientHeader.decode(r.fixed(LightClientHeader.fixedSize(fork), field), fork);
    }
    r.offset(field);
    return null;
  }

  static void write(final SszWriter w, final LightClientHeader h) {
    if (LightClientHeader.isFixedSize(h.fork())) {
      w.bytes(h.encode());
    } else {
      w.variable(h.encode());
    }
  }
}
