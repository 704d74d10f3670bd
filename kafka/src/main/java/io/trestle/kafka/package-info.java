/**
 * Trestle on Kafka: {@link io.trestle.kafka.KafkaSink} publishes a verified message stream (idempotent producer,
 * key = message id, one topic per stream), and {@link io.trestle.kafka.VerificationWorker} verifies requests read
 * from a topic in a consumer group, each worker against its own light client and sources. Nothing read from Kafka
 * is trusted: requests are untrusted input, and results are produced only from what the worker verified itself.
 */
package io.trestle.kafka;
