package io.trestle.lightclient;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import io.trestle.proofs.VerificationException;
import io.trestle.proofs.execution.ExecutionForkSchedule;
import io.trestle.proofs.execution.ExecutionHeader;
import io.trestle.proofs.json.RpcJson;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A verified execution block: its hash (and, when known, its number and state and receipts roots) come
 * from a light-client header whose execution branch was verified against the beacon block body root, or
 * from execution headers linked to such a block by parent hashes and re-hashed here. There is no public
 * constructor: an anchor is obtained only from {@link LightClient#finalizedExecution()} / {@link
 * LightClient#optimisticExecution()} or derived from another anchor, so no caller can pass an arbitrary
 * root as trusted.
 *
 * <h2>Two shapes</h2>
 *
 * <ul>
 *   <li><b>Bound</b>: Capella to Fulu light-client headers carry the execution payload header, so the
 *       number and the state and receipts roots are proven with the hash.
 *   <li><b>Hash-only</b> ({@link #isHashOnly()}): from Gloas (EIP-7732) the light-client header proves only
 *       {@code execution_block_hash}; so does every pre-Gloas header a Gloas store holds, since the upgrade
 *       to Gloas keeps only the block hash. Nothing but the hash is known: {@link #stateRoot()} and {@link
 *       #receiptsRoot()} are empty and {@link #knownBlockNumber()} is empty. Bind the execution header first
 *       — from JSON-RPC {@code eth_getBlockByHash} with {@link #withHeader(JsonNode)}, from RLP with {@link
 *       #withHeader(Bytes)}, or by a parent-hash walk with {@link #ancestor(List)}: the header is re-encoded,
 *       keccak-hashed here and must equal {@link #blockHash()} ({@code EXECUTION_HEADER_MISMATCH} otherwise),
 *       and only then are its number and roots exposed.
 * </ul>
 *
 * <h2>What the block hash means in Gloas</h2>
 *
 * <p>A Gloas light-client header's {@code execution_block_hash} is its beacon block's {@code
 * signed_execution_payload_bid.message.parent_block_hash}, which equals the state's {@code latest_block_hash}:
 * the newest execution payload that was actually delivered on the header's beacon ancestry. For a
 * <b>finalized</b> header that is exactly the execution layer's finalized block (gloas fork-choice: {@code
 * finalized_block_hash = finalized_block_bid.parent_block_hash}). Consequences for a relayer:
 *
 * <ul>
 *   <li>the payload committed in the header's <i>own</i> slot ({@code bid.block_hash}) is <b>not</b>
 *       covered; it can only be proven through a later header whose chain delivered it;
 *   <li>after empty or withheld payloads the hash stays at the last delivered one, so consecutive headers
 *       (several beacon slots) can carry the <b>same</b> block hash;
 *   <li>the verified execution block therefore lags the beacon head by at least one beacon block.
 * </ul>
 *
 * <p>When the light client's network configuration is known, every header bound here must also have the
 * layout of the execution fork its timestamp falls in ({@link ExecutionForkSchedule}, {@code
 * HEADER_FORK_MISMATCH}): an Amsterdam-era header without {@code blockAccessListHash}/{@code slotNumber}, or
 * a Prague-era header with them, is refused.
 *
 * <p>Immutable and thread-safe.
 */
public final class ExecutionAnchor {
  /** Most headers one {@link #ancestor} walk accepts (a day of blocks). */
  public static final int MAX_ANCESTRY = 8192;

  private final Finality finality;
  private final long beaconSlot;
  private final Hash32 beaconRoot;
  private final OptionalLong blockNumber;
  private final Hash32 blockHash;
  private final Optional<Hash32> stateRoot;
  private final Optional<Hash32> receiptsRoot;
  private final int depth;
  private final Optional<ExecutionHeader> header;
  private final Optional<ExecutionForkSchedule> forks;
  private final OptionalLong chainId;

  ExecutionAnchor(final Finality finality, final long beaconSlot, final Hash32 beaconRoot, final long blockNumber,
      final Hash32 blockHash, final Optional<Hash32> stateRoot, final Optional<Hash32> receiptsRoot, final int depth) {
    this(finality, beaconSlot, beaconRoot, blockNumber, blockHash, stateRoot, receiptsRoot, depth, OptionalLong.empty());
  }

  ExecutionAnchor(final Finality finality, final long beaconSlot, final Hash32 beaconRoot, final long blockNumber,
      final Hash32 blockHash, final Optional<Hash32> stateRoot, final Optional<Hash32> receiptsRoot, final int depth,
      final OptionalLong chainId) {
    this(finality, beaconSlot, beaconRoot, OptionalLong.of(blockNumber), blockHash, stateRoot, receiptsRoot, depth,
        Optional.empty(), Optional.empty(), chainId);
  }

  private ExecutionAnchor(final Finality finality, final long beaconSlot, final Hash32 beaconRoot,
      final OptionalLong blockNumber, final Hash32 blockHash, final Optional<Hash32> stateRoot,
      final Optional<Hash32> receiptsRoot, final int depth, final Optional<ExecutionHeader> header,
      final Optional<ExecutionForkSchedule> forks, final OptionalLong chainId) {
    this.chainId = Objects.requireNonNull(chainId);
    this.finality = Objects.requireNonNull(finality);
    this.beaconSlot = beaconSlot;
    this.beaconRoot = Objects.requireNonNull(beaconRoot);
    this.blockNumber = Objects.requireNonNull(blockNumber);
    this.blockHash = Objects.requireNonNull(blockHash);
    this.stateRoot = Objects.requireNonNull(stateRoot);
    this.receiptsRoot = Objects.requireNonNull(receiptsRoot);
    this.depth = depth;
    this.header = Objects.requireNonNull(header);
    this.forks = Objects.requireNonNull(forks);
  }

  /**
   * The anchor of a light-client header that proves only an execution block hash (Gloas, or a pre-Gloas
   * header held by a Gloas store). {@code forks}, when present, is the network's execution fork schedule
   * every bound header is checked against.
   */
  static ExecutionAnchor hashOnly(final Finality finality, final long beaconSlot, final Hash32 beaconRoot,
      final Hash32 blockHash, final Optional<ExecutionForkSchedule> forks) {
    return new ExecutionAnchor(finality, beaconSlot, beaconRoot, OptionalLong.empty(), blockHash, Optional.empty(),
        Optional.empty(), 0, Optional.empty(), forks, OptionalLong.empty());
  }

  /** A bound anchor from a verified execution payload header, checked against {@code forks} when known. */
  static ExecutionAnchor ofPayloadHeader(final Finality finality, final long beaconSlot, final Hash32 beaconRoot,
      final long blockNumber, final Hash32 blockHash, final Hash32 stateRoot, final Hash32 receiptsRoot,
      final Optional<ExecutionForkSchedule> forks) {
    return new ExecutionAnchor(finality, beaconSlot, beaconRoot, OptionalLong.of(blockNumber), blockHash,
        Optional.of(stateRoot), Optional.of(receiptsRoot), 0, Optional.empty(), forks, OptionalLong.empty());
  }

  /** This anchor checking every header bound to it (and derived anchors) against {@code schedule}. */
  ExecutionAnchor withForkSchedule(final Optional<ExecutionForkSchedule> schedule) {
    return new ExecutionAnchor(finality, beaconSlot, beaconRoot, blockNumber, blockHash, stateRoot, receiptsRoot,
        depth, header, schedule, chainId);
  }

  /** This anchor stamped with the execution chain id of the network whose light client verified it. */
  ExecutionAnchor withChainId(final OptionalLong id) {
    return new ExecutionAnchor(finality, beaconSlot, beaconRoot, blockNumber, blockHash, stateRoot, receiptsRoot,
        depth, header, forks, id);
  }

  /**
   * The execution chain id of the network whose light client verified this anchor ({@code DEPOSIT_CHAIN_ID} of
   * its {@link io.trestle.lightclient.config.ChainConfig}); empty when that configuration has none. It is never
   * supplied by a caller or an RPC: messages proven under this anchor are stamped with it.
   */
  public OptionalLong chainId() {
    return chainId;
  }

  /** The execution fork schedule bound headers are checked against, when the network is known. */
  public Optional<ExecutionForkSchedule> forkSchedule() {
    return forks;
  }

  /** FINALIZED or OPTIMISTIC: inherited from the light-client header this anchor descends from. */
  public Finality finality() {
    return finality;
  }

  /** Slot of the beacon block this anchor descends from. */
  public long beaconSlot() {
    return beaconSlot;
  }

  /** {@code hash_tree_root} of that beacon block header. */
  public Hash32 beaconRoot() {
    return beaconRoot;
  }

  /**
   * True if only the block hash is known (a Gloas light-client header, or a pre-Gloas one held in a Gloas
   * store): bind the execution header with {@link #withHeader(JsonNode)}, {@link #withHeader(Bytes)} or
   * {@link #ancestor(List)} before using roots or the number.
   */
  public boolean isHashOnly() {
    return receiptsRoot.isEmpty() || stateRoot.isEmpty() || blockNumber.isEmpty();
  }

  /** The execution block number if known (empty for a {@linkplain #isHashOnly() hash-only} anchor). */
  public OptionalLong knownBlockNumber() {
    return blockNumber;
  }

  /**
   * Execution block number.
   *
   * @throws IllegalStateException for a {@linkplain #isHashOnly() hash-only} anchor whose header is not bound
   *     yet (its number is not proven); use {@link #knownBlockNumber()} to test
   */
  public long blockNumber() {
    if (blockNumber.isEmpty()) {
      throw new IllegalStateException("hash-only execution anchor " + blockHash
          + ": its number is not proven until its header is bound (withHeader / ancestor)");
    }
    return blockNumber.getAsLong();
  }

  /** Execution block hash. */
  public Hash32 blockHash() {
    return blockHash;
  }

  /**
   * Execution state root. Empty for a {@linkplain #isHashOnly() hash-only} anchor: bind its header first.
   */
  public Optional<Hash32> stateRoot() {
    return stateRoot;
  }

  /** Receipts root (empty for a hash-only anchor, as {@link #stateRoot()}). */
  public Optional<Hash32> receiptsRoot() {
    return receiptsRoot;
  }

  /** The execution header bound to this anchor (re-hashed here), when it was bound from a header. */
  public Optional<ExecutionHeader> header() {
    return header;
  }

  /** Number of parent-hash links between this anchor and the light-client header (0 for the header itself). */
  public int depth() {
    return depth;
  }

  /**
   * This anchor with only its block hash: the number and roots dropped. Grants nothing (it removes proven
   * data); useful to force a relayer's flow through header binding, for example to cross-check an RPC.
   */
  public ExecutionAnchor withoutRoots() {
    return new ExecutionAnchor(finality, beaconSlot, beaconRoot, OptionalLong.empty(), blockHash, Optional.empty(),
        Optional.empty(), depth, Optional.empty(), forks, chainId);
  }

  /**
   * Binds an RLP execution header to this anchor: its keccak must equal {@link #blockHash()}. Returns an
   * anchor carrying the header's number and state and receipts roots ({@code EXECUTION_HEADER_MISMATCH}
   * otherwise; {@code HEADER_FORK_MISMATCH} if its layout is not its fork's).
   */
  public ProofResult<ExecutionAnchor> withHeader(final Bytes rlpHeader) {
    Objects.requireNonNull(rlpHeader, "rlpHeader");
    return ProofResult.of(() -> bind(ExecutionHeader.decode(rlpHeader.toArray()), "header"));
  }

  /**
   * Binds the header of an {@code eth_getBlockByHash(blockHash(), ...)} result (a block object, or the whole
   * JSON-RPC response): the header is rebuilt from the JSON fields (execution-apis names, including {@code
   * blockAccessListHash} and {@code slotNumber} for Amsterdam), re-encoded, keccak-hashed here and must equal
   * {@link #blockHash()}. The source is untrusted: an altered field, a different block, or a field this
   * version does not know all change the hash and are {@code EXECUTION_HEADER_MISMATCH}; a {@code hash} member
   * disagreeing with the rebuilt header is {@code BLOCK_HASH_MISMATCH}; a wrong-fork layout {@code
   * HEADER_FORK_MISMATCH}; a malformed field {@code INPUT_MALFORMED}/{@code HEADER_MALFORMED}.
   */
  public ProofResult<ExecutionAnchor> withHeader(final JsonNode block) {
    Objects.requireNonNull(block, "block");
    return ProofResult.of(() -> {
      final JsonNode b = RpcJson.unwrapResult(block);
      final ExecutionHeader h = ExecutionHeader.fromJsonUnchecked(b);
      final Hash32 computed = h.hash();
      final Optional<JsonNode> claimed = RpcJson.optField(b, "hash");
      if (!computed.equals(blockHash)) {
        final String what = claimed.isPresent() && RpcJson.hashValue(claimed.get(), "hash").equals(blockHash)
            ? "the source altered a header field (or carries one this version does not know) and kept the hash"
            : "the source returned another block";
        throw new VerificationException(Reason.EXECUTION_HEADER_MISMATCH, "eth_getBlockByHash header re-hashes to "
            + computed + ", the verified block hash is " + blockHash + ": " + what);
      }
      if (claimed.isPresent() && !RpcJson.hashValue(claimed.get(), "hash").equals(computed)) {
        throw new VerificationException(Reason.BLOCK_HASH_MISMATCH, "the block's 'hash' member "
            + claimed.get().asText() + " is not keccak(rlp(header)) " + computed);
      }
      return bind(h, "eth_getBlockByHash header");
    });
  }

  private ExecutionAnchor bind(final ExecutionHeader h, final String what) {
    final Hash32 hash = h.hash();
    if (!hash.equals(blockHash)) {
      throw new VerificationException(Reason.EXECUTION_HEADER_MISMATCH,
          what + " hashes to " + hash + ", the verified block hash is " + blockHash);
    }
    if (blockNumber.isPresent() && h.number() != blockNumber.getAsLong()) {
      throw new VerificationException(Reason.EXECUTION_HEADER_MISMATCH,
          what + " number " + h.number() + " differs from the verified " + blockNumber.getAsLong());
    }
    if (stateRoot.isPresent() && !stateRoot.get().equals(h.stateRoot())
        || receiptsRoot.isPresent() && !receiptsRoot.get().equals(h.receiptsRoot())) {
      throw new VerificationException(Reason.EXECUTION_HEADER_MISMATCH,
          what + " roots differ from the verified execution payload header");
    }
    forks.ifPresent(s -> s.check(h));
    return new ExecutionAnchor(finality, beaconSlot, beaconRoot, OptionalLong.of(h.number()), blockHash,
        Optional.of(h.stateRoot()), Optional.of(h.receiptsRoot()), depth, Optional.of(h), forks, chainId);
  }

  /**
   * {@link #ancestor(List)} with the headers as JSON-RPC block objects ({@code eth_getBlockByNumber(n, false)}
   * results, newest first): each header is rebuilt from its JSON fields and re-encoded, and then checked exactly
   * as {@link #ancestor(List)} checks RLP headers. A malformed header is {@code INPUT_MALFORMED}/{@code
   * HEADER_MALFORMED} naming its position; the JSON {@code hash} members are not trusted (each header is
   * re-hashed).
   */
  public ProofResult<ExecutionAnchor> ancestorFromJson(final List<JsonNode> headersNewestFirst) {
    Objects.requireNonNull(headersNewestFirst, "headersNewestFirst");
    if (headersNewestFirst.size() > MAX_ANCESTRY + 1) {
      return new ProofResult.Rejected<>(Reason.PROOF_TOO_LARGE,
          headersNewestFirst.size() + " headers exceed the bound of " + (MAX_ANCESTRY + 1));
    }
    final List<Bytes> rlp = new java.util.ArrayList<>(headersNewestFirst.size());
    for (int i = 0; i < headersNewestFirst.size(); i++) {
      try {
        rlp.add(Bytes.of(ExecutionHeader.fromJsonUnchecked(headersNewestFirst.get(i)).encode()));
      } catch (VerificationException e) {
        final VerificationException c = e.withContext("header " + i);
        return new ProofResult.Rejected<>(c.reason(), c.detail());
      }
    }
    return ancestor(rlp);
  }

  /**
   * Walks back from this block through RLP headers, newest first: {@code headers.get(0)} is this block's
   * own header (its keccak must equal {@link #blockHash()}) and each later header is the parent of the one
   * before it (its keccak must equal that one's parent hash, and its number be one less). Works from a
   * {@linkplain #isHashOnly() hash-only} anchor too: the first header binds it. Returns the anchor of the last
   * (oldest) header, with its number and state and receipts roots. At most {@link #MAX_ANCESTRY} + 1 headers;
   * any break is {@code ANCESTRY_INVALID}, a header of the wrong fork layout {@code HEADER_FORK_MISMATCH}. The
   * API leaves room for beacon {@code block_roots}/{@code historical_summaries} proofs as another derivation
   * of older anchors.
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
      OptionalLong expectedNumber = blockNumber;
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
        if (expectedNumber.isPresent() && cur.number() != expectedNumber.getAsLong()) {
          throw new VerificationException(Reason.ANCESTRY_INVALID, "header " + i + " has number " + cur.number()
              + ", expected " + expectedNumber.getAsLong());
        }
        if (i == 0 && (stateRoot.isPresent() && !stateRoot.get().equals(cur.stateRoot())
            || receiptsRoot.isPresent() && !receiptsRoot.get().equals(cur.receiptsRoot()))) {
          throw new VerificationException(Reason.ANCESTRY_INVALID,
              "header 0 roots differ from the verified execution payload header");
        }
        if (forks.isPresent()) {
          try {
            forks.get().check(cur);
          } catch (VerificationException e) {
            throw e.withContext("header " + i);
          }
        }
        expected = cur.parentHash();
        expectedNumber = OptionalLong.of(cur.number() - 1);
        h = cur;
      }
      return new ExecutionAnchor(finality, beaconSlot, beaconRoot, OptionalLong.of(h.number()), h.hash(),
          Optional.of(h.stateRoot()), Optional.of(h.receiptsRoot()), depth + headersNewestFirst.size() - 1,
          Optional.of(h), forks, chainId);
    });
  }

  @Override
  public String toString() {
    return "ExecutionAnchor[" + finality + " block "
        + (blockNumber.isPresent() ? Long.toString(blockNumber.getAsLong()) : "(hash only)") + " " + blockHash
        + " (beacon slot " + beaconSlot + ", depth " + depth + ")]";
  }
}
