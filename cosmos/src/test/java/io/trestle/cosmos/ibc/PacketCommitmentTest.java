package io.trestle.cosmos.ibc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.cosmos.AppHash;
import io.trestle.cosmos.ics23.CommitmentProof;
import io.trestle.cosmos.ics23.Ics23Codec;
import io.trestle.cosmos.ics23.Ics23Reason;
import io.trestle.cosmos.ics23.Ics23Result;
import io.trestle.cosmos.ics23.tree.IavlTree;
import io.trestle.cosmos.ics23.tree.SimpleMerkleMap;
import io.trestle.crypto.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Packet commitment values and keys (IBC v1 and v2), and "packet P committed at app hash H" end to end. */
class PacketCommitmentTest {
  static final String JSON_TRANSFER =
      "{\"denom\":\"uatom\",\"amount\":\"1000000\",\"sender\":\"sender\",\"receiver\":\"receiver\",\"memo\":\"memo\"}";

  static PacketV2 ibcGoV2JsonPacket() {
    return new PacketV2("07-tendermint-0", "07-tendermint-1", 1, 100, List.of(new PacketV2.Payload(
        "transfer", "transfer", "ics20-1", "application/json", utf8(JSON_TRANSFER))));
  }

  static PacketV1 packetV1() {
    return new PacketV1("transfer", "channel-0", 7, 1, 500, 1_700_000_000_000_000_000L,
        utf8("{\"amount\":\"100\",\"denom\":\"stake\",\"receiver\":\"cosmos1r\",\"sender\":\"cosmos1s\"}"));
  }

  @Test
  void v2CommitmentMatchesIbcGoVector() {
    // ibc-go v10 modules/core/04-channel/v2/types/commitment_test.go TestCommitPacket, "json packet"
    assertEquals("0xa096722aa6534040a0efbdae05765132a7b223ad306d6512f3734821bd046505",
        ibcGoV2JsonPacket().commitment().toHex());
  }

  @Test
  void v1CommitmentMatchesIndependentDerivation() {
    // computed with Python hashlib: sha256(be64(1700000000000000000) || be64(1) || be64(500) || sha256(data))
    assertEquals("0x4c8e0ab45910320a63a145fbabfe373a0a005b9c7e294744a7564a4a996cba49", packetV1().commitment().toHex());
  }

  @Test
  void keys() {
    assertEquals("commitments/ports/transfer/channels/channel-0/sequences/7", str(packetV1().commitmentKey()));
    assertEquals("acks/ports/transfer/channels/channel-0/sequences/1", str(IbcPaths.packetAcknowledgementV1("transfer", "channel-0", 1)));
    assertEquals("receipts/ports/transfer/channels/channel-0/sequences/1", str(IbcPaths.packetReceiptV1("transfer", "channel-0", 1)));
    // ibc-go 24-host/v2: clientId || 0x01 || uint64_be(seq)
    assertEquals("0x" + hex("07-tendermint-0") + "01" + "0000000000000001", ibcGoV2JsonPacket().commitmentKey().toHex());
    assertEquals("0x" + hex("07-tendermint-0") + "03" + "00000000000000ff", IbcPaths.packetAcknowledgementV2("07-tendermint-0", 255).toHex());
    assertEquals(List.of(utf8("ibc"), utf8("07-tendermint-0\u0001")),
        MerklePath.build(List.of(utf8("ibc"), utf8("07-tendermint-0")), Bytes.of(new byte[] {1})).keys());
  }

  /** A chain state with an ibc store holding both packets, and the multistore over a few stores. */
  record Chain(IavlTree ibc, SimpleMerkleMap multistore, AppHash appHash) {
    byte[] proof(final Bytes key, final boolean present) {
      final CommitmentProof low = present ? ibc.prove(key) : ibc.proveAbsent(key);
      return Ics23Codec.encodeMerkleProof(List.of(low, multistore.prove("ibc")));
    }
  }

  static Chain chain() {
    final Map<Bytes, Bytes> ibc = new LinkedHashMap<>();
    ibc.put(packetV1().commitmentKey(), packetV1().commitment());
    ibc.put(ibcGoV2JsonPacket().commitmentKey(), ibcGoV2JsonPacket().commitment());
    for (int i = 0; i < 20; i++) {
      ibc.put(IbcPaths.packetCommitmentV1("transfer", "channel-" + i, 3), Bytes.of(new byte[] {(byte) i, 1}));
    }
    ibc.put(IbcPaths.clientState("07-tendermint-0"), utf8("client state"));
    final IavlTree tree = IavlTree.of(ibc, 42);
    final SimpleMerkleMap ms = SimpleMerkleMap.ofStores(Map.of("acc", Bytes.of(new byte[32]), "bank", utf8("b"),
        "ibc", tree.root(), "staking", utf8("s"), "upgrade", utf8("u")));
    return new Chain(tree, ms, new AppHash("demo-1", 43, ms.root()));
  }

  @Test
  void packetCommittedAtAppHash_v1_and_v2() {
    final Chain c = chain();
    final var v1 = StateProofVerifier.verifyPacketCommitmentV1(c.appHash(), packetV1(), c.proof(packetV1().commitmentKey(), true));
    assertTrue(v1.isVerified(), v1::toString);
    assertEquals("/ibc/commitments/ports/transfer/channels/channel-0/sequences/7", v1.orElseThrow().path().toString());
    final var v2 = StateProofVerifier.verifyPacketCommitmentV2(
        c.appHash(), ibcGoV2JsonPacket(), c.proof(ibcGoV2JsonPacket().commitmentKey(), true));
    assertTrue(v2.isVerified(), v2::toString);
  }

