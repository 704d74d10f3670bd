package io.trestle.lightclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.crypto.Address;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Keccak256;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Catalogue C42, C43, C45 and the finality rule of section 3.1 at the bridge adapter. */
class MessagePolicyTest {
  private static final Address BRIDGE = Address.fromHex("0x00000000219ab540356cbb839cbe05303d7705fa");
  // keccak("DepositEvent(bytes,bytes,bytes,bytes,bytes)"), the deposit contract's event (real mainnet topic0).
  private static final Hash32 DEPOSIT_EVENT =
      Hash32.fromHex("0x649bbc62d0e31342afea4e5cd82d4049e7e1ee912fc0889aa790803be39038c5");

  private static VerifiedMessage message(final Finality f, final Optional<Boolean> status, final Address emitter,
      final List<Hash32> topics) {
    return new VerifiedMessage(1, f, 100, 21925176, Hash32.fromHex("0x" + "11".repeat(32)), 39, 0, emitter, topics,
        Bytes.EMPTY, status);
  }

  private static Reason reason(final ProofResult<VerifiedMessage> r) {
    return ((ProofResult.Rejected<VerifiedMessage>) r).reason();
  }

  @Test
  void theEventSignatureConstantIsTheKeccakOfItsText() {
    assertEquals(DEPOSIT_EVENT,
        Keccak256.hash("DepositEvent(bytes,bytes,bytes,bytes,bytes)".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void acceptsTheExpectedFinalizedSuccessfulEvent() {
    final VerifiedMessage m = message(Finality.FINALIZED, Optional.of(true), BRIDGE, List.of(DEPOSIT_EVENT));
    assertTrue(MessagePolicy.of(BRIDGE, DEPOSIT_EVENT).check(m).isVerified());
  }

  @Test
  void c42_wrongEmitterOrEvent_logNotExpected() {
    final MessagePolicy p = MessagePolicy.of(BRIDGE, DEPOSIT_EVENT);
    final Address other = Address.fromHex("0x" + "22".repeat(20));
    assertEquals(Reason.LOG_NOT_EXPECTED,
        reason(p.check(message(Finality.FINALIZED, Optional.of(true), other, List.of(DEPOSIT_EVENT)))));
    assertEquals(Reason.LOG_NOT_EXPECTED, reason(p.check(message(Finality.FINALIZED, Optional.of(true), BRIDGE,
        List.of(Hash32.fromHex("0x" + "33".repeat(32)))))));
    assertEquals(Reason.LOG_NOT_EXPECTED,
        reason(p.check(message(Finality.FINALIZED, Optional.of(true), BRIDGE, List.of()))));
  }

  @Test
  void c43_failedOrStatuslessTransaction_txFailed() {
    final MessagePolicy p = MessagePolicy.of(BRIDGE, DEPOSIT_EVENT);
    assertEquals(Reason.TX_FAILED,
        reason(p.check(message(Finality.FINALIZED, Optional.of(false), BRIDGE, List.of(DEPOSIT_EVENT)))));
    assertEquals(Reason.TX_FAILED,
        reason(p.check(message(Finality.FINALIZED, Optional.empty(), BRIDGE, List.of(DEPOSIT_EVENT)))));
  }

  @Test
  void optimisticAnchorsNeedAnExplicitOptIn() {
    final VerifiedMessage m = message(Finality.OPTIMISTIC, Optional.of(true), BRIDGE, List.of(DEPOSIT_EVENT));
    assertEquals(Reason.NOT_FINALIZED, reason(MessagePolicy.of(BRIDGE, DEPOSIT_EVENT).check(m)));
    assertTrue(new MessagePolicy(Set.of(BRIDGE), Optional.of(DEPOSIT_EVENT), true).check(m).isVerified());
  }

  @Test
  void c45_sameMessageTwice_duplicate() {
    final MessagePolicy p = MessagePolicy.of(BRIDGE, DEPOSIT_EVENT);
    final Set<Hash32> ledger = new HashSet<>();
    final VerifiedMessage m = message(Finality.FINALIZED, Optional.of(true), BRIDGE, List.of(DEPOSIT_EVENT));
    assertTrue(p.checkNew(m, ledger::contains).isVerified());
    ledger.add(m.messageId());
    assertEquals(Reason.DUPLICATE_MESSAGE, reason(p.checkNew(m, ledger::contains)));
  }

  @Test
  void aPolicyNeedsAnEmitter() {
    assertThrows(IllegalArgumentException.class, () -> new MessagePolicy(Set.of(), Optional.empty(), false));
  }
}
