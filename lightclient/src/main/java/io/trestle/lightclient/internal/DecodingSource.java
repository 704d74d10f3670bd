package io.trestle.lightclient.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.config.ChainConfig.Preset;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.json.BeaconApiJson;
import io.trestle.lightclient.json.BeaconJsonException;
import io.trestle.lightclient.source.Endpoint;
import io.trestle.lightclient.source.LightClientSource;
import io.trestle.lightclient.source.LightClientSource.Wire;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientFinalityUpdate;
import io.trestle.lightclient.types.LightClientOptimisticUpdate;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.proofs.ssz.SszException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Internal (not exported): decodes a caller's {@link LightClientSource} strictly, for the fork each {@link Wire}
 * names and the network's preset: SSZ with the light-client containers' decoders, JSON with the beacon-API
 * decoders (the same ones the HTTP sources use). Data that does not decode becomes a {@link BeaconJsonException}
 * (the driver refuses it as {@code SSZ_INVALID} and asks another source). Thread-safe if the wrapped source is.
 */
public final class DecodingSource implements DecodedSource {
  private final LightClientSource source;
  private final Preset preset;

  /** Wraps {@code source}, decoding with {@code preset}. */
  public DecodingSource(final LightClientSource source, final Preset preset) {
    this.source = Objects.requireNonNull(source, "source");
    this.preset = Objects.requireNonNull(preset, "preset");
  }

  /** The source as the sync driver uses it: as is when it decodes itself (HTTP), else wrapped. */
  public static DecodedSource of(final LightClientSource source, final Preset preset) {
    return source instanceof DecodedSource d ? d : new DecodingSource(source, preset);
  }

  @Override
  public Endpoint endpoint() {
    return source.endpoint();
  }

  @Override
  public void checkNetwork(final ChainConfig config) {
    source.checkNetwork(config);
  }

  @Override
  public LightClientBootstrap decodedBootstrap(final Hash32 blockRoot) {
    return decode(source.bootstrap(blockRoot), "bootstrap",
        (b, f) -> LightClientBootstrap.decode(b, f, preset), (d, f) -> BeaconApiJson.bootstrap(d, f, preset));
  }

  @Override
  public List<LightClientUpdate> decodedUpdates(final long startPeriod, final int count) {
    final List<Wire> wires = Objects.requireNonNull(source.updates(startPeriod, count), "updates");
    final List<LightClientUpdate> out = new ArrayList<>(wires.size());
    for (final Wire w : wires) {
      out.add(decode(w, "update", (b, f) -> LightClientUpdate.decode(b, f, preset),
          (d, f) -> BeaconApiJson.update(d, f, preset)));
    }
    return out;
  }

  @Override
  public LightClientFinalityUpdate decodedFinalityUpdate() {
    return decode(source.finalityUpdate(), "finality update",
        (b, f) -> LightClientFinalityUpdate.decode(b, f, preset),
        (d, f) -> BeaconApiJson.finalityUpdate(d, f, preset));
  }

  @Override
  public LightClientOptimisticUpdate decodedOptimisticUpdate() {
    return decode(source.optimisticUpdate(), "optimistic update",
        (b, f) -> LightClientOptimisticUpdate.decode(b, f, preset),
        (d, f) -> BeaconApiJson.optimisticUpdate(d, f, preset));
  }

  private interface SszDecoder<T> {
    T decode(byte[] bytes, Fork fork);
  }

  private interface JsonDecoder<T> {
    T decode(JsonNode data, Fork fork);
  }

  private static <T> T decode(final Wire w, final String what, final SszDecoder<T> ssz, final JsonDecoder<T> json) {
    Objects.requireNonNull(w, what);
    try {
      return w.json().isPresent() ? json.decode(w.json().get(), w.fork()) : ssz.decode(w.ssz().orElseThrow(), w.fork());
    } catch (SszException | IllegalArgumentException e) {
      throw new BeaconJsonException(what, e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "DecodingSource[" + source + "]";
  }
}
