package io.trestle.proofs.ssz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hex;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The beacon-API JSON form of SSZ values, driven by an {@link SszType}: {@code uintN} as a canonical
 * decimal string, {@code boolean} as a JSON boolean, byte vectors and lists as {@code 0x} hex, bitvectors
 * and bitlists as the {@code 0x} hex of their SSZ serialization (a bitlist with its delimiter bit),
 * vectors and lists as arrays and containers as objects with exactly the schema's field names.
 *
 * <p>{@link #fromJson} treats its input as adversarial and is as strict as {@link SszType#decode}: wrong
 * JSON kinds, missing or unknown fields, non-canonical or out-of-range numbers, bad hex, wrong lengths
 * and lists over their limit are {@link SszException}s naming the field's path. Nothing is trusted.
 */
public final class SszJson {
  private static final int MAX_DECIMAL_DIGITS = 78; // 2^256 - 1 has 78 digits

  private SszJson() {}

  /** The value of {@code json} under {@code type}; {@link SszException} if it does not conform. */
  public static SszValue fromJson(final SszType type, final JsonNode json) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(json, "json");
    return read(type, json, type.typeName());
  }

  /** The JSON form of {@code value} under {@code type}; {@link SszException} if it does not conform. */
  public static JsonNode toJson(final SszType type, final SszValue value) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
    return write(type, value, type.typeName());
  }

  private static SszException fail(final String path, final String what) {
    return new SszException(path + ": " + what);
  }

  private static String text(final JsonNode j, final String path, final String what) {
    if (!j.isTextual()) {
      throw fail(path, "expected " + what + " as a JSON string, got " + j.getNodeType());
    }
    return j.asText();
  }

  private static byte[] hex(final JsonNode j, final String path, final long maxBytes) {
    final String s = text(j, path, "0x hex");
    if (!s.startsWith("0x") || s.length() > 2 + 2 * maxBytes || !Hex.isPrefixedHex(s)) {
      throw fail(path, "expected 0x hex of at most " + maxBytes + " bytes");
    }
    return Hex.decode(s);
  }

  private static SszValue read(final SszType type, final JsonNode j, final String path) {
    final SszType t = type instanceof SszType.Progressive ? ((SszType.Progressive) type).serialShape() : type;
    if (t instanceof SszType.Uint) {
      final String s = text(j, path, "a decimal " + t.typeName());
      if (s.isEmpty() || s.length() > MAX_DECIMAL_DIGITS || !s.chars().allMatch(c -> c >= '0' && c <= '9')
          || (s.length() > 1 && s.charAt(0) == '0')) {
        throw fail(path, "not a canonical decimal " + t.typeName() + ": " + abbreviate(s));
      }
      final BigInteger v = new BigInteger(s);
      if (v.bitLength() > ((SszType.Uint) t).bits()) {
        throw fail(path, s + " does not fit " + t.typeName());
      }
      return new SszValue.Uint(v);
    }
    if (t instanceof SszType.Bool) {
      if (!j.isBoolean()) {
        throw fail(path, "expected a JSON boolean, got " + j.getNodeType());
      }
      return new SszValue.Bool(j.booleanValue());
    }
    if (t instanceof SszType.ByteVector) {
      final int n = ((SszType.ByteVector) t).length();
      final byte[] b = hex(j, path, n);
      if (b.length != n) {
        throw fail(path, t.typeName() + " needs " + n + " bytes, got " + b.length);
      }
      return new SszValue.ByteString(Bytes.of(b));
    }
    if (t instanceof SszType.ByteList) {
      return new SszValue.ByteString(Bytes.of(hex(j, path, ((SszType.ByteList) t).limit())));
    }
    if (t instanceof SszType.Bitvector) {
      final byte[] b = hex(j, path, t.fixedSize());
      return SszCodec.decode(t, b, 0, b.length, path);
    }
    if (t instanceof SszType.Bitlist) {
      final byte[] b = hex(j, path, ((SszType.Bitlist) t).limit() / 8 + 1);
      return SszCodec.decode(t, b, 0, b.length, path);
    }
    if (t instanceof SszType.Vector || t instanceof SszType.ListOf) {
      final SszType e = t instanceof SszType.Vector ? ((SszType.Vector) t).element() : ((SszType.ListOf) t).element();
      if (!j.isArray()) {
        throw fail(path, "expected a JSON array, got " + j.getNodeType());
      }
      if (t instanceof SszType.Vector && j.size() != ((SszType.Vector) t).length()) {
        throw fail(path, t.typeName() + " needs " + ((SszType.Vector) t).length() + " elements, got " + j.size());
      }
      if (t instanceof SszType.ListOf && j.size() > ((SszType.ListOf) t).limit()) {
        throw fail(path, j.size() + " elements exceed the limit " + ((SszType.ListOf) t).limit());
      }
      final List<SszValue> out = new ArrayList<>(j.size());
      for (int i = 0; i < j.size(); i++) {
        out.add(read(e, j.get(i), path + "[" + i + "]"));
      }
      return new SszValue.Sequence(out);
    }
    final SszType.Container c = (SszType.Container) t;
    if (!j.isObject()) {
      throw fail(path, "expected a JSON object, got " + j.getNodeType());
    }
    for (final Iterator<String> it = j.fieldNames(); it.hasNext(); ) {
      final String name = it.next();
      if (c.indexOf(name).isEmpty()) {
        throw fail(path, "unknown field " + abbreviate(name));
      }
    }
    final List<SszValue> out = new ArrayList<>(c.fields().size());
    for (final SszType.Field f : c.fields()) {
      final JsonNode v = j.get(f.name());
      if (v == null) {
        throw fail(path + "." + f.name(), "missing");
      }
      out.add(read(f.type(), v, path + "." + f.name()));
    }
    return new SszValue.Composite(out);
  }

  private static String abbreviate(final String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }

  private static JsonNode write(final SszType type, final SszValue v, final String path) {
    final SszType t = type instanceof SszType.Progressive ? ((SszType.Progressive) type).serialShape() : type;
    final JsonNodeFactory f = JsonNodeFactory.instance;
    if (t instanceof SszType.Uint) {
      SszCodec.encode(t, v, path); // range check
      return f.textNode(((SszValue.Uint) v).value().toString());
    }
    if (t instanceof SszType.Bool) {
      SszCodec.encode(t, v, path);
      return f.booleanNode(((SszValue.Bool) v).value());
    }
    if (t instanceof SszType.ByteVector || t instanceof SszType.ByteList || t instanceof SszType.Bitvector
        || t instanceof SszType.Bitlist) {
      return f.textNode(Hex.encode(SszCodec.encode(t, v, path)));
    }
    if (t instanceof SszType.Vector || t instanceof SszType.ListOf) {
      SszCodec.encode(t, v, path); // shape and limit check
      final SszType e = t instanceof SszType.Vector ? ((SszType.Vector) t).element() : ((SszType.ListOf) t).element();
      final ArrayNode a = f.arrayNode();
      final List<SszValue> es = ((SszValue.Sequence) v).elements();
      for (int i = 0; i < es.size(); i++) {
        a.add(write(e, es.get(i), path + "[" + i + "]"));
      }
      return a;
    }
    final SszType.Container c = (SszType.Container) t;
    if (!(v instanceof SszValue.Composite) || ((SszValue.Composite) v).fields().size() != c.fields().size()) {
      throw fail(path, "value is not a " + c.name());
    }
    final ObjectNode o = f.objectNode();
    for (int i = 0; i < c.fields().size(); i++) {
      final SszType.Field fl = c.fields().get(i);
      o.set(fl.name(), write(fl.type(), ((SszValue.Composite) v).fields().get(i), path + "." + fl.name()));
    }
    return o;
  }
}
