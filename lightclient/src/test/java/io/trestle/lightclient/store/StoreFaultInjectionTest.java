package io.trestle.lightclient.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.lightclient.config.Networks;
import io.trestle.lightclient.spec.LightClientStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.trestle.lightclient.store.StoreFile.LoadResult;
import io.trestle.lightclient.store.StoreFile.SaveResult;
import io.trestle.lightclient.store.StoreFile.StoreError;
import io.trestle.lightclient.store.StoreFile.StoreFailure;

/**
 * Store faults, one per write step and failure mode. A save is: write {@code store.bin.tmp}, fsync
 * it, rename it over {@code store.bin}, fsync the directory, then the same for {@code highwater}. A
 * crash at a step leaves the files as each test plants them (the write protocol itself is killed at
 * random moments by {@link CrashSafetyTest}); disk full is a real failed write (a child JVM under a
 * file-size limit, whose writes fail with EFBIG as on a full disk); two processes are two JVMs. After
 * each fault the next start resumes from the last good store or refuses with a reason; nothing
 * unverified becomes the store.
 */
class StoreFaultInjectionTest {
  private static final long S1 = StoreFixtures.DENEB_SLOT;
  private static final long S2 = StoreFixtures.DENEB_SLOT + 64;

  @TempDir
  Path dir;

  private StoreFile file() {
    return StoreFile.in(dir, Networks.MAINNET);
  }

  private LightClientStore saveOld() {
    final LightClientStore old = StoreFixtures.atSlot(1, S1);
    assertInstanceOf(SaveResult.Written.class, file().save(old));
    return old;
  }

  private static byte[] encoded(final LightClientStore s) {
    return StoreCodec.encode(Networks.MAINNET, s);
  }

  private LightClientStore restored() {
    final LoadResult r = file().load();
    return assertInstanceOf(LoadResult.Restored.class, r, r.toString()).verified().store();
  }

  @Test
  void crashAfterTheTempFileIsPartlyWrittenResumesTheOldStore() throws IOException {
    final LightClientStore old = saveOld();
    final byte[] next = encoded(StoreFixtures.atSlot(2, S2));
    Files.write(dir.resolve("store.bin.tmp"), Arrays.copyOf(next, next.length / 3));
    assertEquals(old, restored());
    assertFalse(Files.exists(dir.resolve("store.bin.tmp")), "the torn temp file is removed");
  }

  @Test
  void crashAfterTheTempFileIsFsyncedButNotRenamedResumesTheOldStore() throws IOException {
    final LightClientStore old = saveOld();
    final LightClientStore next = StoreFixtures.atSlot(2, S2);
    Files.write(dir.resolve("store.bin.tmp"), encoded(next));
    assertEquals(old, restored(), "an uncommitted write is not the store");
    assertInstanceOf(SaveResult.Written.class, file().save(next), "the next save goes through");
    assertEquals(next, restored());
  }

  @Test
  void crashAfterTheRenameBeforeTheDirectoryFsyncResumesTheNewStoreAndRaisesTheMark() throws IOException {
    saveOld();
    final LightClientStore next = StoreFixtures.atSlot(2, S2);
    Files.write(dir.resolve(StoreFile.STORE), encoded(next)); // renamed; highwater still at S1
    assertEquals(next, restored());
    assertEquals(S2, HighWater.decode(Networks.MAINNET.genesisValidatorsRoot(),
        Files.readAllBytes(dir.resolve(StoreFile.HIGH_WATER))));
  }

  @Test
  void aTornStoreFileIsRefusedWithAReasonAndTheMarkKept() throws IOException {
    saveOld();
    final byte[] next = encoded(StoreFixtures.atSlot(2, S2));
    final byte[] mark = Files.readAllBytes(dir.resolve(StoreFile.HIGH_WATER));
    for (final byte[] torn : List.of(Arrays.copyOf(next, next.length / 2), new byte[next.length],
        Arrays.copyOf(next, next.length - 1))) {
      Files.write(dir.resolve(StoreFile.STORE), torn);
      final LoadResult r = file().load();
      final StoreFailure f = assertInstanceOf(LoadResult.Refused.class, r, r.toString()).failure();
      assertTrue(f.kind() == StoreError.CORRUPT || f.kind() == StoreError.BAD_MAGIC, f.toString());
      assertTrue(f.detail().contains("resync"), "the refusal says what to do: " + f.detail());
      assertArrayEquals(mark, Files.readAllBytes(dir.resolve(StoreFile.HIGH_WATER)), "the mark is not lowered");
    }
  }

