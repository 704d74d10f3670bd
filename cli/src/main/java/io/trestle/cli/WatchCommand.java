package io.trestle.cli;

import io.trestle.crypto.Address;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Keccak256;
import io.trestle.lightclient.source.ExecutionRpcClient;
import io.trestle.lightclient.stream.LogFilter;
import io.trestle.lightclient.stream.MessageSink;
import io.trestle.lightclient.stream.MessageStream;
import io.trestle.lightclient.stream.StreamEvent;
import io.trestle.lightclient.stream.StreamMessage;
import io.trestle.lightclient.stream.StreamMetrics;
import io.trestle.lightclient.sync.SyncDriver;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code trestle watch}: follows finality with the light client and streams every matching log of every finalized
 * block, verified (receipts tries rebuilt against roots linked to the finalized header), gap-free, resuming from the
 * cursor saved next to the store. Messages are JSON lines (to stdout, or appended to {@code --out FILE}); events
 * (header changes, progress, alarms, failures, stop) are lines on stdout, JSON with {@code --json}.
 */
final class WatchCommand implements Command {
  private static final Set<String> VALUES = Set.of("execution-rpc", "emitter", "event", "topic0", "topic1", "topic2",
      "topic3", "from-block", "out", "segment", "kafka", "kafka-topic", "metrics-port", "metrics-host");

  @Override
  public int dispatch(final List<String> argv, final PrintStream out, final PrintStream err) {
    final Args a = Args.parse(argv, OnlineSync.union(OnlineSync.valueOptions(), VALUES), OnlineSync.FLAG_OPTIONS);
    if (!a.positional().isEmpty()) {
      throw new UsageException("unexpected argument '" + a.positional().get(0) + "'");
    }
    final boolean json = a.flag("json");
    final OnlineSync.Setup s = OnlineSync.setup(a);
    final LogFilter filter = filter(a);
    final long chainId = s.config().depositChainId().orElseThrow(() -> new UsageException(
        "the network config has no DEPOSIT_CHAIN_ID: messages cannot be stamped with a chain id"));
    final ExecutionRpcClient rpc = OnlineSync.executionRpc(a);
    final long rounds = a.optionalLong("rounds").orElse(Long.MAX_VALUE);
    if (rounds < 1) {
      throw new UsageException("--rounds must be at least 1");
    }
    final long interval = a.optionalLong("interval-ms").orElse(s.config().secondsPerSlot() * 1000);
    final Optional<Path> outFile = a.option("out").map(Path::of);
    final Follower[] follower = new Follower[1];
    final MessageSink sink;
    if (a.option("kafka").isPresent()) {
      if (outFile.isPresent()) {
        throw new UsageException("--out and --kafka are exclusive");
      }
      final java.util.Properties props = new java.util.Properties();
      props.put("bootstrap.servers", a.option("kafka").get());
      final String topic = a.option("kafka-topic").orElse(io.trestle.kafka.KafkaSink.topicFor(chainId, filter));
      try {
        sink = new io.trestle.kafka.KafkaSink(props, topic);
      } catch (org.apache.kafka.common.KafkaException e) {
        throw new UsageException("--kafka: " + e.getMessage());
      }
    } else if (outFile.isPresent()) {
      sink = MessageSink.jsonLinesAppendingTo(outFile.get());
    } else if (json) {
      sink = MessageSink.jsonLines(out);
    } else {
      sink = m -> follower[0].line(m.toJson(), text(m));
    }
    final Optional<MetricsEndpoint> metrics;
    try {
      metrics = MetricsEndpoint.fromArgs(a, "watch");
    } catch (UsageException e) {
      closeQuietly(sink, err);
      throw e;
    }
    final StreamMetrics streamMetrics = metrics.map(MetricsEndpoint::streamMetrics).orElse(StreamMetrics.NONE);
    final MessageStream.Builder b = MessageStream.builder(rpc, filter, chainId, sink)
        .metrics(streamMetrics)
        .progressEvery(Duration.ofSeconds(2))
        .listener(e -> event(follower[0], e));
    a.optionalLong("from-block").ifPresent(b::startBlock);
    a.optionalLong("segment").ifPresent(n -> {
      if (n < 1 || n > 8192) {
        throw new UsageException("--segment must be 1..8192");
      }
      b.segment(n.intValue());
    });
    s.store().ifPresent(b::cursorIn);
    final MessageStream stream;
    try {
      stream = b.build();
    } catch (MessageStream.CursorException e) {
      metrics.ifPresent(MetricsEndpoint::close);
      closeQuietly(sink, err);
      throw new UsageException("cannot resume the stream: " + e.getMessage(), true);
    }
    final SyncDriver d = OnlineSync.driver(s, io.trestle.lightclient.sync.SyncDriver.SyncListener.NONE);
    follower[0] = new Follower(d, s, json, out, Optional.of(stream), streamMetrics, metrics);
    follower[0].line(Output.object().put("event", "started").put("network", s.config().name())
        .put("chainId", chainId).put("filterId", filter.id().toHex())
        .put("cursor", stream.cursor().map(Object::toString).orElse("none"))
        .put("store", s.store().map(Path::toString).orElse("none")),
        "watching " + s.config().name() + " (chain " + chainId + ") filter " + filter.id() + "; cursor "
            + stream.cursor().map(Object::toString).orElse("none") + (s.store().isEmpty()
                ? " (no --store: the cursor is not persisted)" : ""));
    metrics.ifPresent(m -> follower[0].line(Output.object().put("event", "metrics").put("url", m.url()),
        "metrics: " + m.url()));
    try {
      return follower[0].run(rounds, Duration.ofMillis(interval));
    } finally {
      metrics.ifPresent(MetricsEndpoint::close);
      closeQuietly(sink, err);
    }
  }

