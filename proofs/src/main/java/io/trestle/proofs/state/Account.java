package io.trestle.proofs.state;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Keccak256;
import io.trestle.proofs.Reason;
import io.trestle.proofs.VerificationException;
import io.trestle.proofs.mpt.MptVerifier;
import io.trestle.proofs.rlp.Rlp;
import io.trestle.proofs.rlp.RlpItem;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * An Ethereum account as stored in the state trie: {@code rlp([nonce, balance, storageRoot, codeHash])}.
 *
 * <p>A value of this type says nothing by itself: it is verified only when it comes out of a {@link
 * VerifiedAccount} (the light client's {@code ExecutionVerifier.account}), whose verifier decodes it from a leaf
 * proven against a trusted state root. {@link
 * #decode(Bytes)} only checks the encoding (strict RLP, exactly four fields, canonical integers, 32-byte
 * hashes).
 *
 * @param nonce the nonce, a uint64 held in the raw 64 bits of a {@code long} (see {@link #nonceString()})
 * @param balance the balance in wei, a uint256
 * @param storageRoot the root of the account's storage trie
 * @param codeHash keccak of the account's code ({@link #EMPTY_CODE_HASH} for no code)
 */
public record Account(long nonce, BigInteger balance, Hash32 storageRoot, Hash32 codeHash) {
  /** keccak256 of the empty byte string: the code hash of an account without code. */
  public static final Hash32 EMPTY_CODE_HASH = Keccak256.hash(new byte[0]);

  /** The root of the empty storage trie. */
  public static final Hash32 EMPTY_STORAGE_ROOT = MptVerifier.EMPTY_TRIE_ROOT;

  private static final BigInteger UINT256_LIMIT = BigInteger.ONE.shiftLeft(256);

  /** An account; the balance must be a uint256 and no argument may be null. */
  public Account {
    Objects.requireNonNull(balance, "balance");
    Objects.requireNonNull(storageRoot, "storageRoot");
    Objects.requireNonNull(codeHash, "codeHash");
    if (balance.signum() < 0 || balance.compareTo(UINT256_LIMIT) >= 0) {
      throw new IllegalArgumentException("balance is not a uint256: " + balance);
    }
  }

  /** The nonce as an unsigned decimal string. */
  public String nonceString() {
    return Long.toUnsignedString(nonce);
  }

  /**
   * Decodes a state-trie leaf value strictly. Any defect (non-canonical RLP, not a list of exactly four
   * items, an integer with leading zeros or too wide, a hash that is not 32 bytes) is a {@link
   * VerificationException} with {@link Reason#ACCOUNT_MALFORMED} naming the field and the rule.
   */
  public static Account decode(final Bytes leafValue) {
    Objects.requireNonNull(leafValue, "leafValue");
    final byte[] enc = leafValue.toArray();
    try {
      final RlpItem item = Rlp.decode(enc);
      if (!item.isList()) {
        throw new VerificationException(Reason.ACCOUNT_MALFORMED, "account: expected an RLP list, got a string");
      }
      final List<RlpItem> f = item.items();
      if (f.size() != 4) {
        throw new VerificationException(
            Reason.ACCOUNT_MALFORMED, "account: expected a list of exactly 4 items, got " + f.size());
      }
      return new Account(
          f.get(0).asUInt64("account nonce"),
          f.get(1).asUnsigned("account balance", 32),
          f.get(2).asHash32("account storageRoot"),
          f.get(3).asHash32("account codeHash"));
    } catch (VerificationException e) {
      if (e.reason() == Reason.ACCOUNT_MALFORMED) {
        throw e;
      }
      throw new VerificationException(Reason.ACCOUNT_MALFORMED, e.reason() + " " + e.detail());
    }
  }
}
