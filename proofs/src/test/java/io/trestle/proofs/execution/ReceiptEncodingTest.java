package io.trestle.proofs.execution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trestle.crypto.Address;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.proofs.rlp.RlpWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The one-pass {@link Receipt#encode()} against the receipt composed field by field with {@link RlpWriter}'s
 * allocating helpers (the Yellow Paper layout written out independently here), on receipts covering every
 * length class: no logs, 1-byte data below and above 0x80, empty and long data, many logs, post-state roots,
 * failed status, small and large gas.
 */
class ReceiptEncodingTest {
  private static byte[] composed(final Receipt r) {
    final List<byte[]> ls = new ArrayList<>();
    for (final Log l : r.logs()) {
      final List<byte[]> ts = new ArrayList<>();
      l.topics().forEach(t -> ts.add(RlpWriter.string(t)));
      ls.add(RlpWriter.list(RlpWriter.string(l.address()), RlpWriter.list(ts), RlpWriter.string(l.data())));
    }
    final byte[] first = r.status().isPresent()
        ? RlpWriter.uint(r.status().get() ? 1 : 0) : RlpWriter.string(r.postStateRoot().orElseThrow());
    final byte[] body = RlpWriter.list(first, RlpWriter.uint(r.cumulativeGasUsed()), RlpWriter.string(r.logsBloom()),
        RlpWriter.list(ls));
    return r.type() == 0 ? body : RlpWriter.concat(new byte[] {(byte) r.type()}, body);
  }

  private static byte[] bytes(final Random rnd, final int n) {
    final byte[] b = new byte[n];
    rnd.nextBytes(b);
    return b;
  }

  @Test
  void onePassEncodingEqualsTheFieldByFieldComposition() {
    final Random rnd = new Random(11);
    final int[] dataSizes = {0, 1, 1, 2, 55, 56, 300, 70_000};
    final long[] gases = {0, 1, 0x7f, 0x80, 21_000, Long.MAX_VALUE};
    int checked = 0;
    for (int k = 0; k < 400; k++) {
      final int nLogs = k % 9 == 0 ? 0 : rnd.nextInt(k % 7 == 0 ? 40 : 4) + 1;
      final List<Log> logs = new ArrayList<>();
      for (int j = 0; j < nLogs; j++) {
        final List<Hash32> topics = new ArrayList<>();
        for (int t = rnd.nextInt(5); t > 0; t--) {
          topics.add(Hash32.of(bytes(rnd, 32)));
        }
        final int size = dataSizes[rnd.nextInt(k % 50 == 0 ? dataSizes.length : dataSizes.length - 1)];
        final byte[] data = bytes(rnd, size);
        if (size == 1 && j % 2 == 0) {
          data[0] &= 0x7f; // a single byte below 0x80 is its own encoding
        }
        logs.add(new Log(Address.of(bytes(rnd, 20)), topics, Bytes.of(data)));
      }
      final boolean preByzantium = k % 5 == 0;
      final Receipt r = new Receipt(k % 5, preByzantium ? Optional.empty() : Optional.of(k % 3 != 0),
          preByzantium ? Optional.of(Hash32.of(bytes(rnd, 32))) : Optional.empty(), gases[k % gases.length],
          Receipt.bloom(logs), logs);
      assertArrayEquals(composed(r), r.encode(), "receipt " + k);
      assertEquals(r, Receipt.decode(r.encode()), "round trip " + k);
      checked++;
    }
    assertEquals(400, checked);
  }

  @Test
  void exactSizeHelpersMatchTheAllocatingWriters() {
    final Random rnd = new Random(3);
    for (final int n : new int[] {0, 1, 2, 55, 56, 255, 256, 65_535, 65_536}) {
      final byte[] v = bytes(rnd, n);
      for (final byte first : new byte[] {0x00, 0x7f, (byte) 0x80, (byte) 0xff}) {
        if (n > 0) {
          v[0] = first;
        }
        final byte[] out = new byte[RlpWriter.stringLength(v)];
        assertEquals(out.length, RlpWriter.writeString(out, 0, v));
        assertArrayEquals(RlpWriter.string(v), out, "string of " + n);
      }
    }
    for (final long x : new long[] {0, 1, 0x7f, 0x80, 0xff, 0x100, 1L << 40, Long.MAX_VALUE}) {
      final byte[] out = new byte[RlpWriter.uintLength(x)];
      assertEquals(out.length, RlpWriter.writeUint(out, 0, x));
      assertArrayEquals(RlpWriter.uint(x), out, "uint " + x);
    }
  }
}
