/**
 * Trestle on Kafka: a sink that publishes a verified message stream, and a horizontally scaled verification
 * worker. Exports only {@code io.trestle.kafka}; it is built on the exported API of {@code io.trestle.lightclient}
 * (no qualified exports). {@code kafka-clients} has no module descriptor: it is required under its automatic
 * module name {@code kafka.clients}.
 */
@SuppressWarnings("requires-automatic")
module io.trestle.kafka {
  requires transitive io.trestle.lightclient;
  requires com.fasterxml.jackson.databind;
  requires kafka.clients;
  requires org.slf4j;

  exports io.trestle.kafka;
}
