package io.trestle.proofs.execution;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Keccak256;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import io.trestle.proofs.VerificationException;
import io.trestle.proofs.json.RpcJson;
import io.trestle.proofs.mpt.TrieBuilder;
import io.trestle.proofs.rlp.RlpItem;
import io.trestle.proofs.rlp.RlpWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A transaction receipt as stored in the receipts trie: type 0-4, then either a status (Byzantium and
 * later) or a 32-byte post-state root (before Byzantium), the cumulative gas used, the logs bloom and
 * the logs. Unchanged by Amsterdam; there the cumulative gas used is the gas users paid (after refunds),
 * which EIP-7778 makes differ from the header's {@code gasUsed}.
 *
 * <p><b>Verified:</b> the structure (canonical RLP, 4 fields, 256-byte bloom, at most 4 topics of 32
 * bytes), and that the bloom equals the bloom recomputed from the logs ({@code RECEIPT_MALFORMED}).
 * <b>Not verified or policed:</b> whether the transaction succeeded: {@link #status()} is exposed for
 * the caller's policy.
 */
public record Receipt(
    int type, Optional<Boolean> status, Optional<Hash32> postStateRoot, long cumulativeGasUsed,
    Bytes logsBloom, List<Log> logs) {

  /** Checks the shape: exactly one of status and post-state root, a 256-byte bloom that matches the logs. */
  public Receipt {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(postStateRoot, "postStateRoot");
    Objects.requireNonNull(logsBloom, "logsBloom");
    logs = List.copyOf(logs);
    if (type < 0 || type > 4) {
      throw new VerificationException(Reason.UNSUPPORTED_RECEIPT_TYPE, "receipt type " + type);
    }
    if (status.isPresent() == postStateRoot.isPresent()) {
      throw new VerificationException(Reason.RECEIPT_MALFORMED, "exactly one of status and post-state root is required");
    }
    if (cumulativeGasUsed < 0) {
      throw new VerificationException(Reason.RECEIPT_MALFORMED, "cumulativeGasUsed exceeds 2^63-1");
    }
    if (logsBloom.size() != ExecutionHeader.BLOOM_SIZE) {
      throw new VerificationException(Reason.RECEIPT_MALFORMED, "logsBloom must be 256 bytes, got " + logsBloom.size());
    }
    // Compared in place: the recomputed bloom is a scratch array, the claimed one is read without a copy.
    if (!java.util.Arrays.equals(bloomArray(logs), READ_ONLY.array(logsBloom))) {
      throw new VerificationException(Reason.RECEIPT_MALFORMED, "logsBloom differs from the bloom of the receipt's logs");
    }
  }

  /**
   * The EIP-2718 encoding stored in the trie: rlp(fields) for legacy, type byte then rlp(fields) otherwise.
   * Written in one pass into one array of the exact size (the receipts-root rebuild of every streamed block
   * encodes every receipt, so this avoids an intermediate array per field, topic and log).
   */
  public byte[] encode() {
    return encode(type, status, postStateRoot, cumulativeGasUsed, logsBloom, logs);
  }

  /**
   * {@link #encode()} of the given fields, without building (and so without checking) a receipt: for {@link
   * BlockReceiptList}, which checks the encodings against a trusted root instead.
   */
  static byte[] encode(final int type, final Optional<Boolean> status, final Optional<Hash32> postStateRoot,
      final long cumulativeGasUsed, final Bytes logsBloom, final List<Log> logs) {
    final int n = logs.size();
    final int[] logPayload = new int[n];
    final int[] topicsPayload = new int[n];
    int logsPayload = 0;
    for (int i = 0; i < n; i++) {
      final Log l = logs.get(i);
      topicsPayload[i] = 33 * l.topics().size();
      final int p = 21 + RlpWriter.headerLength(topicsPayload[i]) + topicsPayload[i] + stringLength(l.data());
      logPayload[i] = p;
      logsPayload += RlpWriter.headerLength(p) + p;
    }
    final int body = (status.isPresent() ? 1 : 33) + RlpWriter.uintLength(cumulativeGasUsed)
        + 3 + ExecutionHeader.BLOOM_SIZE + RlpWriter.headerLength(logsPayload) + logsPayload;
    final int prefix = type == 0 ? 0 : 1;
    final byte[] out = new byte[prefix + RlpWriter.headerLength(body) + body];
    int pos = 0;
    if (prefix == 1) {
      out[pos++] = (byte) type;
    }
    pos = RlpWriter.writeHeader(out, pos, true, body);
    if (status.isPresent()) {
      out[pos++] = status.get() ? (byte) 0x01 : (byte) 0x80;
    } else {
      out[pos++] = (byte) 0xa0;
      postStateRoot.orElseThrow().copyTo(out, pos);
      pos += 32;
    }
    pos = RlpWriter.writeUint(out, pos, cumulativeGasUsed);
    pos = RlpWriter.writeHeader(out, pos, false, ExecutionHeader.BLOOM_SIZE);
    logsBloom.copyTo(out, pos);
    pos += ExecutionHeader.BLOOM_SIZE;
    pos = RlpWriter.writeHeader(out, pos, true, logsPayload);
    for (int i = 0; i < n; i++) {
      final Log l = logs.get(i);
      pos = RlpWriter.writeHeader(out, pos, true, logPayload[i]);
      out[pos++] = (byte) (0x80 + 20);
      l.address().copyTo(out, pos);
      pos += 20;
      pos = RlpWriter.writeHeader(out, pos, true, topicsPayload[i]);
      for (final Hash32 t : l.topics()) {
        out[pos++] = (byte) 0xa0;
        t.copyTo(out, pos);
        pos += 32;
      }
      pos = writeString(out, pos, l.data());
    }
    if (pos != out.length) {
      throw new IllegalStateException("receipt encoding size " + pos + " != " + out.length); // unreachable
    }
    return out;
  }

  private static int stringLength(final Bytes b) {
    return b.size() == 1 && (b.get(0) & 0xff) < 0x80 ? 1 : RlpWriter.headerLength(b.size()) + b.size();
  }

  private static int writeString(final byte[] out, final int pos, final Bytes b) {
    if (b.size() == 1 && (b.get(0) & 0xff) < 0x80) {
      out[pos] = b.get(0);
      return pos + 1;
    }
    final int p = RlpWriter.writeHeader(out, pos, false, b.size());
    b.copyTo(out, p);
    return p + b.size();
  }

  /**
   * Decodes a receipts-trie value. The first byte decides the form: 0xc0 and above is a legacy RLP
   * list, 0x01-0x04 a typed receipt; any other byte is {@code UNSUPPORTED_RECEIPT_TYPE} (no byte is
   * ever skipped on a guess). Structural defects are {@code RECEIPT_MALFORMED}.
   */
  public static Receipt decode(final byte[] value) {
    Objects.requireNonNull(value, "value");
    return decodeInPlace(value.clone());
  }

  /**
   * {@link #decode} of an array nobody can change while it is read (a private copy, or the backing array of an
   * immutable {@link Bytes}): read in place, never written; the receipt keeps copies of what it holds, never the
   * array.
   */
  static Receipt decodeInPlace(final byte[] b) {
    final int type = Codec.envelopeType(b, "receipt", Reason.RECEIPT_MALFORMED, Reason.UNSUPPORTED_RECEIPT_TYPE);
    return decodeFields(b, type);
  }

  private static final io.trestle.crypto.internal.ReadOnlyAccess READ_ONLY = io.trestle.crypto.internal.ReadOnlyAccess.obtain();

  private static Receipt decodeFields(final byte[] b, final int type) {
    return Codec.wrap(Reason.RECEIPT_MALFORMED, "type-" + type + " receipt", () -> {
      final List<RlpItem> f = Codec.decodeList(b, type == 0 ? 0 : 1, "receipt").items(4, "receipt");
      final RlpItem st = f.get(0);
      if (st.isList()) {
        throw new VerificationException(Reason.RECEIPT_MALFORMED, "status/post-state field is a list");
      }
      Optional<Boolean> status = Optional.empty();
      Optional<Hash32> root = Optional.empty();
      if (st.payloadLength() == 32) {
        root = Optional.of(st.asHash32("postStateRoot"));
      } else {
        final BigInteger s = st.asUnsigned("status", 1);
        if (s.compareTo(BigInteger.ONE) > 0) {
          throw new VerificationException(Reason.RECEIPT_MALFORMED, "status must be 0 or 1, got " + s);
        }
        status = Optional.of(s.signum() == 1);
      }
      final long cum = f.get(1).asLong("cumulativeGasUsed");
      final Bytes bloom = Bytes.of(f.get(2).bytesOfSize(ExecutionHeader.BLOOM_SIZE, "logsBloom"));
      final List<RlpItem> ls = f.get(3).asList("logs").items();
      final List<Log> logs = new ArrayList<>(ls.size());
      for (int i = 0; i < ls.size(); i++) {
        logs.add(Log.fromRlp(ls.get(i), i));
      }
      return new Receipt(type, status, root, cum, bloom, logs);
    });
  }

  /** {@link #decode(byte[])} as a result. */
  public static ProofResult<Receipt> tryDecode(final byte[] value) {
    return ProofResult.of(() -> decode(value));
  }

  /**
   * From an {@code eth_getBlockReceipts}/{@code eth_getTransactionReceipt} object: {@code type}
   * (absent means 0), {@code status} or {@code root}, {@code cumulativeGasUsed}, {@code logsBloom},
   * {@code logs}. The claimed bloom must equal the bloom of the logs ({@code RECEIPT_MALFORMED}).
   */
  public static Receipt fromJson(final JsonNode r) {
    final Unchecked u = readJson(r);
    return new Receipt(u.type(), u.status(), u.postStateRoot(), u.cumulativeGasUsed(), u.logsBloom(), u.logs());
  }

  /**
   * A JSON receipt's fields read exactly as strictly as {@link #fromJson} reads them, except that the bloom is
   * not yet compared with the logs (the record constructor does that). Only {@link BlockReceiptList} holds
   * these, and only until the block's receipts root is checked.
   */
  record Unchecked(int type, Optional<Boolean> status, Optional<Hash32> postStateRoot, long cumulativeGasUsed,
      Bytes logsBloom, List<Log> logs) {
    byte[] encode() {
      return Receipt.encode(type, status, postStateRoot, cumulativeGasUsed, logsBloom, logs);
    }
  }

  static Unchecked readJson(final JsonNode r) {
    Codec.object(r, "receipt");
    final BigInteger typeQ = RpcJson.optField(r, "type").isPresent() ? RpcJson.quantity(r, "type", 64) : BigInteger.ZERO;
    if (typeQ.compareTo(BigInteger.valueOf(4)) > 0) {
      throw new VerificationException(Reason.UNSUPPORTED_RECEIPT_TYPE, "receipt type 0x" + typeQ.toString(16));
    }
    final Optional<JsonNode> st = RpcJson.optField(r, "status");
    final Optional<JsonNode> root = RpcJson.optField(r, "root");
    if (st.isPresent() == root.isPresent()) {
      throw new VerificationException(Reason.INPUT_MALFORMED, "receipt needs exactly one of 'status' and 'root'");
    }
    Optional<Boolean> status = Optional.empty();
    if (st.isPresent()) {
      final BigInteger s = RpcJson.quantityValue(st.get(), "status", 8);
      if (s.compareTo(BigInteger.ONE) > 0) {
        throw new VerificationException(Reason.RECEIPT_MALFORMED, "status must be 0x0 or 0x1, got 0x" + s.toString(16));
      }
      status = Optional.of(s.signum() == 1);
    }
    final List<JsonNode> ls = RpcJson.array(r, "logs");
    final List<Log> logs = new ArrayList<>(ls.size());
    for (int i = 0; i < ls.size(); i++) {
      logs.add(Log.fromJson(ls.get(i), "logs[" + i + "]"));
    }
    final Optional<Hash32> postState = root.map(n -> RpcJson.hashValue(n, "root"));
    final long cumulative = RpcJson.quantityLong(r, "cumulativeGasUsed");
    final Bytes bloom = RpcJson.fixed(r, "logsBloom", ExecutionHeader.BLOOM_SIZE);
    // The checks of the record constructor, but the bloom's (Unchecked holds what it was given).
    if (status.isPresent() == postState.isPresent()) {
      throw new VerificationException(Reason.RECEIPT_MALFORMED, "exactly one of status and post-state root is required");
    }
    if (cumulative < 0) {
      throw new VerificationException(Reason.RECEIPT_MALFORMED, "cumulativeGasUsed exceeds 2^63-1");
    }
    return new Unchecked(typeQ.intValue(), status, postState, cumulative, bloom, List.copyOf(logs));
  }

  /** {@link #fromJson(JsonNode)} as a result. */
  public static ProofResult<Receipt> tryFromJson(final JsonNode r) {
    return ProofResult.of(() -> fromJson(r));
  }

  /** The receipts root of a block's full receipt list: the trie of rlp(i) to {@link #encode()}. */
  public static Hash32 root(final List<Receipt> receipts) {
    final TrieBuilder t = new TrieBuilder();
    for (int i = 0; i < receipts.size(); i++) {
      t.put(Codec.indexKey(i), receipts.get(i).encode());
    }
    return t.root();
  }

  /** The 2048-bit logs bloom of {@code logs} (Yellow Paper M3:2048 over addresses and topics). */
  public static Bytes bloom(final List<Log> logs) {
    return Bytes.of(bloomArray(logs));
  }

  private static byte[] bloomArray(final List<Log> logs) {
    final byte[] bloom = new byte[ExecutionHeader.BLOOM_SIZE];
    final byte[] item = new byte[32]; // scratch: one address or topic at a time
    final long[] lanes = new long[25];
    final byte[] h = new byte[32];
    for (final Log l : logs) {
      l.address().copyTo(item, 0);
      addToBloom(bloom, item, 20, lanes, h);
      for (final Hash32 t : l.topics()) {
        t.copyTo(item, 0);
        addToBloom(bloom, item, 32, lanes, h);
      }
    }
    return bloom;
  }

  private static void addToBloom(final byte[] bloom, final byte[] item, final int length, final long[] lanes,
      final byte[] h) {
    Keccak256.digestInto(item, 0, length, lanes, h);
    for (int i = 0; i < 6; i += 2) {
      final int bit = (((h[i] & 0xff) << 8) | (h[i + 1] & 0xff)) & 2047;
      bloom[ExecutionHeader.BLOOM_SIZE - 1 - bit / 8] |= (byte) (1 << (bit % 8));
    }
  }
}
