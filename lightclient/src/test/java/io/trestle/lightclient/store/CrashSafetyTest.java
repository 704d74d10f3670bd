package io.trestle.lightclient.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.trestle.lightclient.config.Networks;
import io.trestle.lightclient.spec.LightClientStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.trestle.lightclient.store.StoreFile.LoadResult;

/**
 * Kills a child JVM that saves stores A and B alternately with SIGKILL ({@code destroyForcibly}) at a
 * random moment, then loads: the store must be exactly A or B, never corrupt or absent. (A process kill
 * keeps the page cache; this tests the write/rename protocol, not the fsyncs, which only a power cut
 * would exercise.)
 */
class CrashSafetyTest {
  private static final int ROUNDS = 20;

  @TempDir
  Path tmp;

  @Test
  void killingTheWriterAtAnyMomentLeavesTheOldOrTheNewStore() throws Exception {
    final LightClientStore a = CrashWriterMain.storeA();
    final LightClientStore b = CrashWriterMain.storeB();
    final Random rnd = new Random();
    final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    int sawA = 0;
    int sawB = 0;
    for (int round = 0; round < ROUNDS; round++) {
      final Path dir = tmp.resolve("round" + round);
      final Path stderr = tmp.resolve("stderr" + round);
      final Process p = new ProcessBuilder(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
          "-cp", System.getProperty("java.class.path"), CrashWriterMain.class.getName(), dir.toString()))
          .redirectError(stderr.toFile()).start();
      try {
        final BufferedReader out =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        final String line = out.readLine();
        if (!"ready".equals(line)) {
          p.waitFor(5, TimeUnit.SECONDS);
          fail("child did not start saving (" + line + "): " + Files.readString(stderr));
        }
        Thread.sleep(rnd.nextInt(120));
        assertTrue(p.isAlive(), () -> "child exited on its own: " + readQuietly(stderr));
      } finally {
        p.destroyForcibly();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "child did not die");
      }
      final LoadResult r = StoreFile.in(dir, Networks.MAINNET).load();
      if (!(r instanceof LoadResult.Restored restored)) {
        fail("round " + round + ": after kill -9 the store did not load: " + r);
        return;
      }
      final LightClientStore s = restored.verified().store();
      if (s.equals(a)) {
        sawA++;
      } else if (s.equals(b)) {
        sawB++;
      } else {
        fail("round " + round + ": the store is neither A nor B");
      }
    }
    assertEquals(ROUNDS, sawA + sawB);
  }

  private static String readQuietly(final Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
