package io.trestle.cosmos.light;

/** Internal carrier of a rejection; always turned into {@link LightResult.Rejected} at the API. */
final class LightException extends RuntimeException {
  static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LightResult.class);
  private static final long serialVersionUID = 1L;
  private final LightRejection reason;
  private final String detail;

  LightException(final LightRejection reason, final String detail) {
    super(reason + ": " + detail, null, false, false);
    this.reason = reason;
    this.detail = detail;
  }

  LightRejection reason() {
    return reason;
  }

  String detail() {
    return detail;
  }
}
