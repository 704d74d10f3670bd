package io.trestle.testkit.assertions;

import static io.trestle.testkit.assertions.TrestleAssertions.assertApplied;
import static io.trestle.testkit.assertions.TrestleAssertions.assertIgnored;
import static io.trestle.testkit.assertions.TrestleAssertions.assertRejected;
import static io.trestle.testkit.assertions.TrestleAssertions.assertStoreUnchanged;
import static io.trestle.testkit.assertions.TrestleAssertions.assertVerified;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.lightclient.LightClient;
import io.trestle.lightclient.bls.SyncCommitteeVerifier;
import io.trestle.lightclient.spec.IgnoreReason;
import io.trestle.lightclient.spec.UpdateRejection;
import io.trestle.lightclient.spec.UpdateResult;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import io.trestle.testkit.devnet.DevnetChain;
import org.junit.jupiter.api.Test;

/** Each helper passes on the expected variant and reason and fails, naming what came, on anything else. */
class TrestleAssertionsTest {
  private static final UpdateResult REJECTED = new UpdateResult.Rejected(UpdateRejection.SIGNATURE_INVALID, "sig");
  private static final UpdateResult IGNORED = new UpdateResult.Ignored(IgnoreReason.NOT_RELEVANT, "old");

  @Test
  void updateResults() {
    assertSame(REJECTED, assertRejected(REJECTED, UpdateRejection.SIGNATURE_INVALID));
    final AssertionError wrongReason = assertThrows(AssertionError.class,
        () -> assertRejected(REJECTED, UpdateRejection.BAD_SLOT));
    assertTrue(wrongReason.getMessage().contains("SIGNATURE_INVALID"), wrongReason.getMessage());
    assertThrows(AssertionError.class, () -> assertRejected(IGNORED, UpdateRejection.SIGNATURE_INVALID));
    assertThrows(AssertionError.class, () -> assertApplied(REJECTED));
    assertThrows(AssertionError.class, () -> assertApplied(IGNORED));
    assertSame(IGNORED, assertIgnored(IGNORED, IgnoreReason.NOT_RELEVANT));
    assertThrows(AssertionError.class, () -> assertIgnored(REJECTED, IgnoreReason.NOT_RELEVANT));
  }

  @Test
  void proofResults() {
    final ProofResult<String> ok = new ProofResult.Verified<>("value");
    final ProofResult<String> bad = new ProofResult.Rejected<>(Reason.MPT_ROOT_MISMATCH, "node 0");
    assertEquals("value", assertVerified(ok));
    assertThrows(AssertionError.class, () -> assertVerified(bad));
    assertSame(bad, assertRejected(bad, Reason.MPT_ROOT_MISMATCH));
    assertThrows(AssertionError.class, () -> assertRejected(bad, Reason.INPUT_MALFORMED));
    assertThrows(AssertionError.class, () -> assertRejected(ok, Reason.MPT_ROOT_MISMATCH));
  }

  @Test
  void storeUnchanged() {
    final DevnetChain chain = DevnetChain.generate(3);
    final LightClient lc = LightClient.initialize(chain.config(), SyncCommitteeVerifier.create(),
        chain.checkpointRoot(), chain.bootstrap()).client();
    // a rejection leaves the store as it was
    final UpdateResult r = assertStoreUnchanged(lc, () -> lc.processUpdate(chain.updates().get(0), 0));
    assertRejected(r, UpdateRejection.FUTURE_SLOT);
    // an applied update changes it, and the helper says so
    final AssertionError e = assertThrows(AssertionError.class,
        () -> assertStoreUnchanged(lc, () -> lc.processUpdate(chain.updates().get(0), chain.currentSlot())));
    assertTrue(e.getMessage().contains("the store changed"), e.getMessage());
  }
}
