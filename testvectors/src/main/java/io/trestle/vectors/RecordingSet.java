package io.trestle.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Address;
import io.trestle.crypto.Hash32;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.execution.BlockVerifier;
import io.trestle.proofs.execution.ExecutionHeader;
import io.trestle.proofs.execution.VerifiedBlock;
import io.trestle.proofs.rlp.RlpItem;
import io.trestle.proofs.execution.AccountProofResponse;
import io.trestle.proofs.execution.AccountProofVerifier;
import io.trestle.proofs.state.VerifiedAccount;
import io.trestle.vectors.RpcRecording.Exchange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the recordings and chain files of one run say about blocks, built once per run and used to
 * check answers that refer to a block ({@code eth_getProof}, receipts, raw receipts, raw headers).
 *
 * <p>Only <b>verified</b> data enters: a JSON block whose header re-hashes to its {@code hash} (and whose
 * transactions and withdrawals rebuild their roots where given), a raw header or RLP block (its hash is
 * keccak of its bytes, its bodies rebuilt), a receipt list that rebuilds its block's receipts root, and
 * an account proven against such a block's state root. Blocks are found by hash; by number or by tag
 * ({@code latest}, {@code safe}, {@code finalized}, as answered by an {@code eth_getBlockByNumber} of the
 * set) only when exactly one block of the set answers, so recordings of different chains in one run
 * cannot be mixed up: an ambiguous or missing block is a skip reason, never a pass.
 */
final class RecordingSet {
  /** A verified block header, with its transaction hashes when known. */
  record Block(ExecutionHeader header, Hash32 hash, Optional<List<Hash32>> txHashes, int txCount, String source) {}

  private final Map<Hash32, Block> byHash = new LinkedHashMap<>();
  private final Map<Long, Set<Hash32>> byNumber = new HashMap<>();
  private final Map<String, Set<Hash32>> byTag = new HashMap<>();
  /** block hash -> a receipt list that rebuilt that block's receipts root. */
  private final Map<Hash32, JsonNode> receipts = new HashMap<>();
  /** block hash + address -> the verified account. */
  private final Map<String, List<Map.Entry<VerifiedAccount, String>>> accounts = new HashMap<>();

  /** Indexes the recordings among {@code files} (files that are not recordings are ignored). */
  static RecordingSet of(final List<Path> files) {
    final RecordingSet s = new RecordingSet();
    final Map<Path, List<Exchange>> recordings = new LinkedHashMap<>();
    for (final Path f : files) {
      final String label = id(f);
      final Optional<List<RlpItem>> chain = ChainRlpSuite.read(f);
      if (chain.isPresent()) {
        for (final RlpItem b : chain.get()) {
          s.addRlpBlock(b, label);
        }
        continue;
      }
      RpcRecording.read(f).ifPresent(x -> recordings.put(f, x));
    }
    // Blocks first, then what refers to blocks.
    for (final Map.Entry<Path, List<Exchange>> e : recordings.entrySet()) {
      for (final Exchange x : e.getValue()) {
        s.safely(() -> s.addBlockAnswer(x, id(e.getKey())));
      }
    }
    for (final Map.Entry<Path, List<Exchange>> e : recordings.entrySet()) {
      for (final Exchange x : e.getValue()) {
        s.safely(() -> s.addReceiptsAnswer(x));
      }
    }
    for (final Map.Entry<Path, List<Exchange>> e : recordings.entrySet()) {
      for (final Exchange x : e.getValue()) {
        s.safely(() -> s.addProofAnswer(x, id(e.getKey())));
      }
    }
    return s;
  }

  /** The source id of a file: its absolute normalized path. */
  static String id(final Path f) {
    return f.toAbsolutePath().normalize().toString();
  }

  /** A short name for messages: the last two path elements of a source id. */
  static String shortName(final String id) {
    final Path p = Path.of(id);
    final int n = p.getNameCount();
    return n >= 2 ? p.subpath(n - 2, n).toString().replace(p.getFileSystem().getSeparator(), "/") : id;
  }

  /** Blocks numbered {@code n} that did not come from {@code source}. */
  List<Block> numberedElsewhere(final long n, final String source) {
    final List<Block> out = new ArrayList<>();
    for (final Hash32 h : byNumber.getOrDefault(n, Set.of())) {
      final Block b = byHash.get(h);
      if (!b.source().equals(source)) {
        out.add(b);
      }
    }
    return out;
  }

