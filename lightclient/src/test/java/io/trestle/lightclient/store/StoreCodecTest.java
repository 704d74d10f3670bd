package io.trestle.lightclient.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.trestle.crypto.Sha256;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.config.Networks;
import io.trestle.lightclient.spec.LightClientStore;
import io.trestle.lightclient.config.Fork;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import io.trestle.lightclient.store.StoreFile.StoreError;

class StoreCodecTest {
  private static final ChainConfig MAINNET = Networks.MAINNET;
  private static final ChainConfig MINIMAL = Networks.MINIMAL;

  private static LightClientStore minimalFull() {
    return StoreFixtures.store(7, MINIMAL, Fork.FULU, 1000, true, true);
  }

  private static void assertRoundTrip(final ChainConfig config, final LightClientStore s) {
    final byte[] file = StoreCodec.encode(config, s);
    final LightClientStore back = StoreCodec.decode(config, file);
    assertEquals(s, back);
    assertArrayEquals(file, StoreCodec.encode(config, back));
    StoreInvariants.check(config, back);
  }

  @Test
  void roundTripsEveryShape() {
    assertRoundTrip(MAINNET, StoreFixtures.mainnetFull(1));
    assertRoundTrip(MAINNET, StoreFixtures.store(2, MAINNET, Fork.DENEB, StoreFixtures.DENEB_SLOT, false, false));
    assertRoundTrip(MAINNET, StoreFixtures.store(3, MAINNET, Fork.ELECTRA, StoreFixtures.ELECTRA_SLOT, true, false));
    assertRoundTrip(MAINNET, StoreFixtures.store(4, MAINNET, Fork.ELECTRA, StoreFixtures.ELECTRA_SLOT, false, true));
    assertRoundTrip(MINIMAL, minimalFull());
    assertRoundTrip(StoreFixtures.ALTAIR_ONLY, StoreFixtures.store(5, StoreFixtures.ALTAIR_ONLY, Fork.ALTAIR, 77,
        true, true));
  }

  @Test
  void roundTripsAStoreCreatedFromABootstrap() {
    final LightClientStore s = StoreFixtures.fromBootstrap(11);
    assertEquals(StoreFixtures.DENEB_SLOT + 32, s.finalizedHeader().beacon().slot());
    assertRoundTrip(MAINNET, s);
  }

  @Test
  void headerLayoutAndForkCodesAreStable() {
    final byte[] file = StoreCodec.encode(MAINNET, StoreFixtures.mainnetFull(1));
    assertArrayEquals("TRSTLCST".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(file, 8));
    assertEquals(0, file[8]);
    assertEquals(1, file[9]);
    assertArrayEquals(MAINNET.genesisValidatorsRoot().toArray(), Arrays.copyOfRange(file, 10, 42));
    assertEquals(7, file[42]);
    assertEquals("mainnet", new String(file, 43, 7, StandardCharsets.US_ASCII));
    assertEquals(4, file[50], "DENEB is fork code 4");
    assertEquals(3, file[51], "both optional parts present");
    assertEquals(List.of(Fork.PHASE0, Fork.ALTAIR, Fork.BELLATRIX, Fork.CAPELLA, Fork.DENEB, Fork.ELECTRA, Fork.FULU,
        Fork.GLOAS), List.of(StoreCodec.FORK_CODES));
    assertArrayEquals(Sha256.hash(Arrays.copyOf(file, file.length - 32)).toArray(),
        Arrays.copyOfRange(file, file.length - 32, file.length));
  }

  private static StoreError decodeError(final ChainConfig config, final byte[] file) {
    final StoreException e = assertThrows(StoreException.class, () -> StoreCodec.decode(config, file));
    return e.failure.kind();
  }

  @Test
  void everySingleByteFlipIsCorrupt() {
    final byte[] file = StoreCodec.encode(MINIMAL, minimalFull());
    for (int i = 0; i < file.length; i++) {
      for (final int mask : new int[] {0x01, 0x80, 0xff}) {
        final byte[] bad = file.clone();
        bad[i] ^= (byte) mask;
        assertEquals(StoreError.CORRUPT, decodeError(MINIMAL, bad), "flip at " + i);
      }
    }
  }

  @Test
  void singleByteFlipsInAMainnetStoreAreCorrupt() {
    final byte[] file = StoreCodec.encode(MAINNET, StoreFixtures.mainnetFull(1));
    for (int i = 0; i < file.length; i += (i < 256 || i > file.length - 256) ? 1 : 61) {
      final byte[] bad = file.clone();
      bad[i] ^= 0x20;
      assertEquals(StoreError.CORRUPT, decodeError(MAINNET, bad), "flip at " + i);
    }
  }

  @Test
  void truncationAtEveryLengthAndExtensionAreCorrupt() {
    final byte[] file = StoreCodec.encode(MINIMAL, minimalFull());
    for (int n = 0; n < file.length; n++) {
      assertEquals(StoreError.CORRUPT, decodeError(MINIMAL, Arrays.copyOf(file, n)), "length " + n);
    }
    assertEquals(StoreError.CORRUPT, decodeError(MINIMAL, Arrays.copyOf(file, file.length + 1)));
    final byte[] mainnet = StoreCodec.encode(MAINNET, StoreFixtures.mainnetFull(1));
    for (int n = 0; n < mainnet.length; n += 97) {
      assertEquals(StoreError.CORRUPT, decodeError(MAINNET, Arrays.copyOf(mainnet, n)), "length " + n);
    }
    assertEquals(StoreError.CORRUPT, decodeError(MAINNET, new byte[StoreCodec.MAX_FILE_BYTES + 1]));
  }

