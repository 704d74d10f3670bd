package io.trestle.cosmos.light;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.crypto.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A light block without {@code next_validator_set} (CometBFT's {@code types.LightBlock} has no such field:
 * only the signed header and the set hashing to {@code validators_hash}; tendermint-rs's carries it). Found
 * by {@code CometFuzzTest#lightBlock}: the block {@code MC4_4_faulty_TestValsetDoubles} input 0 with its
 * {@code next_validator_set} dropped (and an unknown key added) verifies from the
 * {@code MC4_4_faulty_TestSuccess} initial state. That is correct: the header is verified, the new state's
 * {@code next_validators_hash} is the verified header's, and it holds no next set. These tests pin the
 * exact result, and that no later step from such a state can take a next set that was not checked against
 * a verified hash.
 *
 * <p>Expected hashes are the upstream vector's strings (commit block ids, header fields), not recomputed.
 */
class LightVerifierNextValidatorsTest {
  static final Path SINGLE_STEP =
      Path.of("../testvectors/vectors/tendermint-rs/light-client/tests/support/model_based/single_step");
  static final String SEED = "/io/trestle/cosmos/fuzz/CometFuzzTestInputs/lightBlock/"
      + "block-MC4_4_faulty_TestValsetDoubles-0-without-next_validator_set";
  private static final ObjectMapper M = new ObjectMapper();

  private static JsonNode file(final String name) throws IOException {
    return M.readTree(Files.readAllBytes(SINGLE_STEP.resolve(name)));
  }

  /** The trusted state, options and time of CometFuzzTest's fixed context (MC4_4_faulty_TestSuccess). */
  private record Context(TrustedState trusted, VerifyOptions options, Instant now) {}

  private static Context context() throws IOException {
    final JsonNode root = file("MC4_4_faulty_TestSuccess.json");
    final JsonNode init = root.get("initial");
    final SignedHeader sh = LightBlockJson.parseSignedHeader(init.get("signed_header")).value();
    final ValidatorSet next = LightBlockJson.parseValidatorSet(init.get("next_validator_set")).value();
    final TrustedState t = TrustedState.fromTrustedHeader(sh.header(), ValidatorSet.sorted(next.validators()),
        sh.commit().blockId().hash()).value();
    Instant now = Instant.EPOCH;
    for (final JsonNode step : root.get("input")) {
      final Instant s = Instant.parse(step.get("now").asText());
      now = s.isAfter(now) ? s : now;
    }
    return new Context(t, new VerifyOptions(TrustLevel.ONE_THIRD,
        Duration.ofNanos(Long.parseLong(init.get("trusting_period").asText())), Duration.ZERO), now);
  }

  private static JsonNode blockJson(final String file, final int step) throws IOException {
    return file(file).get("input").get(step).get("block");
  }

  /** The upstream block with its sets in CometBFT order, as the fuzz target's honest data. */
  private static LightBlock honest(final String file, final int step) throws IOException {
    final LightBlock b = LightBlockJson.parse(blockJson(file, step)).value();
    return new LightBlock(b.signedHeader(), ValidatorSet.sorted(b.validatorSet().validators()),
        b.nextValidatorSet().map(v -> ValidatorSet.sorted(v.validators())));
  }

  private static LightBlock withoutNext(final LightBlock b) {
    return new LightBlock(b.signedHeader(), b.validatorSet(), Optional.empty());
  }

  private static <T> T verified(final LightResult<T> r) {
    assertInstanceOf(LightResult.Verified.class, r, () -> "expected verified, got " + r);
    return ((LightResult.Verified<T>) r).value();
  }

  private static void assertRejected(final LightRejection reason, final LightResult<?> r) {
    final LightResult.Rejected<?> rej = assertInstanceOf(LightResult.Rejected.class, r, () -> "expected " + reason
        + ", got " + r);
    assertEquals(reason, rej.reason(), rej.detail());
    assertTrue(!rej.detail().isEmpty());
  }

  @Test
  void fuzzFindingBlockWithoutNextSetVerifiesTheHonestHeaderAndTrustsNoNextSet() throws IOException {
    final byte[] seed;
    try (InputStream in = getClass().getResourceAsStream(SEED)) {
      assertNotNull(in, SEED);
      seed = in.readAllBytes();
    }
    assertEquals(0, seed[0], "selector byte 0: a light block");
    final String text = new String(Arrays.copyOfRange(seed, 1, seed.length), StandardCharsets.UTF_8);
    final LightBlock mutated = LightBlockJson.parse(text).value();
    assertTrue(mutated.nextValidatorSet().isEmpty(), "the finding has no next_validator_set");

    final Context c = context();
    final TrustedState s = verified(LightVerifier.verify(c.trusted(), mutated, c.options(), c.now()));

    final JsonNode up = blockJson("MC4_4_faulty_TestValsetDoubles.json", 0);
    final JsonNode upHeader = up.get("signed_header").get("header");
    final LightBlock honest = honest("MC4_4_faulty_TestValsetDoubles.json", 0);
    // the verified header is exactly the upstream block's
    assertEquals(Bytes.fromHex(up.get("signed_header").get("commit").get("block_id").get("hash").asText()),
        s.headerHash());
    assertEquals(Optional.of(honest.header()), s.header());
    assertEquals(4, s.height());
    assertEquals(Instant.parse(upHeader.get("time").asText()), s.time());
    assertEquals("test-chain", s.chainId());
    assertEquals(Bytes.fromHex(upHeader.get("next_validators_hash").asText()), s.nextValidatorsHash());
    assertEquals(Optional.of(honest.validatorSet()), s.validators());
    // and no next set is trusted: the state carries only the verified next_validators_hash
    assertEquals(Optional.empty(), s.nextValidators());

    // the same block with its upstream next set trusts that set
    final TrustedState full = verified(LightVerifier.verify(c.trusted(), honest, c.options(), c.now()));
    assertEquals(s.headerHash(), full.headerHash());
    assertEquals(honest.nextValidatorSet(), full.nextValidators());
    assertTrue(full.nextValidators().isPresent());
  }

  @Test
  void adjacentStepFromStateWithoutNextSetChecksTheNewSetsAgainstVerifiedHashes() throws IOException {
    final Context c = context();
    final String f = "MC4_4_faulty_TestSuccess.json";
    // height 3 without its next set, verified from the height-1 root (upstream verdict SUCCESS)
    final LightBlock h3 = honest(f, 1);
    final TrustedState s3 = verified(LightVerifier.verify(c.trusted(), withoutNext(h3), c.options(), c.now()));
    assertEquals(3, s3.height());
    assertEquals(Optional.empty(), s3.nextValidators());
    final LightBlock h4 = honest(f, 2);
    assertEquals(4, h4.height());

    // the honest adjacent block verifies: its validators_hash is the verified height-3 next_validators_hash
    final TrustedState s4 = verified(LightVerifier.verify(s3, h4, c.options(), c.now()));
    assertEquals(Bytes.fromHex(blockJson(f, 2).get("signed_header").get("commit").get("block_id").get("hash")
        .asText()), s4.headerHash());
    assertEquals(h4.nextValidatorSet(), s4.nextValidators());

    // a height-4 validator set that is not the one height 3 committed to (height 3's own set) is refused
    assertRejected(LightRejection.VALIDATORS_HASH_MISMATCH, LightVerifier.verify(s3,
        new LightBlock(h4.signedHeader(), h3.validatorSet(), h4.nextValidatorSet()), c.options(), c.now()));
    // an unverified next set on the adjacent block is refused, not trusted
    assertRejected(LightRejection.NEXT_VALIDATORS_HASH_MISMATCH, LightVerifier.verify(s3,
        new LightBlock(h4.signedHeader(), h4.validatorSet(), Optional.of(h4.validatorSet())), c.options(), c.now()));
    // a self-consistent height-4 block of another validator history (MC4_4_faulty_TestValsetDoubles input 0,
    // validators_hash E624CE5E..., not height 3's next_validators_hash 5A69ACB7...) is refused at the
    // adjacency rule, so the missing next set cannot be replaced by another one
    final LightBlock other = honest("MC4_4_faulty_TestValsetDoubles.json", 0);
    assertEquals(4, other.height());
    assertRejected(LightRejection.TRUSTED_NEXT_VALIDATORS_MISMATCH,
        LightVerifier.verify(s3, withoutNext(other), c.options(), c.now()));
  }

  @Test
  void skippingStepFromStateWithoutNextSetUsesItsVerifiedOwnSet() throws IOException {
    final Context c = context();
    final LightBlock h3 = honest("MC4_4_faulty_TestSuccess.json", 1);
    final TrustedState s3 = verified(LightVerifier.verify(c.trusted(), withoutNext(h3), c.options(), c.now()));
    // the set a skipping step trusts is the verified height-3 set (CometBFT VerifyNonAdjacent's trustedVals
    // at height X): the block's own set, whose hash is the upstream header's validators_hash
    assertEquals(h3.validatorSet(), s3.trustingSet());
    assertEquals(Bytes.fromHex(blockJson("MC4_4_faulty_TestSuccess.json", 1).get("signed_header").get("header")
        .get("validators_hash").asText()), Canonical.validatorSetHashResult(s3.trustingSet()).value());
  }
}
