package io.trestle.proofs.execution;

import io.trestle.crypto.Hash32;
import java.util.List;
import java.util.Objects;

/**
 * The result of {@link EnvelopeVerifier}: a Gloas execution payload envelope whose payload rebuilds to an
 * Amsterdam header hashing to its {@code block_hash}, bound by hash and fields to the bid committed in the
 * beacon block. {@code verified} lists in words what was checked, {@code notVerified} what was not (and why).
 *
 * <p><b>Not established:</b> that the beacon block is signed, canonical or that this is its envelope by root
 * ({@code claimedBeaconBlockRoot} is as given), that the builder signed the envelope, or that the payload was
 * delivered and became canonical; see {@link #notVerified()}.
 *
 * @param payload the rebuilt and hash-checked payload (fork {@link BeaconFork#GLOAS}, 23-field header)
 * @param beaconSlot the beacon block's slot (equal to the bid's and the payload's {@code slot_number})
 * @param builderIndex the builder index of the bid and the envelope (raw uint64 bits; {@code -1} is {@code
 *     BUILDER_INDEX_SELF_BUILD})
 * @param claimedBeaconBlockRoot the envelope's {@code beacon_block_root}, not checked against the block
 * @param executionRequestsRoot {@code hash_tree_root(envelope.execution_requests)}, equal to the bid's
 * @param blobCommitments the number of the bid's blob KZG commitments (each matched to a blob versioned hash
 *     of the payload's type-3 transactions)
 */
public record VerifiedEnvelope(
    VerifiedPayload payload,
    long beaconSlot,
    long builderIndex,
    Hash32 claimedBeaconBlockRoot,
    Hash32 executionRequestsRoot,
    int blobCommitments,
    List<String> verified,
    List<String> notVerified) {
  /** Copies the lists. */
  public VerifiedEnvelope {
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(claimedBeaconBlockRoot, "claimedBeaconBlockRoot");
    Objects.requireNonNull(executionRequestsRoot, "executionRequestsRoot");
    verified = List.copyOf(verified);
    notVerified = List.copyOf(notVerified);
  }

  /** The verified execution block hash ({@code payload.block_hash} = {@code bid.block_hash}). */
  public Hash32 blockHash() {
    return payload.blockHash();
  }

  /** True for a self-built payload ({@code builder_index == BUILDER_INDEX_SELF_BUILD = 2**64 - 1}). */
  public boolean selfBuilt() {
    return builderIndex == -1L;
  }
}
