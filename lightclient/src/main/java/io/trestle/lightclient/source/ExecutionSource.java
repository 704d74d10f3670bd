package io.trestle.lightclient.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Address;
import io.trestle.crypto.Hash32;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import io.trestle.lightclient.source.SourceException.SourceError;

/**
 * Where execution-layer data comes from: the few JSON-RPC calls the verification flow needs, returning the raw
 * {@code result} member. {@link ExecutionRpcClient} is the HTTP implementation; a relayer may plug in its own
 * transport, a cache or recorded data. The one execution seam of the library: the relayer's flow ({@link
 * io.trestle.lightclient.ExecutionVerifier}), the verified message stream ({@link
 * io.trestle.lightclient.stream.MessageStream}) and the Kafka request verifier all read through it.
 *
 * <p>Trust contract: nothing returned is trusted. Every block, receipt and proof is checked against a header the
 * light client verified ({@link io.trestle.lightclient.ExecutionVerifier}). An implementation reports a failure
 * to obtain data by throwing {@link SourceException} (a {@code null} result is {@link SourceError#NOT_FOUND});
 * any other exception is treated as a bug. Implementations used from several threads must be thread-safe.
 */
public interface ExecutionSource {
  /**
   * Checks that the source serves the chain {@code expected} ({@code eth_chainId}); {@link SourceError#WRONG_NETWORK}
   * otherwise. This catches misconfiguration, not a lying source.
   *
   * @return the chain id ({@code expected})
   */
  long checkChainId(long expected);

  /** {@code eth_getTransactionReceipt(hash)}: used only to locate the transaction (block and index). */
  JsonNode getTransactionReceipt(Hash32 txHash);

  /** {@code eth_getBlockByNumber(number, fullTransactions)}; a hash id is refused. */
  JsonNode getBlockByNumber(BlockId block, boolean fullTransactions);

  /** {@code eth_getBlockByHash(hash, fullTransactions)}. */
  JsonNode getBlockByHash(Hash32 hash, boolean fullTransactions);

  /** {@code eth_getBlockReceipts(block)}: every receipt of the block. */
  JsonNode getBlockReceipts(BlockId block);

  /** {@code eth_getProof(address, storageKeys, block)}. */
  JsonNode getProof(Address address, List<Hash32> slots, BlockId block);

  /** A short name for logs and per-endpoint metrics (never a credential). */
  default String label() {
    return getClass().getSimpleName();
  }

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
}
