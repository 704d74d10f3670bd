package io.trestle.lightclient.types;

import io.trestle.crypto.Hash32;
import io.trestle.proofs.ssz.Merkle;
import io.trestle.proofs.ssz.SszException;
import io.trestle.proofs.ssz.SszReader;
import io.trestle.proofs.ssz.SszWriter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code LightClientHeader}: the beacon header and, from Capella on, the execution payload header with
 * its branch to the beacon body root. This type only carries data; {@code is_valid_light_client_header}
 * (in the spec package) decides whether the execution part is proven.
 *
 * @param fork the fork whose shape this header has
 * @param beacon the beacon block header
 * @param execution the execution payload header (empty for Altair/Bellatrix shapes)
 * @param executionBranch the branch of {@code EXECUTION_PAYLOAD_GINDEX} (empty for Altair/Bellatrix)
 */
public record LightClientHeader(
    Fork fork, BeaconBlockHeader beacon, Optional<ExecutionPayloadHeader> execution, List<Hash32> executionBranch) {
  /** Depth of the execution branch ({@code floorlog2(EXECUTION_PAYLOAD_GINDEX)}). */
  public static final int EXECUTION_BRANCH_DEPTH = 4;

  /** Validates the shape. */
  public LightClientHeader {
    Objects.requireNonNull(fork, "fork");
    Objects.requireNonNull(beacon, "beacon");
    executionBranch = List.copyOf(executionBranch);
    if (fork.hasExecution()) {
      if (execution.isEmpty() || executionBranch.size() != EXECUTION_BRANCH_DEPTH) {
        throw new IllegalArgumentException(fork.specName() + " header needs execution and a 4-element branch");
      }
    } else if (execution.isPresent() || !executionBranch.isEmpty()) {
      throw new IllegalArgumentException(fork.specName() + " header has no execution part");
    }
  }

  /** An Altair-shaped header. */
  public static LightClientHeader beaconOnly(final Fork fork, final BeaconBlockHeader beacon) {
    return new LightClientHeader(fork, beacon, Optional.empty(), List.of());
  }

  /** The all-zero header of a fork ({@code LightClientHeader()}). */
  public static LightClientHeader empty(final Fork fork) {
    if (!fork.hasExecution()) {
      return beaconOnly(fork, BeaconBlockHeader.empty());
    }
    return new LightClientHeader(fork, BeaconBlockHeader.empty(), Optional.of(ExecutionPayloadHeader.empty(fork)),
        java.util.Collections.nCopies(EXECUTION_BRANCH_DEPTH, Hash32.ZERO));
  }

  /** {@code hash_tree_root(header)} of the container (not of {@code header.beacon}). */
  public Hash32 hashTreeRoot() {
    if (!fork.hasExecution()) {
      return Merkle.container(beacon.hashTreeRoot());
    }
    return Merkle.container(beacon.hashTreeRoot(), execution.get().hashTreeRoot(), Merkle.merkleize(executionBranch));
  }

  /** True if this is fixed-size (Altair shape). */
  static boolean isFixedSize(final Fork fork) {
    return !fork.hasExecution();
  }

  /** Strict SSZ decoding. */
  public static LightClientHeader decode(final SszReader r, final Fork fork) {
    if (!fork.hasExecution()) {
      return beaconOnly(fork, BeaconBlockHeader.decode(r));
    }
    final BeaconBlockHeader beacon = BeaconBlockHeader.decode(r.fixed(BeaconBlockHeader.SIZE, "beacon"));
    r.offset("execution");
    final List<Hash32> branch = r.bytes32Vector(EXECUTION_BRANCH_DEPTH, "execution_branch");
    final SszReader exec = r.variables().get(0);
    final ExecutionPayloadHeader e = ExecutionPayloadHeader.decode(exec, fork);
    return new LightClientHeader(fork, beacon, Optional.of(e), branch);
  }

  /** SSZ serialization. */
  public byte[] encode() {
    if (!fork.hasExecution()) {
      return beacon.encode();
    }
    return new SszWriter().bytes(beacon.encode()).variable(execution.get().encode())
        .bytes32Vector(executionBranch).toBytes();
  }

  /** Checks a decoded branch list has the depth a fork requires. */
  static List<Hash32> requireDepth(final List<Hash32> branch, final int depth, final String what) {
    if (branch.size() != depth) {
      throw new SszException(what + ": expected " + depth + " elements, got " + branch.size());
    }
    return branch;
  }
}
