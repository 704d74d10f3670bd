package io.trestle.lightclient.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.config.Fork;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Light-client data from ONE untrusted beacon node: what the sync driver ({@link
 * io.trestle.lightclient.sync.SyncDriver}) asks for. {@link BeaconApiClient#perEndpoint()} gives HTTP
 * implementations; a relayer may plug in its own transport, a cache, or recorded data. Give the driver several
 * sources and it fails over between them, on dead endpoints and on bad answers alike.
 *
 * <p>Trust contract: nothing returned is trusted. A source hands over each object as it came off the wire, as a
 * {@link Wire}: SSZ bytes or the beacon API's JSON {@code data}, tagged with the fork its wire label names (JSON
 * {@code version}, SSZ context). The library decodes it strictly for that fork, checks the label against the fork
 * of the object's slot, and verifies it; data that does not decode is the source's bad answer (the driver asks
 * another source). An implementation reports a failure to obtain data with {@link SourceException} ({@link
 * SourceException.SourceError#NOT_FOUND} for "no such object yet"); any other exception is treated as a bad answer
 * too. Implementations shared between drivers must be thread-safe; one driver calls a source from at most one
 * thread at a time.
 */
public interface LightClientSource {
  /** Where the data comes from (for reports; {@link Endpoint#label()} never carries secrets). */
  Endpoint endpoint();

  /**
   * Checks that the source serves {@code config}'s network (genesis validators root, genesis fork version);
   * {@link SourceException.SourceError#WRONG_NETWORK} otherwise. Catches misconfiguration, not a lying source.
   */
  void checkNetwork(ChainConfig config);

  /** {@code GET .../light_client/bootstrap/{block_root}}: a {@code LightClientBootstrap}. */
  Wire bootstrap(Hash32 blockRoot);

  /** {@code GET .../light_client/updates?start_period=&count=}: at most {@code count} {@code LightClientUpdate}s. */
  List<Wire> updates(long startPeriod, int count);

  /** {@code GET .../light_client/finality_update}: a {@code LightClientFinalityUpdate}. */
  Wire finalityUpdate();

  /** {@code GET .../light_client/optimistic_update}: a {@code LightClientOptimisticUpdate}. */
  Wire optimisticUpdate();

  /**
   * One untrusted light-client object as served: SSZ bytes or the beacon-API JSON {@code data} member, with the
   * fork its wire label names. Nothing here is checked when it is made; the library decodes it strictly (for
   * {@link #fork()} and the network's preset) and verifies it. Immutable: the bytes and the JSON are copied in and
   * out.
   */
  final class Wire {
    private final Fork fork;
    private final byte[] ssz;
    private final JsonNode json;

    private Wire(final Fork fork, final byte[] ssz, final JsonNode json) {
      this.fork = Objects.requireNonNull(fork, "fork");
      this.ssz = ssz;
      this.json = json;
    }

    /** SSZ-encoded bytes of the object, for {@code fork} (from the SSZ context bytes or the version header). */
    public static Wire ssz(final Fork fork, final byte[] bytes) {
      return new Wire(fork, Objects.requireNonNull(bytes, "bytes").clone(), null);
    }

    /** The beacon API's JSON {@code data} member of the object, for {@code fork} (its {@code version}). */
    public static Wire json(final Fork fork, final JsonNode data) {
      return new Wire(fork, null, Objects.requireNonNull(data, "data").deepCopy());
    }

    /** The fork the wire label names (not yet checked against the object's slot). */
    public Fork fork() {
      return fork;
    }

    /** The SSZ bytes (a copy), if this is SSZ. */
    public Optional<byte[]> ssz() {
      return Optional.ofNullable(ssz).map(byte[]::clone);
    }

    /** The JSON {@code data} member (a copy), if this is JSON. */
    public Optional<JsonNode> json() {
      return Optional.ofNullable(json).map(JsonNode::deepCopy);
    }

    @Override
    public String toString() {
      return "Wire[" + fork.specName() + ", " + (ssz != null ? "SSZ " + ssz.length + " bytes" : "JSON") + "]";
    }

    @Override
    public boolean equals(final Object o) {
      return o instanceof Wire w && fork == w.fork && Arrays.equals(ssz, w.ssz) && Objects.equals(json, w.json);
    }

    @Override
    public int hashCode() {
      return 31 * fork.hashCode() + (ssz != null ? Arrays.hashCode(ssz) : json.hashCode());
    }
  }
}
