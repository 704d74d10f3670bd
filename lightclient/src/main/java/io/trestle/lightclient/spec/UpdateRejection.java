package io.trestle.lightclient.spec;

/**
 * Stable reason codes for rejected light-client data (names follow the adversarial catalogue). A
 * rejection never changes the store.
 */
public enum UpdateRejection {
  /** Fewer than {@code MIN_SYNC_COMMITTEE_PARTICIPANTS} participants. */
  INSUFFICIENT_PARTICIPATION,
  /** {@code is_valid_light_client_header} failed for a reason other than the execution branch (non-default pre-fork fields). */
  HEADER_INVALID,
  /** The execution branch does not prove the execution payload header against the beacon body root. */
  EXECUTION_BRANCH_INVALID,
  /** {@code signature_slot} is after the current slot. */
  FUTURE_SLOT,
  /** Not {@code signature_slot > attested_slot >= finalized_slot}. */
  BAD_SLOT_ORDER,
  /** A slot beyond any plausible value (near 2^64), rejected before arithmetic. */
  BAD_SLOT,
  /** The signature period is neither the store period nor, with the next committee known, the one after. */
  WRONG_PERIOD,
  /** A non-finality update whose finalized header is not fully default, or a slot-0 finalized header that is not default. */
  FINALIZED_HEADER_NOT_EMPTY,
  /** The finality branch does not prove the finalized header against the attested state root. */
  FINALITY_BRANCH_INVALID,
  /** A non-sync-committee update whose next sync committee is not default. */
  NEXT_COMMITTEE_NOT_EMPTY,
  /** The next-sync-committee branch does not prove the committee against the attested state root. */
  NEXT_COMMITTEE_BRANCH_INVALID,
  /** The update's next committee differs from the store's known next committee for the same period. */
  NEXT_COMMITTEE_CONFLICT,
  /** Applying would move the finalized header into a period whose committee is unknown. */
  NEXT_COMMITTEE_UNKNOWN,
  /** The aggregate signature does not verify (or a committee key or the signature is malformed). */
  SIGNATURE_INVALID,
  /** The object's fork does not match the fork of its slot, or is older than the store's and cannot be upgraded. */
  FORK_MISMATCH,
  /** The slot falls in a fork this version does not support (for example Gloas). */
  UNSUPPORTED_FORK,
  /** Malformed SSZ or JSON (lengths, offsets, trailing bytes, field formats). */
  SSZ_INVALID,
  /** The bootstrap header's root differs from the trusted block root. */
  BOOTSTRAP_ROOT_MISMATCH,
  /** The bootstrap's header or current-committee branch is invalid. */
  BOOTSTRAP_INVALID,
  /** The checkpoint or stored state is older than the weak-subjectivity window. */
  CHECKPOINT_TOO_OLD,
  /** A persisted store failed its integrity checks. */
  STATE_CORRUPT,
  /** A bug: an unexpected internal exception, reported instead of thrown (fail closed). */
  INTERNAL_ERROR
}
