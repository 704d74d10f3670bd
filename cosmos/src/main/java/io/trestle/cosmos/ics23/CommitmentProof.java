package io.trestle.cosmos.ics23;

/**
 * {@code cosmos.ics23.v1.CommitmentProof}: an {@link ExistenceProof} or a {@link NonExistenceProof}.
 * Batch and compressed batch proofs are refused at decoding ({@link
 * Ics23Reason#UNSUPPORTED_PROOF_TYPE}). Untrusted input.
 */
public sealed interface CommitmentProof permits ExistenceProof, NonExistenceProof {}
