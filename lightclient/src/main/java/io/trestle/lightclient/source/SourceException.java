package io.trestle.lightclient.source;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A typed failure of an untrusted source: the {@link SourceError kind}, the endpoint that failed (absent when
 * the failure concerns several, as {@link SourceError#ALL_ENDPOINTS_FAILED}), and a detail naming the request,
 * field or rule. Carries the HTTP status or JSON-RPC error code when there was one, and for {@code
 * ALL_ENDPOINTS_FAILED} the failure of each endpoint. Nothing in it is verified: the detail quotes what a server
 * sent (truncated).
 */
public final class SourceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final SourceError error;
  private final transient Optional<Endpoint> endpoint;
  private final String detail;
  private final int httpStatus;
  private final long rpcCode;
  private final boolean hasRpcCode;
  private final boolean retryable;
  private final transient List<SourceException> failures;

  private SourceException(final SourceError error, final Optional<Endpoint> endpoint, final String detail,
      final int httpStatus, final long rpcCode, final boolean hasRpcCode, final boolean retryable,
      final List<SourceException> failures, final Throwable cause) {
    super(error + endpoint.map(e -> " at " + e.label()).orElse("") + ": " + detail, cause);
    this.error = error;
    this.endpoint = endpoint;
    this.detail = detail;
    this.httpStatus = httpStatus;
    this.rpcCode = rpcCode;
    this.hasRpcCode = hasRpcCode;
    this.retryable = retryable;
    this.failures = List.copyOf(failures);
  }

  /** A failure of one endpoint (not retryable). */
  public static SourceException of(final SourceError error, final Endpoint endpoint, final String detail) {
    return new SourceException(Objects.requireNonNull(error), Optional.of(endpoint), detail, -1, 0, false, false,
        List.of(), null);
  }

  /** A failure not tied to one endpoint. */
  public static SourceException general(final SourceError error, final String detail) {
    return new SourceException(Objects.requireNonNull(error), Optional.empty(), detail, -1, 0, false, false,
        List.of(), null);
  }

  static SourceException transientFailure(final SourceError error, final Endpoint endpoint, final String detail,
      final Throwable cause) {
    return new SourceException(error, Optional.of(endpoint), detail, -1, 0, false, true, List.of(), cause);
  }

  static SourceException malformed(final Endpoint endpoint, final String detail, final Throwable cause) {
    return new SourceException(SourceError.MALFORMED, Optional.of(endpoint), detail, -1, 0, false, false,
        List.of(), cause);
  }

  static SourceException status(final SourceError error, final Endpoint endpoint, final int status,
      final String detail, final boolean retryable) {
    return new SourceException(error, Optional.of(endpoint), detail, status, 0, false, retryable, List.of(), null);
  }

  static SourceException rpc(final SourceError error, final Endpoint endpoint, final long code, final String detail) {
    return new SourceException(error, Optional.of(endpoint), detail, -1, code, true, false, List.of(), null);
  }

  /** A failure of several endpoints (or sources), each one's failure kept in {@link #failures()}. */
  public static SourceException aggregate(final SourceError error, final String detail,
      final List<SourceException> failures) {
    return new SourceException(error, Optional.empty(), detail, -1, 0, false, false, failures, null);
  }

  /** The kind of failure. */
  public SourceError error() {
    return error;
  }

  /** The endpoint that failed; empty for failures spanning endpoints. */
  public Optional<Endpoint> endpoint() {
    return endpoint;
  }

  /** What failed and why (may quote server text, truncated). */
  public String detail() {
    return detail;
  }

  /** The HTTP status of the response, when the failure came from one. */
  public OptionalInt httpStatus() {
    return httpStatus < 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
  }

  /** The JSON-RPC error code, for {@link SourceError#RPC_ERROR} and the RPC {@code UNSUPPORTED} case. */
  public OptionalLong rpcCode() {
    return hasRpcCode ? OptionalLong.of(rpcCode) : OptionalLong.empty();
  }

  /** True if the same request to the same endpoint may succeed later (timeouts, transport errors, 5xx, 429). */
  public boolean retryable() {
    return retryable;
  }

  /** For {@link SourceError#ALL_ENDPOINTS_FAILED}: each endpoint's failure, in the order tried. */
  public List<SourceException> failures() {
    return failures;
  }

  /**
   * Why a source request failed. The kind says what the caller may do next: transient kinds ({@link #TIMEOUT},
   * {@link #IO}, {@link #HTTP_STATUS} with a 5xx or 429 status) were already retried with backoff; the others
   * were not.
   */
  public enum SourceError {
    /** No complete response within the per-request timeout (connect + headers + body). */
    TIMEOUT,
    /** Connection refused or reset, or another transport failure; also an interrupted caller. */
    IO,
    /** An HTTP status the protocol does not expect (5xx other than 501, 429, 3xx, 4xx other than 404). */
    HTTP_STATUS,
    /** HTTP 404, or a JSON-RPC {@code null} result: the server does not have the object. */
    NOT_FOUND,
    /** HTTP 501, or JSON-RPC "method not found" (-32601), or a fork this code does not know. */
    UNSUPPORTED,
    /** The response could not be parsed (JSON, SSZ, chunk framing, JSON-RPC envelope, field format). */
    MALFORMED,
    /** The response body exceeded the configured size cap (rejected before it was buffered whole). */
    TOO_LARGE,
    /** A JSON-RPC {@code error} response (its code and message are in the exception). */
    RPC_ERROR,
    /** The server reports another network (genesis validators root, genesis fork version, chain id). */
    WRONG_NETWORK,
    /** Every endpoint failed; the per-endpoint failures are in {@link SourceException#failures()}. */
    ALL_ENDPOINTS_FAILED,
    /** Endpoints returned different objects for the same request. */
    DIVERGENCE
  }
}
