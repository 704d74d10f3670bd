package io.trestle.vectors.cosmos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.cosmos.light.AttackEvidence;
import io.trestle.cosmos.light.Bisection;
import io.trestle.cosmos.light.Detector;
import io.trestle.cosmos.light.LightBlock;
import io.trestle.cosmos.light.LightBlockJson;
import io.trestle.cosmos.light.LightBlockSource;
import io.trestle.cosmos.light.LightRejection;
import io.trestle.cosmos.light.LightResult;
import io.trestle.cosmos.light.LightVerifier;
import io.trestle.cosmos.light.Misbehaviour;
import io.trestle.cosmos.light.SyncOutcome;
import io.trestle.cosmos.light.SyncStep;
import io.trestle.cosmos.light.TrustLevel;
import io.trestle.cosmos.light.TrustedState;
import io.trestle.cosmos.light.TrustedStateStore;
import io.trestle.cosmos.light.VerifyOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The light client over a generated chain: adjacent and skipping steps, bisection across a full validator
 * replacement, witnesses, misbehaviour and the persisted state. Expected outcomes follow from how the chain
 * was built (which validators sign which heights), not from the verifier.
 */
class CometLightClientTest {
  static final String CHAIN = "trestle-comet-1";
  static final Instant GENESIS = Instant.parse("2026-01-01T00:00:00Z");
  static final CometChain CHAIN_DATA = CometChain.demo(CHAIN, GENESIS, 30, h -> CometChain.sha("app/" + h));
  static final VerifyOptions OPTIONS = VerifyOptions.defaults(Duration.ofDays(14));
  static final Instant NOW = GENESIS.plus(Duration.ofHours(1));

  static TrustedState root() {
    return TrustedState.fromTrustedBlock(CHAIN_DATA.block(1), CHAIN_DATA.block(1).commit().blockId().hash()).value();
  }

  static LightBlock rpc(final long h) {
    return CHAIN_DATA.rpcBlock(h);
  }

  @Test
  void trustRootMustHashToTheTrustedHash() {
    final LightResult<TrustedState> r = TrustedState.fromTrustedBlock(CHAIN_DATA.block(1),
        CHAIN_DATA.block(2).commit().blockId().hash());
    assertEquals(LightRejection.TRUST_ROOT_MISMATCH, assertInstanceOf(LightResult.Rejected.class, r).reason());
  }

  @Test
  void adjacentStep() {
    final TrustedState s = LightVerifier.verify(root(), rpc(2), OPTIONS, NOW).value();
    assertEquals(2, s.height());
    assertEquals(CHAIN_DATA.block(2).commit().blockId().hash(), s.headerHash());
  }

  @Test
  void skippingStepAcrossAValidatorSetChangeWithEnoughOverlap() {
    // heights 11-20 are signed by A, B, E, F; the trusted next set {A,B,C,D} contributes 20 of 40 > 1/3
    final TrustedState s = LightVerifier.verify(root(), rpc(15), OPTIONS, NOW).value();
    assertEquals(15, s.height());
  }

  @Test
  void skippingToAFullyReplacedSetIsNotEnoughTrust() {
    final LightResult<TrustedState> r = LightVerifier.verify(root(), rpc(25), OPTIONS, NOW);
    assertEquals(LightRejection.NOT_ENOUGH_TRUST, assertInstanceOf(LightResult.Rejected.class, r).reason());
    assertEquals(LightRejection.Verdict.NOT_ENOUGH_TRUST, r.verdict());
  }

  @Test
  void trustLevelTwoThirdsRefusesHalfOverlap() {
    final VerifyOptions strict = new VerifyOptions(new TrustLevel(2, 3), Duration.ofDays(14), Duration.ofSeconds(10));
    assertEquals(LightRejection.NOT_ENOUGH_TRUST,
        assertInstanceOf(LightResult.Rejected.class, LightVerifier.verify(root(), rpc(15), strict, NOW)).reason());
  }

