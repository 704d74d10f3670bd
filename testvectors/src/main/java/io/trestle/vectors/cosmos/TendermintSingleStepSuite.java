package io.trestle.vectors.cosmos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.trestle.vectors.CaseResult;
import io.trestle.vectors.Suite;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * tendermint-rs model-based single-step light-client vectors ({@code
 * light-client/tests/support/model_based/single_step/*.json}), recognised by content: a JSON object with
 * {@code initial.signed_header}, {@code initial.next_validator_set}, {@code initial.trusting_period} and an
 * {@code input} array of steps with a {@code verdict}.
 *
 * <p>Run as upstream's runner does ({@code light-client/tests/model_based.rs}): the trusted state is {@code
 * initial.signed_header} (trusted by its commit's block id hash) with {@code initial.next_validator_set};
 * each step verifies {@code input[i].block} at {@code input[i].now} with trust level 1/3, the file's
 * trusting period and clock drift 0, after re-sorting the block's validator sets into CometBFT order (upstream's
 * work-around for the generator's sorting); SUCCESS makes the block trusted. One case per step; a case passes
 * only if its verdict (SUCCESS / NOT_ENOUGH_TRUST / INVALID) is exactly the file's. The rejection reason is in
 * the message.
 */
public final class TendermintSingleStepSuite implements Suite {
  /** The suite name. */
  public static final String NAME = "tendermint-single-step";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long MAX_FILE = 16L * 1024 * 1024;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean recognise(final Path file) {
    if (!file.getFileName().toString().endsWith(".json")) {
      return false;
    }
    return read(file).map(TendermintSingleStepSuite::hasShape).orElse(false);
  }

  static boolean hasShape(final JsonNode n) {
    final JsonNode init = n.get("initial");
    final JsonNode input = n.get("input");
    return n.isObject() && init != null && init.isObject() && init.has("signed_header")
        && init.has("next_validator_set") && init.has("trusting_period") && input != null && input.isArray()
        && input.size() > 0 && input.get(0).isObject() && input.get(0).has("verdict") && input.get(0).has("block");
  }

  private static Optional<JsonNode> read(final Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      final byte[] b = in.readNBytes((int) MAX_FILE + 1);
      if (b.length > MAX_FILE || b.length == 0 || b[0] != '{') {
        return Optional.empty();
      }
      return Optional.ofNullable(MAPPER.readTree(b));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<CaseResult> run(final Path file) throws IOException {
    final JsonNode root = MAPPER.readTree(Files.readAllBytes(file));
    final List<CaseResult> out = new ArrayList<>();
    final JsonNode init = root.get("initial");
    final LightResult<SignedHeader> sh = LightBlockJson.parseSignedHeader(init.get("signed_header"));
    final LightResult<ValidatorSet> next = LightBlockJson.parseValidatorSet(init.get("next_validator_set"));
    final Duration period;
    try {
      period = Duration.ofNanos(Long.parseLong(init.get("trusting_period").asText()));
    } catch (NumberFormatException e) {
      return List.of(CaseResult.failed("initial", "trusting_period is not a decimal nanosecond count"));
    }
    if (!(sh instanceof LightResult.Verified<SignedHeader> shv) || !(next instanceof LightResult.Verified<ValidatorSet> nv)) {
      return List.of(CaseResult.failed("initial", "initial state does not parse: " + sh + " " + next));
    }
    final Header h = shv.value().header();
    LightResult<TrustedState> trusted = TrustedState.fromTrustedHeader(h,
        ValidatorSet.sorted(nv.value().validators()), shv.value().commit().blockId().hash());
    if (trusted instanceof LightResult.Rejected<TrustedState> r) {
      return List.of(CaseResult.failed("initial", "trust root refused: " + r.reason() + ": " + r.detail()));
    }
    final VerifyOptions options = new VerifyOptions(TrustLevel.ONE_THIRD, period, Duration.ZERO);
    TrustedState state = trusted.value();
    final JsonNode input = root.get("input");
    for (int i = 0; i < input.size(); i++) {
      final JsonNode step = input.get(i);
      final String expected = step.path("verdict").asText("");
      final LightResult<LightBlock> parsed = LightBlockJson.parse(step.get("block"));
      final String name = "step " + i + " (height " + step.path("block").path("signed_header").path("header")
          .path("height").asText("?") + ")";
      if (parsed instanceof LightResult.Rejected<LightBlock> r) {
        out.add(CaseResult.failed(name, "block does not parse: " + r.reason() + ": " + r.detail()));
        continue;
      }
      final Instant now;
      try {
        now = Instant.parse(step.path("now").asText(""));
      } catch (RuntimeException e) {
        out.add(CaseResult.failed(name, "now is not an RFC 3339 time"));
        continue;
      }
      final LightBlock b = parsed.value();
      final LightBlock sorted = new LightBlock(b.signedHeader(), ValidatorSet.sorted(b.validatorSet().validators()),
          b.nextValidatorSet().map(v -> ValidatorSet.sorted(v.validators())));
      final LightResult<TrustedState> r = LightVerifier.verify(state, sorted, options, now);
      final String got = r.verdict().name();
      final String why = r instanceof LightResult.Rejected<TrustedState> rej ? rej.reason() + ": " + rej.detail()
          : "verified, now trusted at height " + r.value().height();
      if (got.equals(expected)) {
        out.add(CaseResult.passed(name, got + " (" + why + ")"));
      } else {
        out.add(CaseResult.failed(name, "expected " + expected + ", got " + got + " (" + why + ")"));
      }
      if (r instanceof LightResult.Verified<TrustedState> v) {
        state = v.value();
      }
    }
    return out;
  }

  /** Reason codes a NOT_ENOUGH_TRUST verdict may carry (exactly one). */
  static final LightRejection NOT_ENOUGH = LightRejection.NOT_ENOUGH_TRUST;
}
