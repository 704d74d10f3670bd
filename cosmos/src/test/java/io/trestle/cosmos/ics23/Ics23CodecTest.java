package io.trestle.cosmos.ics23;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.crypto.Bytes;
import io.trestle.testbase.Vectors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The strict protobuf decoder: every non-canonical or malformed encoding gets its typed reason. */
class Ics23CodecTest {
  static byte[] hex(final String h) {
    return Bytes.fromHex(h).toArray();
  }

  static Ics23Reason reason(final Ics23Result<?> r) {
    return r instanceof Ics23Result.Rejected<?> x ? x.reason() : null;
  }

  static Ics23Reason decode(final String h) {
    return reason(Ics23Codec.decodeCommitmentProof(hex(h)));
  }

  @Test
  void wellFormedMinimalProofs() {
    // exist { key "k" value "v" leaf {hash SHA256} }
    final CommitmentProof p = Ics23Codec.decodeCommitmentProof(hex("0a0a0a016b1201761a020801")).orElseThrow();
    final ExistenceProof e = (ExistenceProof) p;
    assertEquals(Bytes.of(new byte[] {'k'}), e.key());
    assertEquals(HashOp.SHA256, e.leaf().orElseThrow().hash());
    // an explicitly present, empty leaf message is kept as "present with defaults" (Go: non-nil)
    final ExistenceProof empty = (ExistenceProof) Ics23Codec.decodeCommitmentProof(hex("0a021a00")).orElseThrow();
    assertEquals(Optional.of(LeafOp.empty()), empty.leaf());
    assertEquals(Ics23Reason.LEAF_MISSING,
        reason(Ics23Verifier.calculate(Ics23Codec.decodeCommitmentProof(hex("0a00")).orElseThrow())));
  }

  @Test
  void nonCanonicalEncodingsAreRejected() {
    // non-minimal varint length (0x8a 0x00 for 10)
    assertEquals(Ics23Reason.DECODE_NON_CANONICAL, decode("0a8a000a016b1201761a020801"));
    // non-minimal tag varint
    assertEquals(Ics23Reason.DECODE_NON_CANONICAL, decode("8a000a0a016b1201761a020801"));
    // fields out of order: value (2) before key (1)
    assertEquals(Ics23Reason.DECODE_NON_CANONICAL, decode("0a0a1201760a016b1a020801"));
    // explicitly encoded default enum: leaf { hash SHA256, prehash_key NO_HASH }
    assertEquals(Ics23Reason.DECODE_NON_CANONICAL, decode("0a0c0a016b1201761a0408011000"));
    // explicitly encoded empty bytes: key ""
    assertEquals(Ics23Reason.DECODE_NON_CANONICAL, decode("0a090a001201761a020801"));
    // 11-byte varint / a 10th byte above 1
    assertEquals(Ics23Reason.DECODE_NON_CANONICAL, decode("0a130a016b1201761a0b08ffffffffffffffffff02"));
  }

  @Test
  void malformedEncodingsAreRejected() {
    assertEquals(Ics23Reason.DECODE_DUPLICATE_FIELD, decode("0a0d0a016b0a016b1201761a020801"));
    // oneof with both exist and nonexist
    assertEquals(Ics23Reason.DECODE_DUPLICATE_FIELD, decode("0a001200"));
    assertEquals(Ics23Reason.DECODE_UNKNOWN_FIELD, decode("0a0d0a016b1201761a0208012a0101"));
    assertEquals(Ics23Reason.DECODE_UNKNOWN_FIELD, decode("2a00"));
    assertEquals(Ics23Reason.DECODE_WIRE_TYPE, decode("0a0a0a016b1201761a020901"));
    assertEquals(Ics23Reason.DECODE_BAD_ENUM, decode("0a0a0a016b1201761a02080a"));
    assertEquals(Ics23Reason.DECODE_BAD_ENUM, decode("0a0a0a016b1201761a022009"));
    assertEquals(Ics23Reason.DECODE_TRUNCATED, decode("0a0a0a016b1201761a0208"));
    // a length prefix of 2^32: rejected before any allocation
    assertEquals(Ics23Reason.DECODE_TRUNCATED, decode("0a8080808010"));
    assertEquals(Ics23Reason.DECODE_TRUNCATED, decode("0a"));
    assertEquals(Ics23Reason.DECODE_EMPTY_PROOF, reason(Ics23Codec.decodeCommitmentProof(new byte[0])));
    assertEquals(Ics23Reason.UNSUPPORTED_PROOF_TYPE, decode("1a00"));
    assertEquals(Ics23Reason.UNSUPPORTED_PROOF_TYPE, decode("2200"));
    assertEquals(Ics23Reason.DECODE_TOO_LARGE, reason(Ics23Codec.decodeCommitmentProof(new byte[Ics23Codec.MAX_INPUT_BYTES + 1])));
    assertEquals(Ics23Reason.DECODE_EMPTY_PROOF, reason(Ics23Codec.decodeMerkleProof(hex("0a00"))));
    // more chained proofs than the bound
    final byte[] one = Ics23Codec.encodeMerkleProof(List.of(
        Ics23Codec.decodeCommitmentProof(hex("0a0a0a016b1201761a020801")).orElseThrow()));
    final byte[] seventeen = new byte[one.length * (Ics23Codec.MAX_CHAINED + 1)];
    for (int i = 0; i <= Ics23Codec.MAX_CHAINED; i++) {
      System.arraycopy(one, 0, seventeen, i * one.length, one.length);
    }
    assertEquals(Ics23Reason.DECODE_TOO_LARGE, reason(Ics23Codec.decodeMerkleProof(seventeen)));
  }

