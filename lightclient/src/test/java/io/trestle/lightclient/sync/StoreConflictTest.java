package io.trestle.lightclient.sync;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.source.Endpoint;
import io.trestle.lightclient.spec.LightClientStore;
import io.trestle.lightclient.types.BeaconBlockHeader;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.types.LightClientHeader;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.config.ChainConfig.Preset;
import io.trestle.lightclient.types.SyncAggregate;
import io.trestle.lightclient.types.SyncCommittee;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import io.trestle.lightclient.sync.SyncDriver.Alarm;

/** A finality update that contradicts the store's own finalized header (same slot, other header) is an alarm. */
class StoreConflictTest {
  private static final Hash32 A = Hash32.fromHex("0x" + "aa".repeat(32));
  private static final Hash32 B = Hash32.fromHex("0x" + "bb".repeat(32));

  private static LightClientHeader header(final long slot, final Hash32 body) {
    return LightClientHeader.beaconOnly(Fork.ALTAIR, new BeaconBlockHeader(slot, 1, A, A, body));
  }

  private static LightClientStore store(final LightClientHeader finalized) {
    final SyncCommittee c = SyncCommittee.empty(Preset.MINIMAL);
    return new LightClientStore(Fork.ALTAIR, finalized, c, Hash32.ZERO, Optional.empty(), Optional.empty(),
        Optional.empty(), finalized, 0, 0);
  }

  private static LightClientUpdate finalityUpdate(final LightClientHeader finalized, final boolean finality) {
    return new LightClientUpdate(header(finalized.beacon().slot() + 10, A), SyncCommittee.empty(Preset.MINIMAL),
        Collections.nCopies(5, Hash32.ZERO), finalized,
        finality ? Collections.nCopies(6, B) : Collections.nCopies(6, Hash32.ZERO),
        new SyncAggregate(Bytes.of(new byte[4]), Bytes.of(new byte[96])), finalized.beacon().slot() + 11);
  }

  @Test
  void sameSlotDifferentFinalizedHeaderIsAConflict() {
    final LightClientStore s = store(header(64, A));
    assertTrue(SyncDriver.conflictWithStore(s, finalityUpdate(header(64, B), true)).isPresent());
  }

  @Test
  void sameHeaderOrOtherSlotOrNoFinalityIsNot() {
    final LightClientStore s = store(header(64, A));
    assertTrue(SyncDriver.conflictWithStore(s, finalityUpdate(header(64, A), true)).isEmpty());
    assertTrue(SyncDriver.conflictWithStore(s, finalityUpdate(header(72, B), true)).isEmpty());
    assertTrue(SyncDriver.conflictWithStore(s, finalityUpdate(header(64, B), false)).isEmpty());
  }

  @Test
  void anAlarmHasExactlyOneKindOfCounterpart() {
    final LightClientUpdate u = finalityUpdate(header(64, B), true);
    final Endpoint e = Endpoint.of("http://127.0.0.1:1");
    Alarm.againstStore("finality update", e, u, header(64, A), "x");
    Alarm.between("finality update", e, u, e, u, "x");
    assertThrows(IllegalArgumentException.class, () -> new Alarm("f", e, u, Optional.empty(), Optional.empty(),
        Optional.empty(), "x"));
  }
}
