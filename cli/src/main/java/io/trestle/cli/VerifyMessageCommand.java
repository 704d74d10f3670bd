package io.trestle.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.ExecutionVerifier;
import io.trestle.lightclient.ExecutionVerifier.LogSelector;
import io.trestle.lightclient.Outcome;
import io.trestle.lightclient.VerifiedMessage;
import io.trestle.lightclient.VerifiedTransaction;
import io.trestle.lightclient.source.ExecutionRpcClient;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/**
 * {@code trestle verify message}: syncs the light client (or resumes from {@code --store}), takes the FINALIZED
 * execution anchor and proves the log(s) of a transaction with untrusted JSON-RPC data. A thin caller of
 * {@link ExecutionVerifier#message} (see it for exactly what is fetched and checked); this class only parses
 * options and prints. Trusted: the network, the checkpoint (or store), the clock.
 *
 * <p>{@code --log-index M} is the position of the log inside its receipt (0 = first log of that transaction).
 * {@code --block-log-index N} takes instead the block-wide {@code logIndex} JSON-RPC reports in logs, mapped to
 * the position by the log counts of the verified receipts (the RPC's own {@code logIndex} labels are not
 * trusted). Without either, every log of the receipt is verified.
 *
 * <p>Exit 0 verified, 1 rejected or source failure, 2 usage/configuration (wrong network). {@code --json}: one
 * object {@code {verified, network, finalized, block, tx, txIndex, messages:[...]}} or {@code {verified:false,
 * reason, detail}} (see {@link Output#outcome} for the undecided case).
 */
final class VerifyMessageCommand implements Command {
  @Override
  public int dispatch(final List<String> argv, final PrintStream out, final PrintStream err) {
    final Args a = Args.parse(argv, OnlineSync.union(OnlineSync.valueOptions(),
        Set.of("execution-rpc", "tx", "log-index", "block-log-index")), OnlineSync.FLAG_OPTIONS);
    if (!a.positional().isEmpty()) {
      throw new UsageException("unexpected argument '" + a.positional().get(0) + "'");
    }
    final boolean json = a.flag("json");
    final Hash32 tx = OnlineSync.hash(a.required("tx"), "tx");
    if (a.option("log-index").isPresent() && a.option("block-log-index").isPresent()) {
      throw new UsageException("give --log-index (position in the receipt) or --block-log-index, not both");
    }
    final LogSelector which;
    if (a.option("log-index").isPresent()) {
      final long m = a.requiredLong("log-index");
      if (m > Integer.MAX_VALUE) {
        throw new UsageException("--log-index too large");
      }
      which = LogSelector.inReceipt((int) m);
    } else if (a.option("block-log-index").isPresent()) {
      which = LogSelector.blockWide(a.requiredLong("block-log-index"));
    } else {
      which = LogSelector.all();
    }
    final OnlineSync.Setup s = OnlineSync.setup(a);
    if (s.config().depositChainId().isEmpty()) {
      throw new UsageException("network " + s.config().name() + " has no DEPOSIT_CHAIN_ID: a message's chain id"
          + " must come from the trusted config, not from the execution RPC");
    }
    final ExecutionRpcClient rpc = OnlineSync.executionRpc(a);
    final OnlineSync.Synced synced = OnlineSync.syncFor(s, json, out, err);
    if (synced.client().isEmpty()) {
      return synced.exit();
    }
    final Outcome<VerifiedTransaction> r =
        ExecutionVerifier.of(synced.client().get(), rpc).message(ExecutionVerifier.TxRef.hash(tx), which);
    if (!(r instanceof Outcome.Verified<VerifiedTransaction> v)) {
      return Output.outcome(r, json, out);
    }
    final VerifiedTransaction m = v.value();
    if (json) {
      Output.print(toJson(s, m), out);
    } else {
      print(s, m, out);
    }
    return OK;
  }

  static ObjectNode toJson(final OnlineSync.Setup s, final VerifiedTransaction m) {
    final ObjectNode o = Output.object();
    o.put("verified", true);
    o.put("network", s.config().name());
    final ObjectNode f = o.putObject("finalized");
    f.put("beaconSlot", m.finalizedAnchor().beaconSlot());
    f.put("beaconRoot", m.finalizedAnchor().beaconRoot().toHex());
    f.put("blockNumber", m.finalizedAnchor().blockNumber());
    f.put("blockHash", m.finalizedAnchor().blockHash().toHex());
    o.put("ancestorDepth", m.block().depth());
    o.put("tx", m.txHash().toHex());
    o.put("txIndex", m.txIndex());
    final ArrayNode arr = o.putArray("messages");
    m.messages().forEach(v -> arr.add(message(v)));
    return o;
  }

  static ObjectNode message(final VerifiedMessage v) {
    final ObjectNode o = Output.object();
    o.put("messageId", v.messageId().toHex());
    o.put("chainId", v.chainId());
    o.put("finality", v.finality().name());
    o.put("beaconSlot", v.beaconSlot());
    o.put("blockNumber", v.blockNumber());
    o.put("blockHash", v.blockHash().toHex());
    o.put("txIndex", v.txIndex());
    o.put("logIndex", v.logIndex());
    o.put("emitter", v.emitter().toHex());
    final ArrayNode t = o.putArray("topics");
    v.topics().forEach(x -> t.add(x.toHex()));
    o.put("data", v.data().toHex());
    v.txSucceeded().ifPresent(b -> o.put("txSucceeded", b));
    return o;
  }

  static void print(final OnlineSync.Setup s, final VerifiedTransaction m, final PrintStream out) {
    out.println("light client: " + s.config().name() + ", finalized beacon slot " + m.finalizedAnchor().beaconSlot()
        + " → execution block " + m.finalizedAnchor().blockNumber() + " " + m.finalizedAnchor().blockHash());
    if (m.block().depth() > 0) {
      out.println("walked back " + m.block().depth() + " block(s) by parent hash to block " + m.block().blockNumber());
    }
    out.println("tx " + m.txHash() + " is transaction " + m.txIndex() + " of block " + m.block().blockNumber()
        + " (transactions root verified); receipts trie rebuilt from " + m.receiptCount()
        + " receipts = verified receipts root");
    for (final VerifiedMessage v : m.messages()) {
      out.println("VERIFIED message " + v.messageId());
      out.println("  chain id   " + v.chainId() + ", " + v.finality());
      out.println("  block      " + v.blockNumber() + " " + v.blockHash() + " (beacon slot " + v.beaconSlot() + ")");
      out.println("  tx/log     tx index " + v.txIndex() + ", log " + v.logIndex() + " of the receipt"
          + v.txSucceeded().map(b -> b ? ", tx succeeded" : ", tx FAILED").orElse(""));
      out.println("  emitter    " + v.emitter());
      for (int i = 0; i < v.topics().size(); i++) {
        out.println("  topic" + i + "     " + v.topics().get(i));
      }
      out.println("  data       " + v.data().toHex());
    }
  }

  @Override
  public String usage() {
    return "verify message [--network NAME] --beacon-api URL --execution-rpc URL --tx HASH [--log-index M |"
        + " --block-log-index N]\n     (--checkpoint ROOT | --store DIR) [--current-slot N] [--json]"
        + "   (M = position in the receipt; N = JSON-RPC block-wide logIndex)";
  }
}