  @Test
  void bisectionReachesTheTargetThroughAPivot() {
    final List<LightBlock> all = new ArrayList<>();
    for (long h = 1; h <= 30; h++) {
      all.add(rpc(h));
    }
    final SyncOutcome o = Bisection.sync(root(), 30, LightBlockSource.of(all), OPTIONS, NOW);
    assertTrue(o.reachedTarget(), o.failure().toString());
    assertEquals(30, o.state().height());
    assertEquals(CHAIN_DATA.block(30).commit().blockId().hash(), o.state().headerHash());
    final List<String> trace = o.steps().stream().map(s -> s.fromHeight() + "->" + s.height() + " " + s.verdict())
        .toList();
    // 1->30 fails (no overlap), the midpoint 15 verifies (A, B), then 15->30 (E, F: 20 of 40)
    assertEquals(List.of("1->30 NOT_ENOUGH_TRUST", "1->15 SUCCESS", "15->30 SUCCESS"), trace);
  }

  @Test
  void bisectionWithOnlySomeBlocksUsesTheNearestAvailable() {
    final SyncOutcome o = Bisection.sync(root(), 30, LightBlockSource.of(List.of(rpc(12), rpc(30))), OPTIONS, NOW);
    assertTrue(o.reachedTarget());
    assertEquals(List.of(30L, 12L, 30L), o.steps().stream().map(SyncStep::height).toList());
  }

  @Test
  void bisectionWithoutAnIntermediateBlockFailsWithNotEnoughTrust() {
    final SyncOutcome o = Bisection.sync(root(), 30, LightBlockSource.of(List.of(rpc(30))), OPTIONS, NOW);
    assertFalse(o.reachedTarget());
    assertEquals(LightRejection.NOT_ENOUGH_TRUST, o.failure().get().reason());
    assertEquals(1, o.state().height());
  }

  @Test
  void bisectionStopsAtAnInvalidBlockAndKeepsTheLastVerifiedState() {
    // the pivot block is signed by every validator, but for another chain id: its signatures do not verify
    final LightBlock bad = CometForge.resign(CHAIN_DATA, 15, h -> h, "other-chain", 4);
    final List<LightBlock> blocks = List.of(rpc(2), bad, rpc(30));
    final SyncOutcome o = Bisection.sync(root(), 30, LightBlockSource.of(blocks), OPTIONS, NOW);
    assertFalse(o.reachedTarget());
    assertEquals(LightRejection.INVALID_SIGNATURE, o.failure().get().reason());
    assertEquals(1, o.state().height());
    assertEquals(List.of(30L, 15L), o.steps().stream().map(SyncStep::height).toList());
  }

  @Test
  void witnessAgreesOrIsFaultyOrProvesAConflict() {
    final TrustedState root = root();
    final LightBlock primary5 = rpc(5);
    final LightBlockSource honest = h -> Optional.of(rpc(h));
    final LightBlock fork5 = CometForge.resign(CHAIN_DATA, 5, h -> h.withAppHash(CometChain.sha("fork")), CHAIN, 4);
    final LightBlockSource forked = h -> Optional.of(h == 5 ? fork5 : rpc(h));
    final LightBlock junk5 = CometForge.resign(CHAIN_DATA, 5, h -> h.withAppHash(CometChain.sha("junk")), CHAIN, 1);
    final LightBlockSource faulty = h -> Optional.of(h == 5 ? junk5 : rpc(h));
    final LightBlockSource empty = h -> Optional.empty();
    final Detector.Report rep = Detector.crossCheck(root, primary5, List.of(honest, forked, faulty, empty), OPTIONS, NOW);
    assertInstanceOf(Detector.Agrees.class, rep.results().get(0));
    final Detector.Conflict c = assertInstanceOf(Detector.Conflict.class, rep.results().get(1));
    assertEquals(AttackEvidence.AttackType.LUNATIC, c.evidence().attackType());
    assertEquals(LightRejection.INSUFFICIENT_VOTING_POWER,
        assertInstanceOf(Detector.Faulty.class, rep.results().get(2)).reason());
    assertInstanceOf(Detector.Unavailable.class, rep.results().get(3));
    assertTrue(rep.alarm());
    // the evidence is portable: both light blocks re-verify from the same root out of its JSON
    final var json = rep.evidence().get().toJson();
    final LightBlock b1 = LightBlockJson.parse(json.get("light_block_1")).value();
    final LightBlock b2 = LightBlockJson.parse(json.get("light_block_2")).value();
    assertInstanceOf(LightResult.Verified.class, Misbehaviour.check(root, b1, b2, OPTIONS, NOW));
  }

