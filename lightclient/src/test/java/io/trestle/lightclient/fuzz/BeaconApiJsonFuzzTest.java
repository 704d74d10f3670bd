package io.trestle.lightclient.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.trestle.lightclient.json.BeaconApiJson;
import io.trestle.lightclient.json.BeaconJsonException;
import io.trestle.lightclient.json.Versioned;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientFinalityUpdate;
import io.trestle.lightclient.types.LightClientOptimisticUpdate;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.config.ChainConfig.Preset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Fuzz target: beacon-API JSON ({@code {version, data}} bootstraps, updates, update arrays, finality
 * and optimistic updates). Byte 0 selects the endpoint shape, byte 1 the preset; the rest is the body.
 * Seeds: the real helios mainnet bootstrap and updates.
 *
 * <p>Oracle: a failure is a {@link BeaconJsonException}; an accepted object survives an SSZ
 * encode/decode round trip unchanged (so what JSON accepted is a well-formed object of its fork).
 */
class BeaconApiJsonFuzzTest {
  @FuzzTest(maxDuration = "30m")
  void beaconJson(final byte[] input) {
    if (input.length < 2) {
      return;
    }
    final Preset preset = input[1] % 2 == 0 ? Preset.MAINNET : Preset.MINIMAL;
    final String body = new String(Arrays.copyOfRange(input, 2, input.length), StandardCharsets.UTF_8);
    try {
      switch (Byte.toUnsignedInt(input[0]) % 5) {
        case 0 -> {
          final Versioned<LightClientBootstrap> b = BeaconApiJson.bootstrap(body, preset);
          assertEquals(b.data(), LightClientBootstrap.decode(b.data().encode(), b.fork(), preset));
        }
        case 1 -> {
          final Versioned<LightClientUpdate> u = BeaconApiJson.update(body, preset);
          assertEquals(u.data(), LightClientUpdate.decode(u.data().encode(), u.fork(), preset));
        }
        case 2 -> BeaconApiJson.updates(body, preset).forEach(u ->
            assertEquals(u.data(), LightClientUpdate.decode(u.data().encode(), u.fork(), preset)));
        case 3 -> {
          final Versioned<LightClientFinalityUpdate> u = BeaconApiJson.finalityUpdate(body, preset);
          assertEquals(u.data(), LightClientFinalityUpdate.decode(u.data().encode(), u.fork(), preset));
        }
        default -> {
          final Versioned<LightClientOptimisticUpdate> u = BeaconApiJson.optimisticUpdate(body, preset);
          assertEquals(u.data(), LightClientOptimisticUpdate.decode(u.data().encode(), u.fork(), preset));
        }
      }
    } catch (BeaconJsonException e) {
      assertNotNull(e.getMessage());
    }
  }
}
