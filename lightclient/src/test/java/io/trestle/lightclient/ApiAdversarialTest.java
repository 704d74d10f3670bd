package io.trestle.lightclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.bls.SyncCommitteeVerifier;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.config.Networks;
import io.trestle.lightclient.json.BeaconApiJson;
import io.trestle.lightclient.spec.IgnoreReason;
import io.trestle.lightclient.spec.LightClientStore;
import io.trestle.lightclient.spec.UpdateRejection;
import io.trestle.lightclient.spec.UpdateResult;
import io.trestle.lightclient.store.StoreFile.VerifiedStore;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.config.ChainConfig.Preset;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import io.trestle.testbase.Vectors;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.trestle.lightclient.internal.MessageVerifier;

/**
 * Catalogue section H (API and operational), one test per item, on the real mainnet light-client data
 * (helios: bootstrap at slot 7069376, updates of periods 862-867).
 */
class ApiAdversarialTest {
  private static final Path DATA = Vectors.path("helios/ethereum/testdata");
  private static final Hash32 CHECKPOINT =
      Hash32.fromHex("0x5afc212a7924789b2bc86acad3ab3a6ffb1f6e97253ea50bee7f4f51422c9275");
  private static final long NOW = 7_200_000L;

  private static LightClientBootstrap bootstrap;
  private static final List<LightClientUpdate> UPDATES = new ArrayList<>();

  @BeforeAll
  static void load() throws IOException {
    bootstrap = BeaconApiJson.bootstrap(Files.readString(DATA.resolve("bootstrap.json")), Preset.MAINNET).data();
    BeaconApiJson.updates(Files.readString(DATA.resolve("updates.json")), Preset.MAINNET)
        .forEach(v -> UPDATES.add(v.data()));
  }

  private static LightClient client(final io.trestle.lightclient.spec.SignatureCheck sig) {
    final LightClient.Initialized init = LightClient.initialize(Networks.MAINNET, sig, CHECKPOINT, bootstrap);
    assertTrue(init.ok(), () -> init.rejection().toString());
    return init.client();
  }

  @Test
  void api_H97_onlyTheProtocolMethodsChangeTheStoreAndNothingChangesTheConfiguration() throws Exception {
    // The store is an immutable record; the client's state-changing entry points are exactly these.
    assertTrue(LightClientStore.class.isRecord());
    final Set<String> stateChanging = new TreeSet<>();
    for (final Method m : LightClient.class.getMethods()) {
      if (!Modifier.isStatic(m.getModifiers()) && m.getReturnType() == UpdateResult.class) {
        stateChanging.add(m.getName());
      }
    }
    assertEquals(new TreeSet<>(Set.of("processUpdate", "processFinalityUpdate", "processOptimisticUpdate",
        "processForceUpdate", "upgradeStore", "preview")), stateChanging);
    for (final Field f : ChainConfig.class.getDeclaredFields()) {
      assertTrue(Modifier.isFinal(f.getModifiers()), "ChainConfig." + f.getName() + " is not final");
    }
    for (final Field f : LightClient.class.getDeclaredFields()) {
      if (f.getType() == ChainConfig.class || f.getName().toLowerCase().contains("config")) {
        assertTrue(Modifier.isFinal(f.getModifiers()), "LightClient." + f.getName() + " is not final");
      }
    }
    // Verifying messages and proofs against the client leaves its store and configuration as they were.
    final LightClient lc = client(SyncCommitteeVerifier.create()::verify);
    final LightClientStore before = lc.store();
    final ChainConfig config = lc.config();
    final ExecutionAnchor anchor = lc.finalizedExecution().orElseThrow();
    assertTrue(!MessageVerifier.verifyMessage(anchor, 0, 0, List.of(Bytes.of(new byte[] {(byte) 0xc0}))).isVerified());
    assertTrue(!anchor.ancestor(List.of(Bytes.of(new byte[] {1, 2, 3}))).isVerified());
    assertEquals(before, lc.store());
    assertSame(config, lc.config());
  }

