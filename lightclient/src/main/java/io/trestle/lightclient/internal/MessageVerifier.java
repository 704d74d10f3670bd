package io.trestle.lightclient.internal;

import io.trestle.crypto.Address;
import io.trestle.crypto.Bytes;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import io.trestle.proofs.execution.ReceiptProofVerifier;
import io.trestle.proofs.execution.VerifiedLog;
import io.trestle.proofs.execution.AccountProofResponse;
import io.trestle.proofs.execution.AccountProofVerifier;
import io.trestle.proofs.state.VerifiedAccount;
import java.util.List;
import java.util.Objects;
import io.trestle.lightclient.ExecutionAnchor;
import io.trestle.lightclient.VerifiedMessage;
import io.trestle.lightclient.ExecutionVerifier;

/**
 * Internal (not exported): the proof step of {@link ExecutionVerifier}, which is the one way in for callers.
 * Turns a verified {@link ExecutionAnchor} plus untrusted proofs (already fetched) into verified messages and
 * accounts. The trie keys ({@code rlp(txIndex)}, {@code keccak(address)}, {@code
 * keccak(slot)}) are derived here; the roots and the chain id come only from the anchor.
 *
 * <p>Trusted: nothing but the anchor. Stateless and thread-safe.
 */
public final class MessageVerifier {
  private MessageVerifier() {}

  /**
   * Proves log {@code logIndex} (position inside the receipt) of the receipt at {@code txIndex} in the anchor's
   * block. {@code CHAIN_ID_UNKNOWN} when the anchor's network has no chain id; {@code EXECUTION_HEADER_MISMATCH}
   * for a hash-only anchor (bind its header with {@link ExecutionAnchor#withHeader} first).
   */
  public static ProofResult<VerifiedMessage> verifyMessage(final ExecutionAnchor anchor, final long txIndex,
      final int logIndex, final List<Bytes> receiptProof) {
    Objects.requireNonNull(anchor, "anchor");
    Objects.requireNonNull(receiptProof, "receiptProof");
    if (anchor.receiptsRoot().isEmpty()) {
      return new ProofResult.Rejected<>(Reason.EXECUTION_HEADER_MISMATCH,
          "anchor has only a block hash; bind its RLP header with ExecutionAnchor.withHeader first");
    }
    if (anchor.chainId().isEmpty()) {
      return new ProofResult.Rejected<>(Reason.CHAIN_ID_UNKNOWN,
          "the network the anchor was verified on has no DEPOSIT_CHAIN_ID (the RPC's eth_chainId is not trusted)");
    }
    final long chainId = anchor.chainId().getAsLong();
    return ReceiptProofVerifier.verifyLog(anchor.receiptsRoot().get(), txIndex, logIndex, receiptProof)
        .map((VerifiedLog l) -> Trusted.messages().message(chainId, anchor.finality(), anchor.beaconSlot(),
            anchor.blockNumber(), anchor.blockHash(), l.txIndex(), l.logIndex(), l.emitter(), l.log().topics(),
            l.log().data(), l.status()));
  }

  /** Proves an account (and the storage slots in the response) at the anchor's state root. */
  public static ProofResult<VerifiedAccount> verifyAccount(final ExecutionAnchor anchor, final Address expected,
      final AccountProofResponse response) {
    Objects.requireNonNull(anchor, "anchor");
    if (anchor.stateRoot().isEmpty()) {
      return new ProofResult.Rejected<>(Reason.EXECUTION_HEADER_MISMATCH,
          "anchor has only a block hash; bind its RLP header with ExecutionAnchor.withHeader first");
    }
    return AccountProofVerifier.verify(anchor.stateRoot().get(), expected, response);
  }
}
