package io.trestle.lightclient.types.beacon;

import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.config.ChainConfig.Preset;
import io.trestle.proofs.ssz.SszType;
import io.trestle.proofs.ssz.SszType.Bitlist;
import io.trestle.proofs.ssz.SszType.Bitvector;
import io.trestle.proofs.ssz.SszType.ByteList;
import io.trestle.proofs.ssz.SszType.ByteVector;
import io.trestle.proofs.ssz.SszType.Container;
import io.trestle.proofs.ssz.SszType.ListOf;
import io.trestle.proofs.ssz.SszType.ProgressiveBitlist;
import io.trestle.proofs.ssz.SszType.ProgressiveContainer;
import io.trestle.proofs.ssz.SszType.ProgressiveList;
import io.trestle.proofs.ssz.SszType.Vector;
import java.util.Optional;

/**
 * Generic {@link SszType} schemas of the whole {@code BeaconState} and {@code BeaconBlockBody} of Altair
 * to Gloas, for the MAINNET and MINIMAL presets: the containers the light-client gindices point into.
 * Field names and order follow {@code specs/<fork>/beacon-chain.md} of ethereum/consensus-specs at
 * v1.7.0-alpha.13 (Fulu is Electra plus {@code proposer_lookahead}); in Gloas, EIP-7688 makes {@code
 * BeaconState}, {@code BeaconBlockBody}, {@code Attestation}, {@code IndexedAttestation}, {@code
 * ExecutionRequests}, {@code ExecutionPayloadBid} and {@code PayloadAttestation} progressive containers
 * and most lists progressive (EIP-7916). Preset values are those of {@code presets/<preset>/*.yaml} at
 * the same tag.
 *
 * <p>Nothing is verified here: these are schemas. A root computed with them is only as trustworthy as
 * the value it is computed from. The staged {@code light_client/single_merkle_proof} vectors (both
 * presets, Altair to Fulu; minimal preset for Gloas) check every shape whose root they depend on; the
 * mainnet Gloas shapes differ from the minimal ones only in preset limits and are not checked by a
 * staged vector.
 */
public final class StateSchemas {
  private StateSchemas() {}

  private static final SszType U8 = SszType.UINT8;
  private static final SszType U64 = SszType.UINT64;
  private static final SszType B32 = SszType.BYTES32;
  private static final SszType B48 = new ByteVector(48);
  private static final SszType B96 = new ByteVector(96);
  private static final SszType ADDRESS = new ByteVector(20);
  private static final SszType VERSION = new ByteVector(4);
  /** {@code VALIDATOR_REGISTRY_LIMIT} (2**40, both presets). */
  private static final long VALIDATOR_REGISTRY_LIMIT = 1L << 40;
  /** {@code HISTORICAL_ROOTS_LIMIT} (2**24, both presets). */
  private static final long HISTORICAL_ROOTS_LIMIT = 1L << 24;
  /** {@code JUSTIFICATION_BITS_LENGTH} (phase0 constant). */
  private static final int JUSTIFICATION_BITS_LENGTH = 4;

  /** The preset values these schemas depend on ({@code presets/{mainnet,minimal}/*.yaml}). */
  private record Limits(int maxCommitteesPerSlot, int syncCommitteeSize, int slotsPerEpoch,
      int minSeedLookahead, int epochsPerEth1VotingPeriod, int slotsPerHistoricalRoot,
      int epochsPerHistoricalVector, int epochsPerSlashingsVector, int maxWithdrawalsPerPayload,
      long pendingDepositsLimit, long pendingPartialWithdrawalsLimit, long pendingConsolidationsLimit,
      int ptcSize) {
    static final Limits MAINNET = new Limits(64, 512, 32, 1, 64, 8192, 65536, 8192, 16,
        1L << 27, 1L << 27, 1L << 18, 512);
    static final Limits MINIMAL = new Limits(4, 32, 8, 1, 4, 64, 64, 64, 4,
        1L << 27, 64, 64, 16);

    static Optional<Limits> of(final Preset preset) {
      if (preset.equals(Preset.MAINNET)) {
        return Optional.of(MAINNET);
      }
      return preset.equals(Preset.MINIMAL) ? Optional.of(MINIMAL) : Optional.empty();
    }
  }

