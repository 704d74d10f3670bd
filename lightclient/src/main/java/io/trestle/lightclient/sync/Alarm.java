package io.trestle.lightclient.sync;

import io.trestle.lightclient.source.Endpoint;
import io.trestle.lightclient.types.LightClientHeader;
import io.trestle.lightclient.types.LightClientUpdate;
import java.util.Objects;
import java.util.Optional;

/**
 * Validly signed light-client data that conflicts: two endpoints served updates that both pass
 * verification but disagree (a different attested or finalized header at the same slot), or an endpoint
 * served an update whose finalized header contradicts the store's own finalized header at the same
 * slot. Either means the sync committee signed two histories, or a bug: nothing of it is applied, and
 * the evidence is kept.
 *
 * @param what which object (finality or optimistic update)
 * @param endpointA the endpoint that served {@code objectA}
 * @param objectA the update it served
 * @param endpointB the other endpoint (empty for a conflict with the store)
 * @param objectB what the other endpoint served (empty for a conflict with the store)
 * @param storedFinalized the store's finalized header that {@code objectA} contradicts (empty otherwise)
 * @param detail what differs
 */
public record Alarm(String what, Endpoint endpointA, LightClientUpdate objectA, Optional<Endpoint> endpointB,
    Optional<LightClientUpdate> objectB, Optional<LightClientHeader> storedFinalized, String detail) {
  /** Validates non-null fields and that exactly one kind of counterpart is present. */
  public Alarm {
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(endpointA, "endpointA");
    Objects.requireNonNull(objectA, "objectA");
    Objects.requireNonNull(endpointB, "endpointB");
    Objects.requireNonNull(objectB, "objectB");
    Objects.requireNonNull(storedFinalized, "storedFinalized");
    Objects.requireNonNull(detail, "detail");
    if (endpointB.isPresent() != objectB.isPresent() || objectB.isPresent() == storedFinalized.isPresent()) {
      throw new IllegalArgumentException("an alarm has either a second endpoint's update or the stored header");
    }
  }

  /** Two endpoints disagree. */
  public static Alarm between(final String what, final Endpoint a, final LightClientUpdate objectA, final Endpoint b,
      final LightClientUpdate objectB, final String detail) {
    return new Alarm(what, a, objectA, Optional.of(b), Optional.of(objectB), Optional.empty(), detail);
  }

  /** An endpoint contradicts the store's finalized header. */
  public static Alarm againstStore(final String what, final Endpoint a, final LightClientUpdate objectA,
      final LightClientHeader storedFinalized, final String detail) {
    return new Alarm(what, a, objectA, Optional.empty(), Optional.empty(), Optional.of(storedFinalized), detail);
  }
}
