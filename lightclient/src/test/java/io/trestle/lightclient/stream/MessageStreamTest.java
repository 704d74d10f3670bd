package io.trestle.lightclient.stream;

import io.trestle.lightclient.stream.MessageStream.PassResult;
import io.trestle.lightclient.stream.MessageStream.Cursor;
import io.trestle.lightclient.source.ExecutionSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Keccak256;
import io.trestle.lightclient.TestAnchors;
import io.trestle.proofs.Reason;
import io.trestle.proofs.execution.ExecutionHeader;
import io.trestle.proofs.execution.Log;
import io.trestle.proofs.execution.Receipt;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageStreamTest {
  static final long CHAIN_ID = 990001;
  final TestChain chain = new TestChain(7, 1000, 120);

  private MessageStream stream(final ExecutionSource src, final List<StreamMessage> out, final int segment) {
    return MessageStream.builder(src, TestChain.FILTER, CHAIN_ID, out::add).startBlock(1001).segment(segment).build();
  }

  /** The id from the documented formula, assembled here independently of VerifiedMessage. */
  static Hash32 expectedId(final Hash32 blockHash, final long tx, final long log) {
    final byte[] b = new byte[56];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (CHAIN_ID >>> (56 - 8 * i));
      b[40 + i] = (byte) (tx >>> (56 - 8 * i));
      b[48 + i] = (byte) (log >>> (56 - 8 * i));
    }
    System.arraycopy(blockHash.toArray(), 0, b, 8, 32);
    return Keccak256.hash(b);
  }

  private void assertExactly(final List<TestChain.Placed> want, final List<StreamMessage> got) {
    assertEquals(want.size(), got.size(), "message count");
    for (int i = 0; i < want.size(); i++) {
      final TestChain.Placed p = want.get(i);
      final StreamMessage m = got.get(i);
      assertEquals(p.block(), m.message().blockNumber(), "block of message " + i);
      assertEquals(p.tx(), m.message().txIndex(), "tx of message " + i);
      assertEquals(p.log(), m.message().logIndex(), "log of message " + i);
      assertEquals(p.data(), m.message().data(), "data of message " + i);
      assertEquals(TestChain.BRIDGE, m.message().emitter());
      assertEquals(TestChain.SENT, m.message().topics().get(0));
      assertEquals(chain.header(p.block()).hash(), m.message().blockHash());
      assertEquals(expectedId(chain.header(p.block()).hash(), p.tx(), p.log()), m.id(), "id of message " + i);
    }
  }

  @Test
  void emitsEveryMatchingLogInOrderAcrossSegments() {
    final List<StreamMessage> out = new ArrayList<>();
    final TestChain.Source src = chain.new Source();
    final PassResult r = stream(src, out, 7).advanceTo(chain.anchorAt(1119));
    final PassResult.CaughtUp c = assertInstanceOf(PassResult.CaughtUp.class, r);
    assertEquals(119, c.blocks());
    assertTrue(chain.placedIn(1001, 1119).size() > 20, "the generated chain has bridge messages");
    assertExactly(chain.placedIn(1001, 1119), out);
    assertEquals(Cursor.complete(1119, chain.header(1119).hash()), c.cursor().orElseThrow());
  }

  @Test
  void blockLogIndexCountsEveryLogOfTheBlock() {
    final List<StreamMessage> out = new ArrayList<>();
    stream(chain.new Source(), out, 50).advanceTo(chain.anchorAt(1119));
    for (final StreamMessage m : out) {
      final List<Receipt> rs = chain.receipts.get((int) (m.blockNumber() - 1000));
      long expected = 0;
      for (int t = 0; t < m.message().txIndex(); t++) {
        expected += rs.get(t).logs().size();
      }
      assertEquals(expected + m.message().logIndex(), m.blockLogIndex());
    }
  }

  @Test
  void successivePassesLeaveNoGapAndNoDuplicate() {
    final List<StreamMessage> out = new ArrayList<>();
    final MessageStream s = stream(chain.new Source(), out, 16);
    for (final long head : new long[] {1010, 1010, 1043, 1044, 1100, 1119}) {
      assertInstanceOf(PassResult.CaughtUp.class, s.advanceTo(chain.anchorAt(head)));
    }
    assertExactly(chain.placedIn(1001, 1119), out);
  }

  @Test
  void boundedRangeStopsAtTheEndBlock() {
    for (final int segment : new int[] {4, 256}) {
      final List<StreamMessage> out = new ArrayList<>();
      final TestChain.Source src = chain.new Source();
      final PassResult r = MessageStream.builder(src, TestChain.FILTER, CHAIN_ID, out::add).startBlock(1030)
          .endBlock(1050).segment(segment).build().advanceTo(chain.anchorAt(1119));
      assertEquals(21, assertInstanceOf(PassResult.CaughtUp.class, r).blocks());
      assertEquals(21, src.receiptCalls, "receipts only for the range");
      assertExactly(chain.placedIn(1030, 1050), out);
    }
  }

  @Test
  void hashOnlyAnchorRehashesTheJsonHeader() {
    final List<StreamMessage> out = new ArrayList<>();
    assertInstanceOf(PassResult.CaughtUp.class, stream(chain.new Source(), out, 32).advanceTo(chain.hashOnlyAt(1119)));
    assertExactly(chain.placedIn(1001, 1119), out);
  }

  @Test
  void optimisticAnchorIsRefused() {
    final List<StreamMessage> out = new ArrayList<>();
    final PassResult r = stream(chain.new Source(), out, 32)
        .advanceTo(TestAnchors.optimistic(1, 1119, chain.header(1119).hash()));
    assertEquals(Reason.NOT_FINALIZED, assertInstanceOf(PassResult.Rejected.class, r).reason());
    assertTrue(out.isEmpty());
  }

  @Test
  void finalizedHeaderThatDoesNotRehashIsRefused() {
    final TestChain.Source src = chain.new Source();
    final ObjectNode forged = TestChain.blockJson(chain.header(1119));
    forged.put("gasUsed", "0x1"); // hash member left as the verified one
    src.replaceBlock.put(1119L, forged);
    final PassResult r = stream(src, new ArrayList<>(), 32).advanceTo(chain.anchorAt(1119));
    assertEquals(Reason.EXECUTION_HEADER_MISMATCH, assertInstanceOf(PassResult.Rejected.class, r).reason());
  }

  /** The block with the most bridge messages in the middle of the range. */
  private long busyBlock() {
    long best = -1;
    long count = 0;
    for (long n = 1040; n < 1080; n++) {
      final long c = chain.placedIn(n, n).size();
      if (c > count && chain.receipts.get((int) (n - 1000)).size() >= 2) {
        best = n;
        count = c;
      }
    }
    assertTrue(best > 0);
    return best;
  }

  /** Tampering at one block stops the pass there with the reason; messages before it are emitted, none after. */
  private void caught(final long block, final UnaryOperator<JsonNode> tamper, final Reason reason) {
    final TestChain.Source src = chain.new Source();
    src.tamperReceipts.put(block, tamper);
    final List<StreamMessage> out = new ArrayList<>();
    final MessageStream s = stream(src, out, 16);
    final PassResult r = s.advanceTo(chain.anchorAt(1119));
    final PassResult.Rejected rej = assertInstanceOf(PassResult.Rejected.class, r);
    assertEquals(reason, rej.reason(), rej.detail());
    assertEquals(block, rej.blockNumber());
    assertExactly(chain.placedIn(1001, block - 1), out);
    assertEquals(Cursor.complete(block - 1, chain.header(block - 1).hash()), rej.cursor().orElseThrow());
    // An honest source afterwards: the stream resumes at that block and emits the rest, no gap.
    src.tamperReceipts.clear();
    assertInstanceOf(PassResult.CaughtUp.class, s.advanceTo(chain.anchorAt(1119)));
    assertExactly(chain.placedIn(1001, 1119), out);
  }

  private static ArrayNode arr(final JsonNode j) {
    return (ArrayNode) j.deepCopy();
  }

  @Test
  void droppedReceiptIsCaught() {
    final long b = busyBlock();
    caught(b, j -> {
      final ArrayNode a = arr(j);
      a.remove(a.size() - 1);
      return a;
    }, Reason.RECEIPTS_ROOT_MISMATCH);
  }

  @Test
  void droppedReceiptWithIndicesRenumberedIsCaught() {
    final long b = busyBlock();
    caught(b, j -> {
      final ArrayNode a = arr(j);
      a.remove(0);
      for (int i = 0; i < a.size(); i++) {
        ((ObjectNode) a.get(i)).put("transactionIndex", TestChain.q(i));
      }
      return a;
    }, Reason.RECEIPTS_ROOT_MISMATCH);
  }

  /** Index of a receipt of block b that has a bridge message. */
  private int receiptWithMessage(final long b) {
    return chain.placedIn(b, b).get(0).tx();
  }

  @Test
  void droppedLogIsCaughtByTheBloom() {
    final long b = busyBlock();
    final int tx = receiptWithMessage(b);
    caught(b, j -> {
      final ArrayNode a = arr(j);
      ((ArrayNode) a.get(tx).get("logs")).remove(0);
      return a;
    }, Reason.RECEIPT_MALFORMED);
  }

  @Test
  void droppedLogWithBloomRecomputedIsCaughtByTheRoot() {
    final long b = busyBlock();
    final int tx = receiptWithMessage(b);
    caught(b, j -> {
      final ArrayNode a = arr(j);
      final Receipt r = chain.receipts.get((int) (b - 1000)).get(tx);
      final List<Log> rest = r.logs().subList(1, r.logs().size());
      ((ArrayNode) a.get(tx).get("logs")).remove(0);
      ((ObjectNode) a.get(tx)).put("logsBloom", Receipt.bloom(rest).toHex());
      return a;
    }, Reason.RECEIPTS_ROOT_MISMATCH);
  }

  @Test
  void inventedLogIsCaught() {
    final long b = busyBlock();
    caught(b, j -> {
      final ArrayNode a = arr(j);
      final ObjectNode r = (ObjectNode) a.get(0);
      final Log fake = new Log(TestChain.BRIDGE, List.of(TestChain.SENT), Bytes.of(new byte[] {9}));
      final List<Log> logs = new ArrayList<>(chain.receipts.get((int) (b - 1000)).get(0).logs());
      logs.add(fake);
      final ObjectNode lo = ((ArrayNode) r.get("logs")).addObject();
      lo.put("address", fake.address().toHex());
      lo.putArray("topics").add(TestChain.SENT.toHex());
      lo.put("data", "0x09");
      r.put("logsBloom", Receipt.bloom(logs).toHex());
      return a;
    }, Reason.RECEIPTS_ROOT_MISMATCH);
  }

  @Test
  void reorderedReceiptsAreCaught() {
    final long b = busyBlock();
    caught(b, j -> {
      final ArrayNode a = arr(j);
      final JsonNode first = a.remove(0);
      a.add(first);
      return a;
    }, Reason.RECEIPT_MALFORMED);
    caught(b, j -> {
      final ArrayNode a = arr(j);
      final JsonNode first = a.remove(0);
      a.add(first);
      for (final JsonNode r : a) {
        ((ObjectNode) r).remove("transactionIndex");
      }
      return a;
    }, Reason.RECEIPTS_ROOT_MISMATCH);
  }

  @Test
  void receiptsOfAnotherBlockAreCaught() {
    final long b = busyBlock();
    caught(b, j -> TestChain.receiptsJson(chain.receipts.get((int) (b + 1 - 1000)), chain.header(b).hash(), b),
        Reason.RECEIPTS_ROOT_MISMATCH);
  }

  @Test
  void blockFromAnotherBranchIsCaught() {
    // A sibling of block 1060: same parent, other contents (its own receipts root), re-hashed consistently.
    final ExecutionHeader h = chain.header(1060);
    final ExecutionHeader sibling = new ExecutionHeader(h.parentHash(), h.ommersHash(), h.beneficiary(),
        h.stateRoot(), h.transactionsRoot(), Receipt.root(List.of()), h.logsBloom(), h.difficulty(), h.number(),
        h.gasLimit(), 0, h.timestamp(), Bytes.of(new byte[] {1}), h.mixHash(), h.nonce(), h.baseFeePerGas(),
        h.withdrawalsRoot(), h.blobGasUsed(), h.excessBlobGas(), h.parentBeaconBlockRoot(), h.requestsHash());
    for (final int segment : new int[] {8, 256}) {
      final TestChain.Source src = chain.new Source();
      src.replaceBlock.put(1060L, TestChain.blockJson(sibling));
      final List<StreamMessage> out = new ArrayList<>();
      final PassResult r = stream(src, out, segment).advanceTo(chain.anchorAt(1119));
      final PassResult.Rejected rej = assertInstanceOf(PassResult.Rejected.class, r);
      assertEquals(Reason.ANCESTRY_INVALID, rej.reason(), rej.detail());
      assertEquals(1060, rej.blockNumber());
      assertTrue(out.isEmpty(), "nothing is emitted before the range is linked to the finalized block");
    }
  }

  @Test
  void laterSegmentServedFromAnotherBranchOnRefetchIsCaught() {
    // Honest during the backward walk, then a sibling when the segment is fetched again going forward.
    final ExecutionHeader h = chain.header(1100);
    final ExecutionHeader sibling = new ExecutionHeader(h.parentHash(), h.ommersHash(), h.beneficiary(),
        h.stateRoot(), h.transactionsRoot(), h.receiptsRoot(), h.logsBloom(), h.difficulty(), h.number(),
        h.gasLimit(), h.gasUsed(), h.timestamp(), Bytes.of(new byte[] {2}), h.mixHash(), h.nonce(),
        h.baseFeePerGas(), h.withdrawalsRoot(), h.blobGasUsed(), h.excessBlobGas(), h.parentBeaconBlockRoot(),
        h.requestsHash());
    final TestChain.Source honestThenLying = chain.new Source() {
      int calls1100;

      @Override
      public JsonNode blockByNumber(final long number) {
        if (number == 1100 && ++calls1100 > 1) {
          return TestChain.blockJson(sibling);
        }
        return super.blockByNumber(number);
      }
    };
    final List<StreamMessage> out = new ArrayList<>();
    final PassResult r = stream(honestThenLying, out, 8).advanceTo(chain.anchorAt(1119));
    final PassResult.Rejected rej = assertInstanceOf(PassResult.Rejected.class, r);
    assertEquals(Reason.ANCESTRY_INVALID, rej.reason(), rej.detail());
    assertTrue(out.stream().allMatch(m -> m.blockNumber() < 1100), "nothing at or after the lying block");
  }

  @Test
  void sinkFailureRetriesTheSameMessageNextPass(@TempDir final Path dir) {
    final List<StreamMessage> out = new ArrayList<>();
    final int[] calls = {0};
    final MessageSink flaky = m -> {
      if (++calls[0] == 5) {
        throw new java.io.IOException("disk full");
      }
      out.add(m);
    };
    final MessageStream s = MessageStream.builder(chain.new Source(), TestChain.FILTER, CHAIN_ID, flaky)
        .startBlock(1001).cursorIn(dir).build();
    assertInstanceOf(PassResult.SinkFailed.class, s.advanceTo(chain.anchorAt(1119)));
    assertEquals(4, out.size());
    // A new process resumes from the file.
    final MessageStream s2 = MessageStream.builder(chain.new Source(), TestChain.FILTER, CHAIN_ID, flaky)
        .startBlock(1001).cursorIn(dir).build();
    assertInstanceOf(PassResult.CaughtUp.class, s2.advanceTo(chain.anchorAt(1119)));
    assertExactly(chain.placedIn(1001, 1119), out);
  }

  @Test
  void memoryIsBoundedBySegmentNotRange() {
    // 119 blocks with segment 8: the walk re-fetches later segments (2 header fetches per block beyond the first
    // segment) instead of holding all headers; receipts are fetched once per block.
    final TestChain.Source src = chain.new Source();
    stream(src, new ArrayList<>(), 8).advanceTo(chain.anchorAt(1119));
    assertEquals(119, src.receiptCalls);
    assertTrue(src.blockCalls > 119 + 100, "later segments were fetched again: " + src.blockCalls);
    final TestChain.Source one = chain.new Source();
    stream(one, new ArrayList<>(), 256).advanceTo(chain.anchorAt(1119));
    assertEquals(119, one.blockCalls, "one segment: each header once");
  }
}
