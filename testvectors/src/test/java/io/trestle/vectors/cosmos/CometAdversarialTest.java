package io.trestle.vectors.cosmos;

import static io.trestle.vectors.cosmos.CometLightClientTest.CHAIN;
import static io.trestle.vectors.cosmos.CometLightClientTest.CHAIN_DATA;
import static io.trestle.vectors.cosmos.CometLightClientTest.NOW;
import static io.trestle.vectors.cosmos.CometLightClientTest.OPTIONS;
import static io.trestle.vectors.cosmos.CometLightClientTest.root;
import static io.trestle.vectors.cosmos.CometLightClientTest.rpc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.cosmos.light.BlockId;
import io.trestle.cosmos.light.Canonical;
import io.trestle.cosmos.light.Commit;
import io.trestle.cosmos.light.CommitSig;
import io.trestle.cosmos.light.CommitVerifier;
import io.trestle.cosmos.light.Header;
import io.trestle.cosmos.light.LightBlock;
import io.trestle.cosmos.light.LightBlockJson;
import io.trestle.cosmos.light.LightRejection;
import io.trestle.cosmos.light.LightResult;
import io.trestle.cosmos.light.LightVerifier;
import io.trestle.cosmos.light.PublicKey;
import io.trestle.cosmos.light.SignedHeader;
import io.trestle.cosmos.light.TrustLevel;
import io.trestle.cosmos.light.TrustedState;
import io.trestle.cosmos.light.Validator;
import io.trestle.cosmos.light.ValidatorSet;
import io.trestle.cosmos.light.VerifyOptions;
import io.trestle.crypto.Bytes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Adversarial CometBFT light-client cases, each with the reason code it must produce. Every forged block is
 * otherwise consistent (hashes recomputed, signatures made with the validators' keys), so the named rule is
 * what rejects it.
 */
class CometAdversarialTest {
  private static LightRejection reason(final LightResult<?> r) {
    return assertInstanceOf(LightResult.Rejected.class, r).reason();
  }

  private static LightRejection verify(final LightBlock b) {
    return reason(LightVerifier.verify(root(), b, OPTIONS, NOW));
  }

  @Test
  void ghsa6jrf_signerAddressNotBoundToItsKey() {
    // validator entries claim A's address but carry an attacker key that signs; hashes are consistent
    final LightBlock honest = CHAIN_DATA.block(3);
    final CometKey attacker = CometKey.ed25519("mallory");
    final Map<Bytes, CometKey> keys = new HashMap<>(CHAIN_DATA.keys());
    final List<Validator> vs = new ArrayList<>();
    for (final Validator v : honest.validatorSet().validators()) {
      vs.add(new Validator(v.address(), attacker.publicKey(), v.votingPower()));
      keys.put(v.address(), attacker);
    }
    final LightBlock forged = CometForge.withSet(CHAIN_DATA, 3, new ValidatorSet(vs), keys);
    assertEquals(LightRejection.ADDRESS_NOT_BOUND_TO_KEY, verify(forged));
  }

  @Test
  void ghsaXqqc_headerForAnotherChainId() {
    // the same validators sign a header of another chain (they may validate both): refused by chain id
    final LightBlock other = CometForge.resign(CHAIN_DATA, 3, h -> h.withChainId("evil-chain"), "evil-chain", 4);
    assertEquals(LightRejection.CHAIN_ID_MISMATCH, verify(other));
  }

  @Test
  void signaturesMadeForAnotherChainIdDoNotVerify() {
    // the header says our chain, but the votes were signed with another chain id in the sign bytes
    final LightBlock other = CometForge.resign(CHAIN_DATA, 3, h -> h, "evil-chain", 4);
    assertEquals(LightRejection.INVALID_SIGNATURE, verify(other));
  }

  @Test
  void votingPowerOverflowAndNegative() {
    final CometKey a = CometKey.ed25519("A");
    final CometKey b = CometKey.ed25519("B");
    final Map<Bytes, CometKey> keys = Map.of(a.address(), a, b.address(), b);
    // two validators whose sum overflows int64
    final ValidatorSet overflow = ValidatorSet.sorted(List.of(a.validator(Long.MAX_VALUE), b.validator(1)));
    assertEquals(LightRejection.VOTING_POWER_OVERFLOW, verify(CometForge.withSet(CHAIN_DATA, 3, overflow, keys)));
    // a total above CometBFT's MaxTotalVotingPower (MaxInt64 / 8) without int64 overflow
    final ValidatorSet tooMuch = ValidatorSet.sorted(List.of(a.validator(Long.MAX_VALUE / 8), b.validator(1)));
    assertEquals(LightRejection.VOTING_POWER_OVERFLOW, verify(CometForge.withSet(CHAIN_DATA, 3, tooMuch, keys)));
    final ValidatorSet negative = new ValidatorSet(List.of(a.validator(100), b.validator(-50)));
    assertEquals(LightRejection.VOTING_POWER_NEGATIVE, verify(CometForge.withSet(CHAIN_DATA, 3, negative, keys)));
  }

  @Test
  void duplicateValidatorInASet() {
    final CometKey a = CometKey.ed25519("A");
    final ValidatorSet dup = new ValidatorSet(List.of(a.validator(10), a.validator(10)));
    assertEquals(LightRejection.DUPLICATE_VALIDATOR,
        verify(CometForge.withSet(CHAIN_DATA, 3, dup, Map.of(a.address(), a))));
  }

  @Test
  void duplicateVoteCountedOnceThenRejected() {
    // trusting mode matches by address: one validator's valid vote repeated to reach the trust level
    final LightBlock b = CHAIN_DATA.block(15);
    final TrustedState trusted = root();
    final Commit c = b.commit();
    // a signature from a trusted validator (A or B sign height 15 and are in the trusted next set)
    CommitSig trustedSig = null;
    for (final CommitSig sg : c.signatures()) {
      if (trusted.nextValidators().get().validators().stream()
          .anyMatch(v -> v.address().equals(sg.validatorAddress()))) {
        trustedSig = sg;
        break;
      }
    }
    assertTrue(trustedSig != null);
    final List<CommitSig> sigs = c.signatures();
    final List<CommitSig> repeated = new ArrayList<>();
    for (int i = 0; i < sigs.size(); i++) {
      repeated.add(trustedSig);
    }
    final Commit dup = new Commit(c.height(), c.round(), c.blockId(), repeated);
    assertEquals(LightRejection.DUPLICATE_VOTE, reason(CommitVerifier.verifyCommitLightTrusting(CHAIN,
        trusted.nextValidators().get(), dup, TrustLevel.ONE_THIRD)));
    // and through the verifier, the same commit fails on the index binding before any counting
    final LightBlock forged = new LightBlock(new SignedHeader(b.header(), dup), b.validatorSet(), Optional.empty());
    assertEquals(LightRejection.SIGNER_NOT_IN_VALIDATOR_SET, verify(forged));
  }

  @Test
  void commitForAnotherBlockId() {
    final LightBlock b = rpc(3);
    final Commit c = b.commit();
    final BlockId other = new BlockId(CometChain.sha("other block"), 1, c.blockId().partSetHash());
    final Commit moved = new Commit(c.height(), c.round(), other, c.signatures());
    assertEquals(LightRejection.COMMIT_BLOCK_ID_MISMATCH,
        verify(new LightBlock(new SignedHeader(b.header(), moved), b.validatorSet(), Optional.empty())));
    // VerifyCommitLight called with the header's block id and a commit for another: refused before signatures
    assertEquals(LightRejection.COMMIT_BLOCK_ID_MISMATCH, reason(CommitVerifier.verifyCommitLight(CHAIN,
        b.validatorSet(), c.blockId(), 3, moved)));
  }

  @Test
  void oneVoteSignedForAnotherBlockId() {
    // validator 0's vote is a valid signature, but for another block id: it does not verify for this one
    final LightBlock b = rpc(3);
    final Commit c = b.commit();
    final BlockId other = new BlockId(CometChain.sha("other block"), 1, c.blockId().partSetHash());
    final CommitSig s0 = c.signatures().get(0);
    final byte[] msg = Canonical.voteSignBytes(CHAIN, Canonical.PRECOMMIT, c.height(), c.round(), other, s0.timestamp());
    final CometKey k = CHAIN_DATA.keys().get(s0.validatorAddress());
    final List<CommitSig> sigs = new ArrayList<>(c.signatures());
    sigs.set(0, new CommitSig(CommitSig.COMMIT, s0.validatorAddress(), s0.timestamp(), Bytes.of(k.sign(msg))));
    final Commit forged = new Commit(c.height(), c.round(), c.blockId(), sigs);
    assertEquals(LightRejection.INVALID_SIGNATURE,
        verify(new LightBlock(new SignedHeader(b.header(), forged), b.validatorSet(), Optional.empty())));
  }

  @Test
  void headerFromTheFutureBeyondDrift() {
    final LightBlock b = rpc(3);
    final Instant now = b.header().time().minus(OPTIONS.maxClockDrift());
    assertEquals(LightRejection.HEADER_FROM_FUTURE, reason(LightVerifier.verify(root(), b, OPTIONS, now)));
    // within the drift it verifies
    assertEquals(3, LightVerifier.verify(root(), b, OPTIONS, now.plusNanos(1)).value().height());
  }

  @Test
  void outsideTheTrustingPeriod() {
    final TrustedState r = root();
    final Instant expiry = r.time().plus(OPTIONS.trustingPeriod());
    assertEquals(LightRejection.TRUSTED_STATE_EXPIRED, reason(LightVerifier.verify(r, rpc(3), OPTIONS, expiry)));
    assertEquals(3, LightVerifier.verify(r, rpc(3), OPTIONS, expiry.minusNanos(1)).value().height());
  }

  @Test
  void nonMonotonicTime() {
    final Instant trustedTime = root().time();
    final LightBlock b = CometForge.resign(CHAIN_DATA, 3, h -> h.withTime(trustedTime), CHAIN, 4);
    assertEquals(LightRejection.NON_MONOTONIC_TIME, verify(b));
  }

  @Test
  void nonMonotonicHeight() {
    final TrustedState at5 = LightVerifier.verify(root(), rpc(5), OPTIONS, NOW).value();
    assertEquals(LightRejection.NON_MONOTONIC_TIME, reason(LightVerifier.verify(at5, rpc(4), OPTIONS, NOW)));
    final LightBlock sameHeightLater = CometForge.resign(CHAIN_DATA, 5, h -> h.withTime(h.time().plusSeconds(1)),
        CHAIN, 4);
    assertEquals(LightRejection.NON_MONOTONIC_HEIGHT, reason(LightVerifier.verify(at5, sameHeightLater, OPTIONS, NOW)));
  }

  @Test
  void lessThanTwoThirdsSigned() {
    assertEquals(LightRejection.INSUFFICIENT_VOTING_POWER, verify(CometForge.resign(CHAIN_DATA, 2, h -> h, CHAIN, 2)));
    // exactly 2/3 is not more than 2/3
    final CometKey a = CometKey.ed25519("A");
    final CometKey b = CometKey.ed25519("B");
    final CometKey c = CometKey.ed25519("C");
    final ValidatorSet three = ValidatorSet.sorted(List.of(a.validator(10), b.validator(10), c.validator(10)));
    final LightBlock all = CometForge.withSet(CHAIN_DATA, 3, three, CHAIN_DATA.keys());
    final List<CommitSig> sigs = new ArrayList<>(all.commit().signatures());
    sigs.set(2, CommitSig.absent());
    final Commit twoThirds = new Commit(3, 0, all.commit().blockId(), sigs);
    assertEquals(LightRejection.INSUFFICIENT_VOTING_POWER, reason(CommitVerifier.verifyCommitLight(CHAIN, three,
        all.commit().blockId(), 3, twoThirds)));
    // with the third signature present, 30 of 30 signed; verification stops once more than 2/3 (20) is
    // tallied, i.e. after the third vote of power 10
    assertEquals(30L, CommitVerifier.verifyCommitLight(CHAIN, three, all.commit().blockId(), 3, all.commit()).value());
  }

  @Test
  void adjacentHeaderWithAnUnexpectedValidatorSet() {
    // a set the trusted header did not announce, fully signed by its own (attacker) keys
    final CometKey m = CometKey.ed25519("mallory");
    final LightBlock b = CometForge.withSet(CHAIN_DATA, 2, new ValidatorSet(List.of(m.validator(100))),
        Map.of(m.address(), m));
    assertEquals(LightRejection.TRUSTED_NEXT_VALIDATORS_MISMATCH, verify(b));
  }

  @Test
  void validatorSetDeliveredInANonCanonicalOrderDoesNotHashToTheHeader() {
    final LightBlock b = rpc(3);
    final List<Validator> reversed = new ArrayList<>(b.validatorSet().validators());
    java.util.Collections.reverse(reversed);
    assertNotEquals(b.validatorSet().validators(), reversed);
    assertEquals(LightRejection.VALIDATORS_HASH_MISMATCH,
        verify(new LightBlock(b.signedHeader(), new ValidatorSet(reversed), Optional.empty())));
  }

  @Test
  void unknownKeyTypeRejected() {
    final LightBlock b = rpc(3);
    final List<Validator> vs = new ArrayList<>(b.validatorSet().validators());
    final Validator v0 = vs.get(0);
    vs.set(0, new Validator(v0.address(), new PublicKey("tendermint/PubKeyBls12_381", v0.pubKey().value()),
        v0.votingPower()));
    assertEquals(LightRejection.UNSUPPORTED_KEY_TYPE,
        verify(new LightBlock(b.signedHeader(), new ValidatorSet(vs), Optional.empty())));
  }

  @Test
  void signatureCountMustMatchTheSet() {
    final LightBlock b = rpc(3);
    final Commit c = b.commit();
    final Commit shorter = new Commit(c.height(), c.round(), c.blockId(), c.signatures().subList(0, 3));
    assertEquals(LightRejection.SIGNATURE_COUNT_MISMATCH,
        verify(new LightBlock(new SignedHeader(b.header(), shorter), b.validatorSet(), Optional.empty())));
  }

  @Test
  void malformedCommitSignatures() {
    final LightBlock b = rpc(3);
    final Commit c = b.commit();
    final List<CommitSig> sigs = new ArrayList<>(c.signatures());
    sigs.set(1, new CommitSig(7, sigs.get(1).validatorAddress(), sigs.get(1).timestamp(), sigs.get(1).signature()));
    assertEquals(LightRejection.COMMIT_SIG_MALFORMED, verify(new LightBlock(
        new SignedHeader(b.header(), new Commit(3, 0, c.blockId(), sigs)), b.validatorSet(), Optional.empty())));
    final List<CommitSig> absentWithSig = new ArrayList<>(c.signatures());
    absentWithSig.set(1, new CommitSig(CommitSig.ABSENT, Bytes.EMPTY, CommitSig.GO_ZERO_TIME,
        c.signatures().get(1).signature()));
    assertEquals(LightRejection.COMMIT_SIG_MALFORMED, verify(new LightBlock(
        new SignedHeader(b.header(), new Commit(3, 0, c.blockId(), absentWithSig)), b.validatorSet(),
        Optional.empty())));
    final List<CommitSig> none = new ArrayList<>();
    c.signatures().forEach(s -> none.add(CommitSig.absent()));
    assertEquals(LightRejection.NO_SIGNATURES, verify(new LightBlock(
        new SignedHeader(b.header(), new Commit(3, 0, c.blockId(), none)), b.validatorSet(), Optional.empty())));
  }

  @Test
  void secp256k1ValidatorsVerifyAndHighSIsRejected() {
    final CometKey k1 = CometKey.secp256k1("K1");
    final CometKey k2 = CometKey.secp256k1("K2");
    final CometKey e1 = CometKey.ed25519("E1");
    final CometChain mixed = CometChain.generate("mixed-1", CometLightClientTest.GENESIS, 5,
        h -> List.of(new CometChain.Member(k1, 10), new CometChain.Member(k2, 10), new CometChain.Member(e1, 5)),
        h -> CometChain.sha("m" + h));
    final TrustedState r = TrustedState.fromTrustedBlock(mixed.block(1), mixed.block(1).commit().blockId().hash())
        .value();
    assertEquals(2, LightVerifier.verify(r, mixed.rpcBlock(2), OPTIONS, NOW).value().height());
    assertEquals(5, LightVerifier.verify(r, mixed.rpcBlock(5), OPTIONS, NOW).value().height());
    // the same signature with s replaced by n - s (valid ECDSA, high S): CometBFT refuses it, so do we
    final LightBlock b = mixed.rpcBlock(2);
    final List<CommitSig> sigs = new ArrayList<>(b.commit().signatures());
    int idx = -1;
    for (int i = 0; i < sigs.size(); i++) {
      if (sigs.get(i).validatorAddress().equals(k1.address()) || sigs.get(i).validatorAddress().equals(k2.address())) {
        idx = i;
        break;
      }
    }
    final byte[] sig = sigs.get(idx).signature().toArray();
    final java.math.BigInteger n = org.bouncycastle.crypto.ec.CustomNamedCurves.getByName("secp256k1").getN();
    final java.math.BigInteger s = new java.math.BigInteger(1, java.util.Arrays.copyOfRange(sig, 32, 64));
    final byte[] hi = n.subtract(s).toByteArray();
    final byte[] out = sig.clone();
    java.util.Arrays.fill(out, 32, 64, (byte) 0);
    System.arraycopy(hi, Math.max(0, hi.length - 32), out, 64 - Math.min(32, hi.length), Math.min(32, hi.length));
    sigs.set(idx, new CommitSig(CommitSig.COMMIT, sigs.get(idx).validatorAddress(), sigs.get(idx).timestamp(),
        Bytes.of(out)));
    final LightBlock highS = new LightBlock(new SignedHeader(b.header(), new Commit(2, 0, b.commit().blockId(), sigs)),
        b.validatorSet(), Optional.empty());
    assertEquals(LightRejection.INVALID_SIGNATURE, reason(LightVerifier.verify(r, highS, OPTIONS, NOW)));
  }

  @Test
  void ed25519NonCanonicalScalarRejected() {
    // S + L (the group order) verifies under lax implementations; RFC 8032 and ZIP-215 both require S < L
    final LightBlock b = rpc(3);
    final List<CommitSig> sigs = new ArrayList<>(b.commit().signatures());
    final byte[] sig = sigs.get(0).signature().toArray();
    final java.math.BigInteger l = java.math.BigInteger.ONE.shiftLeft(252)
        .add(new java.math.BigInteger("27742317777372353535851937790883648493"));
    final byte[] sLe = java.util.Arrays.copyOfRange(sig, 32, 64);
    final byte[] sBe = new byte[32];
    for (int i = 0; i < 32; i++) {
      sBe[i] = sLe[31 - i];
    }
    final java.math.BigInteger sPlusL = new java.math.BigInteger(1, sBe).add(l);
    final byte[] be = sPlusL.toByteArray();
    final byte[] out = sig.clone();
    for (int i = 0; i < 32; i++) {
      out[32 + i] = i < be.length ? be[be.length - 1 - i] : 0;
    }
    sigs.set(0, new CommitSig(CommitSig.COMMIT, sigs.get(0).validatorAddress(), sigs.get(0).timestamp(),
        Bytes.of(out)));
    assertEquals(LightRejection.INVALID_SIGNATURE, verify(new LightBlock(
        new SignedHeader(b.header(), new Commit(3, 0, b.commit().blockId(), sigs)), b.validatorSet(),
        Optional.empty())));
  }

  @Test
  void headerFieldOfTheWrongSize() {
    final LightBlock b = CometForge.resign(CHAIN_DATA, 3, h -> new Header(h.versionBlock(), h.versionApp(),
        h.chainId(), h.height(), h.time(), h.lastBlockId(), h.lastCommitHash(), Bytes.of(new byte[31]),
        h.validatorsHash(), h.nextValidatorsHash(), h.consensusHash(), h.appHash(), h.lastResultsHash(),
        h.evidenceHash(), h.proposerAddress()), CHAIN, 4);
    assertEquals(LightRejection.HEADER_MALFORMED, verify(b));
  }

  @Test
  void mutatedJsonNeverThrowsNorFailsOpen() {
    // seeded byte mutations of a light block's JSON: each parses to a typed rejection, or to a block that
    // the verifier rejects with a typed reason, or (for mutations of ignored fields) verifies to the same hash
    final String json = LightBlockJson.write(rpc(3)).toString();
    final Bytes honestHash = rpc(3).commit().blockId().hash();
    final Random rnd = new Random(11);
    int rejected = 0;
    for (int i = 0; i < 400; i++) {
      final char[] cs = json.toCharArray();
      final int at = rnd.nextInt(cs.length);
      final String alphabet = "0123456789abcdefABCDEF\"{}[],:xyz-";
      cs[at] = alphabet.charAt(rnd.nextInt(alphabet.length()));
      final LightResult<LightBlock> p = LightBlockJson.parse(new String(cs));
      if (p instanceof LightResult.Rejected<LightBlock> r) {
        assertNotEquals(LightRejection.INTERNAL_ERROR, r.reason());
        rejected++;
        continue;
      }
      final LightResult<TrustedState> v = LightVerifier.verify(root(), p.value(), OPTIONS, NOW);
      if (v instanceof LightResult.Rejected<TrustedState> r) {
        assertNotEquals(LightRejection.INTERNAL_ERROR, r.reason(), r.detail());
        rejected++;
      } else {
        assertEquals(honestHash, v.value().headerHash());
      }
    }
    assertTrue(rejected > 200, "most mutations must be rejected, got " + rejected);
  }

  @Test
  void trustLevelOutsideOneThirdToOneIsAConfigurationError() {
    for (final long[] nd : new long[][] {{1, 4}, {4, 3}, {0, 1}, {1, 0}, {Long.MAX_VALUE, Long.MAX_VALUE - 1}}) {
      try {
        new TrustLevel(nd[0], nd[1]);
        throw new AssertionError("accepted " + nd[0] + "/" + nd[1]);
      } catch (IllegalArgumentException expected) {
        assertTrue(expected.getMessage().contains("trust level"));
      }
    }
    assertEquals(new TrustLevel(1, 1), TrustLevel.parse("1/1"));
    assertEquals(VerifyOptions.DEFAULT_CLOCK_DRIFT, Duration.ofSeconds(10));
  }
}