  /**
   * Single-byte mutations of every staged proof: decoding and verification never throw, and a mutated
   * proof verifies only if it decodes to the same proof (up to the unused NonExistenceProof.key).
   */
  @Test
  void mutationsNeverCrashAndNeverForge() throws IOException {
    final Random rnd = new Random(20261202L);
    int checked = 0;
    int accepted = 0;
    for (final String spec : List.of("iavl", "tendermint", "smt")) {
      for (final String f : List.of("exist_left", "exist_middle", "nonexist_left", "nonexist_right")) {
        final JsonNode v = new ObjectMapper().readTree(Vectors.path("ics23/testdata", spec, f + ".json").toFile());
        final ProofSpec ps = SpecVectorsTest.spec(Path.of(spec, f));
        final byte[] raw = Bytes.fromHex(v.get("proof").asText()).toArray();
        final CommitmentProof original = Ics23Codec.decodeCommitmentProof(raw).orElseThrow();
        final Bytes root = Bytes.fromHex(v.get("root").asText());
        final Bytes key = Bytes.fromHex(v.get("key").asText());
        final Bytes value = Bytes.fromHex(v.get("value").asText());
        for (int n = 0; n < 300; n++) {
          final byte[] m = raw.clone();
          final int at = rnd.nextInt(m.length);
          m[at] = (byte) (m[at] ^ (1 << rnd.nextInt(8)));
          final Ics23Result<CommitmentProof> d = Ics23Codec.decodeCommitmentProof(m);
          checked++;
          if (!d.isVerified()) {
            continue;
          }
          final CommitmentProof p = d.orElseThrow();
          final Ics23Result<?> r = value.isEmpty()
              ? Ics23Verifier.verifyNonMembership(ps, root, p, key)
              : Ics23Verifier.verifyMembership(ps, root, p, key, value);
          assertTrue(reason(r) != Ics23Reason.INTERNAL_ERROR, () -> "internal error on mutation at " + at);
          if (r.isVerified()) {
            accepted++;
            assertEquals(normalise(original), normalise(p), "a changed proof verified (mutation at byte " + at + ")");
          }
        }
      }
    }
    assertEquals(12 * 300, checked);
    assertTrue(accepted < checked / 4, "only mutations of the unused NonExistenceProof.key may still verify: " + accepted);
  }

  private static CommitmentProof normalise(final CommitmentProof p) {
    return p instanceof NonExistenceProof n ? new NonExistenceProof(Bytes.EMPTY, n.left(), n.right()) : p;
  }

  @Test
  void resultTypesNeverCarryNulls() {
    final List<Ics23Result<?>> all = new ArrayList<>();
    all.add(Ics23Codec.decodeCommitmentProof(new byte[] {(byte) 0xff}));
    for (final Ics23Result<?> r : all) {
      final Ics23Result.Rejected<?> x = (Ics23Result.Rejected<?>) r;
      assertTrue(x.detail().length() > 0);
    }
  }

  /**
   * Fuzz finding (Ics23FuzzTest#commitmentProof, seed {@code crash-length-prefix-of-2pow63-or-more}): a
   * 10-byte length varint of 2^63 or more was negative as a long, passed the "length exceeds the bytes
   * left" check and ended in an IndexOutOfBoundsException, reported as INTERNAL_ERROR. It is a truncation.
   */
  @Test
  void lengthPrefixOfTwoToTheSixtyThreeOrMoreIsTruncatedNotAnInternalError() throws IOException {
    // exist (field 1, LEN) with length 2^64 - 1 (ff ff ff ff ff ff ff ff ff 01, minimal) and 2^63
    assertEquals(Ics23Reason.DECODE_TRUNCATED, decode("0affffffffffffffffff01"));
    assertEquals(Ics23Reason.DECODE_TRUNCATED, decode("0a8080808080808080800100"));
    // the fuzzer's input: a real IAVL proof whose inner length became such a varint (bytes 0-1 are the selector)
    final byte[] crash = java.nio.file.Files.readAllBytes(Path.of(
        "src/test/resources/io/trestle/cosmos/fuzz/Ics23FuzzTestInputs/commitmentProof/crash-length-prefix-of-2pow63-or-more"));
    final Ics23Result<CommitmentProof> r =
        Ics23Codec.decodeCommitmentProof(java.util.Arrays.copyOfRange(crash, 2, crash.length));
    assertEquals(Ics23Reason.DECODE_TRUNCATED, reason(r), r.toString());
  }
}