  /**
   * The schema of {@code typeName} ({@code BeaconState} or {@code BeaconBlockBody}) in {@code fork}
   * (Fulu or Gloas) under {@code preset}, or empty if this class has none.
   */
  public static Optional<SszType> byName(final String typeName, final Fork fork, final Preset preset) {
    final Optional<Limits> limits = Limits.of(preset);
    if (limits.isEmpty() || fork.ordinal() < Fork.ALTAIR.ordinal() || fork.ordinal() > Fork.GLOAS.ordinal()) {
      return Optional.empty();
    }
    final boolean gloas = fork == Fork.GLOAS;
    switch (typeName) {
      case "BeaconState":
        return Optional.of(gloas ? gloasState(limits.get()) : state(fork, limits.get()));
      case "BeaconBlockBody":
        return Optional.of(gloas ? gloasBody(limits.get()) : body(fork, limits.get()));
      default:
        return Optional.empty();
    }
  }

  // --- shared containers ------------------------------------------------------------------------

  private static Container fork() {
    return Container.of("Fork", "previous_version", VERSION, "current_version", VERSION, "epoch", U64);
  }

  private static Container validator() {
    return Container.of("Validator", "pubkey", B48, "withdrawal_credentials", B32, "effective_balance", U64,
        "slashed", SszType.BOOLEAN, "activation_eligibility_epoch", U64, "activation_epoch", U64,
        "exit_epoch", U64, "withdrawable_epoch", U64);
  }

  private static Container historicalSummary() {
    return Container.of("HistoricalSummary", "block_summary_root", B32, "state_summary_root", B32);
  }

  private static Container pendingDeposit() {
    return Container.of("PendingDeposit", "pubkey", B48, "withdrawal_credentials", B32, "amount", U64,
        "signature", B96, "slot", U64);
  }

  private static Container pendingPartialWithdrawal() {
    return Container.of("PendingPartialWithdrawal", "validator_index", U64, "amount", U64,
        "withdrawable_epoch", U64);
  }

  private static Container pendingConsolidation() {
    return Container.of("PendingConsolidation", "source_index", U64, "target_index", U64);
  }

  private static Container syncCommittee(final Limits l) {
    return Container.of("SyncCommittee", "pubkeys", new Vector(B48, l.syncCommitteeSize()),
        "aggregate_pubkey", B48);
  }

  private static Container syncAggregate(final Limits l) {
    return Container.of("SyncAggregate", "sync_committee_bits", new Bitvector(l.syncCommitteeSize()),
        "sync_committee_signature", B96);
  }

  private static Container withdrawal() {
    return BeaconSchemas.WITHDRAWAL;
  }

  // --- Altair to Fulu (plain containers) ---------------------------------------------------------

  private static boolean atLeast(final Fork fork, final Fork since) {
    return fork.ordinal() >= since.ordinal();
  }

  /** {@code ExecutionPayload} or {@code ExecutionPayloadHeader} of {@code fork} (Bellatrix to Fulu). */
  private static Container executionPayload(final Fork fork, final Limits l, final boolean header) {
    Object[] f = {"parent_hash", B32, "fee_recipient", ADDRESS, "state_root", B32,
        "receipts_root", B32, "logs_bloom", new ByteVector(BeaconSchemas.BYTES_PER_LOGS_BLOOM),
        "prev_randao", B32, "block_number", U64, "gas_limit", U64, "gas_used", U64, "timestamp", U64,
        "extra_data", new ByteList(BeaconSchemas.MAX_EXTRA_DATA_BYTES), "base_fee_per_gas", SszType.UINT256,
        "block_hash", B32};
    f = header ? concat(f, "transactions_root", B32) : concat(f, "transactions",
        new ListOf(new ByteList(BeaconSchemas.MAX_BYTES_PER_TRANSACTION), BeaconSchemas.MAX_TRANSACTIONS_PER_PAYLOAD));
    if (atLeast(fork, Fork.CAPELLA)) {
      f = header ? concat(f, "withdrawals_root", B32)
          : concat(f, "withdrawals", new ListOf(withdrawal(), l.maxWithdrawalsPerPayload()));
    }
    if (atLeast(fork, Fork.DENEB)) {
      f = concat(f, "blob_gas_used", U64, "excess_blob_gas", U64);
    }
    return Container.of(header ? "ExecutionPayloadHeader" : "ExecutionPayload", f);
  }

