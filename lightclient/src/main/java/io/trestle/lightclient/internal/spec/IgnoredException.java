package io.trestle.lightclient.internal.spec;

import io.trestle.lightclient.spec.IgnoreReason;
import io.trestle.lightclient.spec.UpdateResult;
/** Internal: valid but useless data. Converted to {@link UpdateResult.Ignored} by the facade. */
final class IgnoredException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final IgnoreReason reason;

  IgnoredException(final IgnoreReason reason, final String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }
}
