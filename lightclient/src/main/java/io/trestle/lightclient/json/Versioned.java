package io.trestle.lightclient.json;

import io.trestle.lightclient.config.Fork;
import java.util.Objects;

/**
 * A beacon-API payload tagged with its fork: the {@code version} member in JSON, the {@code
 * Eth-Consensus-Version} header or a chunk's fork digest in SSZ, or the fork given by the caller for bare
 * data. Both the tag and the data are untrusted: the tag only selects how to decode, and the light client
 * verifies the result.
 *
 * @param fork the (claimed) fork whose shape was decoded
 * @param data the payload: a decoded light-client object, or raw {@code JsonNode} from a source
 * @param <T> the payload type
 */
public record Versioned<T>(Fork fork, T data) {
  /** Validates non-null fields. */
  public Versioned {
    Objects.requireNonNull(fork, "fork");
    Objects.requireNonNull(data, "data");
  }
}
