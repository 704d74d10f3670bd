package io.trestle.lightclient.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.crypto.Address;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.source.EndpointPool.RawResponse;
import io.trestle.lightclient.source.EndpointPool.Request;
import io.trestle.proofs.VerificationException;
import io.trestle.proofs.json.RpcJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.trestle.lightclient.source.ExecutionSource.BlockId;
import io.trestle.lightclient.source.SourceException.SourceError;

/**
 * Execution-layer JSON-RPC 2.0 client (HTTP POST, one call per request) over one or more endpoints with the
 * limits, retries and fail-over of {@link HttpSettings}. Each method returns the raw {@code result} member; a
 * JSON-RPC {@code error} is {@link SourceError#RPC_ERROR} (or {@code UNSUPPORTED} for -32601 "method not found")
 * with its code and message; a {@code null} result is {@link SourceError#NOT_FOUND}; a response whose {@code
 * jsonrpc}/{@code id} do not match the request is {@code MALFORMED}. Thread-safe.
 *
 * <p>Trust contract: every result is untrusted server output. Proofs, blocks and receipts must be checked
 * against a header verified by the light client (the {@code proofs} module does that); this class checks
 * nothing but the envelope. {@link #checkChainId} catches an endpoint of the wrong chain, not a lying one.
 */
