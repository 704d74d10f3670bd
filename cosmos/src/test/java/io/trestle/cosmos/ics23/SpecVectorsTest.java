package io.trestle.cosmos.ics23;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.crypto.Bytes;
import io.trestle.testbase.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 14 per-spec vectors of cosmos/ics23 ({@code testdata/{iavl,tendermint,smt}/*.json}): the proof
 * decodes, calculates to {@code root}, and verifies (membership, or non-membership for an empty value)
 * with the named spec; and it does not verify with another key or a flipped root.
 */
class SpecVectorsTest {
  static final Path DIR = Vectors.path("ics23/testdata");

  static Stream<Path> files() throws IOException {
    final List<Path> out = new ArrayList<>();
    for (final String spec : List.of("iavl", "tendermint", "smt")) {
      try (Stream<Path> s = Files.list(DIR.resolve(spec))) {
        s.sorted().forEach(out::add);
      }
    }
    assertEquals(14, out.size());
    return out.stream();
  }

  static ProofSpec spec(final Path f) {
    return switch (f.getParent().getFileName().toString()) {
      case "iavl" -> ProofSpec.IAVL;
      case "tendermint" -> ProofSpec.TENDERMINT;
      default -> ProofSpec.SMT;
    };
  }

  @ParameterizedTest
  @MethodSource("files")
  void vectorVerifies(final Path f) throws IOException {
    final JsonNode v = new ObjectMapper().readTree(f.toFile());
    final Bytes key = Bytes.fromHex(v.get("key").asText());
    final Bytes value = Bytes.fromHex(v.get("value").asText());
    final Bytes root = Bytes.fromHex(v.get("root").asText());
    final byte[] raw = Bytes.fromHex(v.get("proof").asText()).toArray();
    final CommitmentProof proof = Ics23Codec.decodeCommitmentProof(raw).orElseThrow();
    assertEquals(root, Ics23Verifier.calculate(proof).orElseThrow(), "Calculate() equals root");
    // canonical re-encoding gives the upstream bytes back
    assertEquals(Bytes.of(raw), Bytes.of(Ics23Codec.encode(proof)));
    final ProofSpec spec = spec(f);
    final Bytes otherRoot = Bytes.of(flip(root.toArray()));
    if (value.isEmpty()) {
      assertInstanceOf(NonExistenceProof.class, proof);
      final Ics23Result<ProvenAbsence> r = Ics23Verifier.verifyNonMembership(spec, root, proof, key);
      assertTrue(r.isVerified(), () -> r.toString());
      assertFalse(Ics23Verifier.verifyNonMembership(spec, otherRoot, proof, key).isVerified());
      assertEquals(Ics23Reason.WRONG_PROOF_TYPE, reason(Ics23Verifier.verifyMembership(spec, root, proof, key, key)));
    } else {
      final Ics23Result<ProvenValue> r = Ics23Verifier.verifyMembership(spec, root, proof, key, value);
      assertTrue(r.isVerified(), () -> r.toString());
      assertEquals(Ics23Reason.ROOT_MISMATCH, reason(Ics23Verifier.verifyMembership(spec, otherRoot, proof, key, value)));
      assertEquals(Ics23Reason.VALUE_MISMATCH,
          reason(Ics23Verifier.verifyMembership(spec, root, proof, key, Bytes.of(flip(value.toArray())))));
      assertEquals(Ics23Reason.KEY_MISMATCH,
          reason(Ics23Verifier.verifyMembership(spec, root, proof, Bytes.of(flip(key.toArray())), value)));
    }
  }

  static byte[] flip(final byte[] b) {
    final byte[] c = b.clone();
    c[c.length - 1] ^= 1;
    return c;
  }

  static Ics23Reason reason(final Ics23Result<?> r) {
    return r instanceof Ics23Result.Rejected<?> x ? x.reason() : null;
  }
}
