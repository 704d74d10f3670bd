package io.trestle.lightclient.json;

import io.trestle.lightclient.spec.UpdateRejection;
import java.util.Objects;

/**
 * Malformed beacon-API JSON: a missing or unknown field, a wrong length, bad hex or a bad decimal.
 * Always carries {@link UpdateRejection#SSZ_INVALID} (the light client's code for malformed data) and
 * the dotted path of the offending field (for example {@code data.attested_header.beacon.slot}).
 */
public final class BeaconJsonException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String field;

  /** A decoding failure at {@code field}. */
  public BeaconJsonException(final String field, final String detail) {
    super(Objects.requireNonNull(field, "field") + ": " + Objects.requireNonNull(detail, "detail"), null, false,
        false);
    this.field = field;
  }

  /** Always {@link UpdateRejection#SSZ_INVALID}. */
  public UpdateRejection reason() {
    return UpdateRejection.SSZ_INVALID;
  }

  /** The dotted path of the field that failed. */
  public String field() {
    return field;
  }
}
