package io.trestle.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.cosmos.light.Bisection;
import io.trestle.cosmos.light.Detector;
import io.trestle.cosmos.light.IbcClientUpdate;
import io.trestle.cosmos.light.LightBlock;
import io.trestle.cosmos.light.LightBlockJson;
import io.trestle.cosmos.light.LightBlockSource;
import io.trestle.cosmos.light.LightRejection;
import io.trestle.cosmos.light.LightResult;
import io.trestle.cosmos.light.SyncOutcome;
import io.trestle.cosmos.light.SyncStep;
import io.trestle.cosmos.light.TrustLevel;
import io.trestle.cosmos.light.TrustedState;
import io.trestle.cosmos.light.TrustedStateStore;
import io.trestle.cosmos.light.VerifyOptions;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hex;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code trestle cosmos sync}: the CometBFT light client over light blocks in RPC JSON shape ({@code
 * signed_header} + {@code validator_set}), from files or a CometBFT RPC endpoint. Trust comes only from the
 * operator's {@code --trusted-height}/{@code --trusted-hash} (or, for an IBC client-update file, from its
 * consensus state); the blocks are untrusted. Verifies to the highest height given (or {@code
 * --target-height}) by skipping verification with bisection, printing each step.
 *
 * <p>A file holds one light block object, a JSON array of them, a JSON-RPC {@code {"result": ...}}
 * wrapper, or an IBC 07-tendermint client update fixture ({@code client_state_hex}, {@code
 * consensus_state_hex}, {@code update_client_message.client_message_hex}; then the client state's trust
 * level, trusting period and clock drift apply unless given).
 *
 * <p>{@code --json} prints one object: {@code {"verified", "chain_id", "trust_root": {"height", "hash"},
 * "target_height", "height", "hash", "app_hash", "time", "steps": [{"from", "height", "adjacent",
 * "verdict", "reason"?, "detail", "hash"}], "reason"?, "detail"?}}; {@code height}/{@code hash} are where
 * it ended (the last verified block). With {@code --witness} (a CometBFT RPC URL or a light-block file,
 * repeatable) the reached header is cross-checked ({@link Detector}): {@code "witnesses": [{"witness",
 * "result": AGREES|UNAVAILABLE|FAULTY|CONFLICT, ...}]}; a validly signed conflicting header is an alarm
 * ({@code verified: false}, reason {@code CONFLICTING_HEADERS}, {@code "evidence"}), never an update.
 * With {@code --store DIR} the verified state is saved ({@link TrustedStateStore}: atomic, checksummed,
 * anti-rollback) and the next run resumes from it without {@code --trusted-height}/{@code --trusted-hash};
 * a damaged or rolled-back store is refused ({@code STORE_CORRUPT}, {@code STORE_ROLLBACK}, exit 1).
 * Exit 0 target verified (and no alarm), 1 rejected or alarm, 2 usage or unreadable input.
 */
final class CosmosSyncCommand implements Command {
  private static final Duration DEFAULT_TRUSTING_PERIOD = Duration.ofDays(14);

  @Override
  public String usage() {
    return "cosmos sync --chain-id ID --trusted-height H --trusted-hash HASH (--light-blocks FILE... | --rpc URL)"
        + " --now TIME [--target-height H] [--trust-level N/D] [--trusting-period DURATION]"
        + " [--max-clock-drift DURATION] [--witness URL|FILE]... [--store DIR] [--json]";
  }

