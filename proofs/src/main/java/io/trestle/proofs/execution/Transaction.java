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
 * One transaction as its EIP-2718 encoding: type 0 (legacy, including EIP-155 {@code v}), 1
 * (EIP-2930), 2 (EIP-1559), 3 (EIP-4844) or 4 (EIP-7702); Amsterdam adds none (execution-specs {@code
 * forks/amsterdam}). The encoding is the value stored in the
 * transactions trie and {@link #hash()} is keccak256 of it, computed here.
 *
 * <p><b>Verified:</b> from JSON, every field is read strictly and the claimed {@code hash} must equal
 * keccak of the rebuilt encoding ({@code TRANSACTION_MALFORMED}); from raw bytes, the envelope type and
 * the RLP field count of that type. <b>Not verified:</b> signatures, sender, nonce or fee rules: a
 * transaction's validity is the chain's business, this class only binds bytes to a hash and a root.
 */
public record Transaction(int type, Bytes encoding, Hash32 hash) {
  private static final int[] FIELD_COUNTS = {9, 11, 12, 14, 13};

  /** Checks that {@code hash} is keccak256 of {@code encoding}. */
  public Transaction {
    Objects.requireNonNull(encoding, "encoding");
    Objects.requireNonNull(hash, "hash");
    if (type < 0 || type > 4) {
      throw new VerificationException(Reason.UNSUPPORTED_TX_TYPE, "transaction type " + type);
    }
    if (!Keccak256.hash(encoding.toArray()).equals(hash)) {
      throw new VerificationException(Reason.TRANSACTION_MALFORMED, "hash is not keccak256 of the encoding");
    }
  }

  /**
   * Validates raw EIP-2718 bytes (as in a beacon payload's {@code transactions}): a legacy RLP list of
   * 9 fields, or a type byte 1-4 followed by one RLP list of that type's field count. A type byte
   * outside 1-4 (below 0xc0) is {@code UNSUPPORTED_TX_TYPE}; any other defect {@code
   * TRANSACTION_MALFORMED}.
   */
  public static Transaction fromRaw(final Bytes raw) {
    Objects.requireNonNull(raw, "raw");
    final byte[] b = raw.toArray();
    final int type = Codec.envelopeType(b, "transaction", Reason.TRANSACTION_MALFORMED, Reason.UNSUPPORTED_TX_TYPE);
    Codec.wrap(Reason.TRANSACTION_MALFORMED, "type-" + type + " transaction", () -> {
      final RlpItem list = Codec.decodeList(b, type == 0 ? 0 : 1, "transaction");
      list.items(FIELD_COUNTS[type], "type-" + type + " transaction");
      return null;
    });
    return new Transaction(type, Bytes.of(b), Keccak256.hash(b));
  }

  /** {@link #fromRaw(Bytes)} as a result. */
  public static ProofResult<Transaction> tryFromRaw(final Bytes raw) {
    return ProofResult.of(() -> fromRaw(raw));
  }

  /**
   * Rebuilds the encoding from a full JSON-RPC transaction object (as in {@code eth_getBlockByHash}
   * with full transactions or {@code eth_getTransactionByHash}) and requires its claimed {@code hash}
   * to equal keccak of that encoding ({@code TRANSACTION_MALFORMED}). An unknown {@code type} is {@code
   * UNSUPPORTED_TX_TYPE}; a missing or malformed field is {@code INPUT_MALFORMED}.
   */
  public static Transaction fromJson(final JsonNode tx) {
    Codec.object(tx, "transaction");
    final BigInteger typeQ = RpcJson.optField(tx, "type").isPresent()
        ? RpcJson.quantity(tx, "type", 64) : BigInteger.ZERO;
    if (typeQ.compareTo(BigInteger.valueOf(4)) > 0) {
      throw new VerificationException(Reason.UNSUPPORTED_TX_TYPE, "transaction type 0x" + typeQ.toString(16));
    }
    final int type = typeQ.intValue();
    final byte[] enc = encodeJson(type, tx);
    final Hash32 computed = Keccak256.hash(enc);
    final Hash32 claimed = RpcJson.hash(tx, "hash");
    if (!computed.equals(claimed)) {
      throw new VerificationException(Reason.TRANSACTION_MALFORMED,
          "type-" + type + " transaction: keccak of the rebuilt encoding is " + computed + " but 'hash' claims "
              + claimed);
    }
    return new Transaction(type, Bytes.of(enc), computed);
  }

  /** {@link #fromJson(JsonNode)} as a result. */
  public static ProofResult<Transaction> tryFromJson(final JsonNode tx) {
    return ProofResult.of(() -> fromJson(tx));
  }

  /** The transactions root: the trie of rlp(index) to encoding. */
  public static Hash32 root(final List<Transaction> txs) {
    final TrieBuilder t = new TrieBuilder();
    for (int i = 0; i < txs.size(); i++) {
      t.put(Codec.indexKey(i), txs.get(i).encoding().toArray());
    }
    return t.root();
  }

  private static byte[] encodeJson(final int type, final JsonNode tx) {
    final List<byte[]> f = new ArrayList<>();
    if (type == 0) {
      f.add(q(tx, "nonce", 64));
      f.add(q(tx, "gasPrice", 256));
      f.add(q(tx, "gas", 64));
      f.add(to(tx, true));
      f.add(q(tx, "value", 256));
      f.add(RlpWriter.string(input(tx)));
      f.add(q(tx, "v", 256));
      f.add(q(tx, "r", 256));
      f.add(q(tx, "s", 256));
      return RlpWriter.list(f);
    }
    f.add(q(tx, "chainId", 256));
    f.add(q(tx, "nonce", 64));
    if (type == 1) {
      f.add(q(tx, "gasPrice", 256));
    } else {
      f.add(q(tx, "maxPriorityFeePerGas", 256));
      f.add(q(tx, "maxFeePerGas", 256));
    }
    f.add(q(tx, "gas", 64));
    f.add(to(tx, type <= 2));
    f.add(q(tx, "value", 256));
    f.add(RlpWriter.string(input(tx)));
    f.add(accessList(tx));
    if (type == 3) {
      f.add(q(tx, "maxFeePerBlobGas", 256));
      final List<byte[]> hashes = new ArrayList<>();
      final List<JsonNode> arr = RpcJson.array(tx, "blobVersionedHashes");
      for (int i = 0; i < arr.size(); i++) {
        hashes.add(RlpWriter.string(RpcJson.hashValue(arr.get(i), "blobVersionedHashes[" + i + "]")));
      }
      f.add(RlpWriter.list(hashes));
    }
    if (type == 4) {
      f.add(authorizationList(tx));
    }
    f.add(RlpWriter.uint(yParity(tx)));
    f.add(q(tx, "r", 256));
    f.add(q(tx, "s", 256));
    return RlpWriter.concat(new byte[] {(byte) type}, RlpWriter.list(f));
  }

  private static byte[] q(final JsonNode obj, final String name, final int bits) {
    return RlpWriter.uint(RpcJson.quantity(obj, name, bits));
  }

  private static byte[] to(final JsonNode tx, final boolean mayCreate) {
    final Optional<JsonNode> to = RpcJson.optField(tx, "to");
    if (to.isEmpty()) {
      if (!mayCreate) {
        throw new VerificationException(Reason.TRANSACTION_MALFORMED, "'to' is required for this transaction type");
      }
      return RlpWriter.string(new byte[0]);
    }
    return RlpWriter.string(RpcJson.addressValue(to.get(), "to"));
  }

  private static Bytes input(final JsonNode tx) {
    if (RpcJson.optField(tx, "input").isPresent()) {
      return RpcJson.data(tx, "input");
    }
    return RpcJson.data(tx, "data");
  }

  private static long yParity(final JsonNode tx) {
    final Optional<JsonNode> yp = RpcJson.optField(tx, "yParity");
    final Optional<JsonNode> v = RpcJson.optField(tx, "v");
    if (yp.isEmpty() && v.isEmpty()) {
      throw new VerificationException(Reason.INPUT_MALFORMED, "missing field 'yParity' (or 'v')");
    }
    final BigInteger y = yp.isPresent()
        ? RpcJson.quantityValue(yp.get(), "yParity", 8) : RpcJson.quantityValue(v.get(), "v", 8);
    if (y.compareTo(BigInteger.ONE) > 0) {
      throw new VerificationException(Reason.TRANSACTION_MALFORMED, "yParity must be 0 or 1, got " + y);
    }
    if (yp.isPresent() && v.isPresent() && !RpcJson.quantityValue(v.get(), "v", 256).equals(y)) {
      throw new VerificationException(Reason.TRANSACTION_MALFORMED, "'v' and 'yParity' disagree");
    }
    return y.longValue();
  }

  private static byte[] accessList(final JsonNode tx) {
    final List<byte[]> entries = new ArrayList<>();
    final List<JsonNode> arr = RpcJson.array(tx, "accessList");
    for (int i = 0; i < arr.size(); i++) {
      final JsonNode e = Codec.object(arr.get(i), "accessList[" + i + "]");
      final List<byte[]> keys = new ArrayList<>();
      final List<JsonNode> ks = RpcJson.array(e, "storageKeys");
      for (int j = 0; j < ks.size(); j++) {
        keys.add(RlpWriter.string(RpcJson.hashValue(ks.get(j), "accessList[" + i + "].storageKeys[" + j + "]")));
      }
      entries.add(RlpWriter.list(RlpWriter.string(RpcJson.address(e, "address")), RlpWriter.list(keys)));
    }
    return RlpWriter.list(entries);
  }

  private static byte[] authorizationList(final JsonNode tx) {
    final List<byte[]> entries = new ArrayList<>();
    final List<JsonNode> arr = RpcJson.array(tx, "authorizationList");
    for (int i = 0; i < arr.size(); i++) {
      final JsonNode a = Codec.object(arr.get(i), "authorizationList[" + i + "]");
      entries.add(RlpWriter.list(
          q(a, "chainId", 256),
          RlpWriter.string(RpcJson.address(a, "address")),
          q(a, "nonce", 64),
          q(a, "yParity", 8),
          q(a, "r", 256),
          q(a, "s", 256)));
    }
    return RlpWriter.list(entries);
  }
}
