package io.trestle.lightclient.sync;

import io.trestle.lightclient.source.Endpoint;
import io.trestle.lightclient.types.LightClientUpdate;
import java.util.Objects;

/**
 * Two endpoints served light-client data that both pass verification against the current store but
 * disagree (a different finalized or attested header at the same slot). Validly signed conflicting data
 * means the sync committee signed two histories, or a bug: neither object is applied, and both are kept
 * as evidence.
 *
 * @param what which object (finality or optimistic update)
 * @param endpointA the first endpoint
 * @param objectA what it served
 * @param endpointB the second endpoint
 * @param objectB what it served
 * @param detail what differs
 */
public record Alarm(String what, Endpoint endpointA, LightClientUpdate objectA, Endpoint endpointB,
    LightClientUpdate objectB, String detail) {
  /** Validates non-null fields. */
  public Alarm {
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(endpointA, "endpointA");
    Objects.requireNonNull(objectA, "objectA");
    Objects.requireNonNull(endpointB, "endpointB");
    Objects.requireNonNull(objectB, "objectB");
    Objects.requireNonNull(detail, "detail");
  }
}
