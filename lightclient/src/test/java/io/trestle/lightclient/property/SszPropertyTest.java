package io.trestle.lightclient.property;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.crypto.Address;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.types.BeaconBlockHeader;
import io.trestle.lightclient.types.ExecutionPayloadHeader;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientFinalityUpdate;
import io.trestle.lightclient.types.LightClientHeader;
import io.trestle.lightclient.types.LightClientOptimisticUpdate;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.config.ChainConfig.Preset;
import io.trestle.lightclient.types.SyncAggregate;
import io.trestle.lightclient.types.SyncCommittee;
import io.trestle.lightclient.types.beacon.BeaconSchemas;
import io.trestle.proofs.ssz.SszReader;
import io.trestle.proofs.ssz.SszType;
import io.trestle.proofs.ssz.SszValue;
import io.trestle.testbase.Seeds;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * SSZ properties of every light-client container of every fork (Altair to Fulu; Gloas containers are
 * added with their fork) in both presets: a random object encodes, decodes to itself and re-encodes to
 * the same bytes, and its {@code hash_tree_root} survives the round trip. In the mainnet preset the
 * generic SSZ engine ({@link SszType} with the {@link BeaconSchemas} of the fork) is an independent
 * derivation: it must decode the hand-written encoding, re-encode it byte for byte and merkleize it
 * to the same root.
 */
class SszPropertyTest {
  private static final Fork[] FORKS = {Fork.ALTAIR, Fork.BELLATRIX, Fork.CAPELLA, Fork.DENEB, Fork.ELECTRA, Fork.FULU};

  @Test
  void everyContainerOfEveryForkRoundTrips() {
    final int[] crossChecked = {0};
    Seeds.run("SSZ round trip", 60, seed -> {
      final Random r = new Random(seed);
      final Fork fork = FORKS[r.nextInt(FORKS.length)];
      final Preset preset = r.nextBoolean() ? Preset.MAINNET : Preset.MINIMAL;
      final LightClientHeader attested = header(r, fork);
      final LightClientHeader finalized = header(r, fork);
      final SyncCommittee committee = committee(r, preset);
      final SyncAggregate aggregate = aggregate(r, preset);
      final long signatureSlot = r.nextLong();

      final BeaconBlockHeader bh = attested.beacon();
      assertEquals(bh, BeaconBlockHeader.decode(SszReader.of(bh.encode(), "BeaconBlockHeader")));
      assertEquals(committee, SyncCommittee.decode(SszReader.of(committee.encode(), "SyncCommittee"), preset));
      assertEquals(aggregate, SyncAggregate.decode(SszReader.of(aggregate.encode(), "SyncAggregate"), preset));
      assertEquals(attested, LightClientHeader.decode(SszReader.of(attested.encode(), "LightClientHeader"), fork));
      attested.execution().ifPresent(e ->
          assertEquals(e, ExecutionPayloadHeader.decode(SszReader.of(e.encode(), "ExecutionPayloadHeader"), fork)));

      final LightClientBootstrap b = new LightClientBootstrap(attested, committee, branch(r, fork.syncCommitteeBranchDepth()));
      roundTrip(b.encode(), LightClientBootstrap.decode(b.encode(), fork, preset).encode());
      assertEquals(b, LightClientBootstrap.decode(b.encode(), fork, preset));
      final LightClientUpdate u = new LightClientUpdate(attested, committee, branch(r, fork.syncCommitteeBranchDepth()),
          finalized, branch(r, fork.finalityBranchDepth()), aggregate, signatureSlot);
      assertEquals(u, LightClientUpdate.decode(u.encode(), fork, preset));
      assertEquals(u.hashTreeRoot(), LightClientUpdate.decode(u.encode(), fork, preset).hashTreeRoot());
      final LightClientFinalityUpdate f = new LightClientFinalityUpdate(attested, finalized,
          branch(r, fork.finalityBranchDepth()), aggregate, signatureSlot);
      assertEquals(f, LightClientFinalityUpdate.decode(f.encode(), fork, preset));
      final LightClientOptimisticUpdate o = new LightClientOptimisticUpdate(attested, aggregate, signatureSlot);
      assertEquals(o, LightClientOptimisticUpdate.decode(o.encode(), fork, preset));

      if (preset == Preset.MAINNET) {
        crossChecked[0]++;
        generic("LightClientHeader", fork, attested.encode(), attested.hashTreeRoot());
        generic("LightClientBootstrap", fork, b.encode(), b.hashTreeRoot());
        generic("LightClientUpdate", fork, u.encode(), u.hashTreeRoot());
        generic("LightClientFinalityUpdate", fork, f.encode(), f.hashTreeRoot());
        generic("LightClientOptimisticUpdate", fork, o.encode(), o.hashTreeRoot());
        generic("BeaconBlockHeader", fork, bh.encode(), bh.hashTreeRoot());
        generic("SyncCommittee", fork, committee.encode(), committee.hashTreeRoot());
        generic("SyncAggregate", fork, aggregate.encode(), aggregate.hashTreeRoot());
        attested.execution().ifPresent(e -> generic("ExecutionPayloadHeader", fork, e.encode(), e.hashTreeRoot()));
      }
    });
    assertTrue(crossChecked[0] > 0 || Seeds.iterations(60) < 10, "no mainnet case was cross-checked");
  }

