package io.trestle.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.execution.BeaconPayloadVerifier;
import io.trestle.proofs.execution.BlockVerifier;
import io.trestle.proofs.execution.ReceiptProofVerifier;
import io.trestle.proofs.execution.VerifiedBlock;
import io.trestle.proofs.json.RpcJson;
import io.trestle.proofs.state.AccountProofResponse;
import io.trestle.proofs.state.AccountProofVerifier;
import io.trestle.proofs.state.AccountState;
import io.trestle.proofs.state.VerifiedAccount;
import io.trestle.proofs.state.VerifiedSlot;
import io.trestle.vectors.RunResult;
import io.trestle.vectors.VectorRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code trestle demo}: the main job, offline and without arguments. Verifies the shipped real data
 * and prints what was trusted, each verified step, and timings.
 */
final class DemoCommand implements Command {
  private PrintStream out;
  private boolean json;
  private final List<ObjectNode> steps = new ArrayList<>();
  private int failures;

  @Override
  public int dispatch(final List<String> argv, final PrintStream out, final PrintStream err) {
    final Args a = Args.parse(argv, Set.of("data"), Set.of("json"));
    this.out = out;
    this.json = a.flag("json");
    final Path data = a.option("data").map(Path::of).orElseGet(DemoCommand::defaultData);
    if (!Files.isDirectory(data.resolve("helios"))) {
      throw new UsageException("shipped data not found under " + data + " (use --data DIR)", true);
    }
    final long t0 = System.nanoTime();
    say("Trestle demo: verifying shipped real chain data, offline.");
    say("Data: " + data + " (provenance in PROVENANCE.md there)");
    say("");

    conformance(data);
    mainnetLightClient(data);
    final Path rpc = data.resolve("helios/tests/testdata/rpc");
    final Optional<VerifiedBlock> block = step("Ethereum mainnet block 21925176: header, withdrawals and 202 receipts",
        () -> BlockVerifier.verify(readJson(rpc.resolve("block.json")), Optional.of(readJson(rpc.resolve("receipts.json")))),
        b -> List.of(
            "trusted: nothing; the block hash is recomputed from the header fields (a bridge anchors it"
                + " with the light client)",
            "block hash " + b.blockHash() + " = keccak(rlp(header)), " + b.header().fieldCount() + " header fields (Cancun)",
            "withdrawals root " + b.withdrawals() + ", receipts root " + b.receipts() + " from "
                + b.receiptCount().orElse(0) + " receipts",
            "state root " + b.header().stateRoot(),
            "receipts root " + b.header().receiptsRoot()));
    if (block.isPresent()) {
      final VerifiedBlock b = block.get();
      final JsonNode receiptFile = readJson(data.resolve("helios/tests/testdata/verifiable_api/receipt.json"));
      step("Receipt proof of tx 0x27 and its log 0 (deposit contract DepositEvent)",
          () -> ReceiptProofVerifier.verifyLog(b.ref(), 0x27, 0,
              RpcJson.dataArray(receiptFile.get("receiptProof"), "receiptProof")),
          l -> List.of(
              "trusted: the receipts root of the block verified above",
              "message id: block " + l.blockHash().map(Object::toString).orElse("?") + " tx " + l.txIndex()
                  + " log " + l.logIndex(),
              "emitter " + l.emitter() + ", status " + l.status().map(s -> s ? "success" : "failed").orElse("none"),
              "topic0 " + (l.log().topics().isEmpty() ? "(none)" : l.log().topics().get(0).toString()),
              "data " + l.log().data().size() + " bytes"));
      for (final String f : List.of("proof.json", "block_miner_proof.json")) {
        step("eth_getProof " + f + " against the block's state root",
            () -> {
              final ProofResult<AccountProofResponse> r = ProofResult.of(
                  () -> AccountProofResponse.fromJson(readJson(rpc.resolve(f))));
              return r instanceof ProofResult.Rejected<AccountProofResponse> rj
                  ? new ProofResult.Rejected<>(rj.reason(), rj.detail())
                  : AccountProofVerifier.verify(b.header().stateRoot(), r.orElseThrow());
            },
            va -> accountLines(va));
      }
    }
    for (final String n : List.of("7109344", "7109430")) {
      step("Beacon block (slot " + n + ") execution payload → execution block hash",
          () -> BeaconPayloadVerifier.verify(readJson(data.resolve("helios/ethereum/testdata/blocks/" + n + ".json"))),
          p -> List.of("fork " + p.fork() + ", execution block " + p.header().number() + " hash " + p.blockHash(),
              "recomputed from " + p.transactionCount() + " transactions and "
                  + p.withdrawalCount().orElse(0) + " withdrawals (roots rebuilt)"));
    }
    final double total = (System.nanoTime() - t0) / 1e6;
    if (json) {
      final ObjectNode o = Output.object();
      o.put("verified", failures == 0);
      o.put("failures", failures);
      final ArrayNode arr = o.putArray("steps");
      steps.forEach(arr::add);
      o.put("totalMillis", Math.round(total));
      Output.print(o, out);
    } else {
      say("");
      say(failures == 0 ? String.format("All steps verified in %.0f ms.", total)
          : failures + " step(s) FAILED (" + String.format("%.0f ms", total) + ").");
    }
    return failures == 0 ? OK : REJECTED;
  }

