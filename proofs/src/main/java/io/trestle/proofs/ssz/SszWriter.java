package io.trestle.proofs.ssz;

import io.trestle.crypto.Hash32;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Builds one SSZ container: fixed fields, then the variable fields behind their offsets. */
public final class SszWriter {
  private final ByteArrayOutputStream fixed = new ByteArrayOutputStream();
  private final List<Integer> offsetPositions = new ArrayList<>();
  private final List<byte[]> variableParts = new ArrayList<>();

  /** A writer for one container. */
  public SszWriter() {}

  /** A little-endian uint64. */
  public SszWriter uint64(final long v) {
    for (int i = 0; i < 8; i++) {
      fixed.write((int) (v >>> (8 * i)));
    }
    return this;
  }

  /** Fixed bytes (or a nested fixed-size container's serialization). */
  public SszWriter bytes(final byte[] b) {
    fixed.writeBytes(b);
    return this;
  }

  /** A Bytes32. */
  public SszWriter bytes32(final Hash32 h) {
    fixed.writeBytes(h.toArray());
    return this;
  }

  /** A vector of Bytes32. */
  public SszWriter bytes32Vector(final List<Hash32> v) {
    v.forEach(this::bytes32);
    return this;
  }

  /** A variable-size field: an offset now, the bytes after the fixed part. */
  public SszWriter variable(final byte[] b) {
    offsetPositions.add(fixed.size());
    fixed.writeBytes(new byte[4]);
    variableParts.add(b);
    return this;
  }

  /** The container's serialization. */
  public byte[] toBytes() {
    final byte[] head = fixed.toByteArray();
    int total = head.length;
    for (final byte[] p : variableParts) {
      total += p.length;
    }
    final byte[] out = new byte[total];
    System.arraycopy(head, 0, out, 0, head.length);
    int off = head.length;
    for (int i = 0; i < variableParts.size(); i++) {
      final int at = offsetPositions.get(i);
      out[at] = (byte) off;
      out[at + 1] = (byte) (off >>> 8);
      out[at + 2] = (byte) (off >>> 16);
      out[at + 3] = (byte) (off >>> 24);
      System.arraycopy(variableParts.get(i), 0, out, off, variableParts.get(i).length);
      off += variableParts.get(i).length;
    }
    return out;
  }
}