  @Override
  public int dispatch(final List<String> argv, final PrintStream out, final PrintStream err) {
    final Args a = Args.parse(argv, Set.of("chain-id", "trusted-height", "trusted-hash", "light-blocks", "rpc", "now",
        "target-height", "trust-level", "trusting-period", "max-clock-drift", "witness", "store"), Set.of("json"));
    final boolean json = a.flag("json");
    final String chainId = a.required("chain-id");
    final Instant now = instant(a.required("now"));
    final List<String> files = new ArrayList<>(a.options("light-blocks"));
    files.addAll(a.positional());
    if (!a.positional().isEmpty() && a.options("light-blocks").isEmpty()) {
      throw new UsageException("unexpected argument '" + a.positional().get(0) + "'");
    }
    final Optional<String> rpc = a.option("rpc");
    if (files.isEmpty() == rpc.isEmpty()) {
      throw new UsageException("give either --light-blocks FILE... or --rpc URL");
    }
    final List<LightBlock> blocks = new ArrayList<>();
    final List<IbcClientUpdate> ibc = new ArrayList<>();
    for (final String f : files) {
      read(f, blocks, ibc);
    }
    if (!ibc.isEmpty() && (ibc.size() > 1 || !blocks.isEmpty())) {
      throw new UsageException("an IBC client-update file must be the only input");
    }
    final Optional<Long> trustedHeight = a.optionalLong("trusted-height");
    final Optional<TrustedStateStore> store = a.option("store").map(d -> TrustedStateStore.in(Path.of(d), chainId));
    if (store.isPresent() && !ibc.isEmpty()) {
      throw new UsageException("--store is for a chain followed from a trusted header, not an IBC client update");
    }
    final Optional<String> trustedHashArg = a.option("trusted-hash");
    final LightBlockSource source;
    final LightResult<TrustedState> root;
    long target;
    VerifyOptions options;
    CometRpcSource rpcSource = null;
    if (!ibc.isEmpty()) {
      final IbcClientUpdate u = ibc.get(0);
      if (trustedHashArg.isPresent()) {
        throw new UsageException("an IBC client update is trusted through its consensus state, which has no header "
            + "hash: drop --trusted-hash");
      }
      if (trustedHeight.isPresent() && trustedHeight.get() != u.header().trustedRevisionHeight()) {
        throw new UsageException("--trusted-height " + trustedHeight.get() + " but the update trusts height "
            + u.header().trustedRevisionHeight());
      }
      if (!u.clientState().chainId().equals(chainId)) {
        throw new UsageException("--chain-id " + chainId + " but the client state is for '"
            + u.clientState().chainId() + "'");
      }
      options = u.options();
      root = u.trustedState();
      source = LightBlockSource.of(List.of(u.lightBlock()));
      target = u.lightBlock().height();
      final Optional<Long> asked = a.optionalLong("target-height");
      if (asked.isPresent() && asked.get() != target) {
        throw new UsageException("--target-height " + asked.get() + " but the IBC client update's header is at height "
            + target + " (the update is the only light block)");
      }
    } else {
      Optional<TrustedState> stored = Optional.empty();
      if (store.isPresent()) {
        final TrustedStateStore.LoadResult lr = store.get().load();
        if (lr instanceof TrustedStateStore.Refused r) {
          return reject(json, out, chainId, CosmosReasons.store(r.problem()), r.detail());
        }
        if (lr instanceof TrustedStateStore.Loaded l) {
          if (trustedHeight.isPresent() || trustedHashArg.isPresent()) {
            throw new UsageException("--store " + a.required("store") + " already holds a trusted state at height "
                + l.state().height() + "; drop --trusted-height/--trusted-hash (or use another directory)");
          }
          stored = Optional.of(l.state());
        }
      }
      final long th = stored.isPresent() ? stored.get().height()
          : trustedHeight.orElseThrow(() -> new UsageException("missing required option --trusted-height"));
      final Bytes hash = stored.isPresent() ? stored.get().headerHash() : hash(trustedHashArg.orElseThrow(
          () -> new UsageException("missing required option --trusted-hash")));
      options = VerifyOptions.defaults(DEFAULT_TRUSTING_PERIOD);
      if (rpc.isPresent()) {
        rpcSource = new CometRpcSource(rpc.get());
        source = rpcSource;
        final OptionalLong latest = rpcSource.latestHeight();
        target = a.optionalLong("target-height").orElse(latest.orElse(-1));
        if (target < 0) {
          throw new UsageException("cannot read the latest height from " + rpc.get() + " (" + rpcSource.lastError()
              + "); give --target-height", true);
        }
      } else {
        source = LightBlockSource.of(blocks);
        target = a.optionalLong("target-height")
            .orElse(blocks.stream().mapToLong(LightBlock::height).max().orElse(th));
      }
      final Optional<LightBlock> trustedBlock = stored.isPresent() ? Optional.empty() : source.lightBlock(th);
      if (stored.isPresent()) {
        root = new LightResult.Verified<>(stored.get());
      } else if (trustedBlock.isEmpty()) {
        throw new UsageException("no light block at the trusted height " + th
            + (rpcSource != null ? " from " + rpc.get() + " (" + rpcSource.lastError() + ")" : " in the input"), true);
      } else {
        root = TrustedState.fromTrustedBlock(trustedBlock.get(), hash);
      }
    }
    options = new VerifyOptions(a.option("trust-level").map(CosmosSyncCommand::trustLevel).orElse(options.trustLevel()),
        a.option("trusting-period").map(s -> duration("trusting-period", s)).orElse(options.trustingPeriod()),
        a.option("max-clock-drift").map(s -> duration("max-clock-drift", s)).orElse(options.maxClockDrift()));
    if (root instanceof LightResult.Rejected<TrustedState> r) {
      return reject(json, out, chainId, CosmosReasons.light(r.reason()), "trust root: " + r.detail());
    }
    final TrustedState trusted = root.value();
    if (!trusted.chainId().equals(chainId)) {
      return reject(json, out, chainId, CosmosReasons.light(LightRejection.CHAIN_ID_MISMATCH), "the trusted header is for chain '" + trusted.chainId()
          + "', not '" + chainId + "'");
    }
    final SyncOutcome o = Bisection.sync(trusted, target, source, options, now);
    Optional<Detector.Report> report = Optional.empty();
    if (o.reachedTarget() && !a.options("witness").isEmpty()) {
      final List<LightBlockSource> witnesses = new ArrayList<>();
      for (final String w : a.options("witness")) {
        if (w.startsWith("http://") || w.startsWith("https://")) {
          witnesses.add(new CometRpcSource(w));
        } else {
          final List<LightBlock> wb = new ArrayList<>();
          read(w, wb, new ArrayList<>());
          witnesses.add(LightBlockSource.of(wb));
        }
      }
      final Optional<LightBlock> reached = source.lightBlock(o.state().height());
      if (reached.isPresent()) {
        report = Optional.of(Detector.crossCheck(trusted, reached.get(), witnesses, options, now));
      }
    }
    Optional<String> saved = Optional.empty();
    if (store.isPresent() && o.reachedTarget() && !report.map(Detector.Report::alarm).orElse(false)) {
      final TrustedStateStore.SaveResult sr = store.get().save(o.state());
      if (sr instanceof TrustedStateStore.Refused r) {
        return reject(json, out, chainId, CosmosReasons.store(r.problem()), "verified height " + o.state().height()
            + " but could not save it: " + r.detail());
      }
      saved = Optional.of(a.required("store"));
    }
    final int code = print(json, out, chainId, trusted, target, options, o, report);
    if (saved.isPresent() && !json) {
      out.println("saved trusted state at height " + o.state().height() + " in " + saved.get());
    }
    return code;
  }

