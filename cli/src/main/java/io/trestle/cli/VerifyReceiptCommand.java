package io.trestle.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import io.trestle.proofs.VerificationException;
import io.trestle.proofs.execution.Log;
import io.trestle.proofs.execution.Receipt;
import io.trestle.proofs.execution.ReceiptProofVerifier;
import io.trestle.proofs.execution.VerifiedReceipt;
import io.trestle.proofs.json.RpcJson;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code trestle verify receipt --receipts-root HEX --proof FILE --tx-index N [--log-index M] [--json]}:
 * verifies a receipt inclusion proof against a trusted receipts root. FILE is a JSON array of hex RLP
 * nodes, or {@code {receipt, receiptProof}}; a {@code receipt} given next to the proof must equal the
 * proven one.
 */
final class VerifyReceiptCommand implements Command {
  @Override
  public int dispatch(final List<String> argv, final PrintStream out, final PrintStream err) {
    final Args a = Args.parse(argv, Set.of("receipts-root", "proof", "tx-index", "log-index"), Set.of("json"));
    if (!a.positional().isEmpty()) {
      throw new UsageException("unexpected argument '" + a.positional().get(0) + "'");
    }
    final boolean json = a.flag("json");
    final String rootHex = a.required("receipts-root");
    if (!rootHex.matches("0x[0-9a-fA-F]{64}")) {
      throw new UsageException("--receipts-root must be 0x followed by 64 hex digits");
    }
    final Hash32 root = Hash32.fromHex(rootHex);
    final long txIndex = a.requiredLong("tx-index");
    final Optional<Long> logIndex = a.optionalLong("log-index");
    if (logIndex.isPresent() && logIndex.get() > Integer.MAX_VALUE) {
      throw new UsageException("--log-index too large");
    }
    final JsonNode file = ExecInputs.readJson(a.required("proof"));
    final ProofResult<VerifiedReceipt> r = ProofResult.of(() -> verify(root, txIndex, file));
    if (r instanceof ProofResult.Rejected<VerifiedReceipt> rej) {
      return Output.rejected(rej, json, out);
    }
    final VerifiedReceipt vr = r.orElseThrow();
    final Receipt rc = vr.receipt();
    if (logIndex.isPresent()) {
      final int li = logIndex.get().intValue();
      if (li >= rc.logs().size()) {
        return Output.rejected(new ProofResult.Rejected<>(Reason.LOG_INDEX_OUT_OF_RANGE,
            "log index " + li + " but the receipt at index " + txIndex + " has " + rc.logs().size() + " log(s)"),
            json, out);
      }
      final Log l = rc.logs().get(li);
      if (json) {
        final ObjectNode o = Output.object();
        o.put("verified", true);
        o.put("receiptsRoot", root.toHex());
        o.put("txIndex", txIndex);
        o.put("logIndex", li);
        rc.status().ifPresent(s -> o.put("status", s ? 1 : 0));
        o.set("log", ExecInputs.logJson(l));
        Output.print(o, out);
      } else {
        out.println("verified log " + li + " of receipt " + txIndex + " under receipts root " + root.toHex());
        out.println("  emitter: " + l.address().toHex());
        for (int i = 0; i < l.topics().size(); i++) {
          out.println("  topic[" + i + "]: " + l.topics().get(i).toHex());
        }
        out.println("  data: " + l.data().size() + " byte(s) " + l.data().toHex());
        out.println("  transaction status: " + ExecInputs.status(rc.status()) + " (reported, not policed)");
      }
      return OK;
    }
    if (json) {
      final ObjectNode o = Output.object();
      o.put("verified", true);
      o.put("receiptsRoot", root.toHex());
      o.put("txIndex", txIndex);
      o.set("receipt", ExecInputs.receiptJson(rc));
      Output.print(o, out);
    } else {
      out.println("verified receipt " + txIndex + " under receipts root " + root.toHex());
      out.println("  type: " + rc.type());
      out.println("  status: " + ExecInputs.status(rc.status()) + " (reported, not policed)");
      out.println("  cumulative gas used: " + rc.cumulativeGasUsed());
      out.println("  logs: " + rc.logs().size());
      for (int i = 0; i < rc.logs().size(); i++) {
        final Log l = rc.logs().get(i);
        out.println("    [" + i + "] " + l.address().toHex() + " topics " + l.topics().size()
            + " data " + l.data().size() + " byte(s)");
      }
    }
    return OK;
  }

  private static VerifiedReceipt verify(final Hash32 root, final long txIndex, final JsonNode file) {
    final JsonNode proofNode;
    Optional<JsonNode> claimed = Optional.empty();
    if (file.isArray()) {
      proofNode = file;
    } else if (file.isObject()) {
      proofNode = RpcJson.field(file, "receiptProof");
      claimed = RpcJson.optField(file, "receipt");
    } else {
      throw new VerificationException(Reason.INPUT_MALFORMED,
          "proof file must be a JSON array of hex nodes or an object {receipt, receiptProof}");
    }
    final List<Bytes> proof = RpcJson.dataArray(proofNode, "receiptProof");
    final VerifiedReceipt vr = ReceiptProofVerifier.verifyReceipt(root, txIndex, proof).orElseThrow();
    if (claimed.isPresent()) {
      final Receipt c;
      try {
        c = Receipt.fromJson(claimed.get());
      } catch (VerificationException e) {
        throw e.withContext("claimed receipt");
      }
      if (!c.equals(vr.receipt())) {
        throw new VerificationException(Reason.RECEIPT_MALFORMED,
            "the claimed receipt differs from the proven receipt at index " + txIndex);
      }
      final Optional<JsonNode> ti = RpcJson.optField(claimed.get(), "transactionIndex");
      if (ti.isPresent() && RpcJson.quantityValue(ti.get(), "transactionIndex", 63).longValueExact() != txIndex) {
        throw new VerificationException(Reason.RECEIPT_MALFORMED,
            "the claimed receipt's transactionIndex " + ti.get().asText() + " is not --tx-index " + txIndex);
      }
    }
    return vr;
  }

  @Override
  public String usage() {
    return "verify receipt --receipts-root HEX --proof FILE --tx-index N [--log-index M] [--json]";
  }
}
