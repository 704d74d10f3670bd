package io.trestle.proofs.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import io.trestle.crypto.Address;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Hex;
import io.trestle.proofs.Reason;
import io.trestle.proofs.VerificationException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Strict readers for Ethereum JSON-RPC values (the execution-apis encoding): {@code QUANTITY} as
 * {@code 0x}-prefixed minimal hex, {@code DATA} as {@code 0x}-prefixed even-length hex, and beacon-API
 * decimal strings. Every failure is a {@link VerificationException} with {@link
 * Reason#INPUT_MALFORMED} naming the field. Input JSON is untrusted; nothing read here is verified by
 * itself.
 */
public final class RpcJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder().maxNestingDepth(200).maxStringLength(64 * 1024 * 1024).build())
              .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
              .build())
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private RpcJson() {}

  /** The shared, configured mapper (thread-safe for reading). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Longest JSON document accepted, in characters (the HTTP sources read at most as many bytes by
   * default). Checked before parsing.
   */
  public static final int MAX_DOCUMENT_CHARS = 32 << 20;

  /** Parses JSON text; malformed JSON, or a document over {@link #MAX_DOCUMENT_CHARS}, is {@code INPUT_MALFORMED}. */
  public static JsonNode parse(final String text) {
    if (text.length() > MAX_DOCUMENT_CHARS) {
      throw new VerificationException(Reason.INPUT_MALFORMED,
          "JSON document of " + text.length() + " characters exceeds the bound of " + MAX_DOCUMENT_CHARS);
    }
    try {
      final JsonNode n = MAPPER.readTree(text);
      if (n == null || n.isMissingNode()) {
        throw new VerificationException(Reason.INPUT_MALFORMED, "empty JSON document");
      }
      return n;
    } catch (IOException e) {
      throw new VerificationException(Reason.INPUT_MALFORMED, "malformed JSON: " + firstLine(e.getMessage()));
    }
  }

  /**
   * The {@code result} of a JSON-RPC response, or the node itself if it is a bare result. A response
   * with an {@code error} member is {@code INPUT_MALFORMED} naming the error.
   */
  public static JsonNode unwrapResult(final JsonNode node) {
    if (node.isObject() && node.has("jsonrpc")) {
      if (node.hasNonNull("error")) {
        throw new VerificationException(Reason.INPUT_MALFORMED, "JSON-RPC error response: " + node.get("error"));
      }
      if (!node.has("result") || node.get("result").isNull()) {
        throw new VerificationException(Reason.INPUT_MALFORMED, "JSON-RPC response without a result");
      }
      return node.get("result");
    }
    return node;
  }

  /** A required member. */
  public static JsonNode field(final JsonNode obj, final String name) {
    if (obj == null || !obj.isObject()) {
      throw new VerificationException(Reason.INPUT_MALFORMED, "expected a JSON object holding '" + name + "'");
    }
    final JsonNode n = obj.get(name);
    if (n == null || n.isNull()) {
      throw new VerificationException(Reason.INPUT_MALFORMED, "missing field '" + name + "'");
    }
    return n;
  }

  /** An optional member (absent or JSON null is empty). */
  public static Optional<JsonNode> optField(final JsonNode obj, final String name) {
    final JsonNode n = obj == null ? null : obj.get(name);
    return n == null || n.isNull() ? Optional.empty() : Optional.of(n);
  }

  /** A text member. */
  public static String text(final JsonNode obj, final String name) {
    final JsonNode n = field(obj, name);
    if (!n.isTextual()) {
      throw new VerificationException(Reason.INPUT_MALFORMED, "field '" + name + "' must be a string");
    }
    return n.asText();
  }

  /** A {@code DATA} member: {@code 0x}-prefixed, even-length hex. */
  public static Bytes data(final JsonNode obj, final String name) {
    return dataValue(field(obj, name), name);
  }

  /** A {@code DATA} value. */
  public static Bytes dataValue(final JsonNode n, final String what) {
    if (n.isTextual()) {
      final String s = n.asText();
      // One pass: the prefix and parity here, every digit while decoding (a bad one is refused below).
      if (s.length() >= 2 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X') && (s.length() & 1) == 0) {
        try {
          return Bytes.fromHex(s);
        } catch (final IllegalArgumentException e) {
          // not hex: refused below
        }
      }
    }
    throw new VerificationException(Reason.INPUT_MALFORMED, what + ": expected 0x-prefixed even-length hex, got " + abbreviate(n));
  }

  /** A 32-byte {@code DATA} member. */
  public static Hash32 hash(final JsonNode obj, final String name) {
    return hashValue(field(obj, name), name);
  }

  /** A 32-byte {@code DATA} value. */
  public static Hash32 hashValue(final JsonNode n, final String what) {
    if (n.isTextual() && n.textValue().length() == 66 && isPrefixed(n.textValue())) {
      try {
        return Hash32.fromHex(n.textValue()); // decoded once into the value's own array (no Bytes, no copies)
      } catch (final IllegalArgumentException e) {
        // not hex: the general path below refuses it with its usual message
      }
    }
    final Bytes b = dataValue(n, what);
    if (b.size() != 32) {
      throw new VerificationException(Reason.INPUT_MALFORMED, what + ": expected 32 bytes, got " + b.size());
    }
    return Hash32.of(b.toArray());
  }

  /** A 20-byte {@code DATA} member. */
  public static Address address(final JsonNode obj, final String name) {
    return addressValue(field(obj, name), name);
  }

  /** A 20-byte {@code DATA} value. */
  public static Address addressValue(final JsonNode n, final String what) {
    if (n.isTextual() && n.textValue().length() == 42 && isPrefixed(n.textValue())) {
      try {
        return Address.fromHex(n.textValue()); // decoded once into the value's own array (no Bytes, no copies)
      } catch (final IllegalArgumentException e) {
        // not hex: the general path below refuses it with its usual message
      }
    }
    final Bytes b = dataValue(n, what);
    if (b.size() != 20) {
      throw new VerificationException(Reason.INPUT_MALFORMED, what + ": expected 20 bytes, got " + b.size());
    }
    return Address.of(b.toArray());
  }

  private static boolean isPrefixed(final String s) {
    return s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X');
  }

  /** A fixed-size {@code DATA} member. */
  public static Bytes fixed(final JsonNode obj, final String name, final int size) {
    final Bytes b = data(obj, name);
    if (b.size() != size) {
      throw new VerificationException(Reason.INPUT_MALFORMED, name + ": expected " + size + " bytes, got " + b.size());
    }
    return b;
  }

  /** A {@code QUANTITY} member as an unsigned big integer (at most {@code maxBits} bits). */
  public static BigInteger quantity(final JsonNode obj, final String name, final int maxBits) {
    return quantityValue(field(obj, name), name, maxBits);
  }

  /**
   * A {@code QUANTITY} value: {@code 0x} then minimal hex ({@code 0x0} for zero; leading zeros are
   * rejected as execution-apis specifies).
   */
  public static BigInteger quantityValue(final JsonNode n, final String what, final int maxBits) {
    if (!n.isTextual()) {
      throw new VerificationException(Reason.INPUT_MALFORMED, what + ": QUANTITY must be a hex string, got " + abbreviate(n));
    }
    final String s = n.asText();
    if (s.length() < 3 || s.charAt(0) != '0' || (s.charAt(1) != 'x' && s.charAt(1) != 'X')) {
      throw new VerificationException(Reason.INPUT_MALFORMED, what + ": QUANTITY must start with 0x, got '" + abbreviate(n) + "'");
    }
    if (s.length() > 3 && s.charAt(2) == '0') {
      throw new VerificationException(Reason.INPUT_MALFORMED, what + ": QUANTITY with leading zeros '" + s + "'");
    }
    if (s.length() - 2 > (maxBits + 3) / 4) {
      throw new VerificationException(Reason.INPUT_MALFORMED, what + ": QUANTITY exceeds " + maxBits + " bits");
    }
    for (int i = 2; i < s.length(); i++) {
      if (Hex.digit(s.charAt(i)) < 0) {
        throw new VerificationException(Reason.INPUT_MALFORMED, what + ": bad hex digit in '" + s + "'");
      }
    }
    final BigInteger v = new BigInteger(s.substring(2), 16);
    if (v.bitLength() > maxBits) {
      throw new VerificationException(Reason.INPUT_MALFORMED, what + ": QUANTITY exceeds " + maxBits + " bits");
    }
    return v;
  }

  /** A {@code QUANTITY} member that fits in 63 bits. */
  public static long quantityLong(final JsonNode obj, final String name) {
    final JsonNode n = field(obj, name);
    if (n.isTextual()) {
      // The common case read without BigInteger: 0x, then 1-15 digits, no leading zero (so below 2^60).
      final String s = n.textValue();
      final int len = s.length();
      if (len >= 3 && len <= 17 && isPrefixed(s) && !(len > 3 && s.charAt(2) == '0')) {
        long v = 0;
        int i = 2;
        for (; i < len; i++) {
          final int d = Hex.digit(s.charAt(i));
          if (d < 0) {
            break;
          }
          v = (v << 4) | d;
        }
        if (i == len) {
          return v;
        }
      }
    }
    return quantityValue(n, name, 63).longValueExact(); // everything else, with its usual message
  }

  /** A beacon-API unsigned decimal string (uint64 or uint256), no sign, no leading zeros. */
  public static BigInteger decimal(final JsonNode obj, final String name, final int maxBits) {
    final JsonNode n = field(obj, name);
    final String s = n.isTextual() ? n.asText() : (n.isIntegralNumber() ? n.asText() : null);
    if (s == null || s.isEmpty() || s.length() > 80 || !s.chars().allMatch(c -> c >= '0' && c <= '9')
        || (s.length() > 1 && s.charAt(0) == '0')) {
      throw new VerificationException(Reason.INPUT_MALFORMED, name + ": expected an unsigned decimal string, got " + abbreviate(n));
    }
    final BigInteger v = new BigInteger(s);
    if (v.bitLength() > maxBits) {
      throw new VerificationException(Reason.INPUT_MALFORMED, name + ": exceeds " + maxBits + " bits");
    }
    return v;
  }

  /** A JSON array member. */
  public static List<JsonNode> array(final JsonNode obj, final String name) {
    final JsonNode n = field(obj, name);
    if (!n.isArray()) {
      throw new VerificationException(Reason.INPUT_MALFORMED, "field '" + name + "' must be an array");
    }
    final List<JsonNode> out = new ArrayList<>(n.size());
    n.forEach(out::add);
    return out;
  }

  /** An array of {@code DATA} values (proof nodes, for example). */
  public static List<Bytes> dataArray(final JsonNode arr, final String what) {
    if (!arr.isArray()) {
      throw new VerificationException(Reason.INPUT_MALFORMED, what + " must be an array");
    }
    final List<Bytes> out = new ArrayList<>(arr.size());
    for (int i = 0; i < arr.size(); i++) {
      out.add(dataValue(arr.get(i), what + "[" + i + "]"));
    }
    return out;
  }

  private static String abbreviate(final JsonNode n) {
    final String s = n.toString();
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }

  private static String firstLine(final String s) {
    if (s == null) {
      return "";
    }
    final int i = s.indexOf('\n');
    return i < 0 ? s : s.substring(0, i);
  }
}
