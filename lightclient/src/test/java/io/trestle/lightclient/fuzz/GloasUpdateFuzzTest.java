package io.trestle.lightclient.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.LightClient;
import io.trestle.lightclient.internal.spec.SyncProtocol;
import io.trestle.lightclient.spec.LightClientStore;
import io.trestle.lightclient.spec.UpdateRejection;
import io.trestle.lightclient.spec.UpdateResult;
import io.trestle.lightclient.types.BeaconBlockHeader;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.types.LightClientFinalityUpdate;
import io.trestle.lightclient.types.LightClientHeader;
import io.trestle.lightclient.types.LightClientOptimisticUpdate;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.config.ChainConfig.Preset;
import io.trestle.proofs.ssz.SszException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Fuzz targets for the Gloas light-client rules, against the fixed Gloas store of {@link GloasData}
 * (consensus-specs generated Gloas sync case, minimal preset, real BLS).
 *
 * <ul>
 *   <li>{@link #processUpdate}: byte 0 selects the SSZ container (0 {@code LightClientUpdate}, 1 {@code
 *       LightClientFinalityUpdate}, 2 {@code LightClientOptimisticUpdate}, all Gloas-shaped); the rest is
 *       its SSZ. Seeds: the case's 8 real updates in each shape.
 *   <li>{@link #headerBinding}: structured. A real update of the case, one of its headers (attested or
 *       finalized) mutated once in the Gloas-specific part (a byte of {@code execution_block_hash}, a
 *       branch node flipped, zeroed, swapped or taken from another real header, the block hash of another
 *       real header, the beacon {@code body_root} or slot), then {@code is_valid_light_client_header} on the
 *       header and processing of the whole update.
 * </ul>
 *
 * <p>Oracle: decoding fails only with {@link SszException}; processing and header validation yield only
 * the documented rejections below, never INTERNAL_ERROR, always with a detail; a rejected or ignored update
 * leaves the store identical; an applied update has the attested header of a real update, and every
 * header the store then holds (finalized, optimistic) is a real header in full, so its {@code
 * execution_block_hash} and normalized 11-node branch are the real ones (the binding to {@code body_root}
 * at {@code EXECUTION_BLOCK_HASH_GINDEX_GLOAS}). A header that {@code is_valid_light_client_header} accepts
 * is a real header, or differs from one only outside what the rule binds (a beacon field other than {@code
 * body_root}, which the rule does not cover: then its block hash and branch are the real ones for that body).
 */
class GloasUpdateFuzzTest {
  /** The rejections update processing may give (UpdateRejection minus INTERNAL_ERROR and the bootstrap ones). */
  static final Set<UpdateRejection> UPDATE_REASONS = EnumSet.of(UpdateRejection.BAD_SLOT,
      UpdateRejection.BAD_SLOT_ORDER, UpdateRejection.EXECUTION_BRANCH_INVALID, UpdateRejection.FINALITY_BRANCH_INVALID,
      UpdateRejection.FINALIZED_HEADER_NOT_EMPTY, UpdateRejection.FORK_MISMATCH, UpdateRejection.FUTURE_SLOT,
      UpdateRejection.HEADER_INVALID, UpdateRejection.INSUFFICIENT_PARTICIPATION,
      UpdateRejection.NEXT_COMMITTEE_BRANCH_INVALID, UpdateRejection.NEXT_COMMITTEE_CONFLICT,
      UpdateRejection.NEXT_COMMITTEE_NOT_EMPTY, UpdateRejection.NEXT_COMMITTEE_UNKNOWN,
      UpdateRejection.SIGNATURE_INVALID, UpdateRejection.UNSUPPORTED_FORK, UpdateRejection.WRONG_PERIOD);
  /** The rejections {@code is_valid_light_client_header} may give for a Gloas header. */
  static final Set<UpdateRejection> HEADER_REASONS = EnumSet.of(UpdateRejection.EXECUTION_BRANCH_INVALID,
      UpdateRejection.HEADER_INVALID, UpdateRejection.FORK_MISMATCH, UpdateRejection.UNSUPPORTED_FORK,
      UpdateRejection.BAD_SLOT);

