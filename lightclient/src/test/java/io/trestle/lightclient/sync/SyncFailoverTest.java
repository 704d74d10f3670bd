package io.trestle.lightclient.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.bls.SyncCommitteeVerifier;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.config.Networks;
import io.trestle.lightclient.json.BeaconApiJson;
import io.trestle.lightclient.json.BeaconJsonException;
import io.trestle.lightclient.source.Endpoint;
import io.trestle.lightclient.source.LightClientSource;
import io.trestle.lightclient.source.LightClientSource.Wire;
import io.trestle.lightclient.source.SourceException.SourceError;
import io.trestle.lightclient.source.SourceException;
import io.trestle.lightclient.spec.UpdateRejection;
import io.trestle.lightclient.internal.spec.Upgrades;
import io.trestle.lightclient.store.StoreFile.WeakSubjectivity;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientFinalityUpdate;
import io.trestle.lightclient.types.LightClientOptimisticUpdate;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.config.ChainConfig.Preset;
import io.trestle.lightclient.types.SyncAggregate;
import io.trestle.testbase.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.trestle.lightclient.sync.SyncDriver.SyncReport;
import io.trestle.lightclient.sync.SyncDriver.SyncEvent;

/**
 * The sync driver without HTTP: in-memory {@link LightClientSource}s serving real mainnet light-client data
 * (helios testdata: bootstrap at slot 7069376, updates for periods 862-867, Capella), honest and lying. One lying
 * source among honest ones must not stop sync: its bad answer is refused, the same data is asked from the others,
 * and it is demoted. Expected slots are the recorded data's own (the last update's finalized slot 7104096).
 */
class SyncFailoverTest {
  private static final Path DATA = Vectors.path("helios/ethereum/testdata");
  private static final Hash32 CHECKPOINT =
      Hash32.fromHex("0x5afc212a7924789b2bc86acad3ab3a6ffb1f6e97253ea50bee7f4f51422c9275");
  private static final long NOW = 7110000;
  private static final long SYNCED_SLOT = 7104096;
  private static LightClientBootstrap bootstrap;
  private static List<LightClientUpdate> updates;

  @BeforeAll
  static void load() throws IOException {
    bootstrap = BeaconApiJson.bootstrap(Files.readString(DATA.resolve("bootstrap.json")), Preset.MAINNET).data();
    updates = new ArrayList<>();
    BeaconApiJson.updates(Files.readString(DATA.resolve("updates.json")), Preset.MAINNET)
        .forEach(v -> updates.add(v.data()));
  }

  /** A source serving the recorded data, optionally altered; no finality/optimistic update yet (404). */
  private static final class Memory implements LightClientSource {
    private final Endpoint endpoint;
    private final UnaryOperator<LightClientBootstrap> bootstrapEdit;
    private final UnaryOperator<List<LightClientUpdate>> updatesEdit;
    int updateCalls;

    Memory(final String name, final UnaryOperator<LightClientBootstrap> b, final UnaryOperator<List<LightClientUpdate>> u) {
      this.endpoint = Endpoint.of("http://" + name + ".invalid");
      this.bootstrapEdit = b;
      this.updatesEdit = u;
    }

    static Memory honest(final String name) {
      return new Memory(name, UnaryOperator.identity(), UnaryOperator.identity());
    }

    @Override
    public Endpoint endpoint() {
      return endpoint;
    }

    @Override
    public void checkNetwork(final ChainConfig config) {}

    @Override
    public Wire bootstrap(final Hash32 root) {
      if (!root.equals(CHECKPOINT)) {
        throw SourceException.of(SourceError.NOT_FOUND, endpoint, "no bootstrap for " + root);
      }
      final LightClientBootstrap b = bootstrapEdit.apply(bootstrap);
      return Wire.ssz(b.fork(), b.encode());
    }

    @Override
    public List<Wire> updates(final long startPeriod, final int count) {
      updateCalls++;
      final List<Wire> out = new ArrayList<>();
      for (final LightClientUpdate u : updatesEdit.apply(updates)) {
        final long p = Preset.MAINNET.periodAtSlot(u.attestedHeader().beacon().slot());
        if (p >= startPeriod && p < startPeriod + count) {
          out.add(Wire.ssz(u.fork(), u.encode()));
        }
      }
      return out;
    }

    @Override
    public Wire finalityUpdate() {
      throw SourceException.of(SourceError.NOT_FOUND, endpoint, "no finality update");
    }

    @Override
    public Wire optimisticUpdate() {
      throw SourceException.of(SourceError.NOT_FOUND, endpoint, "no optimistic update");
    }
  }

