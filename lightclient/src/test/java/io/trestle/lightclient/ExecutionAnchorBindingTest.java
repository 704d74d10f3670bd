package io.trestle.lightclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.config.Networks;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import io.trestle.proofs.execution.ExecutionFork;
import io.trestle.proofs.execution.ExecutionForkSchedule;
import io.trestle.proofs.execution.ExecutionForkSchedule.Activation;
import io.trestle.proofs.execution.ExecutionHeader;
import io.trestle.proofs.json.RpcJson;
import io.trestle.proofs.rlp.Rlp;
import io.trestle.proofs.rlp.RlpItem;
import io.trestle.testbase.Vectors;
import java.io.IOException;
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
 * Hash-only execution anchors (what a Gloas light client proves) bound to their execution header: from a real
 * JSON-RPC {@code eth_getBlockByNumber} response of the execution-apis test chain, and by a parent-hash walk over
 * that chain's RLP headers, each checked against the chain's fork schedule. Expected values are the recorded
 * upstream responses ({@code hash}, {@code number}, roots) and the published fork timestamps of mainnet,
 * Sepolia and Hoodi.
 */
class ExecutionAnchorBindingTest {
  private static final Path TESTS = Vectors.path("execution-apis/tests");
  private static final List<Bytes> RAW = new ArrayList<>();
  private static JsonNode pragueResponse;
  private static JsonNode londonResponse;

  @BeforeAll
  static void load() throws IOException {
    pragueResponse = response("eth_getBlockByNumber/get-block-prague-fork.io");
    londonResponse = response("eth_getBlockByNumber/get-block-london-fork.io");
    final byte[] chain = Files.readAllBytes(TESTS.resolve("chain.rlp"));
    int pos = 0;
    while (pos < chain.length) {
      final int first = chain[pos] & 0xff;
      int len = 0;
      for (int i = 0; i < first - 0xf7; i++) {
        len = (len << 8) | (chain[pos + 1 + i] & 0xff);
      }
      final RlpItem block = Rlp.decode(chain, pos, 1 + first - 0xf7 + len);
      RAW.add(Bytes.of(block.items().get(0).encoded()));
      pos = block.end();
    }
  }

  private static JsonNode response(final String file) throws IOException {
    for (final String line : Files.readAllLines(TESTS.resolve(file))) {
      if (line.startsWith("<< ")) {
        return RpcJson.parse(line.substring(3));
      }
    }
    throw new AssertionError(file);
  }

  /** The execution-apis chain's schedule (forkenv.json: Shanghai 390, Cancun 420, Prague 450), Amsterdam at t. */
  private static ExecutionForkSchedule hive(final long amsterdam) {
    final List<Activation> a = new ArrayList<>(List.of(new Activation(ExecutionFork.SHANGHAI, 390),
        new Activation(ExecutionFork.CANCUN, 420)));
    if (amsterdam > 450) {
      a.add(new Activation(ExecutionFork.PRAGUE, 450));
    }
    a.add(new Activation(ExecutionFork.AMSTERDAM, amsterdam));
    return ExecutionForkSchedule.of(a);
  }

  private static ExecutionAnchor hashOnly(final Hash32 hash, final ExecutionForkSchedule s) {
    return ExecutionAnchor.hashOnly(Finality.FINALIZED, 1000, Hash32.ZERO, hash, Optional.of(s));
  }

  private static Hash32 pragueHash() {
    return Hash32.fromHex(pragueResponse.at("/result/hash").asText());
  }

  private static ProofResult.Rejected<?> rejected(final ProofResult<?> r) {
    return assertInstanceOf(ProofResult.Rejected.class, r, () -> "expected a rejection, got " + r);
  }

