package io.trestle.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.VerificationException;
import io.trestle.proofs.execution.BlockVerifier;
import io.trestle.proofs.execution.VerifiedBlock;
import io.trestle.proofs.json.RpcJson;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code trestle verify block --block FILE [--receipts FILE] [--json]}: recomputes a JSON-RPC block's
 * hash, transactions root (full transactions only), withdrawals root and, with receipts, the receipts
 * root. Exit 0 only if every recomputed value matches.
 */
final class VerifyBlockCommand implements Command {
  @Override
  public int dispatch(final List<String> argv, final PrintStream out, final PrintStream err) {
    final Args a = Args.parse(argv, Set.of("block", "receipts"), Set.of("json"));
    if (!a.positional().isEmpty()) {
      throw new UsageException("unexpected argument '" + a.positional().get(0) + "'");
    }
    final boolean json = a.flag("json");
    final JsonNode blockFile = ExecInputs.readJson(a.required("block"));
    final Optional<JsonNode> receipts = a.option("receipts").map(ExecInputs::readJson);
    ProofResult<VerifiedBlock> r;
    try {
      r = BlockVerifier.verify(RpcJson.unwrapResult(blockFile), receipts);
    } catch (VerificationException e) {
      r = new ProofResult.Rejected<>(e.reason(), e.detail());
    }
    if (r instanceof ProofResult.Rejected<VerifiedBlock> rej) {
      return Output.rejected(rej, json, out);
    }
    final VerifiedBlock vb = r.orElseThrow();
    if (json) {
      final ObjectNode o = Output.object();
      o.put("verified", true);
      ExecInputs.putHeader(o, vb.header());
      final ObjectNode checks = o.putObject("checks");
      checks.put("blockHash", "VERIFIED");
      checks.put("transactionsRoot", vb.transactions().name());
      checks.put("withdrawalsRoot", vb.withdrawals().name());
      checks.put("receiptsRoot", vb.receipts().name());
      o.put("transactionCount", vb.transactionCount());
      vb.withdrawalCount().ifPresent(n -> o.put("withdrawalCount", n));
      vb.receiptCount().ifPresent(n -> o.put("receiptCount", n));
      final ArrayNode notes = o.putArray("notes");
      vb.checks().forEach(notes::add);
      Output.print(o, out);
    } else {
      out.println("verified block " + vb.number() + " " + vb.blockHash().toHex());
      for (final String c : vb.checks()) {
        out.println("  " + c);
      }
      out.println("  (consistency only: whether this block is canonical is not established here)");
    }
    return OK;
  }


  @Override
  public String usage() {
    return "verify block --block FILE [--receipts FILE] [--json]";
  }
}
