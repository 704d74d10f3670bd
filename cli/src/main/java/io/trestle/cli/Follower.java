package io.trestle.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.lightclient.ExecutionAnchor;
import io.trestle.lightclient.LightClient;
import io.trestle.lightclient.spec.LightClientStore;
import io.trestle.lightclient.store.StoreFile.SaveResult;
import io.trestle.lightclient.store.StoreFile;
import io.trestle.lightclient.stream.MessageStream.Cursor;
import io.trestle.lightclient.stream.MessageStream;
import io.trestle.lightclient.stream.MessageStream.PassResult;
import io.trestle.lightclient.internal.stream.StreamJson;
import io.trestle.lightclient.stream.StreamMetrics;
import io.trestle.lightclient.sync.SyncDriver.Alarm;
import io.trestle.lightclient.sync.SyncDriver;
import io.trestle.lightclient.sync.SyncDriver.SyncReport;
import io.trestle.lightclient.types.LightClientHeader;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The follow loop of {@code sync --follow} and {@code watch}: a sync pass every interval, and after each pass
 * (watch) the message stream advanced to the finalized block. It speaks as it goes, terminal or not: one line per
 * pass that changes the finalized or optimistic header, per alarm and per failure (one compact JSON object per line
 * with {@code --json}), each flushed at once. A stop request (SIGTERM, or the end of {@code --rounds}) ends the loop
 * between passes; the store is then saved and a {@code stopped} line says so.
 */
final class Follower {
  /** Set by {@link Main#main} so SIGTERM/SIGINT stop the loop cleanly (tests call {@link Main#run} without it). */
  static volatile boolean installSignalHandler;

  private final SyncDriver driver;
  private final OnlineSync.Setup setup;
  private final boolean json;
  private final PrintStream out;
  private final Optional<MessageStream> stream;
  private final StreamMetrics metrics;
  private final Optional<MetricsEndpoint> endpoint;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile String stopCause = "rounds done";
  private String lastFinalized = "";
  private String lastOptimistic = "";

  Follower(final SyncDriver driver, final OnlineSync.Setup setup, final boolean json, final PrintStream out,
      final Optional<MessageStream> stream, final StreamMetrics metrics) {
    this(driver, setup, json, out, stream, metrics, Optional.empty());
  }

  /** With a metrics endpoint: its meters are {@code metrics}, and each sync pass is counted there too. */
  Follower(final SyncDriver driver, final OnlineSync.Setup setup, final boolean json, final PrintStream out,
      final Optional<MessageStream> stream, final StreamMetrics metrics, final Optional<MetricsEndpoint> endpoint) {
    this.endpoint = endpoint;
    this.driver = driver;
    this.setup = setup;
    this.json = json;
    this.out = out;
    this.stream = stream;
    this.metrics = metrics;
  }

  /** Asks the loop to stop after the current pass. */
  void requestStop(final String cause) {
    stopCause = cause;
    stop.countDown();
  }

