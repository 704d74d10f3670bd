package io.trestle.lightclient.source;

import io.trestle.lightclient.json.Versioned;
import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.source.EndpointPool.RawResponse;
import io.trestle.lightclient.source.EndpointPool.Request;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientFinalityUpdate;
import io.trestle.lightclient.types.LightClientOptimisticUpdate;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.config.ChainConfig.Preset;
import io.trestle.proofs.VerificationException;
import io.trestle.proofs.json.RpcJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.trestle.lightclient.source.SourceException.SourceError;

/**
 * Client of the beacon-API light-client endpoints ({@code /eth/v1/beacon/light_client/*}) and
 * {@code /eth/v1/beacon/genesis}, over one or more base URLs with timeouts, size caps, retries and fail-over
 * (see {@link HttpSettings}). Thread-safe.
 *
 * <p>Two encodings, each as a {@link LightClientSource}: {@link #jsonSource()} sends {@code Accept:
 * application/json} and decodes the {@code data} member for the fork its {@code version} names; {@link
 * #sszSource()} sends {@code Accept: application/octet-stream} and decodes the SSZ strictly into light-client
 * types for this client's preset, the fork taken from the {@code Eth-Consensus-Version} header or, for updates,
 * each chunk's fork digest.
 *
 * <p>Trust contract: everything returned is untrusted. This class never checks a signature, a branch or a
 * header root; it only bounds, parses and retries. {@link #checkNetwork} catches an endpoint configured for the
 * wrong network, not a lying one. Several endpoints ({@link #perEndpoint}, as the sync driver uses them) can
 * expose a lying endpoint, but agreement proves nothing by itself: the light client verifies.
 */
public final class BeaconApiClient {
  /** {@code MAX_REQUEST_LIGHT_CLIENT_UPDATES}: the most updates one request asks for (bigger ranges are split). */
  public static final int MAX_UPDATES_PER_REQUEST = 128;

  private static final Logger LOG = LoggerFactory.getLogger(BeaconApiClient.class);
  private static final String JSON = "application/json";
  private static final String SSZ = "application/octet-stream";
  private static final String LC = "/eth/v1/beacon/light_client";

  private final EndpointPool pool;
  private final ChainConfig config;

  /**
   * A client for {@code config}'s network.
   *
   * @param endpoints base URLs, tried in this order (the last one that answered is tried first)
   * @param config the network (preset for SSZ decoding, fork digests, network check)
   * @param settings limits and retry policy
   */
  public BeaconApiClient(final List<Endpoint> endpoints, final ChainConfig config, final HttpSettings settings) {
    this.pool = new EndpointPool(endpoints, settings);
    this.config = Objects.requireNonNull(config, "config");
  }

  /** A client with {@link HttpSettings#defaults()}. */
  public static BeaconApiClient of(final List<String> urls, final ChainConfig config) {
    final List<Endpoint> eps = new ArrayList<>();
    urls.forEach(u -> eps.add(Endpoint.of(u)));
    return new BeaconApiClient(eps, config, HttpSettings.defaults());
  }

  /**
   * One client per endpoint, with this client's config and settings: the per-endpoint sources a {@link
   * io.trestle.lightclient.sync.SyncDriver} fails over between (it asks the next endpoint when one fails or
   * serves data that does not verify).
   */
  public List<BeaconApiClient> perEndpoint() {
    final List<BeaconApiClient> out = new ArrayList<>();
    for (final Endpoint e : pool.endpoints()) {
      out.add(new BeaconApiClient(List.of(e), config, pool.settings()));
    }
    return out;
  }

  /** The network this client decodes for. */
  public ChainConfig config() {
    return config;
  }

  /** The endpoints in configured order. */
  public List<Endpoint> endpoints() {
    return pool.endpoints();
  }

  /** The endpoint tried first next time (the last that answered). */
  public Endpoint preferredEndpoint() {
    return pool.preferred();
  }

  // ---------------------------------------------------------------- JSON

  /**
   * This client as a {@link LightClientSource} decoding the beacon-API JSON (the preset of its config). Every
   * object it returns is still unverified: the light client checks it.
   */
  public LightClientSource jsonSource() {
    return new HttpSource(this, false);
  }

