package io.trestle.testkit.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.config.Networks;
import io.trestle.lightclient.json.BeaconApiJson;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientFinalityUpdate;
import io.trestle.lightclient.types.LightClientOptimisticUpdate;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.proofs.json.RpcJson;
import io.trestle.testkit.devnet.BeaconJsonEncoder;
import io.trestle.testkit.devnet.DevnetChain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Recorded chain data a {@link RecordedChainServer} serves: a network config (for {@code /genesis} and
 * fork digests), bootstraps by block root, updates, the latest finality and optimistic updates, each with
 * its beacon-API JSON, and optionally execution JSON-RPC answers. Immutable.
 *
 * <p>Two datasets ship: {@link #devnet(DevnetChain)} (generated, full beacon + execution) and {@link
 * #heliosMainnet(Path)} (real Ethereum mainnet light-client data recorded by the helios project: beacon only).
 */
public final class RecordedDataset {
  /** The real mainnet checkpoint of the helios data (block root of the bootstrap at slot 7069376). */
  public static final Hash32 HELIOS_CHECKPOINT =
      Hash32.fromHex("0x5afc212a7924789b2bc86acad3ab3a6ffb1f6e97253ea50bee7f4f51422c9275");

  /** An object with its fork and the beacon-API JSON ({@code {version, data}}) served for it. */
  public record Item<T>(Fork fork, T value, JsonNode json) {
    /** Non-null components. */
    public Item {
      Objects.requireNonNull(fork);
      Objects.requireNonNull(value);
      Objects.requireNonNull(json);
    }
  }

  private final String label;
  private final ChainConfig config;
  private final Map<Hash32, Item<LightClientBootstrap>> bootstraps;
  private final List<Item<LightClientUpdate>> updates;
  private final Item<LightClientFinalityUpdate> finality;
  private final Item<LightClientOptimisticUpdate> optimistic;
  private final Optional<Execution> execution;

  private RecordedDataset(final String label, final ChainConfig config, final Map<Hash32, Item<LightClientBootstrap>> b,
      final List<Item<LightClientUpdate>> updates, final Item<LightClientFinalityUpdate> finality,
      final Item<LightClientOptimisticUpdate> optimistic, final Optional<Execution> execution) {
    this.label = label;
    this.config = config;
    this.bootstraps = Map.copyOf(b);
    this.updates = List.copyOf(updates);
    this.finality = finality;
    this.optimistic = optimistic;
    this.execution = execution;
  }

  /**
   * The generated devnet: beacon light-client data plus the execution JSON-RPC answers of every generated block
   * from the bridge block to the finalized one (one block unless the chain has a {@link DevnetChain#bridgeDepth()}).
   */
  public static RecordedDataset devnet(final DevnetChain chain) {
    final Map<Hash32, Item<LightClientBootstrap>> b = new LinkedHashMap<>();
    b.put(chain.checkpointRoot(), new Item<>(chain.bootstrap().fork(), chain.bootstrap(),
        BeaconJsonEncoder.bootstrap(chain.bootstrap())));
    final List<Item<LightClientUpdate>> ups = new ArrayList<>();
    chain.updates().forEach(u -> ups.add(new Item<>(u.fork(), u, BeaconJsonEncoder.update(u))));
    final List<Block> blocks = new ArrayList<>();
    for (long n = chain.bridgeBlockNumber(); n <= chain.finalizedBlockNumber(); n++) {
      blocks.add(new Block(RpcJson.parse(chain.executionBlockJsonByNumber(n, true).orElseThrow()),
          RpcJson.parse(chain.executionBlockJsonByNumber(n, false).orElseThrow()),
          RpcJson.parse(chain.receiptsJsonByNumber(n).orElseThrow())));
    }
    final Execution ex = new Execution(DevnetChain.CHAIN_ID, blocks,
        List.of(RpcJson.parse(chain.bridgeAccountProofJson()), RpcJson.parse(chain.absentAccountProofJson())));
    return new RecordedDataset("trestle-devnet (generated, seed " + chain.seed() + ")", chain.config(), b, ups,
        new Item<>(chain.finalityUpdate().fork(), chain.finalityUpdate(),
            BeaconJsonEncoder.finalityUpdate(chain.finalityUpdate())),
        new Item<>(chain.optimisticUpdate().fork(), chain.optimisticUpdate(),
            BeaconJsonEncoder.optimisticUpdate(chain.optimisticUpdate())),
        Optional.of(ex));
  }

  /**
   * Real Ethereum mainnet light-client data from helios' testdata under {@code vectors}: the bootstrap for
   * {@link #HELIOS_CHECKPOINT} and the updates of periods 862-867, served as recorded (the JSON objects of the
   * files, unchanged). The recording has no finality or optimistic update; the ones served are the finality and
   * optimistic parts of the last recorded update (the same signed data, as a beacon node derives them), so a
   * client finds nothing newer. No execution endpoint.
   */
  public static RecordedDataset heliosMainnet(final Path vectors) {
    final Path dir = vectors.resolve("helios/ethereum/testdata");
    final ChainConfig config = Networks.MAINNET;
    try {
      final JsonNode bootJson = RpcJson.mapper().readTree(Files.readString(dir.resolve("bootstrap.json")));
      final var boot = BeaconApiJson.bootstrap(bootJson.toString(), config.preset());
      final JsonNode upJson = RpcJson.mapper().readTree(Files.readString(dir.resolve("updates.json")));
      final var decoded = BeaconApiJson.updates(upJson.toString(), config.preset());
      final List<Item<LightClientUpdate>> ups = new ArrayList<>();
      for (int i = 0; i < decoded.size(); i++) {
        ups.add(new Item<>(decoded.get(i).fork(), decoded.get(i).data(), upJson.get(i)));
      }
      final LightClientUpdate last = decoded.get(decoded.size() - 1).data();
      final LightClientFinalityUpdate fin = new LightClientFinalityUpdate(last.attestedHeader(),
          last.finalizedHeader(), last.finalityBranch(), last.syncAggregate(), last.signatureSlot());
      final LightClientOptimisticUpdate opt = new LightClientOptimisticUpdate(last.attestedHeader(),
          last.syncAggregate(), last.signatureSlot());
      final Map<Hash32, Item<LightClientBootstrap>> b = new LinkedHashMap<>();
      b.put(boot.data().header().beacon().hashTreeRoot(), new Item<>(boot.fork(), boot.data(), bootJson));
      return new RecordedDataset("Ethereum mainnet (real, recorded by helios)", config, b, ups,
          new Item<>(fin.fork(), fin, BeaconJsonEncoder.finalityUpdate(fin)),
          new Item<>(opt.fork(), opt, BeaconJsonEncoder.optimisticUpdate(opt)), Optional.empty());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read helios mainnet data under " + dir, e);
    }
  }

  /** A copy serving another finality update (tests: conflicting or stale data from an honest-looking server). */
  public RecordedDataset withFinalityUpdate(final LightClientFinalityUpdate f) {
    return new RecordedDataset(label, config, bootstraps, updates,
        new Item<>(f.fork(), f, BeaconJsonEncoder.finalityUpdate(f)), optimistic, execution);
  }

  /** A copy serving these updates (tests). */
  public RecordedDataset withUpdates(final List<LightClientUpdate> ups) {
    final List<Item<LightClientUpdate>> items = new ArrayList<>();
    ups.forEach(u -> items.add(new Item<>(u.fork(), u, BeaconJsonEncoder.update(u))));
    return new RecordedDataset(label, config, bootstraps, items, finality, optimistic, execution);
  }

  /** What this is (for reports). */
  public String label() {
    return label;
  }

  /** The network config served by {@code /genesis} and used for fork digests. */
  public ChainConfig config() {
    return config;
  }

  /** The bootstrap recorded for a block root. */
  public Optional<Item<LightClientBootstrap>> bootstrap(final Hash32 root) {
    return Optional.ofNullable(bootstraps.get(root));
  }

  /** The recorded updates. */
  public List<Item<LightClientUpdate>> updates() {
    return updates;
  }

  /** The finality update served. */
  public Item<LightClientFinalityUpdate> finalityUpdate() {
    return finality;
  }

  /** The optimistic update served. */
  public Item<LightClientOptimisticUpdate> optimisticUpdate() {
    return optimistic;
  }

  /** The execution JSON-RPC answers, if this dataset has any. */
  public Optional<Execution> execution() {
    return execution;
  }

  /** One recorded execution block: JSON with full transactions, with hashes only, and its receipts. */
  record Block(JsonNode full, JsonNode hashes, JsonNode receipts) {
    long number() {
      return new BigInteger(full.get("number").asText().substring(2), 16).longValueExact();
    }

    String hash() {
      return full.get("hash").asText().toLowerCase(Locale.ROOT);
    }
  }

  /** Execution JSON-RPC answers computed from recorded objects. */
  public static final class Execution {
    private final long chainId;
    private final List<Block> blocks;
    private final List<JsonNode> proofs;

    Execution(final long chainId, final List<Block> blocks, final List<JsonNode> proofs) {
      this.chainId = chainId;
      this.blocks = List.copyOf(blocks);
      this.proofs = List.copyOf(proofs);
    }

    /**
     * The result for a call: {@code null} for an unknown method, empty for a JSON {@code null} result;
     * throws {@link IllegalArgumentException} for invalid params.
     */
    Optional<JsonNode> answer(final String method, final JsonNode params) {
      switch (method) {
        case "eth_chainId":
          return Optional.of(RpcJson.mapper().getNodeFactory().textNode("0x" + Long.toHexString(chainId)));
        case "eth_blockNumber":
          return Optional.of(RpcJson.mapper().getNodeFactory().textNode("0x"
              + Long.toHexString(blocks.stream().mapToLong(Block::number).max().orElse(0))));
        case "eth_getBlockByNumber":
        case "eth_getBlockByHash": {
          final Optional<Block> b = block(params.path(0));
          return b.map(x -> params.path(1).asBoolean(false) ? x.full() : x.hashes());
        }
        case "eth_getBlockReceipts":
          return block(params.path(0)).map(Block::receipts);
        case "eth_getTransactionReceipt":
          return find(params.path(0), b -> b.receipts(), "transactionHash");
        case "eth_getTransactionByHash":
          return find(params.path(0), b -> b.full().get("transactions"), "hash");
        case "eth_getProof":
          return proof(params);
        default:
          return null;
      }
    }

    private Optional<Block> block(final JsonNode id) {
      String s = id.isObject() ? id.path("blockHash").asText(id.path("blockNumber").asText("")) : id.asText("");
      s = s.toLowerCase(Locale.ROOT);
      if (s.isEmpty()) {
        throw new IllegalArgumentException("missing block parameter");
      }
      if (List.of("latest", "finalized", "safe", "pending").contains(s)) {
        return blocks.stream().reduce((a, b) -> b);
      }
      if (s.length() == 66) {
        final String h = s;
        return blocks.stream().filter(b -> b.hash().equals(h)).findFirst();
      }
      if (!s.startsWith("0x") || s.length() < 3) {
        throw new IllegalArgumentException("invalid block parameter " + s);
      }
      final long n;
      try {
        n = Long.parseUnsignedLong(s.substring(2), 16);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("invalid block number " + s);
      }
      return blocks.stream().filter(b -> b.number() == n).findFirst();
    }

    private Optional<JsonNode> find(final JsonNode hash, final java.util.function.Function<Block, JsonNode> arr,
        final String field) {
      final String h = hash.asText("").toLowerCase(Locale.ROOT);
      for (final Block b : blocks) {
        for (final JsonNode n : arr.apply(b)) {
          if (n.path(field).asText("").toLowerCase(Locale.ROOT).equals(h)) {
            return Optional.of(n);
          }
        }
      }
      return Optional.empty();
    }

    private Optional<JsonNode> proof(final JsonNode params) {
      final String addr = params.path(0).asText("").toLowerCase(Locale.ROOT);
      if (params.path(2).isMissingNode() || block(params.path(2)).isEmpty()) {
        return Optional.empty();
      }
      for (final JsonNode p : proofs) {
        if (!p.path("address").asText("").toLowerCase(Locale.ROOT).equals(addr)) {
          continue;
        }
        final ObjectNode out = p.deepCopy();
        final ArrayNode storage = out.putArray("storageProof");
        for (final JsonNode k : params.path(1)) {
          final BigInteger want = word(k.asText(""));
          JsonNode hit = null;
          for (final JsonNode sp : p.path("storageProof")) {
            if (word(sp.path("key").asText("")).equals(want)) {
              hit = sp;
            }
          }
          if (hit == null) {
            throw new IllegalArgumentException("storage key " + k.asText() + " was not recorded for " + addr);
          }
          storage.add(hit);
        }
        return Optional.of(out);
      }
      throw new IllegalArgumentException("no proof recorded for account " + addr);
    }

    private static BigInteger word(final String hex) {
      if (!hex.startsWith("0x") || hex.length() < 3 || hex.length() > 66) {
        throw new IllegalArgumentException("invalid storage key " + hex);
      }
      try {
        return new BigInteger(hex.substring(2), 16);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("invalid storage key " + hex);
      }
    }
  }
}
