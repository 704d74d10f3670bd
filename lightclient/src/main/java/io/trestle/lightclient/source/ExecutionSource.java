package io.trestle.lightclient.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Address;
import io.trestle.crypto.Hash32;
import java.util.List;

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
}
