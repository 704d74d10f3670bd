package io.trestle.cosmos.light;

import io.trestle.crypto.Bytes;
import java.util.Objects;

/**
 * A CometBFT {@code BlockID}: the header hash and the part-set header (total, hash). Untrusted data as
 * parsed; nothing about it is verified.
 *
 * @param hash the block (header) hash, 32 bytes or empty
 * @param partSetTotal the part-set header's {@code total} (uint32)
 * @param partSetHash the part-set header's hash, 32 bytes or empty
 */
public record BlockId(Bytes hash, long partSetTotal, Bytes partSetHash) {
  /** The zero BlockID (what {@code last_block_id: null} and a nil vote carry). */
  public static final BlockId ZERO = new BlockId(Bytes.EMPTY, 0, Bytes.EMPTY);

  /** Checks for nulls. */
  public BlockId {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(partSetHash, "partSetHash");
  }

  /** True if every field is empty or zero ({@code BlockID.IsZero}). */
  public boolean isZero() {
    return hash.isEmpty() && partSetTotal == 0 && partSetHash.isEmpty();
  }
}
