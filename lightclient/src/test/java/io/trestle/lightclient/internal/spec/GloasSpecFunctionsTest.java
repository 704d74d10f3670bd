package io.trestle.lightclient.internal.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.spec.UpdateRejection;
import io.trestle.lightclient.config.Networks;
import io.trestle.lightclient.types.BeaconBlockHeader;
import io.trestle.lightclient.types.ExecutionPayloadHeader;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.types.LightClientHeader;
import io.trestle.proofs.ssz.SszException;
import io.trestle.proofs.ssz.SszReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The Gloas spec functions on the built-in schedules. Expected values: the spec's constants and the
 * published fork epochs (GLOAS.md §4), the spec's defaults, and digests published in GLOAS.md §3.
 */
class GloasSpecFunctionsTest {
  private static final SyncProtocol SEPOLIA = new SyncProtocol(Networks.SEPOLIA, (c, r, a, s) -> false);
  private static final long SLOTS = 32;

  @Test
  void gindexAtSlotFollowsTheAttestedSlotsEpoch() {
    final long electra = 222464 * SLOTS;
    final long gloas = 353024 * SLOTS;
    assertEquals(105, SEPOLIA.finalizedRootGindexAtSlot(electra - 1));
    assertEquals(169, SEPOLIA.finalizedRootGindexAtSlot(electra));
    assertEquals(169, SEPOLIA.finalizedRootGindexAtSlot(gloas - 1));
    assertEquals(735, SEPOLIA.finalizedRootGindexAtSlot(gloas));
    assertEquals(54, SEPOLIA.currentSyncCommitteeGindexAtSlot(electra - 1));
    assertEquals(86, SEPOLIA.currentSyncCommitteeGindexAtSlot(gloas - 1));
    assertEquals(2945, SEPOLIA.currentSyncCommitteeGindexAtSlot(gloas));
    assertEquals(87, SEPOLIA.nextSyncCommitteeGindexAtSlot(gloas - 1));
    assertEquals(2946, SEPOLIA.nextSyncCommitteeGindexAtSlot(gloas));
    // mainnet has not scheduled Gloas: the Electra gindices stay
    final SyncProtocol mainnet = new SyncProtocol(Networks.MAINNET, (c, r, a, s) -> false);
    assertEquals(169, mainnet.finalizedRootGindexAtSlot(1L << 40));
  }

  @Test
  void hoodiAndSepoliaScheduleGloasAtPeriodStarts() {
    assertEquals(OptionalLong.of(353024), Networks.SEPOLIA.forkEpoch(Fork.GLOAS));
    assertEquals(Optional.of(Bytes.fromHex("0x90000076")), Networks.SEPOLIA.forkVersion(Fork.GLOAS));
    assertEquals(OptionalLong.of(132352), Networks.HOODI.forkEpoch(Fork.GLOAS));
    assertEquals(Optional.of(Bytes.fromHex("0x80000910")), Networks.HOODI.forkVersion(Fork.GLOAS));
    assertEquals(OptionalLong.empty(), Networks.MAINNET.forkEpoch(Fork.GLOAS));
    for (final ChainConfig c : List.of(Networks.SEPOLIA, Networks.HOODI)) {
      assertEquals(0, c.forkEpoch(Fork.GLOAS).getAsLong() % c.preset().epochsPerSyncCommitteePeriod(), c.name());
    }
    assertEquals(Optional.of(Bytes.fromHex("0x5ad30129")), Networks.HOODI.forkDigestAtEpoch(132352));
    assertEquals(Optional.of(Bytes.fromHex("0xc6ecb76c")), Networks.HOODI.forkDigestAtEpoch(132351));
    assertEquals(Optional.of(Fork.GLOAS), Networks.HOODI.forkOfDigest(Bytes.fromHex("0x5ad30129")));
    assertEquals(Optional.of(Fork.GLOAS), Networks.HOODI.forkOfDigest(Bytes.fromHex("0x754cbe70")));
  }

  @Test
  void mainnetGloasDigestIfScheduledWithoutANewBlobStep() {
    final List<ChainConfig.ForkEntry> s = new ArrayList<>();
    for (final ChainConfig.ForkEntry e : Networks.MAINNET.schedule()) {
      s.add(e);
    }
    s.add(new ChainConfig.ForkEntry(Fork.GLOAS, Bytes.fromHex("0x07000000"), 500000));
    final ChainConfig c = ChainConfig.of("mainnet-gloas", Networks.MAINNET.preset(),
        Networks.MAINNET.genesisValidatorsRoot(), Networks.MAINNET.genesisTime(), 12, OptionalLong.of(1), s,
        ChainConfig.FAR_FUTURE_EPOCH, 9, Networks.MAINNET.blobSchedule());
    // GLOAS.md §3: ce2153ed (with BPO2 parameters), base c044d452
    assertEquals(Optional.of(Bytes.fromHex("0xce2153ed")), c.forkDigestAtEpoch(500000));
    assertEquals(Optional.of(Fork.GLOAS), c.forkOfDigest(Bytes.fromHex("0xc044d452")));
    // the published Fulu digests are unchanged
    assertEquals(Optional.of(Bytes.fromHex("0x8c9f62fe")), c.forkDigestAtEpoch(419072));
  }

