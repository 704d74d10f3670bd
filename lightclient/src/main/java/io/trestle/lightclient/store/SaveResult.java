package io.trestle.lightclient.store;

import io.trestle.crypto.Hash32;
import java.util.Objects;

/** The outcome of {@link StoreFile#save}: {@link Written} (durably replaced) or {@link Refused} (nothing changed). */
public sealed interface SaveResult permits SaveResult.Written, SaveResult.Refused {

  /**
   * The store file was replaced atomically and flushed.
   *
   * @param finalizedSlot the finalized slot now on disk
   * @param checksum the file's SHA-256 checksum
   * @param bytes the file's size
   */
  record Written(long finalizedSlot, Hash32 checksum, int bytes) implements SaveResult {
    /** Non-null checksum. */
    public Written {
      Objects.requireNonNull(checksum, "checksum");
    }
  }

  /**
   * Nothing was written (or, for {@link StoreError#IO}, the previous file may still be in place).
   *
   * @param failure why
   */
  record Refused(StoreFailure failure) implements SaveResult {
    /** Non-null field. */
    public Refused {
      Objects.requireNonNull(failure, "failure");
    }
  }
}
