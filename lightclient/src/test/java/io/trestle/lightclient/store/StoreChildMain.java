package io.trestle.lightclient.store;

import io.trestle.lightclient.config.Networks;
import java.nio.file.Path;
import io.trestle.lightclient.store.StoreFile.LoadResult;
import io.trestle.lightclient.store.StoreFile.SaveResult;
import io.trestle.lightclient.store.StoreFile.StoreError;

/**
 * Child process of {@link StoreFaultInjectionTest}. {@code hold DIR}: loads the store (taking the
 * directory lock), prints {@code ready} and sleeps until killed. {@code save DIR SEED SLOT}: saves
 * {@link StoreFixtures#atSlot} once and prints the result's kind ({@code WRITTEN} or the refusal's
 * {@link StoreError} and detail).
 */
public final class StoreChildMain {
  private StoreChildMain() {}

  public static void main(final String[] args) throws InterruptedException {
    final StoreFile file = StoreFile.in(Path.of(args[1]), Networks.MAINNET);
    if (args[0].equals("hold")) {
      final LoadResult r = file.load();
      System.out.println(r instanceof LoadResult.Restored ? "ready" : "not restored: " + r);
      System.out.flush();
      Thread.sleep(60_000);
      return;
    }
    final SaveResult r = file.save(StoreFixtures.atSlot(Long.parseLong(args[2]), Long.parseLong(args[3])));
    System.out.println(r instanceof SaveResult.Refused f ? f.failure().kind() + " " + f.failure().detail() : "WRITTEN");
    System.out.flush();
  }
}
