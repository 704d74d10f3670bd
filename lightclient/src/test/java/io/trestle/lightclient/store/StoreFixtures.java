package io.trestle.lightclient.store;

import io.trestle.crypto.Address;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.config.Networks;
import io.trestle.lightclient.spec.LightClientStore;
import io.trestle.lightclient.spec.SignatureCheck;
import io.trestle.lightclient.internal.spec.SyncProtocol;
import io.trestle.lightclient.spec.UpdateResult;
import io.trestle.lightclient.types.BeaconBlockHeader;
import io.trestle.lightclient.types.ExecutionPayloadHeader;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientHeader;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.config.ChainConfig.Preset;
import io.trestle.lightclient.types.SyncAggregate;
import io.trestle.lightclient.types.SyncCommittee;
import io.trestle.proofs.ssz.MerkleBranch;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;

/**
 * Builds realistic stores from random field values. Headers are valid light-client headers: the body root
 * is the root reached by folding the execution payload header's root through a random branch at
 * EXECUTION_PAYLOAD_GINDEX 25 (depth 4, index 9), so is_valid_light_client_header holds.
 */
final class StoreFixtures {
  /** A mainnet slot in Deneb (epoch 281250; Deneb from 269568, Electra from 364032). */
  static final long DENEB_SLOT = 9_000_000L;
  /** A mainnet slot in Electra (epoch 375000; Fulu from 411392). */
  static final long ELECTRA_SLOT = 12_000_000L;

  /** A minimal-preset network with only Altair (beacon-only, fixed-size headers). */
  static final ChainConfig ALTAIR_ONLY = ChainConfig.of("altair-only", Preset.MINIMAL,
      Hash32.fromHex("0x1111111111111111111111111111111111111111111111111111111111111111"), 0, 6, OptionalLong.empty(),
      List.of(new ChainConfig.ForkEntry(Fork.PHASE0, Bytes.fromHex("0x00000001"), 0),
          new ChainConfig.ForkEntry(Fork.ALTAIR, Bytes.fromHex("0x01000001"), 0)),
      ChainConfig.FAR_FUTURE_EPOCH);

  /** Signatures play no part in loading a store. */
  static final SignatureCheck NO_SIGNATURES = (committee, root, aggregate, signingRoot) -> false;

  private StoreFixtures() {}

  static Hash32 hash(final Random rnd) {
    final byte[] b = new byte[32];
    rnd.nextBytes(b);
    return Hash32.of(b);
  }

  static Bytes bytes(final Random rnd, final int n) {
    final byte[] b = new byte[n];
    rnd.nextBytes(b);
    return Bytes.of(b);
  }

  static List<Hash32> branch(final Random rnd, final int depth) {
    final List<Hash32> out = new ArrayList<>();
    for (int i = 0; i < depth; i++) {
      out.add(hash(rnd));
    }
    return out;
  }

  static ExecutionPayloadHeader execution(final Random rnd, final Fork fork, final long blockNumber) {
    final boolean deneb = ExecutionPayloadHeader.shapeOf(fork) == Fork.DENEB;
    return new ExecutionPayloadHeader(fork, hash(rnd), Address.of(bytes(rnd, 20).toArray()), hash(rnd), hash(rnd),
        bytes(rnd, 256), hash(rnd), blockNumber, 36_000_000L, 12_345_678L, 1_700_000_000L + blockNumber * 12,
        bytes(rnd, rnd.nextInt(33)), BigInteger.valueOf(rnd.nextInt(1 << 30)), hash(rnd), hash(rnd), hash(rnd),
        deneb ? 131072L * rnd.nextInt(7) : 0, deneb ? rnd.nextInt(1 << 20) : 0);
  }

  /** A valid header at {@code slot} with the given state root. */
  static LightClientHeader header(final Random rnd, final Fork fork, final long slot, final Hash32 stateRoot) {
    if (!fork.hasExecution()) {
      return LightClientHeader.beaconOnly(fork,
          new BeaconBlockHeader(slot, rnd.nextInt(1_000_000), hash(rnd), stateRoot, hash(rnd)));
    }
    final ExecutionPayloadHeader exec = execution(rnd, fork, 20_000_000L + slot % 1_000_000);
    final List<Hash32> br = branch(rnd, LightClientHeader.EXECUTION_BRANCH_DEPTH);
    final Hash32 bodyRoot = MerkleBranch.computeRoot(exec.hashTreeRoot(), br, 4, 9);
    return new LightClientHeader(fork, new BeaconBlockHeader(slot, rnd.nextInt(1_000_000), hash(rnd), stateRoot,
        bodyRoot), Optional.of(exec), br);
  }

