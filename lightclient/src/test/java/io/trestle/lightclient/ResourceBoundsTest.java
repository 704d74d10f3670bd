package io.trestle.lightclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.config.Networks;
import io.trestle.lightclient.json.BeaconApiJson;
import io.trestle.lightclient.json.BeaconJsonException;
import io.trestle.lightclient.store.StoreFile.LoadResult;
import io.trestle.lightclient.store.StoreFile.StoreError;
import io.trestle.lightclient.store.StoreFile;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.config.ChainConfig.Preset;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import io.trestle.proofs.ssz.SszException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rows of the README's "Resource bounds" table that the light client enforces (the proofs module
 * has the RLP, MPT and JSON-RPC rows): each bound is checked before the work, so an input far over it
 * costs little time and allocates a small, input-independent amount. Figures are printed for the
 * table.
 */
class ResourceBoundsTest {
  private static final long TIME_LIMIT_NANOS = 50_000_000L;
  private static final long ALLOC_LIMIT = 256 * 1024;
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  @TempDir Path tmp;

  private static void cheap(final String what, final Runnable call) {
    long time = Long.MAX_VALUE;
    long alloc = Long.MAX_VALUE;
    final long id = Thread.currentThread().getId();
    for (int i = 0; i < 5; i++) {
      final long a0 = THREADS.getThreadAllocatedBytes(id);
      final long t0 = System.nanoTime();
      call.run();
      time = Math.min(time, System.nanoTime() - t0);
      alloc = Math.min(alloc, THREADS.getThreadAllocatedBytes(id) - a0);
    }
    System.out.printf("[bounds] %s: %.1f µs, %d bytes allocated%n", what, time / 1000.0, alloc);
    assertTrue(time < TIME_LIMIT_NANOS, what + " took " + time + " ns");
    assertTrue(alloc < ALLOC_LIMIT, what + " allocated " + alloc + " bytes");
  }

  @Test
  void beaconApiJsonBodyOfOneHundredMegabytesIsRefusedBeforeParsing() {
    final char[] big = new char[100_000_000];
    Arrays.fill(big, ' ');
    final String body = "{\"version\":\"capella\",\"data\":" + new String(big) + "}";
    final BeaconJsonException e =
        assertThrows(BeaconJsonException.class, () -> BeaconApiJson.update(body, Preset.MAINNET));
    assertTrue(e.getMessage().contains("exceeds the bound"), e.getMessage());
    cheap("beacon-API JSON of 100 MB", () -> assertThrows(BeaconJsonException.class,
        () -> BeaconApiJson.update(body, Preset.MAINNET)));
  }

  @Test
  void beaconApiJsonNestedAMillionDeepStopsAtTheDepthBound() {
    final String deep = "{\"version\":\"capella\",\"data\":" + "[".repeat(1_000_000) + "]".repeat(1_000_000) + "}";
    assertThrows(BeaconJsonException.class, () -> BeaconApiJson.update(deep, Preset.MAINNET));
    cheap("beacon-API JSON nested 10^6 deep", () -> assertThrows(BeaconJsonException.class,
        () -> BeaconApiJson.update(deep, Preset.MAINNET)));
  }

  @Test
  void anUpdateOfTheWrongSizeIsRefusedBeforeDecoding() {
    // a light-client update has an exact size per fork and preset (its variable part is two headers
    // whose only variable field, extra_data, is at most 32 bytes); 64 MB is refused on sight
    final byte[] huge = new byte[64 << 20];
    for (final Fork f : new Fork[] {Fork.ALTAIR, Fork.CAPELLA, Fork.DENEB, Fork.ELECTRA}) {
      assertThrows(SszException.class, () -> LightClientUpdate.decode(huge, f, Preset.MAINNET));
      cheap("SSZ update of 64 MB (" + f.specName() + ")",
          () -> assertThrows(SszException.class, () -> LightClientUpdate.decode(huge, f, Preset.MAINNET)));
    }
  }

  @Test
  void aBootstrapOfTheWrongSizeIsRefusedBeforeDecoding() {
    final byte[] huge = new byte[64 << 20];
    for (final Fork f : new Fork[] {Fork.ALTAIR, Fork.CAPELLA, Fork.DENEB, Fork.ELECTRA}) {
      assertThrows(SszException.class, () -> LightClientBootstrap.decode(huge, f, Preset.MAINNET));
      cheap("SSZ bootstrap of 64 MB (" + f.specName() + ")",
          () -> assertThrows(SszException.class, () -> LightClientBootstrap.decode(huge, f, Preset.MAINNET)));
    }
  }

  @Test
  void aStoreFileOfAGigabyteIsRefusedReadingAtMostTheBound() throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(tmp.resolve(StoreFile.STORE).toFile(), "rw")) {
      f.setLength(1L << 30); // sparse: 1 GiB that costs no disk
    }
    final StoreFile sf = StoreFile.in(tmp, Networks.MAINNET);
    final LoadResult r = sf.load();
    assertEquals(StoreError.CORRUPT, assertInstanceOf(LoadResult.Refused.class, r).failure().kind());
    assertTrue(r.toString().contains("larger than"), r.toString());
    final long id = Thread.currentThread().getId();
    final long a0 = THREADS.getThreadAllocatedBytes(id);
    final long t0 = System.nanoTime();
    sf.load();
    final long ns = System.nanoTime() - t0;
    final long alloc = THREADS.getThreadAllocatedBytes(id) - a0;
    System.out.printf("[bounds] store file of 1 GiB: %.1f µs, %d bytes allocated%n", ns / 1000.0, alloc);
    assertTrue(alloc < 4L << 20, "reads at most the 1 MiB bound (+ a little): " + alloc);
    assertTrue(ns < 1_000_000_000L);
  }

  @Test
  void aHeaderWalkOverTheBoundIsRefusedBeforeHashing() {
    final ExecutionAnchor anchor = new ExecutionAnchor(Finality.FINALIZED, 1000, Hash32.ZERO, 20_000,
        Hash32.ZERO, Optional.of(Hash32.ZERO), Optional.of(Hash32.ZERO), 0);
    final List<Bytes> walk = Collections.nCopies(ExecutionAnchor.MAX_ANCESTRY + 2, Bytes.of(new byte[600]));
    final ProofResult<ExecutionAnchor> r = anchor.ancestor(walk);
    assertEquals(Reason.PROOF_TOO_LARGE, ((ProofResult.Rejected<ExecutionAnchor>) r).reason());
    cheap("header walk of 8,194 headers", () -> anchor.ancestor(walk));
  }
}