  private static final LightClient CLIENT = GloasData.client();
  private static final SyncProtocol PROTOCOL = GloasData.protocol();
  private static final List<LightClientHeader> REAL = new ArrayList<>(GloasData.REAL_HEADERS.values());

  @FuzzTest(maxDuration = "30m")
  void processUpdate(final byte[] input) {
    if (input.length < 1) {
      return;
    }
    final byte[] ssz = Arrays.copyOfRange(input, 1, input.length);
    final LightClientUpdate u;
    try {
      u = switch (Byte.toUnsignedInt(input[0]) % 3) {
        case 0 -> LightClientUpdate.decode(ssz, Fork.GLOAS, Preset.MINIMAL);
        case 1 -> LightClientFinalityUpdate.decode(ssz, Fork.GLOAS, Preset.MINIMAL).toUpdate(Preset.MINIMAL);
        default -> LightClientOptimisticUpdate.decode(ssz, Fork.GLOAS, Preset.MINIMAL).toUpdate(Preset.MINIMAL);
      };
    } catch (SszException e) {
      return;
    }
    checkProcessing(u);
  }

  @FuzzTest(maxDuration = "30m")
  void headerBinding(final FuzzedDataProvider d) {
    final LightClientUpdate real = GloasData.UPDATES.get(d.consumeInt(0, GloasData.UPDATES.size() - 1));
    final boolean finalized = d.consumeBoolean() && !isEmpty(real.finalizedHeader());
    final LightClientHeader honest = finalized ? real.finalizedHeader() : real.attestedHeader();
    final LightClientHeader h = mutate(honest, d);
    // is_valid_light_client_header on its own
    final Optional<UpdateResult.Rejected> v = PROTOCOL.validateHeader(h, "fuzzed header");
    if (v.isPresent()) {
      checkReason(HEADER_REASONS, v.get());
    } else {
      assertBoundHeader(h);
    }
    // and inside the update it came from
    final LightClientUpdate u = finalized
        ? new LightClientUpdate(real.attestedHeader(), real.nextSyncCommittee(), real.nextSyncCommitteeBranch(), h,
            real.finalityBranch(), real.syncAggregate(), real.signatureSlot())
        : new LightClientUpdate(h, real.nextSyncCommittee(), real.nextSyncCommitteeBranch(), real.finalizedHeader(),
            real.finalityBranch(), real.syncAggregate(), real.signatureSlot());
    checkProcessing(u);
  }

  /** The shared oracle of both targets. */
  private static void checkProcessing(final LightClientUpdate u) {
    final LightClientStore before = CLIENT.store();
    final UpdateResult r = CLIENT.preview(u, GloasData.NOW);
    assertEquals(before, CLIENT.store(), "preview changed the store");
    assertEquals(GloasData.STORE, CLIENT.store(), "the fixed store moved");
    if (r instanceof UpdateResult.Rejected rej) {
      checkReason(UPDATE_REASONS, rej);
      return;
    }
    if (r instanceof UpdateResult.Ignored ign) {
      assertTrue(!ign.detail().isEmpty(), "ignored without a detail");
      return;
    }
    final LightClientStore after = ((UpdateResult.Applied) r).store();
    final LightClientHeader attested = GloasData.REAL_HEADERS.get(u.attestedHeader().beacon().hashTreeRoot());
    assertEquals(attested, u.attestedHeader(), "an update whose attested header is not a real header was applied");
    assertEquals(GloasData.REAL_HEADERS.get(after.finalizedHeader().beacon().hashTreeRoot()), after.finalizedHeader(),
        "the store finalized a header that is not a real Gloas header");
    assertEquals(GloasData.REAL_HEADERS.get(after.optimisticHeader().beacon().hashTreeRoot()),
        after.optimisticHeader(), "the store's optimistic header is not a real Gloas header");
    if (!isEmpty(u.finalizedHeader())) {
      // the finality branch binds only the beacon root: the rest must be the real header's
      assertEquals(GloasData.REAL_HEADERS.get(u.finalizedHeader().beacon().hashTreeRoot()), u.finalizedHeader(),
          "an update whose finalized header is not a real header was applied");
    }
    // applying for real gives the same store; the client's duplicate filter may ignore a re-sent update
    // (the pure protocol of preview re-applies it), and then the store must not move
    final LightClient fresh = GloasData.client();
    final LightClientStore s0 = fresh.store();
    final UpdateResult applied = fresh.processUpdate(u, GloasData.NOW);
    if (applied instanceof UpdateResult.Applied a) {
      assertEquals(after, a.store());
      assertEquals(after, fresh.store());
    } else {
      assertTrue(applied instanceof UpdateResult.Ignored, "preview applied, processUpdate rejected: " + applied);
      assertEquals(s0, fresh.store());
    }
  }

