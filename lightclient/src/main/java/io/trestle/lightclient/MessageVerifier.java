package io.trestle.lightclient;

import io.trestle.crypto.Address;
import io.trestle.crypto.Bytes;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import io.trestle.proofs.execution.ReceiptProofVerifier;
import io.trestle.proofs.execution.VerifiedLog;
import io.trestle.proofs.state.AccountProofResponse;
import io.trestle.proofs.state.AccountProofVerifier;
import io.trestle.proofs.state.VerifiedAccount;
import java.util.List;
import java.util.Objects;

/**
 * The relayer's entry point: turns a verified {@link ExecutionAnchor} plus untrusted proofs into
 * verified messages, accounts and storage values. The trie keys ({@code rlp(txIndex)}, {@code
 * keccak(address)}, {@code keccak(slot)}) are derived here; the roots come only from the anchor.
 * Stateless and thread-safe.
 */
public final class MessageVerifier {
  private final long chainId;

  /** A verifier for messages of the chain with this id. */
  public MessageVerifier(final long chainId) {
    this.chainId = chainId;
  }

  /** A verifier for the light client's network ({@code DEPOSIT_CHAIN_ID}); empty if the config lacks it. */
  public static java.util.Optional<MessageVerifier> forClient(final LightClient client) {
    final java.util.OptionalLong id = client.config().depositChainId();
    return id.isPresent() ? java.util.Optional.of(new MessageVerifier(id.getAsLong())) : java.util.Optional.empty();
  }

  /** Proves log {@code logIndex} of the receipt at {@code txIndex} in the anchor's block. */
  public ProofResult<VerifiedMessage> verifyMessage(final ExecutionAnchor anchor, final long txIndex, final int logIndex,
      final List<Bytes> receiptProof) {
    Objects.requireNonNull(anchor, "anchor");
    Objects.requireNonNull(receiptProof, "receiptProof");
    if (anchor.receiptsRoot().isEmpty()) {
      return new ProofResult.Rejected<>(Reason.EXECUTION_HEADER_MISMATCH,
          "anchor has only a block hash; bind its RLP header with ExecutionAnchor.withHeader first");
    }
    return ReceiptProofVerifier.verifyLog(anchor.receiptsRoot().get(), txIndex, logIndex, receiptProof)
        .map((VerifiedLog l) -> new VerifiedMessage(chainId, anchor.finality(), anchor.beaconSlot(), anchor.blockNumber(),
            anchor.blockHash(), l.txIndex(), l.logIndex(), l.emitter(), l.log().topics(), l.log().data(), l.status()));
  }

  /** Proves an account (and the storage slots in the response) at the anchor's state root. */
  public ProofResult<VerifiedAccount> verifyAccount(final ExecutionAnchor anchor, final Address expected,
      final AccountProofResponse response) {
    Objects.requireNonNull(anchor, "anchor");
    if (anchor.stateRoot().isEmpty()) {
      return new ProofResult.Rejected<>(Reason.EXECUTION_HEADER_MISMATCH,
          "anchor has only a block hash; bind its RLP header with ExecutionAnchor.withHeader first");
    }
    return AccountProofVerifier.verify(anchor.stateRoot().get(), expected, response);
  }

  /** The chain id messages are stamped with. */
  public long chainId() {
    return chainId;
  }

}
