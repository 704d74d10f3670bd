package io.trestle.lightclient.json;

import io.trestle.lightclient.types.Fork;
import java.util.Objects;

/**
 * A decoded beacon-API object with the fork named by its {@code version} (or given by the caller for
 * bare data). Decoding checks only the format; nothing here is verified against the chain.
 *
 * @param fork the fork whose shape was decoded
 * @param data the decoded object
 * @param <T> the light-client type
 */
public record Versioned<T>(Fork fork, T data) {
  /** Validates non-null fields. */
  public Versioned {
    Objects.requireNonNull(fork, "fork");
    Objects.requireNonNull(data, "data");
  }
}
