package io.trestle.cli;

import io.trestle.testkit.serve.CometRpcServer;
import io.trestle.cosmos.AppHash;
import io.trestle.cosmos.ibc.IbcPaths;
import io.trestle.cosmos.ibc.PacketV1;
import io.trestle.cosmos.ibc.StateProofVerifier;
import io.trestle.cosmos.ibc.VerifiedState;
import io.trestle.cosmos.ics23.Ics23Codec;
import io.trestle.cosmos.ics23.Ics23Result;
import io.trestle.cosmos.ics23.tree.IavlTree;
import io.trestle.cosmos.ics23.tree.SimpleMerkleMap;
import io.trestle.cosmos.light.Bisection;
import io.trestle.cosmos.light.Detector;
import io.trestle.cosmos.light.IbcClientUpdate;
import io.trestle.cosmos.light.LightBlock;
import io.trestle.cosmos.light.LightResult;
import io.trestle.cosmos.light.SyncOutcome;
import io.trestle.cosmos.light.SyncStep;
import io.trestle.cosmos.light.TrustedState;
import io.trestle.cosmos.light.VerifyOptions;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hex;
import io.trestle.vectors.CaseResult;
import io.trestle.vectors.FileResult;
import io.trestle.vectors.RunResult;
import io.trestle.vectors.VectorRunner;
import io.trestle.vectors.cosmos.CometChain;
import io.trestle.vectors.cosmos.TendermintSingleStepSuite;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CometBFT part of {@code trestle demo}: the tendermint-rs single-step vectors, a real simd-chain IBC
 * client update, and a generated CometBFT chain (own Ed25519 validators, a validator-set change, a full
 * replacement that needs bisection) served over loopback RPC, cross-checked against an honest and a lying
 * witness, ending with an IBC packet commitment proven with ICS-23 against the verified app hash.
 */
final class CometDemo {
  static final String CHAIN = "trestle-comet-1";
  static final Instant GENESIS = Instant.parse("2026-01-01T00:00:00Z");
  private final DemoCommand host;
  private final Path data;

  CometDemo(final DemoCommand host, final Path data) {
    this.host = host;
    this.data = data;
  }

  /** The packet the demo chain commits (IBC v1, ICS-20 style data). */
  static PacketV1 packet() {
    return new PacketV1("transfer", "channel-0", 7, 1, 500, 1_800_000_000_000_000_000L,
        Bytes.of("{\"amount\":\"100\",\"denom\":\"stake\",\"receiver\":\"cosmos1r\",\"sender\":\"cosmos1s\"}"
            .getBytes(StandardCharsets.UTF_8)));
  }

  /** The demo chain's ibc store and multistore (the same state at every height). */
  record State(IavlTree ibc, SimpleMerkleMap multistore) {}

  static State state() {
    final Map<Bytes, Bytes> ibc = new LinkedHashMap<>();
    ibc.put(packet().commitmentKey(), packet().commitment());
    for (int i = 1; i <= 12; i++) {
      ibc.put(IbcPaths.packetCommitmentV1("transfer", "channel-" + i, 1), Bytes.of(new byte[] {(byte) i}));
    }
    final IavlTree tree = IavlTree.of(ibc, 1);
    final Map<String, Bytes> stores = new LinkedHashMap<>();
    stores.put("acc", CometChain.sha("acc"));
    stores.put("bank", CometChain.sha("bank"));
    stores.put("ibc", tree.root());
    stores.put("staking", CometChain.sha("staking"));
    return new State(tree, SimpleMerkleMap.ofStores(stores));
  }

  /** The generated demo chain: app hash = the multistore root from height 2 on. */
  static CometChain chain(final State s) {
    return CometChain.demo(CHAIN, GENESIS, 30, h -> h == 1 ? CometChain.sha("genesis-app") : s.multistore().root());
  }