  /**
   * A header {@code is_valid_light_client_header} accepted: its execution block hash and branch are those of
   * the real header with the same {@code body_root} (the rule binds only these three; slot, proposer and the
   * parent/state roots are bound by the signature and finality checks instead).
   */
  private static void assertBoundHeader(final LightClientHeader h) {
    for (final LightClientHeader r : REAL) {
      if (r.beacon().bodyRoot().equals(h.beacon().bodyRoot()) && r.executionBlockHash().equals(h.executionBlockHash())
          && r.executionBranch().equals(h.executionBranch())) {
        return;
      }
    }
    throw new AssertionError("is_valid_light_client_header accepted an execution_block_hash/branch no real header"
        + " has for its body_root: " + h);
  }

  private static void checkReason(final Set<UpdateRejection> allowed, final UpdateResult.Rejected r) {
    if (!allowed.contains(r.reason())) {
      throw new AssertionError("undocumented rejection " + r.reason() + " (" + r.detail() + ")");
    }
    assertTrue(!r.detail().isEmpty(), "rejection " + r.reason() + " without a detail");
  }

  private static boolean isEmpty(final LightClientHeader h) {
    return h.beacon().equals(BeaconBlockHeader.empty());
  }

  /** One mutation of the Gloas-specific part of a header (or none: kind 0). */
  static LightClientHeader mutate(final LightClientHeader h, final FuzzedDataProvider d) {
    final List<Hash32> branch = new ArrayList<>(h.executionBranch());
    Hash32 blockHash = h.executionBlockHash().orElseThrow();
    BeaconBlockHeader beacon = h.beacon();
    final LightClientHeader other = REAL.get(d.consumeInt(0, REAL.size() - 1));
    final int i = d.consumeInt(0, branch.size() - 1);
    switch (d.consumeInt(0, 8)) {
      case 0 -> { }
      case 1 -> blockHash = flip(blockHash, d);
      case 2 -> branch.set(i, flip(branch.get(i), d));
      case 3 -> branch.set(i, Hash32.ZERO);
      case 4 -> {
        final int j = d.consumeInt(0, branch.size() - 1);
        final Hash32 t = branch.get(i);
        branch.set(i, branch.get(j));
        branch.set(j, t);
      }
      case 5 -> blockHash = other.executionBlockHash().orElseThrow();
      case 6 -> {
        branch.clear();
        branch.addAll(other.executionBranch());
      }
      case 7 -> beacon = new BeaconBlockHeader(beacon.slot(), beacon.proposerIndex(), beacon.parentRoot(),
          beacon.stateRoot(), flip(beacon.bodyRoot(), d));
      default -> beacon = new BeaconBlockHeader(d.consumeLong(0, Long.MAX_VALUE), beacon.proposerIndex(),
          beacon.parentRoot(), beacon.stateRoot(), beacon.bodyRoot());
    }
    return LightClientHeader.gloas(beacon, blockHash, branch);
  }

  private static Hash32 flip(final Hash32 h, final FuzzedDataProvider d) {
    final byte[] b = h.toArray();
    b[d.consumeInt(0, 31)] ^= (byte) d.consumeInt(1, 255);
    return Hash32.of(b);
  }
}