  /** Runs {@code rounds} passes (or until stopped); returns the exit code. */
  int run(final long rounds, final Duration interval) {
    Thread hook = null;
    if (installSignalHandler) {
      hook = new Thread(() -> {
        requestStop("SIGTERM");
        try {
          finished.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "trestle-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
    }
    try {
      SyncReport last = null;
      for (long i = 0; i < rounds; i++) {
        last = driver.sync();
        final SyncReport pass = last;
        endpoint.ifPresent(m -> m.syncPass(pass));
        if (last.status() == SyncReport.Status.CONFIG_ERROR) {
          failure(last);
          return OnlineSync.printFailure(setup, last, json, out);
        }
        report(last);
        if (stream.isPresent() && driver.client().isPresent()) {
          advance(driver.client().get());
        }
        if (i + 1 < rounds && stop.await(interval.toMillis(), TimeUnit.MILLISECONDS)) {
          break;
        }
        if (stop.getCount() == 0) {
          break;
        }
      }
      return stopped(last);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return stopped(null);
    } finally {
      finished.countDown();
      if (hook != null && !"SIGTERM".equals(stopCause)) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // shutdown already in progress
        }
      }
    }
  }

  private void advance(final LightClient lc) {
    final Optional<ExecutionAnchor> fin = lc.finalizedExecution();
    if (fin.isEmpty()) {
      line(obj("streamWaiting").put("detail", "the finalized header has no execution block yet"),
          "stream: waiting (the finalized header has no execution block yet)");
      return;
    }
    final PassResult r = stream.get().advanceTo(fin.get());
    if (r instanceof PassResult.Rejected rej) {
      line(obj("failure").put("status", "STREAM_REJECTED").put("reason", io.trestle.lightclient.ReasonCode.of(rej.reason()))
          .put("blockNumber", rej.blockNumber()).put("detail", rej.detail()),
          "REJECTED " + rej.reason() + " at block " + rej.blockNumber() + ": "
              + rej.detail());
    } else if (r instanceof PassResult.SourceFailed sf) {
      line(obj("failure").put("status", "SOURCE_FAILED").put("reason", io.trestle.lightclient.ReasonCode.of(sf.error().error()))
          .put("detail", sf.error().getMessage()), "FAILED " + sf.error().error() + ": " + sf.error().getMessage());
    } else if (r instanceof PassResult.SinkFailed sk) {
      line(obj("failure").put("status", "SINK_FAILED").put("reason", "stream.SINK_FAILED").put("detail", sk.detail()),
          "FAILED SINK: " + sk.detail());
    }
  }

  private void report(final SyncReport r) {
    for (final Alarm a : r.alarms()) {
      final ObjectNode o = obj("alarm").put("what", a.what()).put("detail", a.detail())
          .put("endpointA", a.endpointA().label()).put("slot", a.objectA().attestedHeader().beacon().slot());
      a.endpointB().ifPresent(e -> o.put("endpointB", e.label()));
      line(o, "ALARM " + a.what() + ": " + a.detail());
    }
    if (r.status() != SyncReport.Status.SYNCED) {
      failure(r);
    }
    final Optional<LightClientStore> st = driver.client().map(LightClient::store);
    if (st.isEmpty()) {
      return;
    }
    metrics.finalizedSlot(st.get().finalizedHeader().beacon().slot());
    setup.currentSlot().ifPresentOrElse(
        now -> metrics.syncLagSlots(Math.max(0, now - st.get().finalizedHeader().beacon().slot())),
        () -> metrics.syncLagSlots(Math.max(0, io.trestle.lightclient.store.StoreFile.WeakSubjectivity.currentSlot(
            setup.config(), java.time.Instant.now()) - st.get().finalizedHeader().beacon().slot())));
    final String f = key(st.get().finalizedHeader());
    final String o = key(st.get().optimisticHeader());
    if (!f.equals(lastFinalized) || !o.equals(lastOptimistic)) {
      lastFinalized = f;
      lastOptimistic = o;
      final ObjectNode n = obj("header");
      n.set("finalized", OnlineSync.header(st.get().finalizedHeader()));
      n.set("optimistic", OnlineSync.header(st.get().optimisticHeader()));
      line(n, "finalized " + OnlineSync.text(st.get().finalizedHeader()) + " | optimistic slot "
          + st.get().optimisticHeader().beacon().slot());
    }
  }

  private void failure(final SyncReport r) {
    line(obj("failure").put("status", r.status().name()).put("reason", OnlineSync.reasonCode(r))
        .put("detail", OnlineSync.detail(r)), r.status() + " " + OnlineSync.reason(r) + ": "
            + OnlineSync.detail(r).replace('\n', ' '));
  }

  private int stopped(final SyncReport last) {
    final ObjectNode o = obj("stopped").put("cause", stopCause);
    String text = "stopped (" + stopCause + ")";
    final Optional<LightClient> lc = driver.client();
    if (lc.isPresent() && setup.store().isPresent()) {
      final SaveResult s = StoreFile.in(setup.store().get(), setup.config()).save(lc.get().store());
      final boolean ok = s instanceof SaveResult.Written;
      o.put("storeSaved", ok).put("store", setup.store().get().toString())
          .put("finalizedSlot", lc.get().finalizedHeader().beacon().slot());
      text += ok ? ": store saved in " + setup.store().get() + " at finalized slot "
          + lc.get().finalizedHeader().beacon().slot() : ": store NOT saved: " + s;
    } else {
      o.put("storeSaved", false);
      text += setup.store().isEmpty() ? " (no --store: nothing persisted)" : "";
    }
    if (stream.isPresent()) {
      final Optional<Cursor> c = stream.get().cursor();
      c.ifPresent(x -> o.put("cursorBlock", x.blockNumber()).put("cursorComplete", x.complete()));
    }
    line(o, text);
    if (last == null) {
      return Command.REJECTED;
    }
    return last.status() == SyncReport.Status.SYNCED ? Command.OK : Command.REJECTED;
  }

  private static String key(final LightClientHeader h) {
    return h.beacon().slot() + "/" + h.beacon().hashTreeRoot();
  }

  private static ObjectNode obj(final String event) {
    return Output.object().put("event", event);
  }

  /** One line, flushed at once. */
  synchronized void line(final ObjectNode o, final String text) {
    out.println(json ? StreamJson.line(o) : text);
    out.flush();
  }
}
