package io.trestle.lightclient.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.trestle.crypto.Sha256;
import io.trestle.lightclient.config.Networks;
import io.trestle.lightclient.store.StoreFile.LoadResult;
import io.trestle.lightclient.store.StoreFile.SaveResult;
import io.trestle.lightclient.store.StoreFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Fuzz targets: the store file loader. The input is the content of {@code store.bin} (seeds: the real
 * mainnet store at period 863 as {@link StoreFile} writes it). {@code storeFile} loads the bytes as
 * they are; {@code storeFileChecksumFixed} first recomputes the trailing SHA-256 so the fuzzer reaches
 * the decoder and the invariant checks behind the checksum (a tampered file with a fixed-up checksum).
 *
 * <p>Oracle: the result is Restored or Refused with a kind and a detail, never an internal error;
 * unaltered-checksum inputs restore only if byte-identical to the honest file; a restored store
 * re-saves and re-loads to an equal store.
 */
class StoreFileFuzzTest {
  private static final byte[] HONEST = honest();
  private static final Path DIR = tempDir();

  private static Path tempDir() {
    try {
      final Path d = Files.createTempDirectory("trestle-fuzz-store");
      d.toFile().deleteOnExit();
      return d;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] honest() {
    try {
      final Path d = Files.createTempDirectory("trestle-fuzz-honest");
      final SaveResult r = StoreFile.in(d, Networks.MAINNET).save(Mainnet.STORE);
      assertTrue(r instanceof SaveResult.Written, r.toString());
      final byte[] b = Files.readAllBytes(d.resolve(StoreFile.STORE));
      try (var s = Files.list(d)) {
        for (final Path p : s.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(d);
      return b;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "30m")
  void storeFile(final byte[] input) throws IOException {
    final LoadResult r = load(input);
    if (r instanceof LoadResult.Restored) {
      assertArrayEquals(HONEST, input, "a store file other than the honest one passed its checksum");
    }
  }

  @FuzzTest(maxDuration = "30m")
  void storeFileChecksumFixed(final byte[] input) throws IOException {
    final byte[] file = input.clone();
    if (file.length >= 32) {
      final byte[] sum = Sha256.hash(Arrays.copyOf(file, file.length - 32)).toArray();
      System.arraycopy(sum, 0, file, file.length - 32, 32);
    }
    final LoadResult r = load(file);
    if (r instanceof LoadResult.Restored restored) {
      // what was restored is a consistent store: it saves and loads back to itself
      final Path d = Files.createTempDirectory(DIR, "resave");
      try {
        final StoreFile sf = StoreFile.in(d, Networks.MAINNET);
        assertTrue(sf.save(restored.verified().store()) instanceof SaveResult.Written);
        final LoadResult again = sf.load();
        assertTrue(again instanceof LoadResult.Restored, again.toString());
        assertEquals(restored.verified().store(), ((LoadResult.Restored) again).verified().store());
      } finally {
        clean(d);
        Files.delete(d);
      }
    }
  }

  private static LoadResult load(final byte[] bytes) throws IOException {
    clean(DIR);
    Files.write(DIR.resolve(StoreFile.STORE), bytes);
    final LoadResult r = StoreFile.in(DIR, Networks.MAINNET).load();
    if (r instanceof LoadResult.Refused ref) {
      assertFalse(ref.failure().detail().startsWith("internal error"), ref.failure().toString());
      assertFalse(ref.failure().detail().isEmpty());
    }
    return r;
  }

  private static void clean(final Path d) throws IOException {
    try (var s = Files.list(d)) {
      for (final Path p : s.toList()) {
        if (Files.isDirectory(p)) {
          clean(p);
        }
        Files.delete(p);
      }
    }
  }
}
