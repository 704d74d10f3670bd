package io.trestle.lightclient;

import io.trestle.crypto.Hash32;
import io.trestle.lightclient.spec.LightClientStore;
import io.trestle.lightclient.spec.SyncProtocol;
import io.trestle.lightclient.spec.UpdateResult;
import io.trestle.lightclient.types.Fork;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientUpdate;

/** Adapts {@link SyncProtocol}'s throwing internals to result values (fail closed). */
final class SyncEngine {
  private final SyncProtocol protocol;

  SyncEngine(final SyncProtocol protocol) {
    this.protocol = protocol;
  }

  SyncProtocol protocol() {
    return protocol;
  }

  record Outcome<T>(T value, UpdateResult.Rejected rejected) {}

  Outcome<LightClientStore> initialize(final Hash32 root, final LightClientBootstrap bootstrap) {
    final UpdateResult r = protocol.tryInitialize(root, bootstrap);
    if (r instanceof UpdateResult.Applied a) {
      return new Outcome<>(a.store(), null);
    }
    return new Outcome<>(null, (UpdateResult.Rejected) r);
  }

  UpdateResult process(final LightClientStore store, final LightClientUpdate update, final long currentSlot) {
    return protocol.tryProcess(store, update, currentSlot);
  }

  UpdateResult forceUpdate(final LightClientStore store, final long currentSlot) {
    return protocol.tryForceUpdate(store, currentSlot);
  }

  UpdateResult upgrade(final LightClientStore store, final Fork target) {
    return protocol.tryUpgrade(store, target);
  }
}
