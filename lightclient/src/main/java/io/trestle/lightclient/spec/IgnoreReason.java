package io.trestle.lightclient.spec;

/** Why valid-looking data was ignored. Ignoring never changes the store. */
public enum IgnoreReason {
  /** The update cannot advance the store: its attested header is not newer than the finalized header and it brings no needed committee. */
  NOT_RELEVANT,
  /** The same update was just processed. */
  DUPLICATE
}
