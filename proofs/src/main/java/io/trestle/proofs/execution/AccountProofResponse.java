package io.trestle.proofs.execution;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Address;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import io.trestle.proofs.VerificationException;
import io.trestle.proofs.json.RpcJson;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An {@code eth_getProof} (EIP-1186) result as a relayer or node returned it. Nothing here is verified:
 * every field is a <i>claim</i> that {@link AccountProofVerifier} checks against a trusted state root.
 * Parsing only checks the JSON encoding (strict {@code QUANTITY}/{@code DATA} forms, sizes).
 *
 * @param address the account the proof is for
 * @param balance claimed balance (uint256)
 * @param nonce claimed nonce (uint64 in the raw bits of a {@code long})
 * @param codeHash claimed code hash
 * @param storageHash claimed storage root
 * @param accountProof the state-trie proof nodes, root first
 * @param storageProof the storage proofs
 */
public record AccountProofResponse(
    Address address,
    BigInteger balance,
    long nonce,
    Hash32 codeHash,
    Hash32 storageHash,
    List<Bytes> accountProof,
    List<StorageProof> storageProof) {

  /**
   * One claimed storage slot.
   *
   * @param key the slot, left-padded to 32 bytes
   * @param value the claimed value (uint256)
   * @param proof the storage-trie proof nodes, root first
   */
  public record StorageProof(Hash32 key, BigInteger value, List<Bytes> proof) {
    /** A claimed slot; the node list is copied. */
    public StorageProof {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      proof = List.copyOf(proof);
    }
  }

  /** A response; lists are copied. */
  public AccountProofResponse {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(balance, "balance");
    Objects.requireNonNull(codeHash, "codeHash");
    Objects.requireNonNull(storageHash, "storageHash");
    accountProof = List.copyOf(accountProof);
    storageProof = List.copyOf(storageProof);
  }

  /** Parses JSON text (a bare result or a full JSON-RPC response); any defect is {@code INPUT_MALFORMED}. */
  public static ProofResult<AccountProofResponse> parse(final String json) {
    Objects.requireNonNull(json, "json");
    return ProofResult.of(() -> fromJson(RpcJson.parse(json)));
  }

  /**
   * Reads a parsed result or full JSON-RPC response. Throws {@link VerificationException} with {@link
   * Reason#INPUT_MALFORMED} naming the field on any defect.
   *
   * <p>Storage keys appear in the wild both as quantities ({@code 0x0}) and as 32-byte data: any
   * {@code 0x}-prefixed hex string of 1 to 64 digits is accepted and left-padded to 32 bytes. Values
   * are strict {@code QUANTITY}s.
   */
  public static AccountProofResponse fromJson(final JsonNode node) {
    final JsonNode r = RpcJson.unwrapResult(Objects.requireNonNull(node, "node"));
    if (!r.isObject()) {
      throw new VerificationException(Reason.INPUT_MALFORMED, "eth_getProof result must be a JSON object");
    }
    final Address address = RpcJson.address(r, "address");
    final BigInteger balance = RpcJson.quantity(r, "balance", 256);
    final long nonce = RpcJson.quantity(r, "nonce", 64).longValue();
    final Hash32 codeHash = RpcJson.hash(r, "codeHash");
    final Hash32 storageHash = RpcJson.hash(r, "storageHash");
    final List<Bytes> accountProof = RpcJson.dataArray(RpcJson.field(r, "accountProof"), "accountProof");
    final List<JsonNode> entries = RpcJson.array(r, "storageProof");
    final List<StorageProof> storage = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      final String what = "storageProof[" + i + "]";
      final JsonNode e = entries.get(i);
      if (!e.isObject()) {
        throw new VerificationException(Reason.INPUT_MALFORMED, what + " must be a JSON object");
      }
      try {
        final Hash32 key = slotKey(RpcJson.field(e, "key"), "key");
        final BigInteger value = RpcJson.quantity(e, "value", 256);
        final List<Bytes> proof = RpcJson.dataArray(RpcJson.field(e, "proof"), "proof");
        storage.add(new StorageProof(key, value, proof));
      } catch (VerificationException ex) {
        throw ex.withContext(what);
      }
    }
    return new AccountProofResponse(address, balance, nonce, codeHash, storageHash, accountProof, storage);
  }

  /** A storage key: {@code 0x} and 1..64 hex digits (any case, leading zeros allowed), left-padded. */
  static Hash32 slotKey(final JsonNode n, final String what) {
    if (!n.isTextual()) {
      throw new VerificationException(Reason.INPUT_MALFORMED, what + ": storage key must be a hex string");
    }
    final String s = n.asText();
    if (s.length() < 3 || s.length() > 66 || s.charAt(0) != '0' || (s.charAt(1) != 'x' && s.charAt(1) != 'X')) {
      throw new VerificationException(
          Reason.INPUT_MALFORMED,
          what + ": storage key must be 0x and 1 to 64 hex digits, got '" + abbreviate(s) + "'");
    }
    final byte[] out = new byte[32];
    int nib = 63;
    for (int i = s.length() - 1; i >= 2; i--, nib--) {
      final int d = io.trestle.crypto.Hex.digit(s.charAt(i));
      if (d < 0) {
        throw new VerificationException(Reason.INPUT_MALFORMED, what + ": bad hex digit in storage key '" + s + "'");
      }
      out[nib / 2] |= (byte) ((nib & 1) == 1 ? d : d << 4);
    }
    return Hash32.of(out);
  }

  private static String abbreviate(final String s) {
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }
}
