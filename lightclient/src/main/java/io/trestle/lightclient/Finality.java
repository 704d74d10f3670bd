package io.trestle.lightclient;

/** How a header was confirmed by the light client. */
public enum Finality {
  /** Finalized with a sync-committee supermajority: what a bridge may act on. */
  FINALIZED,
  /** Signed by more than the safety threshold but not finalized: never release funds on it. */
  OPTIMISTIC
}
