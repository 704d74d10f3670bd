package io.trestle.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.execution.BeaconPayloadVerifier;
import io.trestle.proofs.execution.EnvelopeVerifier;
import io.trestle.proofs.execution.VerifiedEnvelope;
import io.trestle.proofs.execution.VerifiedPayload;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code trestle verify payload --beacon-block FILE [--envelope FILE [--network NAME]] [--json]}: rebuilds the
 * execution header from a beacon block's execution payload and checks it hashes to the payload's {@code
 * block_hash}. For a Gloas block (EIP-7732) the payload is in a separate signed envelope ({@code --envelope}),
 * which is first bound to the block's bid ({@link EnvelopeVerifier}); with {@code --network} the payload's
 * timestamp is checked against the slot's time too. The output lists what was and was not verified.
 */
final class VerifyPayloadCommand implements Command {
  @Override
  public int dispatch(final List<String> argv, final PrintStream out, final PrintStream err) {
    final Args a = Args.parse(argv, Set.of("beacon-block", "envelope", "network", "genesis-validators-root"),
        Set.of("json"));
    if (!a.positional().isEmpty()) {
      throw new UsageException("unexpected argument '" + a.positional().get(0) + "'");
    }
    final boolean json = a.flag("json");
    final JsonNode block = ExecInputs.readJson(a.required("beacon-block"));
    final boolean gloas = "gloas".equalsIgnoreCase(block.path("version").asText(""));
    if (a.option("envelope").isPresent()) {
      final Optional<EnvelopeVerifier.SlotTiming> timing = a.option("network").isPresent()
          ? Optional.of(slotTiming(OnlineSync.network(a))) : Optional.empty();
      return envelope(block, ExecInputs.readJson(a.option("envelope").get()), timing, json, out);
    }
    if (a.option("network").isPresent()) {
      throw new UsageException("--network is used with --envelope (to check the Gloas payload's timestamp)");
    }
    if (gloas) {
      throw new UsageException("a gloas beacon block carries only the builder's bid (EIP-7732): pass the"
          + " execution payload envelope with --envelope FILE");
    }
    final ProofResult<VerifiedPayload> r = BeaconPayloadVerifier.verify(block);
    if (r instanceof ProofResult.Rejected<VerifiedPayload> rej) {
      return Output.rejected(rej, json, out);
    }
    final VerifiedPayload vp = r.orElseThrow();
    final String fork = vp.fork().name().toLowerCase(Locale.ROOT);
    if (json) {
      final ObjectNode o = Output.object();
      o.put("verified", true);
      o.put("fork", fork);
      vp.slot().ifPresent(s -> o.put("slot", s));
      ExecInputs.putHeader(o, vp.header());
      o.put("transactionCount", vp.transactionCount());
      vp.withdrawalCount().ifPresent(n -> o.put("withdrawalCount", n));
      Output.print(o, out);
    } else {
      out.println("verified payload " + fork + " block " + vp.blockNumber() + " " + vp.blockHash().toHex());
      vp.slot().ifPresent(s -> out.println("  beacon slot " + s + " (as given; beacon block not verified here)"));
      out.println("  transactions root: rebuilt from " + vp.transactionCount() + " raw transaction(s)");
      vp.withdrawalCount().ifPresent(n -> out.println("  withdrawals root: rebuilt from " + n + " withdrawal(s)"));
      vp.header().parentBeaconBlockRoot().ifPresent(p -> out.println("  parent beacon block root: " + p.toHex()));
      vp.requestsHash().ifPresent(h -> out.println("  requests hash (EIP-7685): " + h.toHex()));
      out.println("  block hash: keccak(rlp(rebuilt header)) equals block_hash");
    }
    return OK;
  }

  /** {@code --envelope}: a Gloas block's payload envelope bound to its bid. */
  private static EnvelopeVerifier.SlotTiming slotTiming(final ChainConfig c) {
    return new EnvelopeVerifier.SlotTiming(c.genesisTime(), c.secondsPerSlot());
  }

  private static int envelope(final JsonNode block, final JsonNode envelope,
      final Optional<EnvelopeVerifier.SlotTiming> timing, final boolean json, final PrintStream out) {
    final ProofResult<VerifiedEnvelope> r = EnvelopeVerifier.verify(block, envelope, timing);
    if (r instanceof ProofResult.Rejected<VerifiedEnvelope> rej) {
      return Output.rejected(rej, json, out);
    }
    final VerifiedEnvelope v = r.orElseThrow();
    final VerifiedPayload vp = v.payload();
    if (json) {
      final ObjectNode o = Output.object();
      o.put("verified", true);
      o.put("fork", "gloas");
      o.put("slot", new java.math.BigInteger(Long.toUnsignedString(v.beaconSlot()))); // a number, as before Gloas
      ExecInputs.putHeader(o, vp.header());
      o.put("transactionCount", vp.transactionCount());
      vp.withdrawalCount().ifPresent(n -> o.put("withdrawalCount", n));
      o.put("builderIndex", Long.toUnsignedString(v.builderIndex()));
      o.put("selfBuilt", v.selfBuilt());
      o.put("executionRequestsRoot", v.executionRequestsRoot().toHex());
      o.put("blobCommitments", v.blobCommitments());
      o.put("claimedBeaconBlockRoot", v.claimedBeaconBlockRoot().toHex());
      final ArrayNode checked = o.putArray("checked");
      v.verified().forEach(checked::add);
      final ArrayNode not = o.putArray("notVerified");
      v.notVerified().forEach(not::add);
      Output.print(o, out);
    } else {
      out.println("verified payload gloas block " + vp.blockNumber() + " " + vp.blockHash().toHex()
          + " (envelope bound to the bid of beacon slot " + Long.toUnsignedString(v.beaconSlot()) + ")");
      v.verified().forEach(s -> out.println("  checked: " + s));
      v.notVerified().forEach(s -> out.println("  NOT verified: " + s));
    }
    return OK;
  }

  @Override
  public String usage() {
    return "verify payload --beacon-block FILE [--envelope FILE [--network NAME]] [--json]";
  }
}
