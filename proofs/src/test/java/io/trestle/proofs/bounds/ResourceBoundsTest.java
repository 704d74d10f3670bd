package io.trestle.proofs.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import io.trestle.proofs.VerificationException;
import io.trestle.proofs.json.RpcJson;
import io.trestle.proofs.mpt.MptVerifier;
import io.trestle.proofs.mpt.TrieLookup;
import io.trestle.proofs.rlp.Rlp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One test per row of the README's "Resource bounds" table that this module enforces. Each asserts the
 * typed rejection and that it happens before the work: loose but meaningful limits on time (50 ms on
 * a shared 2-core machine, for inputs whose honest processing would take far longer) and on heap
 * allocated by the call (a small fraction of the input, so nothing is sized from a length prefix or
 * copied). The measured figures are printed for the README table.
 */
class ResourceBoundsTest {
  private static final long TIME_LIMIT_NANOS = 50_000_000L;
  private static final long ALLOC_LIMIT = 256 * 1024;

  private static void cheap(final String what, final Cost c) {
    System.out.println("[bounds] " + what + ": " + c);
    assertTrue(c.nanos() < TIME_LIMIT_NANOS, what + " took " + c);
    assertTrue(c.allocatedBytes() < ALLOC_LIMIT, what + " allocated " + c);
  }

  private static Reason rlpReason(final byte[] in) {
    return assertThrows(VerificationException.class, () -> Rlp.decode(in)).reason();
  }

  @Test
  void rlpLengthPrefixOfOneGigabyteAllocatesNothing() {
    // 0xbb: a string whose 4-byte length follows; 0x40000000 = 1 GiB, 16 bytes of payload present
    final byte[] oneGig = new byte[5 + 16];
    oneGig[0] = (byte) 0xbb;
    oneGig[1] = 0x40;
    assertEquals(Reason.RLP_TRUNCATED, rlpReason(oneGig));
    final byte[] maxList = {(byte) 0xfb, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0};
    final Reason r = rlpReason(maxList);
    assertTrue(r == Reason.RLP_TRUNCATED || r == Reason.RLP_TOO_LARGE, r.toString());
    final byte[] eightByteLength = {(byte) 0xbf, 1, 0, 0, 0, 0, 0, 0, 0, 0};
    final Reason r8 = rlpReason(eightByteLength);
    assertTrue(r8 == Reason.RLP_TRUNCATED || r8 == Reason.RLP_TOO_LARGE, r8.toString());
    cheap("RLP 1 GiB length prefix", Cost.of(5, () -> rlpReason(oneGig)));
  }

  @Test
  void rlpNestingOfAMillionLevelsStopsAtTheDepthBound() {
    final int levels = 1_000_000;
    // built inside out so every list's declared length is exact: only the depth is wrong
    final byte[] buf = new byte[levels * 5 + 1];
    int start = buf.length - 1;
    buf[start] = (byte) 0xc0;
    for (int i = 1; i < levels; i++) {
      final int payload = buf.length - start;
      if (payload <= 55) {
        buf[--start] = (byte) (0xc0 + payload);
      } else {
        int n = payload;
        int len = 0;
        while (n > 0) {
          buf[--start] = (byte) n;
          n >>>= 8;
          len++;
        }
        buf[--start] = (byte) (0xf7 + len);
      }
    }
    final byte[] input = Arrays.copyOfRange(buf, start, buf.length);
    assertEquals(Reason.RLP_TOO_DEEP, rlpReason(input));
    cheap("RLP nesting of 10^6 levels (" + input.length + " bytes)", Cost.of(5, () -> rlpReason(input)));
  }

  @Test
  void mptProofWithMoreNodesThanAnyKeyHasIsRejectedBeforeHashing() {
    final List<Bytes> nodes = Collections.nCopies(MptVerifier.MAX_PROOF_NODES + 1, Bytes.of(new byte[532]));
    final byte[] key = new byte[32];
    final ProofResult<TrieLookup> r = MptVerifier.verify(Hash32.ZERO, key, nodes);
    assertEquals(Reason.PROOF_TOO_LARGE, ((ProofResult.Rejected<TrieLookup>) r).reason());
    // a short key bounds the count more tightly still (one byte = 2 nibbles = 3 nodes)
    final ProofResult<TrieLookup> shortKey = MptVerifier.verify(Hash32.ZERO, new byte[1],
        Collections.nCopies(4, Bytes.of(new byte[532])));
    assertEquals(Reason.PROOF_TOO_LARGE, ((ProofResult.Rejected<TrieLookup>) shortKey).reason());
    cheap("MPT proof of 66 nodes", Cost.of(5, () -> MptVerifier.verify(Hash32.ZERO, key, nodes)));
  }

  @Test
  void mptProofOverTheByteBoundIsRejectedBeforeCopyingOrHashing() {
    final List<Bytes> nodes = new ArrayList<>();
    nodes.add(Bytes.of(new byte[MptVerifier.DEFAULT_MAX_PROOF_BYTES]));
    nodes.add(Bytes.of(new byte[1]));
    final ProofResult<TrieLookup> r = MptVerifier.verify(Hash32.ZERO, new byte[32], nodes);
    assertInstanceOf(ProofResult.Rejected.class, r);
    assertEquals(Reason.PROOF_TOO_LARGE, ((ProofResult.Rejected<TrieLookup>) r).reason());
    cheap("MPT proof of 16 MiB + 1 byte", Cost.of(5, () -> MptVerifier.verify(Hash32.ZERO, new byte[32], nodes)));
  }

  @Test
  void jsonBodyOfOneHundredMegabytesIsRejectedBeforeParsing() {
    final char[] big = new char[100_000_000];
    Arrays.fill(big, ' ');
    big[0] = '[';
    big[big.length - 1] = ']';
    final String body = new String(big);
    final VerificationException e = assertThrows(VerificationException.class, () -> RpcJson.parse(body));
    assertEquals(Reason.INPUT_MALFORMED, e.reason());
    assertTrue(e.detail().contains("exceeds the bound"), e.detail());
    cheap("JSON body of 100 MB", Cost.of(5, () -> assertThrows(VerificationException.class, () -> RpcJson.parse(body))));
  }

  @Test
  void jsonNestingOfAMillionLevelsStopsAtTheDepthBound() {
    final String deep = "[".repeat(1_000_000) + "]".repeat(1_000_000);
    final VerificationException e = assertThrows(VerificationException.class, () -> RpcJson.parse(deep));
    assertEquals(Reason.INPUT_MALFORMED, e.reason());
    cheap("JSON nesting of 10^6 levels", Cost.of(5, () -> assertThrows(VerificationException.class,
        () -> RpcJson.parse(deep))));
  }
}
