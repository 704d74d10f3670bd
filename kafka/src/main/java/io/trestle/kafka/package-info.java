/**
 * Trestle on Kafka: {@link io.trestle.kafka.KafkaSink} publishes a verified message stream (idempotent producer,
 * key = message id, one topic per stream), and {@link io.trestle.kafka.VerificationWorker} verifies requests read
 * from a topic in a consumer group, each worker against its own light client and sources. Nothing read from Kafka
 * is trusted: requests are untrusted input, and results are produced only from what the worker verified itself.
 * {@link io.trestle.kafka.LightClientRelay} publishes light-client data to a topic and {@link
 * io.trestle.kafka.KafkaLightClientFeed} serves it to a worker's sync driver as untrusted sources, verified like
 * beacon nodes.
 */
package io.trestle.kafka;
