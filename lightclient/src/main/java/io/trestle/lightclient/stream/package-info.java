/**
 * The verified, gap-free message stream a relayer runs: for every execution block between a cursor and the
 * light client's finalized head, in order, the block is linked to the finalized block by re-hashed headers
 * (parent-hash chain), its whole receipts trie is rebuilt from {@code eth_getBlockReceipts} and compared with the
 * verified receipts root, and every log matching a {@link io.trestle.lightclient.stream.LogFilter} is emitted as
 * a {@link io.trestle.lightclient.stream.StreamMessage}. Because the whole trie is rebuilt, the data source can
 * neither omit nor invent a matching log. The cursor is persisted atomically next to the light-client store
 * ({@link io.trestle.lightclient.stream.MessageStream.Builder#cursorIn}); delivery is at-least-once with stable message ids.
 *
 * <p>Trusted: the {@link io.trestle.lightclient.ExecutionAnchor} of the light client's finalized header (itself
 * verified) and the chain id. Untrusted: everything the {@link io.trestle.lightclient.source.ExecutionSource}
 * returns.
 */
package io.trestle.lightclient.stream;