public final class ExecutionRpcClient implements ExecutionSource {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutionRpcClient.class);
  private static final long METHOD_NOT_FOUND = -32601;

  private final EndpointPool pool;
  private final AtomicLong ids = new AtomicLong(1);

  /**
   * A client.
   *
   * @param endpoints JSON-RPC URLs, tried in this order (the last one that answered is tried first)
   * @param settings limits and retry policy
   */
  public ExecutionRpcClient(final List<Endpoint> endpoints, final HttpSettings settings) {
    this.pool = new EndpointPool(endpoints, settings);
  }

  /** A client with {@link HttpSettings#defaults()}. */
  public static ExecutionRpcClient of(final List<String> urls) {
    final List<Endpoint> eps = new ArrayList<>();
    urls.forEach(u -> eps.add(Endpoint.of(u)));
    return new ExecutionRpcClient(eps, HttpSettings.defaults());
  }

  /** The endpoints in configured order. */
  public List<Endpoint> endpoints() {
    return pool.endpoints();
  }

  /** The endpoint tried first next time. */
  /** The preferred endpoint's label (scheme, host and port only). */
  @Override
  public String label() {
    return preferredEndpoint().label();
  }

  public Endpoint preferredEndpoint() {
    return pool.preferred();
  }

  /** {@code eth_chainId} as a number. */
  public long chainId() {
    final Request req = request("eth_chainId", params());
    return pool.call(req, (ep, r) -> parseChainId(ep, result(ep, r, req.what())));
  }

  /**
   * Asks every endpoint for {@code eth_chainId}; any endpoint reporting another chain makes this throw {@code
   * WRONG_NETWORK} naming it and both ids. Unreachable endpoints are tolerated (logged) while one answers.
   *
   * @return the chain id (equal to {@code expected})
   */
  @Override
  public long checkChainId(final long expected) {
    final Request req = request("eth_chainId", params());
    final List<EndpointResult<Long>> all =
        pool.callEach(req, (ep, r) -> parseChainId(ep, result(ep, r, req.what())));
    boolean answered = false;
    final List<SourceException> failures = new ArrayList<>();
    for (final EndpointResult<Long> r : all) {
      if (r instanceof EndpointResult.Failed<Long> f) {
        LOG.warn("chain id check: {} did not answer: {}", f.endpoint(), f.error().getMessage());
        failures.add(f.error());
        continue;
      }
      final long got = ((EndpointResult.Ok<Long>) r).data();
      if (got != expected) {
        throw SourceException.of(SourceError.WRONG_NETWORK, r.endpoint(),
            "eth_chainId is " + got + " but " + expected + " is expected");
      }
      answered = true;
    }
    if (answered) {
      return expected;
    }
    if (failures.size() == 1) {
      throw failures.get(0);
    }
    throw SourceException.aggregate(SourceError.ALL_ENDPOINTS_FAILED, "chain id check: no endpoint answered",
        failures);
  }

  /** {@code eth_getProof(address, storageKeys, block)}: the raw account/storage proof object. */
  @Override
  public JsonNode getProof(final Address address, final List<Hash32> slots, final BlockId block) {
    final ArrayNode keys = RpcJson.mapper().createArrayNode();
    slots.forEach(s -> keys.add(s.toHex()));
    final ArrayNode p = params();
    p.add(address.toHex());
    p.add(keys);
    p.add(block.param());
    return call("eth_getProof", p);
  }

  /** {@code eth_getBlockByNumber(numberOrTag, fullTx)}; a hash id is refused (use {@link #getBlockByHash}). */
  @Override
  public JsonNode getBlockByNumber(final BlockId block, final boolean fullTransactions) {
    if (block instanceof BlockId.Hash) {
      throw new IllegalArgumentException("getBlockByNumber takes a number or tag; use getBlockByHash");
    }
    final ArrayNode p = params();
    p.add(block.param());
    p.add(fullTransactions);
    return call("eth_getBlockByNumber", p);
  }

  /** {@code eth_getBlockByHash(hash, fullTx)}. */
  @Override
  public JsonNode getBlockByHash(final Hash32 hash, final boolean fullTransactions) {
    final ArrayNode p = params();
    p.add(hash.toHex());
    p.add(fullTransactions);
    return call("eth_getBlockByHash", p);
  }

  /** {@code eth_getBlockReceipts(block)}: the raw receipts array. */
  @Override
  public JsonNode getBlockReceipts(final BlockId block) {
    final ArrayNode p = params();
    p.add(block.param());
    return call("eth_getBlockReceipts", p);
  }

  /** {@code eth_getTransactionReceipt(hash)}. */
  @Override
  public JsonNode getTransactionReceipt(final Hash32 txHash) {
    final ArrayNode p = params();
    p.add(txHash.toHex());
    return call("eth_getTransactionReceipt", p);
  }

  /** {@code eth_getTransactionByHash(hash)}. */
  public JsonNode getTransactionByHash(final Hash32 txHash) {
    final ArrayNode p = params();
    p.add(txHash.toHex());
    return call("eth_getTransactionByHash", p);
  }

  /** Any method with positional parameters; returns the raw {@code result}. */
  public JsonNode call(final String method, final ArrayNode params) {
    final Request req = request(method, params);
    return pool.call(req, (ep, r) -> result(ep, r, req.what()));
  }

  private static ArrayNode params() {
    return RpcJson.mapper().createArrayNode();
  }

  private Request request(final String method, final ArrayNode params) {
    final long id = ids.getAndIncrement();
    final ObjectNode o = RpcJson.mapper().createObjectNode();
    o.put("jsonrpc", "2.0");
    o.put("id", id);
    o.put("method", method);
    o.set("params", params.deepCopy());
    try {
      return new Request("POST", "", "application/json", Optional.of(RpcJson.mapper().writeValueAsBytes(o)),
          method + "#" + id);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a JSON-RPC request", e);
    }
  }

  /** The result of a response to the request described as {@code method#id}. */
  private static JsonNode result(final Endpoint ep, final RawResponse r, final String what) {
    final JsonNode n;
    try {
      n = RpcJson.mapper().readTree(r.body());
    } catch (IOException e) {
      final String m = e.getMessage() == null ? "" : e.getMessage().split("\n", 2)[0];
      throw SourceException.malformed(ep, what + ": malformed JSON: " + m, e);
    }
    if (n == null || !n.isObject()) {
      throw SourceException.malformed(ep, what + ": JSON-RPC response must be an object", null);
    }
    final JsonNode version = n.get("jsonrpc");
    if (version == null || !"2.0".equals(version.asText()) || !version.isTextual()) {
      throw SourceException.malformed(ep, what + ": 'jsonrpc' must be \"2.0\"", null);
    }
    final String expectedId = what.substring(what.lastIndexOf('#') + 1);
    final JsonNode id = n.get("id");
    if (id == null || !id.isIntegralNumber() || !id.asText().equals(expectedId)) {
      throw SourceException.malformed(ep, what + ": response id " + id + " does not match request id " + expectedId,
          null);
    }
    final JsonNode error = n.get("error");
    if (error != null && !error.isNull()) {
      final JsonNode code = error.get("code");
      final JsonNode message = error.get("message");
      if (code == null || !code.isIntegralNumber() || !code.canConvertToLong()) {
        throw SourceException.malformed(ep, what + ": JSON-RPC error without an integer code", null);
      }
      final String msg = message == null || !message.isTextual() ? "" : abbreviate(message.asText());
      final SourceError kind = code.asLong() == METHOD_NOT_FOUND ? SourceError.UNSUPPORTED : SourceError.RPC_ERROR;
      throw SourceException.rpc(kind, ep, code.asLong(), what + ": JSON-RPC error " + code.asLong() + " " + msg);
    }
    if (!n.has("result")) {
      throw SourceException.malformed(ep, what + ": JSON-RPC response with neither result nor error", null);
    }
    final JsonNode result = n.get("result");
    if (result.isNull()) {
      throw SourceException.of(SourceError.NOT_FOUND, ep, what + ": null result");
    }
    return result;
  }

  private static long parseChainId(final Endpoint ep, final JsonNode result) {
    try {
      return RpcJson.quantityValue(result, "eth_chainId", 63).longValueExact();
    } catch (VerificationException e) {
      throw SourceException.malformed(ep, e.getMessage(), e);
    }
  }

  private static String abbreviate(final String s) {
    return s.length() > 200 ? s.substring(0, 197) + "..." : s;
  }

  @Override
  public String toString() {
    return "ExecutionRpcClient" + pool.endpoints();
  }
}
