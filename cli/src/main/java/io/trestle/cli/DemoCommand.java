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
import io.trestle.proofs.execution.AccountProofResponse;
import io.trestle.proofs.execution.AccountProofVerifier;
import io.trestle.proofs.state.VerifiedAccount;
import io.trestle.proofs.state.VerifiedSlot;
import io.trestle.vectors.RunResult;
import io.trestle.vectors.VectorRunner;
import io.trestle.testkit.serve.RecordedChainServer;
import io.trestle.testkit.serve.RecordedDataset;
import io.trestle.lightclient.bls.SyncCommitteeVerifier;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.config.Networks;
import io.trestle.lightclient.source.BeaconApiClient;
import io.trestle.lightclient.source.ExecutionRpcClient;
import io.trestle.lightclient.sync.SyncDriver;
import io.trestle.lightclient.sync.SyncDriver.SyncEvent;
import io.trestle.lightclient.sync.SyncDriver.SyncReport;
import io.trestle.testkit.devnet.DevnetChain;
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
  /** The seed of the demo's generated devnet (the testkit's generator; the production commands never see it). */
  static final long DEVNET_SEED = 1;

  private static volatile DevnetChain devnet;
  private static volatile DevnetChain devnetGloas;

  /** The devnet of {@link #DEVNET_SEED} (generated once per process). */
  static DevnetChain devnet() {
    DevnetChain d = devnet;
    if (d == null) {
      synchronized (DemoCommand.class) {
        d = devnet;
        if (d == null) {
          d = DevnetChain.generate(DEVNET_SEED);
          devnet = d;
        }
      }
    }
    return d;
  }

  /** The Fulu→Gloas crossing devnet of {@link #DEVNET_SEED} (generated once per process). */
  static DevnetChain devnetGloas() {
    DevnetChain d = devnetGloas;
    if (d == null) {
      synchronized (DemoCommand.class) {
        d = devnetGloas;
        if (d == null) {
          d = DevnetChain.generateGloasCrossing(DEVNET_SEED, 0);
          devnetGloas = d;
        }
      }
    }
    return d;
  }

  private PrintStream out;
  String dataLabel = "";
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
    say("Trestle demo: real mainnet data, generated devnets (Electra, and Fulu→Gloas) and a generated CometBFT chain,"
        + " served over loopback; no internet.");
    say("Data: " + data + " (provenance in PROVENANCE.md there)");
    say("Why two datasets: the shipped real mainnet light-client data (periods 862-867) and the real mainnet");
    say("block 21925176 are from different times, so offline no real checkpoint links to a real log end to end;");
    say("the generated devnet (own BLS keys, every root and signature computed per spec) does, from checkpoint");
    say("to bridge message. Both go through the production HTTP clients, sync driver and verifiers.");
    say("");

    dataLabel = "ethereum/tests (real conformance vectors)";
    conformance(data);
    try (RecordedChainServer mainnet = RecordedChainServer.start(RecordedDataset.heliosMainnet(data));
        RecordedChainServer devnet = RecordedChainServer.start(RecordedDataset.devnet(devnet()));
        RecordedChainServer gloas = RecordedChainServer.start(RecordedDataset.devnet(devnetGloas()))) {
      say("Recorded-chain server: mainnet at " + mainnet.url() + ", devnet at " + devnet.url()
          + ", Fulu→Gloas devnet at " + gloas.url() + " (127.0.0.1)");
      say("");
      dataLabel = "real Ethereum mainnet (helios recording) over HTTP";
      mainnetOverHttp(mainnet);
      dataLabel = "generated trestle-devnet over HTTP";
      devnetOverHttp(devnet);
      dataLabel = "generated " + DevnetChain.GLOAS_NAME + " over HTTP";
      gloasCrossingOverHttp(gloas);
    }
    dataLabel = "generated trestle-devnet (bridge block " + STREAM_DEPTH + " deep) over HTTP";
    streamOverHttp();
    dataLabel = "real Ethereum mainnet (offline files)";
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
    new CometDemo(this, data).run();
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

  /** Real mainnet light-client data through the real BeaconApiClient and SyncDriver over loopback HTTP. */
  private void mainnetOverHttp(final RecordedChainServer server) {
    final String title = "Mainnet beacon light client over HTTP: checkpoint, bootstrap, periods 862-867 (real BLS)";
    final long t = System.nanoTime();
    final List<String> lines = new ArrayList<>();
    final ChainConfig config = Networks.MAINNET;
    long now = 0;
    for (final var u : server.dataset().updates()) {
      now = Math.max(now, u.value().signatureSlot());
    }
    final long clock = now + 1; // replayed time: just after the last recorded signature
    lines.add("trusted: network config mainnet (genesis validators root " + config.genesisValidatorsRoot()
        + "), checkpoint block root " + RecordedDataset.HELIOS_CHECKPOINT + ", clock slot " + clock
        + " (replayed: just after the recording)");
    final SyncDriver d = SyncDriver.builder(config)
        .beaconApi(BeaconApiClient.of(List.of(server.url()), config))
        .signatures(SyncCommitteeVerifier.create())
        .checkpoint(RecordedDataset.HELIOS_CHECKPOINT)
        .clock(() -> clock)
        .build();
    final SyncReport r = d.sync();
    syncLines(r, lines);
    final boolean ok = r.status() == SyncReport.Status.SYNCED && d.client().isPresent();
    if (ok) {
      lines.add("finalized: " + OnlineSync.text(d.client().get().finalizedHeader()));
      lines.add("(execution branch of the finalized header verified against its beacon body root)");
    }
    record(title, ok, (System.nanoTime() - t) / 1e6, lines, ok ? null : OnlineSync.reason(r) + ": "
        + OnlineSync.detail(r));
  }

  /** The generated devnet: sync over HTTP (SSZ), then the bridge message, account and storage via JSON-RPC. */
  private void devnetOverHttp(final RecordedChainServer server) {
    final DevnetChain chain = devnet();
    final ChainConfig config = chain.config();
    final long t = System.nanoTime();
    final List<String> lines = new ArrayList<>();
    lines.add("trusted: network config " + config.name() + " (generated, seed " + chain.seed()
        + ", genesis validators root " + config.genesisValidatorsRoot() + ", chain id " + DevnetChain.CHAIN_ID
        + "), checkpoint block root " + chain.checkpointRoot() + ", clock slot " + chain.currentSlot());
    final SyncDriver d = SyncDriver.builder(config)
        .beaconApi(BeaconApiClient.of(List.of(server.url()), config))
        .signatures(SyncCommitteeVerifier.create())
        .checkpoint(chain.checkpointRoot())
        .clock(chain::currentSlot)
        .encoding(SyncDriver.Encoding.SSZ)
        .build();
    final SyncReport r = d.sync();
    syncLines(r, lines);
    final boolean ok = r.status() == SyncReport.Status.SYNCED && d.client().isPresent();
    if (ok) {
      lines.add("finalized:  " + OnlineSync.text(d.client().get().finalizedHeader()));
      lines.add("optimistic: " + OnlineSync.text(d.client().get().store().optimisticHeader()) + " (never acted on)");
    }
    record("Devnet beacon light client over HTTP (SSZ): checkpoint to the bridge block's finality", ok,
        (System.nanoTime() - t) / 1e6, lines, ok ? null : OnlineSync.reason(r) + ": " + OnlineSync.detail(r));
    if (!ok) {
      return;
    }
    final io.trestle.lightclient.LightClient client = d.client().get();
    final ExecutionRpcClient rpc = ExecutionRpcClient.of(List.of(server.url()));
    step("Bridge message via execution JSON-RPC, proven against the FINALIZED execution block",
        () -> proof(io.trestle.lightclient.ExecutionVerifier.of(client, rpc).message(
            io.trestle.lightclient.ExecutionVerifier.TxRef.hash(chain.bridgeTxHash()),
            io.trestle.lightclient.ExecutionVerifier.LogSelector.inReceipt(chain.bridgeLogIndex()))),
        m -> {
          final List<String> l = new ArrayList<>();
          l.add("trusted: the light client above; untrusted: every JSON-RPC answer");
          l.add("tx " + m.txHash() + " located by eth_getTransactionReceipt, bound to index " + m.txIndex()
              + " by the verified transactions root");
          l.add("receipts trie rebuilt from " + m.receiptCount() + " receipts = verified receipts root "
              + m.block().receiptsRoot().orElseThrow());
          for (final io.trestle.lightclient.VerifiedMessage v : m.messages()) {
            l.add("message id " + v.messageId() + " (chain " + v.chainId() + ", " + v.finality() + ")");
            l.add("block " + v.blockNumber() + " " + v.blockHash() + ", tx " + v.txIndex() + ", log " + v.logIndex()
                + ", emitter " + v.emitter());
            for (int i = 0; i < v.topics().size(); i++) {
              l.add("topic" + i + " " + v.topics().get(i));
            }
            l.add("data " + v.data().toHex());
          }
          return l;
        });
    step("Bridge account and storage slots 0, 1 via eth_getProof at the FINALIZED block",
        () -> proof(io.trestle.lightclient.ExecutionVerifier.of(client, rpc).account(DevnetChain.BRIDGE, List.of(
            VerifyAccountCommand.slotKey("0x0"), VerifyAccountCommand.slotKey("0x1")))).map(a -> a.account()),
        va -> {
          final List<String> l = accountLines(va);
          l.set(0, "trusted: the state root of the finalized execution block above");
          return l;
        });
  }

  /**
   * The Fulu→Gloas crossing devnet: sync over HTTP (SSZ, each chunk's context bytes the fork digest of its
   * attested slot), across the fork at a sync-committee period boundary, to a Gloas finalized header.
   */
  private void gloasCrossingOverHttp(final RecordedChainServer server) {
    final DevnetChain chain = devnetGloas();
    final ChainConfig config = chain.config();
    final long gloasEpoch = chain.gloasForkEpoch().orElseThrow();
    final long t = System.nanoTime();
    final List<String> lines = new ArrayList<>();
    lines.add("trusted: network config " + config.name() + " (generated, seed " + chain.seed()
        + "): Fulu " + config.forkVersion(io.trestle.lightclient.config.Fork.FULU).orElseThrow() + " at epoch 0, Gloas "
        + config.forkVersion(io.trestle.lightclient.config.Fork.GLOAS).orElseThrow() + " at epoch " + gloasEpoch
        + " (slot " + gloasEpoch * config.preset().slotsPerEpoch() + ", the first of sync-committee period "
        + config.preset().periodAtSlot(gloasEpoch * config.preset().slotsPerEpoch()) + "); checkpoint "
        + chain.checkpointRoot());
    lines.add("fork digests: fulu " + config.forkDigestAtEpoch(gloasEpoch - 1).orElseThrow() + " → gloas "
        + config.forkDigestAtEpoch(gloasEpoch).orElseThrow());
    final SyncDriver d = SyncDriver.builder(config)
        .beaconApi(BeaconApiClient.of(List.of(server.url()), config))
        .signatures(SyncCommitteeVerifier.create())
        .checkpoint(chain.checkpointRoot())
        .clock(chain::currentSlot)
        .encoding(SyncDriver.Encoding.SSZ)
        .build();
    final SyncReport r = d.sync();
    syncLines(r, lines);
    final boolean ok = r.status() == SyncReport.Status.SYNCED && d.client().isPresent()
        && d.client().get().store().fork() == io.trestle.lightclient.config.Fork.GLOAS;
    if (ok) {
      final io.trestle.lightclient.types.LightClientHeader fin = d.client().get().finalizedHeader();
      lines.add("store: bootstrap " + chain.bootstrap().fork().specName() + " → upgraded to "
          + d.client().get().store().fork().specName() + " (upgrade_lc_store_to_gloas) at the first Gloas update");
      lines.add("finalized:  " + OnlineSync.text(fin));
      lines.add("the finalized header proves execution_block_hash at gindex 2856 (bid.parent_block_hash): the newest"
          + " delivered payload on its ancestry, the EL finalized block; its own slot's payload is not covered");
      lines.add("optimistic: " + OnlineSync.text(d.client().get().store().optimisticHeader()) + " (never acted on)");
    }
    record("Fulu→Gloas devnet light client over HTTP (SSZ): across the fork to a Gloas finalized header", ok,
        (System.nanoTime() - t) / 1e6, lines, ok ? null : OnlineSync.reason(r) + ": " + OnlineSync.detail(r));
    if (!ok) {
      return;
    }
    final io.trestle.lightclient.LightClient client = d.client().get();
    final ExecutionRpcClient rpc = ExecutionRpcClient.of(List.of(server.url()));
    step("Bridge message from the Gloas-era FINALIZED header, through the re-hashed Amsterdam execution header",
        () -> proof(io.trestle.lightclient.ExecutionVerifier.of(client, rpc).message(
            io.trestle.lightclient.ExecutionVerifier.TxRef.hash(chain.bridgeTxHash()),
            io.trestle.lightclient.ExecutionVerifier.LogSelector.inReceipt(chain.bridgeLogIndex()))),
        m -> {
          final List<String> l = new ArrayList<>();
          l.add("trusted: the Gloas light client above (it proves only the execution block hash); untrusted: every"
              + " JSON-RPC answer");
          l.add("execution header from eth_getBlockByHash re-hashed to the proven hash "
              + client.finalizedHeader().executionBlockHash().orElseThrow() + " (Amsterdam, 23 fields), then its"
              + " receipts root used");
          l.add("receipts trie rebuilt from " + m.receiptCount() + " receipts = receipts root "
              + m.block().receiptsRoot().orElseThrow());
          for (final io.trestle.lightclient.VerifiedMessage v : m.messages()) {
            l.add("message id " + v.messageId() + " (chain " + v.chainId() + ", " + v.finality() + ")");
            l.add("block " + v.blockNumber() + " " + v.blockHash() + ", tx " + v.txIndex() + ", log " + v.logIndex()
                + ", emitter " + v.emitter());
          }
          return l;
        });
  }

  /** Blocks the demo's stream covers: the generated devnet with the bridge block this deep under finality. */
  static final int STREAM_DEPTH = 8;

  /**
   * A short verified message stream: the devnet generated with the bridge block {@value #STREAM_DEPTH} blocks under
   * the finalized one, served over HTTP; the light client syncs, then the stream links every block from the bridge
   * block to the finalized block, rebuilds each receipts trie and emits the bridge contract's logs.
   */
  private void streamOverHttp() {
    final long t = System.nanoTime();
    final DevnetChain chain = DevnetChain.generate(DEVNET_SEED, STREAM_DEPTH);
    final List<String> lines = new ArrayList<>();
    String error = null;
    try (RecordedChainServer server = RecordedChainServer.start(RecordedDataset.devnet(chain))) {
      final SyncDriver d = SyncDriver.builder(chain.config())
          .beaconApi(BeaconApiClient.of(List.of(server.url()), chain.config()))
          .signatures(SyncCommitteeVerifier.create())
          .checkpoint(chain.checkpointRoot())
          .clock(chain::currentSlot)
          .build();
      final SyncReport r = d.sync();
      if (r.status() != SyncReport.Status.SYNCED || d.client().isEmpty()) {
        error = OnlineSync.reason(r) + ": " + OnlineSync.detail(r);
      } else {
        final io.trestle.lightclient.ExecutionAnchor fin = d.client().get().finalizedExecution().orElseThrow();
        lines.add("trusted: the light client's finalized execution block " + fin.blockNumber() + " " + fin.blockHash()
            + "; untrusted: every JSON-RPC answer");
        final List<io.trestle.lightclient.stream.StreamMessage> got = new ArrayList<>();
        final io.trestle.lightclient.stream.MessageStream.PassResult pr = io.trestle.lightclient.stream.MessageStream.builder(
            ExecutionRpcClient.of(List.of(server.url())),
            new io.trestle.lightclient.stream.LogFilter(java.util.Set.of(DevnetChain.BRIDGE), List.of()),
            DevnetChain.CHAIN_ID, got::add).startBlock(chain.bridgeBlockNumber()).build().advanceTo(fin);
        if (pr instanceof io.trestle.lightclient.stream.MessageStream.PassResult.CaughtUp c) {
          lines.add(c.blocks() + " blocks " + chain.bridgeBlockNumber() + ".." + fin.blockNumber()
              + " linked by re-hashed headers to the finalized block; every receipts trie rebuilt = its verified root");
          for (final io.trestle.lightclient.stream.StreamMessage m : got) {
            lines.add("message " + m.id() + " block " + m.blockNumber() + " tx " + m.message().txIndex() + " log "
                + m.message().logIndex() + " topic0 " + m.message().topics().get(0));
          }
          lines.add("complete: no log of the bridge contract in these blocks can be omitted or invented by the source");
        } else {
          error = pr.toString();
        }
      }
    }
    record("Verified message stream (what `trestle watch` runs): devnet blocks bridge..finalized over HTTP",
        error == null, (System.nanoTime() - t) / 1e6, lines, error);
  }

  private static void syncLines(final SyncReport r, final List<String> lines) {
    for (final SyncEvent e : r.events()) {
      switch (e.kind()) {
        case NETWORK_CHECKED, BOOTSTRAPPED, APPLIED, IGNORED, REJECTED, ALARM, SOURCE_ERROR, RESUMED ->
            lines.add(e.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + e.message());
        default -> { }
      }
    }
  }

  /** An outcome as a step result: a source failure is thrown (the step reports it), not final yet is refused. */
  private static <T> ProofResult<T> proof(final io.trestle.lightclient.Outcome<T> o) {
    if (o instanceof io.trestle.lightclient.Outcome.Verified<T> v) {
      return new ProofResult.Verified<>(v.value());
    }
    if (o instanceof io.trestle.lightclient.Outcome.Rejected<T> rj) {
      return new ProofResult.Rejected<>(rj.reason(), rj.detail());
    }
    final io.trestle.lightclient.Outcome.Undecided<T> u = (io.trestle.lightclient.Outcome.Undecided<T>) o;
    if (u.sourceFailure().isPresent()) {
      throw u.sourceFailure().get();
    }
    throw new IllegalStateException(u.why() + ": " + u.detail());
  }

  private <T> Optional<T> step(final String title, final Supplier<ProofResult<T>> body,
      final java.util.function.Function<T, List<String>> lines) {
    final long t = System.nanoTime();
    ProofResult<T> r;
    try {
      r = body.get();
    } catch (io.trestle.lightclient.source.SourceException e) {
      record(title, false, (System.nanoTime() - t) / 1e6, List.of(), e.error() + ": " + e.getMessage());
      return Optional.empty();
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

  void record(final String title, final boolean ok, final double ms, final List<String> lines,
      final String error) {
    if (!ok) {
      failures++;
    }
    final ObjectNode s = Output.object();
    s.put("step", title);
    s.put("data", dataLabel);
    s.put("verified", ok);
    s.put("millis", Math.round(ms * 10) / 10.0);
    final ArrayNode d = s.putArray("details");
    lines.forEach(d::add);
    if (error != null) {
      s.put("error", error);
    }
    steps.add(s);
    say(String.format("[%s] %s (%.1f ms)  [%s]", ok ? "ok" : "FAIL", title, ms, dataLabel));
    lines.forEach(l -> say("      " + l));
    if (error != null) {
      say("      " + error);
    }
  }

  private static List<String> accountLines(final VerifiedAccount va) {
    final List<String> l = new ArrayList<>();
    l.add("trusted: the state root of the block verified above");
    if (va.account().isPresent()) {
      final io.trestle.proofs.state.Account pAccount = va.account().get();
      l.add("account " + va.address() + ": nonce " + pAccount.nonce() + ", balance " + pAccount.balance()
          + " wei");
      l.add("storage root " + pAccount.storageRoot() + ", code hash " + pAccount.codeHash());
    } else {
      l.add("account " + va.address() + ": absent");
    }
    for (final VerifiedSlot s : va.storage()) {
      l.add("slot " + s.key() + " = 0x" + s.value().toString(16) + (s.present() ? "" : " (absent)"));
    }
    return l;
  }

  void say(final String line) {
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
    return "demo [--data DIR] [--json]   the main job: real mainnet + generated devnet over loopback HTTP, no"
        + " network";
  }
}