  /**
   * {@code BeaconState} of Altair to Fulu: the Altair fields, then {@code latest_execution_payload_header}
   * (Bellatrix), the withdrawal fields and {@code historical_summaries} (Capella), the Electra request and
   * churn fields, and {@code proposer_lookahead} (Fulu).
   */
  private static Container state(final Fork fork, final Limits l) {
    Object[] f = phase0StateHead(l, false);
    if (atLeast(fork, Fork.BELLATRIX)) {
      f = concat(f, "latest_execution_payload_header", executionPayload(fork, l, true));
    }
    if (atLeast(fork, Fork.CAPELLA)) {
      f = concat(f, "next_withdrawal_index", U64, "next_withdrawal_validator_index", U64,
          "historical_summaries", new ListOf(historicalSummary(), HISTORICAL_ROOTS_LIMIT));
    }
    if (atLeast(fork, Fork.ELECTRA)) {
      f = concat(f, "deposit_requests_start_index", U64, "deposit_balance_to_consume", U64,
          "exit_balance_to_consume", U64, "earliest_exit_epoch", U64,
          "consolidation_balance_to_consume", U64, "earliest_consolidation_epoch", U64,
          "pending_deposits", new ListOf(pendingDeposit(), l.pendingDepositsLimit()),
          "pending_partial_withdrawals", new ListOf(pendingPartialWithdrawal(), l.pendingPartialWithdrawalsLimit()),
          "pending_consolidations", new ListOf(pendingConsolidation(), l.pendingConsolidationsLimit()));
    }
    if (atLeast(fork, Fork.FULU)) {
      f = concat(f, "proposer_lookahead", new Vector(U64, (l.minSeedLookahead() + 1) * l.slotsPerEpoch()));
    }
    return Container.of("BeaconState", f);
  }

  /** Name/type pairs of the 24 state fields up to {@code next_sync_committee} (progressive lists in Gloas). */
  private static Object[] phase0StateHead(final Limits l, final boolean gloas) {
    final SszType validators = gloas ? new ProgressiveList(validator())
        : new ListOf(validator(), VALIDATOR_REGISTRY_LIMIT);
    final SszType balances = gloas ? new ProgressiveList(U64) : new ListOf(U64, VALIDATOR_REGISTRY_LIMIT);
    final SszType participation = gloas ? new ProgressiveList(U8) : new ListOf(U8, VALIDATOR_REGISTRY_LIMIT);
    final SszType inactivity = gloas ? new ProgressiveList(U64) : new ListOf(U64, VALIDATOR_REGISTRY_LIMIT);
    return new Object[] {"genesis_time", U64, "genesis_validators_root", B32, "slot", U64, "fork", fork(),
        "latest_block_header", BeaconSchemas.BEACON_BLOCK_HEADER,
        "block_roots", new Vector(B32, l.slotsPerHistoricalRoot()),
        "state_roots", new Vector(B32, l.slotsPerHistoricalRoot()),
        "historical_roots", new ListOf(B32, HISTORICAL_ROOTS_LIMIT),
        "eth1_data", BeaconSchemas.ETH1_DATA,
        "eth1_data_votes", new ListOf(BeaconSchemas.ETH1_DATA,
            (long) l.epochsPerEth1VotingPeriod() * l.slotsPerEpoch()),
        "eth1_deposit_index", U64, "validators", validators, "balances", balances,
        "randao_mixes", new Vector(B32, l.epochsPerHistoricalVector()),
        "slashings", new Vector(U64, l.epochsPerSlashingsVector()),
        "previous_epoch_participation", participation, "current_epoch_participation", participation,
        "justification_bits", new Bitvector(JUSTIFICATION_BITS_LENGTH),
        "previous_justified_checkpoint", BeaconSchemas.CHECKPOINT,
        "current_justified_checkpoint", BeaconSchemas.CHECKPOINT,
        "finalized_checkpoint", BeaconSchemas.CHECKPOINT,
        "inactivity_scores", inactivity,
        "current_sync_committee", syncCommittee(l), "next_sync_committee", syncCommittee(l)};
  }

  private static Container attestationElectra(final Limits l) {
    return Container.of("Attestation",
        "aggregation_bits", new Bitlist(BeaconSchemas.MAX_VALIDATORS_PER_COMMITTEE * l.maxCommitteesPerSlot()),
        "data", BeaconSchemas.ATTESTATION_DATA, "signature", B96,
        "committee_bits", new Bitvector(l.maxCommitteesPerSlot()));
  }

