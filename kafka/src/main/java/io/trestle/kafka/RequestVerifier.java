package io.trestle.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.crypto.Address;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.ExecutionAnchor;
import io.trestle.lightclient.source.ExecutionSource.BlockId;
import io.trestle.lightclient.source.ExecutionSource;
import io.trestle.lightclient.stream.LogFilter;
import io.trestle.lightclient.stream.MessageStream;
import io.trestle.lightclient.stream.MessageStream.Cursor;
import io.trestle.lightclient.stream.MessageStream.PassResult;
import io.trestle.lightclient.stream.StreamMessage;
import io.trestle.crypto.Hex;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import io.trestle.proofs.VerificationException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Verifies one request read from Kafka (untrusted JSON) against this process's own finalized anchor and sources,
 * and returns the result object. Requests:
 * <ul>
 *   <li>{@code {"requestId":"...","kind":"range","fromBlock":N,"toBlock":M, "emitters":[...], "topics":[[...],...]}}:
 *       every matching log of blocks N..M (at most {@value #MAX_RANGE} blocks), as the stream verifies them;</li>
 *   <li>{@code {"requestId":"...","kind":"tx","txHash":"0x...", "logIndex":K?, "emitters":..., "topics":...}}: the
 *       matching logs of that transaction (the transaction hash is bound to its index by rebuilding the block's
 *       transactions trie; the block is linked to the finalized block and its receipts trie rebuilt).</li>
 * </ul>
 * Results: {@code {"requestId", "status": "VERIFIED", "fromBlock", "toBlock", "messages": [...]}} (each message is
 * {@link StreamMessage#toJson()} without {@code beaconSlot}), or
 * {@code "status": "REJECTED"} with {@code reason} (a {@link Reason} name) and {@code detail} when data or the
 * request failed verification, or {@code "status": "UNAVAILABLE"} with {@code reason} ({@code NOT_FINALIZED},
 * {@code SOURCE_FAILED}) when this worker cannot decide now. Stateless apart from the sources; thread-safe if they are.
 */
public final class RequestVerifier {
  /** Most blocks one range request may cover. */
  public static final int MAX_RANGE = 1024;
  /** Most messages one result carries. */
  public static final int MAX_MESSAGES = 4096;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** Reads requests strictly: bounded nesting, duplicate keys and trailing tokens refused. */
  private static final ObjectMapper READER = new ObjectMapper(
      com.fasterxml.jackson.core.JsonFactory.builder()
          .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder().maxNestingDepth(200)
              .maxStringLength(64 * 1024 * 1024).build())
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build())
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final ExecutionSource source;
  private final long chainId;
  private final Supplier<Optional<ExecutionAnchor>> finalized;
  /** Finalized anchors derived by parent-hash walks ({@link ExecutionAnchor#ancestor}), every {@value #STEP} blocks. */
  private final java.util.TreeMap<Long, ExecutionAnchor> derived = new java.util.TreeMap<>();
  private Hash32 derivedFrom = Hash32.ZERO;
  /** Spacing of derived anchors. */
  static final int STEP = 256;

  /**
   * A verifier.
   *
   * @param source this worker's execution data source (untrusted)
   * @param chainId the chain id messages are stamped with
   * @param finalized this worker's light client's finalized anchor (e.g. {@code lightClient::finalizedExecution})
   */
  public RequestVerifier(final ExecutionSource source, final long chainId,
      final Supplier<Optional<ExecutionAnchor>> finalized) {
    this.source = source;
    this.chainId = chainId;
    this.finalized = finalized;
  }

  /** The request id of a request, or a fallback for a request without a usable one. */
  static String requestId(final JsonNode req, final String fallback) {
    final JsonNode id = req == null ? null : req.get("requestId");
    return id != null && id.isTextual() && !id.asText().isEmpty() && id.asText().length() <= 200 ? id.asText()
        : fallback;
  }

  /** Verifies a request given as bytes (never throws on bad input). */
  public ObjectNode verify(final byte[] request, final String fallbackId) {
    final JsonNode req;
    try {
      req = request == null ? null : READER.readTree(request);
    } catch (java.io.IOException | RuntimeException e) {
      return rejected(fallbackId, Reason.INPUT_MALFORMED, -1, "request is not JSON");
    }
    final String id = requestId(req, fallbackId);
    try {
      if (req == null || !req.isObject()) {
        throw new VerificationException(Reason.INPUT_MALFORMED, "request must be a JSON object");
      }
      final String kind = req.path("kind").asText("");
      return switch (kind) {
        case "range" -> range(id, req);
        case "tx" -> tx(id, req);
        default -> throw new VerificationException(Reason.INPUT_MALFORMED, "kind must be \"range\" or \"tx\"");
      };
    } catch (VerificationException e) {
      return rejected(id, e.reason(), -1, e.detail());
    } catch (io.trestle.lightclient.source.SourceException e) {
      return unavailable(id, "SOURCE_FAILED", e.getMessage());
    } catch (RuntimeException e) {
      return rejected(id, Reason.INTERNAL_ERROR, -1, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private ObjectNode range(final String id, final JsonNode req) {
    final long from = number(req, "fromBlock");
    final long to = number(req, "toBlock");
    if (to < from || to - from + 1 > MAX_RANGE) {
      throw new VerificationException(Reason.PROOF_TOO_LARGE, "a range is 1.." + MAX_RANGE + " blocks, got "
          + from + ".." + to);
    }
    return run(id, filter(req), from, to, m -> true, Optional.empty(), Optional.empty());
  }

  private ObjectNode tx(final String id, final JsonNode req) {
    final Hash32 txHash = hashValue(req.get("txHash"), "txHash");
    final Optional<Integer> logIndex = req.has("logIndex")
        ? Optional.of((int) Math.min(Integer.MAX_VALUE, number(req, "logIndex"))) : Optional.empty();
    // Where the source says the transaction is (untrusted); the stream binds hash -> index through the linked
    // block's transactions trie, and the block to the finalized chain.
    final JsonNode receipt = source.getTransactionReceipt(txHash);
    final Hash32 blockHash = hashValue(receipt == null ? null : receipt.get("blockHash"), "blockHash");
    final long blockNumber = quantity(receipt.get("blockNumber"), "blockNumber");
    return run(id, filter(req), blockNumber, blockNumber,
        m -> logIndex.map(l -> l == m.message().logIndex()).orElse(true), Optional.of(txHash), Optional.of(blockHash));
  }

  private ObjectNode run(final String id, final LogFilter filter, final long from, final long to,
      final java.util.function.Predicate<StreamMessage> keep, final Optional<Hash32> txHash,
      final Optional<Hash32> expectHash) {
    final Optional<ExecutionAnchor> head = finalized.get();
    if (head.isEmpty() || head.get().blockNumber() < to) {
      return unavailable(id, "NOT_FINALIZED", "block " + to + " is not finalized at this worker (finalized block "
          + head.map(a -> Long.toString(a.blockNumber())).orElse("none") + ")");
    }
    final ExecutionAnchor anchor = nearAnchor(head.get(), to);
    final List<StreamMessage> out = new ArrayList<>();
    final MessageStream.Builder b = MessageStream.builder(source, filter, chainId, m -> {
      if (keep.test(m)) {
        if (out.size() >= MAX_MESSAGES) {
          throw new VerificationException(Reason.PROOF_TOO_LARGE, "more than " + MAX_MESSAGES + " messages");
        }
        out.add(m);
      }
    });
    if (txHash.isPresent()) {
      b.transaction(from, txHash.get());
    } else {
      b.startBlock(from).endBlock(to);
    }
    final MessageStream s = b.build();
    final PassResult r = s.advanceTo(anchor);
    if (r instanceof PassResult.Rejected rej) {
      return rejected(id, rej.reason(), rej.blockNumber(), rej.detail());
    }
    if (r instanceof PassResult.SourceFailed sf) {
      return unavailable(id, "SOURCE_FAILED", sf.error().getMessage());
    }
    if (r instanceof PassResult.SinkFailed sk) {
      return rejected(id, Reason.PROOF_TOO_LARGE, -1, sk.detail());
    }
    final Cursor c = r.cursor().orElseThrow();
    if (expectHash.isPresent() && !c.blockHash().equals(expectHash.get())) {
      return rejected(id, Reason.ANCESTRY_INVALID, from, "the transaction's block " + expectHash.get()
          + " is not the finalized chain's block " + from + " " + c.blockHash());
    }
    final ObjectNode o = MAPPER.createObjectNode();
    o.put("requestId", id);
    o.put("status", "VERIFIED");
    o.put("fromBlock", from);
    o.put("toBlock", to);
    final ArrayNode arr = o.putArray("messages");
    out.forEach(m -> arr.add(m.toJson().without("beaconSlot")));
    return o;
  }

  /**
   * A finalized anchor at or at most {@value #STEP} blocks after {@code to}: derived from the light client's finalized
   * anchor by re-hashed parent-hash walks ({@link ExecutionAnchor#ancestor}) and remembered (one per {@value #STEP}
   * blocks), so a request far below the finalized head does not re-link the whole distance each time. Falls back to
   * the head itself when a walk fails (the stream then reports the typed reason).
   */
  private synchronized ExecutionAnchor nearAnchor(final ExecutionAnchor head, final long to) {
    if (!head.blockHash().equals(derivedFrom)) {
      // A new finalized head: earlier derivations stay valid (finalized blocks never change), keep them.
      derived.put(head.blockNumber(), head);
      derivedFrom = head.blockHash();
    }
    java.util.Map.Entry<Long, ExecutionAnchor> e = derived.ceilingEntry(to);
    if (e == null) {
      return head;
    }
    while (e.getKey() - to > STEP) {
      final ExecutionAnchor a = e.getValue();
      final List<JsonNode> headers = new ArrayList<>(STEP + 1);
      try {
        for (long n = a.blockNumber(); n >= a.blockNumber() - STEP; n--) {
          headers.add(source.getBlockByNumber(BlockId.number(n), false));
        }
      } catch (io.trestle.lightclient.source.SourceException ex) {
        return a;
      }
      final ProofResult<ExecutionAnchor> older = a.ancestorFromJson(headers);
      if (!(older instanceof ProofResult.Verified<ExecutionAnchor> v)) {
        return a;
      }
      derived.put(v.value().blockNumber(), v.value());
      e = java.util.Map.entry(v.value().blockNumber(), v.value());
    }
    return e.getValue();
  }

  private static long number(final JsonNode req, final String field) {
    final JsonNode n = req.get(field);
    if (n == null || !n.canConvertToLong() || !n.isIntegralNumber() || n.asLong() < 0) {
      throw new VerificationException(Reason.INPUT_MALFORMED, field + " must be a non-negative integer");
    }
    return n.asLong();
  }

  static LogFilter filter(final JsonNode req) {
    final Set<Address> emitters = new HashSet<>();
    final JsonNode e = req.path("emitters");
    if (!e.isMissingNode()) {
      if (!e.isArray() || e.size() > 64) {
        throw new VerificationException(Reason.INPUT_MALFORMED, "emitters must be an array of at most 64 addresses");
      }
      e.forEach(x -> emitters.add(addressValue(x, "emitters[]")));
    }
    final List<Set<Hash32>> topics = new ArrayList<>();
    final JsonNode t = req.path("topics");
    if (!t.isMissingNode()) {
      if (!t.isArray() || t.size() > 4) {
        throw new VerificationException(Reason.INPUT_MALFORMED, "topics must be an array of at most 4 positions");
      }
      for (final JsonNode pos : t) {
        if (!pos.isArray() || pos.size() > 64) {
          throw new VerificationException(Reason.INPUT_MALFORMED, "each topic position is an array of hashes");
        }
        final Set<Hash32> s = new HashSet<>();
        pos.forEach(x -> s.add(hashValue(x, "topics[][]")));
        topics.add(s);
      }
    }
    return new LogFilter(emitters, topics);
  }

  /** A 32-byte {@code 0x}-hex value, strictly ({@code INPUT_MALFORMED} otherwise). */
  private static Hash32 hashValue(final JsonNode n, final String what) {
    if (n == null || !n.isTextual() || !Hex.isPrefixedHex(n.asText()) || n.asText().length() != 66) {
      throw new VerificationException(Reason.INPUT_MALFORMED, what + ": expected 32 bytes of 0x-prefixed hex");
    }
    return Hash32.fromHex(n.asText());
  }

  /** A 20-byte {@code 0x}-hex value, strictly ({@code INPUT_MALFORMED} otherwise). */
  private static Address addressValue(final JsonNode n, final String what) {
    if (n == null || !n.isTextual() || !Hex.isPrefixedHex(n.asText()) || n.asText().length() != 42) {
      throw new VerificationException(Reason.INPUT_MALFORMED, what + ": expected 20 bytes of 0x-prefixed hex");
    }
    return Address.fromHex(n.asText());
  }

  /** A JSON-RPC {@code QUANTITY} (0x-prefixed minimal hex) that fits in 63 bits ({@code INPUT_MALFORMED} otherwise). */
  private static long quantity(final JsonNode n, final String what) {
    final String s = n != null && n.isTextual() ? n.asText() : "";
    final boolean ok = s.length() >= 3 && s.length() <= 18 && s.charAt(0) == '0' && (s.charAt(1) == 'x'
        || s.charAt(1) == 'X') && !(s.length() > 3 && s.charAt(2) == '0')
        && s.substring(2).chars().allMatch(c -> Hex.digit((char) c) >= 0);
    final long v = ok ? Long.parseUnsignedLong(s.substring(2), 16) : -1;
    if (v < 0) {
      throw new VerificationException(Reason.INPUT_MALFORMED, what + ": expected a QUANTITY of at most 63 bits");
    }
    return v;
  }

  private static ObjectNode rejected(final String id, final Reason reason, final long block, final String detail) {
    final ObjectNode o = MAPPER.createObjectNode();
    o.put("requestId", id);
    o.put("status", "REJECTED");
    o.put("reason", reason.name());
    if (block >= 0) {
      o.put("blockNumber", block);
    }
    o.put("detail", detail);
    return o;
  }

  private static ObjectNode unavailable(final String id, final String reason, final String detail) {
    final ObjectNode o = MAPPER.createObjectNode();
    o.put("requestId", id);
    o.put("status", "UNAVAILABLE");
    o.put("reason", reason);
    o.put("detail", detail);
    return o;
  }
}
