package io.trestle.proofs.ssz;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The decoding, encoding and merkleization behind {@link SszType}. Stateless. */
final class SszCodec {
  private static final int OFFSET = 4;

  private SszCodec() {}

  private static SszException fail(final String path, final String what) {
    return new SszException(path + ": " + what);
  }

  // --- decoding ----------------------------------------------------------------------------------

  static SszValue decode(final SszType type, final byte[] b, final int from, final int to, final String path) {
    final SszType t = type instanceof SszType.Progressive ? ((SszType.Progressive) type).serialShape() : type;
    final int n = to - from;
    if (t.isFixedSize() && n != t.fixedSize()) {
      throw fail(path, t.typeName() + " needs exactly " + t.fixedSize() + " bytes, got " + n);
    }
    if (t instanceof SszType.Uint) {
      final byte[] be = new byte[n];
      for (int i = 0; i < n; i++) {
        be[i] = b[to - 1 - i];
      }
      return new SszValue.Uint(new BigInteger(1, be));
    }
    if (t instanceof SszType.Bool) {
      final int v = b[from] & 0xff;
      if (v > 1) {
        throw fail(path, "boolean byte must be 0 or 1, got " + v);
      }
      return new SszValue.Bool(v == 1);
    }
    if (t instanceof SszType.ByteVector) {
      return new SszValue.ByteString(Bytes.of(b, from, n));
    }
    if (t instanceof SszType.ByteList) {
      final int limit = ((SszType.ByteList) t).limit();
      if (n > limit) {
        throw fail(path, n + " bytes exceed the limit " + limit);
      }
      return new SszValue.ByteString(Bytes.of(b, from, n));
    }
    if (t instanceof SszType.Bitvector) {
      final int length = ((SszType.Bitvector) t).length();
      if (length % 8 != 0 && (b[to - 1] & 0xff) >>> (length % 8) != 0) {
        throw fail(path, "bits set beyond the Bitvector's " + length + " bits");
      }
      return new SszValue.Bits(length, Bytes.of(b, from, n));
    }
    if (t instanceof SszType.Bitlist) {
      return decodeBitlist((SszType.Bitlist) t, b, from, to, path);
    }
    if (t instanceof SszType.Vector) {
      final SszType.Vector v = (SszType.Vector) t;
      return new SszValue.Sequence(decodeElements(v.element(), v.length(), b, from, to, path));
    }
    if (t instanceof SszType.ListOf) {
      return decodeList((SszType.ListOf) t, b, from, to, path);
    }
    return decodeContainer((SszType.Container) t, b, from, to, path);
  }

  private static SszValue decodeBitlist(final SszType.Bitlist t, final byte[] b, final int from, final int to,
      final String path) {
    final int n = to - from;
    if (n == 0) {
      throw fail(path, "empty Bitlist: no delimiter bit");
    }
    final int last = b[to - 1] & 0xff;
    if (last == 0) {
      throw fail(path, "Bitlist's last byte is zero: no delimiter bit");
    }
    final int top = 31 - Integer.numberOfLeadingZeros(last);
    final long length = 8L * (n - 1) + top;
    if (length > t.limit()) {
      throw fail(path, length + " bits exceed the Bitlist limit " + t.limit());
    }
    final byte[] packed = Arrays.copyOfRange(b, from, from + (int) ((length + 7) / 8));
    if (top != 0) {
      packed[packed.length - 1] = (byte) (last & ~(1 << top));
    }
    return new SszValue.Bits((int) length, Bytes.of(packed));
  }

  private static SszValue decodeList(final SszType.ListOf t, final byte[] b, final int from, final int to,
      final String path) {
    final int n = to - from;
    final SszType e = t.element();
    final long count;
    if (e.isFixedSize()) {
      if (n % e.fixedSize() != 0) {
        throw fail(path, n + " bytes are not a multiple of the " + e.fixedSize() + "-byte " + e.typeName());
      }
      count = n / e.fixedSize();
    } else {
      if (n == 0) {
        return new SszValue.Sequence(List.of());
      }
      if (n < OFFSET) {
        throw fail(path, "needs a 4-byte offset, got " + n + " bytes");
      }
      final long first = u32(b, from);
      if (first < OFFSET || first % OFFSET != 0 || first > n) {
        throw fail(path, "first offset " + first + " is not a multiple of 4 within the list's " + n + " bytes");
      }
      count = first / OFFSET;
    }
    if (count > t.limit()) {
      throw fail(path, count + " elements exceed the limit " + t.limit());
    }
    return new SszValue.Sequence(decodeElements(e, (int) count, b, from, to, path));
  }

