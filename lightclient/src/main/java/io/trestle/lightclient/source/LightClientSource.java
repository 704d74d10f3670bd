package io.trestle.lightclient.source;

import io.trestle.crypto.Hash32;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.json.BeaconJsonException;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientFinalityUpdate;
import io.trestle.lightclient.types.LightClientOptimisticUpdate;
import io.trestle.lightclient.types.LightClientUpdate;
import java.util.List;
import io.trestle.lightclient.source.SourceException.SourceError;

/**
 * Light-client data from ONE untrusted beacon node: what the sync driver ({@link
 * io.trestle.lightclient.sync.SyncDriver}) asks for. {@link BeaconApiClient#perEndpoint()} gives HTTP
 * implementations; a relayer may plug in its own transport, a cache, or recorded data. Give the driver several
 * sources and it fails over between them, on dead endpoints and on bad answers alike.
 *
 * <p>Trust contract: nothing returned is trusted; the light client verifies every object. Each object is decoded
 * for the fork its wire label names (JSON {@code version}, SSZ context); the driver checks that label against
 * the fork of the object's slot. An implementation reports a failure to obtain data with {@link SourceException}
 * ({@link SourceError#NOT_FOUND} for "no such object yet") and data that does not decode with {@link
 * BeaconJsonException}; any other exception is treated as a bad answer too. Implementations shared between
 * drivers must be thread-safe; one driver calls a source from at most one thread at a time.
 */
public interface LightClientSource {
  /** Where the data comes from (for reports; {@link Endpoint#label()} never carries secrets). */
  Endpoint endpoint();

  /**
   * Checks that the source serves {@code config}'s network (genesis validators root, genesis fork version);
   * {@link SourceError#WRONG_NETWORK} otherwise. Catches misconfiguration, not a lying source.
   */
  void checkNetwork(ChainConfig config);

  /** {@code GET .../light_client/bootstrap/{block_root}}. */
  LightClientBootstrap bootstrap(Hash32 blockRoot);

  /** {@code GET .../light_client/updates?start_period=&count=} (at most {@code count} updates). */
  List<LightClientUpdate> updates(long startPeriod, int count);

  /** {@code GET .../light_client/finality_update}. */
  LightClientFinalityUpdate finalityUpdate();

  /** {@code GET .../light_client/optimistic_update}. */
  LightClientOptimisticUpdate optimisticUpdate();
}
