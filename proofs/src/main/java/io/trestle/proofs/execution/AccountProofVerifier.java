package io.trestle.proofs.execution;

import io.trestle.crypto.Address;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Keccak256;
import io.trestle.crypto.internal.ReadOnlyAccess;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import io.trestle.proofs.VerificationException;
import io.trestle.proofs.mpt.MptVerifier;
import io.trestle.proofs.state.Account;
import io.trestle.proofs.state.VerifiedAccount;
import io.trestle.proofs.state.VerifiedSlot;
import io.trestle.proofs.mpt.TrieLookup;
import io.trestle.proofs.rlp.Rlp;
import io.trestle.proofs.rlp.RlpItem;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies an EIP-1186 {@code eth_getProof} response against a state root the caller trusts (taken,
 * for example, from a verified execution header). Trusted: only the state root (and, in the
 * three-argument form, the expected address). Verified: everything in the response.
 *
 * <ul>
 *   <li>The account proof is checked with the trie key {@code keccak(address)}, derived here; a relayer
 *       cannot supply a pre-hashed key.
 *   <li>A present account's leaf is decoded strictly ({@link Account#decode}); each claimed field
 *       (nonce, balance, storageHash, codeHash) must equal the proven one, else {@code
 *       ACCOUNT_FIELD_MISMATCH} naming the field and both values.
 *   <li>A proven-absent account yields an empty {@link VerifiedAccount#account()} (never a zeroed account). Its
 *       claimed fields must be the values clients return for a missing account (nonce 0, balance 0, the
 *       empty trie root or zero, keccak of empty code or zero: geth reports zero hashes); any other claim
 *       is {@code ACCOUNT_FIELD_MISMATCH}.
 *   <li>Each storage proof is checked against the <i>verified</i> storage root (the empty trie root for
 *       an absent account) with key {@code keccak(pad32(slot))}. A present slot's leaf must be the RLP of
 *       a minimal non-zero uint256 ({@code ACCOUNT_MALFORMED} otherwise); an absent slot is zero. The
 *       claimed value must equal the proven one ({@code STORAGE_VALUE_MISMATCH}).
 * </ul>
 *
 * <p>Never throws on untrusted input: every defect is a {@link ProofResult.Rejected}. Stateless and
 * thread-safe.
 */
public final class AccountProofVerifier {
  private AccountProofVerifier() {}

  /** Verifies {@code response} against {@code stateRoot}. */
  public static ProofResult<VerifiedAccount> verify(final Hash32 stateRoot, final AccountProofResponse response) {
    Objects.requireNonNull(stateRoot, "stateRoot");
    Objects.requireNonNull(response, "response");
    return ProofResult.of(() -> check(stateRoot, response));
  }

  /**
   * Verifies {@code response} against {@code stateRoot} and requires it to be about {@code expected}
   * ({@code ACCOUNT_ADDRESS_MISMATCH} otherwise).
   */
  public static ProofResult<VerifiedAccount> verify(
      final Hash32 stateRoot, final Address expected, final AccountProofResponse response) {
    Objects.requireNonNull(stateRoot, "stateRoot");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(response, "response");
    return ProofResult.of(
        () -> {
          if (!expected.equals(response.address())) {
            throw new VerificationException(
                Reason.ACCOUNT_ADDRESS_MISMATCH,
                "response is for " + response.address() + ", expected " + expected);
          }
          return check(stateRoot, response);
        });
  }

  private static VerifiedAccount check(final Hash32 stateRoot, final AccountProofResponse r) {
    final byte[] accountKey = Keccak256.hash(r.address().toArray()).toArray();
    final TrieLookup lookup;
    try {
      lookup = MptVerifier.lookup(
          stateRoot, accountKey, toArrays(r.accountProof()), MptVerifier.DEFAULT_MAX_PROOF_BYTES);
    } catch (VerificationException e) {
      throw e.withContext("account proof of " + r.address());
    }
    final Optional<Account> state;
    final Account proven;
    if (lookup instanceof TrieLookup.Present p) {
      proven = Account.decode(p.value());
      state = Optional.of(proven);
    } else {
      // The empty values of a missing account; anything else (but the zero hashes below) is a false claim.
      proven = new Account(0, BigInteger.ZERO, Account.EMPTY_STORAGE_ROOT, Account.EMPTY_CODE_HASH);
      state = Optional.empty();
    }
    final String whose =
        state.isPresent() ? "proven account" : "proven-absent account (expects empty values or zero)";
    if (r.nonce() != proven.nonce()) {
      throw fieldMismatch("nonce", Long.toUnsignedString(r.nonce()), proven.nonceString(), whose);
    }
    if (!r.balance().equals(proven.balance())) {
      throw fieldMismatch("balance", r.balance().toString(), proven.balance().toString(), whose);
    }
    // geth reports zero hashes for a missing account (GetCodeHash/GetStorageRoot of no object); other
    // clients the empty values. Either is accepted for a proven absence; the zero is never used as a root.
    final boolean absentZero = !state.isPresent();
    if (!r.storageHash().equals(proven.storageRoot()) && !(absentZero && r.storageHash().equals(Hash32.ZERO))) {
      throw fieldMismatch("storageHash", r.storageHash().toString(), proven.storageRoot().toString(), whose);
    }
    if (!r.codeHash().equals(proven.codeHash()) && !(absentZero && r.codeHash().equals(Hash32.ZERO))) {
      throw fieldMismatch("codeHash", r.codeHash().toString(), proven.codeHash().toString(), whose);
    }
    final List<VerifiedSlot> slots = new ArrayList<>(r.storageProof().size());
    for (int i = 0; i < r.storageProof().size(); i++) {
      try {
        slots.add(checkSlot(proven.storageRoot(), r.storageProof().get(i)));
      } catch (VerificationException e) {
        throw e.withContext("storageProof[" + i + "]");
      }
    }
    return StateResults.factory().account(r.address(), state, slots);
  }

  private static VerifiedSlot checkSlot(final Hash32 storageRoot, final AccountProofResponse.StorageProof sp) {
    final byte[] key = Keccak256.hash(sp.key().toArray()).toArray();
    final TrieLookup lookup =
        MptVerifier.lookup(storageRoot, key, toArrays(sp.proof()), MptVerifier.DEFAULT_MAX_PROOF_BYTES);
    final BigInteger proven;
    final boolean present;
    if (lookup instanceof TrieLookup.Present p) {
      proven = decodeSlotValue(p.value());
      present = true;
    } else {
      proven = BigInteger.ZERO;
      present = false;
    }
    if (!sp.value().equals(proven)) {
      throw new VerificationException(
          Reason.STORAGE_VALUE_MISMATCH,
          "slot " + sp.key() + ": claimed value 0x" + sp.value().toString(16) + " but the proof shows "
              + (present ? "0x" + proven.toString(16) : "the slot absent (value 0)"));
    }
    return StateResults.factory().slot(sp.key(), proven, present);
  }

  /** A storage leaf: rlp(minimal big-endian non-zero uint256). */
  private static BigInteger decodeSlotValue(final Bytes leaf) {
    final BigInteger v;
    try {
      final RlpItem item = Rlp.decode(leaf.toArray());
      v = item.asUnsigned("storage value", 32);
    } catch (VerificationException e) {
      throw new VerificationException(Reason.ACCOUNT_MALFORMED, "storage leaf: " + e.reason() + " " + e.detail());
    }
    if (v.signum() == 0) {
      throw new VerificationException(
          Reason.ACCOUNT_MALFORMED, "storage leaf holds zero (zero slots are deleted from the trie)");
    }
    return v;
  }

  private static VerificationException fieldMismatch(
      final String field, final String claimed, final String proven, final String whose) {
    return new VerificationException(
        Reason.ACCOUNT_FIELD_MISMATCH, field + ": claimed " + claimed + " but the " + whose + " has " + proven);
  }

  private static final ReadOnlyAccess READ_ONLY = ReadOnlyAccess.obtain();

  /** Read-only views of the (immutable) proof nodes; the lookup never writes them and copies out its value. */
  private static byte[][] toArrays(final List<Bytes> proof) {
    MptVerifier.requireWithinBounds(proof, MptVerifier.DEFAULT_MAX_PROOF_BYTES);
    final byte[][] nodes = new byte[proof.size()][];
    for (int i = 0; i < nodes.length; i++) {
      nodes[i] = READ_ONLY.array(proof.get(i));
    }
    return nodes;
  }
}
