package io.trestle.lightclient.stream;

import io.trestle.lightclient.internal.stream.BlockReceipts;
import io.trestle.lightclient.internal.stream.BlockTransactions;
import io.trestle.lightclient.internal.stream.CursorFile;
import io.trestle.lightclient.store.StoreFile.StoreFailure;
import io.trestle.lightclient.source.ExecutionSource.BlockId;
import io.trestle.lightclient.source.ExecutionSource;
import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.ExecutionAnchor;
import io.trestle.lightclient.Finality;
import io.trestle.lightclient.VerifiedMessage;
import io.trestle.lightclient.source.SourceException;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import io.trestle.proofs.VerificationException;
import io.trestle.proofs.execution.ExecutionHeader;
import io.trestle.proofs.execution.Log;
import io.trestle.proofs.execution.BlockReceiptList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verified, gap-free message stream: {@link #advanceTo} takes the light client's finalized execution anchor
 * and, for every block after the cursor up to it, in order,
 * <ol>
 *   <li>links the block to the finalized block: headers are fetched as JSON, re-hashed ({@code keccak(rlp)}),
 *       and chained by parent hash from the verified finalized block hash down to the cursor's block (works when
 *       the anchor carries only a block hash, as after Gloas);</li>
 *   <li>fetches the block's receipts ({@code eth_getBlockReceipts}), rebuilds the whole receipts trie and requires
 *       its root to equal the linked header's receipts root;</li>
 *   <li>hands every log matching the {@link LogFilter} to the {@link MessageSink}, in (tx, log) order, and
 *       persists the cursor after each acknowledgement.</li>
 * </ol>
 *
 * <p><b>Completeness.</b> The receipts trie commits to every receipt and log of the block, in order; rebuilding
 * the whole trie against the verified root means the source can neither omit nor add nor reorder a log, so every
 * matching log of every block in the range is emitted exactly at its position. A source that lies stops the pass
 * with {@link PassResult.Rejected} naming the block and reason; the cursor stays before that block.
 *
 * <p><b>Persistence.</b> With {@link Builder#cursorIn(java.nio.file.Path)} the {@link Cursor} is saved in the
 * light-client store directory after every acknowledgement (a short checksummed text file, written to a temporary
 * file, {@code fsync}ed and renamed atomically; a process killed at any moment leaves the old or the new cursor)
 * and resumed from at {@link Builder#build()}. A saved cursor is verified on load (checksum, format, chain id and
 * filter id); one that cannot be trusted is a {@link CursorException}, never silently replaced.
 *
 * <p><b>Bounded memory.</b> The backward link walk keeps one block hash per {@code segment} blocks and the headers
 * of one segment; blocks are then verified segment by segment (later segments' headers are fetched again and must
 * chain to the remembered hashes). One block's receipts are held at a time.
 *
 * <p>Trusted: the finalized {@link ExecutionAnchor} and the chain id. Untrusted: everything the {@link ExecutionSource}
 * returns, and the saved cursor (re-linked to the finalized chain on every pass). Not thread-safe for concurrent passes
 * ({@link #advanceTo} is {@code synchronized}); the sink is called on the calling thread.
 */
public final class MessageStream {
  private static final Logger LOG = LoggerFactory.getLogger(MessageStream.class);
  /** Default blocks per verification segment. */
  public static final int DEFAULT_SEGMENT = 256;

  private final ExecutionSource source;
  private final LogFilter filter;
  private final long chainId;
  private final MessageSink sink;
  private final Optional<CursorFile> cursorFile;
  private final OptionalLong startBlock;
  private final long endBlock;
  private final Consumer<StreamEvent> listener;
  private final StreamMetrics metrics;
  private final int segment;
  private final long progressNanos;
  private final CrashPoint crash;
  private final int saveEveryBlocks;
  private final Optional<Hash32> onlyTx;
  private Optional<Cursor> cursor;

  /** Test hook: called at the points where a crash matters (never set in production). */
  interface CrashPoint {
    CrashPoint NONE = where -> { };

    void reached(String where);
  }

  private MessageStream(final Builder b) {
    this.source = Objects.requireNonNull(b.source, "source");
    this.filter = Objects.requireNonNull(b.filter, "filter");
    this.chainId = b.chainId;
    this.sink = Objects.requireNonNull(b.sink, "sink");
    this.cursorFile = b.cursorDir.map(dir -> CursorFile.in(dir, b.chainId, b.filter));
    this.startBlock = b.startBlock;
    this.endBlock = b.endBlock;
    this.listener = b.listener;
    this.metrics = b.metrics;
    this.segment = b.segment;
    this.progressNanos = b.progressMillis * 1_000_000L;
    this.crash = b.crash;
    this.saveEveryBlocks = b.saveEveryBlocks;
    this.onlyTx = b.onlyTx;
    this.cursor = cursorFile.isPresent() ? cursorFile.get().load() : Optional.empty();
  }

  /** A builder: source, filter, chain id and sink are required. */
  public static Builder builder(final ExecutionSource source, final LogFilter filter, final long chainId,
      final MessageSink sink) {
    return new Builder(source, filter, chainId, sink);
  }

  /** Builder. */
  public static final class Builder {
    private final ExecutionSource source;
    private final LogFilter filter;
    private final long chainId;
    private final MessageSink sink;
    private Optional<java.nio.file.Path> cursorDir = Optional.empty();
    private OptionalLong startBlock = OptionalLong.empty();
    private long endBlock = Long.MAX_VALUE;
    private Consumer<StreamEvent> listener = e -> { };
    private StreamMetrics metrics = StreamMetrics.NONE;
    private int segment = DEFAULT_SEGMENT;
    private long progressMillis = 5000;
    private CrashPoint crash = CrashPoint.NONE;
    private int saveEveryBlocks = 1024;
    private Optional<Hash32> onlyTx = Optional.empty();

    private Builder(final ExecutionSource source, final LogFilter filter, final long chainId, final MessageSink sink) {
      this.source = source;
      this.filter = filter;
      this.chainId = chainId;
      this.sink = sink;
    }

    /**
     * Persist the cursor in {@code storeDir} (the light-client store directory: {@code stream-<filter id
     * prefix>.cursor}) and resume from it. {@link #build()} throws {@link CursorException} if a saved cursor cannot
     * be trusted (damaged, or of another chain or filter).
     */
    public Builder cursorIn(final java.nio.file.Path storeDir) {
      this.cursorDir = Optional.of(Objects.requireNonNull(storeDir, "storeDir"));
      return this;
    }

    /** With no saved cursor, start at this block (inclusive); default: the finalized block of the first pass. */
    public Builder startBlock(final long n) {
      if (n < 0) {
        throw new IllegalArgumentException("negative start block");
      }
      this.startBlock = OptionalLong.of(n);
      return this;
    }

    /**
     * Stop after this block (inclusive): blocks after it up to the finalized block are only linked (their headers
     * re-hashed), not processed. For verifying a bounded range, as a verification worker does.
     */
    public Builder endBlock(final long n) {
      this.endBlock = n;
      return this;
    }

    /** Progress events, called on the stream's thread (must not block for long; an exception is logged). */
    public Builder listener(final Consumer<StreamEvent> l) {
      this.listener = Objects.requireNonNull(l);
      return this;
    }

    /** Metrics. */
    public Builder metrics(final StreamMetrics m) {
      this.metrics = Objects.requireNonNull(m);
      return this;
    }

    /** Blocks per verification segment (memory: one header per block of a segment). */
    public Builder segment(final int blocks) {
      if (blocks < 1 || blocks > ExecutionAnchor.MAX_ANCESTRY) {
        throw new IllegalArgumentException("segment must be 1.." + ExecutionAnchor.MAX_ANCESTRY);
      }
      this.segment = blocks;
      return this;
    }

    /** Minimum interval between PROGRESS events. */
    public Builder progressEvery(final java.time.Duration d) {
      this.progressMillis = d.toMillis();
      return this;
    }

    /** Also persist the cursor every this many blocks without messages (a restart then re-verifies fewer). */
    public Builder saveEveryBlocks(final int n) {
      if (n < 1) {
        throw new IllegalArgumentException("saveEveryBlocks must be positive");
      }
      this.saveEveryBlocks = n;
      return this;
    }

    /**
     * Only the logs of transaction {@code txHash}, which the caller was told is in block {@code blockNumber}
     * (untrusted): the stream processes that one block (it sets the start and end block), fetches its full
     * transaction list by the linked, verified block hash, requires it to rebuild the verified transactions root,
     * and binds the hash to its index there. If the transaction is not in that block of the finalized chain the pass
     * is {@link PassResult.Rejected} ({@code INPUT_MALFORMED}); a served block that is another one is {@code
     * BLOCK_HASH_MISMATCH}, transactions that do not rebuild the root {@code TRANSACTIONS_ROOT_MISMATCH}. For
     * one-shot verification of a transaction's messages, as a verification worker does.
     */
    public Builder transaction(final long blockNumber, final Hash32 txHash) {
      startBlock(blockNumber);
      this.endBlock = blockNumber;
      this.onlyTx = Optional.of(Objects.requireNonNull(txHash, "txHash"));
      return this;
    }

    Builder crashPoint(final CrashPoint c) {
      this.crash = c;
      return this;
    }

    /** The stream (loads the saved cursor: {@link CursorException} if it cannot be trusted or read). */
    public MessageStream build() {
      return new MessageStream(this);
    }
  }

  /** The cursor (last acknowledged position); empty before the first block. */
  public synchronized Optional<Cursor> cursor() {
    return cursor;
  }

  /** The filter. */
  public LogFilter filter() {
    return filter;
  }

  /** The chain id messages are stamped with. */
  public long chainId() {
    return chainId;
  }

  /**
   * Verifies and emits every block after the cursor up to the anchor's block. The anchor must be FINALIZED.
   * Returns how the pass ended; never throws on bad source data. Throws {@link CursorException} only if the cursor
   * cannot be written (the pass stops there; what was acknowledged before is re-emitted after a restart).
   */
  public synchronized PassResult advanceTo(final ExecutionAnchor finalized) {
    Objects.requireNonNull(finalized, "finalized");
    final Pass pass = new Pass(finalized);
    try {
      return pass.run();
    } catch (VerificationException e) {
      final PassResult.Rejected r = new PassResult.Rejected(cursor, e.reason(), pass.current, e.detail());
      metrics.rejected(r.reason());
      event(StreamEvent.Kind.REJECTED, "block " + r.blockNumber() + ": " + r.reason() + ": " + r.detail(), pass);
      return r;
    } catch (SourceException e) {
      metrics.endpointError(e.endpoint().map(ep -> ep.label()).orElse(source.label()));
      event(StreamEvent.Kind.SOURCE_ERROR, "block " + pass.current + ": " + e.getMessage(), pass);
      return new PassResult.SourceFailed(cursor, e);
    } catch (SinkException e) {
      event(StreamEvent.Kind.SINK_ERROR, "sink refused a message of block " + pass.current + ": " + e.getMessage(),
          pass);
      return new PassResult.SinkFailed(cursor, e.getMessage());
    }
  }

  private static final class SinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SinkException(final Exception cause) {
      super(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    }
  }

  private void event(final StreamEvent.Kind kind, final String message, final Pass p) {
    final double secs = (System.nanoTime() - p.started) / 1e9;
    final long lag = p.headNumber - cursor.map(Cursor::blockNumber).orElse(p.from - 1);
    final StreamEvent e = new StreamEvent(kind, message, p.from, p.headNumber, p.done, secs > 0 ? p.done / secs : 0,
        Math.max(0, lag), p.messages);
    try {
      listener.accept(e);
    } catch (RuntimeException ex) {
      LOG.warn("stream listener failed on {}", kind, ex);
    }
  }

  private final class Pass {
    final ExecutionAnchor anchor;
    final long started = System.nanoTime();
    long from;
    long headNumber;
    long current;
    long done;
    long messages;
    long lastProgress = System.nanoTime();
    long sinceSave;

    Pass(final ExecutionAnchor anchor) {
      this.anchor = anchor;
    }

    PassResult run() {
      if (anchor.finality() != Finality.FINALIZED) {
        throw new VerificationException(Reason.NOT_FINALIZED, "the stream follows finalized blocks only");
      }
      // 1. The finalized block: re-hash its JSON-RPC header against the verified hash (hash-only anchors too).
      current = anchor.blockNumber();
      final ExecutionHeader head = header(source.getBlockByHash(anchor.blockHash(), false), "finalized block");
      if (!head.hash().equals(anchor.blockHash())) {
        throw new VerificationException(Reason.EXECUTION_HEADER_MISMATCH, "the finalized block's header hashes to "
            + head.hash() + ", the light client verified " + anchor.blockHash());
      }
      if (anchor.receiptsRoot().isPresent()) {
        final ProofResult<ExecutionAnchor> bound = anchor.withHeader(Bytes.of(head.encode()));
        if (bound instanceof ProofResult.Rejected<ExecutionAnchor> r) {
          throw new VerificationException(r.reason(), r.detail());
        }
      }
      headNumber = head.number();
      current = headNumber;
      // 2. Where to start.
      final Optional<Hash32> expectParent;
      final Optional<Hash32> expectSelf;
      if (cursor.isPresent()) {
        final Cursor c = cursor.get();
        from = c.complete() ? c.blockNumber() + 1 : c.blockNumber();
        expectParent = c.complete() ? Optional.of(c.blockHash()) : Optional.empty();
        expectSelf = c.complete() ? Optional.empty() : Optional.of(c.blockHash());
      } else {
        from = startBlock.orElse(headNumber);
        expectParent = Optional.empty();
        expectSelf = Optional.empty();
      }
      if (from > Math.min(headNumber, endBlock)) {
        metrics.lagBlocks(0);
        return new PassResult.CaughtUp(cursor, 0, 0);
      }
      event(StreamEvent.Kind.PASS_STARTED, "verifying blocks " + from + ".." + headNumber + " (finalized block "
          + headNumber + " " + anchor.blockHash() + ", beacon slot " + anchor.beaconSlot() + ")", this);
      // 3. Walk back from the finalized block, remembering one hash per segment and the lowest segment's headers.
      final List<long[]> boundaryNumbers = new ArrayList<>(); // descending numbers (as long[1])
      final List<Hash32> boundaryHashes = new ArrayList<>();
      final Deque<ExecutionHeader> lowest = new ArrayDeque<>();
      ExecutionHeader cur = head;
      long linked = 0;
      while (true) {
        current = cur.number();
        if ((headNumber - cur.number()) % segment == 0) {
          boundaryNumbers.add(new long[] {cur.number()});
          boundaryHashes.add(cur.hash());
          lowest.clear();
        }
        lowest.addFirst(cur);
        linked++;
        if (cur.number() == from) {
          break;
        }
        final long n = cur.number() - 1;
        current = n;
        final ExecutionHeader parent = header(source.getBlockByNumber(BlockId.number(n), false), "block " + n);
        link(parent, cur.parentHash(), n, "linking back from the finalized block " + headNumber);
        cur = parent;
        if (System.nanoTime() - lastProgress > progressNanos) {
          lastProgress = System.nanoTime();
          event(StreamEvent.Kind.LINKING, "linked " + linked + " of " + (headNumber - from + 1) + " headers", this);
        }
      }
      if (expectParent.isPresent() && !cur.parentHash().equals(expectParent.get())) {
        throw new VerificationException(Reason.ANCESTRY_INVALID, "block " + from + " does not descend from the"
            + " cursor's block " + (from - 1) + " " + expectParent.get() + " (its parent hash is " + cur.parentHash()
            + "): the saved cursor is not on the finalized chain");
      }
      if (expectSelf.isPresent() && !cur.hash().equals(expectSelf.get())) {
        throw new VerificationException(Reason.ANCESTRY_INVALID, "block " + from + " of the finalized chain is "
            + cur.hash() + ", the saved cursor names " + expectSelf.get());
      }
      // 4. Forward: the lowest segment, then each later segment re-fetched and chained to its remembered hash.
      Hash32 lastHash = null;
      for (final ExecutionHeader h : lowest) {
        if (h.number() > endBlock) {
          break;
        }
        block(h);
        lastHash = h.hash();
      }
      for (int i = boundaryNumbers.size() - 2; i >= 0 && boundaryNumbers.get(i + 1)[0] < endBlock; i--) {
        final long a = boundaryNumbers.get(i + 1)[0];
        final long b = boundaryNumbers.get(i)[0];
        final List<ExecutionHeader> seg = new ArrayList<>((int) (b - a));
        Hash32 parent = lastHash;
        for (long n = a + 1; n <= b; n++) {
          current = n;
          final ExecutionHeader h = header(source.getBlockByNumber(BlockId.number(n), false), "block " + n);
          if (!h.parentHash().equals(parent) || h.number() != n) {
            throw new VerificationException(Reason.ANCESTRY_INVALID, "block " + n + " (" + h.hash() + ") does not"
                + " link to the verified block " + (n - 1) + " " + parent + " (its parent hash is " + h.parentHash()
                + "): a block from another branch or an altered header");
          }
          parent = h.hash();
          seg.add(h);
        }
        if (!parent.equals(boundaryHashes.get(i))) {
          throw new VerificationException(Reason.ANCESTRY_INVALID, "block " + b + " is " + parent + " on this"
              + " fetch but " + boundaryHashes.get(i) + " when linked back from the finalized block: the source"
              + " serves another branch");
        }
        for (final ExecutionHeader h : seg) {
          if (h.number() > endBlock) {
            break;
          }
          block(h);
        }
        lastHash = parent;
      }
      saveCursor();
      metrics.lagBlocks(0);
      event(StreamEvent.Kind.CAUGHT_UP, "caught up with finalized block " + Math.min(headNumber, endBlock) + ": " + done + " block(s), "
          + messages + " message(s)", this);
      return new PassResult.CaughtUp(cursor, done, messages);
    }

    /** Verifies one linked block's receipts and emits its matching logs. */
    private void block(final ExecutionHeader h) {
      current = h.number();
      final Hash32 hash = h.hash();
      final int txOnly = onlyTx.isPresent()
          ? BlockTransactions.indexOf(h, source.getBlockByHash(hash, true), onlyTx.get()) : -1;
      final BlockReceiptList receipts = BlockReceipts.check(h, source.getBlockReceipts(BlockId.hash(hash)));
      final Optional<Cursor> resumeIn = cursor.filter(c -> !c.complete() && c.blockNumber() == h.number());
      long blockLog = 0;
      for (int tx = 0; tx < receipts.size(); tx++) {
        final List<Log> logs = receipts.logs(tx);
        for (int li = 0; li < logs.size(); li++, blockLog++) {
          final Log log = logs.get(li);
          if (!filter.matches(log) || txOnly >= 0 && tx != txOnly) {
            continue;
          }
          if (resumeIn.isPresent() && !resumeIn.get().isAfter(tx, li)) {
            continue; // acknowledged before a restart
          }
          final StreamMessage m = new StreamMessage(io.trestle.lightclient.internal.Trusted.messages().message(chainId, Finality.FINALIZED,
              anchor.beaconSlot(), h.number(), hash, tx, li, log.address(), log.topics(), log.data(), receipts.status(tx)),
              blockLog);
          crash.reached("before-sink");
          try {
            sink.accept(m);
          } catch (Exception e) {
            throw new SinkException(e);
          }
          crash.reached("after-sink");
          messages++;
          metrics.messageEmitted();
          cursor = Optional.of(Cursor.partial(h.number(), hash, tx, li));
          saveCursor();
          crash.reached("after-cursor");
        }
      }
      cursor = Optional.of(Cursor.complete(h.number(), hash));
      done++;
      metrics.blockVerified();
      metrics.lagBlocks(headNumber - h.number());
      if (++sinceSave >= saveEveryBlocks) {
        saveCursor();
      }
      crash.reached("block-end");
      if (System.nanoTime() - lastProgress > progressNanos) {
        lastProgress = System.nanoTime();
        event(StreamEvent.Kind.PROGRESS, "block " + h.number() + " of " + headNumber, this);
      }
    }

    private void saveCursor() {
      sinceSave = 0;
      if (cursorFile.isPresent() && cursor.isPresent()) {
        cursorFile.get().save(cursor.get());
      }
    }
  }

  private static ExecutionHeader header(final JsonNode block, final String what) {
    try {
      return ExecutionHeader.fromJsonUnchecked(block);
    } catch (VerificationException e) {
      throw e.withContext(what);
    }
  }

  private static void link(final ExecutionHeader h, final Hash32 expected, final long n, final String what) {
    final Hash32 got = h.hash();
    if (!got.equals(expected)) {
      throw new VerificationException(Reason.ANCESTRY_INVALID, "block " + n + " served hashes to " + got
          + " but its child names parent " + expected + " (" + what + "): a block from another branch or an"
          + " altered header");
    }
    if (h.number() != n) {
      throw new VerificationException(Reason.ANCESTRY_INVALID, "block " + n + " served has number " + h.number());
    }
  }

  /**
   * How far a stream got: either block {@link #blockNumber()} is complete (every matching log acknowledged), or it
   * is partly done and the last acknowledged message is ({@link #txIndex()}, {@link #logIndex()}) in it. The block
   * hash ties the cursor to the verified chain: on resume the next block's parent (or the partial block itself)
   * must hash to it. Not trusted by itself: a stream re-links it to the finalized chain on every pass.
   *
   * @param blockNumber execution block number
   * @param blockHash its hash
   * @param complete true if the whole block was processed
   * @param txIndex for a partial block, the last acknowledged message's transaction index (else -1)
   * @param logIndex for a partial block, its log index in the receipt (else -1)
   */
  public record Cursor(long blockNumber, Hash32 blockHash, boolean complete, long txIndex, int logIndex) {
    /** Checks consistency. */
    public Cursor {
      Objects.requireNonNull(blockHash, "blockHash");
      if (blockNumber < 0) {
        throw new IllegalArgumentException("negative block number");
      }
      if (complete ? txIndex != -1 || logIndex != -1 : txIndex < 0 || logIndex < 0) {
        throw new IllegalArgumentException("a complete cursor has no position; a partial one needs one");
      }
    }

    /** Block done. */
    public static Cursor complete(final long blockNumber, final Hash32 blockHash) {
      return new Cursor(blockNumber, blockHash, true, -1, -1);
    }

    /** Block partly done, last acknowledged message at (tx, log). */
    public static Cursor partial(final long blockNumber, final Hash32 blockHash, final long txIndex,
        final int logIndex) {
      return new Cursor(blockNumber, blockHash, false, txIndex, logIndex);
    }

    /** True if (tx, log) in this cursor's block comes after the acknowledged position. */
    boolean isAfter(final long tx, final int log) {
      return !complete && (tx > txIndex || tx == txIndex && log > logIndex);
    }

    @Override
    public String toString() {
      return complete ? "block " + blockNumber + " done" : "block " + blockNumber + " up to tx " + txIndex + " log "
          + logIndex;
    }
  }

  /**
   * How an {@link #advanceTo} pass ended, in the library's outcome vocabulary: {@link CaughtUp} (everything up to
   * the finalized block verified and acknowledged), {@link Rejected} (data failed verification: a stable {@link
   * Reason}, the block and what was wrong), or no verdict for now: {@link SourceFailed} (retry; the typed source
   * failure says whether retrying may help) or {@link SinkFailed} (the sink did not take a message; it is emitted
   * again next pass). Every variant carries the cursor after the pass (what was acknowledged and persisted).
   */
  public sealed interface PassResult permits PassResult.CaughtUp, PassResult.Rejected, PassResult.SourceFailed,
      PassResult.SinkFailed {

    /** The cursor after the pass; empty if nothing was ever processed. */
    Optional<Cursor> cursor();

    /** Every block up to the finalized block was verified and its messages acknowledged. */
    record CaughtUp(Optional<Cursor> cursor, long blocks, long messages) implements PassResult {
      /** Non-null. */
      public CaughtUp {
        Objects.requireNonNull(cursor, "cursor");
      }
    }

    /**
     * Data failed verification at block {@code blockNumber}; the cursor does not move past it, so nothing after it
     * is emitted until a source serves data that verifies. Typical reasons: {@code ANCESTRY_INVALID} (a block that
     * does not link to the finalized block: another branch, a skipped or altered block), {@code
     * EXECUTION_HEADER_MISMATCH} (the finalized block's header does not re-hash to the verified hash), {@code
     * RECEIPTS_ROOT_MISMATCH} (a receipt dropped, added or reordered, a log dropped or altered together with its
     * bloom), {@code RECEIPT_MALFORMED} (a log dropped without fixing the bloom, a receipt of another block),
     * {@code INPUT_MALFORMED}.
     *
     * @param cursor the cursor after the pass
     * @param reason the stable reason code
     * @param blockNumber the block being verified
     * @param detail what was wrong
     */
    record Rejected(Optional<Cursor> cursor, Reason reason, long blockNumber, String detail) implements PassResult {
      /** Non-null. */
      public Rejected {
        Objects.requireNonNull(cursor, "cursor");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
      }
    }

    /** The source could not deliver (transport, JSON-RPC error, missing data): no verdict, retry later. */
    record SourceFailed(Optional<Cursor> cursor, SourceException error) implements PassResult {
      /** Non-null. */
      public SourceFailed {
        Objects.requireNonNull(cursor, "cursor");
        Objects.requireNonNull(error, "error");
      }
    }

    /** The sink threw; the failed message is re-emitted (same id) next pass. */
    record SinkFailed(Optional<Cursor> cursor, String detail) implements PassResult {
      /** Non-null. */
      public SinkFailed {
        Objects.requireNonNull(cursor, "cursor");
        Objects.requireNonNull(detail, "detail");
      }
    }
  }

  /** A saved cursor that cannot be read, trusted or written; {@link #failure()} says which and why. */
  public static final class CursorException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient StoreFailure failure;

    /** Wraps a failure. */
    public CursorException(final StoreFailure failure) {
      super(Objects.requireNonNull(failure, "failure").kind() + ": " + failure.detail());
      this.failure = failure;
    }

    /** What went wrong. */
    public StoreFailure failure() {
      return failure;
    }
  }
}
