package io.trestle.lightclient.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.config.ChainConfig;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target: consensus {@code config.yaml} loading. Seeds: the config.yaml files of the repository's
 * spec-test and helios data (mainnet and minimal presets, every fork schedule they carry).
 *
 * <p>Oracle: a refusal is an {@link IllegalArgumentException} with a message (the documented failure
 * of {@link ChainConfig#fromConfigYaml}); an accepted config answers fork and digest queries over its
 * whole schedule without throwing.
 */
class ConfigYamlFuzzTest {
  @FuzzTest(maxDuration = "30m")
  void configYaml(final byte[] input) {
    final ChainConfig c;
    try {
      c = ChainConfig.fromConfigYaml(new String(input, StandardCharsets.UTF_8), Hash32.ZERO);
    } catch (IllegalArgumentException e) {
      assertNotNull(e.getMessage());
      return;
    }
    for (final ChainConfig.ForkEntry e : c.schedule()) {
      c.forkAtEpoch(e.epoch());
      c.forkDigestAtEpoch(e.epoch());
      c.blobParametersAt(e.epoch());
      c.forkAtSlot(e.epoch());
    }
    assertNotNull(c.name());
  }
}
