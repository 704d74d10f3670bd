package io.trestle.lightclient.source;

import java.util.Objects;

/**
 * Two endpoints answered the same request with different objects. Both objects are kept as evidence; neither is
 * trusted. A divergence alone proves nothing — servers at different heads legitimately serve different latest
 * updates — so the caller verifies both (signatures, branches) and raises an alarm only when two verified
 * objects conflict (for example two finalized headers of the same slot).
 *
 * @param endpointA the first endpoint
 * @param objectA what it answered
 * @param endpointB the other endpoint
 * @param objectB what it answered
 * @param <T> the object type
 */
public record Divergence<T>(Endpoint endpointA, T objectA, Endpoint endpointB, T objectB) {
  /** Non-null fields. */
  public Divergence {
    Objects.requireNonNull(endpointA, "endpointA");
    Objects.requireNonNull(objectA, "objectA");
    Objects.requireNonNull(endpointB, "endpointB");
    Objects.requireNonNull(objectB, "objectB");
  }
}
