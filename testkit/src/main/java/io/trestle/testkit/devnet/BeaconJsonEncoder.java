package io.trestle.testkit.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.trestle.lightclient.types.SyncAggregate;
import io.trestle.lightclient.types.SyncCommittee;
import java.util.List;

/**
 * Encodes light-client objects in the beacon-API JSON form ({@code /eth/v1/beacon/light_client/*}):
 * {@code {"version": "<fork>", "data": {...}}} with snake_case field names, unsigned integers as
 * decimal strings and byte values as lower-case {@code 0x} hex. This is the serving side (what a beacon
 * node returns); it encodes values as given and verifies nothing. Stateless and thread-safe; every call
 * returns a fresh tree.
 */
public final class BeaconJsonEncoder {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private BeaconJsonEncoder() {}

  /** {@code {"version": fork, "data": data}}. */
  public static ObjectNode versioned(final Fork fork, final JsonNode data) {
    final ObjectNode o = F.objectNode();
    o.put("version", fork.specName());
    o.set("data", data);
    return o;
  }

  /** A bootstrap response ({@code GET /eth/v1/beacon/light_client/bootstrap/{block_root}}). */
  public static ObjectNode bootstrap(final LightClientBootstrap b) {
    final ObjectNode d = F.objectNode();
    d.set("header", header(b.header()));
    d.set("current_sync_committee", committee(b.currentSyncCommittee()));
    d.set("current_sync_committee_branch", branch(b.currentSyncCommitteeBranch()));
    return versioned(b.fork(), d);
  }

  /** One element of an updates response ({@code GET /eth/v1/beacon/light_client/updates}). */
  public static ObjectNode update(final LightClientUpdate u) {
    final ObjectNode d = F.objectNode();
    d.set("attested_header", header(u.attestedHeader()));
    d.set("next_sync_committee", committee(u.nextSyncCommittee()));
    d.set("next_sync_committee_branch", branch(u.nextSyncCommitteeBranch()));
    d.set("finalized_header", header(u.finalizedHeader()));
    d.set("finality_branch", branch(u.finalityBranch()));
    d.set("sync_aggregate", aggregate(u.syncAggregate()));
    d.put("signature_slot", Long.toUnsignedString(u.signatureSlot()));
    return versioned(u.fork(), d);
  }

  /** An updates response: the array of {@link #update} objects. */
  public static ArrayNode updates(final List<LightClientUpdate> updates) {
    final ArrayNode arr = F.arrayNode();
    updates.forEach(u -> arr.add(update(u)));
    return arr;
  }

  /** A finality update response ({@code GET /eth/v1/beacon/light_client/finality_update}). */
  public static ObjectNode finalityUpdate(final LightClientFinalityUpdate u) {
    final ObjectNode d = F.objectNode();
    d.set("attested_header", header(u.attestedHeader()));
    d.set("finalized_header", header(u.finalizedHeader()));
    d.set("finality_branch", branch(u.finalityBranch()));
    d.set("sync_aggregate", aggregate(u.syncAggregate()));
    d.put("signature_slot", Long.toUnsignedString(u.signatureSlot()));
    return versioned(u.fork(), d);
  }

  /** An optimistic update response ({@code GET /eth/v1/beacon/light_client/optimistic_update}). */
  public static ObjectNode optimisticUpdate(final LightClientOptimisticUpdate u) {
    final ObjectNode d = F.objectNode();
    d.set("attested_header", header(u.attestedHeader()));
    d.set("sync_aggregate", aggregate(u.syncAggregate()));
    d.put("signature_slot", Long.toUnsignedString(u.signatureSlot()));
    return versioned(u.fork(), d);
  }

  /**
   * A {@code LightClientHeader}: {@code beacon}; Capella to Fulu {@code execution} and {@code
   * execution_branch}; Gloas {@code execution_block_hash} and {@code execution_branch}.
   */
  public static ObjectNode header(final LightClientHeader h) {
    final ObjectNode o = F.objectNode();
    o.set("beacon", beacon(h.beacon()));
    if (h.executionBlockHash().isPresent()) {
      o.put("execution_block_hash", h.executionBlockHash().get().toHex());
      o.set("execution_branch", branch(h.executionBranch()));
    }
    if (h.execution().isPresent()) {
      o.set("execution", execution(h.execution().get()));
      o.set("execution_branch", branch(h.executionBranch()));
    }
    return o;
  }

  /** A {@code BeaconBlockHeader}. */
  public static ObjectNode beacon(final BeaconBlockHeader b) {
    final ObjectNode o = F.objectNode();
    o.put("slot", Long.toUnsignedString(b.slot()));
    o.put("proposer_index", Long.toUnsignedString(b.proposerIndex()));
    o.put("parent_root", b.parentRoot().toHex());
    o.put("state_root", b.stateRoot().toHex());
    o.put("body_root", b.bodyRoot().toHex());
    return o;
  }

  /** An {@code ExecutionPayloadHeader} in its shape (Capella has no blob gas fields). */
  public static ObjectNode execution(final ExecutionPayloadHeader e) {
    final ObjectNode o = F.objectNode();
    o.put("parent_hash", e.parentHash().toHex());
    o.put("fee_recipient", e.feeRecipient().toHex());
    o.put("state_root", e.stateRoot().toHex());
    o.put("receipts_root", e.receiptsRoot().toHex());
    o.put("logs_bloom", e.logsBloom().toHex());
    o.put("prev_randao", e.prevRandao().toHex());
    o.put("block_number", Long.toUnsignedString(e.blockNumber()));
    o.put("gas_limit", Long.toUnsignedString(e.gasLimit()));
    o.put("gas_used", Long.toUnsignedString(e.gasUsed()));
    o.put("timestamp", Long.toUnsignedString(e.timestamp()));
    o.put("extra_data", e.extraData().toHex());
    o.put("base_fee_per_gas", e.baseFeePerGas().toString());
    o.put("block_hash", e.blockHash().toHex());
    o.put("transactions_root", e.transactionsRoot().toHex());
    if (e.fork() != Fork.BELLATRIX) {
      o.put("withdrawals_root", e.withdrawalsRoot().toHex());
    }
    if (e.fork() == Fork.DENEB) {
      o.put("blob_gas_used", Long.toUnsignedString(e.blobGasUsed()));
      o.put("excess_blob_gas", Long.toUnsignedString(e.excessBlobGas()));
    }
    return o;
  }

  /** A {@code SyncCommittee}. */
  public static ObjectNode committee(final SyncCommittee c) {
    final ObjectNode o = F.objectNode();
    final ArrayNode pks = o.putArray("pubkeys");
    for (final Bytes pk : c.pubkeys()) {
      pks.add(pk.toHex());
    }
    o.put("aggregate_pubkey", c.aggregatePubkey().toHex());
    return o;
  }

  /** A {@code SyncAggregate}. */
  public static ObjectNode aggregate(final SyncAggregate a) {
    final ObjectNode o = F.objectNode();
    o.put("sync_committee_bits", a.bits().toHex());
    o.put("sync_committee_signature", a.signature().toHex());
    return o;
  }

  private static ArrayNode branch(final List<Hash32> branch) {
    final ArrayNode arr = F.arrayNode();
    branch.forEach(h -> arr.add(h.toHex()));
    return arr;
  }
}
