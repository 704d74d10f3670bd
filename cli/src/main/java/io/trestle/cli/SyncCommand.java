package io.trestle.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.LightClient;
import io.trestle.lightclient.bls.SyncCommitteeVerifier;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.json.BeaconApiJson;
import io.trestle.lightclient.json.BeaconJsonException;
import io.trestle.lightclient.json.Versioned;
import io.trestle.lightclient.spec.UpdateResult;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientHeader;
import io.trestle.lightclient.types.LightClientUpdate;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code trestle sync}: offline beacon light-client sync from beacon-API JSON files. Trusted: the network
 * configuration and the {@code --checkpoint} block root. Verified: the bootstrap against the checkpoint,
 * then every update (branches and the sync committee's BLS signature) in the order given: {@code
 * --updates} files (each one update or an array), then {@code --finality-update}, then {@code
 * --optimistic-update}. Processing stops at the first rejected input.
 *
 * <p>Exit 0 if the bootstrap and every input were accepted (applied or ignored), 1 on the first rejected
 * input (its reason code and detail are printed), 2 for usage errors and unreadable files. {@code --json}
 * prints one object {@code {verified, network, currentSlot, currentSlotSource, steps:[{kind, result,
 * reason?, detail?, finalizedSlot?}], finalized?, optimistic?, reason?, detail?}}.
 */
final class SyncCommand implements Command {
  private static final Set<String> VALUE_OPTIONS = Set.of("network", "checkpoint", "bootstrap", "updates",
      "finality-update", "optimistic-update", "current-slot", "genesis-validators-root");

  /** One processed input, for both output modes. */
  private record Step(String kind, String label, String result, String reason, String detail, Long finalizedSlot) {}

