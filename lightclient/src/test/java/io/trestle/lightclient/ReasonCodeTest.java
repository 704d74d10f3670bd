package io.trestle.lightclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.trestle.lightclient.source.SourceException.SourceError;
import io.trestle.lightclient.source.SourceException;
import io.trestle.lightclient.spec.IgnoreReason;
import io.trestle.lightclient.spec.UpdateRejection;
import io.trestle.proofs.Reason;
import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The namespaced reason codes are API: pinned as literal strings, and unique across namespaces. */
class ReasonCodeTest {
  @Test
  void codesAreNamespacedAndStable() {
    assertEquals("proof.RECEIPTS_ROOT_MISMATCH", ReasonCode.of(Reason.RECEIPTS_ROOT_MISMATCH));
    assertEquals("lightclient.SIGNATURE_INVALID", ReasonCode.of(UpdateRejection.SIGNATURE_INVALID));
    assertEquals("ignored.DUPLICATE", ReasonCode.of(IgnoreReason.DUPLICATE));
    assertEquals("source.TIMEOUT", ReasonCode.of(SourceError.TIMEOUT));
    assertEquals("undecided.NOT_FINAL_YET", ReasonCode.of(Outcome.Undecided.Why.NOT_FINAL_YET));
    assertEquals("sync.ALARM", ReasonCode.ALARM);
    // UNSUPPORTED_FORK exists in two vocabularies; the namespace tells them apart
    assertEquals("proof.UNSUPPORTED_FORK", ReasonCode.of(Reason.UNSUPPORTED_FORK));
    assertEquals("lightclient.UNSUPPORTED_FORK", ReasonCode.of(UpdateRejection.UNSUPPORTED_FORK));
  }

  @Test
  void outcomesMapToTheirCode() {
    assertEquals("proof.ANCESTRY_INVALID", ReasonCode.of(new Outcome.Rejected<>(Reason.ANCESTRY_INVALID, "x")));
    assertEquals("undecided.NOT_FINAL_YET", ReasonCode.of(new Outcome.Undecided<>(
        Outcome.Undecided.Why.NOT_FINAL_YET, "x", OptionalLong.of(5), Optional.empty())));
    assertEquals("source.NOT_FOUND", ReasonCode.of(new Outcome.Undecided<>(Outcome.Undecided.Why.SOURCE_FAILED, "x",
        OptionalLong.empty(), Optional.of(SourceException.general(SourceError.NOT_FOUND, "x")))));
    assertThrows(IllegalArgumentException.class, () -> ReasonCode.of(new Outcome.Verified<>("v")));
  }

  @Test
  void everyCodeIsUnique() {
    final Set<String> all = new HashSet<>();
    int n = 0;
    for (final Reason r : Reason.values()) {
      all.add(ReasonCode.of(r));
      n++;
    }
    for (final UpdateRejection r : UpdateRejection.values()) {
      all.add(ReasonCode.of(r));
      n++;
    }
    for (final SourceError e : SourceError.values()) {
      all.add(ReasonCode.of(e));
      n++;
    }
    assertEquals(n, all.size());
  }
}
