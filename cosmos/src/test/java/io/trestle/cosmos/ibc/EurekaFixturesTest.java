package io.trestle.cosmos.ibc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.cosmos.AppHash;
import io.trestle.cosmos.ics23.CommitmentProof;
import io.trestle.cosmos.ics23.ExistenceProof;
import io.trestle.cosmos.ics23.Ics23Codec;
import io.trestle.cosmos.ics23.Ics23Reason;
import io.trestle.cosmos.ics23.Ics23Result;
import io.trestle.cosmos.ics23.NonExistenceProof;
import io.trestle.crypto.Bytes;
import io.trestle.testbase.Vectors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * solidity-ibc-eureka fixtures from a real simd chain: chained IAVL → multistore proofs of {@code
 * clients/07-tendermint-0/clientState} (present) and {@code clients/07-tendermint-001/clientState}
 * (absent) against the app hash in the fixture's consensus state at height 37.
 */
class EurekaFixturesTest {
  static final Path DIR = Vectors.path("solidity-ibc-eureka/packages/tendermint-light-client/fixtures");

  /** The app hash: ConsensusState.root.hash, field 2 → field 1 (read from the fixture's own bytes). */
  static Bytes consensusRoot(final String hex) {
    final byte[] b = Bytes.fromHex(hex).toArray();
    // independent minimal walk: fields are (tag, len, bytes); root is field 2 whose field 1 is the hash
    int i = 0;
    while (i < b.length) {
      final int tag = b[i++] & 0xFF;
      final int len = b[i++] & 0xFF;
      if (tag == 0x12) {
        assertEquals(0x0a, b[i] & 0xFF);
        return Bytes.of(b, i + 2, b[i + 1] & 0xFF);
      }
      i += len;
    }
    throw new AssertionError("no root");
  }

  static JsonNode load(final String name) throws IOException {
    return new ObjectMapper().readTree(DIR.resolve(name).toFile());
  }

  static MerklePath path(final JsonNode msg) {
    return MerklePath.ofUtf8(msg.get("path").get(0).asText(), msg.get("path").get(1).asText());
  }

  @Test
  void membershipOfClientStateVerifiesThroughTheMultistore() throws IOException {
    final JsonNode f = load("verify_membership_key_0.json");
    final JsonNode msg = f.get("membership_msg");
    final AppHash app = new AppHash("simd-2", msg.get("height").asLong(), consensusRoot(f.get("consensus_state_hex").asText()));
    final byte[] proof = Bytes.fromHex(msg.get("proof").asText()).toArray();
    final Bytes value = Bytes.fromHex(msg.get("value").asText());
    final Ics23Result<VerifiedState.Present> r = StateProofVerifier.verifyMembership(app, path(msg), proof, value);
    assertTrue(r.isVerified(), r::toString);
    assertEquals("/ibc/clients/07-tendermint-0/clientState", r.orElseThrow().path().toString());

    final List<CommitmentProof> proofs = Ics23Codec.decodeMerkleProof(proof).orElseThrow();
    assertEquals(2, proofs.size());
    assertInstanceOf(ExistenceProof.class, proofs.get(0));
    // the upper proof is for key "ibc" in the multistore
    assertEquals(Bytes.of("ibc".getBytes(java.nio.charset.StandardCharsets.UTF_8)), ((ExistenceProof) proofs.get(1)).key());

    // another app hash, value or key does not verify
    final AppHash other = new AppHash("simd-2", 37, Bytes.of(new byte[32]));
    assertEquals(Ics23Reason.ROOT_MISMATCH, reason(StateProofVerifier.verifyMembership(other, path(msg), proof, value)));
    assertEquals(Ics23Reason.VALUE_MISMATCH,
        reason(StateProofVerifier.verifyMembership(app, path(msg), proof, Bytes.of(new byte[] {1}))));
    assertEquals(Ics23Reason.KEY_MISMATCH, reason(StateProofVerifier.verifyMembership(
        app, MerklePath.ofUtf8("ibc", "clients/07-tendermint-1/clientState"), proof, value)));
    assertEquals(Ics23Reason.KEY_MISMATCH, reason(StateProofVerifier.verifyMembership(
        app, MerklePath.ofUtf8("bank", "clients/07-tendermint-0/clientState"), proof, value)));
    assertEquals(Ics23Reason.PATH_MISMATCH, reason(StateProofVerifier.verifyMembership(
        app, MerklePath.ofUtf8("clients/07-tendermint-0/clientState"), proof, value)));
    assertEquals(Ics23Reason.WRONG_PROOF_TYPE, reason(StateProofVerifier.verifyNonMembership(app, path(msg), proof)));
  }

  @Test
  void nonMembershipVerifiesThroughTheMultistore() throws IOException {
    final JsonNode f = load("verify_non-membership_key_1.json");
    final JsonNode msg = f.get("membership_msg");
    assertEquals("", msg.get("value").asText());
    final AppHash app = new AppHash("simd-2", msg.get("height").asLong(), consensusRoot(f.get("consensus_state_hex").asText()));
    final byte[] proof = Bytes.fromHex(msg.get("proof").asText()).toArray();
    final Ics23Result<VerifiedState.Absent> r = StateProofVerifier.verifyNonMembership(app, path(msg), proof);
    assertTrue(r.isVerified(), r::toString);
    final List<CommitmentProof> proofs = Ics23Codec.decodeMerkleProof(proof).orElseThrow();
    assertInstanceOf(NonExistenceProof.class, proofs.get(0));

    // the present key 0 is not proven absent by this proof (it is the left neighbour's prefix, not between)
    final Ics23Result<VerifiedState.Absent> k0 =
        StateProofVerifier.verifyNonMembership(app, MerklePath.ofUtf8("ibc", "clients/07-tendermint-0/clientState"), proof);
    assertEquals(Ics23Reason.KEY_NOT_RIGHT_OF_LEFT, reason(k0));
    final AppHash other = new AppHash("simd-2", 37, Bytes.of(new byte[32]));
    assertEquals(Ics23Reason.ROOT_MISMATCH, reason(StateProofVerifier.verifyNonMembership(other, path(msg), proof)));
    assertEquals(Ics23Reason.WRONG_PROOF_TYPE,
        reason(StateProofVerifier.verifyMembership(app, path(msg), proof, Bytes.of(new byte[] {1}))));
  }

  static Ics23Reason reason(final Ics23Result<?> r) {
    return r instanceof Ics23Result.Rejected<?> x ? x.reason() : null;
  }
}