  void run() {
    host.say("");
    host.say("CometBFT (Cosmos / IBC): the light client that follows validator signatures, and ICS-23 state proofs.");
    host.dataLabel = "tendermint-rs model-based vectors (real signatures, synthetic chain)";
    final Path single = data.resolve("tendermint-rs/light-client/tests/support/model_based/single_step");
    step("CometBFT single-step verdicts (tendermint-rs, 30 files)", () -> {
      final RunResult r = new VectorRunner(List.of(new TendermintSingleStepSuite())).run(List.of(single));
      final List<String> lines = new ArrayList<>();
      final List<String> fails = new ArrayList<>();
      for (final FileResult f : r.files()) {
        for (final CaseResult c : f.failures()) {
          fails.add(f.displayName() + " " + c.name() + ": " + c.message());
        }
      }
      lines.add(r.passed() + " steps passed with their exact verdict (SUCCESS / NOT_ENOUGH_TRUST / INVALID), "
          + r.failed() + " failed, " + r.skipped() + " skipped");
      return fails.isEmpty() && r.passed() > 0 ? Optional.of(lines) : fail(String.join("; ", fails));
    });

    host.dataLabel = "real simd chain (solidity-ibc-eureka fixture)";
    step("IBC 07-tendermint client update from a real simd chain (height 20 -> 38)", () -> {
      final JsonNode f = new ObjectMapper().readTree(Files.readAllBytes(
          data.resolve("solidity-ibc-eureka/packages/tendermint-light-client/fixtures/update_client_happy_path.json")));
      final LightResult<IbcClientUpdate> u = IbcClientUpdate.decode(Hex.decode(f.get("client_state_hex").asText()),
          Hex.decode(f.get("consensus_state_hex").asText()),
          Hex.decode(f.get("update_client_message").get("client_message_hex").asText()));
      if (u instanceof LightResult.Rejected<IbcClientUpdate> r) {
        return fail(r.reason() + ": " + r.detail());
      }
      final Instant now = u.value().consensusState().timestamp().plus(Duration.ofHours(1));
      final LightResult<TrustedState> v = u.value().verify(now);
      if (v instanceof LightResult.Rejected<TrustedState> r) {
        return fail(r.reason() + ": " + r.detail());
      }
      return Optional.of(List.of(
          "trusted: the client's consensus state at height 20 (next validators "
              + u.value().consensusState().nextValidatorsHash().toHex().substring(0, 18) + "...)",
          "verified height " + v.value().height() + " hash " + v.value().headerHash().toHex() + " (skipping, trust "
              + u.value().clientState().trustLevel() + ", 2 validators), now = trusted time + 1 h"));
    });

    host.dataLabel = "generated CometBFT chain over loopback RPC";
    final State st = state();
    final CometChain chain = chain(st);
    final List<LightBlock> rpcBlocks = new ArrayList<>();
    for (long h = 1; h <= chain.latestHeight(); h++) {
      rpcBlocks.add(chain.rpcBlock(h));
    }
    final LightBlock fork30 = CometChain.sign(chain.block(30).header().withAppHash(CometChain.sha("forged state")),
        chain.block(30).validatorSet(), Optional.empty(), chain.keys(), CometChain.allOf(chain.block(30).validatorSet()),
        CHAIN, 0);
    final VerifyOptions options = VerifyOptions.defaults(Duration.ofDays(14));
    final Instant now = GENESIS.plus(Duration.ofHours(2));
    try (CometRpcServer primary = CometRpcServer.start(rpcBlocks);
        CometRpcServer witness = CometRpcServer.start(rpcBlocks);
        CometRpcServer liar = CometRpcServer.startForked(rpcBlocks, h -> h == 30 ? fork30 : null)) {
      host.say("CometBFT RPC stand-ins: primary " + primary.url() + ", witness " + witness.url() + ", lying witness "
          + liar.url());
      final Bytes trustedHash = chain.block(1).commit().blockId().hash();
      final TrustedState[] end = new TrustedState[1];
      final LightBlock[] endBlock = new LightBlock[1];
      final CometRpcSource src = new CometRpcSource(primary.url());
      step("Sync 1 -> 30 over RPC: set change at 11, full replacement at 21 (bisection)", () -> {
        final Optional<LightBlock> b1 = src.lightBlock(1);
        if (b1.isEmpty()) {
          return fail("no block 1 from the primary: " + src.lastError());
        }
        final LightResult<TrustedState> root = TrustedState.fromTrustedBlock(b1.get(), trustedHash);
        if (root instanceof LightResult.Rejected<TrustedState> r) {
          return fail(r.reason() + ": " + r.detail());
        }
        final SyncOutcome o = Bisection.sync(root.value(), 30, src, options, now);
        final List<String> lines = new ArrayList<>();
        lines.add("trusted: height 1 hash " + trustedHash.toHex() + " (operator's trust root); validators A,B,C,D at"
            + " 1-10, A,B,E,F at 11-20, E,F,G,H from 21, each power 10");
        for (final SyncStep s : o.steps()) {
          lines.add(s.fromHeight() + " -> " + s.height() + (s.adjacent() ? " adjacent: " : " skipping: ") + s.verdict()
              + s.reason().map(r -> " (" + r + ")").orElse(""));
        }
        if (!o.reachedTarget()) {
          return fail(o.failure().get().reason() + ": " + o.failure().get().detail());
        }
        end[0] = o.state();
        endBlock[0] = src.lightBlock(30).orElseThrow();
        lines.add("verified height 30 hash " + o.state().headerHash().toHex() + " app hash "
            + o.state().appHash().map(Bytes::toHex).orElse("?"));
        return Optional.of(lines);
      });
      if (end[0] == null) {
        return;
      }
      step("Witness cross-check at height 30 (honest witness, lying witness)", () -> {
        final TrustedState root = TrustedState.fromTrustedBlock(chain.rpcBlock(1), trustedHash).value();
        final Detector.Report rep = Detector.crossCheck(root, endBlock[0],
            List.of(new CometRpcSource(witness.url()), new CometRpcSource(liar.url())), options, now);
        final List<String> lines = new ArrayList<>();
        for (final Detector.WitnessResult w : rep.results()) {
          lines.add("witness " + w.witness() + ": " + describe(w));
        }
        if (!(rep.results().get(0) instanceof Detector.Agrees) || !rep.alarm()) {
          return fail("expected agreement from the honest witness and an alarm from the lying one: " + lines);
        }
        lines.add("ALARM: two validly signed headers at height 30 (the validators signed both: "
            + rep.evidence().get().attackType() + "); portable evidence of "
            + rep.evidence().get().toJson().toString().length() + " JSON bytes; the trusted state is NOT updated");
        return Optional.of(lines);
      });
      step("IBC packet commitment proven with ICS-23 against the verified app hash", () -> {
        final Optional<AppHash> anchor = end[0].verifiedAppHash();
        if (anchor.isEmpty()) {
          return fail("the verified header has no app hash");
        }
        final byte[] proof = Ics23Codec.encodeMerkleProof(List.of(st.ibc().prove(packet().commitmentKey()),
            st.multistore().prove("ibc")));
        final Ics23Result<VerifiedState.Present> r = StateProofVerifier.verifyPacketCommitmentV1(anchor.get(), packet(),
            proof);
        if (r instanceof Ics23Result.Rejected<VerifiedState.Present> x) {
          return fail(x.reason() + ": " + x.detail());
        }
        final VerifiedState.Present p = r.orElseThrow();
        return Optional.of(List.of(
            "trusted: the app hash of header 30, verified above by the light client",
            "packet transfer/channel-0 #7 committed: " + p.path() + " = " + p.value().toHex(),
            "proof: IAVL existence in store 'ibc' + Tendermint (simple Merkle) existence of 'ibc' in the multistore"));
      });
    } catch (RuntimeException e) {
      host.record("CometBFT loopback part", false, 0, List.of(), "internal error: " + e);
    }
  }

