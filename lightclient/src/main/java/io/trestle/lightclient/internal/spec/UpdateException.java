package io.trestle.lightclient.internal.spec;

import io.trestle.lightclient.spec.UpdateRejection;
import io.trestle.lightclient.spec.UpdateResult;
/** Internal: a rule failed. Converted to {@link UpdateResult.Rejected} by the facade. */
final class UpdateException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final UpdateRejection reason;

  UpdateException(final UpdateRejection reason, final String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }
}
