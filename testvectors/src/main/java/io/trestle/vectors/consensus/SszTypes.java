package io.trestle.vectors.consensus;

import io.trestle.crypto.Hash32;
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
import io.trestle.lightclient.types.beacon.BeaconSchemas;
import io.trestle.proofs.ssz.SszReader;
import io.trestle.proofs.ssz.SszType;
import io.trestle.proofs.ssz.SszValue;
import java.util.Optional;

/**
 * The SSZ containers Trestle implements, by spec type name, for ssz_static and single_merkle_proof
 * cases: strict decode, re-encode and {@code hash_tree_root}, by the hand-written types and, for MAINNET
 * types with a {@link BeaconSchemas} schema, by the generic SSZ engine ({@link #decodeWithSchema}).
 */
final class SszTypes {
  private SszTypes() {}

  /** A decoded object's re-encoding and root. */
  record Decoded(byte[] encoded, Hash32 root) {}

  /** The generic MAINNET schema of {@code type} in {@code fork}, if there is one (none for other presets). */
  static Optional<SszType.Container> schema(final String type, final Fork fork, final Preset preset) {
    return preset.equals(Preset.MAINNET) ? BeaconSchemas.byName(type, fork) : Optional.empty();
  }

  /** Strict decoding by the generic engine; throws SszException on bad bytes. */
  static Decoded decodeWithSchema(final SszType schema, final byte[] ssz) {
    final SszValue v = schema.decode(ssz);
    return new Decoded(schema.encode(v), schema.hashTreeRoot(v));
  }

  /** Why {@code type} has no hand-written implementation in {@code fork}, or empty if it has one. */
  static Optional<String> unsupported(final String type, final Fork fork) {
    switch (type) {
      case "BeaconBlockHeader":
        return Optional.empty();
      case "ExecutionPayloadHeader":
        return fork.ordinal() >= Fork.BELLATRIX.ordinal() ? Optional.empty()
            : Optional.of(type + " does not exist in " + fork.specName());
      case "SyncCommittee":
      case "SyncAggregate":
      case "LightClientHeader":
      case "LightClientBootstrap":
      case "LightClientUpdate":
      case "LightClientFinalityUpdate":
      case "LightClientOptimisticUpdate":
        return fork.ordinal() >= Fork.ALTAIR.ordinal() ? Optional.empty()
            : Optional.of(type + " does not exist in " + fork.specName());
      default:
        return Optional.of("type " + type + " is not implemented by Trestle");
    }
  }

  /** Strict decoding of a supported type; throws (SszException, IllegalArgumentException) on bad bytes. */
  static Decoded decode(final String type, final Fork fork, final Preset preset, final byte[] ssz) {
    switch (type) {
      case "BeaconBlockHeader": {
        final BeaconBlockHeader v = BeaconBlockHeader.decode(SszReader.of(ssz, type));
        return new Decoded(v.encode(), v.hashTreeRoot());
      }
      case "SyncCommittee": {
        final SyncCommittee v = SyncCommittee.decode(SszReader.of(ssz, type), preset);
        return new Decoded(v.encode(), v.hashTreeRoot());
      }
      case "SyncAggregate": {
        final SyncAggregate v = SyncAggregate.decode(SszReader.of(ssz, type), preset);
        return new Decoded(v.encode(), v.hashTreeRoot());
      }
      case "ExecutionPayloadHeader": {
        final ExecutionPayloadHeader v = ExecutionPayloadHeader.decode(SszReader.of(ssz, type), fork);
        return new Decoded(v.encode(), v.hashTreeRoot());
      }
      case "LightClientHeader": {
        final LightClientHeader v = LightClientHeader.decode(SszReader.of(ssz, type), fork);
        return new Decoded(v.encode(), v.hashTreeRoot());
      }
      case "LightClientBootstrap": {
        final LightClientBootstrap v = LightClientBootstrap.decode(ssz, fork, preset);
        return new Decoded(v.encode(), v.hashTreeRoot());
      }
      case "LightClientUpdate": {
        final LightClientUpdate v = LightClientUpdate.decode(ssz, fork, preset);
        return new Decoded(v.encode(), v.hashTreeRoot());
      }
      case "LightClientFinalityUpdate": {
        final LightClientFinalityUpdate v = LightClientFinalityUpdate.decode(ssz, fork, preset);
        return new Decoded(v.encode(), v.hashTreeRoot());
      }
      case "LightClientOptimisticUpdate": {
        final LightClientOptimisticUpdate v = LightClientOptimisticUpdate.decode(ssz, fork, preset);
        return new Decoded(v.encode(), v.hashTreeRoot());
      }
      default:
        throw new IllegalArgumentException("unsupported type " + type);
    }
  }
}