  private static int print(final boolean json, final PrintStream out, final String chainId, final TrustedState root,
      final long target, final VerifyOptions options, final SyncOutcome o, final Optional<Detector.Report> report) {
    final TrustedState end = o.state();
    final boolean alarm = report.map(Detector.Report::alarm).orElse(false);
    final boolean ok = o.reachedTarget() && !alarm;
    if (json) {
      final ObjectNode j = Output.object();
      j.put("verified", ok);
      j.put("chain_id", chainId);
      final ObjectNode tr = j.putObject("trust_root");
      tr.put("height", root.height());
      tr.put("hash", root.headerHash().isEmpty() ? "" : root.headerHash().toHex());
      j.put("target_height", target);
      j.put("height", end.height());
      j.put("hash", end.headerHash().isEmpty() ? "" : end.headerHash().toHex());
      j.put("app_hash", end.appHash().map(Bytes::toHex).orElse(""));
      j.put("time", end.time().toString());
      final ArrayNode steps = j.putArray("steps");
      for (final SyncStep s : o.steps()) {
        final ObjectNode sj = steps.addObject();
        sj.put("from", s.fromHeight());
        sj.put("height", s.height());
        sj.put("adjacent", s.adjacent());
        sj.put("verdict", s.verdict().name());
        s.reason().ifPresent(r -> sj.put("reason", CosmosReasons.light(r)));
        sj.put("detail", s.detail());
        sj.put("hash", s.hash().isEmpty() ? "" : s.hash().toHex());
      }
      o.failure().ifPresent(f -> {
        j.put("reason", CosmosReasons.light(f.reason()));
        j.put("detail", f.detail());
      });
      report.ifPresent(rep -> {
        final ArrayNode ws = j.putArray("witnesses");
        rep.results().forEach(w -> ws.add(witness(w)));
        rep.evidence().ifPresent(ev -> {
          j.put("reason", CosmosReasons.light(LightRejection.CONFLICTING_HEADERS));
          j.put("detail", "a witness has a validly signed conflicting header at height " + ev.height()
              + ": alarm; the verified height is not to be trusted");
          j.set("evidence", ev.toJson());
        });
      });
      Output.print(j, out);
    } else {
      out.println("trust root: chain " + chainId + " height " + root.height()
          + (root.headerHash().isEmpty() ? " (IBC consensus state, next validators "
              + root.nextValidatorsHash().toHex() + ")" : " hash " + root.headerHash().toHex()));
      out.println("options: trust level " + options.trustLevel() + ", trusting period " + options.trustingPeriod()
          + ", max clock drift " + options.maxClockDrift());
      int i = 1;
      for (final SyncStep s : o.steps()) {
        out.println("step " + i++ + ": " + s.fromHeight() + " -> " + s.height() + (s.adjacent() ? " adjacent " : " skipping ")
            + s.verdict() + (s.reason().isPresent() ? " (" + CosmosReasons.light(s.reason().get()) + ": " + s.detail() + ")"
                : " hash " + s.hash().toHex()));
      }
      report.ifPresent(rep -> rep.results().forEach(w -> out.println("witness " + w.witness() + ": "
          + witness(w).path("result").asText() + " " + witness(w).path("detail").asText(""))));
      if (alarm) {
        final var ev = report.get().evidence().get();
        out.println("ALARM " + CosmosReasons.light(LightRejection.CONFLICTING_HEADERS) + " at height " + ev.height() + ": " + ev.firstHash().toHex() + " vs "
            + ev.secondHash().toHex() + " (" + ev.attackType() + "), both validly signed from height "
            + ev.commonHeight() + "; nothing is trusted beyond height " + root.height());
        out.println("evidence: " + ev.toJson().toString());
      } else if (o.reachedTarget()) {
        out.println("VERIFIED chain " + chainId + " height " + end.height() + " hash " + end.headerHash().toHex()
            + " app_hash " + end.appHash().map(Bytes::toHex).orElse("?") + " time " + end.time());
      } else {
        final LightResult.Rejected<TrustedState> f = o.failure().get();
        out.println("REJECTED " + CosmosReasons.light(f.reason()) + ": " + f.detail());
        out.println("ended at height " + end.height() + " hash " + (end.headerHash().isEmpty() ? "(none)"
            : end.headerHash().toHex()) + " (target " + target + ")");
      }
    }
    return ok ? OK : REJECTED;
  }

