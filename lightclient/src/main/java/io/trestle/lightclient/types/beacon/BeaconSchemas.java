package io.trestle.lightclient.types.beacon;

import io.trestle.lightclient.config.Fork;
import io.trestle.proofs.ssz.SszType;
import io.trestle.proofs.ssz.SszType.Bitlist;
import io.trestle.proofs.ssz.SszType.Bitvector;
import io.trestle.proofs.ssz.SszType.ByteList;
import io.trestle.proofs.ssz.SszType.ByteVector;
import io.trestle.proofs.ssz.SszType.Container;
import io.trestle.proofs.ssz.SszType.ListOf;
import io.trestle.proofs.ssz.SszType.Vector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Generic {@link SszType} schemas of the consensus-spec containers of a beacon block (phase0 to electra)
 * and of the light-client containers (altair to electra), with the MAINNET preset. Field names and order
 * follow the consensus specs ({@code specs/<fork>/beacon-chain.md}, {@code light-client/sync-protocol.md});
 * every limit is a named preset constant below.
 *
 * <p>Nothing is verified here: these are schemas. Decoding with them is strict (see {@link SszType});
 * a decoded value is only as trustworthy as the root it is checked against. The electra shapes are
 * written from the spec and not exercised by a staged upstream vector.
 */
public final class BeaconSchemas {
  /** {@code MAX_PROPOSER_SLASHINGS} (phase0). */
  public static final int MAX_PROPOSER_SLASHINGS = 16;
  /** {@code MAX_ATTESTER_SLASHINGS} (phase0). */
  public static final int MAX_ATTESTER_SLASHINGS = 2;
  /** {@code MAX_ATTESTATIONS} (phase0). */
  public static final int MAX_ATTESTATIONS = 128;
  /** {@code MAX_DEPOSITS} (phase0). */
  public static final int MAX_DEPOSITS = 16;
  /** {@code MAX_VOLUNTARY_EXITS} (phase0). */
  public static final int MAX_VOLUNTARY_EXITS = 16;
  /** {@code MAX_VALIDATORS_PER_COMMITTEE} (phase0). */
  public static final int MAX_VALIDATORS_PER_COMMITTEE = 2048;
  /** {@code MAX_COMMITTEES_PER_SLOT} (phase0). */
  public static final int MAX_COMMITTEES_PER_SLOT = 64;
  /** {@code DEPOSIT_CONTRACT_TREE_DEPTH} (phase0 constant); a deposit proof has depth + 1 nodes. */
  public static final int DEPOSIT_CONTRACT_TREE_DEPTH = 32;
  /** {@code SYNC_COMMITTEE_SIZE} (altair). */
  public static final int SYNC_COMMITTEE_SIZE = 512;
  /** {@code MAX_BYTES_PER_TRANSACTION} (bellatrix). */
  public static final int MAX_BYTES_PER_TRANSACTION = 1 << 30;
  /** {@code MAX_TRANSACTIONS_PER_PAYLOAD} (bellatrix). */
  public static final int MAX_TRANSACTIONS_PER_PAYLOAD = 1 << 20;
  /** {@code BYTES_PER_LOGS_BLOOM} (bellatrix). */
  public static final int BYTES_PER_LOGS_BLOOM = 256;
  /** {@code MAX_EXTRA_DATA_BYTES} (bellatrix). */
  public static final int MAX_EXTRA_DATA_BYTES = 32;
  /** {@code MAX_BLS_TO_EXECUTION_CHANGES} (capella). */
  public static final int MAX_BLS_TO_EXECUTION_CHANGES = 16;
  /** {@code MAX_WITHDRAWALS_PER_PAYLOAD} (capella). */
  public static final int MAX_WITHDRAWALS_PER_PAYLOAD = 16;
  /** {@code MAX_BLOB_COMMITMENTS_PER_BLOCK} (deneb). */
  public static final int MAX_BLOB_COMMITMENTS_PER_BLOCK = 4096;
  /** {@code MAX_ATTESTER_SLASHINGS_ELECTRA}. */
  public static final int MAX_ATTESTER_SLASHINGS_ELECTRA = 1;
  /** {@code MAX_ATTESTATIONS_ELECTRA}. */
  public static final int MAX_ATTESTATIONS_ELECTRA = 8;
  /** {@code MAX_DEPOSIT_REQUESTS_PER_PAYLOAD} (electra). */
  public static final int MAX_DEPOSIT_REQUESTS_PER_PAYLOAD = 8192;
  /** {@code MAX_WITHDRAWAL_REQUESTS_PER_PAYLOAD} (electra). */
  public static final int MAX_WITHDRAWAL_REQUESTS_PER_PAYLOAD = 16;
  /** {@code MAX_CONSOLIDATION_REQUESTS_PER_PAYLOAD} (electra). */
  public static final int MAX_CONSOLIDATION_REQUESTS_PER_PAYLOAD = 2;

