package io.trestle.lightclient.source;

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
