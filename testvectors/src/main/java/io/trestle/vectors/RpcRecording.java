package io.trestle.vectors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads JSON-RPC recordings into request/response {@link Exchange}s. Recognised by content:
 *
 * <ul>
 *   <li><b>Transcripts</b> (execution-apis {@code .io}, any file name): text whose first line that is
 *       neither blank nor a {@code //} comment starts with {@code >> }; then {@code >> request} lines,
 *       each answered by the next {@code << response} line. A batch (JSON array) request is paired with a
 *       batch response by {@code id}. A line that does not parse, or an unanswered request, is a malformed
 *       exchange (a failed case), not a reason to ignore the file.
 *   <li><b>Fixtures</b> (lodestar prover): an object with {@code request} (holding {@code method}) and
 *       {@code response}, plus optional {@code dependentRequests: [{payload, response}]}, {@code
 *       execution.block} (read as an {@code eth_getBlockByHash} answer) and {@code
 *       beacon.executionPayload}.
 *   <li><b>A bare response</b> ({@code {jsonrpc, result}}) or a <b>bare result</b> (helios testdata)
 *       whose shape names the method it answers: a block, an {@code eth_getProof} answer, a receipt, an array of receipts, a
 *       transaction, an array of logs, or a helios verifiable-API {@code {receipt, receiptProof}}; the
 *       method is inferred from the shape ({@link #inferMethod}), and there is no request.
 * </ul>
 *
 * Anything else is not a recording (empty), so an unknown JSON shape stays "not recognised".
 */
final class RpcRecording {
  /** Pseudo-method of a bare beacon execution payload (lodestar {@code beacon.executionPayload}). */
  static final String BEACON_PAYLOAD = "beacon.executionPayload";

  /** Pseudo-method of a helios verifiable-API receipt with its trie proof. */
  static final String RECEIPT_WITH_PROOF = "receipt+receiptProof";

  /** Pseudo-method of a helios verifiable-API {@code {logs, receiptProofs}} answer. */
  static final String LOGS_WITH_PROOFS = "logs+receiptProofs";

  /** Pseudo-method of a helios verifiable-API {@code {accounts: {address: {account, code, accountProof, storageProof}}}}. */
  static final String ACCOUNTS_WITH_PROOFS = "accounts+accountProof";

  /** Pseudo-method of a beacon-API block response {@code {version, data: SignedBeaconBlock}}. */
  static final String BEACON_BLOCK = "beacon.block";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private RpcRecording() {}

  /**
   * One request and its response.
   *
   * @param name the case name (line number or fixture member)
   * @param method the JSON-RPC method (requested or inferred), or empty if neither
   * @param params the request's params, or a missing node if there was no request
   * @param response the response envelope ({@code result} or {@code error})
   * @param malformed why this exchange could not be read, if so (then the other fields are placeholders)
   */
  record Exchange(String name, Optional<String> method, JsonNode params, JsonNode response,
      Optional<String> malformed) {
    static Exchange bad(final String name, final String why) {
      return new Exchange(name, Optional.empty(), MissingNode.getInstance(), MissingNode.getInstance(),
          Optional.of(why));
    }

    /** The result, or a missing node for an error response. */
    JsonNode result() {
      return response.path("result");
    }

    /** The parameter at {@code i}, or a missing node. */
    JsonNode param(final int i) {
      return params.path(i);
    }
  }

  /** The exchanges of {@code file} if it is a recording; empty otherwise. */
  static Optional<List<Exchange>> read(final Path file) {
    final String text;
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > VectorJson.MAX_BYTES) {
        return Optional.empty();
      }
      try (InputStream in = Files.newInputStream(file)) {
        final byte[] head = in.readNBytes(1);
        if (head.length == 0 || (head[0] & 0xff) >= 0x80) {
          return Optional.empty(); // binary (e.g. an RLP chain), or empty
        }
      }
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
          .toString();
    } catch (CharacterCodingException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    if (isTranscript(text)) {
      return Optional.of(transcript(text));
    }
    final String t = text.strip();
    if (!t.startsWith("{") && !t.startsWith("[")) {
      return Optional.empty();
    }
    final JsonNode root;
    try {
      root = MAPPER.readTree(t);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return json(root);
  }

  static boolean isTranscript(final String text) {
    for (final String line : text.split("\n", 64)) {
      final String l = line.strip();
      if (l.isEmpty() || l.startsWith("//")) {
        continue;
      }
      return l.startsWith(">> ") || l.startsWith(">>{") || l.equals(">>");
    }
    return false;
  }

  private static List<Exchange> transcript(final String text) {
    final List<Exchange> out = new ArrayList<>();
    final String[] lines = text.split("\r?\n", -1);
    JsonNode pending = null;
    int pendingLine = 0;
    for (int i = 0; i < lines.length; i++) {
      final String l = lines[i].strip();
      final int lineNo = i + 1;
      if (l.isEmpty() || l.startsWith("//")) {
        continue;
      }
      if (l.startsWith(">>")) {
        if (pending != null) {
          out.add(Exchange.bad("line " + pendingLine, "request without a '<<' response"));
        }
        pendingLine = lineNo;
        try {
          pending = MAPPER.readTree(l.substring(2).strip());
          if (pending == null || !(pending.isObject() || pending.isArray())) {
            out.add(Exchange.bad("line " + lineNo, "request is not a JSON object or array"));
            pending = null;
          }
        } catch (IOException e) {
          out.add(Exchange.bad("line " + lineNo, "request is not valid JSON: " + firstLine(e.getMessage())));
          pending = null;
        }
      } else if (l.startsWith("<<")) {
        if (pending == null) {
          out.add(Exchange.bad("line " + lineNo, "response without a preceding valid '>>' request"));
          continue;
        }
        final JsonNode req = pending;
        pending = null;
        final JsonNode resp;
        try {
          resp = MAPPER.readTree(l.substring(2).strip());
        } catch (IOException e) {
          out.add(Exchange.bad("line " + lineNo, "response is not valid JSON: " + firstLine(e.getMessage())));
          continue;
        }
        out.addAll(pair("line " + pendingLine, req, resp));
      } else {
        out.add(Exchange.bad("line " + lineNo, "line is neither '>>', '<<' nor a '//' comment"));
      }
    }
    if (pending != null) {
      out.add(Exchange.bad("line " + pendingLine, "request without a '<<' response"));
    }
    if (out.isEmpty()) {
      out.add(Exchange.bad("(file)", "transcript holds no exchange"));
    }
    return out;
  }

  /** Pairs a request with its response; batches by {@code id}. */
  private static List<Exchange> pair(final String name, final JsonNode req, final JsonNode resp) {
    if (req.isArray()) {
      if (!resp.isArray()) {
        return List.of(Exchange.bad(name, "batch request answered by a non-array response"));
      }
      final List<Exchange> out = new ArrayList<>();
      for (int i = 0; i < req.size(); i++) {
        final JsonNode r = req.get(i);
        JsonNode match = null;
        for (final JsonNode c : resp) {
          if (c.has("id") && c.get("id").equals(r.path("id"))) {
            match = c;
          }
        }
        if (match == null) {
          out.add(Exchange.bad(name + "[" + i + "]", "no response with id " + r.path("id")));
        } else {
          out.add(single(name + "[" + i + "]", r, match));
        }
      }
      return out;
    }
    return List.of(single(name, req, resp));
  }

  private static Exchange single(final String name, final JsonNode req, final JsonNode resp) {
    if (!req.isObject() || !req.path("method").isTextual()) {
      return Exchange.bad(name, "request has no 'method' string");
    }
    if (!resp.isObject() || !(resp.has("result") || resp.has("error"))) {
      return Exchange.bad(name, "response has neither 'result' nor 'error'");
    }
    final String method = req.get("method").asText();
    return new Exchange(name + " " + method, Optional.of(method), req.path("params"), resp, Optional.empty());
  }

  private static Optional<List<Exchange>> json(final JsonNode root) {
    if (root.isObject() && root.path("request").isObject() && root.path("request").has("method")
        && root.has("response")) {
      return Optional.of(fixture(root));
    }
    if (root.isObject() && root.has("jsonrpc") && (root.has("result") || root.has("error"))) {
      // Without a request, only a result whose shape names its method is a recording.
      final Optional<String> m = root.has("result") ? inferMethod(root.get("result")) : Optional.empty();
      if (m.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(List.of(new Exchange("response" + m.map(s -> " (" + s + ")").orElse(""), m,
          MissingNode.getInstance(), root, Optional.empty())));
    }
    final Optional<String> m = inferMethod(root);
    if (m.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(List.of(new Exchange("result (" + m.get() + ")", m, MissingNode.getInstance(),
        envelope(root), Optional.empty())));
  }

  private static List<Exchange> fixture(final JsonNode root) {
    final List<Exchange> out = new ArrayList<>();
    out.addAll(pair("request", root.get("request"), root.get("response")));
    final JsonNode deps = root.path("dependentRequests");
    for (int i = 0; i < deps.size(); i++) {
      final JsonNode d = deps.get(i);
      if (!d.has("payload") || !d.has("response")) {
        out.add(Exchange.bad("dependentRequests[" + i + "]", "needs 'payload' and 'response'"));
      } else {
        out.addAll(pair("dependentRequests[" + i + "]", d.get("payload"), d.get("response")));
      }
    }
    final JsonNode block = root.path("execution").path("block");
    if (block.isObject()) {
      final JsonNode params = JsonNodeFactory.instance.arrayNode().add(block.path("hash")).add(true);
      out.add(new Exchange("execution.block", Optional.of("eth_getBlockByHash"), params, envelope(block),
          Optional.empty()));
    }
    final JsonNode payload = root.path("beacon").path("executionPayload");
    if (payload.isObject()) {
      out.add(new Exchange(BEACON_PAYLOAD, Optional.of(BEACON_PAYLOAD), MissingNode.getInstance(),
          envelope(payload), Optional.empty()));
    }
    return out;
  }

  private static ObjectNode envelope(final JsonNode result) {
    final ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.set("result", result);
    return o;
  }

  /** The method whose answer {@code result} looks like, from its members; empty if none fits. */
  static Optional<String> inferMethod(final JsonNode r) {
    if (r.isObject()) {
      if (r.has("parentHash") && r.has("stateRoot") && r.has("transactionsRoot") && r.has("hash")) {
        return Optional.of("eth_getBlockByHash");
      }
      if (r.has("accountProof") && r.has("address")) {
        return Optional.of("eth_getProof");
      }
      if (r.has("receipt") && r.has("receiptProof")) {
        return Optional.of(RECEIPT_WITH_PROOF);
      }
      if (r.path("logs").isArray() && r.path("receiptProofs").isObject()) {
        return Optional.of(LOGS_WITH_PROOFS);
      }
      if (r.path("accounts").isObject() && r.get("accounts").size() > 0 && allAccounts(r.get("accounts"))) {
        return Optional.of(ACCOUNTS_WITH_PROOFS);
      }
      if (r.path("version").isTextual() && (r.path("data").path("message").path("body").has("execution_payload")
          || r.path("data").path("body").has("execution_payload"))) {
        return Optional.of(BEACON_BLOCK);
      }
      if (r.has("logsBloom") && r.has("cumulativeGasUsed") && r.has("transactionHash")) {
        return Optional.of("eth_getTransactionReceipt");
      }
      if (r.has("hash") && r.has("nonce") && r.has("input") && (r.has("r") || r.has("v"))) {
        return Optional.of("eth_getTransactionByHash");
      }
      return Optional.empty();
    }
    if (r.isArray() && !r.isEmpty() && allObjects(r)) {
      if (inferMethod(r.get(0)).equals(Optional.of("eth_getTransactionReceipt"))) {
        return Optional.of("eth_getBlockReceipts");
      }
      final JsonNode l = r.get(0);
      if (l.has("topics") && l.has("data") && l.has("address") && l.has("logIndex")) {
        return Optional.of("eth_getLogs");
      }
    }
    return Optional.empty();
  }

  private static boolean allAccounts(final JsonNode accounts) {
    for (final JsonNode a : accounts) {
      if (!a.path("account").isObject() || !a.path("accountProof").isArray()) {
        return false;
      }
    }
    return true;
  }

  private static boolean allObjects(final JsonNode a) {
    for (final JsonNode n : a) {
      if (!n.isObject()) {
        return false;
      }
    }
    return true;
  }

  private static String firstLine(final String m) {
    final String s = String.valueOf(m);
    final int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
