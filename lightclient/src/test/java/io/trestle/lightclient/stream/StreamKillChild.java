package io.trestle.lightclient.stream;

import io.trestle.lightclient.source.ExecutionRpcClient;
import io.trestle.lightclient.stream.MessageStream.PassResult;
import java.nio.file.Path;
import java.util.List;

/**
 * The child process of {@link RandomKillTest}: the library stream over a loopback JSON-RPC server, messages appended
 * (fsynced) to a JSON-lines file, the cursor next to it, following a finalized head that moves {@link #STEP} blocks at
 * a time. Prints {@code ready} once the stream is built and {@code done} when it reached the last block.
 *
 * <p>Arguments: rpc URL, store directory, output file, chain seed, first block, block count, start block, end block.
 */
public final class StreamKillChild {
  static final long CHAIN_ID = 990_002;
  static final int STEP = 64;

  private StreamKillChild() {}

  public static void main(final String[] a) throws Exception {
    final TestChain chain = new TestChain(Long.parseLong(a[3]), Long.parseLong(a[4]), Integer.parseInt(a[5]));
    final long from = Long.parseLong(a[6]);
    final long to = Long.parseLong(a[7]);
    try (MessageSink sink = MessageSink.jsonLinesAppendingTo(Path.of(a[2]))) {
      final MessageStream s = MessageStream.builder(ExecutionRpcClient.of(List.of(a[0])), TestChain.FILTER, CHAIN_ID,
          sink).startBlock(from).cursorIn(Path.of(a[1])).build();
      System.out.println("ready " + s.cursor().map(Object::toString).orElse("none"));
      System.out.flush();
      final PassResult r = follow(s, chain, from, to);
      if (!(r instanceof PassResult.CaughtUp)) {
        System.out.println("failed " + r);
        System.out.flush();
        System.exit(3);
      }
    }
    System.out.println("done");
    System.out.flush();
    System.exit(0);
  }

  /** Advances to anchors from+STEP-1, from+2*STEP-1, ... up to {@code to} (a no-op below the cursor). */
  static PassResult follow(final MessageStream s, final TestChain chain, final long from, final long to) {
    PassResult r = null;
    for (long n = from + STEP - 1; ; n += STEP) {
      final long head = Math.min(n, to);
      r = s.advanceTo(chain.anchorAt(head));
      if (!(r instanceof PassResult.CaughtUp) || head == to) {
        return r;
      }
    }
  }
}