  @Test
  void api_H98_noCallerSuppliedVerifiedObjectIsTrusted() {
    // Trust-carrying inputs cannot be made outside the library: no public constructor.
    for (final Class<?> c : List.of(ExecutionAnchor.class, VerifiedStore.class, LightClient.class)) {
      for (final Constructor<?> k : c.getDeclaredConstructors()) {
        assertTrue(!Modifier.isPublic(k.getModifiers()), c.getSimpleName() + " has a public constructor");
      }
    }
    // The facade never takes a store from the caller: only a VerifiedStore (from StoreFile) or a bootstrap.
    for (final Method m : LightClient.class.getMethods()) {
      assertTrue(Arrays.stream(m.getParameterTypes()).noneMatch(t -> t == LightClientStore.class),
          "LightClient." + m.getName() + " accepts a caller-made store");
    }
    // An update is always re-verified: the same real update with a changed signature byte is rejected even
    // right after the honest one was applied (nothing is cached by content).
    final LightClient lc = client(SyncCommitteeVerifier.create()::verify);
    assertInstanceOf(UpdateResult.Applied.class, lc.processUpdate(UPDATES.get(0), NOW));
    final LightClientUpdate u1 = UPDATES.get(1);
    final byte[] sig = u1.syncAggregate().signature().toArray();
    sig[20] ^= 1;
    final LightClientUpdate forged = new LightClientUpdate(u1.attestedHeader(), u1.nextSyncCommittee(),
        u1.nextSyncCommitteeBranch(), u1.finalizedHeader(), u1.finalityBranch(),
        new io.trestle.lightclient.types.SyncAggregate(u1.syncAggregate().bits(), Bytes.of(sig)), u1.signatureSlot());
    final LightClientStore before = lc.store();
    final UpdateResult r = lc.processUpdate(forged, NOW);
    final UpdateResult.Rejected rej = assertInstanceOf(UpdateResult.Rejected.class, r);
    assertTrue(rej.reason() == UpdateRejection.SIGNATURE_INVALID, rej.toString());
    assertEquals(before, lc.store());
  }

  @Test
  void api_H99_anUnexpectedExceptionInsideAVerifierIsInternalErrorNeverVerified() {
    final LightClient lc = client(SyncCommitteeVerifier.create()::verify);
    // the same client, whose signature check now fails with a bug
    final LightClient.Initialized buggy = LightClient.initialize(Networks.MAINNET, (committee, root, agg, signingRoot) -> {
      throw new IllegalStateException("bug in a signature backend");
    }, CHECKPOINT, bootstrap);
    final LightClientStore before = buggy.client().store();
    final UpdateResult r = buggy.client().processUpdate(UPDATES.get(0), NOW);
    assertEquals(UpdateRejection.INTERNAL_ERROR, assertInstanceOf(UpdateResult.Rejected.class, r).reason());
    assertEquals(before, buggy.client().store());
    assertEquals(lc.store(), before);
    final ProofResult<Object> p = ProofResult.of(() -> {
      throw new ArrayIndexOutOfBoundsException("bug in a proof verifier");
    });
    assertEquals(Reason.INTERNAL_ERROR, assertInstanceOf(ProofResult.Rejected.class, p).reason());
  }

  @Test
  void api_H100_aFloodOfUpdatesCostsNoSignatureChecksOnceApplied() {
    final int[] checks = {0};
    final SyncCommitteeVerifier real = SyncCommitteeVerifier.create();
    final LightClient lc = client((committee, root, agg, signingRoot) -> {
      checks[0]++;
      return real.verify(committee, root, agg, signingRoot);
    });
    assertInstanceOf(UpdateResult.Applied.class, lc.processUpdate(UPDATES.get(0), NOW));
    final LightClientStore after = lc.store();
    final int checksAfterFirst = checks[0];
    final long t0 = System.nanoTime();
    for (int i = 0; i < 10_000; i++) {
      final UpdateResult r = lc.processUpdate(UPDATES.get(0), NOW);
      assertEquals(IgnoreReason.DUPLICATE, assertInstanceOf(UpdateResult.Ignored.class, r).reason());
    }
    final long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(checksAfterFirst, checks[0], "a repeated update reached the signature check");
    assertEquals(after, lc.store());
    assertTrue(ms < 5_000, "10,000 duplicates took " + ms + " ms");
  }
}
