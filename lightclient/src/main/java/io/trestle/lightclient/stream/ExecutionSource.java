package io.trestle.lightclient.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.source.BlockId;
import io.trestle.lightclient.source.ExecutionRpcClient;
import java.util.Objects;

/**
 * The execution data a {@link MessageStream} needs, as raw JSON-RPC results. Every answer is untrusted: the
 * stream re-hashes headers and rebuilds receipts tries against roots it verified itself. Implementations throw
 * {@link io.trestle.lightclient.source.SourceException} when the data cannot be obtained (transport, JSON-RPC
 * error, {@code null} result); what they return is never believed.
 */
public interface ExecutionSource {
  /** {@code eth_getBlockByNumber(n, false)}: a block object with header fields (transaction hashes only). */
  JsonNode blockByNumber(long number);

  /** {@code eth_getBlockByHash(hash, false)}. */
  JsonNode blockByHash(Hash32 hash);

  /** {@code eth_getBlockReceipts(blockHash)}: the receipts array of that block. */
  JsonNode blockReceipts(Hash32 blockHash);

  /** {@code eth_getBlockByHash(hash, true)}: with full transaction objects (for binding a transaction hash). */
  default JsonNode blockByHashFull(final Hash32 hash) {
    throw io.trestle.lightclient.source.SourceException.general(io.trestle.lightclient.source.SourceError.UNSUPPORTED,
        label() + " does not serve full blocks");
  }

  /** {@code eth_getTransactionReceipt(txHash)}: where the source claims the transaction is (untrusted). */
  default JsonNode transactionReceipt(final Hash32 txHash) {
    throw io.trestle.lightclient.source.SourceException.general(io.trestle.lightclient.source.SourceError.UNSUPPORTED,
        label() + " does not serve transaction receipts");
  }

  /** A short name for logs and per-endpoint metrics. */
  default String label() {
    return getClass().getSimpleName();
  }

  /** The JSON-RPC client as a source (its endpoints, limits, retries and fail-over). */
  static ExecutionSource rpc(final ExecutionRpcClient client) {
    Objects.requireNonNull(client, "client");
    return new ExecutionSource() {
      @Override
      public JsonNode blockByNumber(final long number) {
        return client.getBlockByNumber(BlockId.number(number), false);
      }

      @Override
      public JsonNode blockByHash(final Hash32 hash) {
        return client.getBlockByHash(hash, false);
      }

      @Override
      public JsonNode blockReceipts(final Hash32 blockHash) {
        return client.getBlockReceipts(BlockId.hash(blockHash));
      }

      @Override
      public JsonNode blockByHashFull(final Hash32 hash) {
        return client.getBlockByHash(hash, true);
      }

      @Override
      public JsonNode transactionReceipt(final Hash32 txHash) {
        return client.getTransactionReceipt(txHash);
      }

      @Override
      public String label() {
        return client.preferredEndpoint().label();
      }
    };
  }
}
