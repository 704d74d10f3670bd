package io.trestle.proofs.execution;

/** What a block verification did with one commitment of the header. */
public enum CheckStatus {
  /** Recomputed from the bodies and equal to the header's value. */
  VERIFIED,
  /** Could not be recomputed from the input (for example, transactions given as hashes only). */
  SKIPPED,
  /** The block has no such commitment, or the input carries no data for it (receipts not given). */
  NOT_APPLICABLE
}
