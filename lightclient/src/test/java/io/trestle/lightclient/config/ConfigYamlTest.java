package io.trestle.lightclient.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.trestle.crypto.Hash32;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * config.yaml through the YAML parser: hex versions stay hex whether quoted or not (YAML 1.1 would read an
 * unquoted 0x... as an integer), comments and block or flow style BLOB_SCHEDULE are read, bad YAML is refused.
 * Expected values are the ones written in the documents here.
 */
class ConfigYamlTest {
  private static final Hash32 GVR = Hash32.fromHex("0x" + "11".repeat(32));

  @Test
  void scalarsKeepTheirSourceText() {
    final String yaml = "# a comment\nPRESET_BASE: 'minimal'\nCONFIG_NAME: \"yaml-test\"\n"
        + "MIN_GENESIS_TIME: 1000 # trailing comment\nGENESIS_DELAY: 20\nSECONDS_PER_SLOT: 6\n"
        + "DEPOSIT_CHAIN_ID: 4242\nGENESIS_FORK_VERSION: 0x00000001\nALTAIR_FORK_VERSION: '0x01000001'\n"
        + "ALTAIR_FORK_EPOCH: 0\nBELLATRIX_FORK_VERSION: 0x02000001\nBELLATRIX_FORK_EPOCH: 5\n"
        + "BLOB_SCHEDULE:\n  - EPOCH: 7\n    MAX_BLOBS_PER_BLOCK: 9\n  - {EPOCH: 11, MAX_BLOBS_PER_BLOCK: 12}\n"
        + "NESTED_UNKNOWN:\n  a: [1, 2]\n";
    final ChainConfig c = ChainConfig.fromConfigYaml(yaml, GVR);
    assertEquals("yaml-test", c.name());
    assertEquals(1020, c.genesisTime());
    assertEquals(6, c.secondsPerSlot());
    assertEquals(OptionalLong.of(4242), c.depositChainId());
    assertEquals("0x00000001", c.forkVersion(Fork.PHASE0).orElseThrow().toHex());
    assertEquals("0x01000001", c.forkVersion(Fork.ALTAIR).orElseThrow().toHex());
    assertEquals("0x02000001", c.forkVersion(Fork.BELLATRIX).orElseThrow().toHex());
    assertEquals(OptionalLong.of(5), c.forkEpoch(Fork.BELLATRIX));
    assertEquals(2, c.blobSchedule().size());
    assertEquals(11, c.blobSchedule().get(1).epoch());
    assertEquals(12, c.blobSchedule().get(1).maxBlobsPerBlock());
  }

  @Test
  void malformedYamlIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> ChainConfig.fromConfigYaml("A: [1, 2\nB: 3", GVR));
    assertThrows(IllegalArgumentException.class, () -> ChainConfig.fromConfigYaml("- just\n- a list\n", GVR));
  }
}
