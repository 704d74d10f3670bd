package io.trestle.lightclient.source;

import io.trestle.crypto.Hash32;
import java.util.Objects;
import java.util.Set;

/**
 * A JSON-RPC block parameter: a number, a tag ({@code latest}, {@code safe}, {@code finalized}, {@code earliest},
 * {@code pending}) or a block hash. Naming a block asks a server for data; it does not make the answer
 * trusted — the caller binds it to a verified header.
 */
public sealed interface BlockId permits BlockId.Number, BlockId.Tag, BlockId.Hash {
  /** The parameter as JSON-RPC text: {@code 0x}-minimal hex number, tag name, or 32-byte hash. */
  String param();

  /** A block number (unsigned). */
  static BlockId number(final long n) {
    return new Number(n);
  }

  /** A block hash. */
  static BlockId hash(final Hash32 h) {
    return new Hash(h);
  }

  /** The {@code latest} tag. */
  static BlockId latest() {
    return new Tag("latest");
  }

  /** The {@code finalized} tag. */
  static BlockId finalized() {
    return new Tag("finalized");
  }

  /** The {@code safe} tag. */
  static BlockId safe() {
    return new Tag("safe");
  }

  /**
   * A block number.
   *
   * @param number the number (unsigned)
   */
  record Number(long number) implements BlockId {
    @Override
    public String param() {
      return "0x" + Long.toHexString(number);
    }
  }

  /**
   * A block tag.
   *
   * @param tag one of latest, safe, finalized, earliest, pending
   */
  record Tag(String tag) implements BlockId {
    private static final Set<String> TAGS = Set.of("latest", "safe", "finalized", "earliest", "pending");

    /** Validates the tag. */
    public Tag {
      if (!TAGS.contains(tag)) {
        throw new IllegalArgumentException("unknown block tag '" + tag + "'");
      }
    }

    @Override
    public String param() {
      return tag;
    }
  }

  /**
   * A block hash.
   *
   * @param hash the hash
   */
  record Hash(Hash32 hash) implements BlockId {
    /** Non-null. */
    public Hash {
      Objects.requireNonNull(hash, "hash");
    }

    @Override
    public String param() {
      return hash.toHex();
    }
  }
}