  @Override
  public int dispatch(final List<String> argv, final PrintStream out, final PrintStream err) {
    if (argv.stream().anyMatch(x -> x.equals("--beacon-api") || x.startsWith("--beacon-api="))) {
      return online(argv, out, err);
    }
    final Args args = Args.parse(expandUpdates(argv), VALUE_OPTIONS, Set.of("json"));
    if (!args.positional().isEmpty()) {
      throw new UsageException("unexpected argument '" + args.positional().get(0) + "'");
    }
    final boolean json = args.flag("json");
    final ChainConfig config = network(args);
    final Hash32 checkpoint = hashOption(args, "checkpoint");
    final String bootstrapText = readJsonText(args.required("bootstrap"));
    final List<String> updateTexts = new ArrayList<>();
    for (final String f : args.options("updates")) {
      updateTexts.add(readJsonText(f));
    }
    final Optional<String> finalityText = args.option("finality-update").map(SyncCommand::readJsonText);
    final Optional<String> optimisticText = args.option("optimistic-update").map(SyncCommand::readJsonText);
    final Optional<Long> slotOption = args.optionalLong("current-slot");
    final long currentSlot;
    final String slotSource;
    if (slotOption.isPresent()) {
      currentSlot = slotOption.get();
      slotSource = "option";
    } else {
      final long now = System.currentTimeMillis() / 1000;
      currentSlot = now <= config.genesisTime() ? 0 : (now - config.genesisTime()) / config.secondsPerSlot();
      slotSource = "wall-clock";
    }

    final List<Step> steps = new ArrayList<>();
    final Report report = new Report(config, currentSlot, slotSource, steps, json, out);
    final LightClientBootstrap bootstrap;
    try {
      bootstrap = BeaconApiJson.bootstrap(bootstrapText, config.preset()).data();
    } catch (BeaconJsonException e) {
      steps.add(new Step("bootstrap", "bootstrap", "rejected", e.reason().name(), e.getMessage(), null));
      return report.finish(null);
    }
    final LightClient.Initialized init =
        LightClient.initialize(config, SyncCommitteeVerifier.create()::verify, checkpoint, bootstrap);
    if (!init.ok()) {
      steps.add(new Step("bootstrap", "bootstrap slot " + bootstrap.header().beacon().slot(), "rejected",
          init.rejection().reason().name(), init.rejection().detail(), null));
      return report.finish(null);
    }
    final LightClient lc = init.client();
    steps.add(new Step("bootstrap", "bootstrap slot " + bootstrap.header().beacon().slot() + " period "
        + period(config, bootstrap.header().beacon().slot()) + " (" + bootstrap.fork().specName() + ")", "applied",
        null, null, finalizedSlot(lc)));

    final List<LightClientUpdate> updates = new ArrayList<>();
    for (int f = 0; f < updateTexts.size(); f++) {
      try {
        for (final Versioned<LightClientUpdate> v : BeaconApiJson.updates(updateTexts.get(f), config.preset())) {
          updates.add(v.data());
        }
      } catch (BeaconJsonException e) {
        steps.add(new Step("update", "updates file " + args.options("updates").get(f), "rejected",
            e.reason().name(), e.getMessage(), null));
        return report.finish(lc);
      }
    }
    for (int i = 0; i < updates.size(); i++) {
      final LightClientUpdate u = updates.get(i);
      final String label = "update " + (i + 1) + "/" + updates.size() + " period "
          + period(config, u.attestedHeader().beacon().slot()) + " (" + u.fork().specName() + ")";
      if (!record(steps, "update", label, lc.processUpdate(u, currentSlot), lc)) {
        return report.finish(lc);
      }
    }
    if (finalityText.isPresent()) {
      final UpdateResult r;
      try {
        r = lc.processFinalityUpdate(BeaconApiJson.finalityUpdate(finalityText.get(), config.preset()).data(),
            currentSlot);
      } catch (BeaconJsonException e) {
        steps.add(new Step("finality_update", "finality update", "rejected", e.reason().name(), e.getMessage(),
            null));
        return report.finish(lc);
      }
      if (!record(steps, "finality_update", "finality update", r, lc)) {
        return report.finish(lc);
      }
    }
    if (optimisticText.isPresent()) {
      final UpdateResult r;
      try {
        r = lc.processOptimisticUpdate(
            BeaconApiJson.optimisticUpdate(optimisticText.get(), config.preset()).data(), currentSlot);
      } catch (BeaconJsonException e) {
        steps.add(new Step("optimistic_update", "optimistic update", "rejected", e.reason().name(),
            e.getMessage(), null));
        return report.finish(lc);
      }
      if (!record(steps, "optimistic_update", "optimistic update", r, lc)) {
        return report.finish(lc);
      }
    }
    return report.finish(lc);
  }

  /**
   * Reads an input file and checks that it is one JSON document (strictly: no trailing data, no duplicate keys); a
   * file that is not JSON is unreadable input (exit 2, {@code cli.INPUT_UNREADABLE}), as for every other command.
   * Well-formed JSON that is not the expected object is the light client's to refuse ({@code SSZ_INVALID}, exit 1).
   */
  static String readJsonText(final String path) {
    final String text = Args.readFile(path);
    try {
      io.trestle.proofs.json.RpcJson.parse(text);
    } catch (io.trestle.proofs.VerificationException e) {
      throw new UsageException(path + " is not JSON: " + e.detail(), true);
    }
    return text;
  }

  /**
   * {@code --updates A B C} (several files after one option) is the same as {@code --updates A --updates B
   * --updates C}: every following word that is not an option is another updates file.
   */
  static List<String> expandUpdates(final List<String> argv) {
    final List<String> out = new ArrayList<>();
    boolean inUpdates = false;
    for (int i = 0; i < argv.size(); i++) {
      final String s = argv.get(i);
      if (s.equals("--updates")) {
        out.add(s);
        if (i + 1 < argv.size()) {
          out.add(argv.get(++i));
        }
        inUpdates = true;
      } else if (inUpdates && !s.startsWith("--")) {
        out.add("--updates");
        out.add(s);
      } else {
        inUpdates = false;
        out.add(s);
      }
    }
    return out;
  }