  private static ObjectNode witness(final Detector.WitnessResult w) {
    final ObjectNode o = Output.object();
    o.put("witness", w.witness());
    if (w instanceof Detector.Agrees) {
      o.put("result", "AGREES");
    } else if (w instanceof Detector.Unavailable u) {
      o.put("result", "UNAVAILABLE");
      o.put("detail", u.detail());
    } else if (w instanceof Detector.Faulty f) {
      o.put("result", "FAULTY");
      o.put("reason", CosmosReasons.light(f.reason()));
      o.put("detail", f.detail());
    } else if (w instanceof Detector.Conflict c) {
      o.put("result", "CONFLICT");
      o.put("detail", "hash " + c.evidence().secondHash().toHex());
    }
    return o;
  }

  private static int reject(final boolean json, final PrintStream out, final String chainId, final String reason,
      final String detail) {
    if (json) {
      final ObjectNode j = Output.object();
      j.put("verified", false);
      j.put("chain_id", chainId);
      j.put("reason", reason);
      j.put("detail", detail);
      Output.print(j, out);
    } else {
      out.println("REJECTED " + reason + ": " + detail);
    }
    return REJECTED;
  }

  private static void read(final String file, final List<LightBlock> blocks, final List<IbcClientUpdate> ibc) {
    final String text = Args.readFile(file);
    final JsonNode n;
    try {
      n = io.trestle.proofs.json.RpcJson.parse(text); // strict: no trailing data, no duplicate keys
    } catch (io.trestle.proofs.VerificationException e) {
      throw new UsageException(file + " is not JSON: " + e.detail().lines().findFirst().orElse(""), true);
    }
    if (n == null) {
      throw new UsageException(file + " is empty", true);
    }
    if (n.isObject() && n.has("client_state_hex") && n.has("consensus_state_hex")) {
      final LightResult<IbcClientUpdate> u;
      try {
        u = IbcClientUpdate.decode(Hex.decode(n.get("client_state_hex").asText()),
            Hex.decode(n.get("consensus_state_hex").asText()),
            Hex.decode(n.path("update_client_message").path("client_message_hex").asText()));
      } catch (IllegalArgumentException e) {
        throw new UsageException(file + ": " + e.getMessage(), true);
      }
      if (u instanceof LightResult.Rejected<IbcClientUpdate> r) {
        throw new UsageException(file + ": " + r.reason() + ": " + r.detail(), true);
      }
      ibc.add(u.value());
      return;
    }
    final List<JsonNode> items = new ArrayList<>();
    if (n.isArray()) {
      n.forEach(items::add);
    } else if (n.isObject() && n.has("result") && !n.has("signed_header")) {
      items.add(n.get("result"));
    } else {
      items.add(n);
    }
    for (int i = 0; i < items.size(); i++) {
      final LightResult<LightBlock> r = LightBlockJson.parse(items.get(i));
      if (r instanceof LightResult.Rejected<LightBlock> rej) {
        throw new UsageException(file + (items.size() > 1 ? " [" + i + "]" : "") + ": " + rej.detail(), true);
      }
      blocks.add(r.value());
    }
  }