  /** This client as a {@link LightClientSource} reading SSZ (fork from each answer's context bytes). Unverified. */
  public LightClientSource sszSource() {
    return new HttpSource(this, true);
  }

  /** {@code GET /eth/v1/beacon/light_client/bootstrap/{block_root}} as JSON. 404 is {@code NOT_FOUND}. */
  Versioned<JsonNode> bootstrap(final Hash32 blockRoot) {
    return pool.call(Request.get(bootstrapPath(blockRoot), JSON, "bootstrap"), this::versionedJson);
  }

  /**
   * {@code GET /eth/v1/beacon/light_client/updates?start_period=&count=} as JSON, split into requests of at most
   * {@link #MAX_UPDATES_PER_REQUEST}. A server returning more than it was asked for is {@code MALFORMED}; the
   * periods returned are not checked here.
   *
   * @param startPeriod first sync-committee period (unsigned)
   * @param count number of periods, at least 1
   */
  List<Versioned<JsonNode>> updates(final long startPeriod, final int count) {
    return ranged(startPeriod, count, (start, n) ->
        pool.call(Request.get(updatesPath(start, n), JSON, "updates[" + Long.toUnsignedString(start) + "+" + n + "]"),
            (ep, r) -> jsonUpdates(ep, r, n)));
  }

  /** {@code GET /eth/v1/beacon/light_client/finality_update} as JSON. */
  Versioned<JsonNode> finalityUpdate() {
    return pool.call(finalityRequest(JSON), this::versionedJson);
  }

  /** {@code GET /eth/v1/beacon/light_client/optimistic_update} as JSON. */
  Versioned<JsonNode> optimisticUpdate() {
    return pool.call(optimisticRequest(JSON), this::versionedJson);
  }

  // ---------------------------------------------------------------- SSZ

  /** The bootstrap as SSZ, decoded for the fork of {@code Eth-Consensus-Version}. */
  Versioned<LightClientBootstrap> bootstrapSsz(final Hash32 blockRoot) {
    return pool.call(Request.get(bootstrapPath(blockRoot), SSZ, "bootstrap (ssz)"),
        (ep, r) -> sszSingle(ep, r, "bootstrap", LightClientBootstrap::decode));
  }

  /**
   * Updates as SSZ response chunks ({@code uint64} little-endian length of context + payload, 4-byte fork digest
   * context, SSZ payload), each decoded for the fork whose digest (under this client's genesis validators root)
   * the context carries. Split and bounded as {@link #updates}. A digest of no known fork is {@code
   * WRONG_NETWORK}; bad framing or SSZ is {@code MALFORMED}.
   */
  List<Versioned<LightClientUpdate>> updatesSsz(final long startPeriod, final int count) {
    return ranged(startPeriod, count, (start, n) ->
        pool.call(Request.get(updatesPath(start, n), SSZ,
            "updates[" + Long.toUnsignedString(start) + "+" + n + "] (ssz)"), (ep, r) -> sszChunks(ep, r, n)));
  }

  /** The finality update as SSZ. */
  Versioned<LightClientFinalityUpdate> finalityUpdateSsz() {
    return pool.call(finalityRequest(SSZ), this::finalitySsz);
  }

  /** The optimistic update as SSZ. */
  Versioned<LightClientOptimisticUpdate> optimisticUpdateSsz() {
    return pool.call(optimisticRequest(SSZ), this::optimisticSsz);
  }

  // ---------------------------------------------------------------- genesis, spec, network check

  /** {@code GET /eth/v1/beacon/genesis}. */
  public Genesis genesis() {
    return pool.call(Request.get("/eth/v1/beacon/genesis", JSON, "genesis"), BeaconApiClient::parseGenesis);
  }

  /** {@link #checkNetwork(ChainConfig)} against this client's config. */
  public Genesis checkNetwork() {
    return checkNetwork(config);
  }