  private static LightClientHeader gloasHeader(final long slot, final Hash32 hash, final List<Hash32> branch) {
    return LightClientHeader.gloas(new BeaconBlockHeader(slot, 1, Hash32.ZERO, Hash32.ZERO, Hash32.ZERO), hash,
        branch);
  }

  @Test
  void getLcExecutionRootDefaultsAndPreCapella() {
    final List<Hash32> zeros = Collections.nCopies(11, Hash32.ZERO);
    final Hash32 h = Hash32.fromHex("0x" + "11".repeat(32));
    // Gloas epoch: the block hash itself
    assertEquals(h, SEPOLIA.getLcExecutionRoot(gloasHeader(353024 * SLOTS, h, zeros)));
    // before Capella (Sepolia Capella 56832): zero
    assertEquals(Hash32.ZERO, SEPOLIA.getLcExecutionRoot(gloasHeader(100, Hash32.ZERO, zeros)));
    // genesis slot of a chain with Deneb at 0: the default deneb.ExecutionPayloadHeader root
    final SyncProtocol minimalAll = new SyncProtocol(Networks.MINIMAL, (c, r, a, s) -> false);
    assertEquals(ExecutionPayloadHeader.empty(Fork.DENEB).hashTreeRoot(),
        minimalAll.getLcExecutionRoot(gloasHeader(0, Hash32.ZERO, zeros)));
  }

  @Test
  void isValidLightClientHeaderBeforeCapellaNeedsZeros() {
    final List<Hash32> zeros = Collections.nCopies(11, Hash32.ZERO);
    assertEquals(Optional.empty(), SEPOLIA.validateHeader(gloasHeader(100, Hash32.ZERO, zeros), "h"));
    assertEquals(UpdateRejection.HEADER_INVALID, SEPOLIA.validateHeader(gloasHeader(100,
        Hash32.fromHex("0x" + "22".repeat(32)), zeros), "h").orElseThrow().reason());
    final List<Hash32> one = new ArrayList<>(zeros);
    one.set(10, Hash32.fromHex("0x" + "33".repeat(32)));
    assertEquals(UpdateRejection.HEADER_INVALID, SEPOLIA.validateHeader(gloasHeader(100, Hash32.ZERO, one), "h")
        .orElseThrow().reason());
    // a Gloas-epoch header whose branch does not reach body_root
    assertEquals(UpdateRejection.EXECUTION_BRANCH_INVALID, SEPOLIA.validateHeader(
        gloasHeader(353024 * SLOTS, Hash32.fromHex("0x" + "22".repeat(32)), zeros), "h").orElseThrow().reason());
    // an electra-shaped header for a Gloas slot is not Gloas data
    final LightClientHeader electraShaped = new LightClientHeader(Fork.FULU,
        new BeaconBlockHeader(353024 * SLOTS, 1, Hash32.ZERO, Hash32.ZERO, Hash32.ZERO),
        Optional.of(ExecutionPayloadHeader.empty(Fork.FULU)), Collections.nCopies(4, Hash32.ZERO));
    assertEquals(UpdateRejection.HEADER_INVALID, SEPOLIA.validateHeader(electraShaped, "h").orElseThrow().reason());
  }

  @Test
  void gloasHeaderSszIsStrict() {
    final LightClientHeader h = gloasHeader(7, Hash32.fromHex("0x" + "44".repeat(32)),
        Collections.nCopies(11, Hash32.fromHex("0x" + "55".repeat(32))));
    final byte[] ssz = h.encode();
    assertEquals(496, ssz.length);
    assertEquals(h, LightClientHeader.decode(SszReader.of(ssz, "h"), Fork.GLOAS));
    assertThrows(SszException.class, () -> LightClientHeader.decode(SszReader.of(java.util.Arrays.copyOf(ssz, 495),
        "h"), Fork.GLOAS));
    assertThrows(SszException.class, () -> LightClientHeader.decode(SszReader.of(java.util.Arrays.copyOf(ssz, 497),
        "h"), Fork.GLOAS));
    assertThrows(IllegalArgumentException.class, () -> gloasHeader(7, Hash32.ZERO, Collections.nCopies(4, Hash32.ZERO)));
  }

  @Test
  void unknownForkAfterGloasFromConfigYamlIsATypedRefusal() {
    final String yaml = String.join("\n", "PRESET_BASE: 'minimal'", "GENESIS_FORK_VERSION: 0x00000001",
        "ALTAIR_FORK_VERSION: 0x01000001", "ALTAIR_FORK_EPOCH: 0", "GLOAS_FORK_VERSION: 0x07000001",
        "GLOAS_FORK_EPOCH: 18446744073709551615", "HEZE_FORK_VERSION: 0x08000001", "HEZE_FORK_EPOCH: 10", "");
    final ChainConfig c = ChainConfig.fromConfigYaml(yaml, Hash32.ZERO);
    assertEquals("fork HEZE at epoch 10 is not supported by this version", c.unsupportedAt(10).orElseThrow());
    assertEquals(Optional.empty(), c.unsupportedAt(9));
    final SyncProtocol p = new SyncProtocol(c, (x, r, a, s) -> false);
    final Exception e = assertThrows(UpdateException.class, () -> p.finalizedRootGindexAtSlot(10 * 8));
    assertTrue(e.getMessage().contains("fork HEZE at epoch 10 is not supported by this version"), e.getMessage());
  }
}
