package io.trestle.lightclient.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.lightclient.config.Networks;
import io.trestle.lightclient.spec.UpdateRejection;
import io.trestle.lightclient.spec.UpdateResult;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import io.trestle.lightclient.store.StoreFile.WeakSubjectivity;

class WeakSubjectivityTest {
  @Test
  void defaultWindowIsFourteenDaysOfSlots() {
    // 14 days * 86400 s / 12 s per slot = 100800 slots = 3150 epochs of 32 slots (mainnet timing)
    final WeakSubjectivity ws = WeakSubjectivity.defaults(Networks.MAINNET);
    assertEquals(100_800, ws.maxAgeSlots());
    assertEquals(3_150, ws.maxAgeEpochs());
    // minimal: 6 s slots, 8-slot epochs
    assertEquals(201_600, WeakSubjectivity.defaults(Networks.MINIMAL).maxAgeSlots());
    assertEquals(256 * 32, WeakSubjectivity.ofEpochs(Networks.MAINNET, 256).maxAgeSlots());
    assertThrows(IllegalArgumentException.class, () -> WeakSubjectivity.ofEpochs(Networks.MAINNET, 0));
    assertThrows(IllegalArgumentException.class, () -> WeakSubjectivity.ofEpochs(Networks.MAINNET, Long.MAX_VALUE));
  }

  @Test
  void refusesOlderThanTheWindowUnlessOverridden() {
    final WeakSubjectivity ws = WeakSubjectivity.defaults(Networks.MAINNET);
    final long header = 11_000_000L;
    assertEquals(Optional.empty(), ws.check(header, header, false));
    assertEquals(Optional.empty(), ws.check(header, header + 100_800, false));
    final UpdateResult.Rejected r = ws.check(header, header + 100_801, false).orElseThrow();
    assertEquals(UpdateRejection.CHECKPOINT_TOO_OLD, r.reason());
    assertTrue(r.detail().contains("100801 slots (14.0 days)"), r.detail());
    assertTrue(r.detail().contains("window of 100800 slots"), r.detail());
    assertTrue(r.detail().contains("--allow-old-checkpoint"), r.detail());
    assertEquals(Optional.empty(), ws.check(header, header + 100_801, true));
    assertEquals(Optional.empty(), ws.check(header, header - 5, false), "a header ahead of the clock is not old");
    assertEquals(Optional.empty(), ws.check(-1, header, false));
  }

  @Test
  void currentSlotFromTheClock() {
    // mainnet genesis time 1606824023, 12 s slots
    assertEquals(100, WeakSubjectivity.currentSlot(Networks.MAINNET, Instant.ofEpochSecond(1606824023L + 1205)));
    assertEquals(0, WeakSubjectivity.currentSlot(Networks.MAINNET, Instant.ofEpochSecond(1_000_000_000L)));
  }
}
