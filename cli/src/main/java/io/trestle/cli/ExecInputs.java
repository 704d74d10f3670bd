package io.trestle.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.proofs.VerificationException;
import io.trestle.proofs.execution.ExecutionHeader;
import io.trestle.proofs.execution.Log;
import io.trestle.proofs.execution.Receipt;
import io.trestle.proofs.json.RpcJson;
import java.util.Optional;

/** Shared input reading and JSON rendering for the execution-layer verify commands. */
final class ExecInputs {
  private ExecInputs() {}

  /** Reads and parses a JSON file; unreadable or not JSON is a usage error (exit 2). */
  static JsonNode readJson(final String path) {
    final String text = Args.readFile(path);
    try {
      return RpcJson.parse(text);
    } catch (VerificationException e) {
      throw new UsageException(path + " is not JSON: " + e.detail(), true);
    }
  }

  static void putHeader(final ObjectNode o, final ExecutionHeader h) {
    o.put("blockNumber", h.number());
    o.put("blockHash", h.hash().toHex());
    o.put("parentHash", h.parentHash().toHex());
    o.put("stateRoot", h.stateRoot().toHex());
    o.put("transactionsRoot", h.transactionsRoot().toHex());
    o.put("receiptsRoot", h.receiptsRoot().toHex());
    h.withdrawalsRoot().ifPresent(w -> o.put("withdrawalsRoot", w.toHex()));
    h.requestsHash().ifPresent(w -> o.put("requestsHash", w.toHex()));
    h.parentBeaconBlockRoot().ifPresent(w -> o.put("parentBeaconBlockRoot", w.toHex()));
    h.blockAccessListHash().ifPresent(w -> o.put("blockAccessListHash", w.toHex()));
    h.slotNumber().ifPresent(w -> o.put("slotNumber", new java.math.BigInteger(Long.toUnsignedString(w))));
    o.put("timestamp", h.timestamp());
    o.put("headerFieldCount", h.fieldCount());
    o.put("headerLayout", h.layout().specName());
  }

  static ObjectNode receiptJson(final Receipt r) {
    final ObjectNode o = Output.object();
    o.put("type", r.type());
    r.status().ifPresent(s -> o.put("status", s ? 1 : 0));
    r.postStateRoot().ifPresent(s -> o.put("postStateRoot", s.toHex()));
    o.put("cumulativeGasUsed", r.cumulativeGasUsed());
    o.put("logCount", r.logs().size());
    final ArrayNode logs = o.putArray("logs");
    r.logs().forEach(l -> logs.add(logJson(l)));
    return o;
  }

  static ObjectNode logJson(final Log l) {
    final ObjectNode o = Output.object();
    o.put("address", l.address().toHex());
    final ArrayNode ts = o.putArray("topics");
    l.topics().forEach(t -> ts.add(t.toHex()));
    o.put("data", l.data().toHex());
    return o;
  }

  static String status(final Optional<Boolean> s) {
    return s.map(b -> b ? "1 (success)" : "0 (failed)").orElse("none (pre-Byzantium receipt)");
  }
}
