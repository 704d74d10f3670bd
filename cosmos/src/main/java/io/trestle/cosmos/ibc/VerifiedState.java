package io.trestle.cosmos.ibc;

import io.trestle.cosmos.AppHash;
import io.trestle.crypto.Bytes;
import java.util.Objects;

/**
 * What {@link StateProofVerifier} proves about a chain's state at the height of an {@link AppHash}:
 * the key at {@link #path()} holds a value ({@link Present}) or holds none ({@link Absent}). As trusted
 * as the app hash (which must come from a light-client-verified header).
 */
public sealed interface VerifiedState permits VerifiedState.Present, VerifiedState.Absent {
  /** The app hash the chain of proofs ends at. */
  AppHash appHash();

  /** The path, outermost store first. */
  MerklePath path();

  /**
   * The key is present with this value.
   *
   * @param appHash the trusted app hash
   * @param path the path
   * @param value the value stored there
   */
  record Present(AppHash appHash, MerklePath path, Bytes value) implements VerifiedState {
    /** Rejects nulls. */
    public Present {
      Objects.requireNonNull(appHash, "appHash");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * The key is absent from its store, and that store's root is committed in the app hash.
   *
   * @param appHash the trusted app hash
   * @param path the path
   */
  record Absent(AppHash appHash, MerklePath path) implements VerifiedState {
    /** Rejects nulls. */
    public Absent {
      Objects.requireNonNull(appHash, "appHash");
      Objects.requireNonNull(path, "path");
    }
  }
}
