package io.trestle.examples.relayer;

import io.trestle.crypto.Address;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Keccak256;
import io.trestle.lightclient.ExecutionVerifier;
import io.trestle.lightclient.ExecutionVerifier.LogSelector;
import io.trestle.lightclient.ExecutionVerifier.TxRef;
import io.trestle.lightclient.LightClient;
import io.trestle.lightclient.MessagePolicy;
import io.trestle.lightclient.Outcome;
import io.trestle.lightclient.ReasonCode;
import io.trestle.lightclient.VerifiedMessage;
import io.trestle.lightclient.VerifiedTransaction;
import io.trestle.lightclient.bls.SyncCommitteeVerifier;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.config.Networks;
import io.trestle.lightclient.source.BeaconApiClient;
import io.trestle.lightclient.source.ExecutionRpcClient;
import io.trestle.lightclient.sync.SyncDriver;
import io.trestle.lightclient.sync.SyncDriver.SyncReport;
import io.trestle.proofs.ProofResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A complete, minimal relayer on Trestle's exported API: it follows beacon finality from a trusted checkpoint and,
 * for each transaction it was told about, delivers the bridge contract's events once they are verified on the
 * finalized chain. Transactions that are not final yet, or whose data could not be fetched, stay pending and are
 * retried on the next round; forged data is dropped with its reason.
 *
 * <pre>
 * relayer --network mainnet|sepolia|hoodi|CONFIG.yaml [--genesis-validators-root HEX] --beacon-api URL[,URL...]
 *         --execution-rpc URL --checkpoint ROOT --bridge ADDRESS --event 'MessageSent(bytes32,address,bytes)'
 *         --tx HASH[,HASH...] [--rounds N] [--interval-ms N] [--current-slot N]
 * </pre>
 *
 * <p>Trusted: the network configuration and the checkpoint root (supply them out of band). Untrusted: every beacon
 * and execution endpoint. The loop is single-threaded, as {@link SyncDriver} requires.
 */
public final class Relayer {
  private Relayer() {}

  /** Runs the relayer; exit code 0 when every transaction was delivered or dropped, 1 otherwise, 2 usage. */
  public static void main(final String[] argv) throws Exception {
    System.exit(run(List.of(argv), System.out));
  }

  /** What the loop does with a delivered message (a real relayer submits it to the destination chain). */
  @FunctionalInterface
  interface Sink {
    void deliver(VerifiedMessage m);
  }

  static int run(final List<String> argv, final PrintStream out) throws IOException, InterruptedException {
    final Map<String, String> a = new HashMap<>();
    for (int i = 0; i + 1 < argv.size(); i += 2) {
      if (!argv.get(i).startsWith("--")) {
        out.println("usage: see the class comment");
        return 2;
      }
      a.put(argv.get(i).substring(2), argv.get(i + 1));
    }
    for (final String req : List.of("beacon-api", "execution-rpc", "checkpoint", "bridge", "event", "tx")) {
      if (!a.containsKey(req)) {
        out.println("missing --" + req);
        return 2;
      }
    }
    final ChainConfig network = network(a.getOrDefault("network", "mainnet"), a.get("genesis-validators-root"));
    final List<String> beaconUrls = List.of(a.get("beacon-api").split(","));
    final List<String> rpcUrls = List.of(a.get("execution-rpc").split(","));
    final Hash32 checkpoint = Hash32.fromHex(a.get("checkpoint"));
    final Address bridge = Address.fromHex(a.get("bridge"));
    final Hash32 event = Keccak256.hash(a.get("event").getBytes(StandardCharsets.US_ASCII));
    final Set<Hash32> pending = new LinkedHashSet<>();
    for (final String t : a.get("tx").split(",")) {
      pending.add(Hash32.fromHex(t));
    }
    final int rounds = Integer.parseInt(a.getOrDefault("rounds", "3"));
    final long intervalMs = Long.parseLong(a.getOrDefault("interval-ms", "12000"));
    final Long currentSlot = a.containsKey("current-slot") ? Long.valueOf(a.get("current-slot")) : null;
    final Sink sink = m -> out.println("DELIVERED " + m.messageId() + " chain " + m.chainId() + " block "
        + m.blockNumber() + " tx " + m.txIndex() + " log " + m.logIndex() + " data " + m.data().toHex());

    // README:BEGIN
    SyncDriver.Builder builder = SyncDriver.builder(network)           // trusted network configuration
        .beaconApi(BeaconApiClient.of(beaconUrls, network))          // untrusted; fail-over on dead or lying ones
        .signatures(SyncCommitteeVerifier.create())
        .checkpoint(checkpoint);                                     // trusted, out of band
    if (currentSlot != null) {
      builder = builder.clock(() -> currentSlot);                    // replaying recorded data; default: wall clock
    }
    SyncDriver driver = builder.build();
    ExecutionRpcClient rpc = ExecutionRpcClient.of(rpcUrls);         // untrusted
    MessagePolicy policy = MessagePolicy.of(bridge, event);          // finalized, succeeded, our contract and event
    Set<Hash32> delivered = new HashSet<>();                         // a real relayer keeps this ledger durable

    for (int round = 0; round < rounds && !pending.isEmpty(); round++) {
      SyncReport report = driver.sync();                             // verify whatever the beacon nodes serve
      out.println("sync: " + report.status());
      if (report.status() == SyncReport.Status.ALARM) {
        return 1;                                                    // validly signed conflicting data: stop, page someone
      }
      if (driver.client().isPresent()) {
        LightClient lc = driver.client().get();
        ExecutionVerifier verifier = ExecutionVerifier.of(lc, rpc);
        for (Hash32 tx : new ArrayList<>(pending)) {
          Outcome<VerifiedTransaction> o = verifier.message(TxRef.hash(tx), LogSelector.all());
          if (o instanceof Outcome.Verified<VerifiedTransaction> v) {
            for (VerifiedMessage m : v.value().messages()) {
              ProofResult<VerifiedMessage> ok = policy.checkNew(m, delivered::contains);
              if (ok.isVerified()) {
                sink.deliver(m);
                delivered.add(m.messageId());
              } else if (ok instanceof ProofResult.Rejected<VerifiedMessage> no) {
                out.println("skipped log " + m.logIndex() + " of " + tx + ": " + ReasonCode.of(no.reason()));
              }
            }
            pending.remove(tx);
          } else if (o instanceof Outcome.Rejected<VerifiedTransaction> r) {
            out.println("DROPPED " + tx + ": " + ReasonCode.of(r.reason()) + ": " + r.detail());
            pending.remove(tx);                                      // forged or wrong: never retried
          } else {
            out.println("pending " + tx + ": " + ReasonCode.of(o)); // not final yet, or a source failed: retry
          }
        }
      }
      if (!pending.isEmpty() && round + 1 < rounds) {
        Thread.sleep(intervalMs);
      }
    }
    // README:END
    return pending.isEmpty() ? 0 : 1;
  }

  /** A built-in network by name, or a consensus {@code config.yaml} with its genesis validators root. */
  static ChainConfig network(final String name, final String genesisValidatorsRoot) throws IOException {
    if (Networks.byName(name).isPresent()) {
      return Networks.byName(name).get();
    }
    if (genesisValidatorsRoot == null) {
      throw new IllegalArgumentException("a config.yaml network needs --genesis-validators-root");
    }
    return ChainConfig.fromConfigYaml(Files.readString(Path.of(name)), Hash32.fromHex(genesisValidatorsRoot));
  }
}
