package io.trestle.lightclient.source;

import io.trestle.lightclient.types.Fork;
import java.util.Objects;

/**
 * A payload tagged with the fork the server says it has ({@code version} in JSON, {@code Eth-Consensus-Version}
 * or the chunk's fork digest in SSZ). Both the tag and the data are untrusted: the tag only selects how to
 * decode; the light client checks the result.
 *
 * @param fork the claimed fork
 * @param data the payload
 * @param <T> payload type ({@code JsonNode} for JSON, a light-client type for SSZ)
 */
public record Versioned<T>(Fork fork, T data) {
  /** Non-null fields. */
  public Versioned {
    Objects.requireNonNull(fork, "fork");
    Objects.requireNonNull(data, "data");
  }
}
