package io.trestle.testkit.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trestle.lightclient.json.BeaconApiJson;
import io.trestle.lightclient.json.Versioned;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.types.LightClientUpdate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The devnet's beacon-API JSON encoder and the library's strict JSON parser agree, object for object. */
class DevnetJsonRoundTripTest {
  private static final DevnetChain CHAIN = DevnetChain.generate(1);

  @Test
  void everyLightClientObjectParsesBackToTheSameObject() {
    final var preset = CHAIN.config().preset();
    final var b = BeaconApiJson.bootstrap(CHAIN.bootstrapJson(), preset);
    assertEquals(Fork.ELECTRA, b.fork());
    assertEquals(CHAIN.bootstrap(), b.data());
    final List<Versioned<LightClientUpdate>> us = BeaconApiJson.updates(CHAIN.updatesJson(), preset);
    assertEquals(CHAIN.updates().size(), us.size());
    for (int i = 0; i < us.size(); i++) {
      assertEquals(CHAIN.updates().get(i), us.get(i).data(), "update " + i);
    }
    assertEquals(CHAIN.finalityUpdate(), BeaconApiJson.finalityUpdate(CHAIN.finalityUpdateJson(), preset).data());
    assertEquals(CHAIN.optimisticUpdate(), BeaconApiJson.optimisticUpdate(CHAIN.optimisticUpdateJson(), preset).data());
  }
}
