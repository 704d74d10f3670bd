package io.trestle.cosmos.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.cosmos.light.Canonical;
import io.trestle.cosmos.light.Header;
import io.trestle.cosmos.light.LightBlock;
import io.trestle.cosmos.light.LightBlockJson;
import io.trestle.cosmos.light.LightRejection;
import io.trestle.cosmos.light.LightResult;
import io.trestle.cosmos.light.LightVerifier;
import io.trestle.cosmos.light.SignedHeader;
import io.trestle.cosmos.light.TrustLevel;
import io.trestle.cosmos.light.TrustedState;
import io.trestle.cosmos.light.ValidatorSet;
import io.trestle.cosmos.light.VerifyOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Fuzz target: CometBFT RPC JSON as the cosmos module reads it ({@link LightBlockJson}), and light-block
 * verification ({@link LightVerifier}) against a fixed trusted state. Byte 0 selects the shape: 0 a light
 * block ({@code {signed_header, validator_set, next_validator_set}}, or a JSON-RPC {@code {result: ...}}
 * around it) verified against the trusted state; 1 a signed header, then its header hashed; 2 a validator
 * set, then hashed; 3 a header, then written and read back. The rest is the JSON text.
 *
 * <p>Fixed context: tendermint-rs's model-based single-step vector {@code MC4_4_faulty_TestSuccess.json}
 * (real Ed25519 signatures): the trusted state is its {@code initial} signed header (trusted by its commit's
 * block id) with its next validator set; verification uses trust level 1/3, the file's trusting period, no
 * clock drift, at the file's last step time. Seeds: that file's blocks and the other single-step files'
 * blocks, signed headers, validator sets and headers (validator sets in CometBFT order, as the RPC serves).
 *
 * <p>Oracle: parsing and verification return a value or a rejection with a reason listed below and a
 * non-empty detail (never INTERNAL_ERROR, never an exception); a parsed header survives write/read
 * unchanged; a verified light block has the header hash of an unmutated block of the single-step data (any
 * file: they are all signed by the same generated validators) that itself verifies from the same trusted
 * state, and the new trusted state has that block's header and validator set; a next validator set is
 * optional (a block may come without one, as CometBFT's light blocks do) but, when trusted, hashes to the
 * header's {@code next_validators_hash} and is the honest block's.
 */
class CometFuzzTest {
  static final Path SINGLE_STEP =
      Path.of("../testvectors/vectors/tendermint-rs/light-client/tests/support/model_based/single_step");
  static final String CONTEXT_FILE = "MC4_4_faulty_TestSuccess.json";

  /** Reasons the JSON readers give: malformed input, or a value the types refuse at construction. */
  static final Set<LightRejection> PARSE_REASONS = EnumSet.of(LightRejection.INPUT_MALFORMED,
      LightRejection.HEADER_MALFORMED, LightRejection.UNSUPPORTED_KEY_TYPE, LightRejection.COMMIT_SIG_MALFORMED);
  /** Reasons hashing a parsed validator set gives. */
  static final Set<LightRejection> SET_REASONS = EnumSet.of(LightRejection.UNSUPPORTED_KEY_TYPE,
      LightRejection.ADDRESS_NOT_BOUND_TO_KEY, LightRejection.DUPLICATE_VALIDATOR, LightRejection.VOTING_POWER_NEGATIVE,
      LightRejection.VOTING_POWER_OVERFLOW, LightRejection.VALIDATOR_SET_EMPTY, LightRejection.INPUT_MALFORMED);
  /** Reasons {@link LightVerifier#verify} gives for one block against a trusted state. */
  static final Set<LightRejection> VERIFY_REASONS = EnumSet.complementOf(EnumSet.of(LightRejection.INTERNAL_ERROR,
      LightRejection.TRUST_ROOT_MISMATCH, LightRejection.CONFLICTING_HEADERS, LightRejection.BLOCK_UNAVAILABLE));

  private static final ObjectMapper M = new ObjectMapper();
  static final TrustedState TRUSTED;
  static final VerifyOptions OPTIONS;
  static final Instant NOW;
  /** Header hash (hex) of every unmutated single-step block that verifies from the trusted state → the result. */
  static final Map<String, TrustedState> HONEST = new HashMap<>();

  static {
    final JsonNode root;
    try {
      root = M.readTree(Files.readAllBytes(SINGLE_STEP.resolve(CONTEXT_FILE)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    final JsonNode init = root.get("initial");
    final SignedHeader sh = LightBlockJson.parseSignedHeader(init.get("signed_header")).value();
    final ValidatorSet next = LightBlockJson.parseValidatorSet(init.get("next_validator_set")).value();
    TRUSTED = TrustedState.fromTrustedHeader(sh.header(), ValidatorSet.sorted(next.validators()),
        sh.commit().blockId().hash()).value();
    OPTIONS = new VerifyOptions(TrustLevel.ONE_THIRD,
        Duration.ofNanos(Long.parseLong(init.get("trusting_period").asText())), Duration.ZERO);
    Instant now = Instant.EPOCH;
    for (final JsonNode step : root.get("input")) {
      final Instant t = Instant.parse(step.get("now").asText());
      now = t.isAfter(now) ? t : now;
    }
    NOW = now;
    // every block of every single-step file (all are signed by the same generated validators, so blocks of
    // other files can verify from this state too): the unmutated data the oracle compares against
    try (var files = Files.list(SINGLE_STEP)) {
      for (final Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        for (final JsonNode step : M.readTree(Files.readAllBytes(f)).get("input")) {
          final LightBlock b = sorted(LightBlockJson.parse(step.get("block")).value());
          if (LightVerifier.verify(TRUSTED, b, OPTIONS, NOW) instanceof LightResult.Verified<TrustedState> v) {
            HONEST.put(Canonical.headerHash(b.header()).toHex(), v.value());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (HONEST.isEmpty()) {
      throw new IllegalStateException("no block of " + CONTEXT_FILE + " verifies from its initial state");
    }
  }

  /** The block with its validator sets in CometBFT order (upstream's runner does the same). */
  static LightBlock sorted(final LightBlock b) {
    return new LightBlock(b.signedHeader(), ValidatorSet.sorted(b.validatorSet().validators()),
        b.nextValidatorSet().map(v -> ValidatorSet.sorted(v.validators())));
  }

  @FuzzTest(maxDuration = "30m")
  void lightBlock(final byte[] input) {
    if (input.length < 1) {
      return;
    }
    final String text = new String(Arrays.copyOfRange(input, 1, input.length), StandardCharsets.UTF_8);
    switch (Byte.toUnsignedInt(input[0]) % 4) {
      case 0 -> {
        final LightBlock b = value(PARSE_REASONS, LightBlockJson.parse(text));
        if (b == null) {
          return;
        }
        final TrustedState s = value(VERIFY_REASONS, LightVerifier.verify(TRUSTED, b, OPTIONS, NOW));
        if (s == null) {
          return;
        }
        final TrustedState honest = HONEST.get(s.headerHash().toHex());
        if (honest == null) {
          throw new AssertionError("verified a block that is no honest block verifying from the trusted state: "
              + s);
        }
        assertSame(honest, s);
      }
      case 1 -> {
        final SignedHeader sh = value(PARSE_REASONS, parsed(text, LightBlockJson::parseSignedHeader));
        if (sh != null) {
          Canonical.headerHash(sh.header());
        }
      }
      case 2 -> {
        final ValidatorSet vs = value(PARSE_REASONS, parsed(text, LightBlockJson::parseValidatorSet));
        if (vs != null) {
          value(SET_REASONS, Canonical.validatorSetHashResult(vs));
        }
      }
      default -> {
        final Header h = value(PARSE_REASONS, parsed(text, LightBlockJson::parseHeader));
        if (h != null) {
          assertEquals(h, LightBlockJson.parseHeader(LightBlockJson.write(h)).value(), "header write/read round trip");
        }
      }
    }
  }

  /**
   * The verified state against the honest one: the same header (and so height, time, hashes) and the same
   * validator set. The next set is optional in a light block (CometBFT's {@code LightBlock} has none; an
   * adjacent step checks the next block's set against {@code next_validators_hash}), so the state may lack
   * it; when present it must hash to the verified {@code next_validators_hash} and be the honest set.
   */
  static void assertSame(final TrustedState honest, final TrustedState s) {
    assertEquals(honest.header(), s.header(), "trusted header");
    assertEquals(honest.chainId(), s.chainId());
    assertEquals(honest.height(), s.height());
    assertEquals(honest.time(), s.time());
    assertEquals(honest.headerHash(), s.headerHash());
    assertEquals(honest.nextValidatorsHash(), s.nextValidatorsHash());
    assertEquals(honest.validators(), s.validators());
    assertEquals(honest.appHash(), s.appHash());
    if (s.nextValidators().isPresent()) {
      assertEquals(s.nextValidatorsHash(), Canonical.validatorSetHashResult(s.nextValidators().get()).value(),
          "a trusted next validator set must hash to the verified next_validators_hash");
      assertEquals(honest.nextValidators(), s.nextValidators());
    }
  }

  private static <T> LightResult<T> parsed(final String text, final java.util.function.Function<JsonNode, LightResult<T>> f) {
    final JsonNode n;
    try {
      n = M.readTree(text);
    } catch (IOException e) {
      return new LightResult.Rejected<>(LightRejection.INPUT_MALFORMED, "not JSON");
    }
    // an empty document is no node: LightBlockJson.parse(String) refuses it the same way
    return n == null ? new LightResult.Rejected<>(LightRejection.INPUT_MALFORMED, "empty") : f.apply(n);
  }

  /** The value, or null for a rejection whose reason is in {@code allowed} with a detail. */
  static <T> T value(final Set<LightRejection> allowed, final LightResult<T> r) {
    if (r instanceof LightResult.Rejected<T> rej) {
      if (!allowed.contains(rej.reason())) {
        throw new AssertionError("undocumented rejection " + rej.reason() + " (" + rej.detail() + ")");
      }
      assertTrue(!rej.detail().isEmpty(), "rejection " + rej.reason() + " without a detail");
      return null;
    }
    return ((LightResult.Verified<T>) r).value();
  }
}
