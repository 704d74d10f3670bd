package io.trestle.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * SHA-256 through the JDK's provider (which the HotSpot JIT replaces with SHA-NI/AVX intrinsics where
 * the CPU has them). One {@link MessageDigest} per thread; stateless and thread-safe for callers.
 */
public final class Sha256 {
  private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Sha256::newDigest);

  private Sha256() {}

  /** SHA-256 of all of {@code input}. */
  public static Hash32 hash(final byte[] input) {
    return Hash32.wrapOwned(digest(input, 0, input.length));
  }

  /** SHA-256 of a slice, as a fresh 32-byte array. */
  public static byte[] digest(final byte[] input, final int offset, final int length) {
    Objects.checkFromIndexSize(offset, length, input.length);
    final MessageDigest md = DIGEST.get();
    md.update(input, offset, length);
    return md.digest();
  }

  /** SHA-256 of the 64-byte concatenation {@code left || right} (SSZ merkleization). */
  public static Hash32 hashPair(final Hash32 left, final Hash32 right) {
    final byte[] buf = new byte[64];
    left.copyTo(buf, 0);
    right.copyTo(buf, 32);
    return Hash32.wrapOwned(digest(buf, 0, 64));
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