  @Test
  void diskFullDuringASaveLeavesTheOldStore(@TempDir final Path other) throws Exception {
    // both saves run in child JVMs (this one must not hold the directory's lock)
    assertEquals("WRITTEN", child("exec", "save", other.toString(), "1", Long.toString(S1)));
    final byte[] before = Files.readAllBytes(other.resolve(StoreFile.STORE));
    // a file-size limit of 4 KiB: the child's write of the ~30 KB temp file fails part-way (EFBIG)
    final String out = child("ulimit -f 4; exec", "save", other.toString(), "2", Long.toString(S2));
    assertTrue(out.startsWith("IO "), "the save is refused as an IO failure: " + out);
    assertArrayEquals(before, Files.readAllBytes(other.resolve(StoreFile.STORE)));
    final LoadResult r = StoreFile.in(other, Networks.MAINNET).load();
    assertEquals(StoreFixtures.atSlot(1, S1), assertInstanceOf(LoadResult.Restored.class, r).verified().store());
  }

  @Test
  void anUnwritableDirectoryRefusesTheSaveAndKeepsTheStore() throws IOException {
    final LightClientStore old = saveOld();
    // Make the temp file's name unusable: a non-empty directory cannot be removed or written as a file.
    // (chmod does not bind root, which runs these tests in CI; this fails the same write path.)
    Files.createDirectories(dir.resolve("store.bin.tmp").resolve("occupied"));
    final SaveResult r = file().save(StoreFixtures.atSlot(2, S2));
    assertEquals(StoreError.IO, assertInstanceOf(SaveResult.Refused.class, r).failure().kind());
    Files.delete(dir.resolve("store.bin.tmp").resolve("occupied"));
    assertEquals(old, restored());
  }

  @Test
  void twoProcessesOnOneDirectoryTheSecondIsRefused() throws Exception {
    final LightClientStore old = saveOld();
    final byte[] before = Files.readAllBytes(dir.resolve(StoreFile.STORE));
    // this JVM already holds the lock (saveOld); a second JVM must be refused
    final String out = child("exec", "save", dir.toString(), "2", Long.toString(S2));
    assertTrue(out.startsWith("LOCKED "), out);
    assertTrue(out.contains(StoreFile.LOCK), out);
    assertArrayEquals(before, Files.readAllBytes(dir.resolve(StoreFile.STORE)));
    assertEquals(old, restored());
  }

  @Test
  void aDirectoryHeldByAnotherProcessIsRefusedUntilThatProcessEnds(@TempDir final Path other) throws Exception {
    final StoreFile here = StoreFile.in(other, Networks.MAINNET);
    // written by a child so that this JVM does not hold the lock of 'other'
    assertEquals("WRITTEN", child("exec", "save", other.toString(), "1", Long.toString(S1)));
    final Process holder = start("exec", "hold", other.toString());
    try {
      final BufferedReader r = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("ready", r.readLine());
      final LoadResult refused = here.load();
      assertEquals(StoreError.LOCKED, assertInstanceOf(LoadResult.Refused.class, refused).failure().kind());
      assertEquals(StoreError.LOCKED,
          assertInstanceOf(SaveResult.Refused.class, here.save(StoreFixtures.atSlot(2, S2))).failure().kind());
    } finally {
      holder.destroyForcibly();
      assertTrue(holder.waitFor(10, TimeUnit.SECONDS));
    }
    final LoadResult after = here.load();
    assertEquals(StoreFixtures.atSlot(1, S1), assertInstanceOf(LoadResult.Restored.class, after).verified().store());
  }

  private static Process start(final String shellPrefix, final String... args) throws IOException {
    final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    final StringBuilder cmd = new StringBuilder(shellPrefix).append(' ').append(q(java))
        .append(" -Xshare:auto -XX:TieredStopAtLevel=1 -cp ").append(q(System.getProperty("java.class.path")))
        .append(' ').append(StoreChildMain.class.getName());
    for (final String a : args) {
      cmd.append(' ').append(q(a));
    }
    return new ProcessBuilder("bash", "-c", cmd.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  private static String child(final String shellPrefix, final String... args) throws Exception {
    final Process p = start(shellPrefix, args);
    final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child did not finish");
    return out;
  }

  private static String q(final String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
