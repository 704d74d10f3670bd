package io.trestle.cosmos.ibc;

import io.trestle.crypto.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ibc.core.commitment.v2.MerklePath}: the keys of a chained proof, outermost store first. For a
 * Cosmos SDK chain that is {@code [storeName, keyInStore]}, e.g. {@code ["ibc",
 * "commitments/ports/transfer/channels/channel-0/sequences/1"]}. Keys are raw bytes (IBC v2 keys are
 * binary); no URL escaping is applied.
 *
 * @param keys the keys, outermost (multistore) first; non-empty, each key non-empty
 */
public record MerklePath(List<Bytes> keys) {
  /** Copies and validates. */
  public MerklePath {
    keys = List.copyOf(keys);
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("a Merkle path needs at least one key");
    }
    for (final Bytes k : keys) {
      if (k.isEmpty()) {
        throw new IllegalArgumentException("empty key in Merkle path");
      }
    }
  }

  /** A path of UTF-8 keys. */
  public static MerklePath ofUtf8(final String... keys) {
    final List<Bytes> out = new ArrayList<>();
    for (final String k : keys) {
      out.add(Bytes.of(k.getBytes(StandardCharsets.UTF_8)));
    }
    return new MerklePath(out);
  }

  /**
   * {@code BuildMerklePath} (ibc-go v10): the counterparty's Merkle prefix with {@code key} appended
   * to its last element. With the SDK prefix {@code ["ibc", ""]} this gives {@code ["ibc", key]}.
   */
  public static MerklePath build(final List<Bytes> prefix, final Bytes key) {
    if (prefix.isEmpty()) {
      throw new IllegalArgumentException("cannot build a Merkle path with an empty prefix");
    }
    final List<Bytes> out = new ArrayList<>(prefix);
    final Bytes last = out.get(out.size() - 1);
    final byte[] joined = new byte[last.size() + key.size()];
    last.copyTo(joined, 0);
    key.copyTo(joined, last.size());
    out.set(out.size() - 1, Bytes.of(joined));
    return new MerklePath(out);
  }

  /** The SDK chain path {@code [storeName, key]}. */
  public static MerklePath inStore(final String storeName, final Bytes key) {
    return new MerklePath(List.of(Bytes.of(storeName.getBytes(StandardCharsets.UTF_8)), key));
  }

  @Override
  public String toString() {
    final StringBuilder sb = new StringBuilder();
    for (final Bytes k : keys) {
      sb.append('/').append(printable(k));
    }
    return sb.toString();
  }

  private static String printable(final Bytes k) {
    final byte[] b = k.toArray();
    for (final byte x : b) {
      if (x < 0x20 || x > 0x7e) {
        return "0x" + k.toHex();
      }
    }
    return new String(b, StandardCharsets.US_ASCII);
  }
}
