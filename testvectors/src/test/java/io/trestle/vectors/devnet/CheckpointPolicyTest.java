package io.trestle.vectors.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.crypto.Hash32;
import io.trestle.lightclient.bls.SyncCommitteeVerifier;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.source.Endpoint;
import io.trestle.lightclient.source.LightClientSource;
import io.trestle.lightclient.source.LightClientSource.Wire;
import io.trestle.lightclient.source.SourceException.SourceError;
import io.trestle.lightclient.source.SourceException;
import io.trestle.lightclient.store.StoreFile.WeakSubjectivity;
import io.trestle.lightclient.sync.SyncDriver;
import io.trestle.lightclient.sync.SyncDriver.SyncEvent;
import io.trestle.lightclient.sync.SyncDriver.SyncReport;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientFinalityUpdate;
import io.trestle.lightclient.types.LightClientOptimisticUpdate;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.testkit.devnet.DevnetChain;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Catalogue G94: a checkpoint block that is not at an epoch boundary. A checkpoint names the latest block at or
 * before its epoch's first slot, so when that slot is empty the checkpoint block sits earlier, at a slot that is
 * not a multiple of {@code SLOTS_PER_EPOCH}. That is a legitimate, verifiable checkpoint: the spec's
 * {@code initialize_light_client_store} takes any trusted block root, and neither Helios ({@code verify_bootstrap}
 * in consensus-core) nor Lodestar ({@code validateLightClientBootstrap}) looks at the slot: both check the header,
 * its root against the trusted root, and the committee branch. Refusing it would be a liveness failure, so
 * Trestle's policy is to say it, not refuse:
 * the sync driver verifies the bootstrap as always, reports a note as an event, and syncs.
 *
 * <p>Data: the testkit devnet with its checkpoint block one slot before an empty epoch boundary, next to the
 * ordinary devnet (checkpoint at the boundary) as the control. Expected slots are the generator's own.
 */
class CheckpointPolicyTest {
  private static final long SEED = 94;

  /** The devnet's light-client data served from memory. */
  private static final class Memory implements LightClientSource {
    private final DevnetChain chain;
    private final Endpoint endpoint = Endpoint.of("http://devnet.invalid");

    Memory(final DevnetChain chain) {
      this.chain = chain;
    }

    @Override
    public Endpoint endpoint() {
      return endpoint;
    }

    @Override
    public void checkNetwork(final ChainConfig config) {}

    @Override
    public Wire bootstrap(final Hash32 root) {
      if (!root.equals(chain.checkpointRoot())) {
        throw SourceException.of(SourceError.NOT_FOUND, endpoint, "no bootstrap for " + root);
      }
      final LightClientBootstrap b = chain.bootstrap();
      return Wire.ssz(b.fork(), b.encode());
    }

    @Override
    public List<Wire> updates(final long startPeriod, final int count) {
      final List<Wire> out = new ArrayList<>();
      for (final LightClientUpdate u : chain.updates()) {
        final long p = chain.config().preset().periodAtSlot(u.attestedHeader().beacon().slot());
        if (p >= startPeriod && p < startPeriod + count) {
          out.add(Wire.ssz(u.fork(), u.encode()));
        }
      }
      return out;
    }

    @Override
    public Wire finalityUpdate() {
      final LightClientFinalityUpdate u = chain.finalityUpdate();
      return Wire.ssz(u.fork(), u.encode());
    }

    @Override
    public Wire optimisticUpdate() {
      final LightClientOptimisticUpdate u = chain.optimisticUpdate();
      return Wire.ssz(u.fork(), u.encode());
    }
  }

  private static SyncReport sync(final DevnetChain chain) {
    return SyncDriver.builder(chain.config())
        .sources(List.of(new Memory(chain)))
        .signatures(SyncCommitteeVerifier.create())
        .checkpoint(chain.checkpointRoot())
        .weakSubjectivity(WeakSubjectivity.defaults(chain.config()), false) // the checkpoint is recent: no override
        .clock(chain::currentSlot)
        .build()
        .sync();
  }

  private static List<SyncEvent> boundaryNotes(final SyncReport r) {
    return r.events().stream().filter(e -> e.message().contains("not an epoch boundary")).toList();
  }

  @Test
  void lc_G94_checkpointBlockNotAtEpochBoundary_notedNotRefused() {
    final DevnetChain chain = DevnetChain.generateWithCheckpointBeforeAnEmptyBoundary(SEED);
    final int slotsPerEpoch = chain.config().preset().slotsPerEpoch();
    final long checkpointSlot = chain.bootstrap().header().beacon().slot();
    // the shape of the data: the checkpoint block is the last slot of an epoch, and the next generated block
    // (the first update's finalized block, two epochs later) is its child, so the boundary slot between is empty
    assertEquals(slotsPerEpoch - 1, checkpointSlot % slotsPerEpoch);
    final LightClientUpdate first = chain.updates().get(0);
    assertEquals(chain.checkpointRoot(), first.finalizedHeader().beacon().parentRoot());
    assertTrue(first.finalizedHeader().beacon().slot() > checkpointSlot + 1);

    final SyncReport r = sync(chain);
    // not refused: the bootstrap verifies and sync runs to the generator's last finalized header
    assertEquals(SyncReport.Status.SYNCED, r.status(), r.events().toString());
    assertTrue(r.rejection().isEmpty(), r.rejection().toString());
    assertEquals(chain.finalityUpdate().finalizedHeader().beacon().slot(),
        r.store().orElseThrow().finalizedHeader().beacon().slot());
    // reported: one BOOTSTRAPPED note naming the slot
    final List<SyncEvent> notes = boundaryNotes(r);
    assertEquals(1, notes.size(), r.events().toString());
    assertEquals(SyncEvent.Kind.BOOTSTRAPPED, notes.get(0).kind());
    assertTrue(notes.get(0).message().contains("slot " + checkpointSlot), notes.get(0).message());
  }

  @Test
  void aCheckpointAtTheBoundaryCarriesNoNote() {
    final DevnetChain chain = DevnetChain.generate(SEED);
    assertEquals(0, chain.bootstrap().header().beacon().slot() % chain.config().preset().slotsPerEpoch());
    assertNotEquals(chain.checkpointRoot(),
        DevnetChain.generateWithCheckpointBeforeAnEmptyBoundary(SEED).checkpointRoot());
    final SyncReport r = sync(chain);
    assertEquals(SyncReport.Status.SYNCED, r.status(), r.events().toString());
    assertEquals(chain.finalityUpdate().finalizedHeader().beacon().slot(),
        r.store().orElseThrow().finalizedHeader().beacon().slot());
    assertTrue(r.events().stream().anyMatch(e -> e.kind() == SyncEvent.Kind.BOOTSTRAPPED), r.events().toString());
    assertEquals(List.of(), boundaryNotes(r));
  }
}