  /** The recorded updates with update {@code i}'s signature altered (a forged update). */
  private static List<LightClientUpdate> forged(final List<LightClientUpdate> all, final int i) {
    final List<LightClientUpdate> out = new ArrayList<>(all);
    final LightClientUpdate u = out.get(i);
    final byte[] sig = u.syncAggregate().signature().toArray();
    sig[10] ^= 0x01;
    out.set(i, new LightClientUpdate(u.attestedHeader(), u.nextSyncCommittee(), u.nextSyncCommitteeBranch(),
        u.finalizedHeader(), u.finalityBranch(), new SyncAggregate(u.syncAggregate().bits(), Bytes.of(sig)),
        u.signatureSlot()));
    return out;
  }

  private static SyncDriver driver(final List<? extends LightClientSource> sources) {
    return SyncDriver.builder(Networks.MAINNET)
        .sources(sources)
        .signatures(SyncCommitteeVerifier.create())
        .checkpoint(CHECKPOINT)
        .weakSubjectivity(WeakSubjectivity.defaults(Networks.MAINNET), true) // 2023 data: explicitly allowed
        .clock(() -> NOW)
        .build();
  }

  private static long finalizedSlot(final SyncReport r) {
    return r.store().orElseThrow().finalizedHeader().beacon().slot();
  }

  @Test
  void oneLyingSourceAmongHonestOnesDoesNotStopSync() {
    final Memory liar = new Memory("liar", UnaryOperator.identity(), u -> forged(u, 3));
    final Memory a = Memory.honest("honest-a");
    final Memory b = Memory.honest("honest-b");
    final SyncDriver d = driver(List.of(liar, a, b));
    final SyncReport r = d.sync();
    assertEquals(SyncReport.Status.SYNCED, r.status(), r.events().toString());
    assertEquals(SYNCED_SLOT, finalizedSlot(r));
    // the liar's update was refused and reported as its own; it is demoted behind the honest sources
    assertTrue(r.events().stream().anyMatch(e -> e.kind() == SyncEvent.Kind.REJECTED
        && e.source().equals(java.util.Optional.of(liar.endpoint())) && e.message().contains("SIGNATURE_INVALID")),
        r.events().toString());
    assertEquals(List.of(a.endpoint(), b.endpoint(), liar.endpoint()), d.sourceOrder());
    // the updates the liar verified before its forged one were applied from it; the rest came from honest-a
    assertTrue(r.events().stream().anyMatch(e -> e.kind() == SyncEvent.Kind.APPLIED
        && e.source().equals(java.util.Optional.of(a.endpoint()))), r.events().toString());
    assertEquals(0, b.updateCalls);
  }

  @Test
  void theLiarAloneStillStopsThePassWithItsRejection() {
    final SyncReport r = driver(List.of(new Memory("liar", UnaryOperator.identity(), u -> forged(u, 3)))).sync();
    assertEquals(SyncReport.Status.REJECTED, r.status());
    assertEquals(UpdateRejection.SIGNATURE_INVALID, r.rejection().orElseThrow().reason());
    // what was verified before the forged update is kept: the third update's finalized header
    assertEquals(updates.get(2).finalizedHeader().beacon().slot(), finalizedSlot(r));
  }

  @Test
  void aBadBootstrapOrUndecodableDataFailsOverToTheNextSource() {
    final Memory badBranch = new Memory("bad-branch", b -> {
      final List<Hash32> branch = new ArrayList<>(b.currentSyncCommitteeBranch());
      branch.set(0, Hash32.ZERO);
      return new LightClientBootstrap(b.header(), b.currentSyncCommittee(), branch);
    }, UnaryOperator.identity());
    final Memory undecodable = new Memory("undecodable", b -> {
      throw new BeaconJsonException("data.header", "not a header");
    }, u -> {
      throw new BeaconJsonException("[0].data", "truncated");
    });
    final Memory honest = Memory.honest("honest");
    final SyncDriver d = driver(List.of(badBranch, undecodable, honest));
    final SyncReport r = d.sync();
    assertEquals(SyncReport.Status.SYNCED, r.status(), r.events().toString());
    assertEquals(SYNCED_SLOT, finalizedSlot(r));
    assertTrue(r.events().stream().anyMatch(e -> e.kind() == SyncEvent.Kind.BOOTSTRAPPED
        && e.source().equals(java.util.Optional.of(honest.endpoint()))), r.events().toString());
    assertTrue(r.events().stream().anyMatch(e -> e.source().equals(java.util.Optional.of(badBranch.endpoint()))
        && e.message().contains("BOOTSTRAP_INVALID")), r.events().toString());
    assertTrue(r.events().stream().anyMatch(e -> e.source().equals(java.util.Optional.of(undecodable.endpoint()))
        && e.message().contains("SSZ_INVALID")), r.events().toString());
    assertEquals(honest.endpoint(), d.sourceOrder().get(0));
    // every source lying: the pass fails with the first refusal
    final SyncReport all = driver(List.of(badBranch, undecodable)).sync();
    assertEquals(SyncReport.Status.REJECTED, all.status());
    assertEquals(UpdateRejection.BOOTSTRAP_INVALID, all.rejection().orElseThrow().reason());
  }