  private void conformance(final Path data) {
    final long t = System.nanoTime();
    try {
      final RunResult r = new VectorRunner().run(List.of(data.resolve("ethereum-tests")));
      final double ms = (System.nanoTime() - t) / 1e6;
      final boolean ok = r.success();
      record("ethereum/tests RLP and trie conformance", ok, ms,
          List.of(r.passed() + " passed, " + r.failed() + " failed, " + r.skipped() + " skipped"), null);
    } catch (IOException e) {
      record("ethereum/tests RLP and trie conformance", false, 0, List.of(), e.toString());
    }
  }

  /** Real mainnet light-client data: helios' bootstrap (period 862) and updates for periods 862-867. */
  private void mainnetLightClient(final Path data) {
    final String title = "Mainnet beacon light client: checkpoint, bootstrap and 6 sync-committee periods (real BLS)";
    final long t = System.nanoTime();
    final List<String> lines = new ArrayList<>();
    try {
      final Path dir = data.resolve("helios/ethereum/testdata");
      final io.trestle.crypto.Hash32 checkpoint =
          io.trestle.crypto.Hash32.fromHex("0x5afc212a7924789b2bc86acad3ab3a6ffb1f6e97253ea50bee7f4f51422c9275");
      final io.trestle.lightclient.config.ChainConfig config = io.trestle.lightclient.config.Networks.MAINNET;
      final io.trestle.lightclient.types.LightClientBootstrap bootstrap = io.trestle.lightclient.json.BeaconApiJson
          .bootstrap(Files.readString(dir.resolve("bootstrap.json")), config.preset()).data();
      final io.trestle.lightclient.LightClient.Initialized init = io.trestle.lightclient.LightClient.initialize(
          config, io.trestle.lightclient.bls.SyncCommitteeVerifier.create(), checkpoint, bootstrap);
      lines.add("trusted: mainnet config (genesis validators root " + config.genesisValidatorsRoot()
          + ") and checkpoint block root " + checkpoint);
      if (!init.ok()) {
        record(title, false, (System.nanoTime() - t) / 1e6, lines,
            init.rejection().reason() + ": " + init.rejection().detail());
        return;
      }
      final io.trestle.lightclient.LightClient client = init.client();
      lines.add("bootstrap verified: slot " + bootstrap.header().beacon().slot() + ", committee of "
          + bootstrap.currentSyncCommittee().pubkeys().size() + " keys proven against the state root");
      final List<io.trestle.lightclient.json.Versioned<io.trestle.lightclient.types.LightClientUpdate>> updates =
          io.trestle.lightclient.json.BeaconApiJson.updates(Files.readString(dir.resolve("updates.json")),
              config.preset());
      long replaySlot = 0;
      for (final var u : updates) {
        replaySlot = Math.max(replaySlot, u.data().signatureSlot());
      }
      replaySlot += 1; // replayed time: just after the last signature
      for (final var u : updates) {
        final io.trestle.lightclient.types.LightClientUpdate up = u.data();
        final io.trestle.lightclient.spec.UpdateResult r = client.processUpdate(up, replaySlot);
        final long period = config.preset().periodAtSlot(up.attestedHeader().beacon().slot());
        if (r instanceof io.trestle.lightclient.spec.UpdateResult.Rejected rj) {
          record(title, false, (System.nanoTime() - t) / 1e6, lines, "period " + period + ": " + rj.reason() + ": "
              + rj.detail());
          return;
        }
        lines.add("period " + period + ": " + up.syncAggregate().participantCount() + "/512 signed -> "
            + (r instanceof io.trestle.lightclient.spec.UpdateResult.Applied ? "applied" : "ignored")
            + ", finalized slot " + client.finalizedHeader().beacon().slot());
      }
      final io.trestle.lightclient.types.LightClientHeader fin = client.finalizedHeader();
      lines.add("finalized: slot " + fin.beacon().slot() + " root " + fin.beacon().hashTreeRoot());
      client.finalizedExecution().ifPresent(a -> lines.add("finalized execution block " + a.blockNumber() + " "
          + a.blockHash() + " (execution branch verified against the body root)"));
      record(title, true, (System.nanoTime() - t) / 1e6, lines, null);
    } catch (IOException | RuntimeException e) {
      record(title, false, (System.nanoTime() - t) / 1e6, lines, e.toString());
    }
  }