  /**
   * Online mode: sync from beacon-API URLs with the {@link io.trestle.lightclient.sync.SyncDriver} (see {@link
   * OnlineSync}); without {@code --follow} one pass to the latest finality/optimistic update, with it a pass every
   * slot ({@code --rounds}/{@code --interval-ms} bound it, for tests).
   */
  private static int online(final List<String> argv, final PrintStream out, final PrintStream err) {
    final Args a = Args.parse(argv, OnlineSync.union(OnlineSync.valueOptions(), Set.of("metrics-port",
        "metrics-host")), OnlineSync.union(OnlineSync.FLAG_OPTIONS, Set.of("follow")));
    if (!a.positional().isEmpty()) {
      throw new UsageException("unexpected argument '" + a.positional().get(0) + "'");
    }
    final boolean json = a.flag("json");
    final OnlineSync.Setup s = OnlineSync.setup(a);
    final io.trestle.lightclient.sync.SyncDriver d = OnlineSync.driver(s, OnlineSync.progress(json, err));
    final io.trestle.lightclient.sync.SyncDriver.SyncReport r;
    if (a.flag("follow")) {
      final long rounds = a.optionalLong("rounds").orElse(Long.MAX_VALUE);
      final long interval = a.optionalLong("interval-ms").orElse(s.config().secondsPerSlot() * 1000);
      if (rounds < 1) {
        throw new UsageException("--rounds must be at least 1");
      }
      // One line per change, alarm and failure as it happens (JSON lines with --json), flushed: not only at the end.
      final java.util.Optional<MetricsEndpoint> metrics = MetricsEndpoint.fromArgs(a, "lightclient");
      final Follower f = new Follower(d, s, json, out, java.util.Optional.empty(), metrics.map(
          MetricsEndpoint::streamMetrics).orElse(io.trestle.lightclient.stream.StreamMetrics.NONE), metrics);
      metrics.ifPresent(m -> f.line(Output.object().put("event", "metrics").put("url", m.url()),
          "metrics: " + m.url()));
      try {
        return f.run(rounds, java.time.Duration.ofMillis(interval));
      } finally {
        metrics.ifPresent(MetricsEndpoint::close);
      }
    }
    if (a.option("rounds").isPresent() || a.option("interval-ms").isPresent()) {
      throw new UsageException("--rounds and --interval-ms go with --follow");
    }
    if (a.option("metrics-port").isPresent() || a.option("metrics-host").isPresent()) {
      throw new UsageException("--metrics-port and --metrics-host go with --follow");
    }
    r = d.sync();
    if (r.status() != io.trestle.lightclient.sync.SyncDriver.SyncReport.Status.SYNCED || d.client().isEmpty()) {
      return OnlineSync.printFailure(s, r, json, out);
    }
    return OnlineSync.printSynced(s, r, d.client().get(), json, out);
  }

  /** Records a step; false if it was rejected. */
  private static boolean record(final List<Step> steps, final String kind, final String label, final UpdateResult r,
      final LightClient lc) {
    if (r instanceof UpdateResult.Rejected rej) {
      steps.add(new Step(kind, label, "rejected", rej.reason().name(), rej.detail(), finalizedSlot(lc)));
      return false;
    }
    if (r instanceof UpdateResult.Ignored ig) {
      steps.add(new Step(kind, label, "ignored", ig.reason().name(), ig.detail(), finalizedSlot(lc)));
      return true;
    }
    steps.add(new Step(kind, label, "applied", null, null, finalizedSlot(lc)));
    return true;
  }

  private static Long finalizedSlot(final LightClient lc) {
    return lc.finalizedHeader().beacon().slot();
  }

  private static long period(final ChainConfig c, final long slot) {
    return c.preset().periodAtSlot(slot);
  }

  /** The namespaced code of a step's reason ({@link io.trestle.lightclient.ReasonCode}). */
  private static String code(final Step s) {
    return ("ignored".equals(s.result()) ? "ignored." : "lightclient.") + s.reason();
  }

