package io.trestle.cosmos.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.cosmos.ics23.CommitmentProof;
import io.trestle.cosmos.ics23.ExistenceProof;
import io.trestle.cosmos.ics23.Ics23Codec;
import io.trestle.cosmos.ics23.Ics23Reason;
import io.trestle.cosmos.ics23.Ics23Result;
import io.trestle.cosmos.ics23.Ics23Verifier;
import io.trestle.cosmos.ics23.NonExistenceProof;
import io.trestle.cosmos.ics23.ProofSpec;
import io.trestle.crypto.Bytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Fuzz target: ICS-23 {@code CommitmentProof} protobuf decoding ({@link Ics23Codec}) and verification
 * ({@link Ics23Verifier}) against the fixed roots of the 14 cosmos/ics23 per-spec vectors ({@code
 * testdata/{iavl,smt,tendermint}/*.json}, staged in testvectors/vectors). Byte 0 selects the vector (its
 * spec, root, key and value, in sorted path order), byte 1 the claim checked with the decoded proof: 0 the
 * vector's true claim (membership of key → value, or non-membership of an absent key); 1 a false claim
 * (membership with another value, or membership of the absent key); 2 another false claim (non-membership
 * of the present key, or non-membership of the honest absence proof's neighbour key, which is present).
 * The rest is the proof. Seeds: each vector's real proof under each claim.
 *
 * <p>Oracle: decoding and verification return a value or a rejection whose reason is an {@link
 * Ics23Reason} other than INTERNAL_ERROR, always with a detail; a decoded proof re-encodes to exactly the
 * input (the decoder refuses non-canonical protobuf); a false claim never verifies; the true claim verifies
 * only with a result identical to the honest proof's (for absence, the same neighbour keys).
 */
class Ics23FuzzTest {
  static final Path DIR = Path.of("../testvectors/vectors/ics23/testdata");
  static final Set<Ics23Reason> REASONS = EnumSet.complementOf(EnumSet.of(Ics23Reason.INTERNAL_ERROR));

  /** One vector: spec, root, key, value (empty: absent) and the honest proof's verified result. */
  record Vector(String name, ProofSpec spec, Bytes root, Bytes key, Bytes value, Object honest, Bytes neighbour) {}

  static final List<Vector> VECTORS = new ArrayList<>();

  static {
    final ObjectMapper m = new ObjectMapper();
    try (Stream<Path> s = Files.walk(DIR)) {
      for (final Path f : s.filter(p -> p.getParent() != null && !p.getParent().equals(DIR)
          && p.toString().endsWith(".json")).sorted().toList()) {
        final JsonNode v = m.readTree(Files.readAllBytes(f));
        final ProofSpec spec = switch (f.getParent().getFileName().toString()) {
          case "iavl" -> ProofSpec.IAVL;
          case "tendermint" -> ProofSpec.TENDERMINT;
          default -> ProofSpec.SMT;
        };
        final Bytes key = Bytes.fromHex(v.get("key").asText());
        final Bytes value = Bytes.fromHex(v.get("value").asText());
        final Bytes root = Bytes.fromHex(v.get("root").asText());
        final CommitmentProof proof = Ics23Codec.decodeCommitmentProof(Bytes.fromHex(v.get("proof").asText())
            .toArray()).orElseThrow();
        final Object honest;
        Bytes neighbour = Bytes.EMPTY;
        if (value.isEmpty()) {
          honest = Ics23Verifier.verifyNonMembership(spec, root, proof, key).orElseThrow();
          final NonExistenceProof n = (NonExistenceProof) proof;
          neighbour = n.left().or(n::right).map(ExistenceProof::key).orElseThrow();
        } else {
          honest = Ics23Verifier.verifyMembership(spec, root, proof, key, value).orElseThrow();
        }
        VECTORS.add(new Vector(DIR.relativize(f).toString(), spec, root, key, value, honest, neighbour));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (VECTORS.size() != 14) {
      throw new IllegalStateException("expected the 14 ICS-23 vectors, found " + VECTORS.size());
    }
  }

  @FuzzTest(maxDuration = "30m")
  void commitmentProof(final byte[] input) {
    if (input.length < 2) {
      return;
    }
    final Vector v = VECTORS.get(Byte.toUnsignedInt(input[0]) % VECTORS.size());
    final int claim = Byte.toUnsignedInt(input[1]) % 3;
    final byte[] raw = Arrays.copyOfRange(input, 2, input.length);
    final CommitmentProof proof = value(Ics23Codec.decodeCommitmentProof(raw));
    if (proof == null) {
      return;
    }
    assertArrayEquals(raw, Ics23Codec.encode(proof), "accepted a non-canonical encoding");
    final boolean present = !v.value().isEmpty();
    final Ics23Result<?> r;
    if (claim == 0) {
      r = present ? Ics23Verifier.verifyMembership(v.spec(), v.root(), proof, v.key(), v.value())
          : Ics23Verifier.verifyNonMembership(v.spec(), v.root(), proof, v.key());
      final Object got = value(r);
      if (got != null) {
        assertEquals(v.honest(), got, "the true claim verified with another result than the honest proof's");
      }
      return;
    }
    if (claim == 1) {
      r = Ics23Verifier.verifyMembership(v.spec(), v.root(), proof, v.key(),
          present ? flip(v.value()) : Bytes.fromHex("0x66757a7a"));
    } else {
      r = Ics23Verifier.verifyNonMembership(v.spec(), v.root(), proof, present ? v.key() : v.neighbour());
    }
    if (value(r) != null) {
      throw new AssertionError("a false claim verified (" + v.name() + ", claim " + claim + "): " + r);
    }
  }

  private static Bytes flip(final Bytes b) {
    final byte[] a = b.toArray();
    a[a.length - 1] ^= 1;
    return Bytes.of(a);
  }

  /** The value, or null for a documented rejection with a detail. */
  static <T> T value(final Ics23Result<T> r) {
    if (r instanceof Ics23Result.Rejected<T> rej) {
      if (!REASONS.contains(rej.reason())) {
        throw new AssertionError("undocumented rejection " + rej.reason() + " (" + rej.detail() + ")");
      }
      assertTrue(!rej.detail().isEmpty(), "rejection " + rej.reason() + " without a detail");
      return null;
    }
    return ((Ics23Result.Verified<T>) r).value();
  }
}
