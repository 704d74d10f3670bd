package io.trestle.kafka;

import io.trestle.crypto.Hash32;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.source.Endpoint;
import io.trestle.lightclient.source.LightClientSource;
import io.trestle.lightclient.source.LightClientSource.Wire;
import io.trestle.lightclient.source.SourceException.SourceError;
import io.trestle.lightclient.source.SourceException;
import io.trestle.lightclient.types.LightClientUpdate;
import java.util.List;
import java.util.Locale;

/**
 * One candidate rank of a {@link KafkaLightClientFeed} as a {@link LightClientSource}: it serves, for each datum, the
 * {@link #rank()}-th newest distinct object read from the topic. Untrusted like any source: the sync driver's light
 * client verifies everything it serves. Its {@link #endpoint()} is a synthetic label ({@code
 * http://c<rank>.<topic>.kafka.invalid}; the reserved {@code .invalid} name, never contacted) so reports and
 * demotions can name the rank. Thread-safe.
 */
public final class KafkaLightClientSource implements LightClientSource {
  private final KafkaLightClientFeed feed;
  private final int rank;
  private final Endpoint endpoint;

  KafkaLightClientSource(final KafkaLightClientFeed feed, final int rank) {
    this.feed = feed;
    this.rank = rank;
    final String host = feed.topic().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-")
        .replaceAll("^[.-]+|[.-]+$", "");
    this.endpoint = Endpoint.of("http://c" + rank + "." + (host.isEmpty() ? "topic" : host) + ".kafka.invalid");
  }

  /** The candidate rank served (0 = the newest object of each datum). */
  public int rank() {
    return rank;
  }

  @Override
  public Endpoint endpoint() {
    return endpoint;
  }

  /**
   * The feed reads records of its own network only (others are dropped as {@code WRONG_NETWORK}); this checks that
   * {@code config} is that network and that the topic can be read.
   */
  @Override
  public void checkNetwork(final ChainConfig config) {
    final ChainConfig own = feed.config();
    if (!own.genesisValidatorsRoot().equals(config.genesisValidatorsRoot())
        || !own.forkVersion(io.trestle.lightclient.config.Fork.ALTAIR).equals(
            config.forkVersion(io.trestle.lightclient.config.Fork.ALTAIR))) {
      throw SourceException.of(SourceError.WRONG_NETWORK, endpoint, "the Kafka feed of " + feed.topic()
          + " reads network '" + own.name() + "', not '" + config.name() + "'");
    }
    feed.refresh();
  }

  @Override
  public Wire bootstrap(final Hash32 blockRoot) {
    return feed.bootstrap(blockRoot, rank).map(b -> Wire.ssz(b.fork(), b.encode())).orElseThrow(() -> SourceException.of(SourceError.NOT_FOUND, endpoint,
        "no bootstrap for block root " + blockRoot + " on " + feed.topic()));
  }

  @Override
  public List<Wire> updates(final long startPeriod, final int count) {
    final List<Wire> out = new java.util.ArrayList<>();
    for (final LightClientUpdate u : feed.updates(startPeriod, count, rank)) {
      out.add(Wire.ssz(u.fork(), u.encode()));
    }
    return out;
  }

  @Override
  public Wire finalityUpdate() {
    return feed.finalityUpdate(rank).map(u -> Wire.ssz(u.fork(), u.encode())).orElseThrow(() -> SourceException.of(SourceError.NOT_FOUND, endpoint,
        "no finality update on " + feed.topic()));
  }

  @Override
  public Wire optimisticUpdate() {
    return feed.optimisticUpdate(rank).map(u -> Wire.ssz(u.fork(), u.encode())).orElseThrow(() -> SourceException.of(SourceError.NOT_FOUND, endpoint,
        "no optimistic update on " + feed.topic()));
  }

  @Override
  public String toString() {
    return "KafkaLightClientSource[" + feed.topic() + ", rank " + rank + "]";
  }
}
