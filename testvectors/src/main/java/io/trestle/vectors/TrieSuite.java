package io.trestle.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Hex;
import io.trestle.crypto.Keccak256;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.mpt.MptVerifier;
import io.trestle.proofs.mpt.TrieBuilder;
import io.trestle.vectors.VectorJson.MalformedVectorException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * ethereum/tests {@code TrieTests} root vectors, recognised by content: a JSON object whose members
 * are {@code {in, root}} objects. {@code in} is either an array of {@code [key, value|null]} pairs
 * applied in order ({@code trietest*.json}; a {@code null} or empty value deletes the key) or an object
 * {@code {key: value}} ({@code trieanyorder*.json}, {@code hex_encoded_securetrie_test.json}). Keys and
 * values are {@code 0x}-hex when so prefixed, else UTF-8; a case with {@code "hexEncoded": true} must
 * have hex everywhere.
 *
 * <p><b>Secure variants.</b> Whether keys are hashed with keccak-256 before insertion cannot be seen in
 * the content (a secure and a plain case look alike and only the expected root differs). This suite
 * therefore uses the file name, and only for that: a file whose name contains {@code securetrie} in any
 * case ({@code trietest_secureTrie.json}, {@code trieanyorder_secureTrie.json}, {@code
 * hex_encoded_securetrie_test.json}) is a secure trie; any other is plain.
 *
 * <p><b>Checks per case.</b> (1) {@link TrieBuilder} applied to {@code in} gives {@code root}. For the
 * object form, the entries are also inserted in reverse order and must give the same root (the vectors
 * promise order independence). (2) For every key present at the end, {@link TrieBuilder#proof} is
 * verified with {@link MptVerifier#verifyInclusion} against the vector's root and must return the
 * inserted value; for every key deleted along the way, {@link MptVerifier#verifyExclusion} must accept
 * its proof. Proof checks are done for every case whose keys are prefix-free. A case where one key is a
 * prefix of another needs a branch node carrying a value, which {@link MptVerifier} rejects by design
 * ({@code MPT_BAD_NODE}: no Ethereum trie has one); for those cases only the root is checked, and the
 * case's message says so. Either way it is one case.
 */
public final class TrieSuite implements Suite {
  /** The suite name. */
  public static final String NAME = "trie";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean recognise(final Path file) {
    return VectorJson.readObject(file).map(o -> VectorJson.hasCaseShape(o, "root")).orElse(false);
  }

  /** True if keys of {@code file} are hashed before insertion (see the class comment). */
  static boolean isSecure(final Path file) {
    final Path name = file.getFileName();
    return name != null && name.toString().toLowerCase(Locale.ROOT).contains("securetrie");
  }

  @Override
  public List<CaseResult> run(final Path file) throws IOException {
    final ObjectNode root = VectorJson.readRecognised(file);
    final boolean secure = isSecure(file);
    final List<CaseResult> out = new ArrayList<>();
    final Iterator<Map.Entry<String, JsonNode>> it = root.fields();
    while (it.hasNext()) {
      final Map.Entry<String, JsonNode> e = it.next();
      out.add(runCase(e.getKey(), e.getValue(), secure));
    }
    return out;
  }

  /** One put ({@code value} non-empty) or delete ({@code value} empty) on a raw (already hashed) key. */
  private record Op(byte[] key, byte[] value) {}

  /** Runs one case; never throws. */
  static CaseResult runCase(final String name, final JsonNode c, final boolean secure) {
    try {
      if (!c.isObject() || !c.has("in") || !c.path("root").isTextual()) {
        return CaseResult.failed(name, "malformed vector: expected an object with 'in' and a string 'root'");
      }
      final Hash32 expected;
      try {
        expected = Hash32.fromHex(c.get("root").asText());
      } catch (IllegalArgumentException e) {
        return CaseResult.failed(name, "malformed vector: root is not a 32-byte hex string: " + e.getMessage());
      }
      final boolean forceHex = c.path("hexEncoded").asBoolean(false);
      final JsonNode in = c.get("in");
      final List<Op> ops;
      final boolean anyOrder;
      if (in.isArray()) {
        ops = orderedOps(in, forceHex, secure);
        anyOrder = false;
      } else if (in.isObject()) {
        ops = objectOps(in, forceHex, secure);
        anyOrder = true;
      } else {
        return CaseResult.failed(name, "malformed vector: 'in' is neither an array nor an object");
      }

      final TrieBuilder trie = apply(ops);
      final Hash32 got = trie.root();
      if (!got.equals(expected)) {
        return CaseResult.failed(name, "root: computed " + got + ", vector root is " + expected);
      }
      if (anyOrder) {
        final List<Op> reversed = new ArrayList<>(ops);
        Collections.reverse(reversed);
        final Hash32 again = apply(reversed).root();
        if (!again.equals(expected)) {
          return CaseResult.failed(name, "root: inserting in reverse order gave " + again + ", expected " + expected);
        }
      }
      return proofChecks(name, trie, expected, ops);
    } catch (MalformedVectorException e) {
      return CaseResult.failed(name, "malformed vector: " + e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      return CaseResult.failed(name, "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static List<Op> orderedOps(final JsonNode in, final boolean forceHex, final boolean secure) {
    final List<Op> ops = new ArrayList<>();
    for (int i = 0; i < in.size(); i++) {
      final JsonNode pair = in.get(i);
      if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isTextual()
          || !(pair.get(1).isTextual() || pair.get(1).isNull())) {
        throw new MalformedVectorException("in[" + i + "] is not a [key, value|null] pair of strings");
      }
      ops.add(op(pair.get(0).asText(), pair.get(1), forceHex, secure, "in[" + i + "]"));
    }
    return ops;
  }

  private static List<Op> objectOps(final JsonNode in, final boolean forceHex, final boolean secure) {
    final List<Op> ops = new ArrayList<>();
    final Iterator<Map.Entry<String, JsonNode>> it = in.fields();
    while (it.hasNext()) {
      final Map.Entry<String, JsonNode> e = it.next();
      if (!(e.getValue().isTextual() || e.getValue().isNull())) {
        throw new MalformedVectorException("in['" + VectorJson.abbreviate(e.getKey()) + "'] is not a string or null");
      }
      ops.add(op(e.getKey(), e.getValue(), forceHex, secure, "in['" + VectorJson.abbreviate(e.getKey()) + "']"));
    }
    return ops;
  }

  private static Op op(
      final String key, final JsonNode value, final boolean forceHex, final boolean secure, final String where) {
    final byte[] raw = VectorJson.bytes(key, forceHex, where + " key");
    final byte[] k = secure ? Keccak256.digest(raw, 0, raw.length) : raw;
    final byte[] v = value.isNull() ? new byte[0] : VectorJson.bytes(value.asText(), forceHex, where + " value");
    return new Op(k, v);
  }

  private static TrieBuilder apply(final List<Op> ops) {
    final TrieBuilder t = new TrieBuilder();
    for (final Op op : ops) {
      t.put(op.key(), op.value());
    }
    return t;
  }

  private static CaseResult proofChecks(
      final String name, final TrieBuilder trie, final Hash32 root, final List<Op> ops) {
    final Map<Bytes, byte[]> present = new LinkedHashMap<>();
    final Set<Bytes> touched = new LinkedHashSet<>();
    for (final Op op : ops) {
      final Bytes k = Bytes.of(op.key());
      touched.add(k);
      if (op.value().length == 0) {
        present.remove(k);
      } else {
        present.put(k, op.value());
      }
    }
    if (!prefixFree(touched)) {
      return CaseResult.passed(
          name, "root matches; proof checks not applicable (a key is a prefix of another: branch values)");
    }
    int inclusions = 0;
    int exclusions = 0;
    for (final Bytes k : touched) {
      final byte[] key = k.toArray();
      final List<Bytes> proof = trie.proof(key);
      final byte[] want = present.get(k);
      if (want != null) {
        final ProofResult<Bytes> r = MptVerifier.verifyInclusion(root, key, proof);
        if (r instanceof ProofResult.Rejected<Bytes> rej) {
          return CaseResult.failed(
              name, "inclusion proof for key " + k.toHex() + " rejected: " + rej.reason() + ": " + rej.detail());
        }
        final Bytes value = r.orElseThrow();
        if (!Arrays.equals(value.toArray(), want)) {
          return CaseResult.failed(
              name, "inclusion proof for key " + k.toHex() + " returned " + VectorJson.abbreviate(value.toHex())
                  + ", inserted " + VectorJson.abbreviate(Hex.encode(want)));
        }
        inclusions++;
      } else {
        final ProofResult<?> r = MptVerifier.verifyExclusion(root, key, proof);
        if (r instanceof ProofResult.Rejected<?> rej) {
          return CaseResult.failed(
              name,
              "exclusion proof for deleted key " + k.toHex() + " rejected: " + rej.reason() + ": " + rej.detail());
        }
        exclusions++;
      }
    }
    return CaseResult.passed(
        name, "root matches; " + inclusions + " inclusion and " + exclusions + " exclusion proof(s) verified");
  }

  /** True if no key is a prefix of another (byte prefixes are nibble prefixes, so bytes suffice). */
  static boolean prefixFree(final Set<Bytes> keys) {
    final List<Bytes> sorted = new ArrayList<>(keys);
    Collections.sort(sorted);
    for (int i = 1; i < sorted.size(); i++) {
      final byte[] a = sorted.get(i - 1).toArray();
      final byte[] b = sorted.get(i).toArray();
      if (a.length <= b.length && Arrays.equals(a, 0, a.length, b, 0, a.length)) {
        return false;
      }
    }
    return true;
  }
}