  /** Indexing never fails a run: an answer that cannot be indexed is checked (and reported) by its own case. */
  private void safely(final Runnable r) {
    try {
      r.run();
    } catch (RuntimeException | StackOverflowError e) {
      // not indexed
    }
  }

  private static boolean ok(final Exchange x) {
    return x.malformed().isEmpty() && x.method().isPresent() && !x.result().isMissingNode()
        && !x.result().isNull();
  }

  private void addRlpBlock(final RlpItem b, final String source) {
    try {
      final ChainRlpSuite.CheckedBlock c = ChainRlpSuite.checkBlock(b);
      add(new Block(c.header(), c.hash(), Optional.of(c.txHashes()), c.txHashes().size(), source));
    } catch (RuntimeException | StackOverflowError e) {
      // not consistent: not indexed (its own case reports it)
    }
  }

  void add(final Block b) {
    if (byHash.putIfAbsent(b.hash(), b) == null) {
      byNumber.computeIfAbsent(b.header().number(), k -> new LinkedHashSet<>()).add(b.hash());
    } else if (b.txHashes().isPresent() && byHash.get(b.hash()).txHashes().isEmpty()) {
      byHash.put(b.hash(), b);
    }
  }

  private void addBlockAnswer(final Exchange x, final String source) {
    if (!ok(x)) {
      return;
    }
    final String m = x.method().get();
    if ((m.equals("eth_getBlockByNumber") || m.equals("eth_getBlockByHash")) && x.result().isObject()) {
      final ProofResult<VerifiedBlock> r = BlockVerifier.verify(x.result(), Optional.empty());
      if (r instanceof ProofResult.Verified<VerifiedBlock> v) {
        final VerifiedBlock vb = v.value();
        final List<Hash32> hashes = new ArrayList<>();
        for (final JsonNode t : x.result().path("transactions")) {
          hashes.add(Hash32.fromHex(t.isObject() ? t.path("hash").asText() : t.asText()));
        }
        add(new Block(vb.header(), vb.blockHash(), Optional.of(hashes), hashes.size(), source));
        if (m.equals("eth_getBlockByNumber") && x.param(0).isTextual() && isTag(x.param(0).asText())) {
          byTag.computeIfAbsent(x.param(0).asText().toLowerCase(Locale.ROOT), k -> new LinkedHashSet<>())
              .add(vb.blockHash());
        }
      }
    } else if (m.equals("debug_getRawHeader") && x.result().isTextual()) {
      try {
        final byte[] raw = io.trestle.crypto.Bytes.fromHex(x.result().asText()).toArray();
        final ExecutionHeader h = ExecutionHeader.decode(raw);
        if (java.util.Arrays.equals(h.encode(), raw)) {
          add(new Block(h, h.hash(), Optional.empty(), -1, source));
        }
      } catch (RuntimeException e) {
        // not indexed
      }
    } else if (m.equals("debug_getRawBlock") && x.result().isTextual()) {
      try {
        final byte[] raw = io.trestle.crypto.Bytes.fromHex(x.result().asText()).toArray();
        addRlpBlock(io.trestle.proofs.rlp.Rlp.decode(raw), source);
      } catch (RuntimeException e) {
        // not indexed
      }
    }
  }

  private void addReceiptsAnswer(final Exchange x) {
    if (!ok(x) || !x.method().get().equals("eth_getBlockReceipts") || !x.result().isArray()) {
      return;
    }
    final Optional<Block> b = x.result().isEmpty()
        ? resolve(x.param(0)).found()
        : Optional.ofNullable(hashOf(x.result().get(0).path("blockHash"))).map(byHash::get);
    if (b.isEmpty()) {
      return;
    }
    try {
      JsonRpcSuite.checkReceipts(b.get(), x.result());
      receipts.putIfAbsent(b.get().hash(), x.result());
    } catch (RuntimeException e) {
      // does not rebuild the root: not indexed (its own case reports it)
    }
  }

  private void addProofAnswer(final Exchange x, final String source) {
    if (!ok(x) || !x.method().get().equals("eth_getProof") || !x.params().isArray()) {
      return;
    }
    final Optional<Block> b = resolve(x.param(2)).found();
    if (b.isEmpty()) {
      return;
    }
    try {
      final AccountProofResponse resp = AccountProofResponse.fromJson(x.result());
      final ProofResult<VerifiedAccount> r = AccountProofVerifier.verify(b.get().header().stateRoot(), resp);
      if (r instanceof ProofResult.Verified<VerifiedAccount> v) {
        accounts.computeIfAbsent(accountKey(b.get().hash(), resp.address()), k -> new ArrayList<>())
            .add(Map.entry(v.value(), source));
      }
    } catch (RuntimeException e) {
      // not indexed
    }
  }

