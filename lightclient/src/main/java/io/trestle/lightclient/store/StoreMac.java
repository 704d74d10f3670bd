package io.trestle.lightclient.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import io.trestle.lightclient.store.StoreFile.StoreError;

/**
 * The authentication layer of an authenticated store file: {@code "TRSTLMAC" ‖ tag(32) ‖ content}, where {@code
 * tag = HMAC-SHA256(key, "trestle-store-hmac-v1" ‖ 0x00 ‖ file name ‖ 0x00 ‖ content)}. The file name is in the
 * tag so one authenticated file cannot stand in for another ({@code store.bin} for {@code highwater}).
 * Thread-safe (a {@link Mac} per call).
 */
final class StoreMac {
  static final byte[] MAGIC = "TRSTLMAC".getBytes(StandardCharsets.US_ASCII);
  static final int TAG_BYTES = 32;
  private static final byte[] DOMAIN = "trestle-store-hmac-v1".getBytes(StandardCharsets.US_ASCII);

  private final byte[] key;

  StoreMac(final byte[] key) {
    this.key = key.clone();
  }

  byte[] seal(final String name, final byte[] content) {
    final byte[] out = new byte[MAGIC.length + TAG_BYTES + content.length];
    System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
    System.arraycopy(tag(name, content), 0, out, MAGIC.length, TAG_BYTES);
    System.arraycopy(content, 0, out, MAGIC.length + TAG_BYTES, content.length);
    return out;
  }

  /** The content of a sealed file; {@link StoreError#UNAUTHENTICATED} unless its tag verifies. */
  byte[] open(final String name, final byte[] file) {
    if (file.length < MAGIC.length + TAG_BYTES
        || !Arrays.equals(Arrays.copyOfRange(file, 0, MAGIC.length), MAGIC)) {
      throw new StoreException(StoreError.UNAUTHENTICATED, name + " carries no authentication tag");
    }
    final byte[] claimed = Arrays.copyOfRange(file, MAGIC.length, MAGIC.length + TAG_BYTES);
    final byte[] content = Arrays.copyOfRange(file, MAGIC.length + TAG_BYTES, file.length);
    if (!MessageDigest.isEqual(claimed, tag(name, content))) {
      throw new StoreException(StoreError.UNAUTHENTICATED, name + "'s authentication tag does not verify under"
          + " the store key");
    }
    return content;
  }

  private byte[] tag(final String name, final byte[] content) {
    try {
      final Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      m.update(DOMAIN);
      m.update((byte) 0);
      m.update(name.getBytes(StandardCharsets.UTF_8));
      m.update((byte) 0);
      m.update(content);
      return m.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
    }
  }
}
