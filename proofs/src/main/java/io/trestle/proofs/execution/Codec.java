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
