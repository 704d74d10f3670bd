package io.trestle.lightclient.sync;

import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.source.Endpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.trestle.lightclient.sync.SyncDriver.Alarm;

/**
 * Writes an alarm's evidence next to the store ({@code evidence/alarm-<slot>-<n>/}): each conflicting update as
 * SSZ (with its fork in the file name), the stored finalized header when that is the other side, and a text
 * summary. Best effort: failing to write is reported, never hides the alarm.
 */
final class Evidence {
  private Evidence() {}

  /** The directory written, or a line saying why nothing was. */
  static String keep(final Path storeDirectory, final ChainConfig config, final Alarm alarm) {
    try {
      final Path base = storeDirectory.resolve("evidence");
      Files.createDirectories(base);
      final long slot = alarm.objectA().attestedHeader().beacon().slot();
      Path dir = base.resolve("alarm-" + slot + "-0");
      for (int n = 1; Files.exists(dir); n++) {
        dir = base.resolve("alarm-" + slot + "-" + n);
      }
      Files.createDirectories(dir);
      Files.write(dir.resolve("a-" + alarm.objectA().fork().specName() + ".ssz"), alarm.objectA().encode());
      if (alarm.objectB().isPresent()) {
        Files.write(dir.resolve("b-" + alarm.objectB().get().fork().specName() + ".ssz"),
            alarm.objectB().get().encode());
      }
      if (alarm.storedFinalized().isPresent()) {
        Files.write(dir.resolve("stored-finalized-" + alarm.storedFinalized().get().fork().specName() + ".ssz"),
            alarm.storedFinalized().get().encode());
      }
      final String summary = "what: " + alarm.what() + "\ndetail: " + alarm.detail() + "\nA: "
          + alarm.endpointA().label() + "\nB: " + alarm.endpointB().map(Endpoint::label).orElse("(the store)")
          + "\nnetwork: " + config.name() + " " + config.genesisValidatorsRoot() + "\n";
      Files.writeString(dir.resolve("alarm.txt"), summary);
      return "evidence kept in " + dir;
    } catch (IOException | RuntimeException e) {
      return "could not write the alarm's evidence: " + e;
    }
  }
}
