package io.trestle.lightclient.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Fork digests, including Fulu's blob-parameter mask (EIP-7892). Expected Sepolia digests are the values
 * published for Sepolia's config (Electra 0x14045b5a, Fulu 0x7e0d3447, BPO1 0xfd32b622, BPO2 0x74d01459),
 * and the published mainnet Capella/Deneb digests (0xbba4da96, 0x6a95a1a9).
 */
class ForkDigestTest {
  private static final String SEPOLIA_YAML = String.join("\n",
      "CONFIG_NAME: sepolia",
      "MIN_GENESIS_TIME: 1655647200",
      "GENESIS_DELAY: 86400",
      "GENESIS_FORK_VERSION: 0x90000069",
      "SECONDS_PER_SLOT: 12",
      "ALTAIR_FORK_VERSION: 0x90000070",
      "ALTAIR_FORK_EPOCH: 50",
      "BELLATRIX_FORK_VERSION: 0x90000071",
      "BELLATRIX_FORK_EPOCH: 100",
      "CAPELLA_FORK_VERSION: 0x90000072",
      "CAPELLA_FORK_EPOCH: 56832",
      "DENEB_FORK_VERSION: 0x90000073",
      "DENEB_FORK_EPOCH: 132608",
      "ELECTRA_FORK_VERSION: 0x90000074",
      "ELECTRA_FORK_EPOCH: 222464",
      "FULU_FORK_VERSION: 0x90000075",
      "FULU_FORK_EPOCH: 272640",
      "GLOAS_FORK_VERSION: 0x90000076",
      "GLOAS_FORK_EPOCH: 353024",
      "MAX_BLOBS_PER_BLOCK_ELECTRA: 9",
      "BLOB_SCHEDULE:",
      "  - EPOCH: 274176  # BPO1",
      "    MAX_BLOBS_PER_BLOCK: 15",
      "  - EPOCH: 275712",
      "    MAX_BLOBS_PER_BLOCK: 21",
      "DEPOSIT_CHAIN_ID: 11155111",
      "");

  private static final Hash32 SEPOLIA_GVR =
      Hash32.fromHex("0xd8ea171f3c94aea21ebc42a1ed61052acf3f9209c00e4efbaaddac09ed9b8078");

  private static void check(final ChainConfig c) {
    assertEquals(Optional.of(Bytes.fromHex("0x14045b5a")), c.forkDigestAtEpoch(222464));
    assertEquals(Optional.of(Bytes.fromHex("0x7e0d3447")), c.forkDigestAtEpoch(272640));
    assertEquals(Optional.of(Bytes.fromHex("0xfd32b622")), c.forkDigestAtEpoch(274176));
    assertEquals(Optional.of(Bytes.fromHex("0x74d01459")), c.forkDigestAtEpoch(275712));
    assertEquals(Optional.of(Bytes.fromHex("0x74d01459")), c.forkDigestAtEpoch(353023));
    // Gloas (0x90000076 at 353024, BPO2 parameters): GLOAS.md §3 table, Sepolia's published digest.
    assertEquals(Optional.of(Bytes.fromHex("0x669e6c11")), c.forkDigestAtEpoch(353024));
    assertEquals(Optional.of(Fork.GLOAS), c.forkOfDigest(Bytes.fromHex("0x669e6c11")));
    // the un-XORed base digest of the Gloas version, which the beacon-APIs text still describes
    assertEquals(Optional.of(Fork.GLOAS), c.forkOfDigest(Bytes.fromHex("0xe7626d6f")));
    assertEquals(Optional.of(Fork.ELECTRA), c.forkOfDigest(Bytes.fromHex("0x14045b5a")));
    assertEquals(Optional.of(Fork.FULU), c.forkOfDigest(Bytes.fromHex("0x7e0d3447")));
    assertEquals(Optional.of(Fork.FULU), c.forkOfDigest(Bytes.fromHex("0xfd32b622")));
    assertEquals(Optional.of(Fork.FULU), c.forkOfDigest(Bytes.fromHex("0x74d01459")));
    assertEquals(Optional.empty(), c.forkOfDigest(Bytes.fromHex("0x00000000")));
  }

  @Test
  void builtInSepoliaFuluAndBpoDigests() {
    check(Networks.SEPOLIA);
  }

  @Test
  void sepoliaFromItsConfigYaml() {
    final ChainConfig c = ChainConfig.fromConfigYaml(SEPOLIA_YAML, SEPOLIA_GVR);
    assertEquals(2, c.blobSchedule().size());
    assertEquals(new ChainConfig.BlobParameters(274176, 15), c.blobSchedule().get(0));
    assertEquals(java.util.OptionalLong.of(11155111), c.depositChainId());
    assertEquals(1655733600L, c.genesisTime());
    check(c);
  }

  @Test
  void mainnetPreFuluDigestsAreThePlainForkDataRoot() {
    final ChainConfig m = Networks.MAINNET;
    assertEquals(Optional.of(Bytes.fromHex("0xbba4da96")), m.forkDigestAtEpoch(194048));
    assertEquals(Optional.of(Bytes.fromHex("0x6a95a1a9")), m.forkDigestAtEpoch(269568));
    assertEquals(Optional.of(Fork.DENEB), m.forkOfDigest(Bytes.fromHex("0x6a95a1a9")));
    // Fulu and each BPO step give distinct digests that all map back to Fulu.
    final Bytes fulu = m.forkDigestAtEpoch(411392).orElseThrow();
    final Bytes bpo1 = m.forkDigestAtEpoch(412672).orElseThrow();
    final Bytes bpo2 = m.forkDigestAtEpoch(419072).orElseThrow();
    org.junit.jupiter.api.Assertions.assertNotEquals(fulu, bpo1);
    org.junit.jupiter.api.Assertions.assertNotEquals(bpo1, bpo2);
    assertEquals(Optional.of(Fork.FULU), m.forkOfDigest(fulu));
    assertEquals(Optional.of(Fork.FULU), m.forkOfDigest(bpo1));
    assertEquals(Optional.of(Fork.FULU), m.forkOfDigest(bpo2));
  }
}
