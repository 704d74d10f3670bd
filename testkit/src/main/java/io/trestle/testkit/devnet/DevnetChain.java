package io.trestle.testkit.devnet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.trestle.crypto.Address;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Keccak256;
import io.trestle.crypto.Sha256;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.config.ChainConfig.ForkEntry;
import io.trestle.lightclient.types.BeaconBlockHeader;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientFinalityUpdate;
import io.trestle.lightclient.types.LightClientHeader;
import io.trestle.lightclient.types.LightClientOptimisticUpdate;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.config.ChainConfig.Preset;
import io.trestle.lightclient.types.SyncAggregate;
import io.trestle.proofs.execution.Log;
import io.trestle.proofs.ssz.Merkle;
import io.trestle.proofs.ssz.MerkleBranch;
import io.trestle.proofs.state.Account;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A deterministic, fully linked devnet chain for demos and end-to-end tests, generated with the
 * project's own BLS keys: trusted checkpoint root, light-client bootstrap, one sync-committee-signed
 * {@link LightClientUpdate} per period over {@value #PERIODS} periods (each committee signing the
 * hand-over to the next), a finality update whose finalized header's execution payload is the block
 * holding a bridge log (or, with {@link #generate(long, int)}, a descendant of it a few blocks later, linked
 * by parent hash), an optimistic update, and the JSON-RPC objects a relayer fetches for that block
 * (block, receipts, receipt proof, {@code eth_getProof} of the bridge contract and of an absent
 * account), all with matching roots.
 *
 * <p>What is real and what is not: every root, branch, hash and signature is computed exactly as the
 * consensus and execution specs define and verifies with the production verifiers. The beacon state
 * and block body are not full objects: they are SSZ Merkle trees of the right shape (Electra: 37 state
 * fields at depth 6, 13 body fields at depth 4) with the light-client-relevant leaves real ({@code
 * genesis_time}, {@code genesis_validators_root}, {@code slot}, {@code finalized_checkpoint}, both sync
 * committees, {@code execution_payload}) and deterministic filler elsewhere. Transactions carry
 * placeholder (not ECDSA) signatures. The network is {@code trestle-devnet}: mainnet preset, every fork
 * through Electra at epoch 0, Fulu unscheduled, a genesis validators root derived from the seed, and
 * the made-up chain id {@value #CHAIN_ID} (not registered anywhere; chosen to collide with no public
 * network).
 *
 * <p>Same seed, byte-identical output. Immutable after generation; thread-safe.
 */
public final class DevnetChain {
  /** Network name of the devnet config. */
  public static final String NAME = "trestle-devnet";
  /** Network name of the devnet that crosses Fulu to Gloas ({@link #generateGloasCrossing}). */
  public static final String GLOAS_NAME = "trestle-devnet-gloas";
  /** The sync-committee period at whose first epoch the crossing devnet activates Gloas. */
  public static final long GLOAS_FORK_PERIOD = 4;
  /** Periods with an update in the crossing devnet: two Fulu periods, then three Gloas periods. */
  public static final int GLOAS_PERIODS = 5;
  /** Execution chain id ({@code DEPOSIT_CHAIN_ID}): a made-up id for this devnet only. */
  public static final long CHAIN_ID = 990001;
  /** Fixed genesis time (2023-11-14T22:13:20Z). */
  public static final long GENESIS_TIME = 1_700_000_000L;
  /** Seconds per slot. */
  public static final long SECONDS_PER_SLOT = 12;
  /** Sync-committee period of the bootstrap. */
  public static final long FIRST_PERIOD = 2;
  /** Number of periods with a sync-committee update. */
  public static final int PERIODS = 4;
  /** Sync-committee members left out of each aggregate (512 - 12 = 500 participate). */
  public static final int ABSENT_MEMBERS = 12;
  /** The bridge contract (fixed for every seed): the last 20 bytes of keccak("trestle-devnet/bridge"). */
  public static final Address BRIDGE = Address.of(java.util.Arrays.copyOfRange(
      Keccak256.hash("trestle-devnet/bridge".getBytes(StandardCharsets.US_ASCII)).toArray(), 12, 32));
  /** Solidity signature of the bridge event proven end to end. */
  public static final String MESSAGE_SENT = "MessageSent(bytes32,address,bytes)";
  /** Solidity signature of the bridge's first event in the same receipt. */
  public static final String LOCKED = "Locked(address,uint256)";
  /** Bridge storage slot holding the number of messages sent. */
  public static final BigInteger SLOT_MESSAGE_COUNT = BigInteger.ZERO;
  /** Bridge storage slot holding the id of the last message sent. */
  public static final BigInteger SLOT_LAST_MESSAGE_ID = BigInteger.ONE;
  /** Bridge storage slot holding the owner address. */
  public static final BigInteger SLOT_OWNER = BigInteger.TWO;

  private static final Preset PRESET = Preset.MAINNET;
  private static final int STATE_FIELDS = 37;
  private static final int FULU_STATE_FIELDS = 38;
  private static final int GLOAS_STATE_FIELDS = 46;
  private static final int GLOAS_BODY_FIELDS = 13;
  private static final int GLOAS_BID_FIELD = 10;
  private static final int GLOAS_BID_FIELDS = 12;
  private static final int GLOAS_LATEST_BLOCK_HASH_FIELD = 24;
  private static final int BODY_FIELDS = 13;
  private static final int FINALIZED_CHECKPOINT_FIELD = 20;
  private static final int CURRENT_COMMITTEE_FIELD = 22;
  private static final int NEXT_COMMITTEE_FIELD = 23;
  private static final int EXECUTION_PAYLOAD_FIELD = 9;
  private static final BigInteger GWEI = BigInteger.TEN.pow(9);
  private static final BigInteger ETHER = BigInteger.TEN.pow(18);
  private static final BigInteger BASE_FEE = GWEI.multiply(BigInteger.valueOf(7));
  private static final long GAS_LIMIT = 36_000_000L;
  private static final long FIRST_BLOCK_NUMBER = 500_000L;
  private static final int BRIDGE_TX_INDEX = 1;
  private static final int BRIDGE_LOG_INDEX = 1;
  /** Largest {@code bridgeDepth} of {@link #generate(long, int)}: the extra blocks fit between two slots used. */
  public static final int MAX_BRIDGE_DEPTH = 64;

  /** A generated beacon block with its light-client view and state tree. */
  private record Block(LightClientHeader header, List<Hash32> finalityBranch, List<Hash32> currentBranch,
      List<Hash32> nextBranch, long checkpointEpoch, ExecutionBlock exec) {
    long slot() {
      return header.beacon().slot();
    }

    Hash32 root() {
      return header.beacon().hashTreeRoot();
    }
  }

  private final long seed;
  private final long gloasForkEpoch;
  private final int periods;
  private final ChainConfig config;
  private final Map<Long, DevnetCommittee> committees = new LinkedHashMap<>();
  private final List<ExecutionBlock> execBlocks = new ArrayList<>();
  private final WorldState world;
  private final Address alice;
  private final Address bob;
  private final Address absent;
  private final Log bridgeLog;
  private final ExecutionBlock bridgeBlock;
  private final ExecutionBlock finalizedBlock;
  private final int bridgeDepth;
  private final Hash32 checkpointRoot;
  private final LightClientBootstrap bootstrap;
  private final List<LightClientUpdate> updates = new ArrayList<>();
  private final List<BitSet> updateAbsences = new ArrayList<>();
  private final LightClientFinalityUpdate finalityUpdate;
  private final LightClientOptimisticUpdate optimisticUpdate;
  private final long currentSlot;
  private final Map<String, String> json = new LinkedHashMap<>();
  private final List<Bytes> receiptProof;
  private final List<Bytes> headersNewestFirst;
  private final Map<Long, String> blocksFull = new LinkedHashMap<>();
  private final Map<Long, String> blocksHashes = new LinkedHashMap<>();
  private final Map<Long, String> blocksReceipts = new LinkedHashMap<>();

  // generation cursor
  private Hash32 parentRoot;
  private Hash32 execParent;
  private long execNumber = FIRST_BLOCK_NUMBER;

  private DevnetChain(final long seed, final int bridgeDepth, final boolean gloas, final long bootstrapOffset) {
    this.seed = seed;
    this.bridgeDepth = bridgeDepth;
    this.gloasForkEpoch = gloas ? GLOAS_FORK_PERIOD * PRESET.epochsPerSyncCommitteePeriod() : ChainConfig.FAR_FUTURE_EPOCH;
    this.periods = gloas ? GLOAS_PERIODS : PERIODS;
    this.config = ChainConfig.of(gloas ? GLOAS_NAME : NAME, PRESET, tag("genesis-validators-root"), GENESIS_TIME,
        SECONDS_PER_SLOT, OptionalLong.of(CHAIN_ID), schedule(gloasForkEpoch), ChainConfig.FAR_FUTURE_EPOCH);
    for (long p = FIRST_PERIOD; p <= FIRST_PERIOD + periods; p++) {
      committees.put(p, DevnetCommittee.derive(seed, p, PRESET.syncCommitteeSize()));
    }
    alice = address("alice");
    bob = address("bob");
    absent = address("absent");
    final long messageNonce = 40 + Math.floorMod(seed, 1000);
    final Bytes payload = Bytes.of(("trestle devnet message #" + messageNonce).getBytes(StandardCharsets.US_ASCII));
    final Hash32 messageId = messageId(messageNonce, payload);
    final BigInteger lockedValue = ETHER.divide(BigInteger.TWO);
    bridgeLog = new Log(BRIDGE, List.of(event(MESSAGE_SENT), messageId, word(alice)), abiBytes(payload));
    final Log locked = new Log(BRIDGE, List.of(event(LOCKED), word(alice)), Bytes.of(uint256(lockedValue)));

    world = new WorldState();
    final Map<BigInteger, BigInteger> bridgeSlots = new LinkedHashMap<>();
    bridgeSlots.put(SLOT_MESSAGE_COUNT, BigInteger.valueOf(messageNonce + 1));
    bridgeSlots.put(SLOT_LAST_MESSAGE_ID, new BigInteger(1, messageId.toArray()));
    bridgeSlots.put(SLOT_OWNER, new BigInteger(1, address("owner").toArray()));
    world.put(BRIDGE, 1, lockedValue.multiply(BigInteger.valueOf(messageNonce + 1)), bridgeSlots,
        Bytes.of("trestle-devnet bridge code (placeholder)".getBytes(StandardCharsets.US_ASCII)));
    world.put(alice, 12, ETHER.multiply(BigInteger.valueOf(9)), Map.of(), Bytes.EMPTY);
    world.put(bob, 4, ETHER.multiply(BigInteger.valueOf(3)), Map.of(), Bytes.EMPTY);
    world.put(address("owner"), 2, ETHER, Map.of(), Bytes.EMPTY);

    final List<ExecutionBlock.Tx> bridgeTxs = List.of(
        transfer(alice, bob, 10, ETHER, "tx0"),
        new ExecutionBlock.Tx(CHAIN_ID, 11, GWEI, GWEI.multiply(BigInteger.valueOf(30)), 120_000, alice, BRIDGE,
            lockedValue, sendMessageCall(address("recipient"), payload), 1, sigValue("tx1/r"), sigValue("tx1/s"),
            61_234, List.of(locked, bridgeLog)),
        transfer(bob, alice, 3, ETHER.divide(BigInteger.valueOf(4)), "tx2"));

    parentRoot = tag("pre-genesis-parent-root");
    execParent = tag("pre-genesis-execution-parent");
    long checkpointEpoch = 0;
    Hash32 checkpoint = tag("pre-bootstrap-checkpoint");
    Block boot = null;
    Block lastFinalized = null;
    Block bridge = null;
    Block finalizedTip = null;
    ExecutionBlock finalizedExec = null;
    LightClientFinalityUpdate fin = null;
    LightClientOptimisticUpdate opt = null;
    long now = 0;
    for (int k = 0; k < periods; k++) {
      final long p = FIRST_PERIOD + k;
      final long s0 = p * PRESET.updateTimeout();
      if (k == 0) {
        boot = block(s0 + bootstrapOffset, checkpointEpoch, checkpoint, List.of());
      }
      final Block finalized = block(s0 + 96, checkpointEpoch, checkpoint, List.of());
      checkpointEpoch = PRESET.epochAtSlot(finalized.slot());
      checkpoint = finalized.root();
      final Block attested = block(s0 + 160, checkpointEpoch, checkpoint, List.of());
      final DevnetCommittee next = committees.get(p + 1);
      final List<Hash32> nextBranch = attested.nextBranch();
      require(MerkleBranch.isValid(next.root(), nextBranch, forkOf(attested.slot()).nextSyncCommitteeGindex(),
          attested.header().beacon().stateRoot()), "next sync committee branch");
      final long sigSlot = attested.slot() + 1;
      final BitSet absentSet = absentMembers(sigSlot);
      updates.add(new LightClientUpdate(attested.header(), next.committee(), nextBranch, finalized.header(),
          finalityBranch(attested, finalized), sign(committees.get(p), attested.header(), sigSlot, absentSet, config),
          sigSlot));
      updateAbsences.add(absentSet);
      lastFinalized = finalized;
      if (k == periods - 1) {
        // bridgeDepth blocks before the finalized one (one per slot, execution blocks linked by parent hash):
        // the first holds the bridge transactions; with depth 0 the finalized block itself does. In Gloas the
        // finalized header names the payload its parent beacon block delivered, so one more block comes first
        // and that block's payload is the finalized execution block.
        final boolean gloasTip = isGloas(s0 + 256);
        final int first = bridgeDepth + (gloasTip ? 1 : 0);
        Block namedByTip = null;
        for (int d = first; d > 0; d--) {
          final Block b = block(s0 + 256 - d, checkpointEpoch, checkpoint, d == first && (gloasTip || bridgeDepth > 0)
              ? bridgeTxs : List.of());
          if (d == first) {
            bridge = b;
          }
          if (d == 1) {
            namedByTip = b;
          }
        }
        final Block tip = block(s0 + 256, checkpointEpoch, checkpoint, bridgeDepth == 0 && !gloasTip
            ? bridgeTxs : List.of());
        if (bridgeDepth == 0 && !gloasTip) {
          bridge = tip;
        }
        if (gloasTip) {
          require(namedByTip != null && tip.header().executionBlockHash().orElseThrow().equals(namedByTip.exec().hash()),
              "Gloas finalized header's execution_block_hash (the parent's payload)");
          finalizedExec = namedByTip.exec();
        } else {
          finalizedExec = tip.exec();
        }
        finalizedTip = tip;
        checkpointEpoch = PRESET.epochAtSlot(tip.slot());
        checkpoint = tip.root();
        final Block attested2 = block(s0 + 320, checkpointEpoch, checkpoint, List.of());
        final long sig2 = attested2.slot() + 1;
        fin = new LightClientFinalityUpdate(attested2.header(), tip.header(), finalityBranch(attested2, tip),
            sign(committees.get(p), attested2.header(), sig2, absentMembers(sig2), config), sig2);
        final Block attested3 = block(s0 + 352, checkpointEpoch, checkpoint, List.of());
        final long sig3 = attested3.slot() + 1;
        opt = new LightClientOptimisticUpdate(attested3.header(),
            sign(committees.get(p), attested3.header(), sig3, absentMembers(sig3), config), sig3);
        now = sig3 + 1;
      }
    }
    require(lastFinalized != null && boot != null && bridge != null && finalizedTip != null && finalizedExec != null,
        "generation");
    final List<Hash32> currentBranch = boot.currentBranch();
    require(MerkleBranch.isValid(committees.get(FIRST_PERIOD).root(), currentBranch,
        forkOf(boot.slot()).currentSyncCommitteeGindex(), boot.header().beacon().stateRoot()),
        "current sync committee branch");
    this.checkpointRoot = boot.root();
    this.bootstrap = new LightClientBootstrap(boot.header(), committees.get(FIRST_PERIOD).committee(), currentBranch);
    this.bridgeBlock = bridge.exec();
    this.finalizedBlock = finalizedExec;
    this.finalityUpdate = fin;
    this.optimisticUpdate = opt;
    this.currentSlot = now;
    // Everything served is computed here, once: the tries cache node encodings lazily and are not
    // thread-safe, so no accessor touches them after construction.
    this.receiptProof = List.copyOf(bridgeBlock.receiptProof(BRIDGE_TX_INDEX));
    final List<Bytes> headers = new ArrayList<>();
    for (int i = execBlocks.indexOf(bridgeBlock); i >= 0; i--) {
      headers.add(Bytes.of(execBlocks.get(i).header().encode()));
    }
    this.headersNewestFirst = List.copyOf(headers);
    json.put("bootstrap", BeaconJsonEncoder.bootstrap(bootstrap).toString());
    json.put("updates", BeaconJsonEncoder.updates(updates).toString());
    json.put("finality", BeaconJsonEncoder.finalityUpdate(finalityUpdate).toString());
    json.put("optimistic", BeaconJsonEncoder.optimisticUpdate(optimisticUpdate).toString());
    json.put("block-full", bridgeBlock.blockJson(true).toString());
    json.put("block-hashes", bridgeBlock.blockJson(false).toString());
    json.put("receipts", bridgeBlock.receiptsJson().toString());
    json.put("receipt", bridgeBlock.receiptJson(BRIDGE_TX_INDEX).toString());
    json.put("proof-bridge", world.proofJson(BRIDGE, List.of(SLOT_MESSAGE_COUNT, SLOT_LAST_MESSAGE_ID)).toString());
    json.put("proof-absent", world.proofJson(absent, List.of(BigInteger.ZERO)).toString());
    for (int i = execBlocks.indexOf(bridgeBlock); i <= execBlocks.indexOf(finalizedBlock); i++) {
      final ExecutionBlock e = execBlocks.get(i);
      final long n = e.header().number();
      blocksFull.put(n, e.blockJson(true).toString());
      blocksHashes.put(n, e.blockJson(false).toString());
      blocksReceipts.put(n, e.receiptsJson().toString());
    }
    require(finalizedBlock.header().number() - bridgeBlock.header().number() == bridgeDepth
        && blocksFull.size() == bridgeDepth + 1, "bridge depth");
  }

  /**
   * Generates the devnet for {@code seed}. Deterministic: equal seeds give byte-identical objects and
   * JSON.
   */
  public static DevnetChain generate(final long seed) {
    return new DevnetChain(seed, 0, false, 0);
  }

  /**
   * The devnet of {@link #generate(long)} except that the trusted checkpoint block is one slot before an epoch
   * boundary ({@code slotsPerEpoch - 1} slots after the first period's start) and the boundary slot after it is
   * empty: on a real chain that block is then the checkpoint block of the next epoch (a checkpoint names the
   * latest block at or before its boundary slot), so a light client is bootstrapped from a block whose slot is
   * not a multiple of {@code SLOTS_PER_EPOCH} (catalogue G94). Everything else (committees, updates, the bridge)
   * is as in {@link #generate(long)}; only the bootstrap and the roots that descend from it differ. Deterministic.
   */
  public static DevnetChain generateWithCheckpointBeforeAnEmptyBoundary(final long seed) {
    return new DevnetChain(seed, 0, false, PRESET.slotsPerEpoch() - 1);
  }

  /**
   * Generates the devnet {@value #GLOAS_NAME}: every fork through Fulu at epoch 0 and Gloas at the first
   * epoch of period {@value #GLOAS_FORK_PERIOD} (a sync-committee period boundary, as Sepolia and Hoodi
   * scheduled it). The bootstrap and the first two updates are Fulu data (electra-shaped, labelled fulu);
   * the next {@value #GLOAS_PERIODS} minus two periods are Gloas: states and bodies are EIP-7688 progressive
   * containers (46 and 13 fields), headers carry {@code execution_block_hash} = the bid's {@code
   * parent_block_hash} with its 11-node branch, and the signatures use the Gloas fork version. The bridge
   * block is {@code bridgeDepth} execution blocks before the one the finalized header names. Deterministic.
   */
  public static DevnetChain generateGloasCrossing(final long seed, final int bridgeDepth) {
    if (bridgeDepth < 0 || bridgeDepth > MAX_BRIDGE_DEPTH) {
      throw new IllegalArgumentException("bridgeDepth " + bridgeDepth + " is not in 0.." + MAX_BRIDGE_DEPTH);
    }
    return new DevnetChain(seed, bridgeDepth, true, 0);
  }

  /** The first epoch of Gloas on this devnet, if it crosses the fork. */
  public OptionalLong gloasForkEpoch() {
    return gloasForkEpoch == ChainConfig.FAR_FUTURE_EPOCH ? OptionalLong.empty() : OptionalLong.of(gloasForkEpoch);
  }

  /**
   * Generates the devnet for {@code seed} with the bridge block {@code bridgeDepth} (0 to {@value
   * #MAX_BRIDGE_DEPTH}) execution blocks before the finalized one: the finality update's finalized header then
   * carries a descendant of the bridge block, reachable back through parent hashes (each block in between is
   * generated with its beacon block, one slot apart). {@code generate(seed, 0)} equals {@code generate(seed)}
   * byte for byte. Deterministic.
   *
   * @throws IllegalArgumentException if {@code bridgeDepth} is out of range
   */
  public static DevnetChain generate(final long seed, final int bridgeDepth) {
    if (bridgeDepth < 0 || bridgeDepth > MAX_BRIDGE_DEPTH) {
      throw new IllegalArgumentException("bridgeDepth " + bridgeDepth + " is not in 0.." + MAX_BRIDGE_DEPTH);
    }
    return new DevnetChain(seed, bridgeDepth, false, 0);
  }

  // --- construction helpers -------------------------------------------------------------------

  private static List<ForkEntry> schedule(final long gloasEpoch) {
    final boolean gloas = gloasEpoch != ChainConfig.FAR_FUTURE_EPOCH;
    final List<ForkEntry> s = new ArrayList<>();
    for (final Fork f : Fork.values()) {
      final byte[] v = {(byte) f.ordinal(), (byte) 0x99, 0x00, 0x01};
      final long epoch;
      if (f == Fork.GLOAS) {
        epoch = gloasEpoch;
      } else if (f == Fork.FULU) {
        epoch = gloas ? 0 : ChainConfig.FAR_FUTURE_EPOCH;
      } else {
        epoch = 0;
      }
      s.add(new ForkEntry(f, Bytes.of(v), epoch));
    }
    return s;
  }

  private boolean isGloas(final long slot) {
    return Long.compareUnsigned(PRESET.epochAtSlot(slot), gloasForkEpoch) >= 0;
  }

  /** The fork of a slot on this devnet (its schedule is built here, so every slot has one). */
  private Fork forkOf(final long slot) {
    return config.forkAtSlot(slot).orElseThrow();
  }

  private Block block(final long slot, final long checkpointEpoch, final Hash32 checkpointRoot,
      final List<ExecutionBlock.Tx> txs) {
    if (isGloas(slot)) {
      return gloasBlock(slot, checkpointEpoch, checkpointRoot, txs);
    }
    final Fork fork = forkOf(slot);
    final long period = PRESET.periodAtSlot(slot);
    final ExecutionBlock exec = new ExecutionBlock(execNumber++, execParent, GENESIS_TIME + slot * SECONDS_PER_SLOT,
        address("fee-recipient"), tag("prev-randao", slot), parentRoot, world.root(), BASE_FEE, GAS_LIMIT,
        Bytes.of(NAME.getBytes(StandardCharsets.US_ASCII)), txs);
    final io.trestle.lightclient.types.ExecutionPayloadHeader payload = exec.payloadHeader();
    final List<Hash32> body = new ArrayList<>(BODY_FIELDS);
    for (int i = 0; i < BODY_FIELDS; i++) {
      body.add(i == EXECUTION_PAYLOAD_FIELD ? payload.hashTreeRoot() : tag("body-field-" + i, slot));
    }
    final SszTree bodyTree = new SszTree(body, 4);
    final int stateFields = fork == Fork.FULU ? FULU_STATE_FIELDS : STATE_FIELDS;
    final List<Hash32> state = new ArrayList<>(stateFields);
    for (int i = 0; i < stateFields; i++) {
      final Hash32 leaf;
      switch (i) {
        case 0 -> leaf = Merkle.uint64(GENESIS_TIME);
        case 1 -> leaf = config.genesisValidatorsRoot();
        case 2 -> leaf = Merkle.uint64(slot);
        case FINALIZED_CHECKPOINT_FIELD -> leaf = Merkle.container(Merkle.uint64(checkpointEpoch), checkpointRoot);
        case CURRENT_COMMITTEE_FIELD -> leaf = committees.get(period).root();
        case NEXT_COMMITTEE_FIELD -> leaf = committees.get(period + 1).root();
        default -> leaf = tag("state-field-" + i, slot);
      }
      state.add(leaf);
    }
    final SszTree stateTree = new SszTree(state, 6);
    final BeaconBlockHeader beacon = new BeaconBlockHeader(slot, proposer(slot), parentRoot, stateTree.root(),
        bodyTree.root());
    final List<Hash32> executionBranch = bodyTree.branch(EXECUTION_PAYLOAD_FIELD);
    require(MerkleBranch.isValid(payload.hashTreeRoot(), executionBranch, fork.executionPayloadGindex(),
        bodyTree.root()), "execution branch");
    final LightClientHeader header = new LightClientHeader(fork, beacon, Optional.of(payload), executionBranch);
    parentRoot = beacon.hashTreeRoot();
    execParent = exec.hash();
    execBlocks.add(exec);
    final List<Hash32> finality = new ArrayList<>();
    finality.add(Merkle.uint64(checkpointEpoch));
    finality.addAll(stateTree.branch(FINALIZED_CHECKPOINT_FIELD));
    return new Block(header, finality, stateTree.branch(CURRENT_COMMITTEE_FIELD),
        stateTree.branch(NEXT_COMMITTEE_FIELD), checkpointEpoch, exec);
  }

  /**
   * A Gloas block: the body and state built as EIP-7688 progressive containers from their field lists
   * ({@link SszNode}); the header's {@code execution_block_hash} is the bid's {@code parent_block_hash},
   * the payload the parent beacon block delivered (every devnet payload is delivered); this block's own
   * payload is the bid's {@code block_hash}. Branches come from the layout; their generalized indices are
   * then required to equal the light-client constants (735, 2945, 2946, 2856).
   */
  private Block gloasBlock(final long slot, final long checkpointEpoch, final Hash32 checkpointRoot,
      final List<ExecutionBlock.Tx> txs) {
    final long period = PRESET.periodAtSlot(slot);
    // Gloas payloads are Amsterdam execution blocks (23-field headers with slot_number = the beacon slot)
    final ExecutionBlock exec = new ExecutionBlock(execNumber++, execParent, GENESIS_TIME + slot * SECONDS_PER_SLOT,
        address("fee-recipient"), tag("prev-randao", slot), parentRoot, world.root(), BASE_FEE, GAS_LIMIT,
        Bytes.of(NAME.getBytes(StandardCharsets.US_ASCII)), txs, OptionalLong.of(slot));
    final Hash32 parentBlockHash = execParent;
    final SszNode parentHashLeaf = SszNode.leaf(parentBlockHash);
    final List<SszNode> bid = new ArrayList<>(GLOAS_BID_FIELDS);
    bid.add(parentHashLeaf);                                              // parent_block_hash
    bid.add(SszNode.leaf(parentRoot));                                    // parent_block_root
    bid.add(SszNode.leaf(exec.hash()));                                   // block_hash
    bid.add(SszNode.leaf(tag("prev-randao", slot)));                      // prev_randao
    bid.add(SszNode.leaf(Merkle.merkleizeBytes(address("fee-recipient").toArray(), -1))); // fee_recipient
    bid.add(SszNode.leaf(Merkle.uint64(GAS_LIMIT)));                      // gas_limit
    bid.add(SszNode.leaf(Merkle.uint64(-1L)));                            // builder_index (self-build)
    bid.add(SszNode.leaf(Merkle.uint64(slot)));                           // slot
    bid.add(SszNode.leaf(Merkle.uint64(0)));                              // value
    bid.add(SszNode.leaf(Merkle.uint64(0)));                              // execution_payment
    bid.add(SszNode.leaf(tag("blob-kzg-commitments", slot)));             // blob_kzg_commitments (root)
    bid.add(SszNode.leaf(tag("execution-requests-root", slot)));          // execution_requests_root
    final SszNode signedBid = SszNode.container(List.of(SszNode.progressiveContainer(bid),
        SszNode.leaf(tag("bid-signature-root", slot))));
    final List<SszNode> body = new ArrayList<>(GLOAS_BODY_FIELDS);
    for (int i = 0; i < GLOAS_BODY_FIELDS; i++) {
      body.add(i == GLOAS_BID_FIELD ? signedBid : SszNode.leaf(tag("gloas-body-field-" + i, slot)));
    }
    final SszNode bodyRoot = SszNode.progressiveContainer(body);
    final SszNode checkpointRootLeaf = SszNode.leaf(checkpointRoot);
    final SszNode current = SszNode.leaf(committees.get(period).root());
    final SszNode next = SszNode.leaf(committees.get(period + 1).root());
    final List<SszNode> state = new ArrayList<>(GLOAS_STATE_FIELDS);
    for (int i = 0; i < GLOAS_STATE_FIELDS; i++) {
      final SszNode leaf;
      switch (i) {
        case 0 -> leaf = SszNode.leaf(Merkle.uint64(GENESIS_TIME));
        case 1 -> leaf = SszNode.leaf(config.genesisValidatorsRoot());
        case 2 -> leaf = SszNode.leaf(Merkle.uint64(slot));
        case FINALIZED_CHECKPOINT_FIELD -> leaf = SszNode.container(List.of(
            SszNode.leaf(Merkle.uint64(checkpointEpoch)), checkpointRootLeaf));
        case CURRENT_COMMITTEE_FIELD -> leaf = current;
        case NEXT_COMMITTEE_FIELD -> leaf = next;
        case GLOAS_LATEST_BLOCK_HASH_FIELD -> leaf = SszNode.leaf(parentBlockHash);
        default -> leaf = SszNode.leaf(tag("gloas-state-field-" + i, slot));
      }
      state.add(leaf);
    }
    final SszNode stateRoot = SszNode.progressiveContainer(state);
    final SszNode.Location exe = bodyRoot.locate(parentHashLeaf).orElseThrow();
    final SszNode.Location fin = stateRoot.locate(checkpointRootLeaf).orElseThrow();
    final SszNode.Location cur = stateRoot.locate(current).orElseThrow();
    final SszNode.Location nxt = stateRoot.locate(next).orElseThrow();
    require(exe.gindex() == Fork.EXECUTION_BLOCK_HASH_GINDEX_GLOAS, "Gloas execution block hash gindex " + exe.gindex());
    require(fin.gindex() == Fork.GLOAS.finalizedRootGindex(), "Gloas finalized root gindex " + fin.gindex());
    require(cur.gindex() == Fork.GLOAS.currentSyncCommitteeGindex(), "Gloas current committee gindex " + cur.gindex());
    require(nxt.gindex() == Fork.GLOAS.nextSyncCommitteeGindex(), "Gloas next committee gindex " + nxt.gindex());
    final BeaconBlockHeader beacon = new BeaconBlockHeader(slot, proposer(slot), parentRoot, stateRoot.hash(),
        bodyRoot.hash());
    final LightClientHeader header = LightClientHeader.gloas(beacon, parentBlockHash, exe.branch());
    parentRoot = beacon.hashTreeRoot();
    execParent = exec.hash();
    execBlocks.add(exec);
    return new Block(header, fin.branch(), cur.branch(), nxt.branch(), checkpointEpoch, exec);
  }

  /** {@code [epoch leaf] ++ branch of finalized_checkpoint}: the branch of gindex 169. */
  private List<Hash32> finalityBranch(final Block attested, final Block finalized) {
    final List<Hash32> branch = attested.finalityBranch();
    require(MerkleBranch.isValid(finalized.root(), branch, forkOf(attested.slot()).finalizedRootGindex(),
        attested.header().beacon().stateRoot()), "finality branch");
    return branch;
  }

  /** The aggregate of {@code committee} over {@code attested} at {@code signatureSlot} under {@code cfg}. */
  private static SyncAggregate sign(final DevnetCommittee committee, final LightClientHeader attested,
      final long signatureSlot, final BitSet absentSet, final ChainConfig cfg) {
    final Bytes version = cfg.forkVersionAtEpoch(cfg.preset().epochAtSlot(signatureSlot - 1)).orElseThrow();
    final Hash32 domain = ChainConfig.computeDomain(ChainConfig.DOMAIN_SYNC_COMMITTEE, version,
        cfg.genesisValidatorsRoot());
    final Hash32 signingRoot = ChainConfig.signingRoot(attested.beacon().hashTreeRoot(), domain);
    return committee.sign(signingRoot, i -> !absentSet.get(i));
  }

  /** {@value #ABSENT_MEMBERS} distinct members, chosen from the seed and the signature slot. */
  private BitSet absentMembers(final long signatureSlot) {
    final BitSet out = new BitSet(PRESET.syncCommitteeSize());
    int counter = 0;
    while (out.cardinality() < ABSENT_MEMBERS) {
      final Hash32 h = tag("absent-" + counter++, signatureSlot);
      out.set(Math.floorMod(ByteBuffer.wrap(h.toArray()).getInt(), PRESET.syncCommitteeSize()));
    }
    return out;
  }

  private long proposer(final long slot) {
    return Math.floorMod(ByteBuffer.wrap(tag("proposer", slot).toArray()).getLong(), 1_000_000L);
  }

  private ExecutionBlock.Tx transfer(final Address from, final Address to, final long nonce, final BigInteger value,
      final String label) {
    return new ExecutionBlock.Tx(CHAIN_ID, nonce, GWEI, GWEI.multiply(BigInteger.valueOf(30)), 21_000, from, to,
        value, Bytes.EMPTY, 0, sigValue(label + "/r"), sigValue(label + "/s"), 21_000, List.of());
  }

  /** A placeholder signature scalar (not an ECDSA signature). */
  private BigInteger sigValue(final String label) {
    return new BigInteger(1, tag("tx-signature/" + label).toArray());
  }

  private Hash32 messageId(final long nonce, final Bytes payload) {
    final ByteBuffer b = ByteBuffer.allocate(8 + 8 + 20 + payload.size());
    b.putLong(CHAIN_ID).putLong(nonce).put(alice.toArray()).put(payload.toArray());
    return Keccak256.hash(b.array());
  }

  /** keccak of an event signature (topic 0). */
  static Hash32 event(final String signature) {
    return Keccak256.hash(signature.getBytes(StandardCharsets.US_ASCII));
  }

  private static Hash32 word(final Address a) {
    final byte[] w = new byte[32];
    System.arraycopy(a.toArray(), 0, w, 12, 20);
    return Hash32.of(w);
  }

  private static byte[] uint256(final BigInteger v) {
    return WorldState.slotPosition(v).toArray();
  }

  /** ABI encoding of a single dynamic {@code bytes} argument: offset, length, zero-padded data. */
  private static Bytes abiBytes(final Bytes data) {
    final int padded = (data.size() + 31) / 32 * 32;
    final byte[] out = new byte[64 + padded];
    System.arraycopy(uint256(BigInteger.valueOf(32)), 0, out, 0, 32);
    System.arraycopy(uint256(BigInteger.valueOf(data.size())), 0, out, 32, 32);
    data.copyTo(out, 64);
    return Bytes.of(out);
  }

  /** Calldata of {@code sendMessage(address,bytes)}. */
  private static Bytes sendMessageCall(final Address recipient, final Bytes payload) {
    final byte[] selector = java.util.Arrays.copyOf(
        Keccak256.hash("sendMessage(address,bytes)".getBytes(StandardCharsets.US_ASCII)).toArray(), 4);
    final int padded = (payload.size() + 31) / 32 * 32;
    final byte[] out = new byte[4 + 32 + 32 + 32 + padded];
    System.arraycopy(selector, 0, out, 0, 4);
    System.arraycopy(word(recipient).toArray(), 0, out, 4, 32);
    System.arraycopy(uint256(BigInteger.valueOf(64)), 0, out, 36, 32);
    System.arraycopy(uint256(BigInteger.valueOf(payload.size())), 0, out, 68, 32);
    payload.copyTo(out, 100);
    return Bytes.of(out);
  }

  private Address address(final String label) {
    return Address.of(java.util.Arrays.copyOfRange(tag("address/" + label).toArray(), 12, 32));
  }

  private Hash32 tag(final String label) {
    return tag(label, 0);
  }

  /** SHA-256 of a domain tag, the seed and a number: the source of all filler and derived values. */
  private Hash32 tag(final String label, final long n) {
    final byte[] l = ("trestle-devnet/" + label).getBytes(StandardCharsets.US_ASCII);
    return Sha256.hash(ByteBuffer.allocate(l.length + 16).put(l).putLong(seed).putLong(n).array());
  }

  private static void require(final boolean ok, final String what) {
    if (!ok) {
      throw new IllegalStateException("devnet generator produced an invalid " + what);
    }
  }

  // --- consensus side ---------------------------------------------------------------------------

  /** The seed this chain was generated from. */
  public long seed() {
    return seed;
  }

  /** The {@code trestle-devnet} network config (trusted configuration for a client of this devnet). */
  public ChainConfig config() {
    return config;
  }

  /** The trusted checkpoint: {@code hash_tree_root} of the bootstrap's beacon block header. */
  public Hash32 checkpointRoot() {
    return checkpointRoot;
  }

  /** The bootstrap for {@link #checkpointRoot()}, at the first slot of period {@value #FIRST_PERIOD}. */
  public LightClientBootstrap bootstrap() {
    return bootstrap;
  }

  /**
   * One update per period from {@value #FIRST_PERIOD}: attested and finalized headers in the period,
   * the next period's committee with its branch, signed by the period's committee at attested slot + 1.
   */
  public List<LightClientUpdate> updates() {
    return List.copyOf(updates);
  }

  /**
   * The finality update of the last period; its finalized header holds the bridge block, or with a {@link
   * #bridgeDepth()} above 0 the block that many blocks after it.
   */
  public LightClientFinalityUpdate finalityUpdate() {
    return finalityUpdate;
  }

  /** The optimistic update of the last period (attested after the finality update's attested header). */
  public LightClientOptimisticUpdate optimisticUpdate() {
    return optimisticUpdate;
  }

  /** A current slot one after the last signature slot. */
  public long currentSlot() {
    return currentSlot;
  }

  /**
   * Update {@code index} with its aggregate re-signed by the same participants under {@code
   * signingConfig}'s domain (for example the same keys under another genesis validators root): a
   * cross-network replay a client of this devnet must reject.
   */
  public LightClientUpdate updateSignedUnder(final int index, final ChainConfig signingConfig) {
    final LightClientUpdate u = updates.get(index);
    final long period = PRESET.periodAtSlot(u.signatureSlot());
    return withAggregate(u, sign(committees.get(period), u.attestedHeader(), u.signatureSlot(),
        updateAbsences.get(index), signingConfig));
  }

  /**
   * Update {@code index} re-signed by the committee of {@code period} (any of {@value #FIRST_PERIOD} to
   * {@value #FIRST_PERIOD} + {@value #PERIODS}) instead of its own period's committee.
   */
  public LightClientUpdate updateSignedByCommitteeOf(final int index, final long period) {
    final DevnetCommittee c = committees.get(period);
    if (c == null) {
      throw new IllegalArgumentException("no devnet committee for period " + period);
    }
    final LightClientUpdate u = updates.get(index);
    return withAggregate(u, sign(c, u.attestedHeader(), u.signatureSlot(), updateAbsences.get(index), config));
  }

  /**
   * Test support: the sync committee of {@code period} (any of {@value #FIRST_PERIOD} to {@value
   * #FIRST_PERIOD} + {@value #PERIODS}), as its members' keys sign for this devnet.
   */
  public io.trestle.lightclient.types.SyncCommittee committee(final long period) {
    return devnetCommittee(period).committee();
  }

  /**
   * Test support: {@code mutated} with its aggregate replaced by a valid signature of the committee of
   * {@code period} over {@code mutated.attestedHeader().beacon()} under the devnet domain of the fork of
   * {@code signature_slot - 1}, by the same participants as {@code mutated}'s bits (at least one). Lets a
   * test build a validly signed but semantically bad update, so the rule under test is the only one
   * that fails.
   */
  public LightClientUpdate resign(final LightClientUpdate mutated, final long period) {
    return resign(mutated, period, config, mutated.syncAggregate()::participated);
  }

  /**
   * Test support: as {@link #resign(LightClientUpdate, long)} with exactly the first {@code participants}
   * members (1 to 512) participating.
   */
  public LightClientUpdate resign(final LightClientUpdate mutated, final long period, final int participants) {
    if (participants < 1 || participants > PRESET.syncCommitteeSize()) {
      throw new IllegalArgumentException("participants " + participants);
    }
    return resign(mutated, period, config, i -> i < participants);
  }

  /**
   * Test support: as {@link #resign(LightClientUpdate, long)} under the domain of {@code signingConfig}
   * (another genesis validators root or fork schedule), with the members selected by {@code participates}.
   */
  public LightClientUpdate resign(final LightClientUpdate mutated, final long period, final ChainConfig signingConfig,
      final java.util.function.IntPredicate participates) {
    final BitSet absentSet = new BitSet(PRESET.syncCommitteeSize());
    for (int i = 0; i < PRESET.syncCommitteeSize(); i++) {
      absentSet.set(i, !participates.test(i));
    }
    return withAggregate(mutated, sign(devnetCommittee(period), mutated.attestedHeader(), mutated.signatureSlot(),
        absentSet, signingConfig));
  }

  private DevnetCommittee devnetCommittee(final long period) {
    final DevnetCommittee c = committees.get(period);
    if (c == null) {
      throw new IllegalArgumentException("no devnet committee for period " + period);
    }
    return c;
  }

  /**
   * A second finality update that is as valid as {@link #finalityUpdate()} but conflicts with it: the same
   * attested slot, state and body roots (so the same finalized header and branches verify), a different
   * proposer index (so a different attested block root), signed by the same committee and participants. Only
   * an equivocating sync committee produces this on a real chain; a client seeing both must raise an alarm.
   */
  public LightClientFinalityUpdate conflictingFinalityUpdate() {
    final LightClientFinalityUpdate f = finalityUpdate;
    final LightClientHeader a = f.attestedHeader();
    final BeaconBlockHeader b = a.beacon();
    final LightClientHeader other = new LightClientHeader(a.fork(), new BeaconBlockHeader(b.slot(),
        b.proposerIndex() + 1, b.parentRoot(), b.stateRoot(), b.bodyRoot()), a.execution(), a.executionBranch(),
        a.executionBlockHash());
    final long period = PRESET.periodAtSlot(f.signatureSlot());
    return new LightClientFinalityUpdate(other, f.finalizedHeader(), f.finalityBranch(),
        sign(committees.get(period), other, f.signatureSlot(), absentMembers(f.signatureSlot()), config),
        f.signatureSlot());
  }

  private static LightClientUpdate withAggregate(final LightClientUpdate u, final SyncAggregate a) {
    return new LightClientUpdate(u.attestedHeader(), u.nextSyncCommittee(), u.nextSyncCommitteeBranch(),
        u.finalizedHeader(), u.finalityBranch(), a, u.signatureSlot());
  }

  /** Beacon-API JSON of the bootstrap ({@code {"version":"electra","data":{...}}}). */
  public String bootstrapJson() {
    return json.get("bootstrap");
  }

  /** Beacon-API JSON of the updates (an array of versioned objects). */
  public String updatesJson() {
    return json.get("updates");
  }

  /** Beacon-API JSON of the finality update. */
  public String finalityUpdateJson() {
    return json.get("finality");
  }

  /** Beacon-API JSON of the optimistic update. */
  public String optimisticUpdateJson() {
    return json.get("optimistic");
  }

  // --- execution side ---------------------------------------------------------------------------

  /** The bridge block's number. */
  public long bridgeBlockNumber() {
    return bridgeBlock.header().number();
  }

  /**
   * The bridge block's hash (= {@code block_hash} of the final finalized header's execution payload when {@link
   * #bridgeDepth()} is 0).
   */
  public Hash32 bridgeBlockHash() {
    return bridgeBlock.hash();
  }

  /** How many execution blocks the bridge block is before the finalized one (0: it is the finalized one). */
  public int bridgeDepth() {
    return bridgeDepth;
  }

  /** Number of the execution block of the final finalized header ({@link #bridgeBlockNumber()} + depth). */
  public long finalizedBlockNumber() {
    return finalizedBlock.header().number();
  }

  /** Hash of the execution block of the final finalized header ({@code block_hash} of its payload). */
  public Hash32 finalizedBlockHash() {
    return finalizedBlock.hash();
  }

  /**
   * {@code eth_getBlockByNumber(number, fullTransactions)} result for a generated block from the bridge block
   * to the finalized block (both included); empty for any other number.
   */
  public Optional<String> executionBlockJsonByNumber(final long number, final boolean fullTransactions) {
    return Optional.ofNullable((fullTransactions ? blocksFull : blocksHashes).get(number));
  }

  /** {@link #executionBlockJsonByNumber(long, boolean)} with full transaction objects. */
  public Optional<String> executionBlockJsonByNumber(final long number) {
    return executionBlockJsonByNumber(number, true);
  }

  /**
   * {@code eth_getBlockReceipts} result for a generated block from the bridge block to the finalized block (both
   * included; the blocks after the bridge block have no transactions); empty for any other number.
   */
  public Optional<String> receiptsJsonByNumber(final long number) {
    return Optional.ofNullable(blocksReceipts.get(number));
  }

  /** The bridge block's canonical RLP header. */
  public Bytes bridgeBlockHeaderRlp() {
    return Bytes.of(bridgeBlock.header().encode());
  }

  /**
   * RLP headers of the generated execution blocks from the bridge block back to the bootstrap's block,
   * newest first: each is the parent of the one before it (consecutive numbers, linked parent hashes),
   * as {@code ExecutionAnchor.ancestor} takes them.
   */
  public List<Bytes> executionHeadersNewestFirst() {
    return headersNewestFirst;
  }

  /** {@code eth_getBlockByNumber(bridgeBlockNumber, fullTransactions)} result. */
  public String executionBlockJson(final boolean fullTransactions) {
    return json.get(fullTransactions ? "block-full" : "block-hashes");
  }

  /** {@code eth_getBlockByNumber} result with full transaction objects. */
  public String executionBlockJson() {
    return executionBlockJson(true);
  }

  /** The bridge block's raw (EIP-2718) transactions, in order. */
  public List<Bytes> transactions() {
    final List<Bytes> out = new ArrayList<>();
    bridgeBlock.txs().forEach(t -> out.add(t.raw()));
    return out;
  }

  /** {@code eth_getBlockReceipts} result for the bridge block. */
  public String receiptsJson() {
    return json.get("receipts");
  }

  /** {@code eth_getTransactionReceipt} result for the bridge transaction. */
  public String bridgeReceiptJson() {
    return json.get("receipt");
  }

  /** Hash of the transaction that emitted the bridge log. */
  public Hash32 bridgeTxHash() {
    return bridgeBlock.txs().get(BRIDGE_TX_INDEX).hash();
  }

  /** Index of the bridge transaction in its block. */
  public int bridgeTxIndex() {
    return BRIDGE_TX_INDEX;
  }

  /** Index of the bridge log inside its receipt (what {@code MessageVerifier.verifyMessage} takes). */
  public int bridgeLogIndex() {
    return BRIDGE_LOG_INDEX;
  }

  /** Index of the bridge log in the whole block (the JSON-RPC {@code logIndex}). */
  public int bridgeBlockLogIndex() {
    return bridgeBlock.firstLogIndex(BRIDGE_TX_INDEX) + BRIDGE_LOG_INDEX;
  }

  /** The bridge log as generated: emitter {@link #BRIDGE}, topics [MessageSent, message id, sender], ABI data. */
  public Log bridgeLog() {
    return bridgeLog;
  }

  /** The receipts-trie proof of the bridge receipt (root node first, {@code eth_getProof} style). */
  public List<Bytes> receiptProof() {
    return receiptProof;
  }

  /** The receipt proof as a JSON array of hex strings. */
  public String receiptProofJson() {
    final ArrayNode arr = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    receiptProof().forEach(b -> arr.add(b.toHex()));
    return arr.toString();
  }

  /** The bridge contract account as put in the state trie. */
  public Account bridgeAccount() {
    return world.account(BRIDGE);
  }

  /** A bridge storage value as put in its storage trie (zero if unset). */
  public BigInteger bridgeStorage(final BigInteger slot) {
    return world.slot(BRIDGE, slot);
  }

  /** An address that is absent from the state trie. */
  public Address absentAddress() {
    return absent;
  }

  /** The sender of the bridge transaction. */
  public Address bridgeSender() {
    return alice;
  }

  /**
   * {@code eth_getProof(BRIDGE, [SLOT_MESSAGE_COUNT, SLOT_LAST_MESSAGE_ID], bridgeBlockNumber)} result.
   */
  public String bridgeAccountProofJson() {
    return json.get("proof-bridge");
  }

  /** {@code eth_getProof(absentAddress, [0x0])}: an exclusion proof. */
  public String absentAccountProofJson() {
    return json.get("proof-absent");
  }

  /** The execution state root shared by the generated blocks. */
  public Hash32 stateRoot() {
    return world.root();
  }

  /** For tests: the secret key scalar of a committee member (devnet keys are not secret). */
  BigInteger secretKey(final long period, final int member) {
    return committees.get(period).secretKey(member);
  }

  @Override
  public String toString() {
    return "DevnetChain[seed=" + seed + ", checkpoint=" + checkpointRoot + ", bridge block " + bridgeBlockNumber()
        + " " + bridgeBlockHash() + (bridgeDepth == 0 ? "" : ", " + bridgeDepth + " before the finalized block "
        + finalizedBlockNumber() + " " + finalizedBlockHash()) + "]";
  }
}
