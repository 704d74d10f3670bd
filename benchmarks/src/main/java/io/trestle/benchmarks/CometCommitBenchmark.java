package io.trestle.benchmarks;

import io.trestle.cosmos.light.Canonical;
import io.trestle.cosmos.light.CommitSig;
import io.trestle.cosmos.light.CommitVerifier;
import io.trestle.cosmos.light.LightBlock;
import io.trestle.cosmos.light.LightResult;
import io.trestle.cosmos.light.LightVerifier;
import io.trestle.cosmos.light.TrustedState;
import io.trestle.cosmos.light.VerifyOptions;
import io.trestle.crypto.Bytes;
import io.trestle.vectors.cosmos.CometChain;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * CometBFT commit verification on a generated chain of {@code validators} equal-power Ed25519 validators,
 * all signing (Cosmos Hub runs 180, many chains about 100):
 *
 * <ul>
 *   <li>{@link #verifyCommitLight}: {@code VerifyCommitLight} of a full commit; like CometBFT it stops once
 *       more than 2/3 of the power has verified, i.e. after {@code floor(2n/3)+1} signatures;
 *   <li>{@link #adjacentStep}: a whole adjacent {@code LightVerifier.verify} (header hash, validator-set hash,
 *       structural checks, the commit);
 *   <li>{@link #ed25519Baseline}: Bouncy Castle {@code Ed25519.verify} of the same {@code floor(2n/3)+1}
 *       sign-bytes/signature pairs, precomputed: the crypto floor the commit check cannot beat. Bouncy Castle
 *       has no batch Ed25519 verification, so none is used.
 *   <li>{@link #headerHash} and {@link #validatorSetHash}: the canonical encodings plus RFC-6962 hashing.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CometCommitBenchmark {
  /** Validator count. */
  @Param({"100", "180"})
  public int validators;

  private LightBlock block;
  private TrustedState trusted;
  private VerifyOptions options;
  private Instant now;
  private byte[][] msgs;
  private byte[][] sigs;
  private byte[][] keys;

  /** Generates the chain and the baseline inputs, and checks that verification succeeds. */
  @Setup
  public void setup() {
    final Instant genesis = Instant.parse("2026-01-01T00:00:00Z");
    final CometChain chain = CometChain.uniform("bench-1", genesis, 2, validators);
    block = chain.rpcBlock(2);
    trusted = TrustedState.fromTrustedBlock(chain.block(1), chain.block(1).commit().blockId().hash()).value();
    options = VerifyOptions.defaults(Duration.ofDays(14));
    now = genesis.plus(Duration.ofHours(1));
    final int needed = 2 * validators / 3 + 1;
    msgs = new byte[needed][];
    sigs = new byte[needed][];
    keys = new byte[needed][];
    for (int i = 0; i < needed; i++) {
      final CommitSig s = block.commit().signatures().get(i);
      msgs[i] = Canonical.commitVoteSignBytes("bench-1", block.commit(), i);
      sigs[i] = s.signature().toArray();
      keys[i] = block.validatorSet().validators().get(i).pubKey().value().toArray();
    }
    if (!(verifyCommitLight() instanceof LightResult.Verified) || !(adjacentStep() instanceof LightResult.Verified)
        || ed25519Baseline() != needed) {
      throw new IllegalStateException("the generated commit does not verify");
    }
  }

  /** {@code VerifyCommitLight} of the block's commit against its validator set. */
  @Benchmark
  public LightResult<Long> verifyCommitLight() {
    return CommitVerifier.verifyCommitLight("bench-1", block.validatorSet(), block.commit().blockId(), 2,
        block.commit());
  }

  /** One adjacent light-client step. */
  @Benchmark
  public LightResult<TrustedState> adjacentStep() {
    return LightVerifier.verify(trusted, block, options, now);
  }

  /** Raw Bouncy Castle Ed25519 over the same signatures the commit check verifies. */
  @Benchmark
  public int ed25519Baseline() {
    int ok = 0;
    for (int i = 0; i < msgs.length; i++) {
      if (Ed25519.verify(sigs[i], 0, keys[i], 0, msgs[i], 0, msgs[i].length)) {
        ok++;
      }
    }
    return ok;
  }

  /** {@code Header.Hash()}. */
  @Benchmark
  public Bytes headerHash() {
    return Canonical.headerHash(block.header());
  }

  /** {@code ValidatorSet.Hash()} over {@code validators} validators. */
  @Benchmark
  public Bytes validatorSetHash() {
    return Canonical.validatorSetHashResult(block.validatorSet()).value();
  }
}
