package io.trestle.lightclient;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import io.trestle.proofs.VerificationException;
import io.trestle.proofs.execution.ExecutionHeader;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A verified execution block: its hash and roots come from a light-client header whose execution branch
 * was verified against the beacon block body root, or from RLP headers linked to such a block by parent
 * hashes and re-hashed here. There is no public constructor: an anchor is obtained only from {@link
 * LightClient#finalizedExecution()} / {@link LightClient#optimisticExecution()} or derived from another
 * anchor, so no caller can pass an arbitrary root as trusted.
 *
 * <p>Immutable and thread-safe.
 */
public final class ExecutionAnchor {
  /** Most headers one {@link #ancestor} walk accepts (a day of blocks). */
  public static final int MAX_ANCESTRY = 8192;

  private final Finality finality;
  private final long beaconSlot;
  private final Hash32 beaconRoot;
  private final long blockNumber;
  private final Hash32 blockHash;
  private final Optional<Hash32> stateRoot;
  private final Optional<Hash32> receiptsRoot;
  private final int depth;
  private final OptionalLong chainId;

  ExecutionAnchor(final Finality finality, final long beaconSlot, final Hash32 beaconRoot, final long blockNumber,
      final Hash32 blockHash, final Optional<Hash32> stateRoot, final Optional<Hash32> receiptsRoot, final int depth,
      final OptionalLong chainId) {
    this.chainId = Objects.requireNonNull(chainId);
    this.finality = Objects.requireNonNull(finality);
    this.beaconSlot = beaconSlot;
    this.beaconRoot = Objects.requireNonNull(beaconRoot);
    this.blockNumber = blockNumber;
    this.blockHash = Objects.requireNonNull(blockHash);
    this.stateRoot = Objects.requireNonNull(stateRoot);
    this.receiptsRoot = Objects.requireNonNull(receiptsRoot);
    this.depth = depth;
  }

  /** FINALIZED or OPTIMISTIC: inherited from the light-client header this anchor descends from. */
  public Finality finality() {
    return finality;
  }

  /**
   * The execution chain id of the network whose light client verified this anchor ({@code DEPOSIT_CHAIN_ID} of
   * its {@link io.trestle.lightclient.config.ChainConfig}); empty when that configuration has none. It is never
   * supplied by a caller or an RPC: messages proven under this anchor are stamped with it.
   */
  public OptionalLong chainId() {
    return chainId;
  }

  /** Slot of the beacon block this anchor descends from. */
  public long beaconSlot() {
    return beaconSlot;
  }

  /** {@code hash_tree_root} of that beacon block header. */
  public Hash32 beaconRoot() {
    return beaconRoot;
  }

  /** Execution block number. */
  public long blockNumber() {
    return blockNumber;
  }

  /** Execution block hash. */
  public Hash32 blockHash() {
    return blockHash;
  }

  /**
   * Execution state root. Empty only for a hash-only anchor (a future fork whose light-client header
   * carries just the block hash): use {@link #withHeader} first.
   */
  public Optional<Hash32> stateRoot() {
    return stateRoot;
  }

  /** Receipts root (empty for a hash-only anchor, as {@link #stateRoot()}). */
  public Optional<Hash32> receiptsRoot() {
    return receiptsRoot;
  }

  /** Number of parent-hash links between this anchor and the light-client header (0 for the header itself). */
  public int depth() {
    return depth;
  }

  /**
   * Binds an RLP execution header to this anchor: its keccak must equal {@link #blockHash()}. Returns an
   * anchor carrying the header's state and receipts roots ({@code EXECUTION_HEADER_MISMATCH} otherwise).
   * This is the path for light-client headers that carry only an execution block hash.
   */
  public ProofResult<ExecutionAnchor> withHeader(final Bytes rlpHeader) {
    Objects.requireNonNull(rlpHeader, "rlpHeader");
    return ProofResult.of(() -> {
      final ExecutionHeader h = ExecutionHeader.decode(rlpHeader.toArray());
      if (!h.hash().equals(blockHash)) {
        throw new VerificationException(Reason.EXECUTION_HEADER_MISMATCH,
            "header hashes to " + h.hash() + ", the verified block hash is " + blockHash);
      }
      if (h.number() != blockNumber) {
        throw new VerificationException(Reason.EXECUTION_HEADER_MISMATCH,
            "header number " + h.number() + " differs from the verified " + blockNumber);
      }
      if (stateRoot.isPresent() && !stateRoot.get().equals(h.stateRoot())
          || receiptsRoot.isPresent() && !receiptsRoot.get().equals(h.receiptsRoot())) {
        throw new VerificationException(Reason.EXECUTION_HEADER_MISMATCH,
            "header roots differ from the verified execution payload header");
      }
      return new ExecutionAnchor(finality, beaconSlot, beaconRoot, h.number(), blockHash,
          Optional.of(h.stateRoot()), Optional.of(h.receiptsRoot()), depth, chainId);
    });
  }

  /**
   * Walks back from this block through RLP headers, newest first: {@code headers.get(0)} is this block's
   * own header (its keccak must equal {@link #blockHash()}) and each later header is the parent of the one
   * before it (its keccak must equal that one's parent hash, and its number be one less). Returns the
   * anchor of the last (oldest) header, with its state and receipts roots. At most {@link #MAX_ANCESTRY}
   * + 1 headers; any break is {@code ANCESTRY_INVALID}. The API leaves room for beacon {@code
   * block_roots}/{@code historical_summaries} proofs as another derivation of older anchors.
   */
  public ProofResult<ExecutionAnchor> ancestor(final List<Bytes> headersNewestFirst) {
    Objects.requireNonNull(headersNewestFirst, "headersNewestFirst");
    return ProofResult.of(() -> {
      if (headersNewestFirst.isEmpty()) {
        throw new VerificationException(Reason.ANCESTRY_INVALID, "no headers");
      }
      if (headersNewestFirst.size() > MAX_ANCESTRY + 1) {
        throw new VerificationException(Reason.PROOF_TOO_LARGE,
            headersNewestFirst.size() + " headers exceed the bound of " + (MAX_ANCESTRY + 1));
      }
      Hash32 expected = blockHash;
      long expectedNumber = blockNumber;
      ExecutionHeader h = null;
      for (int i = 0; i < headersNewestFirst.size(); i++) {
        final ExecutionHeader cur;
        try {
          cur = ExecutionHeader.decode(headersNewestFirst.get(i).toArray());
        } catch (VerificationException e) {
          throw e.withContext("header " + i);
        }
        final Hash32 hash = cur.hash();
        if (!hash.equals(expected)) {
          throw new VerificationException(Reason.ANCESTRY_INVALID, "header " + i + " (number " + cur.number()
              + ") hashes to " + hash + " but the chain expects " + expected);
        }
        if (cur.number() != expectedNumber) {
          throw new VerificationException(Reason.ANCESTRY_INVALID, "header " + i + " has number " + cur.number()
              + ", expected " + expectedNumber);
        }
        expected = cur.parentHash();
        expectedNumber = cur.number() - 1;
        h = cur;
      }
      return new ExecutionAnchor(finality, beaconSlot, beaconRoot, h.number(), h.hash(), Optional.of(h.stateRoot()),
          Optional.of(h.receiptsRoot()), depth + headersNewestFirst.size() - 1, chainId);
    });
  }

  @Override
  public String toString() {
    return "ExecutionAnchor[" + finality + " block " + blockNumber + " " + blockHash + " (beacon slot " + beaconSlot
        + ", depth " + depth + ")]";
  }
}
