package io.trestle.lightclient.internal;

import io.trestle.crypto.Hash32;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.source.Endpoint;
import io.trestle.lightclient.source.LightClientSource;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientFinalityUpdate;
import io.trestle.lightclient.types.LightClientOptimisticUpdate;
import io.trestle.lightclient.types.LightClientUpdate;
import java.util.List;

/**
 * Internal (not exported): a {@link LightClientSource} whose answers are already decoded, each for the fork its
 * wire label names (the decoded object's {@code fork()}). The sync driver works on these. The HTTP sources decode
 * as they read; any other source is wrapped in {@link DecodingSource}. Nothing returned is trusted.
 *
 * <p>Failures: {@link io.trestle.lightclient.source.SourceException} when the data could not be obtained, {@link
 * io.trestle.lightclient.json.BeaconJsonException} when it does not decode; any other exception is a bad answer.
 */
public interface DecodedSource {
  /** Where the data comes from. */
  Endpoint endpoint();

  /** As {@link LightClientSource#checkNetwork}. */
  void checkNetwork(ChainConfig config);

  /** The decoded {@link LightClientSource#bootstrap}. */
  LightClientBootstrap decodedBootstrap(Hash32 blockRoot);

  /** The decoded {@link LightClientSource#updates}. */
  List<LightClientUpdate> decodedUpdates(long startPeriod, int count);

  /** The decoded {@link LightClientSource#finalityUpdate}. */
  LightClientFinalityUpdate decodedFinalityUpdate();

  /** The decoded {@link LightClientSource#optimisticUpdate}. */
  LightClientOptimisticUpdate decodedOptimisticUpdate();
}
