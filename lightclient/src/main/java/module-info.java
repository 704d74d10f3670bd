/**
 * The beacon light client and the relayer's verification flow. A relayer {@code requires io.trestle.lightclient}
 * (which brings {@code io.trestle.proofs} and {@code io.trestle.crypto}). The light-client protocol ({@code spec}), the SSZ containers
 * ({@code types}) and their schemas are not exported: the one exported fork enum is {@code config.Fork}.
 */
module io.trestle.lightclient {
  requires transitive io.trestle.proofs;
  requires transitive io.trestle.crypto;
  requires transitive com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires java.net.http;
  requires org.slf4j;
  requires static micrometer.core;

  exports io.trestle.lightclient;
  exports io.trestle.lightclient.bls;
  exports io.trestle.lightclient.config;
  exports io.trestle.lightclient.source;
  exports io.trestle.lightclient.store;
  exports io.trestle.lightclient.stream;
  exports io.trestle.lightclient.sync;
  // Trestle's own Kafka integration relays and re-reads light-client objects (qualified: not public API).
  exports io.trestle.lightclient.types to io.trestle.kafka;
  exports io.trestle.lightclient.internal to io.trestle.kafka;
}