  private static void closeQuietly(final MessageSink sink, final PrintStream err) {
    try {
      sink.close();
    } catch (Exception e) {
      err.println("trestle watch: closing the output failed: " + e.getMessage());
    }
  }

  private static void event(final Follower f, final StreamEvent e) {
    switch (e.kind()) {
      case PASS_STARTED, LINKING, PROGRESS, CAUGHT_UP -> f.line(e.toJson(), "stream: " + e.message()
          + (e.kind() == StreamEvent.Kind.PROGRESS || e.kind() == StreamEvent.Kind.CAUGHT_UP
              ? String.format(java.util.Locale.ROOT, " (%.1f blocks/s, lag %d blocks)", e.blocksPerSecond(),
                  e.lagBlocks()) : ""));
      default -> { } // rejections and source failures are printed by the follower as failure lines
    }
  }

  private static String text(final StreamMessage m) {
    return "message " + m.id() + " block " + m.blockNumber() + " tx " + m.message().txIndex() + " log "
        + m.message().logIndex() + " emitter " + m.message().emitter() + " data " + m.message().data();
  }

  static LogFilter filter(final Args a) {
    final Set<Address> emitters = new HashSet<>();
    for (final String e : a.options("emitter")) {
      try {
        emitters.add(Address.fromHex(e));
      } catch (IllegalArgumentException ex) {
        throw new UsageException("--emitter must be a 0x-prefixed 20-byte address, got '" + e + "'");
      }
    }
    final List<Set<Hash32>> topics = new ArrayList<>();
    final Set<Hash32> t0 = new HashSet<>();
    for (final String ev : a.options("event")) {
      if (!ev.matches("[A-Za-z_][A-Za-z0-9_]*\\([A-Za-z0-9_,\\[\\]() ]*\\)")) {
        throw new UsageException("--event must be a signature like 'MessageSent(bytes32,address,bytes)'");
      }
      t0.add(Keccak256.hash(ev.replace(" ", "").getBytes(StandardCharsets.US_ASCII)));
    }
    a.options("topic0").forEach(t -> t0.add(OnlineSync.hash(t, "topic0")));
    topics.add(t0);
    for (int i = 1; i <= 3; i++) {
      final Set<Hash32> ti = new HashSet<>();
      final String name = "topic" + i;
      a.options(name).forEach(t -> ti.add(OnlineSync.hash(t, name)));
      topics.add(ti);
    }
    while (!topics.isEmpty() && topics.get(topics.size() - 1).isEmpty()) {
      topics.remove(topics.size() - 1);
    }
    if (emitters.isEmpty() && topics.isEmpty()) {
      throw new UsageException("give a filter: --emitter ADDRESS and/or --event SIGNATURE / --topic0 HASH");
    }
    return new LogFilter(emitters, topics);
  }

  @Override
  public String usage() {
    return "watch [--network NAME|CONFIG.yaml] --beacon-api URL[,URL...] --execution-rpc URL[,URL...]"
        + " (--checkpoint ROOT | --store DIR) [--store DIR]\n"
        + "     [--emitter ADDRESS]... [--event 'Name(types)' | --topic0 HASH]... [--topic1..3 HASH]..."
        + " [--from-block N] [--out FILE | --kafka HOST:PORT [--kafka-topic T]] [--json]\n"
        + "     [--metrics-port N [--metrics-host H]] (Prometheus text format on http://H:N/metrics)\n"
        + "     (streams every matching log of every finalized block, verified and gap-free; resumes from --store)";
  }
}