  private static Container attesterSlashingElectra(final Limits l) {
    final Container indexed = Container.of("IndexedAttestation",
        "attesting_indices", new ListOf(U64,
            (long) BeaconSchemas.MAX_VALIDATORS_PER_COMMITTEE * l.maxCommitteesPerSlot()),
        "data", BeaconSchemas.ATTESTATION_DATA, "signature", B96);
    return Container.of("AttesterSlashing", "attestation_1", indexed, "attestation_2", indexed);
  }

  /** {@code BeaconBlockBody} of Altair to Fulu (Fulu has Electra's body). */
  private static Container body(final Fork fork, final Limits l) {
    final boolean electra = atLeast(fork, Fork.ELECTRA);
    Object[] f = {"randao_reveal", B96, "eth1_data", BeaconSchemas.ETH1_DATA, "graffiti", B32,
        "proposer_slashings", new ListOf(BeaconSchemas.PROPOSER_SLASHING, BeaconSchemas.MAX_PROPOSER_SLASHINGS),
        "attester_slashings", electra
            ? new ListOf(attesterSlashingElectra(l), BeaconSchemas.MAX_ATTESTER_SLASHINGS_ELECTRA)
            : new ListOf(BeaconSchemas.ATTESTER_SLASHING, BeaconSchemas.MAX_ATTESTER_SLASHINGS),
        "attestations", electra ? new ListOf(attestationElectra(l), BeaconSchemas.MAX_ATTESTATIONS_ELECTRA)
            : new ListOf(BeaconSchemas.ATTESTATION, BeaconSchemas.MAX_ATTESTATIONS),
        "deposits", new ListOf(BeaconSchemas.DEPOSIT, BeaconSchemas.MAX_DEPOSITS),
        "voluntary_exits", new ListOf(BeaconSchemas.SIGNED_VOLUNTARY_EXIT, BeaconSchemas.MAX_VOLUNTARY_EXITS),
        "sync_aggregate", syncAggregate(l)};
    if (atLeast(fork, Fork.BELLATRIX)) {
      f = concat(f, "execution_payload", executionPayload(fork, l, false));
    }
    if (atLeast(fork, Fork.CAPELLA)) {
      f = concat(f, "bls_to_execution_changes", new ListOf(BeaconSchemas.SIGNED_BLS_TO_EXECUTION_CHANGE,
          BeaconSchemas.MAX_BLS_TO_EXECUTION_CHANGES));
    }
    if (atLeast(fork, Fork.DENEB)) {
      f = concat(f, "blob_kzg_commitments", new ListOf(B48, BeaconSchemas.MAX_BLOB_COMMITMENTS_PER_BLOCK));
    }
    if (electra) {
      f = concat(f, "execution_requests", BeaconSchemas.EXECUTION_REQUESTS);
    }
    return Container.of("BeaconBlockBody", f);
  }

  // --- Gloas (EIP-7732 + EIP-7688) --------------------------------------------------------------

  private static ProgressiveContainer executionPayloadBid() {
    return ProgressiveContainer.of("ExecutionPayloadBid", "parent_block_hash", B32, "parent_block_root", B32,
        "block_hash", B32, "prev_randao", B32, "fee_recipient", ADDRESS, "gas_limit", U64,
        "builder_index", U64, "slot", U64, "value", U64, "execution_payment", U64,
        "blob_kzg_commitments", new ProgressiveList(B48), "execution_requests_root", B32);
  }

  private static ProgressiveContainer executionRequestsGloas() {
    return ProgressiveContainer.of("ExecutionRequests",
        "deposits", new ProgressiveList(BeaconSchemas.DEPOSIT_REQUEST),
        "withdrawals", new ProgressiveList(BeaconSchemas.WITHDRAWAL_REQUEST),
        "consolidations", new ProgressiveList(BeaconSchemas.CONSOLIDATION_REQUEST),
        "builder_deposits", new ProgressiveList(Container.of("BuilderDepositRequest", "pubkey", B48,
            "withdrawal_credentials", B32, "amount", U64, "signature", B96)),
        "builder_exits", new ProgressiveList(Container.of("BuilderExitRequest", "source_address", ADDRESS,
            "pubkey", B48)));
  }

  private static ProgressiveContainer attestationGloas(final Limits l) {
    return ProgressiveContainer.of("Attestation", "aggregation_bits", new ProgressiveBitlist(),
        "data", BeaconSchemas.ATTESTATION_DATA, "signature", B96,
        "committee_bits", new Bitvector(l.maxCommitteesPerSlot()));
  }