  private static final SszType U64 = SszType.UINT64;
  private static final SszType B32 = SszType.BYTES32;
  private static final SszType B48 = new ByteVector(48);
  private static final SszType B96 = new ByteVector(96);
  private static final SszType ADDRESS = new ByteVector(20);

  /** {@code Eth1Data}. */
  public static final Container ETH1_DATA = Container.of("Eth1Data",
      "deposit_root", B32, "deposit_count", U64, "block_hash", B32);
  /** {@code Checkpoint}. */
  public static final Container CHECKPOINT = Container.of("Checkpoint", "epoch", U64, "root", B32);
  /** {@code AttestationData}. */
  public static final Container ATTESTATION_DATA = Container.of("AttestationData",
      "slot", U64, "index", U64, "beacon_block_root", B32, "source", CHECKPOINT, "target", CHECKPOINT);
  /** {@code IndexedAttestation} (phase0 to deneb). */
  public static final Container INDEXED_ATTESTATION = Container.of("IndexedAttestation",
      "attesting_indices", new ListOf(U64, MAX_VALIDATORS_PER_COMMITTEE), "data", ATTESTATION_DATA,
      "signature", B96);
  /** {@code Attestation} (phase0 to deneb). */
  public static final Container ATTESTATION = Container.of("Attestation",
      "aggregation_bits", new Bitlist(MAX_VALIDATORS_PER_COMMITTEE), "data", ATTESTATION_DATA, "signature", B96);
  /** {@code AttesterSlashing} (phase0 to deneb). */
  public static final Container ATTESTER_SLASHING = Container.of("AttesterSlashing",
      "attestation_1", INDEXED_ATTESTATION, "attestation_2", INDEXED_ATTESTATION);
  /** {@code IndexedAttestation} (electra: indices of up to all committees of a slot). */
  public static final Container INDEXED_ATTESTATION_ELECTRA = Container.of("IndexedAttestation",
      "attesting_indices", new ListOf(U64, (long) MAX_VALIDATORS_PER_COMMITTEE * MAX_COMMITTEES_PER_SLOT),
      "data", ATTESTATION_DATA, "signature", B96);
  /** {@code Attestation} (electra: committee_bits). */
  public static final Container ATTESTATION_ELECTRA = Container.of("Attestation",
      "aggregation_bits", new Bitlist(MAX_VALIDATORS_PER_COMMITTEE * MAX_COMMITTEES_PER_SLOT),
      "data", ATTESTATION_DATA, "signature", B96, "committee_bits", new Bitvector(MAX_COMMITTEES_PER_SLOT));
  /** {@code AttesterSlashing} (electra). */
  public static final Container ATTESTER_SLASHING_ELECTRA = Container.of("AttesterSlashing",
      "attestation_1", INDEXED_ATTESTATION_ELECTRA, "attestation_2", INDEXED_ATTESTATION_ELECTRA);
  /** {@code BeaconBlockHeader}. */
  public static final Container BEACON_BLOCK_HEADER = Container.of("BeaconBlockHeader",
      "slot", U64, "proposer_index", U64, "parent_root", B32, "state_root", B32, "body_root", B32);
  /** {@code SignedBeaconBlockHeader}. */
  public static final Container SIGNED_BEACON_BLOCK_HEADER = Container.of("SignedBeaconBlockHeader",
      "message", BEACON_BLOCK_HEADER, "signature", B96);
  /** {@code ProposerSlashing}. */
  public static final Container PROPOSER_SLASHING = Container.of("ProposerSlashing",
      "signed_header_1", SIGNED_BEACON_BLOCK_HEADER, "signed_header_2", SIGNED_BEACON_BLOCK_HEADER);
  /** {@code DepositData}. */
  public static final Container DEPOSIT_DATA = Container.of("DepositData",
      "pubkey", B48, "withdrawal_credentials", B32, "amount", U64, "signature", B96);
  /** {@code Deposit}. */
  public static final Container DEPOSIT = Container.of("Deposit",
      "proof", new Vector(B32, DEPOSIT_CONTRACT_TREE_DEPTH + 1), "data", DEPOSIT_DATA);
  /** {@code VoluntaryExit}. */
  public static final Container VOLUNTARY_EXIT = Container.of("VoluntaryExit",
      "epoch", U64, "validator_index", U64);
  /** {@code SignedVoluntaryExit}. */
  public static final Container SIGNED_VOLUNTARY_EXIT = Container.of("SignedVoluntaryExit",
      "message", VOLUNTARY_EXIT, "signature", B96);
  /** {@code SyncAggregate}. */
  public static final Container SYNC_AGGREGATE = Container.of("SyncAggregate",
      "sync_committee_bits", new Bitvector(SYNC_COMMITTEE_SIZE), "sync_committee_signature", B96);
  /** {@code SyncCommittee}. */
  public static final Container SYNC_COMMITTEE = Container.of("SyncCommittee",
      "pubkeys", new Vector(B48, SYNC_COMMITTEE_SIZE), "aggregate_pubkey", B48);
  /** {@code Withdrawal} (capella). */
  public static final Container WITHDRAWAL = Container.of("Withdrawal",
      "index", U64, "validator_index", U64, "address", ADDRESS, "amount", U64);
  /** {@code BLSToExecutionChange} (capella). */
  public static final Container BLS_TO_EXECUTION_CHANGE = Container.of("BLSToExecutionChange",
      "validator_index", U64, "from_bls_pubkey", B48, "to_execution_address", ADDRESS);
  /** {@code SignedBLSToExecutionChange} (capella). */
  public static final Container SIGNED_BLS_TO_EXECUTION_CHANGE = Container.of("SignedBLSToExecutionChange",
      "message", BLS_TO_EXECUTION_CHANGE, "signature", B96);
  /** {@code DepositRequest} (electra). */
  public static final Container DEPOSIT_REQUEST = Container.of("DepositRequest",
      "pubkey", B48, "withdrawal_credentials", B32, "amount", U64, "signature", B96, "index", U64);
  /** {@code WithdrawalRequest} (electra). */
  public static final Container WITHDRAWAL_REQUEST = Container.of("WithdrawalRequest",
      "source_address", ADDRESS, "validator_pubkey", B48, "amount", U64);
  /** {@code ConsolidationRequest} (electra). */
  public static final Container CONSOLIDATION_REQUEST = Container.of("ConsolidationRequest",
      "source_address", ADDRESS, "source_pubkey", B48, "target_pubkey", B48);
  /** {@code ExecutionRequests} (electra). */
  public static final Container EXECUTION_REQUESTS = Container.of("ExecutionRequests",
      "deposits", new ListOf(DEPOSIT_REQUEST, MAX_DEPOSIT_REQUESTS_PER_PAYLOAD),
      "withdrawals", new ListOf(WITHDRAWAL_REQUEST, MAX_WITHDRAWAL_REQUESTS_PER_PAYLOAD),
      "consolidations", new ListOf(CONSOLIDATION_REQUEST, MAX_CONSOLIDATION_REQUESTS_PER_PAYLOAD));