  private static String accountKey(final Hash32 block, final Address a) {
    return block + "/" + a;
  }

  /** The accounts proven in this set for {@code address} at block {@code block}, each with the file that proved it. */
  List<Map.Entry<VerifiedAccount, String>> accounts(final Hash32 block, final Address address) {
    return accounts.getOrDefault(accountKey(block, address), List.of());
  }

  /** A receipt list of block {@code hash} that rebuilt its receipts root. */
  Optional<JsonNode> receipts(final Hash32 hash) {
    return Optional.ofNullable(receipts.get(hash));
  }

  Optional<Block> block(final Hash32 hash) {
    return Optional.ofNullable(byHash.get(hash));
  }

  /** Blocks of the set whose state root is {@code root}. */
  List<Block> withStateRoot(final Hash32 root) {
    return byHash.values().stream().filter(b -> b.header().stateRoot().equals(root)).toList();
  }

  static boolean isTag(final String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "latest", "safe", "finalized", "earliest", "pending" -> true;
      default -> false;
    };
  }

  /** The outcome of looking up a block parameter. */
  record Resolution(Optional<Block> found, String description) {}

  /**
   * Resolves a block parameter: a 32-byte hash, a hex number, a tag, an EIP-1898 object, or absent
   * (meaning {@code latest}).
   */
  Resolution resolve(final JsonNode p) {
    if (p.isMissingNode() || p.isNull()) {
      return resolveTag("latest", "absent block parameter (latest)");
    }
    if (p.isObject()) {
      if (p.path("blockHash").isTextual()) {
        return resolve(p.get("blockHash"));
      }
      if (p.path("blockNumber").isTextual()) {
        return resolve(p.get("blockNumber"));
      }
      return new Resolution(Optional.empty(), "block parameter object names no block");
    }
    if (!p.isTextual()) {
      return new Resolution(Optional.empty(), "block parameter " + p + " is not a string");
    }
    final String s = p.asText();
    if (isTag(s)) {
      if (s.equalsIgnoreCase("earliest")) {
        return byNumber(0, "earliest (block 0)");
      }
      return resolveTag(s.toLowerCase(Locale.ROOT), "'" + s + "'");
    }
    final Hash32 h = hashOf(p);
    if (h != null) {
      final Block b = byHash.get(h);
      return b == null ? new Resolution(Optional.empty(), "block " + h + " is not in the recording set")
          : new Resolution(Optional.of(b), "block " + b.header().number() + " (" + h + ")");
    }
    try {
      if (s.startsWith("0x") && s.length() > 2 && s.length() <= 18) {
        return byNumber(Long.parseUnsignedLong(s.substring(2), 16), "block number " + s);
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    return new Resolution(Optional.empty(), "block parameter '" + VectorJson.abbreviate(s) + "' is not a block id");
  }

  private Resolution byNumber(final long n, final String what) {
    final Set<Hash32> hs = byNumber.getOrDefault(n, Set.of());
    if (hs.size() == 1) {
      final Block b = byHash.get(hs.iterator().next());
      return new Resolution(Optional.of(b), "block " + n + " (" + b.hash() + ")");
    }
    return new Resolution(Optional.empty(), hs.isEmpty() ? what + ": no block " + n + " in the recording set"
        : what + ": " + hs.size() + " different blocks numbered " + n + " in the recording set (ambiguous)");
  }

  private Resolution resolveTag(final String tag, final String what) {
    final Set<Hash32> hs = byTag.getOrDefault(tag, Set.of());
    if (hs.size() == 1) {
      final Block b = byHash.get(hs.iterator().next());
      return new Resolution(Optional.of(b), "block " + b.header().number() + " (" + b.hash() + ", the set's '"
          + tag + "')");
    }
    return new Resolution(Optional.empty(), hs.isEmpty()
        ? what + ": no eth_getBlockByNumber('" + tag + "') answer in the recording set"
        : what + ": " + hs.size() + " different '" + tag + "' blocks in the recording set (ambiguous)");
  }

  /** A 32-byte hash parameter, or null. */
  static Hash32 hashOf(final JsonNode n) {
    if (n == null || !n.isTextual()) {
      return null;
    }
    final String s = n.asText();
    if (s.length() != 66 || !(s.startsWith("0x") || s.startsWith("0X"))) {
      return null;
    }
    try {
      return Hash32.fromHex(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
