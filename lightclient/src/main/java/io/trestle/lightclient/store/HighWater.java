package io.trestle.lightclient.store;

import io.trestle.crypto.Hash32;
import io.trestle.crypto.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import io.trestle.lightclient.store.StoreFile.StoreError;

/**
 * The {@code highwater} file: the highest finalized slot ever saved in a store directory, bound to the
 * network. 82 bytes: magic "TRSTLHWM", version (2 bytes, 1), genesis validators root (32), slot
 * (8, big-endian), SHA-256 of the preceding 50 bytes.
 */
final class HighWater {
  static final byte[] MAGIC = "TRSTLHWM".getBytes(StandardCharsets.US_ASCII);
  static final int SIZE = 8 + 2 + 32 + 8 + 32;

  private HighWater() {}

  static byte[] encode(final Hash32 gvr, final long slot) {
    final ByteBuffer b = ByteBuffer.allocate(SIZE);
    b.put(MAGIC).putShort((short) 1).put(gvr.toArray()).putLong(slot);
    b.put(Sha256.digest(b.array(), 0, SIZE - 32));
    return b.array();
  }

  /** The slot recorded in the file; {@link StoreError#CORRUPT} or {@link StoreError#WRONG_NETWORK} otherwise. */
  static long decode(final Hash32 gvr, final byte[] file) {
    if (file.length != SIZE) {
      throw new StoreException(StoreError.CORRUPT, "high-water file of " + file.length + " bytes (expected " + SIZE
          + ")");
    }
    final byte[] sum = Sha256.digest(file, 0, SIZE - 32);
    if (!Arrays.equals(sum, 0, 32, file, SIZE - 32, SIZE)) {
      throw new StoreException(StoreError.CORRUPT, "high-water file checksum mismatch");
    }
    final ByteBuffer b = ByteBuffer.wrap(file);
    final byte[] magic = new byte[8];
    b.get(magic);
    if (!Arrays.equals(magic, MAGIC) || b.getShort() != 1) {
      throw new StoreException(StoreError.CORRUPT, "high-water file has a bad magic or version");
    }
    final byte[] root = new byte[32];
    b.get(root);
    if (!Hash32.of(root).equals(gvr)) {
      throw new StoreException(StoreError.WRONG_NETWORK, "high-water file belongs to genesis validators root "
          + Hash32.of(root));
    }
    final long slot = b.getLong();
    if (slot < 0) {
      throw new StoreException(StoreError.CORRUPT, "high-water slot out of range");
    }
    return slot;
  }
}