  private BeaconSchemas() {}

  private static boolean atLeast(final Fork fork, final Fork since) {
    return fork.ordinal() >= since.ordinal();
  }

  private static void requireKnown(final Fork fork) {
    if (atLeast(fork, Fork.FULU)) {
      throw new IllegalArgumentException("no schemas for " + fork.specName());
    }
  }

  private static void requireSince(final Fork fork, final Fork since, final String type) {
    requireKnown(fork);
    if (!atLeast(fork, since)) {
      throw new IllegalArgumentException(type + " does not exist in " + fork.specName());
    }
  }

  /** {@code ExecutionPayload} of {@code fork} (bellatrix to electra; electra uses the deneb shape). */
  public static Container executionPayload(final Fork fork) {
    return payload(fork, false);
  }

  /** {@code ExecutionPayloadHeader} of {@code fork} (bellatrix to electra). */
  public static Container executionPayloadHeader(final Fork fork) {
    return payload(fork, true);
  }

  private static Container payload(final Fork fork, final boolean header) {
    final String name = header ? "ExecutionPayloadHeader" : "ExecutionPayload";
    requireSince(fork, Fork.BELLATRIX, name);
    final List<Object> f = new ArrayList<>(List.of("parent_hash", B32, "fee_recipient", ADDRESS,
        "state_root", B32, "receipts_root", B32, "logs_bloom", new ByteVector(BYTES_PER_LOGS_BLOOM),
        "prev_randao", B32, "block_number", U64, "gas_limit", U64, "gas_used", U64, "timestamp", U64,
        "extra_data", new ByteList(MAX_EXTRA_DATA_BYTES), "base_fee_per_gas", SszType.UINT256,
        "block_hash", B32));
    if (header) {
      f.addAll(List.of("transactions_root", B32));
    } else {
      f.addAll(List.of("transactions",
          new ListOf(new ByteList(MAX_BYTES_PER_TRANSACTION), MAX_TRANSACTIONS_PER_PAYLOAD)));
    }
    if (atLeast(fork, Fork.CAPELLA)) {
      f.addAll(header ? List.of("withdrawals_root", B32)
          : List.of("withdrawals", new ListOf(WITHDRAWAL, MAX_WITHDRAWALS_PER_PAYLOAD)));
    }
    if (atLeast(fork, Fork.DENEB)) {
      f.addAll(List.of("blob_gas_used", U64, "excess_blob_gas", U64));
    }
    return Container.of(name, f.toArray());
  }

