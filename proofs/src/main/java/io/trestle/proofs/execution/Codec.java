package io.trestle.proofs.execution;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Bytes;
import io.trestle.proofs.Reason;
import io.trestle.proofs.VerificationException;
import io.trestle.proofs.json.RpcJson;
import io.trestle.proofs.rlp.Rlp;
import io.trestle.proofs.rlp.RlpItem;
import io.trestle.proofs.rlp.RlpWriter;
import java.math.BigInteger;
import java.util.function.Supplier;

/** Package-internal helpers shared by the execution-layer codecs. */
final class Codec {
  private Codec() {}

  /**
   * Runs {@code body}; an {@code RLP_*} or {@code INPUT_MALFORMED} failure inside it becomes {@code
   * reason} with the original reason and detail kept in the new detail. Other reasons pass through.
   */
  static <T> T wrap(final Reason reason, final String what, final Supplier<T> body) {
    try {
      return body.get();
    } catch (VerificationException e) {
      if (e.reason().name().startsWith("RLP_")) {
        throw new VerificationException(reason, what + ": " + e.reason() + ": " + e.detail());
      }
      throw e.withContext(what);
    }
  }

  /** Decodes {@code bytes[offset..]} as one RLP list. */
  /**
   * The EIP-2718 envelope type of an encoded transaction or receipt: 0 for a legacy RLP list (first byte
   * 0xc0 and above), 1-4 for a typed one. Empty input is {@code malformed}; any other first byte is
   * {@code unsupported} (no byte is ever skipped on a guess).
   */
  static int envelopeType(final byte[] b, final String what, final Reason malformed, final Reason unsupported) {
    if (b.length == 0) {
      throw new VerificationException(malformed, "empty " + what);
    }
    final int first = b[0] & 0xff;
    if (first >= 0xc0) {
      return 0;
    }
    if (first >= 1 && first <= 4) {
      return first;
    }
    throw new VerificationException(unsupported, what + " starts with 0x" + Integer.toHexString(first)
        + ": neither a supported EIP-2718 type (0x01-0x04) nor a legacy RLP list");
  }

  static RlpItem decodeList(final byte[] bytes, final int offset, final String what) {
    final RlpItem item = Rlp.decode(bytes, offset, bytes.length - offset);
    return item.asList(what);
  }

  /** rlp(index) as used for transaction, receipt and withdrawal trie keys. */
  static byte[] indexKey(final long index) {
    return RlpWriter.uint(index);
  }

  /** A QUANTITY that fits a uint64, returned as raw 64 bits. */
  static long uint64(final JsonNode obj, final String name) {
    return RpcJson.quantity(obj, name, 64).longValue();
  }

  /** A beacon-API decimal uint64, returned as raw 64 bits. */
  static long decimalU64(final JsonNode obj, final String name) {
    return RpcJson.decimal(obj, name, 64).longValue();
  }

  /** Unsigned 64-bit as a BigInteger. */
  static BigInteger unsigned(final long v) {
    return new BigInteger(Long.toUnsignedString(v));
  }

  /** A DATA member bounded in size. */
  static Bytes boundedData(final JsonNode obj, final String name, final int max) {
    final Bytes b = RpcJson.data(obj, name);
    if (b.size() > max) {
      throw new VerificationException(Reason.INPUT_MALFORMED, name + ": " + b.size() + " bytes exceeds the bound "
          + max);
    }
    return b;
  }

  /** Requires {@code n} to be a JSON object. */
  static JsonNode object(final JsonNode n, final String what) {
    if (n == null || !n.isObject()) {
      throw new VerificationException(Reason.INPUT_MALFORMED, what + ": expected a JSON object");
    }
    return n;
  }
}
