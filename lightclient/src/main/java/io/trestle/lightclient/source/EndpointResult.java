package io.trestle.lightclient.source;

import java.util.Objects;
import java.util.Optional;

/**
 * What one endpoint answered to a request sent to every endpoint: a value or a typed failure. The value is
 * untrusted, like everything a source returns.
 *
 * @param <T> the value type
 */
sealed interface EndpointResult<T> permits EndpointResult.Ok, EndpointResult.Failed {
  /** The endpoint that answered. */
  Endpoint endpoint();

  /** The value, if the endpoint answered. */
  Optional<T> value();

  /**
   * A value.
   *
   * @param endpoint the endpoint
   * @param data the (untrusted) value
   * @param <T> the value type
   */
  record Ok<T>(Endpoint endpoint, T data) implements EndpointResult<T> {
    /** Non-null fields. */
    public Ok {
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(data, "data");
    }

    @Override
    public Optional<T> value() {
      return Optional.of(data);
    }
  }

  /**
   * A failure.
   *
   * @param endpoint the endpoint
   * @param error why it failed
   * @param <T> the value type
   */
  record Failed<T>(Endpoint endpoint, SourceException error) implements EndpointResult<T> {
    /** Non-null fields. */
    public Failed {
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(error, "error");
    }

    @Override
    public Optional<T> value() {
      return Optional.empty();
    }
  }
}
