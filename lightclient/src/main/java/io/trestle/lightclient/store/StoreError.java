package io.trestle.lightclient.store;

/**
 * Why a persisted light-client store was refused (on load) or not written (on save). Every kind maps to
 * an {@link io.trestle.lightclient.spec.UpdateRejection} through {@link StoreFailure#reason()}.
 */
public enum StoreError {
  /** The file does not start with the Trestle store magic (not a store file). */
  BAD_MAGIC,
  /** The file was written by a store format version this code does not read. */
  UNSUPPORTED_VERSION,
  /** The file belongs to another network (genesis validators root or config name differ). */
  WRONG_NETWORK,
  /** Checksum mismatch, truncation, bad lengths or malformed SSZ: the bytes are damaged. */
  CORRUPT,
  /** The bytes decode but the store breaks an invariant (committee root, header validity, slot order, fork). */
  INVARIANT_VIOLATED,
  /** The store is older than the high-water mark (load) or than the state on disk (save). */
  ROLLBACK,
  /** The stored finalized header is older than the weak-subjectivity window. */
  TOO_OLD,
  /**
   * An authenticated store ({@link StoreFile#authenticated}) whose file carries no tag, or a tag that is not
   * HMAC-SHA256 under the operator's key: the file was not written by a holder of the key.
   */
  UNAUTHENTICATED,
  /** The file system failed (permissions, disk full, I/O error). */
  IO,
  /** Another process holds the store directory's lock file (one process per store directory). */
  LOCKED
}