  private static Bytes hash(final String s) {
    try {
      final Bytes b = Bytes.of(Hex.decode(s));
      if (b.size() != 32) {
        throw new UsageException("--trusted-hash must be 32 bytes of hex, got " + b.size());
      }
      return b;
    } catch (IllegalArgumentException e) {
      throw new UsageException("--trusted-hash: " + e.getMessage());
    }
  }

  private static Instant instant(final String s) {
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new UsageException("--now must be an RFC 3339 time like 2026-01-01T00:00:00Z, got '" + s + "'");
    }
  }

  private static TrustLevel trustLevel(final String s) {
    try {
      return TrustLevel.parse(s);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--trust-level: " + e.getMessage());
    }
  }

  /** {@code 336h}, {@code 14d}, {@code 90m}, {@code 1209600s}, or ISO-8601 ({@code PT336H}). */
  static Duration duration(final String name, final String s) {
    try {
      final String t = s.trim().toLowerCase(Locale.ROOT);
      if (t.startsWith("p")) {
        return positive(name, Duration.parse(s.trim()));
      }
      final char unit = t.charAt(t.length() - 1);
      final long n = Long.parseLong(t.substring(0, t.length() - 1));
      return positive(name, switch (unit) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        case 'd' -> Duration.ofDays(n);
        default -> throw new NumberFormatException();
      });
    } catch (RuntimeException e) {
      throw new UsageException("--" + name + " must be a duration like 336h, 14d or PT336H, got '" + s + "'");
    }
  }

  private static Duration positive(final String name, final Duration d) {
    if (d.isNegative() || (d.isZero() && name.equals("trusting-period"))) {
      throw new IllegalArgumentException();
    }
    return d;
  }
}
