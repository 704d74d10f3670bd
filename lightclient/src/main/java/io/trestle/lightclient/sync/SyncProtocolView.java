package io.trestle.lightclient.sync;

import io.trestle.lightclient.internal.spec.SyncProtocol;
import io.trestle.lightclient.types.LightClientUpdate;

/** Read-only helpers from the spec used by the driver. */
final class SyncProtocolView {
  private SyncProtocolView() {}

  static boolean isFinality(final LightClientUpdate u) {
    return SyncProtocol.isFinalityUpdate(u);
  }
}
