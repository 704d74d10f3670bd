package io.trestle.lightclient;

import io.trestle.crypto.Address;
import io.trestle.crypto.Hash32;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A bridge adapter's acceptance policy on top of a {@link VerifiedMessage}: the proof says the log
 * exists; the policy says whether it is a message this bridge acts on. Checks, in order: finality
 * ({@code NOT_FINALIZED} unless optimistic anchors are explicitly allowed), transaction success ({@code
 * TX_FAILED}; a pre-Byzantium receipt without status fails too), the emitter ({@code LOG_NOT_EXPECTED})
 * and the event signature ({@code topic0}, {@code LOG_NOT_EXPECTED}). Duplicates are the caller's ledger's
 * job; {@link #checkNew} takes a "seen" predicate over {@link VerifiedMessage#messageId()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param emitters the contracts whose logs are accepted (at least one)
 * @param eventSignature the expected {@code topic0} (keccak of the event signature), if any
 * @param allowOptimistic WARNING: true accepts messages on optimistic headers (not final)
 */
public record MessagePolicy(Set<Address> emitters, Optional<Hash32> eventSignature, boolean allowOptimistic) {
  /** Copies the set; requires at least one emitter. */
  public MessagePolicy {
    emitters = Set.copyOf(emitters);
    if (emitters.isEmpty()) {
      throw new IllegalArgumentException("a policy needs at least one accepted emitter");
    }
    Objects.requireNonNull(eventSignature, "eventSignature");
  }

  /** Finalized messages of one contract with one event signature. */
  public static MessagePolicy of(final Address emitter, final Hash32 eventSignature) {
    return new MessagePolicy(Set.of(emitter), Optional.of(eventSignature), false);
  }

  /** The message if it satisfies the policy, else the violated rule. */
  public ProofResult<VerifiedMessage> check(final VerifiedMessage m) {
    Objects.requireNonNull(m, "message");
    if (m.finality() != Finality.FINALIZED && !allowOptimistic) {
      return reject(Reason.NOT_FINALIZED, "message is anchored on an optimistic header (block " + m.blockNumber() + ")");
    }
    if (!m.txSucceeded().orElse(false)) {
      return reject(Reason.TX_FAILED, m.txSucceeded().isEmpty() ? "receipt has no status (pre-Byzantium)"
          : "transaction " + m.txIndex() + " of block " + m.blockNumber() + " failed (status 0)");
    }
    if (!emitters.contains(m.emitter())) {
      return reject(Reason.LOG_NOT_EXPECTED, "emitter " + m.emitter() + " is not an accepted contract");
    }
    if (eventSignature.isPresent() && (m.topics().isEmpty() || !m.topics().get(0).equals(eventSignature.get()))) {
      return reject(Reason.LOG_NOT_EXPECTED, "topic0 " + (m.topics().isEmpty() ? "(none)" : m.topics().get(0))
          + " is not the expected event " + eventSignature.get());
    }
    return new ProofResult.Verified<>(m);
  }

  /** {@link #check}, then {@code DUPLICATE_MESSAGE} if {@code seen} already holds the message id. */
  public ProofResult<VerifiedMessage> checkNew(final VerifiedMessage m, final java.util.function.Predicate<Hash32> seen) {
    final ProofResult<VerifiedMessage> r = check(m);
    if (r.isVerified() && seen.test(m.messageId())) {
      return reject(Reason.DUPLICATE_MESSAGE, "message " + m.messageId() + " was already accepted");
    }
    return r;
  }

  private static ProofResult<VerifiedMessage> reject(final Reason reason, final String detail) {
    return new ProofResult.Rejected<>(reason, detail);
  }
}