  /** Prints the outcome in either mode and returns the exit code. */
  private record Report(ChainConfig config, long currentSlot, String slotSource, List<Step> steps, boolean json,
      PrintStream out) {
    int finish(final LightClient lc) {
      final Step last = steps.get(steps.size() - 1);
      final boolean verified = !"rejected".equals(last.result()) && lc != null;
      if (json) {
        final ObjectNode o = Output.object();
        o.put("verified", verified);
        if (!verified) {
          o.put("reason", code(last));
          o.put("detail", last.detail());
        }
        o.put("network", config.name());
        o.put("currentSlot", currentSlot);
        o.put("currentSlotSource", slotSource);
        final ArrayNode arr = o.putArray("steps");
        for (final Step s : steps) {
          final ObjectNode so = arr.addObject();
          so.put("kind", s.kind());
          so.put("result", s.result());
          if (s.reason() != null) {
            so.put("reason", code(s));
            so.put("detail", s.detail());
          }
          if (s.finalizedSlot() != null) {
            so.put("finalizedSlot", s.finalizedSlot());
          }
        }
        if (lc != null) {
          o.set("finalized", header(lc.store().finalizedHeader()));
          o.set("optimistic", header(lc.store().optimisticHeader()));
        }
        Output.print(o, out);
      } else {
        out.println("network " + config.name() + " (genesis validators root " + config.genesisValidatorsRoot() + ")");
        out.println("current slot " + currentSlot + ("option".equals(slotSource) ? " (from --current-slot)"
            : " (wall clock: now since genesis time " + config.genesisTime() + ")"));
        for (final Step s : steps) {
          final StringBuilder b = new StringBuilder(s.label()).append(" \u2192 ").append(s.result());
          if (s.reason() != null) {
            b.append(' ').append(s.reason()).append(": ").append(s.detail().replace('\n', ' '));
          }
          if (s.finalizedSlot() != null && !"rejected".equals(s.result())) {
            b.append(" (finalized slot ").append(s.finalizedSlot()).append(')');
          }
          out.println(b);
        }
        if (lc != null) {
          out.println("finalized:  " + text(lc.store().finalizedHeader()));
          out.println("optimistic: " + text(lc.store().optimisticHeader()));
        }
        out.println(verified ? "VERIFIED finalized slot " + lc.finalizedHeader().beacon().slot()
            : "REJECTED " + last.reason() + ": " + last.detail().replace('\n', ' '));
      }
      return verified ? OK : REJECTED;
    }

    private static ObjectNode header(final LightClientHeader h) {
      return OnlineSync.header(h);
    }

    private static String text(final LightClientHeader h) {
      return OnlineSync.text(h);
    }
  }

  private static ChainConfig network(final Args args) {
    return OnlineSync.network(args.required("network"), args);
  }

  private static Hash32 hashOption(final Args args, final String name) {
    final String v = args.required(name);
    try {
      if (!v.startsWith("0x") || v.length() != 66) {
        throw new IllegalArgumentException("expected 0x and 64 hex digits");
      }
      return Hash32.fromHex(v);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--" + name + " must be a 0x-prefixed 32-byte hex root, got '" + v + "'");
    }
  }

  @Override
  public String usage() {
    return "sync --network mainnet|sepolia|hoodi|minimal|CONFIG.yaml [--genesis-validators-root HEX]"
        + " --checkpoint ROOT --bootstrap FILE\n     [--updates FILE...] [--finality-update FILE]"
        + " [--optimistic-update FILE] [--current-slot N] [--json]\n"
        + "sync [--network NAME|CONFIG.yaml] --beacon-api URL[,URL...] (--checkpoint ROOT | --store DIR) [--store DIR]\n"
        + "     [--store-key FILE (HMAC key: an authenticated store)] [--follow [--metrics-port N [--metrics-host H]]] [--encoding json|ssz] [--current-slot N] [--allow-old-checkpoint] [--json]"
        + "   (online)";
  }
}
