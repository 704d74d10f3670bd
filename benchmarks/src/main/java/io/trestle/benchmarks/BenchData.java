package io.trestle.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Hex;
import io.trestle.crypto.Keccak256;
import io.trestle.crypto.Sha256;
import io.trestle.proofs.mpt.TrieBuilder;
import io.trestle.proofs.rlp.RlpWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Proof data for the MPT benchmarks: the peers harness's files when present (so Trestle and the
 * JavaScript peers measure the very same proofs), else deterministic synthetic tries built with {@link
 * TrieBuilder}. Setup code only; nothing here is timed.
 */
final class BenchData {
  /** System property naming the peers data directory (holding account-proofs.json, receipt-proofs.json). */
  static final String DATA_DIR_PROPERTY = "trestle.peers.data";

  private static final ObjectMapper JSON = new ObjectMapper();

  private BenchData() {}

  /** One proof: the raw trie key (or address, for accounts), the expected value if present, the nodes. */
  record Case(byte[] keySource, Optional<byte[]> value, List<Bytes> proof, byte[][] nodes) {}

  /** A set of proofs against one root, and where they came from. */
  record ProofSet(String origin, Hash32 root, List<Case> present, List<Case> absent) {}

  /**
   * The peers data directory: {@code -Dtrestle.peers.data=DIR} (relative paths against the working
   * directory), else {@code <repo root>/testvectors/vectors/peers/data} (the peer harness's data, copied with provenance), where the repo root is the nearest
   * directory at or above the working directory that holds {@code benchmarks/pom.xml} (so running from
   * the repo root and from {@code benchmarks/} both work).
   */
  static Path peersDataDir() {
    final String prop = System.getProperty(DATA_DIR_PROPERTY);
    if (prop != null && !prop.isBlank()) {
      return Paths.get(prop).toAbsolutePath().normalize();
    }
    final Path cwd = Paths.get("").toAbsolutePath();
    Path root = cwd;
    for (Path p = cwd; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("benchmarks").resolve("pom.xml"))) {
        root = p;
        break;
      }
    }
    return root.resolve("testvectors/vectors/peers/data").normalize();
  }

  /**
   * The file {@code name} in the peers data directory, if {@code source} allows it ("auto" or "peers")
   * and it exists; "peers" with a missing file is an error, "synthetic" never reads it.
   */
  static Optional<Path> peersFile(final String source, final String name) {
    if (source.equals("synthetic")) {
      return Optional.empty();
    }
    if (!source.equals("auto") && !source.equals("peers")) {
      throw new IllegalArgumentException("source must be auto, peers or synthetic, got " + source);
    }
    final Path f = peersDataDir().resolve(name);
    if (Files.isRegularFile(f)) {
      return Optional.of(f);
    }
    if (source.equals("peers")) {
      throw new IllegalStateException(f + " not found (set -D" + DATA_DIR_PROPERTY + "=DIR)");
    }
    return Optional.empty();
  }

  // --- accounts -----------------------------------------------------------------------------------

  /** Account proofs: keySource is the 20-byte address; the trie key is keccak(address). */
  static ProofSet accounts(final String source) {
    final Optional<Path> file = peersFile(source, "account-proofs.json");
    if (file.isPresent()) {
      final JsonNode doc = read(file.get());
      return new ProofSet(
          file.get().toString(),
          Hash32.fromHex(doc.get("root").asText()),
          cases(doc.get("proofs"), "address"),
          cases(doc.get("absentProofs"), "address"));
    }
    return syntheticAccounts(100_000, 1000, 100);
  }

  /**
   * A secure trie of {@code count} accounts {@code rlp([nonce, balance, emptyRoot, emptyCodeHash])} at
   * addresses {@code sha256("trestle-bench/account/" + i)[0:20]}; proofs of every (count/proofs)-th
   * account and of {@code absent} addresses that are not in the trie.
   */
  static ProofSet syntheticAccounts(final int count, final int proofs, final int absent) {
    final TrieBuilder trie = new TrieBuilder();
    final byte[] emptyRoot = RlpWriter.string(Hash32.fromHex(
        "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421"));
    final byte[] emptyCode = RlpWriter.string(Keccak256.hash(new byte[0]));
    final byte[][] addresses = new byte[count][];
    final byte[][] values = new byte[count][];
    for (int i = 0; i < count; i++) {
      addresses[i] = address("trestle-bench/account/" + i);
      final BigInteger balance = BigInteger.valueOf(i).multiply(BigInteger.TEN.pow(15)).add(BigInteger.valueOf(7L * i));
      values[i] = RlpWriter.list(RlpWriter.uint(i % 5000), RlpWriter.uint(balance), emptyRoot, emptyCode);
      trie.put(Keccak256.hash(addresses[i]).toArray(), values[i]);
    }
    final Hash32 root = trie.root();
    final List<Case> present = new ArrayList<>();
    final int step = Math.max(1, count / proofs);
    for (int i = 0; i < count && present.size() < proofs; i += step) {
      final List<Bytes> p = trie.proof(Keccak256.hash(addresses[i]).toArray());
      present.add(new Case(addresses[i], Optional.of(values[i]), p, arrays(p)));
    }
    final List<Case> missing = new ArrayList<>();
    for (int i = 0; i < absent; i++) {
      final byte[] a = address("trestle-bench/absent/" + i);
      final List<Bytes> p = trie.proof(Keccak256.hash(a).toArray());
      missing.add(new Case(a, Optional.empty(), p, arrays(p)));
    }
    return new ProofSet("synthetic secure trie of " + count + " accounts", root, present, missing);
  }

  // --- receipts -----------------------------------------------------------------------------------

  /** Receipt proofs: keySource is the trie key rlp(index). */
  static ProofSet receipts(final String source) {
    final Optional<Path> file = peersFile(source, "receipt-proofs.json");
    if (file.isPresent()) {
      final JsonNode doc = read(file.get());
      final List<Case> present = cases(doc.get("proofs"), "key");
      // The key must be rlp(index): computed here, checked against the file.
      final JsonNode proofs = doc.get("proofs");
      for (int i = 0; i < proofs.size(); i++) {
        final byte[] key = RlpWriter.uint(proofs.get(i).get("index").asLong());
        if (!Arrays.equals(key, present.get(i).keySource())) {
          throw new IllegalStateException("receipt proof " + i + ": key is not rlp(index)");
        }
      }
      return new ProofSet(file.get().toString(), Hash32.fromHex(doc.get("root").asText()), present, List.of());
    }
    return syntheticReceipts(300);
  }

  /**
   * A receipts trie of {@code count} synthetic receipts of about 500 bytes ({@code [status, cumulativeGas,
   * bloom, [log]]}, one log with three topics and 96-160 bytes of data; every fourth legacy, the others
   * typed 0x02), keyed by rlp(index), with a proof of each.
   */
  static ProofSet syntheticReceipts(final int count) {
    final TrieBuilder trie = new TrieBuilder();
    final byte[][] keys = new byte[count][];
    final byte[][] values = new byte[count][];
    long cumulativeGas = 0;
    for (int i = 0; i < count; i++) {
      cumulativeGas += 21_000 + 1_337L * i;
      final byte[] bloom = new byte[256];
      final byte[] seed = Sha256.hash(("trestle-bench/bloom/" + i).getBytes(StandardCharsets.UTF_8)).toArray();
      for (int b = 0; b < 6; b++) {
        final int bit = ((seed[2 * b] & 0xff) << 8 | (seed[2 * b + 1] & 0xff)) & 2047;
        bloom[bit >>> 3] |= (byte) (1 << (bit & 7));
      }
      final byte[] data = new byte[96 + (i % 3) * 32];
      for (int d = 0; d < data.length; d += 32) {
        Sha256.hash(("trestle-bench/data/" + i + "/" + d).getBytes(StandardCharsets.UTF_8)).copyTo(data, d);
      }
      final byte[] log = RlpWriter.list(
          RlpWriter.string(address("trestle-bench/log-address/" + (i % 7))),
          RlpWriter.list(
              RlpWriter.string(Sha256.hash(("trestle-bench/topic0/" + (i % 3)).getBytes(StandardCharsets.UTF_8))),
              RlpWriter.string(Sha256.hash(("trestle-bench/topic1/" + i).getBytes(StandardCharsets.UTF_8))),
              RlpWriter.string(Sha256.hash(("trestle-bench/topic2/" + i).getBytes(StandardCharsets.UTF_8)))),
          RlpWriter.string(data));
      final byte[] body = RlpWriter.list(
          RlpWriter.uint(1), RlpWriter.uint(cumulativeGas), RlpWriter.string(bloom), RlpWriter.list(log));
      values[i] = i % 4 == 0 ? body : RlpWriter.concat(new byte[] {0x02}, body);
      keys[i] = RlpWriter.uint(i);
      trie.put(keys[i], values[i]);
    }
    final Hash32 root = trie.root();
    final List<Case> present = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      final List<Bytes> p = trie.proof(keys[i]);
      present.add(new Case(keys[i], Optional.of(values[i]), p, arrays(p)));
    }
    return new ProofSet("synthetic receipts trie of " + count + " receipts", root, present, List.of());
  }

  // --- helpers ------------------------------------------------------------------------------------

  private static byte[] address(final String seed) {
    return Arrays.copyOf(Sha256.hash(seed.getBytes(StandardCharsets.UTF_8)).toArray(), 20);
  }

  private static JsonNode read(final Path f) {
    try {
      return JSON.readTree(f.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + f, e);
    }
  }

  private static List<Case> cases(final JsonNode list, final String keyField) {
    final List<Case> out = new ArrayList<>();
    for (final JsonNode c : list) {
      final JsonNode v = c.get("value");
      final Optional<byte[]> value = v == null || v.isNull() ? Optional.empty() : Optional.of(Hex.decode(v.asText()));
      final List<Bytes> proof = new ArrayList<>();
      for (final JsonNode n : c.get("proof")) {
        proof.add(Bytes.fromHex(n.asText()));
      }
      out.add(new Case(Hex.decode(c.get(keyField).asText()), value, List.copyOf(proof), arrays(proof)));
    }
    return List.copyOf(out);
  }

  private static byte[][] arrays(final List<Bytes> proof) {
    final byte[][] out = new byte[proof.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = proof.get(i).toArray();
    }
    return out;
  }
}