  /** {@code count} elements filling {@code [from, to)}; {@code count} is already bounded by the input size. */
  private static List<SszValue> decodeElements(final SszType e, final int count, final byte[] b, final int from,
      final int to, final String path) {
    final int n = to - from;
    if (e.isFixedSize()) {
      final int es = e.fixedSize();
      if ((long) count * es != n) {
        throw fail(path, count + " x " + es + "-byte " + e.typeName() + " need " + ((long) count * es)
            + " bytes, got " + n);
      }
      final List<SszValue> out = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        out.add(decode(e, b, from + i * es, from + (i + 1) * es, path + "[" + i + "]"));
      }
      return out;
    }
    final long head = (long) count * OFFSET;
    if (head > n) {
      throw fail(path, count + " offsets need " + head + " bytes, got " + n);
    }
    final List<SszValue> out = new ArrayList<>(count);
    final int[] offs = new int[count + 1];
    for (int i = 0; i < count; i++) {
      final long off = u32(b, from + OFFSET * i);
      final String at = path + "[" + i + "]";
      if (i == 0 && off != head) {
        throw fail(at, "first offset " + off + " must equal the offsets' size " + head);
      }
      if (off > n) {
        throw fail(at, "offset " + off + " beyond the " + n + " bytes");
      }
      if (i > 0 && off < offs[i - 1]) {
        throw fail(at, "offset " + off + " is below the previous offset " + offs[i - 1]);
      }
      offs[i] = (int) off;
    }
    offs[count] = n;
    for (int i = 0; i < count; i++) {
      out.add(decode(e, b, from + offs[i], from + offs[i + 1], path + "[" + i + "]"));
    }
    return out;
  }

  private static SszValue decodeContainer(final SszType.Container c, final byte[] b, final int from, final int to,
      final String path) {
    final int n = to - from;
    final int fixedPart = c.fixedPartSize();
    if (n < fixedPart) {
      throw fail(path, "needs at least the fixed part's " + fixedPart + " bytes, got " + n);
    }
    final List<SszType.Field> fs = c.fields();
    final SszValue[] values = new SszValue[fs.size()];
    final List<Integer> varIndex = new ArrayList<>();
    final List<Integer> varStart = new ArrayList<>();
    int pos = from;
    for (int i = 0; i < fs.size(); i++) {
      final SszType.Field f = fs.get(i);
      final String at = path + "." + f.name();
      if (f.type().isFixedSize()) {
        final int size = f.type().fixedSize();
        values[i] = decode(f.type(), b, pos, pos + size, at);
        pos += size;
      } else {
        final long off = u32(b, pos);
        pos += OFFSET;
        if (varStart.isEmpty() && off != fixedPart) {
          throw fail(at, "first offset " + off + " must equal the fixed part's size " + fixedPart);
        }
        if (off > n) {
          throw fail(at, "offset " + off + " beyond the container's " + n + " bytes");
        }
        if (!varStart.isEmpty() && off < varStart.get(varStart.size() - 1)) {
          throw fail(at, "offset " + off + " is below the previous offset " + varStart.get(varStart.size() - 1));
        }
        varIndex.add(i);
        varStart.add((int) off);
      }
    }
    for (int k = 0; k < varIndex.size(); k++) {
      final int i = varIndex.get(k);
      final int start = varStart.get(k);
      final int end = k + 1 < varStart.size() ? varStart.get(k + 1) : n;
      values[i] = decode(fs.get(i).type(), b, from + start, from + end, path + "." + fs.get(i).name());
    }
    return new SszValue.Composite(Arrays.asList(values));
  }

  private static long u32(final byte[] b, final int at) {
    return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
  }

  // --- conformance -------------------------------------------------------------------------------

  private static <V extends SszValue> V as(final Class<V> kind, final SszType t, final SszValue v, final String path) {
    if (!kind.isInstance(v)) {
      throw fail(path, "a " + t.typeName() + " needs a " + kind.getSimpleName() + " value, got "
          + v.getClass().getSimpleName());
    }
    return kind.cast(v);
  }

  private static SszValue.Uint uint(final SszType.Uint t, final SszValue v, final String path) {
    final SszValue.Uint u = as(SszValue.Uint.class, t, v, path);
    if (u.value().bitLength() > t.bits()) {
      throw fail(path, u.value() + " does not fit " + t.typeName());
    }
    return u;
  }

  private static Bytes byteVector(final SszType.ByteVector t, final SszValue v, final String path) {
    final Bytes bs = as(SszValue.ByteString.class, t, v, path).bytes();
    if (bs.size() != t.length()) {
      throw fail(path, t.typeName() + " needs " + t.length() + " bytes, got " + bs.size());
    }
    return bs;
  }

  private static Bytes byteList(final SszType.ByteList t, final SszValue v, final String path) {
    final Bytes bs = as(SszValue.ByteString.class, t, v, path).bytes();
    if (bs.size() > t.limit()) {
      throw fail(path, bs.size() + " bytes exceed the limit " + t.limit());
    }
    return bs;
  }

  private static SszValue.Bits bitvector(final SszType.Bitvector t, final SszValue v, final String path) {
    final SszValue.Bits bits = as(SszValue.Bits.class, t, v, path);
    if (bits.length() != t.length()) {
      throw fail(path, t.typeName() + " needs " + t.length() + " bits, got " + bits.length());
    }
    return bits;
  }

  private static SszValue.Bits bitlist(final SszType.Bitlist t, final SszValue v, final String path) {
    final SszValue.Bits bits = as(SszValue.Bits.class, t, v, path);
    if (bits.length() > t.limit()) {
      throw fail(path, bits.length() + " bits exceed the limit " + t.limit());
    }
    return bits;
  }

  private static List<SszValue> vector(final SszType.Vector t, final SszValue v, final String path) {
    final List<SszValue> es = as(SszValue.Sequence.class, t, v, path).elements();
    if (es.size() != t.length()) {
      throw fail(path, t.typeName() + " needs " + t.length() + " elements, got " + es.size());
    }
    return es;
  }

  private static List<SszValue> list(final SszType.ListOf t, final SszValue v, final String path) {
    final List<SszValue> es = as(SszValue.Sequence.class, t, v, path).elements();
    if (es.size() > t.limit()) {
      throw fail(path, es.size() + " elements exceed the limit " + t.limit());
    }
    return es;
  }

  private static List<SszValue> container(final SszType.Container t, final SszValue v, final String path) {
    final List<SszValue> fs = as(SszValue.Composite.class, t, v, path).fields();
    if (fs.size() != t.fields().size()) {
      throw fail(path, t.typeName() + " has " + t.fields().size() + " fields, the value " + fs.size());
    }
    return fs;
  }

  // --- encoding ----------------------------------------------------------------------------------

  static byte[] encode(final SszType type, final SszValue v, final String path) {
    final SszType t = type instanceof SszType.Progressive ? ((SszType.Progressive) type).serialShape() : type;
    if (t instanceof SszType.Uint) {
      final SszType.Uint u = (SszType.Uint) t;
      final byte[] be = uint(u, v, path).value().toByteArray();
      final byte[] out = new byte[u.fixedSize()];
      for (int i = 0; i < out.length && i < be.length; i++) {
        out[i] = be[be.length - 1 - i];
      }
      return out;
    }
    if (t instanceof SszType.Bool) {
      return new byte[] {(byte) (as(SszValue.Bool.class, t, v, path).value() ? 1 : 0)};
    }
    if (t instanceof SszType.ByteVector) {
      return byteVector((SszType.ByteVector) t, v, path).toArray();
    }
    if (t instanceof SszType.ByteList) {
      return byteList((SszType.ByteList) t, v, path).toArray();
    }
    if (t instanceof SszType.Bitvector) {
      return bitvector((SszType.Bitvector) t, v, path).packed().toArray();
    }
    if (t instanceof SszType.Bitlist) {
      final SszValue.Bits bits = bitlist((SszType.Bitlist) t, v, path);
      final byte[] out = new byte[bits.length() / 8 + 1];
      bits.packed().copyTo(out, 0);
      out[bits.length() / 8] |= (byte) (1 << (bits.length() % 8));
      return out;
    }
    if (t instanceof SszType.Vector) {
      final SszType.Vector vt = (SszType.Vector) t;
      return encodeAll(vt.element(), vector(vt, v, path), path);
    }
    if (t instanceof SszType.ListOf) {
      final SszType.ListOf lt = (SszType.ListOf) t;
      return encodeAll(lt.element(), list(lt, v, path), path);
    }
    final SszType.Container c = (SszType.Container) t;
    final List<SszValue> fs = container(c, v, path);
    final List<SszType> types = new ArrayList<>();
    final List<String> paths = new ArrayList<>();
    for (final SszType.Field f : c.fields()) {
      types.add(f.type());
      paths.add(path + "." + f.name());
    }
    return serializeParts(types, fs, paths, path);
  }

  private static byte[] encodeAll(final SszType e, final List<SszValue> es, final String path) {
    final List<SszType> types = new ArrayList<>(es.size());
    final List<String> paths = new ArrayList<>(es.size());
    for (int i = 0; i < es.size(); i++) {
      types.add(e);
      paths.add(path + "[" + i + "]");
    }
    return serializeParts(types, es, paths, path);
  }

  /** The spec's {@code serialize} of a sequence of parts: fixed parts and offsets, then variable parts. */
  private static byte[] serializeParts(final List<SszType> types, final List<SszValue> values,
      final List<String> paths, final String path) {
    final List<byte[]> fixed = new ArrayList<>(values.size());
    final List<byte[]> variable = new ArrayList<>(values.size());
    long fixedLen = 0;
    for (int i = 0; i < values.size(); i++) {
      final byte[] enc = encode(types.get(i), values.get(i), paths.get(i));
      if (types.get(i).isFixedSize()) {
        fixed.add(enc);
        variable.add(null);
        fixedLen += enc.length;
      } else {
        fixed.add(null);
        variable.add(enc);
        fixedLen += OFFSET;
      }
    }
    long total = fixedLen;
    for (final byte[] p : variable) {
      total += p == null ? 0 : p.length;
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw fail(path, "serialization of " + total + " bytes is too large");
    }
    final ByteArrayOutputStream out = new ByteArrayOutputStream((int) total);
    long off = fixedLen;
    for (int i = 0; i < values.size(); i++) {
      if (fixed.get(i) != null) {
        out.writeBytes(fixed.get(i));
      } else {
        for (int k = 0; k < OFFSET; k++) {
          out.write((int) (off >>> (8 * k)));
        }
        off += variable.get(i).length;
      }
    }
    for (final byte[] p : variable) {
      if (p != null) {
        out.writeBytes(p);
      }
    }
    return out.toByteArray();
  }

  // --- merkleization -----------------------------------------------------------------------------

  static Hash32 root(final SszType t, final SszValue v, final String path) {
    if (t instanceof SszType.Progressive) {
      return progressiveRoot((SszType.Progressive) t, v, path);
    }
    if (t.isBasic()) {
      final byte[] chunk = new byte[32];
      final byte[] enc = encode(t, v, path);
      System.arraycopy(enc, 0, chunk, 0, enc.length);
      return Hash32.of(chunk);
    }
    if (t instanceof SszType.ByteVector) {
      final SszType.ByteVector bv = (SszType.ByteVector) t;
      return Merkle.merkleizeBytes(byteVector(bv, v, path).toArray(), chunks(bv.length(), 1));
    }
    if (t instanceof SszType.ByteList) {
      final SszType.ByteList bl = (SszType.ByteList) t;
      final Bytes bs = byteList(bl, v, path);
      return Merkle.mixInLength(Merkle.merkleizeBytes(bs.toArray(), chunks(bl.limit(), 1)), bs.size());
    }
    if (t instanceof SszType.Bitvector) {
      final SszType.Bitvector bv = (SszType.Bitvector) t;
      return Merkle.merkleizeBytes(bitvector(bv, v, path).packed().toArray(), (bv.length() + 255L) / 256);
    }
    if (t instanceof SszType.Bitlist) {
      final SszType.Bitlist bl = (SszType.Bitlist) t;
      final SszValue.Bits bits = bitlist(bl, v, path);
      return Merkle.mixInLength(Merkle.merkleizeBytes(bits.packed().toArray(), (bl.limit() + 255L) / 256),
          bits.length());
    }
    if (t instanceof SszType.Vector) {
      final SszType.Vector vt = (SszType.Vector) t;
      final List<SszValue> es = vector(vt, v, path);
      return vt.element().isBasic()
          ? Merkle.merkleizeBytes(encodeAll(vt.element(), es, path), chunks(vt.length(), vt.element().fixedSize()))
          : Merkle.merkleize(roots(vt.element(), es, path), vt.length());
    }
    if (t instanceof SszType.ListOf) {
      final SszType.ListOf lt = (SszType.ListOf) t;
      final List<SszValue> es = list(lt, v, path);
      final Hash32 r = lt.element().isBasic()
          ? Merkle.merkleizeBytes(encodeAll(lt.element(), es, path), chunks(lt.limit(), lt.element().fixedSize()))
          : Merkle.merkleize(roots(lt.element(), es, path), lt.limit());
      return Merkle.mixInLength(r, es.size());
    }
    final SszType.Container c = (SszType.Container) t;
    final List<SszValue> fs = container(c, v, path);
    final List<Hash32> rs = new ArrayList<>(fs.size());
    for (int i = 0; i < fs.size(); i++) {
      final SszType.Field f = c.fields().get(i);
      rs.add(root(f.type(), fs.get(i), path + "." + f.name()));
    }
    return Merkle.merkleize(rs);
  }

  /** EIP-7916 / EIP-7688 merkleization: {@code merkleize_progressive} and the length or active-fields mix-in. */
  private static Hash32 progressiveRoot(final SszType.Progressive t, final SszValue v, final String path) {
    if (t instanceof SszType.ProgressiveBitlist) {
      final SszValue.Bits bits = bitlist((SszType.Bitlist) t.serialShape(), v, path);
      return Merkle.mixInLength(Merkle.merkleizeProgressiveBytes(bits.packed().toArray()), bits.length());
    }
    if (t instanceof SszType.ProgressiveList) {
      final SszType e = ((SszType.ProgressiveList) t).element();
      final List<SszValue> es = list((SszType.ListOf) t.serialShape(), v, path);
      final Hash32 r = e.isBasic() ? Merkle.merkleizeProgressiveBytes(encodeAll(e, es, path))
          : Merkle.merkleizeProgressive(roots(e, es, path));
      return Merkle.mixInLength(r, es.size());
    }
    final SszType.ProgressiveContainer pc = (SszType.ProgressiveContainer) t;
    final List<SszValue> fs = container(pc.layout(), v, path);
    final List<Hash32> chunks = new ArrayList<>(pc.activeFields().size());
    int field = 0;
    for (final boolean active : pc.activeFields()) {
      if (active) {
        final SszType.Field f = pc.layout().fields().get(field);
        chunks.add(root(f.type(), fs.get(field), path + "." + f.name()));
        field++;
      } else {
        chunks.add(Hash32.ZERO);
      }
    }
    return Merkle.mixInActiveFields(Merkle.merkleizeProgressive(chunks), pc.activeFields());
  }

  private static List<Hash32> roots(final SszType e, final List<SszValue> es, final String path) {
    final List<Hash32> out = new ArrayList<>(es.size());
    for (int i = 0; i < es.size(); i++) {
      out.add(root(e, es.get(i), path + "[" + i + "]"));
    }
    return out;
  }

  /** {@code ceil(count * size / 32)}: the chunk limit of {@code count} packed items of {@code size} bytes. */
  private static long chunks(final long count, final int size) {
    return (count * size + 31) / 32;
  }
}