  @Test
  void otherNetworksAreRefused() {
    final byte[] file = StoreCodec.encode(MAINNET, StoreFixtures.mainnetFull(1));
    assertEquals(StoreError.WRONG_NETWORK, decodeError(Networks.SEPOLIA, file));
    assertEquals(StoreError.WRONG_NETWORK, decodeError(Networks.HOODI, file));
    final byte[] minimal = StoreCodec.encode(MINIMAL, minimalFull());
    assertEquals(StoreError.WRONG_NETWORK, decodeError(MINIMAL.withGenesisValidatorsRoot(
        io.trestle.crypto.Hash32.fromHex("0x01" + "00".repeat(31))), minimal));
    final ChainConfig renamed = ChainConfig.of("minimal2", MINIMAL.preset(), MINIMAL.genesisValidatorsRoot(), 0, 6,
        MINIMAL.depositChainId(), MINIMAL.schedule(), ChainConfig.FAR_FUTURE_EPOCH);
    assertEquals(StoreError.WRONG_NETWORK, decodeError(renamed, minimal));
  }

  /** Mutates one byte and re-computes the checksum (a writer bug or deliberate edit, not random damage). */
  private static byte[] rechecksummed(final byte[] file, final int index, final int value) {
    final byte[] bad = file.clone();
    bad[index] = (byte) value;
    Sha256.hash(Arrays.copyOf(bad, bad.length - 32)).copyTo(bad, bad.length - 32);
    return bad;
  }

  private static byte[] rechecksummedU32(final byte[] file, final int index, final long value) {
    byte[] bad = file;
    for (int k = 0; k < 4; k++) {
      bad = rechecksummed(bad, index + k, (int) (value >>> (24 - 8 * k)) & 0xff);
    }
    return bad;
  }

  @Test
  void structuralFieldsAreCheckedBehindAValidChecksum() {
    final byte[] file = StoreCodec.encode(MAINNET, StoreFixtures.mainnetFull(1));
    // layout: magic 0..7, version 8..9, gvr 10..41, name length 42, name 43..49, fork 50, flags 51,
    // previous max 52..55, current max 56..59, finalized header length 60..63
    assertEquals(StoreError.BAD_MAGIC, decodeError(MAINNET, rechecksummed(file, 0, 'X')));
    assertEquals(StoreError.UNSUPPORTED_VERSION, decodeError(MAINNET, rechecksummed(file, 9, 2)));
    assertEquals(StoreError.CORRUPT, decodeError(MAINNET, rechecksummed(file, 42, 0)));
    assertEquals(StoreError.CORRUPT, decodeError(MAINNET, rechecksummed(file, 42, 65)));
    assertEquals(StoreError.WRONG_NETWORK, decodeError(MAINNET, rechecksummed(file, 42, 6)));
    assertEquals(StoreError.CORRUPT, decodeError(MAINNET, rechecksummed(file, 50, 0)), "phase0 has no light client");
    assertEquals(StoreError.CORRUPT, decodeError(MAINNET, rechecksummed(file, 50, 7)), "unknown fork code");
    assertEquals(StoreError.CORRUPT, decodeError(MAINNET, rechecksummed(file, 50, 255)));
    assertEquals(StoreError.CORRUPT, decodeError(MAINNET, rechecksummed(file, 51, 4)), "unknown flag bit");
    assertEquals(StoreError.CORRUPT, decodeError(MAINNET, rechecksummedU32(file, 52, 513)), "participants > 512");
    assertEquals(StoreError.CORRUPT, decodeError(MAINNET, rechecksummedU32(file, 56, 0xffffffffL)));
    assertEquals(StoreError.CORRUPT, decodeError(MAINNET, rechecksummedU32(file, 60, 0xffffffffL)), "huge length");
    assertEquals(StoreError.CORRUPT, decodeError(MAINNET, rechecksummedU32(file, 60, 0x7fffffffL)));
    assertEquals(StoreError.CORRUPT, decodeError(MAINNET, rechecksummedU32(file, 60, 0)));
    // trailing byte before the checksum
    final byte[] longer = Arrays.copyOf(file, file.length + 1);
    System.arraycopy(file, file.length - 32, longer, file.length - 31, 32);
    longer[file.length - 32] = 0;
    Sha256.hash(Arrays.copyOf(longer, longer.length - 32)).copyTo(longer, longer.length - 32);
    assertEquals(StoreError.CORRUPT, decodeError(MAINNET, longer));
  }

  /**
   * Every byte of a store, mutated behind a valid checksum: decoding either refuses with a typed error or
   * yields a store that re-encodes to exactly the mutated bytes (the format is canonical); never another
   * exception.
   */
  @Test
  void mutationsBehindAValidChecksumNeverEscapeAsExceptions() {
    for (final LightClientStore s : List.of(minimalFull(),
        StoreFixtures.store(5, StoreFixtures.ALTAIR_ONLY, Fork.ALTAIR, 77, true, true))) {
      final ChainConfig config = s.fork() == Fork.ALTAIR ? StoreFixtures.ALTAIR_ONLY : MINIMAL;
      final byte[] file = StoreCodec.encode(config, s);
      for (int i = 0; i < file.length - 32; i++) {
        final byte[] bad = rechecksummed(file, i, file[i] ^ (1 << (i % 8)));
        try {
          final LightClientStore decoded = StoreCodec.decode(config, bad);
          assertArrayEquals(bad, StoreCodec.encode(config, decoded), "non-canonical accept at " + i);
        } catch (StoreException expected) {
          assertTrue(expected.failure.detail().length() > 0);
        } catch (RuntimeException e) {
          fail("byte " + i + ": " + e);
        }
      }
    }
  }
}
