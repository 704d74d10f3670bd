package io.trestle.lightclient.internal.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.trestle.lightclient.stream.StreamMetrics;
import io.trestle.proofs.Reason;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link StreamMetrics} in a Micrometer registry (Micrometer is an optional dependency of this module: this class
 * needs {@code io.micrometer:micrometer-core} on the class path). Meters, each tagged {@code stream=<name>}:
 * <ul>
 *   <li>{@code trestle.stream.blocks.verified} (counter), {@code trestle.stream.messages.emitted} (counter)</li>
 *   <li>{@code trestle.stream.rejections} (counter, tag {@code reason} = the {@link Reason} name)</li>
 *   <li>{@code trestle.source.errors} (counter, tag {@code endpoint})</li>
 *   <li>{@code trestle.lightclient.finalized.slot}, {@code trestle.lightclient.sync.lag.slots},
 *       {@code trestle.stream.lag.blocks} (gauges)</li>
 * </ul>
 */
public final class MicrometerMetrics implements StreamMetrics {
  private final MeterRegistry registry;
  private final String stream;
  private final Counter blocks;
  private final Counter messages;
  private final AtomicLong finalizedSlot = new AtomicLong();
  private final AtomicLong syncLag = new AtomicLong();
  private final AtomicLong lagBlocks = new AtomicLong();

  /** Registers the meters of stream {@code name} in {@code registry}. */
  public MicrometerMetrics(final MeterRegistry registry, final String name) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.stream = Objects.requireNonNull(name, "name");
    this.blocks = Counter.builder("trestle.stream.blocks.verified").tag("stream", name)
        .description("execution blocks linked and whose receipts trie was verified").register(registry);
    this.messages = Counter.builder("trestle.stream.messages.emitted").tag("stream", name)
        .description("messages acknowledged by the sink").register(registry);
    registry.gauge("trestle.lightclient.finalized.slot", io.micrometer.core.instrument.Tags.of("stream", name),
        finalizedSlot);
    registry.gauge("trestle.lightclient.sync.lag.slots", io.micrometer.core.instrument.Tags.of("stream", name),
        syncLag);
    registry.gauge("trestle.stream.lag.blocks", io.micrometer.core.instrument.Tags.of("stream", name), lagBlocks);
  }

  @Override
  public void blockVerified() {
    blocks.increment();
  }

  @Override
  public void messageEmitted() {
    messages.increment();
  }

  @Override
  public void rejected(final Reason reason) {
    registry.counter("trestle.stream.rejections", "stream", stream, "reason", reason.name()).increment();
  }

  @Override
  public void endpointError(final String endpoint) {
    registry.counter("trestle.source.errors", "stream", stream, "endpoint", endpoint).increment();
  }

  @Override
  public void finalizedSlot(final long slot) {
    finalizedSlot.set(slot);
  }

  @Override
  public void lagBlocks(final long n) {
    lagBlocks.set(n);
  }

  @Override
  public void syncLagSlots(final long slots) {
    syncLag.set(slots);
  }
}
