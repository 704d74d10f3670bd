package io.trestle.lightclient.sync;

import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.spec.UpdateRejection;
import io.trestle.lightclient.spec.UpdateResult;
import io.trestle.lightclient.config.Fork;
import java.util.Optional;

/**
 * The wire fork of fetched light-client data (JSON {@code version}, SSZ context digest or
 * {@code Eth-Consensus-Version}, chosen by the server) must be the fork of the object's slot: the header slot for a
 * bootstrap, the attested slot for an update (the slot that selects the context in the p2p and beacon-API specs).
 * The protocol itself tolerates a later label of the same shape (spec-test data is upgraded that way); data from a
 * source is held to the exact fork, so a mislabelled object is refused as the source's fault and the driver asks
 * another source.
 *
 * <p>A deviation from the spec (stricter than {@code process_light_client_update}), marked below.
 */
// DEVIATION(wire-fork): data from a source must carry exactly its slot's fork (no later label of the same shape,
// which SyncProtocol tolerates for spec-test data), else FORK_MISMATCH as the source's fault, and the driver asks
// another source; covered by SyncFailoverTest#wireForkMustBeTheSlotsFork
final class WireFork {
  private WireFork() {}

  /** {@code FORK_MISMATCH} when {@code wire} is not the fork of {@code slot} under {@code config}. */
  static Optional<UpdateResult.Rejected> check(final ChainConfig config, final String what, final Fork wire,
      final long slot) {
    final Optional<Fork> expected = config.forkAtSlot(slot);
    if (expected.isEmpty() || expected.get() == wire) {
      return Optional.empty(); // no fork at this slot: the protocol rejects it with its own reason
    }
    return Optional.of(new UpdateResult.Rejected(UpdateRejection.FORK_MISMATCH, what + " is labelled "
        + wire.specName() + " but its slot " + slot + " is in " + expected.get().specName()));
  }
}