  private <T> Optional<T> step(final String title, final Supplier<ProofResult<T>> body,
      final java.util.function.Function<T, List<String>> lines) {
    final long t = System.nanoTime();
    ProofResult<T> r;
    try {
      r = body.get();
    } catch (RuntimeException e) {
      r = new ProofResult.Rejected<>(io.trestle.proofs.Reason.INPUT_MALFORMED, e.getMessage());
    }
    final double ms = (System.nanoTime() - t) / 1e6;
    if (r instanceof ProofResult.Verified<T> v) {
      record(title, true, ms, lines.apply(v.value()), null);
      return Optional.of(v.value());
    }
    final ProofResult.Rejected<T> rj = (ProofResult.Rejected<T>) r;
    record(title, false, ms, List.of(), rj.reason() + ": " + rj.detail());
    return Optional.empty();
  }

  private void record(final String title, final boolean ok, final double ms, final List<String> lines,
      final String error) {
    if (!ok) {
      failures++;
    }
    final ObjectNode s = Output.object();
    s.put("step", title);
    s.put("verified", ok);
    s.put("millis", Math.round(ms * 10) / 10.0);
    final ArrayNode d = s.putArray("details");
    lines.forEach(d::add);
    if (error != null) {
      s.put("error", error);
    }
    steps.add(s);
    say(String.format("[%s] %s (%.1f ms)", ok ? "ok" : "FAIL", title, ms));
    lines.forEach(l -> say("      " + l));
    if (error != null) {
      say("      " + error);
    }
  }

  private static List<String> accountLines(final VerifiedAccount va) {
    final List<String> l = new ArrayList<>();
    l.add("trusted: the state root of the block verified above");
    if (va.state() instanceof AccountState.Present p) {
      l.add("account " + va.address() + ": nonce " + p.account().nonce() + ", balance " + p.account().balance()
          + " wei");
      l.add("storage root " + p.account().storageRoot() + ", code hash " + p.account().codeHash());
    } else {
      l.add("account " + va.address() + ": absent");
    }
    for (final VerifiedSlot s : va.storage()) {
      l.add("slot " + s.key() + " = 0x" + s.value().toString(16) + (s.present() ? "" : " (absent)"));
    }
    return l;
  }

  private void say(final String line) {
    if (!json) {
      out.println(line);
    }
  }

  private static JsonNode readJson(final Path p) {
    return ExecInputs.readJson(p.toString());
  }

  private static Path defaultData() {
    final String home = System.getProperty("trestle.home");
    return (home == null ? Path.of(".") : Path.of(home)).resolve("testvectors/vectors");
  }

  @Override
  public String usage() {
    return "demo [--data DIR] [--json]   the main job: verify the shipped real chain data offline";
  }
}