  static LightClientHeader header(final Random rnd, final Fork fork, final long slot) {
    return header(rnd, fork, slot, hash(rnd));
  }

  static SyncCommittee committee(final Random rnd, final Preset preset) {
    final List<Bytes> keys = new ArrayList<>();
    for (int i = 0; i < preset.syncCommitteeSize(); i++) {
      keys.add(bytes(rnd, 48));
    }
    return new SyncCommittee(keys, bytes(rnd, 48));
  }

  /** A committee of valid public keys (secret keys are small random scalars): bootstraps need KeyValidate. */
  static SyncCommittee validCommittee(final Random rnd, final Preset preset) {
    final List<Bytes> keys = new ArrayList<>();
    for (int i = 0; i < preset.syncCommitteeSize(); i++) {
      final byte[] sk = new byte[32];
      final byte[] low = new byte[8];
      rnd.nextBytes(low);
      low[0] &= 0x3f;
      low[7] |= 1;
      System.arraycopy(low, 0, sk, 24, 8);
      keys.add(io.trestle.crypto.bls.Bls.publicKey(Bytes.of(sk)).orElseThrow().toBytes());
    }
    return new SyncCommittee(keys, bytes(rnd, 48));
  }

  static LightClientUpdate update(final Random rnd, final ChainConfig config, final Fork fork, final long attested,
      final long finalized) {
    final Preset p = config.preset();
    return new LightClientUpdate(header(rnd, fork, attested), committee(rnd, p),
        branch(rnd, fork.syncCommitteeBranchDepth()), header(rnd, fork, finalized),
        branch(rnd, fork.finalityBranchDepth()),
        new SyncAggregate(bytes(rnd, p.syncCommitteeBitsBytes()), bytes(rnd, 96)), attested + 1);
  }

  /** A store with random content; optional parts as requested. */
  static LightClientStore store(final long seed, final ChainConfig config, final Fork fork, final long finalizedSlot,
      final boolean withNext, final boolean withBest) {
    final Random rnd = new Random(seed);
    final Preset p = config.preset();
    final LightClientHeader finalized = header(rnd, fork, finalizedSlot);
    final long optimisticSlot = finalizedSlot + 1 + rnd.nextInt(64);
    final LightClientHeader optimistic = header(rnd, fork, optimisticSlot);
    final SyncCommittee current = committee(rnd, p);
    final Optional<SyncCommittee> next = withNext ? Optional.of(committee(rnd, p)) : Optional.empty();
    final Optional<LightClientUpdate> best = withBest
        ? Optional.of(update(rnd, config, fork, optimisticSlot + 3, finalizedSlot + 2)) : Optional.empty();
    return new LightClientStore(fork, finalized, current, current.hashTreeRoot(), next,
        next.map(SyncCommittee::hashTreeRoot), best, optimistic, rnd.nextInt(p.syncCommitteeSize() + 1),
        rnd.nextInt(p.syncCommitteeSize() + 1));
  }

  /** The mainnet Deneb store with every optional part. */
  static LightClientStore mainnetFull(final long seed) {
    return store(seed, Networks.MAINNET, Fork.DENEB, DENEB_SLOT, true, true);
  }

  /**
   * A store created by SyncProtocol.tryInitialize from a synthetic mainnet Deneb bootstrap: the state
   * root is the root reached by folding the committee root through a random branch at
   * CURRENT_SYNC_COMMITTEE_GINDEX 54 (depth 5, index 22).
   */
  static LightClientStore fromBootstrap(final long seed) {
    final Random rnd = new Random(seed);
    final SyncCommittee committee = validCommittee(rnd, Preset.MAINNET);
    final List<Hash32> br = branch(rnd, 5);
    final Hash32 stateRoot = MerkleBranch.computeRoot(committee.hashTreeRoot(), br, 5, 22);
    final LightClientHeader header = header(rnd, Fork.DENEB, DENEB_SLOT + 32, stateRoot);
    final LightClientBootstrap bootstrap = new LightClientBootstrap(header, committee, br);
    final UpdateResult r = new SyncProtocol(Networks.MAINNET, NO_SIGNATURES)
        .tryInitialize(header.beacon().hashTreeRoot(), bootstrap);
    if (!(r instanceof UpdateResult.Applied a)) {
      throw new AssertionError("synthetic bootstrap not accepted: " + r);
    }
    return a.store();
  }

  /** The same store with another finalized slot (and an optimistic header above it). */
  static LightClientStore atSlot(final long seed, final long finalizedSlot) {
    return store(seed, Networks.MAINNET, Fork.DENEB, finalizedSlot, true, false);
  }
}
