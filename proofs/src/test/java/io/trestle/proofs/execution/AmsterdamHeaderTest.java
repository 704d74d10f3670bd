package io.trestle.proofs.execution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.crypto.Hash32;
import io.trestle.proofs.Reason;
import io.trestle.proofs.VerificationException;
import io.trestle.proofs.json.RpcJson;
import io.trestle.proofs.rlp.Rlp;
import io.trestle.proofs.rlp.RlpItem;
import io.trestle.testbase.Vectors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Amsterdam (23-field) execution headers. Expected hashes are derived independently of the code under
 * test: the RLP is built here by hand from the field list of execution-specs {@code
 * forks/amsterdam/blocks.py} (Prague's 21 fields, then {@code block_access_list_hash: Hash32}, then
 * EIP-7843's {@code slot_number: U64}) and hashed with Bouncy Castle's Keccak. The hand encoder is first
 * checked against a real Prague block of the execution-apis test chain. The JSON member names are
 * go-ethereum's ({@code blockAccessListHash}, {@code slotNumber}, core/types/gen_header_json.go).
 */
class AmsterdamHeaderTest {
  private static final Path PRAGUE_BLOCK =
      Vectors.path("execution-apis/tests/eth_getBlockByNumber/get-block-prague-fork.io");
  private static final Path CHAIN = Vectors.path("execution-apis/tests/chain.rlp");
  private static final HexFormat HEX = HexFormat.of();
  /** keccak256(rlp([])): EIP-7928's block access list hash of a block without state accesses. */
  private static final String EMPTY_BAL_HASH = "1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347";
  /** Sepolia's first Gloas slot (353024 * 32), a realistic slot number. */
  private static final long SLOT = 11_296_768L;

  private static JsonNode prague;
  private static JsonNode latestFull;

  @BeforeAll
  static void load() throws IOException {
    for (final String line : Files.readAllLines(PRAGUE_BLOCK)) {
      if (line.startsWith("<< ")) {
        prague = RpcJson.parse(line.substring(3)).get("result");
      }
    }
    for (final String line : Files.readAllLines(PRAGUE_BLOCK.resolveSibling("get-latest.io"))) {
      if (line.startsWith("<< ")) {
        latestFull = RpcJson.parse(line.substring(3)).get("result");
      }
    }
  }

  // ---- an independent RLP encoder and Keccak ----

  private static byte[] keccak(final byte[] in) {
    final KeccakDigest d = new KeccakDigest(256);
    d.update(in, 0, in.length);
    final byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }

  private static byte[] lengthPrefix(final int base, final int len) {
    if (len < 56) {
      return new byte[] {(byte) (base + len)};
    }
    final byte[] l = BigInteger.valueOf(len).toByteArray();
    final int skip = l[0] == 0 ? 1 : 0;
    final ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.write(base + 55 + l.length - skip);
    o.write(l, skip, l.length - skip);
    return o.toByteArray();
  }

  private static byte[] str(final byte[] b) {
    if (b.length == 1 && (b[0] & 0xff) < 0x80) {
      return b;
    }
    final ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes(lengthPrefix(0x80, b.length));
    o.writeBytes(b);
    return o.toByteArray();
  }

  private static byte[] uint(final BigInteger v) {
    if (v.signum() == 0) {
      return str(new byte[0]);
    }
    final byte[] b = v.toByteArray();
    return str(b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b);
  }

  private static byte[] list(final List<byte[]> items) {
    final ByteArrayOutputStream payload = new ByteArrayOutputStream();
    items.forEach(payload::writeBytes);
    final ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes(lengthPrefix(0xc0, payload.size()));
    o.writeBytes(payload.toByteArray());
    return o.toByteArray();
  }

  private static byte[] hex(final JsonNode b, final String name) {
    return HEX.parseHex(b.get(name).asText().substring(2));
  }

  private static BigInteger qty(final JsonNode b, final String name) {
    return new BigInteger(b.get(name).asText().substring(2), 16);
  }

  /** The header fields in execution-specs order, each RLP-encoded here; Amsterdam ones if present in the JSON. */
  private static List<byte[]> fields(final JsonNode b) {
    final List<byte[]> f = new ArrayList<>();
    for (final String h : List.of("parentHash", "sha3Uncles", "miner", "stateRoot", "transactionsRoot",
        "receiptsRoot", "logsBloom")) {
      f.add(str(hex(b, h)));
    }
    for (final String q : List.of("difficulty", "number", "gasLimit", "gasUsed", "timestamp")) {
      f.add(uint(qty(b, q)));
    }
    f.add(str(hex(b, "extraData")));
    f.add(str(hex(b, "mixHash")));
    f.add(str(hex(b, "nonce")));
    f.add(uint(qty(b, "baseFeePerGas")));
    f.add(str(hex(b, "withdrawalsRoot")));
    f.add(uint(qty(b, "blobGasUsed")));
    f.add(uint(qty(b, "excessBlobGas")));
    f.add(str(hex(b, "parentBeaconBlockRoot")));
    f.add(str(hex(b, "requestsHash")));
    if (b.has("blockAccessListHash")) {
      f.add(str(hex(b, "blockAccessListHash")));
    }
    if (b.has("slotNumber")) {
      f.add(uint(qty(b, "slotNumber")));
    }
    return f;
  }

  /** The Prague block made an Amsterdam one: the two fields added, its hash re-derived here. */
  private static ObjectNode amsterdam(final String balHash, final BigInteger slot) {
    final ObjectNode b = prague.deepCopy();
    b.put("blockAccessListHash", "0x" + balHash);
    b.put("slotNumber", "0x" + slot.toString(16));
    b.put("hash", "0x" + HEX.formatHex(keccak(list(fields(b)))));
    return b;
  }

  private static Reason reasonOf(final Runnable r) {
    return assertThrows(VerificationException.class, r::run).reason();
  }

  // ---- tests ----

  @Test
  void handEncoderReproducesTheRealPragueBlockHash() {
    assertEquals(21, fields(prague).size());
    assertEquals(prague.get("hash").asText(), "0x" + HEX.formatHex(keccak(list(fields(prague)))));
    final ExecutionHeader h = ExecutionHeader.fromJson(prague);
    assertEquals(ExecutionFork.PRAGUE, h.layout());
    assertTrue(h.blockAccessListHash().isEmpty() && h.slotNumber().isEmpty());
  }

  @Test
  void amsterdamHeaderFromJsonAndRlpHashesAsDerivedIndependently() {
    for (final BigInteger slot : List.of(BigInteger.valueOf(SLOT), BigInteger.ZERO,
        BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE))) {
      final ObjectNode b = amsterdam(EMPTY_BAL_HASH, slot);
      final byte[] rlp = list(fields(b));
      assertEquals(23, fields(b).size());
      final ExecutionHeader fromJson = ExecutionHeader.fromJson(b);
      assertEquals(b.get("hash").asText(), fromJson.hash().toHex());
      assertEquals(ExecutionFork.AMSTERDAM, fromJson.layout());
      assertEquals(23, fromJson.fieldCount());
      assertEquals(Hash32.fromHex("0x" + EMPTY_BAL_HASH), fromJson.blockAccessListHash().orElseThrow());
      assertEquals(slot.longValue(), fromJson.slotNumber().orElseThrow());
      assertArrayEquals(rlp, fromJson.encode());
      final ExecutionHeader fromRlp = ExecutionHeader.decode(rlp);
      assertEquals(fromJson, fromRlp);
      assertArrayEquals(rlp, fromRlp.encode());
    }
  }

  @Test
  void amsterdamHeaderWithAFieldAddedOrRemovedIsRejected() {
    final ObjectNode b = amsterdam(EMPTY_BAL_HASH, BigInteger.valueOf(SLOT));
    final List<byte[]> f = fields(b);
    // 22 fields: slotNumber removed (no fork has a 22-field header)
    final byte[] removed = list(f.subList(0, 22));
    assertEquals(Reason.HEADER_MALFORMED, reasonOf(() -> ExecutionHeader.decode(removed)));
    // 24 fields: one more than Amsterdam
    final List<byte[]> more = new ArrayList<>(f);
    more.add(str(keccak(new byte[0])));
    assertEquals(Reason.HEADER_MALFORMED, reasonOf(() -> ExecutionHeader.decode(list(more))));
    // the same in JSON: one of the two Amsterdam members without the other
    final ObjectNode noSlot = b.deepCopy();
    noSlot.remove("slotNumber");
    final VerificationException e = assertThrows(VerificationException.class, () -> ExecutionHeader.fromJson(noSlot));
    assertEquals(Reason.HEADER_MALFORMED, e.reason());
    assertTrue(e.detail().contains("22 fields"), e.detail());
    final ObjectNode noBal = b.deepCopy();
    noBal.remove("blockAccessListHash");
    assertEquals(Reason.HEADER_MALFORMED, reasonOf(() -> ExecutionHeader.fromJson(noBal)));
    // a 32-byte hash where the uint64 slot number belongs, and a 20-byte BAL hash
    final List<byte[]> wideSlot = new ArrayList<>(f);
    wideSlot.set(22, str(keccak(new byte[0])));
    assertEquals(Reason.HEADER_MALFORMED, reasonOf(() -> ExecutionHeader.decode(list(wideSlot))));
    final List<byte[]> shortBal = new ArrayList<>(f);
    shortBal.set(21, str(new byte[20]));
    assertEquals(Reason.HEADER_MALFORMED, reasonOf(() -> ExecutionHeader.decode(list(shortBal))));
  }

  @Test
  void alteredAmsterdamFieldBreaksTheClaimedHash() {
    final ObjectNode slot = amsterdam(EMPTY_BAL_HASH, BigInteger.valueOf(SLOT));
    slot.put("slotNumber", "0x" + Long.toHexString(SLOT + 1));
    assertEquals(Reason.BLOCK_HASH_MISMATCH, reasonOf(() -> ExecutionHeader.fromJson(slot)));
    final ObjectNode bal = amsterdam(EMPTY_BAL_HASH, BigInteger.valueOf(SLOT));
    bal.put("blockAccessListHash", prague.get("stateRoot").asText());
    assertEquals(Reason.BLOCK_HASH_MISMATCH, reasonOf(() -> ExecutionHeader.fromJson(bal)));
    // dropping both Amsterdam members leaves a valid Prague header that hashes to something else
    final ObjectNode dropped = amsterdam(EMPTY_BAL_HASH, BigInteger.valueOf(SLOT));
    dropped.remove("blockAccessListHash");
    dropped.remove("slotNumber");
    assertEquals(Reason.BLOCK_HASH_MISMATCH, reasonOf(() -> ExecutionHeader.fromJson(dropped)));
  }

  /**
   * The test chain's schedule (forkenv.json: Shanghai 390, Cancun 420, Prague 450) plus Amsterdam at
   * {@code amsterdam} (replacing Prague if not later).
   */
  private static ExecutionForkSchedule hiveSchedule(final long amsterdam) {
    final List<ExecutionForkSchedule.Activation> a = new ArrayList<>(List.of(
        new ExecutionForkSchedule.Activation(ExecutionFork.SHANGHAI, 390),
        new ExecutionForkSchedule.Activation(ExecutionFork.CANCUN, 420)));
    if (amsterdam > 450) {
      a.add(new ExecutionForkSchedule.Activation(ExecutionFork.PRAGUE, 450));
    }
    a.add(new ExecutionForkSchedule.Activation(ExecutionFork.AMSTERDAM, amsterdam));
    return ExecutionForkSchedule.of(a);
  }

  @Test
  void everyRealHeaderOfTheTestChainHasItsForksLayout() throws IOException {
    final byte[] chain = Files.readAllBytes(CHAIN);
    final ExecutionForkSchedule s = hiveSchedule(10_000);
    int pos = 0;
    int n = 0;
    final java.util.EnumSet<ExecutionFork> seen = java.util.EnumSet.noneOf(ExecutionFork.class);
    while (pos < chain.length) {
      final RlpItem block = Rlp.decode(chain, pos, itemLength(chain, pos));
      final ExecutionHeader h = ExecutionHeader.fromRlp(block.items().get(0));
      s.check(h);
      seen.add(h.layout());
      pos = block.end();
      n++;
    }
    assertEquals(54, n);
    // Frontier and London (block 27) before the merge, then Shanghai, Cancun, Prague
    assertEquals(Set.of(ExecutionFork.FRONTIER, ExecutionFork.LONDON, ExecutionFork.SHANGHAI, ExecutionFork.CANCUN, ExecutionFork.PRAGUE),
        seen);
  }

  private static int itemLength(final byte[] b, final int pos) {
    final int first = b[pos] & 0xff;
    if (first < 0xf8) {
      return 1 + first - 0xc0;
    }
    int len = 0;
    for (int i = 0; i < first - 0xf7; i++) {
      len = (len << 8) | (b[pos + 1 + i] & 0xff);
    }
    return 1 + first - 0xf7 + len;
  }

  @Test
  void wrongForkShapesAreRejectedByTheSchedule() {
    final long t = qty(prague, "timestamp").longValueExact();
    final ExecutionHeader ams = ExecutionHeader.fromJson(amsterdam(EMPTY_BAL_HASH, BigInteger.valueOf(SLOT)));
    final ExecutionHeader pra = ExecutionHeader.fromJson(prague);
    // Amsterdam later than this block: a Prague-era header carrying the Amsterdam fields is refused
    final VerificationException carries = assertThrows(VerificationException.class,
        () -> hiveSchedule(t + 12).check(ams));
    assertEquals(Reason.HEADER_FORK_MISMATCH, carries.reason());
    assertTrue(carries.detail().contains("carries blockAccessListHash, slotNumber"), carries.detail());
    hiveSchedule(t + 12).check(pra);
    // Amsterdam active at this block's timestamp: the 21-field header lacks the fields, the 23-field one passes
    final VerificationException lacks = assertThrows(VerificationException.class, () -> hiveSchedule(t).check(pra));
    assertEquals(Reason.HEADER_FORK_MISMATCH, lacks.reason());
    assertTrue(lacks.detail().contains("lacks blockAccessListHash, slotNumber"), lacks.detail());
    hiveSchedule(t).check(ams);
    // an exact-layout check as the beacon payload verifier uses it
    assertEquals(Reason.HEADER_FORK_MISMATCH, reasonOf(() -> pra.requireLayout(ExecutionFork.AMSTERDAM)));
    assertEquals(Reason.HEADER_FORK_MISMATCH, reasonOf(() -> ams.requireLayout(ExecutionFork.PRAGUE)));
    ams.requireLayout(ExecutionFork.AMSTERDAM);
    // before the first activation, anything up to that layout (the EL's own block-number forks applied)
    assertEquals(java.util.EnumSet.of(ExecutionFork.FRONTIER, ExecutionFork.LONDON, ExecutionFork.SHANGHAI),
        hiveSchedule(t).layoutsAt(389));
    assertEquals(Set.of(ExecutionFork.AMSTERDAM), hiveSchedule(t).layoutsAt(-1L)); // unsigned: far future
  }

  @Test
  void scheduleMustIncrease() {
    final List<ExecutionForkSchedule.Activation> bad = List.of(
        new ExecutionForkSchedule.Activation(ExecutionFork.PRAGUE, 450),
        new ExecutionForkSchedule.Activation(ExecutionFork.CANCUN, 460));
    assertThrows(IllegalArgumentException.class, () -> ExecutionForkSchedule.of(bad));
    assertThrows(IllegalArgumentException.class, () -> ExecutionForkSchedule.of(List.of()));
  }

  @Test
  void blockVerifierReadsAnAmsterdamBlockWithItsTransactions() {
    // the real latest (Osaka) block with full transactions, given the two Amsterdam header fields
    final ObjectNode b = latestFull.deepCopy();
    b.put("blockAccessListHash", "0x" + EMPTY_BAL_HASH);
    b.put("slotNumber", "0x" + Long.toHexString(SLOT));
    b.put("hash", "0x" + HEX.formatHex(keccak(list(fields(b)))));
    b.get("transactions").forEach(t -> ((ObjectNode) t).put("blockHash", b.get("hash").asText()));
    assertTrue(b.get("transactions").size() > 0 && b.get("transactions").get(0).isObject());
    final VerifiedBlock v = BlockVerifier.verify(b, java.util.Optional.empty()).orElseThrow();
    assertEquals(b.get("hash").asText(), v.blockHash().toHex());
    assertEquals(23, v.header().fieldCount());
    assertEquals(CheckStatus.VERIFIED, v.transactions());
    assertTrue(v.checks().get(0).contains("23-field header"), v.checks().toString());
    b.remove("slotNumber");
    assertEquals(Reason.HEADER_MALFORMED, ((io.trestle.proofs.ProofResult.Rejected<VerifiedBlock>)
        BlockVerifier.verify(b, java.util.Optional.empty())).reason());
  }
}
