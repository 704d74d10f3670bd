package io.trestle.lightclient.types;

import io.trestle.crypto.Hash32;
import io.trestle.proofs.ssz.Merkle;
import io.trestle.proofs.ssz.SszException;
import io.trestle.proofs.ssz.SszReader;
import io.trestle.proofs.ssz.SszWriter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import io.trestle.lightclient.config.Fork;

/**
 * {@code LightClientHeader}: the beacon header and, from Capella to Fulu, the execution payload header
 * with its branch to the beacon body root; from Gloas, only the execution block hash ({@code
 * signed_execution_payload_bid.message.parent_block_hash}, the newest delivered payload on the block's
 * ancestry) with an 11-node normalized branch. This type only carries data; {@code
 * is_valid_light_client_header} (in the spec package) decides whether the execution part is proven.
 *
 * @param fork the fork whose shape this header has
 * @param beacon the beacon block header
 * @param execution the execution payload header (Capella to Fulu shapes only)
 * @param executionBranch the branch of {@code EXECUTION_PAYLOAD_GINDEX} (4 nodes, Capella to Fulu) or of
 *     the execution block hash (11 nodes, Gloas); empty for Altair/Bellatrix
 * @param executionBlockHash {@code execution_block_hash} (Gloas shape only)
 */
public record LightClientHeader(
    Fork fork,
    BeaconBlockHeader beacon,
    Optional<ExecutionPayloadHeader> execution,
    List<Hash32> executionBranch,
    Optional<Hash32> executionBlockHash) {
  /** Depth of the execution branch ({@code floorlog2(EXECUTION_PAYLOAD_GINDEX)}), Capella to Fulu. */
  public static final int EXECUTION_BRANCH_DEPTH = 4;

  /** Size of a Gloas-shaped header: 112 + 32 + 11 * 32. */
  public static final int GLOAS_SIZE = BeaconBlockHeader.SIZE + 32 + 11 * 32;

  /** Validates the shape. */
  public LightClientHeader {
    Objects.requireNonNull(fork, "fork");
    Objects.requireNonNull(beacon, "beacon");
    Objects.requireNonNull(execution, "execution");
    Objects.requireNonNull(executionBlockHash, "executionBlockHash");
    executionBranch = List.copyOf(executionBranch);
    if (fork.hasExecution()) {
      if (execution.isEmpty() || executionBlockHash.isPresent() || executionBranch.size() != EXECUTION_BRANCH_DEPTH) {
        throw new IllegalArgumentException(fork.specName() + " header needs execution and a 4-element branch");
      }
    } else if (fork.hasExecutionBlockHashOnly()) {
      if (execution.isPresent() || executionBlockHash.isEmpty()
          || executionBranch.size() != fork.executionBranchDepth()) {
        throw new IllegalArgumentException(fork.specName() + " header needs execution_block_hash and an "
            + fork.executionBranchDepth() + "-element branch");
      }
    } else if (execution.isPresent() || executionBlockHash.isPresent() || !executionBranch.isEmpty()) {
      throw new IllegalArgumentException(fork.specName() + " header has no execution part");
    }
  }

  /** A header of the Altair to Fulu shapes (no {@code execution_block_hash} field). */
  public LightClientHeader(final Fork fork, final BeaconBlockHeader beacon,
      final Optional<ExecutionPayloadHeader> execution, final List<Hash32> executionBranch) {
    this(fork, beacon, execution, executionBranch, Optional.empty());
  }

  /** A Gloas-shaped header ({@code beacon, execution_block_hash, execution_branch}). */
  public static LightClientHeader gloas(final BeaconBlockHeader beacon, final Hash32 executionBlockHash,
      final List<Hash32> executionBranch) {
    return new LightClientHeader(Fork.GLOAS, beacon, Optional.empty(), executionBranch,
        Optional.of(executionBlockHash));
  }

  /** An Altair-shaped header. */
  public static LightClientHeader beaconOnly(final Fork fork, final BeaconBlockHeader beacon) {
    return new LightClientHeader(fork, beacon, Optional.empty(), List.of());
  }

  /** The all-zero header of a fork ({@code LightClientHeader()}). */
  public static LightClientHeader empty(final Fork fork) {
    if (fork.hasExecutionBlockHashOnly()) {
      return gloas(BeaconBlockHeader.empty(), Hash32.ZERO,
          java.util.Collections.nCopies(fork.executionBranchDepth(), Hash32.ZERO));
    }
    if (!fork.hasExecution()) {
      return beaconOnly(fork, BeaconBlockHeader.empty());
    }
    return new LightClientHeader(fork, BeaconBlockHeader.empty(), Optional.of(ExecutionPayloadHeader.empty(fork)),
        java.util.Collections.nCopies(EXECUTION_BRANCH_DEPTH, Hash32.ZERO));
  }

  /**
   * The execution block hash this header names, whatever its shape: {@code execution_block_hash} (Gloas)
   * or {@code execution.block_hash} (Capella to Fulu); empty for beacon-only headers. Only as trusted as
   * the header ({@code is_valid_light_client_header}).
   */
  public Optional<Hash32> blockHash() {
    if (executionBlockHash.isPresent()) {
      return executionBlockHash;
    }
    return execution.map(ExecutionPayloadHeader::blockHash);
  }

  /** {@code hash_tree_root(header)} of the container (not of {@code header.beacon}). */
  public Hash32 hashTreeRoot() {
    if (fork.hasExecutionBlockHashOnly()) {
      return Merkle.container(beacon.hashTreeRoot(), executionBlockHash.get(), Merkle.merkleize(executionBranch));
    }
    if (!fork.hasExecution()) {
      return Merkle.container(beacon.hashTreeRoot());
    }
    return Merkle.container(beacon.hashTreeRoot(), execution.get().hashTreeRoot(), Merkle.merkleize(executionBranch));
  }

  /** True if this is fixed-size (Altair and Gloas shapes). */
  static boolean isFixedSize(final Fork fork) {
    return !fork.hasExecution();
  }

  /** Size in bytes of a fixed-size shape. */
  static int fixedSize(final Fork fork) {
    return fork.hasExecutionBlockHashOnly() ? GLOAS_SIZE : BeaconBlockHeader.SIZE;
  }

  /** Strict SSZ decoding. */
  public static LightClientHeader decode(final SszReader r, final Fork fork) {
    if (fork.hasExecutionBlockHashOnly()) {
      r.requireSize(GLOAS_SIZE);
      final BeaconBlockHeader beacon = BeaconBlockHeader.decode(r.fixed(BeaconBlockHeader.SIZE, "beacon"));
      final Hash32 hash = r.bytes32("execution_block_hash");
      final List<Hash32> branch = r.bytes32Vector(fork.executionBranchDepth(), "execution_branch");
      r.requireEnd();
      return gloas(beacon, hash, branch);
    }
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
    if (fork.hasExecutionBlockHashOnly()) {
      return new SszWriter().bytes(beacon.encode()).bytes32(executionBlockHash.get()).bytes32Vector(executionBranch)
          .toBytes();
    }
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
