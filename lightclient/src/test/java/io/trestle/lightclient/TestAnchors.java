package io.trestle.lightclient;

import io.trestle.crypto.Hash32;
import java.util.Optional;

/** Test-only access to anchors a light client would derive (the constructor is package-private on purpose). */
public final class TestAnchors {
  private TestAnchors() {}

  /** A finalized anchor carrying the block's roots (Capella to Fulu light-client headers). */
  public static ExecutionAnchor finalized(final long slot, final long number, final Hash32 hash,
      final Hash32 stateRoot, final Hash32 receiptsRoot) {
    return new ExecutionAnchor(Finality.FINALIZED, slot, Hash32.ZERO, number, hash, Optional.of(stateRoot),
        Optional.of(receiptsRoot), 0);
  }

  /** A finalized anchor that carries only the block hash (Gloas light-client headers). */
  public static ExecutionAnchor hashOnly(final long slot, final long number, final Hash32 hash) {
    return new ExecutionAnchor(Finality.FINALIZED, slot, Hash32.ZERO, number, hash, Optional.empty(),
        Optional.empty(), 0);
  }

  /** An optimistic anchor. */
  public static ExecutionAnchor optimistic(final long slot, final long number, final Hash32 hash) {
    return new ExecutionAnchor(Finality.OPTIMISTIC, slot, Hash32.ZERO, number, hash, Optional.empty(),
        Optional.empty(), 0);
  }
}
