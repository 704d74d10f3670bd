package io.trestle.lightclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import io.trestle.proofs.execution.ExecutionHeader;
import io.trestle.proofs.rlp.Rlp;
import io.trestle.proofs.rlp.RlpItem;
import io.trestle.testbase.Vectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.trestle.lightclient.internal.MessageVerifier;

/**
 * Parent-hash walks over the real execution-apis test chain (54 blocks, London to Prague), from an
 * anchor at its head.
 */
class ExecutionAnchorTest {
  private static final List<ExecutionHeader> HEADERS = new ArrayList<>();
  private static final List<Bytes> RAW = new ArrayList<>();

  @BeforeAll
  static void load() throws Exception {
    final byte[] chain = Files.readAllBytes(Vectors.path("execution-apis/tests/chain.rlp"));
    int pos = 0;
    while (pos < chain.length) {
      // Each block is one RLP list; find its extent from its header bytes.
      final int len = itemLength(chain, pos);
      final RlpItem block = Rlp.decode(chain, pos, len);
      final RlpItem header = block.items().get(0);
      RAW.add(Bytes.of(header.encoded()));
      HEADERS.add(ExecutionHeader.fromRlp(header));
      pos += len;
    }
  }

  private static int itemLength(final byte[] b, final int pos) {
    final int first = b[pos] & 0xff;
    if (first < 0xf8) {
      return 1 + first - 0xc0;
    }
    final int lenOfLen = first - 0xf7;
    int len = 0;
    for (int i = 0; i < lenOfLen; i++) {
      len = (len << 8) | (b[pos + 1 + i] & 0xff);
    }
    return 1 + lenOfLen + len;
  }

  private static ExecutionAnchor head() {
    final ExecutionHeader h = HEADERS.get(HEADERS.size() - 1);
    return new ExecutionAnchor(Finality.FINALIZED, 1000, Hash32.ZERO, h.number(), h.hash(), Optional.of(h.stateRoot()),
        Optional.of(h.receiptsRoot()), 0, java.util.OptionalLong.of(1));
  }

  private static List<Bytes> newestFirst(final int fromIndex, final int toIndex) {
    final List<Bytes> l = new ArrayList<>(RAW.subList(toIndex, fromIndex + 1));
    Collections.reverse(l);
    return l;
  }

  @Test
  void chainHasFiftyFourLinkedBlocks() {
    assertEquals(54, HEADERS.size());
    assertEquals(54, HEADERS.get(53).number());
  }

  @Test
  void walkBackToAnOlderBlockYieldsItsRoots() {
    final ProofResult<ExecutionAnchor> r = head().ancestor(newestFirst(53, 39));
    final ExecutionAnchor a = r.orElseThrow();
    final ExecutionHeader expected = HEADERS.get(39);
    assertEquals(expected.number(), a.blockNumber());
    assertEquals(expected.hash(), a.blockHash());
    assertEquals(Optional.of(expected.stateRoot()), a.stateRoot());
    assertEquals(Optional.of(expected.receiptsRoot()), a.receiptsRoot());
    assertEquals(14, a.depth());
    assertEquals(Finality.FINALIZED, a.finality());
  }

  @Test
  void walkMustStartAtTheAnchorsOwnHeader() {
    final ProofResult<ExecutionAnchor> r = head().ancestor(newestFirst(52, 40));
    assertEquals(Reason.ANCESTRY_INVALID, ((ProofResult.Rejected<ExecutionAnchor>) r).reason());
  }

  @Test
  void aGapOrSwapInTheChainIsRejected() {
    final List<Bytes> gap = newestFirst(53, 40);
    gap.remove(5);
    assertEquals(Reason.ANCESTRY_INVALID, ((ProofResult.Rejected<ExecutionAnchor>) head().ancestor(gap)).reason());
    final List<Bytes> swapped = newestFirst(53, 40);
    Collections.swap(swapped, 3, 4);
    assertEquals(Reason.ANCESTRY_INVALID, ((ProofResult.Rejected<ExecutionAnchor>) head().ancestor(swapped)).reason());
  }

  @Test
  void aTamperedHeaderIsRejected() {
    final List<Bytes> l = newestFirst(53, 45);
    final byte[] b = l.get(2).toArray();
    b[b.length - 40] ^= 1;
    l.set(2, Bytes.of(b));
    assertInstanceOf(ProofResult.Rejected.class, head().ancestor(l));
  }

  @Test
  void emptyAndOversizedWalksAreRejected() {
    assertEquals(Reason.ANCESTRY_INVALID, ((ProofResult.Rejected<ExecutionAnchor>) head().ancestor(List.of())).reason());
    final List<Bytes> huge = new ArrayList<>(Collections.nCopies(ExecutionAnchor.MAX_ANCESTRY + 2, RAW.get(0)));
    assertEquals(Reason.PROOF_TOO_LARGE, ((ProofResult.Rejected<ExecutionAnchor>) head().ancestor(huge)).reason());
  }

  @Test
  void bindingTheHeaderToAHashOnlyAnchor() {
    final ExecutionHeader h = HEADERS.get(53);
    final ExecutionAnchor hashOnly = new ExecutionAnchor(Finality.FINALIZED, 1000, Hash32.ZERO, h.number(), h.hash(),
        Optional.empty(), Optional.empty(), 0, java.util.OptionalLong.of(1));
    final ExecutionAnchor bound = hashOnly.withHeader(RAW.get(53)).orElseThrow();
    assertEquals(Optional.of(h.stateRoot()), bound.stateRoot());
    final ProofResult<ExecutionAnchor> wrong = hashOnly.withHeader(RAW.get(52));
    assertEquals(Reason.EXECUTION_HEADER_MISMATCH, ((ProofResult.Rejected<ExecutionAnchor>) wrong).reason());
    // Without roots, messages cannot be verified until the header is bound.
    final ProofResult<VerifiedMessage> m = MessageVerifier.verifyMessage(hashOnly, 0, 0, List.of());
    assertEquals(Reason.EXECUTION_HEADER_MISMATCH, ((ProofResult.Rejected<VerifiedMessage>) m).reason());
  }

  @Test
  void aMessageNeedsTheNetworksChainId() {
    final ExecutionHeader h = HEADERS.get(53);
    final ExecutionAnchor noChainId = new ExecutionAnchor(Finality.FINALIZED, 1000, Hash32.ZERO, h.number(), h.hash(),
        Optional.of(h.stateRoot()), Optional.of(h.receiptsRoot()), 0, java.util.OptionalLong.empty());
    final ProofResult<VerifiedMessage> m = MessageVerifier.verifyMessage(noChainId, 0, 0, List.of());
    assertEquals(Reason.CHAIN_ID_UNKNOWN, ((ProofResult.Rejected<VerifiedMessage>) m).reason());
  }

  @Test
  void messageIdIsCanonical() {
    final Hash32 a = VerifiedMessage.messageId(1, HEADERS.get(0).hash(), 3, 4);
    assertEquals(a, VerifiedMessage.messageId(1, HEADERS.get(0).hash(), 3, 4));
    assertInstanceOf(Hash32.class, a);
    org.junit.jupiter.api.Assertions.assertNotEquals(a, VerifiedMessage.messageId(2, HEADERS.get(0).hash(), 3, 4));
    org.junit.jupiter.api.Assertions.assertNotEquals(a, VerifiedMessage.messageId(1, HEADERS.get(0).hash(), 4, 3));
  }
}