  private static Container attesterSlashingGloas() {
    final ProgressiveContainer indexed = ProgressiveContainer.of("IndexedAttestation",
        "attesting_indices", new ProgressiveList(U64), "data", BeaconSchemas.ATTESTATION_DATA, "signature", B96);
    return Container.of("AttesterSlashing", "attestation_1", indexed, "attestation_2", indexed);
  }

  private static ProgressiveContainer gloasBody(final Limits l) {
    final Container payloadAttestationData = Container.of("PayloadAttestationData", "beacon_block_root", B32,
        "slot", U64, "payload_present", SszType.BOOLEAN, "blob_data_available", SszType.BOOLEAN);
    final ProgressiveContainer payloadAttestation = ProgressiveContainer.of("PayloadAttestation",
        "aggregation_bits", new Bitvector(l.ptcSize()), "data", payloadAttestationData, "signature", B96);
    return ProgressiveContainer.of("BeaconBlockBody", "randao_reveal", B96, "eth1_data", BeaconSchemas.ETH1_DATA,
        "graffiti", B32,
        "proposer_slashings", new ProgressiveList(BeaconSchemas.PROPOSER_SLASHING),
        "attester_slashings", new ProgressiveList(attesterSlashingGloas()),
        "attestations", new ProgressiveList(attestationGloas(l)),
        "deposits", new ProgressiveList(BeaconSchemas.DEPOSIT),
        "voluntary_exits", new ProgressiveList(BeaconSchemas.SIGNED_VOLUNTARY_EXIT),
        "sync_aggregate", syncAggregate(l),
        "bls_to_execution_changes", new ProgressiveList(BeaconSchemas.SIGNED_BLS_TO_EXECUTION_CHANGE),
        "signed_execution_payload_bid", Container.of("SignedExecutionPayloadBid",
            "message", executionPayloadBid(), "signature", B96),
        "payload_attestations", new ProgressiveList(payloadAttestation),
        "parent_execution_requests", executionRequestsGloas());
  }

  private static ProgressiveContainer gloasState(final Limits l) {
    final Container builder = Container.of("Builder", "pubkey", B48, "version", U8, "execution_address", ADDRESS,
        "balance", U64, "deposit_epoch", U64, "withdrawable_epoch", U64);
    final Container builderPendingWithdrawal = Container.of("BuilderPendingWithdrawal",
        "fee_recipient", ADDRESS, "amount", U64, "builder_index", U64);
    final Container builderPendingPayment = Container.of("BuilderPendingPayment", "weight", U64,
        "withdrawal", builderPendingWithdrawal, "proposer_index", U64);
    return ProgressiveContainer.of("BeaconState", concat(phase0StateHead(l, true),
        "latest_block_hash", B32,
        "next_withdrawal_index", U64, "next_withdrawal_validator_index", U64,
        "historical_summaries", new ListOf(historicalSummary(), HISTORICAL_ROOTS_LIMIT),
        "deposit_requests_start_index", U64, "deposit_balance_to_consume", U64,
        "exit_balance_to_consume", U64, "earliest_exit_epoch", U64,
        "consolidation_balance_to_consume", U64, "earliest_consolidation_epoch", U64,
        "pending_deposits", new ProgressiveList(pendingDeposit()),
        "pending_partial_withdrawals", new ProgressiveList(pendingPartialWithdrawal()),
        "pending_consolidations", new ProgressiveList(pendingConsolidation()),
        "proposer_lookahead", new Vector(U64, (l.minSeedLookahead() + 1) * l.slotsPerEpoch()),
        "builders", new ProgressiveList(builder),
        "next_withdrawal_builder_index", U64,
        "execution_payload_availability", new Bitvector(l.slotsPerHistoricalRoot()),
        "builder_pending_payments", new Vector(builderPendingPayment, 2 * l.slotsPerEpoch()),
        "builder_pending_withdrawals", new ProgressiveList(builderPendingWithdrawal),
        "latest_execution_payload_bid", executionPayloadBid(),
        "payload_expected_withdrawals", new ProgressiveList(withdrawal()),
        "ptc_window", new Vector(new Vector(U64, l.ptcSize()), (2 + l.minSeedLookahead()) * l.slotsPerEpoch())));
  }

  private static Object[] concat(final Object[] head, final Object... tail) {
    final Object[] all = new Object[head.length + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }
}