  /**
   * A caller's source hands over wire bytes; the library decodes them. Truncated SSZ from one source is refused
   * as SSZ_INVALID (named with that source) and the honest source is asked instead.
   */
  @Test
  void truncatedWireBytesAreRefusedAndTheNextSourceAsked() {
    final Memory honest = Memory.honest("honest");
    final LightClientSource truncating = new LightClientSource() {
      @Override
      public Endpoint endpoint() {
        return Endpoint.of("http://truncating.invalid");
      }

      @Override
      public void checkNetwork(final ChainConfig config) {}

      @Override
      public Wire bootstrap(final Hash32 root) {
        final Wire w = honest.bootstrap(root);
        final byte[] b = w.ssz().orElseThrow();
        return Wire.ssz(w.fork(), java.util.Arrays.copyOf(b, b.length / 2)); // offsets point past the end
      }

      @Override
      public List<Wire> updates(final long startPeriod, final int count) {
        return honest.updates(startPeriod, count);
      }

      @Override
      public Wire finalityUpdate() {
        return honest.finalityUpdate();
      }

      @Override
      public Wire optimisticUpdate() {
        return honest.optimisticUpdate();
      }
    };
    final SyncReport r = driver(List.of(truncating, honest)).sync();
    assertEquals(SyncReport.Status.SYNCED, r.status(), r.events().toString());
    assertEquals(SYNCED_SLOT, finalizedSlot(r));
    assertTrue(r.events().stream().anyMatch(e -> e.source().equals(java.util.Optional.of(truncating.endpoint()))
        && e.message().contains("SSZ_INVALID")), r.events().toString());
    final SyncReport alone = driver(List.of(truncating)).sync();
    assertEquals(SyncReport.Status.REJECTED, alone.status());
    assertEquals(UpdateRejection.SSZ_INVALID, alone.rejection().orElseThrow().reason());
  }

  @Test
  void deadSourcesAreSkippedAndAllDeadIsASourceFailure() {
    final Memory dead = new Memory("dead", b -> {
      throw SourceException.of(SourceError.TIMEOUT, Endpoint.of("http://dead.invalid"), "no answer");
    }, u -> {
      throw SourceException.of(SourceError.TIMEOUT, Endpoint.of("http://dead.invalid"), "no answer");
    });
    final SyncReport r = driver(List.of(dead, Memory.honest("honest"))).sync();
    assertEquals(SyncReport.Status.SYNCED, r.status(), r.events().toString());
    final SyncReport none = driver(List.of(dead)).sync();
    assertEquals(SyncReport.Status.SOURCE_FAILED, none.status());
    assertEquals(SourceError.TIMEOUT, none.sourceError().orElseThrow().error());
  }

  /**
   * The wire fork label must be the fork of the object's slot. The recorded data is Capella (2023); the same
   * objects relabelled Deneb (a fork mainnet has scheduled) are refused as FORK_MISMATCH by the driver, before the
   * protocol sees them, and an honest source is asked instead.
   */
  @Test
  void wireForkMustBeTheSlotsFork() {
    assertEquals(Fork.CAPELLA, bootstrap.fork());
    final Memory relabelledBootstrap = new Memory("deneb-bootstrap", b -> Upgrades.bootstrap(b, Fork.DENEB),
        UnaryOperator.identity());
    final SyncReport r1 = driver(List.of(relabelledBootstrap)).sync();
    assertEquals(SyncReport.Status.REJECTED, r1.status());
    assertEquals(UpdateRejection.FORK_MISMATCH, r1.rejection().orElseThrow().reason());
    assertTrue(r1.rejection().orElseThrow().detail().contains("capella"), r1.rejection().toString());

    final Memory relabelledUpdate = new Memory("deneb-update", UnaryOperator.identity(), u -> {
      final List<LightClientUpdate> out = new ArrayList<>(u);
      out.set(1, Upgrades.update(out.get(1), Fork.DENEB));
      return out;
    });
    final SyncReport r2 = driver(List.of(relabelledUpdate)).sync();
    assertEquals(SyncReport.Status.REJECTED, r2.status());
    assertEquals(UpdateRejection.FORK_MISMATCH, r2.rejection().orElseThrow().reason());

    final SyncReport r3 = driver(List.of(relabelledBootstrap, relabelledUpdate, Memory.honest("honest"))).sync();
    assertEquals(SyncReport.Status.SYNCED, r3.status(), r3.events().toString());
    assertEquals(SYNCED_SLOT, finalizedSlot(r3));
  }
}
