package io.trestle.lightclient.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.internal.DecodedSource;
import io.trestle.lightclient.json.BeaconApiJson;
import io.trestle.lightclient.json.BeaconJsonException;
import io.trestle.lightclient.json.Versioned;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientFinalityUpdate;
import io.trestle.lightclient.types.LightClientOptimisticUpdate;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.config.ChainConfig.Preset;
import io.trestle.proofs.ssz.SszException;
import java.util.ArrayList;
import java.util.List;

/**
 * A single-endpoint {@link BeaconApiClient} as a {@link LightClientSource}, in JSON or SSZ. The sync driver uses its
 * {@link DecodedSource} side (decoded as read, as before); the {@link Wire} side hands the same data on undecoded
 * (JSON as served; SSZ after the decode check, re-encoded). Thread-safe.
 */
final class HttpSource implements LightClientSource, DecodedSource {
  private final BeaconApiClient client;
  private final boolean ssz;
  private final Preset preset;

  HttpSource(final BeaconApiClient client, final boolean ssz) {
    this.client = client;
    this.ssz = ssz;
    this.preset = client.config().preset();
  }

  @Override
  public Endpoint endpoint() {
    return client.preferredEndpoint();
  }

  @Override
  public void checkNetwork(final ChainConfig config) {
    client.checkNetwork(config);
  }

  @Override
  public LightClientBootstrap decodedBootstrap(final Hash32 blockRoot) {
    return !ssz
        ? decode(client.bootstrap(blockRoot), (d, f) -> BeaconApiJson.bootstrap(d, f, preset))
        : client.bootstrapSsz(blockRoot).data();
  }

  @Override
  public List<LightClientUpdate> decodedUpdates(final long startPeriod, final int count) {
    final List<LightClientUpdate> out = new ArrayList<>();
    if (!ssz) {
      for (final Versioned<JsonNode> v : client.updates(startPeriod, count)) {
        out.add(decode(v, (d, f) -> BeaconApiJson.update(d, f, preset)));
      }
    } else {
      client.updatesSsz(startPeriod, count).forEach(v -> out.add(v.data()));
    }
    return out;
  }

  @Override
  public LightClientFinalityUpdate decodedFinalityUpdate() {
    return !ssz
        ? decode(client.finalityUpdate(), (d, f) -> BeaconApiJson.finalityUpdate(d, f, preset))
        : client.finalityUpdateSsz().data();
  }

  @Override
  public LightClientOptimisticUpdate decodedOptimisticUpdate() {
    return !ssz
        ? decode(client.optimisticUpdate(), (d, f) -> BeaconApiJson.optimisticUpdate(d, f, preset))
        : client.optimisticUpdateSsz().data();
  }

  @Override
  public Wire bootstrap(final Hash32 blockRoot) {
    if (!ssz) {
      final Versioned<JsonNode> v = client.bootstrap(blockRoot);
      return Wire.json(v.fork(), v.data());
    }
    final LightClientBootstrap b = decodedBootstrap(blockRoot);
    return Wire.ssz(b.fork(), b.encode());
  }

  @Override
  public List<Wire> updates(final long startPeriod, final int count) {
    final List<Wire> out = new ArrayList<>();
    if (!ssz) {
      client.updates(startPeriod, count).forEach(v -> out.add(Wire.json(v.fork(), v.data())));
    } else {
      decodedUpdates(startPeriod, count).forEach(u -> out.add(Wire.ssz(u.fork(), u.encode())));
    }
    return out;
  }

  @Override
  public Wire finalityUpdate() {
    if (!ssz) {
      final Versioned<JsonNode> v = client.finalityUpdate();
      return Wire.json(v.fork(), v.data());
    }
    final LightClientFinalityUpdate u = decodedFinalityUpdate();
    return Wire.ssz(u.fork(), u.encode());
  }

  @Override
  public Wire optimisticUpdate() {
    if (!ssz) {
      final Versioned<JsonNode> v = client.optimisticUpdate();
      return Wire.json(v.fork(), v.data());
    }
    final LightClientOptimisticUpdate u = decodedOptimisticUpdate();
    return Wire.ssz(u.fork(), u.encode());
  }

  private interface Decoder<T> {
    T decode(JsonNode data, Fork fork);
  }

  private static <T> T decode(final Versioned<JsonNode> v, final Decoder<T> d) {
    try {
      return d.decode(v.data(), v.fork());
    } catch (SszException | IllegalArgumentException e) {
      throw new BeaconJsonException("data", e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "HttpSource[" + endpoint().label() + ", " + (ssz ? "SSZ" : "JSON") + "]";
  }
}
