package io.trestle.vectors.cosmos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.cosmos.light.Canonical;
import io.trestle.cosmos.light.Header;
import io.trestle.cosmos.light.IbcClientUpdate;
import io.trestle.cosmos.light.LightBlockJson;
import io.trestle.cosmos.light.LightRejection;
import io.trestle.cosmos.light.LightResult;
import io.trestle.cosmos.light.TrustedState;
import io.trestle.crypto.Hex;
import io.trestle.testbase.Vectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Real data: the eureka 07-tendermint client update from a simd chain (expected to succeed, upstream
 * {@code test_update_client_happy_path}) and its mutations, and tendermint-rs's header with a known hash.
 */
class CometUpstreamDataTest {
  private static final ObjectMapper M = new ObjectMapper();
  private static final Path EUREKA =
      Vectors.path("solidity-ibc-eureka/packages/tendermint-light-client/fixtures/update_client_happy_path.json");
  /** The trusted consensus timestamp stated in the staged PROVENANCE.md §10: 1757928743.781007263 s. */
  private static final Instant TRUSTED_TIME = Instant.ofEpochSecond(1757928743L, 781007263L);

  static JsonNode fixture() throws Exception {
    return M.readTree(Files.readAllBytes(EUREKA));
  }

  static LightResult<IbcClientUpdate> decode(final JsonNode f, final byte[] header) {
    return IbcClientUpdate.decode(Hex.decode(f.get("client_state_hex").asText()),
        Hex.decode(f.get("consensus_state_hex").asText()), header);
  }

  static byte[] headerBytes(final JsonNode f) {
    return Hex.decode(f.get("update_client_message").get("client_message_hex").asText());
  }

  @Test
  void eurekaUpdateVerifiesAtTrustedTimePlusOneHour() throws Exception {
    final JsonNode f = fixture();
    final IbcClientUpdate u = decode(f, headerBytes(f)).value();
    assertEquals("simd-2", u.clientState().chainId());
    assertEquals(Duration.ofSeconds(1_209_600), u.clientState().trustingPeriod());
    assertEquals(Duration.ofSeconds(15), u.clientState().maxClockDrift());
    assertEquals(0, u.clientState().frozenRevisionHeight());
    assertEquals(TRUSTED_TIME, u.consensusState().timestamp());
    assertEquals(20, u.header().trustedRevisionHeight());
    final LightResult<TrustedState> r = u.verify(TRUSTED_TIME.plus(Duration.ofHours(1)));
    final TrustedState s = assertInstanceOf(LightResult.Verified.class, r).value() instanceof TrustedState t ? t
        : null;
    assertEquals(38, s.height());
    // block id hash from the fixture's commit, reproduced as the header hash (staged PROVENANCE.md §10)
    assertEquals("0x71eb1e2594934066d8dcf91522cd1f58b14b41d85fe083e79d5ac0f63cc011db", s.headerHash().toHex());
  }

  private static LightRejection rejection(final LightResult<?> r) {
    return assertInstanceOf(LightResult.Rejected.class, r).reason();
  }

  @Test
  void eurekaSignatureBitFlipIsInvalidSignature() throws Exception {
    final JsonNode f = fixture();
    final byte[] h = headerBytes(f);
    // the first commit signature's bytes: find the 64-byte signature field "2240" + 64 bytes
    final String hex = Hex.encode(h).substring(2);
    final int at = hex.indexOf("2240987953f1");
    h[at / 2 + 2] ^= 0x01;
    assertEquals(LightRejection.INVALID_SIGNATURE,
        rejection(decode(f, h).value().verify(TRUSTED_TIME.plus(Duration.ofHours(1)))));
  }

  @Test
  void eurekaExpiredTrustingPeriod() throws Exception {
    final JsonNode f = fixture();
    final IbcClientUpdate u = decode(f, headerBytes(f)).value();
    assertEquals(LightRejection.TRUSTED_STATE_EXPIRED,
        rejection(u.verify(TRUSTED_TIME.plus(Duration.ofSeconds(1_209_600)))));
  }

  @Test
  void eurekaHeaderFromTheFutureBeyondDrift() throws Exception {
    final JsonNode f = fixture();
    final IbcClientUpdate u = decode(f, headerBytes(f)).value();
    final Instant headerTime = u.header().signedHeader().header().time();
    // now + 15 s drift == header time: not strictly before, rejected; one nanosecond later accepted
    assertEquals(LightRejection.HEADER_FROM_FUTURE, rejection(u.verify(headerTime.minusSeconds(15))));
    assertEquals(38, u.verify(headerTime.minusSeconds(15).plusNanos(1)).value().height());
  }

  @Test
  void eurekaTrustedValidatorsMustMatchConsensusState() throws Exception {
    final JsonNode f = fixture();
    final String hex = Hex.encode(headerBytes(f)).substring(2);
    // trusted_validators is field 4 ("22c801..."), the last field; its first validator's voting power is
    // 5 000 000 ("18c096b102"). Make it 5 000 001 ("18c196b102", same length).
    final int tv = hex.lastIndexOf("22c8010a3f");
    final int vp = hex.indexOf("18c096b102", tv);
    final String mutated = hex.substring(0, vp) + "18c196b102" + hex.substring(vp + 10);
    assertEquals(LightRejection.TRUST_ROOT_MISMATCH,
        rejection(decode(f, Hex.decode(mutated)).value().verify(TRUSTED_TIME.plus(Duration.ofHours(1)))));
  }

  @Test
  void nonMinimalVarintIsRefusedNotReinterpreted() throws Exception {
    // a non-canonical encoding that a lax decoder reads as the same message: the header's height 38 (0x26)
    // written as 0xa6 0x00. Re-encoding would hash the canonical bytes, hiding that the input differed.
    final JsonNode f = fixture();
    final String hex = Hex.encode(headerBytes(f)).substring(2);
    final String canonical = "120673696d642d321826";
    final int at = hex.indexOf(canonical);
    final String mutated = hex.substring(0, at) + "120673696d642d3218a600" + hex.substring(at + canonical.length());
    // lengths of the enclosing messages grow by one byte: fix the three length prefixes ahead of it
    final String fixedLengths = mutated.replaceFirst("^0ab2050a8c030a02080b", "0ab3050a8d030a02080b");
    final LightResult<IbcClientUpdate> r = decode(f, Hex.decode(fixedLengths));
    final LightResult.Rejected<?> rej = assertInstanceOf(LightResult.Rejected.class, r);
    assertEquals(LightRejection.INPUT_MALFORMED, rej.reason());
    assertEquals(true, rej.detail().contains("non-minimal varint"), rej.detail());
  }

  @Test
  void tendermintRsHeaderWithKnownHash() throws Exception {
    final JsonNode n = M.readTree(Files.readAllBytes(
        Vectors.path("tendermint-rs/tendermint/tests/support/serialization/block/header_with_known_hash.json")));
    final Header h = LightBlockJson.parseHeader(n).value();
    assertEquals("0xf30a71f2409fb15aacaedb6cc122dfa2525bee9cae521721b06bfdca291b8d56",
        Canonical.headerHash(h).toHex());
  }
}