  @Test
  void misbehaviourNeedsTwoValidConflictingHeaders() {
    final TrustedState root = root();
    final LightBlock fork = CometForge.resign(CHAIN_DATA, 5, h -> h.withTime(h.time().plusMillis(1)), CHAIN, 4);
    final AttackEvidence ev = Misbehaviour.check(root, rpc(5), fork, OPTIONS, NOW).value();
    assertEquals(AttackEvidence.AttackType.EQUIVOCATION, ev.attackType());
    assertNotEquals(ev.firstHash(), ev.secondHash());
    // the same header twice is no conflict
    assertEquals(LightRejection.INPUT_MALFORMED, assertInstanceOf(LightResult.Rejected.class,
        Misbehaviour.check(root, rpc(5), rpc(5), OPTIONS, NOW)).reason());
    // a conflicting header signed by too few validators proves nothing
    final LightBlock weak = CometForge.resign(CHAIN_DATA, 5, h -> h.withAppHash(CometChain.sha("x")), CHAIN, 2);
    assertEquals(LightRejection.INSUFFICIENT_VOTING_POWER, assertInstanceOf(LightResult.Rejected.class,
        Misbehaviour.check(root, rpc(5), weak, OPTIONS, NOW)).reason());
  }

  @Test
  void lightBlockJsonRoundTrip() {
    final LightBlock b = CHAIN_DATA.block(12);
    assertEquals(b, LightBlockJson.parse(LightBlockJson.write(b)).value());
  }

  @Test
  void storeRoundTripRollbackCorruptionAndChain(@TempDir final Path dir) throws Exception {
    final TrustedStateStore store = TrustedStateStore.in(dir, CHAIN);
    assertInstanceOf(TrustedStateStore.Absent.class, store.load());
    final TrustedState s10 = Bisection.sync(root(), 10, h -> Optional.of(rpc(h)), OPTIONS, NOW).state();
    final TrustedState s5 = Bisection.sync(root(), 5, h -> Optional.of(rpc(h)), OPTIONS, NOW).state();
    assertInstanceOf(TrustedStateStore.Written.class, store.save(s5));
    final byte[] old = Files.readAllBytes(dir.resolve(TrustedStateStore.STATE));
    assertInstanceOf(TrustedStateStore.Written.class, store.save(s10));
    final TrustedState loaded = assertInstanceOf(TrustedStateStore.Loaded.class, store.load()).state();
    assertEquals(10, loaded.height());
    assertEquals(s10.headerHash(), loaded.headerHash());
    // the loaded state keeps verifying: 10 -> 11 is adjacent across the set change
    assertEquals(11, LightVerifier.verify(loaded, rpc(11), OPTIONS, NOW).value().height());
    // saving an older state is refused
    assertEquals(TrustedStateStore.Problem.ROLLBACK,
        assertInstanceOf(TrustedStateStore.Refused.class, store.save(s5)).problem());
    // putting an older copy back is refused on load
    Files.write(dir.resolve(TrustedStateStore.STATE), old);
    assertEquals(TrustedStateStore.Problem.ROLLBACK,
        assertInstanceOf(TrustedStateStore.Refused.class, store.load()).problem());
    // one flipped byte is refused
    assertInstanceOf(TrustedStateStore.Written.class, TrustedStateStore.in(dir.resolve("b"), CHAIN).save(s10));
    final Path f = dir.resolve("b").resolve(TrustedStateStore.STATE);
    final byte[] bytes = Files.readAllBytes(f);
    bytes[bytes.length / 2] ^= 1;
    Files.write(f, bytes);
    assertEquals(TrustedStateStore.Problem.CORRUPT,
        assertInstanceOf(TrustedStateStore.Refused.class, TrustedStateStore.in(dir.resolve("b"), CHAIN).load())
            .problem());
    // another chain's directory
    assertEquals(TrustedStateStore.Problem.WRONG_CHAIN, assertInstanceOf(TrustedStateStore.Refused.class,
        TrustedStateStore.in(dir, "other-chain").load()).problem());
  }
}
