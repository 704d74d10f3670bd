package io.trestle.lightclient;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trestle.crypto.Address;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.junit.jupiter.api.Test;

/**
 * Pins {@link VerifiedMessage#messageId()} to its documented layout with an independent Keccak-256 (Bouncy
 * Castle's) over bytes built by hand here, not by the code under test.
 */
class MessageIdTest {
  private static byte[] bcKeccak(final byte[] in) {
    final KeccakDigest d = new KeccakDigest(256);
    d.update(in, 0, in.length);
    final byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }

  @Test
  void messageIdIsKeccakOfChainIdBlockHashTxIndexLogIndex() {
    // chainId 11155111 (Sepolia) = 0xaa36a7, block hash 0x11.., txIndex 39 = 0x27, logIndex 258 = 0x0102
    final byte[] hand = new byte[56];
    hand[5] = (byte) 0xaa;
    hand[6] = (byte) 0x36;
    hand[7] = (byte) 0xa7;
    for (int i = 8; i < 40; i++) {
      hand[i] = 0x11;
    }
    hand[47] = 0x27;
    hand[54] = 0x01;
    hand[55] = 0x02;
    final Hash32 blockHash = Hash32.fromHex("0x" + "11".repeat(32));
    final VerifiedMessage m = new VerifiedMessage(11155111L, Finality.FINALIZED, 100, 21925176, blockHash, 39, 258,
        Address.fromHex("0x" + "22".repeat(20)), List.of(), Bytes.of(new byte[0]), Optional.of(true));
    assertEquals(Hash32.of(bcKeccak(hand)), m.messageId());
    assertEquals(m.messageId(), VerifiedMessage.messageId(11155111L, blockHash, 39, 258));
    // every field is in the id: changing one byte of the hand-built input changes the expected value
    hand[55] = 0x03;
    assertEquals(Hash32.of(bcKeccak(hand)),
        VerifiedMessage.messageId(11155111L, blockHash, 39, 259));
  }
}
