package io.trestle.proofs.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import io.trestle.crypto.Bytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One structured mutation of an honest proof node list, chosen by the fuzzer: change, insert or
 * delete a byte of a node; drop, duplicate, swap or truncate nodes; append or substitute a node of
 * fuzzer bytes. Every mutation either changes the list or is reported as a no-op.
 */
final class Mutator {
  private Mutator() {}

  static List<Bytes> mutate(final List<Bytes> honest, final FuzzedDataProvider d) {
    final List<Bytes> out = new ArrayList<>(honest);
    if (out.isEmpty()) {
      out.add(Bytes.of(d.consumeBytes(64)));
      return out;
    }
    final int i = d.consumeInt(0, out.size() - 1);
    final byte[] node = out.get(i).toArray();
    switch (d.consumeInt(0, 9)) {
      case 0 -> { // flip bits of one byte (never a no-op)
        final int at = d.consumeInt(0, node.length - 1);
        node[at] ^= (byte) d.consumeInt(1, 255);
        out.set(i, Bytes.of(node));
      }
      case 1 -> { // insert a byte
        final int at = d.consumeInt(0, node.length);
        final byte[] n = new byte[node.length + 1];
        System.arraycopy(node, 0, n, 0, at);
        n[at] = d.consumeByte();
        System.arraycopy(node, at, n, at + 1, node.length - at);
        out.set(i, Bytes.of(n));
      }
      case 2 -> { // delete a byte
        final int at = d.consumeInt(0, node.length - 1);
        final byte[] n = new byte[node.length - 1];
        System.arraycopy(node, 0, n, 0, at);
        System.arraycopy(node, at + 1, n, at, node.length - at - 1);
        out.set(i, Bytes.of(n));
      }
      case 3 -> out.remove(i);
      case 4 -> out.add(d.consumeInt(0, out.size()), out.get(i));
      case 5 -> {
        final int j = d.consumeInt(0, out.size() - 1);
        final Bytes t = out.get(i);
        out.set(i, out.get(j));
        out.set(j, t);
      }
      case 6 -> out.set(i, Bytes.of(Arrays.copyOf(node, d.consumeInt(0, Math.max(0, node.length - 1)))));
      case 7 -> out.add(Bytes.of(d.consumeBytes(600)));
      case 8 -> out.set(i, Bytes.of(d.consumeBytes(600)));
      default -> { // overwrite a run of bytes
        final int at = d.consumeInt(0, node.length - 1);
        final byte[] run = d.consumeBytes(node.length - at);
        System.arraycopy(run, 0, node, at, run.length);
        out.set(i, Bytes.of(node));
      }
    }
    return out;
  }
}
