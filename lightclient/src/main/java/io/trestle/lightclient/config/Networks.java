package io.trestle.lightclient.config;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.config.ChainConfig.ForkEntry;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import io.trestle.lightclient.config.ChainConfig.Preset;

/**
 * Built-in networks: mainnet, sepolia, hoodi (values of their published {@code config.yaml} and
 * {@code genesis_validators_root}), and the spec tests' minimal preset. Each Gloas entry names its
 * source; a network that has not scheduled Gloas lists it at {@code FAR_FUTURE_EPOCH}.
 */
public final class Networks {
  private Networks() {}

  /** Ethereum mainnet. */
  public static final ChainConfig MAINNET = ChainConfig.of("mainnet", Preset.MAINNET,
      Hash32.fromHex("0x4b363db94e286120d76eb905340fdd4e54bfe9f06bf33ff6cf5ad27f511bfe95"), 1606824023L, 12,
      OptionalLong.of(1),
      List.of(
          entry(Fork.PHASE0, "0x00000000", 0),
          entry(Fork.ALTAIR, "0x01000000", 74240),
          entry(Fork.BELLATRIX, "0x02000000", 144896),
          entry(Fork.CAPELLA, "0x03000000", 194048),
          entry(Fork.DENEB, "0x04000000", 269568),
          entry(Fork.ELECTRA, "0x05000000", 364032),
          entry(Fork.FULU, "0x06000000", 411392),
          // GLOAS_FORK_VERSION 0x07000000, GLOAS_FORK_EPOCH not scheduled (FAR_FUTURE_EPOCH) in
          // consensus-specs configs/mainnet.yaml (master a08d8a6e) and Teku mainnet.yaml (90ed09bb).
          entry(Fork.GLOAS, "0x07000000", ChainConfig.FAR_FUTURE_EPOCH)),
      ChainConfig.FAR_FUTURE_EPOCH, 9, List.of(blobs(412672, 15), blobs(419072, 21)));

  /** Sepolia testnet. */
  public static final ChainConfig SEPOLIA = ChainConfig.of("sepolia", Preset.MAINNET,
      Hash32.fromHex("0xd8ea171f3c94aea21ebc42a1ed61052acf3f9209c00e4efbaaddac09ed9b8078"), 1655733600L, 12,
      OptionalLong.of(11155111),
      List.of(
          entry(Fork.PHASE0, "0x90000069", 0),
          entry(Fork.ALTAIR, "0x90000070", 50),
          entry(Fork.BELLATRIX, "0x90000071", 100),
          entry(Fork.CAPELLA, "0x90000072", 56832),
          entry(Fork.DENEB, "0x90000073", 132608),
          entry(Fork.ELECTRA, "0x90000074", 222464),
          entry(Fork.FULU, "0x90000075", 272640),
          // eth-clients/sepolia metadata/config.yaml @ 00d17b4337cc8333786a8a536393cb219d74a342:
          // GLOAS_FORK_VERSION 0x90000076, GLOAS_FORK_EPOCH 353024 (a sync-committee period start, 256 * 1379).
          entry(Fork.GLOAS, "0x90000076", 353024)),
      ChainConfig.FAR_FUTURE_EPOCH, 9,
      List.of(blobs(274176, 15), blobs(275712, 21)));

  /** Hoodi testnet. */
  public static final ChainConfig HOODI = ChainConfig.of("hoodi", Preset.MAINNET,
      Hash32.fromHex("0x212f13fc4df078b6cb7db228f1c8307566dcecf900867401a92023d7ba99cb5f"), 1742213400L, 12,
      OptionalLong.of(560048),
      List.of(
          entry(Fork.PHASE0, "0x10000910", 0),
          entry(Fork.ALTAIR, "0x20000910", 0),
          entry(Fork.BELLATRIX, "0x30000910", 0),
          entry(Fork.CAPELLA, "0x40000910", 0),
          entry(Fork.DENEB, "0x50000910", 0),
          entry(Fork.ELECTRA, "0x60000910", 2048),
          entry(Fork.FULU, "0x70000910", 50688),
          // lodestar packages/config/src/chainConfig/networks/hoodi.ts @ 101bf338425dba9a14050a0bd6a1e002c8fe0c84:
          // GLOAS_FORK_VERSION 0x80000910, GLOAS_FORK_EPOCH 132352 (256 * 517). Older copies of the
          // eth-clients/hoodi config still say FAR_FUTURE; a node's /eth/v1/config/spec is authoritative.
          entry(Fork.GLOAS, "0x80000910", 132352)),
      ChainConfig.FAR_FUTURE_EPOCH, 9, List.of(blobs(52480, 15), blobs(54016, 21)));

  /**
   * The minimal preset with the spec tests' fork versions ({@code 0x0N000001}) and every fork at
   * genesis; spec tests override the schedule with their own {@code config.yaml}.
   */
  public static final ChainConfig MINIMAL = ChainConfig.of("minimal", Preset.MINIMAL, Hash32.ZERO, 0, 6,
      OptionalLong.empty(),
      List.of(
          entry(Fork.PHASE0, "0x00000001", 0),
          entry(Fork.ALTAIR, "0x01000001", 0),
          entry(Fork.BELLATRIX, "0x02000001", 0),
          entry(Fork.CAPELLA, "0x03000001", 0),
          entry(Fork.DENEB, "0x04000001", 0),
          entry(Fork.ELECTRA, "0x05000001", 0),
          entry(Fork.FULU, "0x06000001", 0),
          entry(Fork.GLOAS, "0x07000001", ChainConfig.FAR_FUTURE_EPOCH)),
      ChainConfig.FAR_FUTURE_EPOCH);

  /** A built-in network by name. */
  public static Optional<ChainConfig> byName(final String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "mainnet":
        return Optional.of(MAINNET);
      case "sepolia":
        return Optional.of(SEPOLIA);
      case "hoodi":
        return Optional.of(HOODI);
      case "minimal":
        return Optional.of(MINIMAL);
      default:
        return Optional.empty();
    }
  }

  private static ChainConfig.BlobParameters blobs(final long epoch, final long max) {
    return new ChainConfig.BlobParameters(epoch, max);
  }

  private static ForkEntry entry(final Fork fork, final String version, final long epoch) {
    return new ForkEntry(fork, Bytes.fromHex(version), epoch);
  }
}