  /**
   * Asks every endpoint for its genesis and compares {@code genesis_validators_root} and {@code
   * genesis_fork_version} with {@code expected}. Any endpoint reporting other values makes this throw {@code
   * WRONG_NETWORK} naming the endpoint and both values. Unreachable endpoints are tolerated (logged) as long as one
   * answered; if none did, the failure is thrown. This catches misconfiguration only: a malicious server can
   * report the right genesis and serve anything.
   *
   * @return the genesis the answering endpoints agree on
   */
  public Genesis checkNetwork(final ChainConfig expected) {
    final List<EndpointResult<Genesis>> all =
        pool.callEach(Request.get("/eth/v1/beacon/genesis", JSON, "genesis"), BeaconApiClient::parseGenesis);
    final Optional<Bytes> version = expected.forkVersion(Fork.PHASE0);
    Optional<Genesis> agreed = Optional.empty();
    final List<SourceException> failures = new ArrayList<>();
    for (final EndpointResult<Genesis> r : all) {
      if (r instanceof EndpointResult.Failed<Genesis> f) {
        LOG.warn("network check: {} did not answer: {}", f.endpoint(), f.error().getMessage());
        failures.add(f.error());
        continue;
      }
      final Genesis g = ((EndpointResult.Ok<Genesis>) r).data();
      if (!g.genesisValidatorsRoot().equals(expected.genesisValidatorsRoot())) {
        throw SourceException.of(SourceError.WRONG_NETWORK, r.endpoint(), "genesis_validators_root is "
            + g.genesisValidatorsRoot() + " but network '" + expected.name() + "' has "
            + expected.genesisValidatorsRoot());
      }
      if (version.isPresent() && !version.get().equals(g.genesisForkVersion())) {
        throw SourceException.of(SourceError.WRONG_NETWORK, r.endpoint(), "genesis_fork_version is "
            + g.genesisForkVersion().toHex() + " but network '" + expected.name() + "' has " + version.get().toHex());
      }
      agreed = Optional.of(g);
    }
    if (agreed.isPresent()) {
      return agreed.get();
    }
    if (failures.size() == 1) {
      throw failures.get(0);
    }
    throw SourceException.aggregate(SourceError.ALL_ENDPOINTS_FAILED, "network check: no endpoint answered",
        failures);
  }

  // ---------------------------------------------------------------- internals

  private static String bootstrapPath(final Hash32 blockRoot) {
    return LC + "/bootstrap/" + blockRoot.toHex();
  }

  private static String updatesPath(final long start, final int n) {
    return LC + "/updates?start_period=" + Long.toUnsignedString(start) + "&count=" + n;
  }

  private static Request finalityRequest(final String accept) {
    return Request.get(LC + "/finality_update", accept,
        SSZ.equals(accept) ? "finality_update (ssz)" : "finality_update");
  }

  private static Request optimisticRequest(final String accept) {
    return Request.get(LC + "/optimistic_update", accept,
        SSZ.equals(accept) ? "optimistic_update (ssz)" : "optimistic_update");
  }

  @FunctionalInterface
  private interface RangeCall<T> {
    List<T> fetch(long start, int n);
  }

