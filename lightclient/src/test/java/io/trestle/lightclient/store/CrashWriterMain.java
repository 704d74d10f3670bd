package io.trestle.lightclient.store;

import io.trestle.lightclient.config.Networks;
import io.trestle.lightclient.spec.LightClientStore;
import java.nio.file.Path;
import io.trestle.lightclient.store.StoreFile.SaveResult;

/**
 * Child process of {@link CrashSafetyTest}: saves stores A and B alternately until killed. Prints
 * {@code ready} once both have been saved; exits with status 3 if a save is refused.
 */
public final class CrashWriterMain {
  private CrashWriterMain() {}

  /** Store A: same finalized slot as B, other content. */
  static LightClientStore storeA() {
    return StoreFixtures.store(101, Networks.MAINNET, io.trestle.lightclient.config.Fork.DENEB,
        StoreFixtures.DENEB_SLOT, true, true);
  }

  /** Store B. */
  static LightClientStore storeB() {
    return StoreFixtures.store(202, Networks.MAINNET, io.trestle.lightclient.config.Fork.DENEB,
        StoreFixtures.DENEB_SLOT, true, false);
  }

  /** Entry point: {@code args[0]} is the store directory. */
  public static void main(final String[] args) {
    final StoreFile file = StoreFile.in(Path.of(args[0]), Networks.MAINNET);
    final LightClientStore a = storeA();
    final LightClientStore b = storeB();
    long n = 0;
    while (true) {
      final SaveResult r = file.save(n % 2 == 0 ? a : b);
      if (r instanceof SaveResult.Refused refused) {
        System.err.println("save refused: " + refused.failure());
        System.exit(3);
      }
      if (++n == 2) {
        System.out.println("ready");
        System.out.flush();
      }
    }
  }
}