  /** {@code BeaconBlockBody} of {@code fork} (phase0 to electra). */
  public static Container beaconBlockBody(final Fork fork) {
    requireKnown(fork);
    final boolean electra = atLeast(fork, Fork.ELECTRA);
    final List<Object> f = new ArrayList<>(List.of("randao_reveal", B96, "eth1_data", ETH1_DATA,
        "graffiti", B32,
        "proposer_slashings", new ListOf(PROPOSER_SLASHING, MAX_PROPOSER_SLASHINGS),
        "attester_slashings", electra ? new ListOf(ATTESTER_SLASHING_ELECTRA, MAX_ATTESTER_SLASHINGS_ELECTRA)
            : new ListOf(ATTESTER_SLASHING, MAX_ATTESTER_SLASHINGS),
        "attestations", electra ? new ListOf(ATTESTATION_ELECTRA, MAX_ATTESTATIONS_ELECTRA)
            : new ListOf(ATTESTATION, MAX_ATTESTATIONS),
        "deposits", new ListOf(DEPOSIT, MAX_DEPOSITS),
        "voluntary_exits", new ListOf(SIGNED_VOLUNTARY_EXIT, MAX_VOLUNTARY_EXITS)));
    if (atLeast(fork, Fork.ALTAIR)) {
      f.addAll(List.of("sync_aggregate", SYNC_AGGREGATE));
    }
    if (atLeast(fork, Fork.BELLATRIX)) {
      f.addAll(List.of("execution_payload", executionPayload(fork)));
    }
    if (atLeast(fork, Fork.CAPELLA)) {
      f.addAll(List.of("bls_to_execution_changes",
          new ListOf(SIGNED_BLS_TO_EXECUTION_CHANGE, MAX_BLS_TO_EXECUTION_CHANGES)));
    }
    if (atLeast(fork, Fork.DENEB)) {
      f.addAll(List.of("blob_kzg_commitments", new ListOf(B48, MAX_BLOB_COMMITMENTS_PER_BLOCK)));
    }
    if (electra) {
      f.addAll(List.of("execution_requests", EXECUTION_REQUESTS));
    }
    return Container.of("BeaconBlockBody", f.toArray());
  }

  /** {@code BeaconBlock} of {@code fork}. */
  public static Container beaconBlock(final Fork fork) {
    return Container.of("BeaconBlock", "slot", U64, "proposer_index", U64, "parent_root", B32,
        "state_root", B32, "body", beaconBlockBody(fork));
  }

  /** {@code SignedBeaconBlock} of {@code fork}. */
  public static Container signedBeaconBlock(final Fork fork) {
    return Container.of("SignedBeaconBlock", "message", beaconBlock(fork), "signature", B96);
  }

  /** {@code LightClientHeader} of {@code fork} (altair to electra). */
  public static Container lightClientHeader(final Fork fork) {
    requireSince(fork, Fork.ALTAIR, "LightClientHeader");
    if (!fork.hasExecution()) {
      return Container.of("LightClientHeader", "beacon", BEACON_BLOCK_HEADER);
    }
    return Container.of("LightClientHeader", "beacon", BEACON_BLOCK_HEADER,
        "execution", executionPayloadHeader(fork), "execution_branch", new Vector(B32, 4));
  }

