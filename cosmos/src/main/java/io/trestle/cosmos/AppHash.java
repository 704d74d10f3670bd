package io.trestle.cosmos;

import io.trestle.crypto.Bytes;
import java.util.Objects;

/**
 * The application state root ({@code app_hash}) of a CometBFT chain at one height, as carried by a
 * header that a light client has verified. State proofs ({@code io.trestle.cosmos.ibc}) are checked
 * against it.
 *
 * <p><b>Trust contract.</b> This value asserts nothing by itself: it is exactly as trustworthy as the
 * code that made it. Obtain it from a header the CometBFT light client verified ({@code
 * io.trestle.cosmos.light}), never from the party that supplies the proof. In CometBFT the header at
 * height {@code H} carries the app hash of the state <em>after</em> block {@code H-1}; a proof queried
 * at store height {@code h} verifies against the header at {@code h+1}. {@link #height()} is the height
 * of the header that carried the hash (the IBC consensus-state height), which is what a relayer cites.
 *
 * @param chainId the chain id of the verified header (non-empty)
 * @param height the height of the header that carries the hash (positive)
 * @param hash the app hash bytes (1 to 64 bytes; 32 for SDK chains)
 */
public record AppHash(String chainId, long height, Bytes hash) {
  /** Validates the components (programmer errors throw). */
  public AppHash {
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(hash, "hash");
    if (chainId.isEmpty()) {
      throw new IllegalArgumentException("chainId must not be empty");
    }
    if (height <= 0) {
      throw new IllegalArgumentException("height must be positive: " + height);
    }
    if (hash.isEmpty() || hash.size() > 64) {
      throw new IllegalArgumentException("app hash must be 1..64 bytes, got " + hash.size());
    }
  }

  @Override
  public String toString() {
    return chainId + "@" + height + ":" + hash.toHex();
  }
}