  @Test
  void hashOnlyAnchorExposesNothingUntilItsHeaderIsBound() {
    final ExecutionAnchor a = hashOnly(pragueHash(), hive(10_000));
    assertTrue(a.isHashOnly());
    assertTrue(a.knownBlockNumber().isEmpty() && a.stateRoot().isEmpty() && a.receiptsRoot().isEmpty());
    assertThrows(IllegalStateException.class, a::blockNumber);
    assertEquals(Reason.EXECUTION_HEADER_MISMATCH,
        rejected(MessageVerifier.verifyMessage(a, 0, 0, List.of())).reason());
    // the whole JSON-RPC response of eth_getBlockByNumber(0x2d) for the block the anchor names
    final ExecutionAnchor b = a.withHeader(pragueResponse).orElseThrow();
    assertFalse(b.isHashOnly());
    final JsonNode r = pragueResponse.get("result");
    assertEquals(Long.decode(r.get("number").asText()), b.blockNumber());
    assertEquals(Hash32.fromHex(r.get("stateRoot").asText()), b.stateRoot().orElseThrow());
    assertEquals(Hash32.fromHex(r.get("receiptsRoot").asText()), b.receiptsRoot().orElseThrow());
    assertEquals(pragueHash(), b.header().orElseThrow().hash());
    assertEquals(Finality.FINALIZED, b.finality());
    // the same block's RLP header from chain.rlp binds it too
    final Bytes rlp = RAW.get((int) b.blockNumber() - 1);
    assertEquals(b.stateRoot(), a.withHeader(rlp).orElseThrow().stateRoot());
    // withoutRoots grants nothing back
    assertTrue(b.withoutRoots().isHashOnly());
  }

  @Test
  void headerNotHashingToTheAnchorIsRefused() {
    final ExecutionAnchor a = hashOnly(pragueHash(), hive(10_000));
    // a field altered, the claimed hash kept
    final ObjectNode altered = pragueResponse.get("result").deepCopy();
    altered.put("receiptsRoot", altered.get("stateRoot").asText());
    final ProofResult.Rejected<?> r1 = rejected(a.withHeader(altered));
    assertEquals(Reason.EXECUTION_HEADER_MISMATCH, r1.reason());
    assertTrue(r1.detail().contains("altered"), r1.detail());
    // another (consistent, real) block
    final ProofResult.Rejected<?> r2 = rejected(a.withHeader(londonResponse));
    assertEquals(Reason.EXECUTION_HEADER_MISMATCH, r2.reason());
    assertTrue(r2.detail().contains("another block"), r2.detail());
    // an extra field this version does not know (a future fork's), hash kept: it cannot be dropped silently
    final ObjectNode future = pragueResponse.get("result").deepCopy();
    future.put("blockAccessListHash", ExecutionHeader.EMPTY_OMMERS_HASH.toHex());
    future.put("slotNumber", "0x5");
    assertEquals(Reason.EXECUTION_HEADER_MISMATCH, rejected(a.withHeader(future)).reason());
    // the right header with a wrong 'hash' member
    final ObjectNode badClaim = pragueResponse.get("result").deepCopy();
    badClaim.put("hash", Hash32.ZERO.toHex());
    assertEquals(Reason.BLOCK_HASH_MISMATCH, rejected(a.withHeader(badClaim)).reason());
    // malformed input and a JSON-RPC error are typed rejections, not exceptions
    final ObjectNode missing = pragueResponse.get("result").deepCopy();
    missing.remove("stateRoot");
    assertEquals(Reason.INPUT_MALFORMED, rejected(a.withHeader(missing)).reason());
    assertEquals(Reason.INPUT_MALFORMED, rejected(a.withHeader(RpcJson.parse(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32000,\"message\":\"x\"}}"))).reason());
    assertEquals(Reason.HEADER_MALFORMED, rejected(a.withHeader(Bytes.of(new byte[] {(byte) 0xc0}))).reason());
  }

