package io.trestle.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.execution.BeaconPayloadVerifier;
import io.trestle.proofs.execution.VerifiedPayload;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code trestle verify payload --beacon-block FILE [--json]}: rebuilds the execution header from a
 * beacon block's execution payload and checks it hashes to the payload's {@code block_hash}.
 */
final class VerifyPayloadCommand implements Command {
  @Override
  public int dispatch(final List<String> argv, final PrintStream out, final PrintStream err) {
    final Args a = Args.parse(argv, Set.of("beacon-block"), Set.of("json"));
    if (!a.positional().isEmpty()) {
      throw new UsageException("unexpected argument '" + a.positional().get(0) + "'");
    }
    final boolean json = a.flag("json");
    final JsonNode block = ExecInputs.readJson(a.required("beacon-block"));
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

  @Override
  public String usage() {
    return "verify payload --beacon-block FILE [--json]";
  }
}
