package io.trestle.lightclient.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.lightclient.config.Networks;
import io.trestle.lightclient.spec.LightClientStore;
import io.trestle.lightclient.spec.UpdateRejection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.trestle.lightclient.store.StoreFile.LoadResult;
import io.trestle.lightclient.store.StoreFile.SaveResult;
import io.trestle.lightclient.store.StoreFile.StoreError;
import io.trestle.lightclient.store.StoreFile.StoreFailure;

/**
 * The checksum is integrity, not authentication: anyone who can write the directory can replace {@code store.bin}
 * with a self-consistent store of their own and a plain store resumes from it (one file suffices). An
 * authenticated store refuses every file not written with the operator's key.
 */
class AuthenticatedStoreTest {
  private static final byte[] KEY = filled(32, 0x5a);
  private static final byte[] OTHER_KEY = filled(32, 0x5b);

  @TempDir
  Path dir;
  @TempDir
  Path elsewhere;

  private static byte[] filled(final int n, final int b) {
    final byte[] k = new byte[n];
    Arrays.fill(k, (byte) b);
    return k;
  }

  private StoreFile auth(final byte[] key) {
    return StoreFile.authenticated(dir, Networks.MAINNET, key);
  }

  private static long slot(final LoadResult r) {
    return assertInstanceOf(LoadResult.Restored.class, r, r::toString).verified().finalizedSlot();
  }

  private static StoreFailure refused(final LoadResult r) {
    return assertInstanceOf(LoadResult.Refused.class, r, r::toString).failure();
  }

  /** A store an attacker made without the key, written to another directory: its store.bin. */
  private byte[] attackersFile(final LightClientStore s) throws IOException {
    assertInstanceOf(SaveResult.Written.class, StoreFile.in(elsewhere, Networks.MAINNET).save(s));
    return Files.readAllBytes(elsewhere.resolve(StoreFile.STORE));
  }

  @Test
  void aPlainStoreResumesFromAReplacedFileTheChecksumDoesNotAuthenticate() throws IOException {
    final LightClientStore mine = StoreFixtures.atSlot(1, StoreFixtures.DENEB_SLOT);
    final LightClientStore theirs = StoreFixtures.atSlot(2, StoreFixtures.DENEB_SLOT + 8192);
    assertInstanceOf(SaveResult.Written.class, StoreFile.in(dir, Networks.MAINNET).save(mine));
    Files.write(dir.resolve(StoreFile.STORE), attackersFile(theirs));
    // the documented limit: one replaced file, and the plain store resumes from the attacker's state
    assertEquals(StoreFixtures.DENEB_SLOT + 8192, slot(StoreFile.in(dir, Networks.MAINNET)
        .load()));
  }

  @Test
  void anAuthenticatedStoreRoundTripsAndRefusesAReplacedFile() throws IOException {
    final LightClientStore mine = StoreFixtures.atSlot(1, StoreFixtures.DENEB_SLOT);
    assertInstanceOf(SaveResult.Written.class, auth(KEY).save(mine));
    assertTrue(auth(KEY).isAuthenticated());
    assertEquals(StoreFixtures.DENEB_SLOT, slot(auth(KEY).load()));
    // the same attack: refused, and the refusal maps to STATE_CORRUPT for the sync
    Files.write(dir.resolve(StoreFile.STORE), attackersFile(StoreFixtures.atSlot(2, StoreFixtures.DENEB_SLOT + 8192)));
    final StoreFailure f = refused(auth(KEY).load());
    assertEquals(StoreError.UNAUTHENTICATED, f.kind());
    assertEquals(UpdateRejection.STATE_CORRUPT, f.reason());
    assertTrue(f.detail().contains("no authentication tag"), f.detail());
  }

  @Test
  void anotherKeyATamperedByteOrAPlainReaderAreRefused() throws IOException {
    assertInstanceOf(SaveResult.Written.class, auth(KEY).save(StoreFixtures.atSlot(1, StoreFixtures.DENEB_SLOT)));
    assertEquals(StoreError.UNAUTHENTICATED, refused(auth(OTHER_KEY).load()).kind());
    // a plain reader does not take an authenticated file for a store either (its checksum is checked first)
    assertEquals(StoreError.CORRUPT, refused(StoreFile.in(dir, Networks.MAINNET)
        .load()).kind());
    final byte[] b = Files.readAllBytes(dir.resolve(StoreFile.STORE));
    b[b.length - 40] ^= 1;
    Files.write(dir.resolve(StoreFile.STORE), b);
    final StoreFailure f = refused(auth(KEY).load());
    assertEquals(StoreError.UNAUTHENTICATED, f.kind());
    assertTrue(f.detail().contains("does not verify"), f.detail());
  }

  @Test
  void aHighWaterMarkNotWrittenWithTheKeyIsRefused() throws IOException {
    assertInstanceOf(SaveResult.Written.class, auth(KEY).save(StoreFixtures.atSlot(1, StoreFixtures.DENEB_SLOT)));
    // the store's own authenticated bytes put in place of the mark: the file name is in the tag
    Files.copy(dir.resolve(StoreFile.STORE), dir.resolve(StoreFile.HIGH_WATER),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertEquals(StoreError.UNAUTHENTICATED, refused(auth(KEY).load()).kind());
  }

  @Test
  void shortKeysAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> StoreFile.authenticated(dir, Networks.MAINNET, new byte[31]));
  }
}
