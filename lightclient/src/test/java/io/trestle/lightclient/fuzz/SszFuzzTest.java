package io.trestle.lightclient.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.trestle.lightclient.types.BeaconBlockHeader;
import io.trestle.lightclient.types.ExecutionPayloadHeader;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientFinalityUpdate;
import io.trestle.lightclient.types.LightClientHeader;
import io.trestle.lightclient.types.LightClientOptimisticUpdate;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.config.ChainConfig.Preset;
import io.trestle.lightclient.types.SyncAggregate;
import io.trestle.lightclient.types.SyncCommittee;
import io.trestle.proofs.ssz.SszException;
import io.trestle.proofs.ssz.SszReader;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Fuzz target: strict SSZ decoding of every light-client container of every fork (Altair to Gloas) in
 * both presets. Byte 0 of the input selects the container, byte 1 the fork, byte 2 the preset; the rest
 * is SSZ. Seeds: the consensus-spec-tests and Lantern {@code ssz_static} cases and the real light-client
 * data of the repository (helios mainnet, spec-test minimal sync cases including the Gloas one), with
 * their selector prefix. Gloas has no {@code ExecutionPayloadHeader} in its light-client containers
 * (selector 3 with Gloas decodes nothing); its header is {@code beacon, execution_block_hash,
 * execution_branch[11]}. The Gloas validation rules have their own target ({@link GloasUpdateFuzzTest}).
 *
 * <p>Oracle: a failure is an {@link SszException} (nothing else escapes); an accepted object re-encodes
 * to exactly the input bytes (no trailing bytes, offsets canonical) and has a {@code hash_tree_root}.
 */
class SszFuzzTest {
  static final String[] CONTAINERS = {"BeaconBlockHeader", "SyncCommittee", "SyncAggregate",
      "ExecutionPayloadHeader", "LightClientHeader", "LightClientBootstrap", "LightClientUpdate",
      "LightClientFinalityUpdate", "LightClientOptimisticUpdate"};
  static final Fork[] FORKS = {Fork.ALTAIR, Fork.BELLATRIX, Fork.CAPELLA, Fork.DENEB, Fork.ELECTRA, Fork.FULU,
      Fork.GLOAS};
  static final Preset[] PRESETS = {Preset.MAINNET, Preset.MINIMAL};

  @FuzzTest(maxDuration = "30m")
  void lightClientContainers(final byte[] input) {
    if (input.length < 3) {
      return;
    }
    final int c = Byte.toUnsignedInt(input[0]) % CONTAINERS.length;
    final Fork fork = FORKS[Byte.toUnsignedInt(input[1]) % FORKS.length];
    final Preset preset = PRESETS[Byte.toUnsignedInt(input[2]) % PRESETS.length];
    final byte[] ssz = Arrays.copyOfRange(input, 3, input.length);
    final Object[] decoded = new Object[1];
    final Supplier<byte[]> encode;
    try {
      switch (c) {
        case 0 -> {
          final BeaconBlockHeader h = BeaconBlockHeader.decode(whole(ssz, "BeaconBlockHeader"));
          decoded[0] = h.hashTreeRoot();
          encode = h::encode;
        }
        case 1 -> {
          final SyncCommittee s = SyncCommittee.decode(whole(ssz, "SyncCommittee"), preset);
          decoded[0] = s.hashTreeRoot();
          encode = s::encode;
        }
        case 2 -> {
          final SyncAggregate s = SyncAggregate.decode(whole(ssz, "SyncAggregate"), preset);
          decoded[0] = s.hashTreeRoot();
          encode = s::encode;
        }
        case 3 -> {
          if (!fork.hasExecution()) {
            return;
          }
          final ExecutionPayloadHeader h = ExecutionPayloadHeader.decode(whole(ssz, "ExecutionPayloadHeader"), fork);
          decoded[0] = h.hashTreeRoot();
          encode = h::encode;
        }
        case 4 -> {
          final LightClientHeader h = LightClientHeader.decode(whole(ssz, "LightClientHeader"), fork);
          decoded[0] = h.hashTreeRoot();
          encode = h::encode;
        }
        case 5 -> {
          final LightClientBootstrap b = LightClientBootstrap.decode(ssz, fork, preset);
          decoded[0] = b.hashTreeRoot();
          encode = b::encode;
        }
        case 6 -> {
          final LightClientUpdate u = LightClientUpdate.decode(ssz, fork, preset);
          decoded[0] = u.hashTreeRoot();
          encode = u::encode;
        }
        case 7 -> {
          final LightClientFinalityUpdate u = LightClientFinalityUpdate.decode(ssz, fork, preset);
          decoded[0] = u.hashTreeRoot();
          encode = u::encode;
        }
        default -> {
          final LightClientOptimisticUpdate u = LightClientOptimisticUpdate.decode(ssz, fork, preset);
          decoded[0] = u.hashTreeRoot();
          encode = u::encode;
        }
      }
    } catch (SszException e) {
      assertNotNull(e.getMessage());
      return;
    }
    assertNotNull(decoded[0]);
    assertArrayEquals(ssz, encode.get(), () -> "accepted non-canonical " + CONTAINERS[c] + " (" + fork + ")");
  }

  /** A reader that must be consumed completely (the containers' own decode(byte[]) do this). */
  private static SszReader whole(final byte[] ssz, final String name) {
    return SszReader.of(ssz, name);
  }
}
