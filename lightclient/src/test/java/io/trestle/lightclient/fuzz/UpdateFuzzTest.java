package io.trestle.lightclient.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.LightClient;
import io.trestle.lightclient.spec.LightClientStore;
import io.trestle.lightclient.spec.UpdateRejection;
import io.trestle.lightclient.spec.UpdateResult;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.config.ChainConfig.Preset;
import io.trestle.proofs.ssz.SszException;
import java.util.HashSet;
import java.util.Set;

/**
 * Fuzz target: light-client update validation and processing against a fixed store (real mainnet
 * data, period 863 with the next committee known; the real BLS verifier). The input is an SSZ
 * {@code LightClientUpdate} of the data's fork (seeds: the real updates of periods 862-867).
 *
 * <p>Oracle: decoding fails only with {@link SszException}; processing never yields INTERNAL_ERROR; a
 * rejected or ignored update leaves the client's store identical; an applied update has the attested
 * header of a real update (no BLS forgery), and every header the store then holds as finalized is the
 * fixed store's or a real update's finalized header.
 */
class UpdateFuzzTest {
  private static final Set<Hash32> REAL_ATTESTED = new HashSet<>();
  private static final Set<Hash32> REAL_FINALIZED = new HashSet<>();

  static {
    for (final LightClientUpdate u : Mainnet.UPDATES) {
      REAL_ATTESTED.add(u.attestedHeader().beacon().hashTreeRoot());
      REAL_FINALIZED.add(u.finalizedHeader().beacon().hashTreeRoot());
    }
    REAL_FINALIZED.add(Mainnet.STORE.finalizedHeader().beacon().hashTreeRoot());
  }

  private static final LightClient CLIENT = Mainnet.client();

  @FuzzTest(maxDuration = "30m")
  void processUpdate(final byte[] input) {
    final LightClientUpdate u;
    try {
      u = LightClientUpdate.decode(input, Mainnet.UPDATES.get(0).fork(), Preset.MAINNET);
    } catch (SszException e) {
      return;
    }
    // preview is the pure protocol on the client's current store (the store never changes here).
    final LightClientStore before = CLIENT.store();
    final UpdateResult r = CLIENT.preview(u, Mainnet.NOW);
    assertEquals(before, CLIENT.store(), "preview changed the store");
    if (r instanceof UpdateResult.Rejected rej) {
      assertNotEquals(UpdateRejection.INTERNAL_ERROR, rej.reason(), rej.detail());
      assertTrue(!rej.detail().isEmpty());
      return;
    }
    if (r instanceof UpdateResult.Ignored) {
      return;
    }
    final LightClientStore after = ((UpdateResult.Applied) r).store();
    assertTrue(REAL_ATTESTED.contains(u.attestedHeader().beacon().hashTreeRoot()),
        "an update with a forged attested header was applied");
    assertTrue(REAL_FINALIZED.contains(after.finalizedHeader().beacon().hashTreeRoot()),
        "the store finalized a header no real update carries");
    // Applying for real must give the same store, and a rejected/ignored one leaves it unchanged.
    final LightClient fresh = Mainnet.client();
    final LightClientStore s0 = fresh.store();
    final UpdateResult applied = fresh.processUpdate(u, Mainnet.NOW);
    if (applied instanceof UpdateResult.Applied a) {
      assertEquals(after, a.store());
      assertEquals(after, fresh.store());
    } else {
      assertEquals(s0, fresh.store());
    }
  }
}