  @Test
  void wrongForkLayoutIsRefusedEvenWhenTheHashMatches() {
    final long t = Long.decode(pragueResponse.at("/result/timestamp").asText());
    // Amsterdam active from this block's timestamp: the real 21-field header lacks its fields
    final ProofResult.Rejected<?> lacks = rejected(hashOnly(pragueHash(), hive(t)).withHeader(pragueResponse));
    assertEquals(Reason.HEADER_FORK_MISMATCH, lacks.reason());
    assertTrue(lacks.detail().contains("lacks blockAccessListHash, slotNumber"), lacks.detail());
    // the same header made a 23-field one, at a time Amsterdam is not active: it carries fields it must not
    final ObjectNode ams = pragueResponse.get("result").deepCopy();
    ams.put("blockAccessListHash", ExecutionHeader.EMPTY_OMMERS_HASH.toHex());
    ams.put("slotNumber", "0x2d");
    final Hash32 amsHash = ExecutionHeader.fromJsonUnchecked(ams).hash(); // the anchor input, not an expectation
    ams.put("hash", amsHash.toHex());
    final ProofResult.Rejected<?> carries = rejected(hashOnly(amsHash, hive(t + 1)).withHeader(ams));
    assertEquals(Reason.HEADER_FORK_MISMATCH, carries.reason());
    assertTrue(carries.detail().contains("carries blockAccessListHash, slotNumber"), carries.detail());
    assertTrue(hashOnly(amsHash, hive(t)).withHeader(ams).isVerified());
  }

  @Test
  void parentHashWalkFromAHashOnlyAnchor() {
    final Hash32 head = ExecutionHeader.decode(RAW.get(53).toArray()).hash();
    final List<Bytes> walk = new ArrayList<>(RAW.subList(39, 54));
    Collections.reverse(walk);
    final ExecutionAnchor oldest = hashOnly(head, hive(10_000)).ancestor(walk).orElseThrow();
    final ExecutionHeader expected = ExecutionHeader.decode(RAW.get(39).toArray());
    assertEquals(40, oldest.blockNumber());
    assertEquals(expected.stateRoot(), oldest.stateRoot().orElseThrow());
    assertEquals(14, oldest.depth());
    // the walk starts at the anchor's own header
    assertEquals(Reason.ANCESTRY_INVALID,
        rejected(hashOnly(head, hive(10_000)).ancestor(walk.subList(1, walk.size()))).reason());
    // a header inside the walk whose layout is not its fork's (Amsterdam from block 50's timestamp)
    final long t50 = ExecutionHeader.decode(RAW.get(49).toArray()).timestamp();
    final ProofResult.Rejected<?> r = rejected(hashOnly(head, hive(t50)).ancestor(walk));
    assertEquals(Reason.HEADER_FORK_MISMATCH, r.reason());
    assertTrue(r.detail().startsWith("header 0"), r.detail());
  }

  @Test
  void forkSchedulesOfTheBuiltInNetworksGiveThePublishedTimestamps() {
    // EL fork timestamps as published (EIP-7607 / EIP-7600 meta EIPs, client configs)
    assertEquals(List.of(new Activation(ExecutionFork.LONDON, 1662464087L),
        new Activation(ExecutionFork.SHANGHAI, 1681338455L), new Activation(ExecutionFork.CANCUN, 1710338135L),
        new Activation(ExecutionFork.PRAGUE, 1746612311L)),
        ExecutionForks.schedule(Networks.MAINNET).orElseThrow().activations());
    assertEquals(List.of(new Activation(ExecutionFork.LONDON, 1655772000L),
        new Activation(ExecutionFork.SHANGHAI, 1677557088L), new Activation(ExecutionFork.CANCUN, 1706655072L),
        new Activation(ExecutionFork.PRAGUE, 1741159776L),
        // Gloas at epoch 353024: the timestamp GLOAS.md §2.2 reports for Sepolia's first Amsterdam block
        new Activation(ExecutionFork.AMSTERDAM, 1791294816L)),
        ExecutionForks.schedule(Networks.SEPOLIA).orElseThrow().activations());
    // Hoodi: Bellatrix to Deneb at genesis collapse to Cancun; Prague at epoch 2048
    assertEquals(List.of(new Activation(ExecutionFork.CANCUN, 1742213400L),
        new Activation(ExecutionFork.PRAGUE, 1742999832L),
        // Gloas at epoch 132352 (2026-10-26 17:42:48 UTC per GLOAS.md §4)
        new Activation(ExecutionFork.AMSTERDAM, 1793036568L)),
        ExecutionForks.schedule(Networks.HOODI).orElseThrow().activations());
    assertEquals(Optional.of(ExecutionFork.AMSTERDAM), ExecutionForks.layoutOf("gloas"));
    assertEquals(Optional.empty(), ExecutionForks.layoutOf("heze"));
  }
}