  @Test
  void alteredPacketsAndWrongAnchorsAreRejected() {
    final Chain c = chain();
    final byte[] proof = c.proof(packetV1().commitmentKey(), true);
    final PacketV1 p = packetV1();
    final PacketV1 otherData = new PacketV1(p.sourcePort(), p.sourceChannel(), p.sequence(), p.timeoutRevisionNumber(),
        p.timeoutRevisionHeight(), p.timeoutTimestamp(), utf8("{\"amount\":\"1000000\"}"));
    assertEquals(Ics23Reason.VALUE_MISMATCH, reason(StateProofVerifier.verifyPacketCommitmentV1(c.appHash(), otherData, proof)));
    final PacketV1 otherTimeout = new PacketV1(p.sourcePort(), p.sourceChannel(), p.sequence(), p.timeoutRevisionNumber(),
        p.timeoutRevisionHeight() + 1, p.timeoutTimestamp(), p.data());
    assertEquals(Ics23Reason.VALUE_MISMATCH, reason(StateProofVerifier.verifyPacketCommitmentV1(c.appHash(), otherTimeout, proof)));
    final PacketV1 otherSeq = new PacketV1(p.sourcePort(), p.sourceChannel(), 8, p.timeoutRevisionNumber(),
        p.timeoutRevisionHeight(), p.timeoutTimestamp(), p.data());
    assertEquals(Ics23Reason.KEY_MISMATCH, reason(StateProofVerifier.verifyPacketCommitmentV1(c.appHash(), otherSeq, proof)));
    final AppHash otherChainState = new AppHash("demo-1", 43, Bytes.of(new byte[32]));
    assertEquals(Ics23Reason.ROOT_MISMATCH, reason(StateProofVerifier.verifyPacketCommitmentV1(otherChainState, p, proof)));
    // only the IAVL half: the path has two elements, the proof one
    final byte[] half = Ics23Codec.encodeMerkleProof(List.of(c.ibc().prove(p.commitmentKey())));
    assertEquals(Ics23Reason.PATH_MISMATCH, reason(StateProofVerifier.verifyPacketCommitmentV1(c.appHash(), p, half)));
    // the multistore proof for another store than "ibc"
    final byte[] wrongStore = Ics23Codec.encodeMerkleProof(List.of(c.ibc().prove(p.commitmentKey()), c.multistore().prove("bank")));
    assertEquals(Ics23Reason.KEY_MISMATCH, reason(StateProofVerifier.verifyPacketCommitmentV1(c.appHash(), p, wrongStore)));
    // undecodable bytes
    assertEquals(Ics23Reason.DECODE_TRUNCATED, reason(StateProofVerifier.verifyPacketCommitmentV1(c.appHash(), p, new byte[] {0x0a, 0x05})));
  }

  @Test
  void absenceOfAReceiptIsProvenAndAPresentKeyCannotBeProvenAbsent() {
    final Chain c = chain();
    final Bytes receipt = IbcPaths.packetReceiptV1("transfer", "channel-0", 7);
    final var abs = StateProofVerifier.verifyNonMembership(c.appHash(), MerklePath.inStore("ibc", receipt), c.proof(receipt, false));
    assertTrue(abs.isVerified(), abs::toString);
    // before all keys and after all keys
    for (final String k : List.of("\u0001", "zzzz")) {
      final var edge = StateProofVerifier.verifyNonMembership(c.appHash(), MerklePath.inStore("ibc", utf8(k)), c.proof(utf8(k), false));
      assertTrue(edge.isVerified(), edge::toString);
    }
    // reuse the receipt's absence proof to claim the commitment is absent: key outside the neighbours
    final var forged = StateProofVerifier.verifyNonMembership(
        c.appHash(), MerklePath.inStore("ibc", packetV1().commitmentKey()), c.proof(receipt, false));
    assertTrue(reason(forged) == Ics23Reason.KEY_NOT_RIGHT_OF_LEFT || reason(forged) == Ics23Reason.KEY_NOT_LEFT_OF_RIGHT,
        forged::toString);
  }

  @Test
  void chainArgumentsAreChecked() {
    final Chain c = chain();
    final Bytes key = packetV1().commitmentKey();
    final MerklePath path = MerklePath.inStore("ibc", key);
    // a non-existence proof above the lowest store
    final byte[] nonexistOnTop = Ics23Codec.encodeMerkleProof(List.of(c.ibc().prove(key),
        c.ibc().proveAbsent(utf8("ibc"))));
    assertEquals(Ics23Reason.CHAINED_NONEXIST, reason(StateProofVerifier.verifyMembership(c.appHash(), path, nonexistOnTop,
        packetV1().commitment())));
    assertEquals(Ics23Reason.EMPTY_ARGUMENT, reason(StateProofVerifier.verifyMembership(c.appHash(), path, c.proof(key, true), Bytes.EMPTY)));
    assertEquals(Ics23Reason.PATH_MISMATCH, reason(StateProofVerifier.verifyMembership(c.appHash(),
        java.util.List.of(io.trestle.cosmos.ics23.ProofSpec.IAVL), path, Ics23Codec.decodeMerkleProof(c.proof(key, true)).orElseThrow(),
        packetV1().commitment())));
  }

  static Ics23Reason reason(final Ics23Result<?> r) {
    return r instanceof Ics23Result.Rejected<?> x ? x.reason() : null;
  }

  static Bytes utf8(final String s) {
    return Bytes.of(s.getBytes(StandardCharsets.UTF_8));
  }

  static String str(final Bytes b) {
    return new String(b.toArray(), StandardCharsets.UTF_8);
  }

  static String hex(final String s) {
    return utf8(s).toHex().substring(2);
  }
}