  private static String describe(final Detector.WitnessResult w) {
    if (w instanceof Detector.Agrees) {
      return "agrees";
    }
    if (w instanceof Detector.Unavailable u) {
      return "unavailable (" + u.detail() + ")";
    }
    if (w instanceof Detector.Faulty f) {
      return "faulty, ignored (" + f.reason() + ")";
    }
    final Detector.Conflict c = (Detector.Conflict) w;
    return "CONFLICT: hash " + c.evidence().secondHash().toHex().substring(0, 18) + "... vs primary "
        + c.evidence().firstHash().toHex().substring(0, 18) + "..., both verify from height "
        + c.evidence().commonHeight();
  }

  private interface Body {
    Optional<List<String>> run() throws Exception;
  }

  private static Optional<List<String>> fail(final String why) {
    throw new StepFailed(why);
  }

  private static final class StepFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StepFailed(final String m) {
      super(m, null, false, false);
    }
  }

  private void step(final String title, final Body body) {
    final long t = System.nanoTime();
    try {
      final Optional<List<String>> lines = body.run();
      host.record(title, true, (System.nanoTime() - t) / 1e6, lines.orElse(List.of()), null);
    } catch (StepFailed e) {
      host.record(title, false, (System.nanoTime() - t) / 1e6, List.of(), e.getMessage());
    } catch (Exception e) {
      host.record(title, false, (System.nanoTime() - t) / 1e6, List.of(), e.getClass().getSimpleName() + ": "
          + e.getMessage());
    }
  }

}
