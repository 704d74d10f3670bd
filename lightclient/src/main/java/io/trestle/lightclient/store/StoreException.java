package io.trestle.lightclient.store;

import io.trestle.lightclient.store.StoreFile.StoreError;
import io.trestle.lightclient.store.StoreFile.StoreFailure;

/** Internal carrier of a {@link StoreFailure}; never crosses the public API. */
final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final transient StoreFailure failure;

  StoreException(final StoreError kind, final String detail) {
    super(kind + ": " + detail, null, false, false);
    this.failure = new StoreFailure(kind, detail);
  }
}