  /** {@code LightClientBootstrap} of {@code fork}. */
  public static Container lightClientBootstrap(final Fork fork) {
    return Container.of("LightClientBootstrap", "header", lightClientHeader(fork),
        "current_sync_committee", SYNC_COMMITTEE,
        "current_sync_committee_branch", new Vector(B32, fork.syncCommitteeBranchDepth()));
  }

  /** {@code LightClientUpdate} of {@code fork}. */
  public static Container lightClientUpdate(final Fork fork) {
    return Container.of("LightClientUpdate", "attested_header", lightClientHeader(fork),
        "next_sync_committee", SYNC_COMMITTEE,
        "next_sync_committee_branch", new Vector(B32, fork.syncCommitteeBranchDepth()),
        "finalized_header", lightClientHeader(fork),
        "finality_branch", new Vector(B32, fork.finalityBranchDepth()),
        "sync_aggregate", SYNC_AGGREGATE, "signature_slot", U64);
  }

  /** {@code LightClientFinalityUpdate} of {@code fork}. */
  public static Container lightClientFinalityUpdate(final Fork fork) {
    return Container.of("LightClientFinalityUpdate", "attested_header", lightClientHeader(fork),
        "finalized_header", lightClientHeader(fork),
        "finality_branch", new Vector(B32, fork.finalityBranchDepth()),
        "sync_aggregate", SYNC_AGGREGATE, "signature_slot", U64);
  }

  /** {@code LightClientOptimisticUpdate} of {@code fork}. */
  public static Container lightClientOptimisticUpdate(final Fork fork) {
    return Container.of("LightClientOptimisticUpdate", "attested_header", lightClientHeader(fork),
        "sync_aggregate", SYNC_AGGREGATE, "signature_slot", U64);
  }

  /**
   * The MAINNET schema of the spec type called {@code typeName} in {@code fork}, or empty if it has none
   * here (an unknown type, a type that does not exist in the fork, or a fork after electra).
   */
  public static Optional<Container> byName(final String typeName, final Fork fork) {
    try {
      switch (typeName) {
        case "BeaconBlock": return Optional.of(beaconBlock(fork));
        case "BeaconBlockBody": return Optional.of(beaconBlockBody(fork));
        case "SignedBeaconBlock": return Optional.of(signedBeaconBlock(fork));
        case "ExecutionPayload": return Optional.of(executionPayload(fork));
        case "ExecutionPayloadHeader": return Optional.of(executionPayloadHeader(fork));
        case "LightClientHeader": return Optional.of(lightClientHeader(fork));
        case "LightClientBootstrap": return Optional.of(lightClientBootstrap(fork));
        case "LightClientUpdate": return Optional.of(lightClientUpdate(fork));
        case "LightClientFinalityUpdate": return Optional.of(lightClientFinalityUpdate(fork));
        case "LightClientOptimisticUpdate": return Optional.of(lightClientOptimisticUpdate(fork));
        default: return fixedByName(typeName, fork);
      }
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<Container> fixedByName(final String typeName, final Fork fork) {
    requireKnown(fork);
    final boolean electra = atLeast(fork, Fork.ELECTRA);
    final Container[] phase0 = {ETH1_DATA, CHECKPOINT, ATTESTATION_DATA, BEACON_BLOCK_HEADER,
        SIGNED_BEACON_BLOCK_HEADER, PROPOSER_SLASHING, DEPOSIT_DATA, DEPOSIT, VOLUNTARY_EXIT, SIGNED_VOLUNTARY_EXIT,
        electra ? INDEXED_ATTESTATION_ELECTRA : INDEXED_ATTESTATION, electra ? ATTESTATION_ELECTRA : ATTESTATION,
        electra ? ATTESTER_SLASHING_ELECTRA : ATTESTER_SLASHING};
    for (final Container c : phase0) {
      if (c.name().equals(typeName)) {
        return Optional.of(c);
      }
    }
    final List<Container> later = new ArrayList<>();
    if (atLeast(fork, Fork.ALTAIR)) {
      later.addAll(List.of(SYNC_AGGREGATE, SYNC_COMMITTEE));
    }
    if (atLeast(fork, Fork.CAPELLA)) {
      later.addAll(List.of(WITHDRAWAL, BLS_TO_EXECUTION_CHANGE, SIGNED_BLS_TO_EXECUTION_CHANGE));
    }
    if (electra) {
      later.addAll(List.of(DEPOSIT_REQUEST, WITHDRAWAL_REQUEST, CONSOLIDATION_REQUEST, EXECUTION_REQUESTS));
    }
    return later.stream().filter(c -> c.name().equals(typeName)).findFirst();
  }
}