  private static <T> List<T> ranged(final long startPeriod, final int count, final RangeCall<T> call) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1");
    }
    if (Long.compareUnsigned(startPeriod, -1L - count) > 0) {
      throw new IllegalArgumentException("start_period + count overflows uint64");
    }
    final List<T> out = new ArrayList<>();
    long start = startPeriod;
    int left = count;
    while (left > 0) {
      final int n = Math.min(left, MAX_UPDATES_PER_REQUEST);
      final List<T> part = call.fetch(start, n);
      out.addAll(part);
      if (part.isEmpty()) {
        break; // nothing at or after this range: later ranges are beyond the server's head
      }
      start += n;
      left -= n;
    }
    return List.copyOf(out);
  }

  private static JsonNode parseJson(final Endpoint ep, final RawResponse r, final String what) {
    try {
      final JsonNode n = RpcJson.mapper().readTree(r.body());
      if (n == null || n.isMissingNode()) {
        throw SourceException.malformed(ep, what + ": empty JSON document", null);
      }
      return n;
    } catch (IOException e) {
      final String m = e.getMessage() == null ? "" : e.getMessage().split("\n", 2)[0];
      throw SourceException.malformed(ep, what + ": malformed JSON: " + m, e);
    }
  }

  private Versioned<JsonNode> versionedJson(final Endpoint ep, final RawResponse r) {
    final Versioned<JsonNode> v = versionedNode(ep, parseJson(ep, r, "light-client object"), "response");
    final Optional<String> header = r.header("Eth-Consensus-Version");
    if (header.isPresent() && !header.get().equalsIgnoreCase(v.fork().specName())) {
      throw SourceException.malformed(ep, "Eth-Consensus-Version header '" + header.get()
          + "' disagrees with version '" + v.fork().specName() + "'", null);
    }
    return v;
  }

  private static Versioned<JsonNode> versionedNode(final Endpoint ep, final JsonNode n, final String where) {
    if (!n.isObject()) {
      throw SourceException.malformed(ep, where + ": expected an object {version, data}", null);
    }
    final JsonNode version = n.get("version");
    if (version == null || !version.isTextual()) {
      throw SourceException.malformed(ep, where + ": 'version' must be a string", null);
    }
    final Fork fork = lightClientFork(ep, version.asText(), where + ".version");
    final JsonNode data = n.get("data");
    if (data == null || !data.isObject()) {
      throw SourceException.malformed(ep, where + ": 'data' must be an object", null);
    }
    return new Versioned<>(fork, data);
  }

  private static Fork lightClientFork(final Endpoint ep, final String name, final String where) {
    final Optional<Fork> f = Fork.fromName(name);
    if (f.isEmpty()) {
      throw SourceException.of(SourceError.UNSUPPORTED, ep, where + ": consensus version '" + abbreviate(name)
          + "' is not supported by this version");
    }
    if (f.get() == Fork.PHASE0) {
      throw SourceException.malformed(ep, where + ": phase0 has no light-client data", null);
    }
    return f.get();
  }

  private List<Versioned<JsonNode>> jsonUpdates(final Endpoint ep, final RawResponse r, final int asked) {
    final JsonNode n = parseJson(ep, r, "updates");
    if (!n.isArray()) {
      throw SourceException.malformed(ep, "updates: expected a JSON array of {version, data}", null);
    }
    if (n.size() > asked) {
      throw SourceException.malformed(ep, "updates: " + n.size() + " updates for a request of " + asked, null);
    }
    final List<Versioned<JsonNode>> out = new ArrayList<>(n.size());
    for (int i = 0; i < n.size(); i++) {
      out.add(versionedNode(ep, n.get(i), "updates[" + i + "]"));
    }
    return out;
  }

  @FunctionalInterface
  private interface SszDecoder<T> {
    T decode(byte[] ssz, Fork fork, Preset preset);
  }

  private <T> Versioned<T> sszSingle(final Endpoint ep, final RawResponse r, final String what,
      final SszDecoder<T> decoder) {
    requireOctetStream(ep, r, what);
    final String header = r.header("Eth-Consensus-Version").orElseThrow(() ->
        SourceException.malformed(ep, what + ": SSZ response without an Eth-Consensus-Version header", null));
    final Fork fork = lightClientFork(ep, header.trim().toLowerCase(Locale.ROOT), what + " Eth-Consensus-Version");
    return new Versioned<>(fork, decode(ep, what, () -> decoder.decode(r.body(), fork, config.preset())));
  }

  private Versioned<LightClientFinalityUpdate> finalitySsz(final Endpoint ep, final RawResponse r) {
    return sszSingle(ep, r, "finality_update", LightClientFinalityUpdate::decode);
  }

  private Versioned<LightClientOptimisticUpdate> optimisticSsz(final Endpoint ep, final RawResponse r) {
    return sszSingle(ep, r, "optimistic_update", LightClientOptimisticUpdate::decode);
  }

  private static void requireOctetStream(final Endpoint ep, final RawResponse r, final String what) {
    final Optional<String> ct = r.header("Content-Type");
    if (ct.isPresent() && ct.get().toLowerCase(Locale.ROOT).startsWith(JSON)) {
      throw SourceException.malformed(ep, what + ": asked for SSZ, got Content-Type " + abbreviate(ct.get()), null);
    }
  }

  private static <T> T decode(final Endpoint ep, final String what, final java.util.function.Supplier<T> d) {
    try {
      return d.get();
    } catch (RuntimeException e) {
      throw SourceException.malformed(ep, what + ": invalid SSZ: " + e.getMessage(), e);
    }
  }

  /** Parses {@code (uint64_le len, (digest[4], payload))*} response chunks. */
  private List<Versioned<LightClientUpdate>> sszChunks(final Endpoint ep, final RawResponse r, final int asked) {
    requireOctetStream(ep, r, "updates");
    final byte[] b = r.body();
    final List<Versioned<LightClientUpdate>> out = new ArrayList<>();
    int pos = 0;
    while (pos < b.length) {
      final int i = out.size();
      if (i >= asked) {
        throw SourceException.malformed(ep, "updates: more than the " + asked + " chunks requested", null);
      }
      if (b.length - pos < 8) {
        throw SourceException.malformed(ep, "updates chunk " + i + ": truncated length prefix ("
            + (b.length - pos) + " of 8 bytes)", null);
      }
      long len = 0;
      for (int k = 7; k >= 0; k--) {
        len = (len << 8) | (b[pos + k] & 0xff);
      }
      pos += 8;
      final int remaining = b.length - pos;
      if (Long.compareUnsigned(len, remaining) > 0) {
        throw SourceException.malformed(ep, "updates chunk " + i + ": declares " + Long.toUnsignedString(len)
            + " bytes but only " + remaining + " remain", null);
      }
      if (len < 4) {
        throw SourceException.malformed(ep, "updates chunk " + i + ": " + len + " bytes cannot hold a fork digest",
            null);
      }
      final Bytes digest = Bytes.of(b, pos, 4);
      final Optional<Fork> fork = config.forkOfDigest(digest);
      if (fork.isEmpty()) {
        throw SourceException.of(SourceError.WRONG_NETWORK, ep, "updates chunk " + i + ": fork digest "
            + digest.toHex() + " is no fork of network '" + config.name() + "' (other network or unknown fork)");
      }
      if (fork.get() == Fork.PHASE0) {
        throw SourceException.malformed(ep, "updates chunk " + i + ": phase0 digest, no light-client data", null);
      }
      final byte[] payload = Arrays.copyOfRange(b, pos + 4, pos + (int) len);
      final Fork f = fork.get();
      out.add(new Versioned<>(f, decode(ep, "updates chunk " + i,
          () -> LightClientUpdate.decode(payload, f, config.preset()))));
      pos += (int) len;
    }
    return out;
  }

  private static Genesis parseGenesis(final Endpoint ep, final RawResponse r) {
    final JsonNode n = parseJson(ep, r, "genesis");
    try {
      final JsonNode data = RpcJson.field(n, "data");
      return new Genesis(RpcJson.hash(data, "genesis_validators_root"),
          RpcJson.decimal(data, "genesis_time", 63).longValueExact(),
          RpcJson.fixed(data, "genesis_fork_version", 4));
    } catch (VerificationException e) {
      throw SourceException.malformed(ep, "genesis: " + e.getMessage(), e);
    }
  }

  private static String abbreviate(final String s) {
    return s.length() > 40 ? s.substring(0, 37) + "..." : s;
  }

  @Override
  public String toString() {
    return "BeaconApiClient" + pool.endpoints() + " for " + config.name();
  }

  /**
   * The {@code /eth/v1/beacon/genesis} answer of a server. Untrusted: it is compared with the operator's
   * {@code ChainConfig} to catch a misconfigured endpoint, never used in its place.
   *
   * @param genesisValidatorsRoot {@code genesis_validators_root}
   * @param genesisTime {@code genesis_time} (Unix seconds)
   * @param genesisForkVersion {@code genesis_fork_version} (4 bytes)
   */
  public record Genesis(Hash32 genesisValidatorsRoot, long genesisTime, Bytes genesisForkVersion) {
    /** Validates fields. */
    public Genesis {
      Objects.requireNonNull(genesisValidatorsRoot, "genesisValidatorsRoot");
      if (genesisForkVersion.size() != 4) {
        throw new IllegalArgumentException("genesis fork version must be 4 bytes");
      }
    }
  }
}