  private static void roundTrip(final byte[] a, final byte[] b) {
    assertArrayEquals(a, b);
  }

  private static void generic(final String type, final Fork fork, final byte[] ssz, final Hash32 root) {
    // BeaconSchemas stops at Electra; Fulu left every light-client container as Electra defined it.
    final Fork schemaFork = fork == Fork.FULU ? Fork.ELECTRA : fork;
    final SszType schema = BeaconSchemas.byName(type, schemaFork)
        .orElseThrow(() -> new AssertionError("no schema " + type + " for " + schemaFork));
    final SszValue v = schema.decode(ssz);
    assertArrayEquals(ssz, schema.encode(v), type + " " + fork);
    assertEquals(root, schema.hashTreeRoot(v), type + " " + fork + ": the two SSZ engines disagree on the root");
  }

  private static LightClientHeader header(final Random r, final Fork fork) {
    final BeaconBlockHeader beacon = new BeaconBlockHeader(r.nextLong(), r.nextLong(), hash(r), hash(r), hash(r));
    if (!fork.hasExecution()) {
      return LightClientHeader.beaconOnly(fork, beacon);
    }
    final boolean deneb = fork.ordinal() >= Fork.DENEB.ordinal();
    final ExecutionPayloadHeader e = new ExecutionPayloadHeader(fork, hash(r), Address.of(bytes(r, 20)), hash(r),
        hash(r), Bytes.of(bytes(r, 256)), hash(r), r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong(),
        Bytes.of(bytes(r, r.nextInt(33))), new BigInteger(256, r), hash(r), hash(r), hash(r),
        deneb ? r.nextLong() : 0, deneb ? r.nextLong() : 0);
    return new LightClientHeader(fork, beacon, Optional.of(e), branch(r, LightClientHeader.EXECUTION_BRANCH_DEPTH));
  }

  private static SyncCommittee committee(final Random r, final Preset p) {
    final List<Bytes> keys = new ArrayList<>();
    for (int i = 0; i < SyncCommittee.size(p) / 48 - 1; i++) {
      keys.add(Bytes.of(bytes(r, 48)));
    }
    return new SyncCommittee(keys, Bytes.of(bytes(r, 48)));
  }

  private static SyncAggregate aggregate(final Random r, final Preset p) {
    return new SyncAggregate(Bytes.of(bytes(r, SyncAggregate.size(p) - 96)), Bytes.of(bytes(r, 96)));
  }

  private static List<Hash32> branch(final Random r, final int depth) {
    final List<Hash32> b = new ArrayList<>();
    for (int i = 0; i < depth; i++) {
      b.add(hash(r));
    }
    return b;
  }

  private static byte[] bytes(final Random r, final int n) {
    final byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  private static Hash32 hash(final Random r) {
    return Hash32.of(bytes(r, 32));
  }
}
