package io.trestle.lightclient.source;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.types.BeaconBlockHeader;
import io.trestle.lightclient.types.ExecutionPayloadHeader;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientFinalityUpdate;
import io.trestle.lightclient.types.LightClientHeader;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.config.ChainConfig.Preset;
import io.trestle.lightclient.types.SyncAggregate;
import io.trestle.lightclient.types.SyncCommittee;
import io.trestle.testbase.Vectors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Payload builders and settings for the source tests. */
final class Fixtures {
  private Fixtures() {}

  static final Path HELIOS = Vectors.path("helios/ethereum/testdata");

  /** Mainnet fork digests (published values, e.g. the consensus clients' network docs). */
  static final String MAINNET_CAPELLA_DIGEST = "0xbba4da96";
  static final String MAINNET_DENEB_DIGEST = "0x6a95a1a9";

  static String helios(final String name) throws IOException {
    return Files.readString(HELIOS.resolve(name), StandardCharsets.UTF_8);
  }

  /** Fast settings: short timeout, recording sleeper (no real sleep), fixed jitter. */
  static final class Recorder implements HttpSettings.Sleeper {
    final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void sleep(final Duration d) {
      sleeps.add(d);
    }
  }

  static HttpSettings fast(final Recorder r) {
    return HttpSettings.defaults().withRequestTimeout(Duration.ofMillis(400)).withMaxAttempts(3)
        .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)).withSleeper(r).withJitter(() -> 0.0);
  }

  static Hash32 h(final int b) {
    final byte[] x = new byte[32];
    java.util.Arrays.fill(x, (byte) b);
    return Hash32.of(x);
  }

  static LightClientHeader header(final Fork fork, final long slot) {
    final BeaconBlockHeader beacon = new BeaconBlockHeader(slot, 42, h(1), h(2), h(3));
    if (!fork.hasExecution()) {
      return LightClientHeader.beaconOnly(fork, beacon);
    }
    return new LightClientHeader(fork, beacon, Optional.of(ExecutionPayloadHeader.empty(fork)),
        Collections.nCopies(LightClientHeader.EXECUTION_BRANCH_DEPTH, h(4)));
  }

  static SyncAggregate aggregate(final Preset p) {
    final byte[] bits = new byte[p.syncCommitteeBitsBytes()];
    bits[0] = 0x0f;
    final byte[] sig = new byte[96];
    sig[0] = (byte) 0xc0;
    return new SyncAggregate(Bytes.of(bits), Bytes.of(sig));
  }

  static LightClientFinalityUpdate finality(final Fork fork, final Preset p, final long slot) {
    return new LightClientFinalityUpdate(header(fork, slot), header(fork, slot - 64),
        Collections.nCopies(fork.finalityBranchDepth(), h(5)), aggregate(p), slot + 1);
  }

  static LightClientUpdate update(final Fork fork, final Preset p, final long slot) {
    return new LightClientUpdate(header(fork, slot), SyncCommittee.empty(p),
        Collections.nCopies(fork.syncCommitteeBranchDepth(), h(6)), header(fork, slot - 64),
        Collections.nCopies(fork.finalityBranchDepth(), h(5)), aggregate(p), slot + 1);
  }

  static LightClientBootstrap bootstrap(final Fork fork, final Preset p, final long slot) {
    return new LightClientBootstrap(header(fork, slot), SyncCommittee.empty(p),
        Collections.nCopies(fork.syncCommitteeBranchDepth(), h(7)));
  }

  /** One response chunk: uint64 LE length of (context + payload), 4-byte context, payload. */
  static byte[] chunk(final String digestHex, final byte[] payload) {
    final byte[] digest = Bytes.fromHex(digestHex).toArray();
    final ByteBuffer bb = ByteBuffer.allocate(8 + 4 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
    bb.putLong(4 + payload.length).put(digest).put(payload);
    return bb.array();
  }

  static byte[] concat(final byte[]... parts) {
    final ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (final byte[] p : parts) {
      o.writeBytes(p);
    }
    return o.toByteArray();
  }
}
