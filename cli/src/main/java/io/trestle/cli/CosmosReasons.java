package io.trestle.cli;

import io.trestle.cosmos.ics23.Ics23Reason;
import io.trestle.cosmos.light.LightRejection;
import io.trestle.cosmos.light.TrustedStateStore;

/**
 * The {@code --json} {@code reason} codes of the {@code cosmos} commands, namespaced like the others: {@code
 * cosmos.ics23.*} (an ICS-23 proof refused: {@link Ics23Reason}), {@code cosmos.light.*} (CometBFT light-client
 * data refused, or a validly signed conflict: {@link LightRejection}) and {@code cosmos.store.*} (the persisted
 * trusted state refused: {@link TrustedStateStore.Problem}). Usage errors are {@code cli.*} as everywhere.
 */
final class CosmosReasons {
  private CosmosReasons() {}

  static String ics23(final Ics23Reason r) {
    return "cosmos.ics23." + r.name();
  }

  static String light(final LightRejection r) {
    return "cosmos.light." + r.name();
  }

  static String store(final TrustedStateStore.Problem p) {
    return "cosmos.store." + p.name();
  }
}
