package io.trestle.proofs.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.crypto.Address;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import io.trestle.proofs.VerificationException;
import io.trestle.proofs.json.RpcJson;
import io.trestle.proofs.mpt.TrieBuilder;
import io.trestle.proofs.rlp.Rlp;
import io.trestle.proofs.rlp.RlpItem;
import io.trestle.proofs.rlp.RlpWriter;
import io.trestle.testbase.Vectors;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Round trips and adversarial inputs for the execution-layer codecs; upstream data where values are expected. */
class ExecutionCodecTest {
  private static final Path VAPI = Vectors.path("helios/tests/testdata/verifiable_api/receipt.json");
  private static final Path RAW_HEADER =
      Vectors.path("execution-apis/tests/debug_getRawHeader/get-block-n.io");
  private static final Path TX_IO =
      Vectors.path("execution-apis/tests/eth_getTransactionByHash/get-dynamic-fee.io");

  private static Reason reasonOf(final Runnable r) {
    return assertThrows(VerificationException.class, r::run).reason();
  }

  private static JsonNode ioResult(final Path p) throws IOException {
    for (final String line : Files.readAllLines(p)) {
      if (line.startsWith("<< ")) {
        return RpcJson.parse(line.substring(3)).get("result");
      }
    }
    throw new AssertionError("no response in " + p);
  }

  private static byte[] rawHeader() throws IOException {
    return Bytes.fromHex(ioResult(RAW_HEADER).asText()).toArray();
  }

  /** The header's fields re-encoded as a list of {@code n} of them (or with one extra). */
  private static byte[] reencode(final byte[] header, final int keep, final byte[]... extra) {
    final List<RlpItem> items = Rlp.decode(header).items();
    final List<byte[]> f = new ArrayList<>();
    for (int i = 0; i < keep; i++) {
      f.add(items.get(i).encoded());
    }
    f.addAll(Arrays.asList(extra));
    return RlpWriter.list(f);
  }

  @Test
  void rawHeaderRoundTrips() throws IOException {
    final byte[] raw = rawHeader();
    final ExecutionHeader h = ExecutionHeader.decode(raw);
    assertEquals(3, h.number());
    assertEquals(Bytes.of(raw), Bytes.of(h.encode()));
  }

  @Test
  void headerWithWrongFieldCountIsMalformed() throws IOException {
    final byte[] raw = rawHeader();
    final int n = Rlp.decode(raw).itemCount();
    assertEquals(Reason.HEADER_MALFORMED, reasonOf(() -> ExecutionHeader.decode(reencode(raw, 14))));
    final byte[][] pad = new byte[22 - n][];
    Arrays.fill(pad, RlpWriter.uint(1));
    assertEquals(Reason.HEADER_MALFORMED, reasonOf(() -> ExecutionHeader.decode(reencode(raw, n, pad))));
    assertEquals(Reason.HEADER_MALFORMED,
        assertInstanceOf(ProofResult.Rejected.class, ExecutionHeader.tryDecode(reencode(raw, 14))).reason());
  }

  @Test
  void headerFieldDefectsAreMalformed() throws IOException {
    final byte[] raw = rawHeader();
    final List<RlpItem> items = Rlp.decode(raw).items();
    // A 31-byte parent hash.
    final List<byte[]> f = new ArrayList<>();
    items.forEach(i -> f.add(i.encoded()));
    f.set(0, RlpWriter.string(new byte[31]));
    assertEquals(Reason.HEADER_MALFORMED, reasonOf(() -> ExecutionHeader.decode(RlpWriter.list(f))));
    // A number with a leading zero byte.
    f.set(0, items.get(0).encoded());
    f.set(8, RlpWriter.string(new byte[] {0, 3}));
    assertEquals(Reason.HEADER_MALFORMED, reasonOf(() -> ExecutionHeader.decode(RlpWriter.list(f))));
    // Truncated input and trailing bytes.
    assertEquals(Reason.HEADER_MALFORMED, reasonOf(() -> ExecutionHeader.decode(Arrays.copyOf(raw, raw.length - 1))));
    assertEquals(Reason.HEADER_MALFORMED, reasonOf(() -> ExecutionHeader.decode(Arrays.copyOf(raw, raw.length + 1))));
  }

  @Test
  void laterForkFieldWithoutEarlierOneIsMalformed() throws IOException {
    final ExecutionHeader h = ExecutionHeader.decode(rawHeader());
    assertEquals(Reason.HEADER_MALFORMED, reasonOf(() -> new ExecutionHeader(h.parentHash(), h.ommersHash(),
        h.beneficiary(), h.stateRoot(), h.transactionsRoot(), h.receiptsRoot(), h.logsBloom(), h.difficulty(),
        h.number(), h.gasLimit(), h.gasUsed(), h.timestamp(), h.extraData(), h.mixHash(), h.nonce(),
        Optional.empty(), Optional.of(Hash32.ZERO), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty())));
  }

  @Test
  void transactionHashMismatchIsMalformed() throws IOException {
    final JsonNode tx = ioResult(TX_IO);
    assertEquals(2, Transaction.fromJson(tx).type());
    ((ObjectNode) tx).put("nonce", "0x91");
    assertEquals(Reason.TRANSACTION_MALFORMED, reasonOf(() -> Transaction.fromJson(tx)));
    ((ObjectNode) tx).put("type", "0x5");
    assertEquals(Reason.UNSUPPORTED_TX_TYPE, reasonOf(() -> Transaction.fromJson(tx)));
  }

  @Test
  void rawTransactionTypeAndShapeAreChecked() throws IOException {
    final Transaction t = Transaction.fromJson(ioResult(TX_IO));
    final byte[] enc = t.encoding().toArray();
    assertEquals(t, Transaction.fromRaw(Bytes.of(enc)));
    final byte[] wrongType = enc.clone();
    wrongType[0] = 0x05;
    assertEquals(Reason.UNSUPPORTED_TX_TYPE, reasonOf(() -> Transaction.fromRaw(Bytes.of(wrongType))));
    wrongType[0] = 0x01; // a type-2 body under a type-1 byte: 12 fields where 11 are expected
    assertEquals(Reason.TRANSACTION_MALFORMED, reasonOf(() -> Transaction.fromRaw(Bytes.of(wrongType))));
    assertEquals(Reason.TRANSACTION_MALFORMED,
        reasonOf(() -> Transaction.fromRaw(Bytes.of(Arrays.copyOf(enc, enc.length - 1)))));
  }

  private static Receipt upstreamReceipt() throws IOException {
    return Receipt.fromJson(RpcJson.parse(Files.readString(VAPI)).get("receipt"));
  }

  @Test
  void receiptRoundTripsAndBloomMatchesUpstream() throws IOException {
    final JsonNode j = RpcJson.parse(Files.readString(VAPI)).get("receipt");
    final Receipt r = upstreamReceipt();
    assertEquals(r, Receipt.decode(r.encode()));
    assertEquals(2, r.encode()[0]);
    assertEquals(Bytes.fromHex(j.get("logsBloom").asText()), Receipt.bloom(r.logs()));
    final Receipt legacy = new Receipt(0, r.status(), r.postStateRoot(), r.cumulativeGasUsed(), r.logsBloom(), r.logs());
    assertEquals(legacy, Receipt.decode(legacy.encode()));
  }

  @Test
  void receiptWithWrongTypeByteIsUnsupported() throws IOException {
    final byte[] enc = upstreamReceipt().encode();
    for (final int b : new int[] {0x00, 0x05, 0x7f}) {
      final byte[] e = enc.clone();
      e[0] = (byte) b;
      assertEquals(Reason.UNSUPPORTED_RECEIPT_TYPE, reasonOf(() -> Receipt.decode(e)));
    }
    // A typed receipt with its type byte removed is a legacy list: still valid, but a different receipt.
    assertEquals(0, Receipt.decode(Arrays.copyOfRange(enc, 1, enc.length)).type());
    assertEquals(Reason.UNSUPPORTED_RECEIPT_TYPE, reasonOf(() -> Receipt.decode(new byte[] {(byte) 0x80})));
  }

  @Test
  void truncatedOrPaddedReceiptIsMalformed() throws IOException {
    final byte[] enc = upstreamReceipt().encode();
    assertEquals(Reason.RECEIPT_MALFORMED, reasonOf(() -> Receipt.decode(Arrays.copyOf(enc, enc.length - 1))));
    assertEquals(Reason.RECEIPT_MALFORMED, reasonOf(() -> Receipt.decode(Arrays.copyOf(enc, enc.length + 1))));
    assertEquals(Reason.RECEIPT_MALFORMED, reasonOf(() -> Receipt.decode(new byte[] {0x02})));
    assertEquals(Reason.RECEIPT_MALFORMED, reasonOf(() -> Receipt.decode(new byte[0])));
  }

  @Test
  void badBloomIsMalformed() throws IOException {
    final JsonNode j = RpcJson.parse(Files.readString(VAPI)).get("receipt");
    ((ObjectNode) j).put("logsBloom", "0x" + "00".repeat(256));
    assertEquals(Reason.RECEIPT_MALFORMED, reasonOf(() -> Receipt.fromJson(j)));
    final Receipt r = upstreamReceipt();
    final byte[] zeroBloom = RlpWriter.concat(new byte[] {2}, RlpWriter.list(RlpWriter.uint(1),
        RlpWriter.uint(r.cumulativeGasUsed()), RlpWriter.string(new byte[256]),
        RlpWriter.list(r.logs().get(0).encode())));
    assertEquals(Reason.RECEIPT_MALFORMED, reasonOf(() -> Receipt.decode(zeroBloom)));
  }

  @Test
  void statusOtherThanZeroOrOneIsMalformed() throws IOException {
    final Receipt r = upstreamReceipt();
    final byte[] bad = RlpWriter.concat(new byte[] {2}, RlpWriter.list(RlpWriter.uint(2),
        RlpWriter.uint(r.cumulativeGasUsed()), RlpWriter.string(r.logsBloom()), RlpWriter.list(r.logs().get(0).encode())));
    assertEquals(Reason.RECEIPT_MALFORMED, reasonOf(() -> Receipt.decode(bad)));
  }

  @Test
  void fiveTopicsIsMalformed() {
    final List<byte[]> topics = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      topics.add(RlpWriter.string(new byte[32]));
    }
    final byte[] log = RlpWriter.list(RlpWriter.string(new byte[20]), RlpWriter.list(topics), RlpWriter.string(new byte[0]));
    final byte[] rec = RlpWriter.list(RlpWriter.uint(1), RlpWriter.uint(1), RlpWriter.string(new byte[256]),
        RlpWriter.list(log));
    assertEquals(Reason.RECEIPT_MALFORMED, reasonOf(() -> Receipt.decode(rec)));
  }

  @Test
  void receiptProofRoundTripAndAbsence() throws IOException {
    final Receipt r = upstreamReceipt();
    final Receipt other = new Receipt(0, Optional.of(false), Optional.empty(), 21000, Receipt.bloom(List.of()), List.of());
    final List<Receipt> rs = List.of(other, r, other);
    final TrieBuilder t = new TrieBuilder();
    for (int i = 0; i < rs.size(); i++) {
      t.put(RlpWriter.uint(i), rs.get(i).encode());
    }
    final Hash32 root = Receipt.root(rs);
    assertEquals(root, t.root());
    final VerifiedReceipt vr = ReceiptProofVerifier.verifyReceipt(root, 1, t.proof(RlpWriter.uint(1))).orElseThrow();
    assertEquals(r, vr.receipt());
    final VerifiedLog vl = ReceiptProofVerifier.verifyLog(root, 1, 0, t.proof(RlpWriter.uint(1))).orElseThrow();
    assertEquals(Address.fromHex("0x00000000219ab540356cbb839cbe05303d7705fa"), vl.emitter());
    assertEquals(Optional.empty(), vl.blockHash());
    assertEquals(Optional.of(false),
        ReceiptProofVerifier.verifyReceipt(root, 0, t.proof(RlpWriter.uint(0))).orElseThrow().receipt().status());
    final ProofResult<VerifiedReceipt> absent = ReceiptProofVerifier.verifyReceipt(root, 7, t.proof(RlpWriter.uint(7)));
    assertEquals(Reason.MPT_PATH_MISMATCH, assertInstanceOf(ProofResult.Rejected.class, absent).reason());
    assertEquals(Reason.LOG_INDEX_OUT_OF_RANGE, assertInstanceOf(ProofResult.Rejected.class,
        ReceiptProofVerifier.verifyLog(root, 0, 0, t.proof(RlpWriter.uint(0)))).reason());
  }

  @Test
  void emptyRequestsHashIsSha256OfNothing() {
    // EIP-7685: with no requests the hash is sha256(b"").
    final JsonNode empty = RpcJson.parse("{\"deposits\":[],\"withdrawals\":[],\"consolidations\":[]}");
    assertEquals(Hash32.fromHex("0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        BeaconPayloadVerifier.requestsHash(empty));
    // One withdrawal request (type 0x01): sha256(sha256(0x01 ‖ address ‖ pubkey ‖ le64(5))), computed
    // independently from the EIP-7685/EIP-7002 definitions with Python's hashlib.
    final JsonNode one = RpcJson.parse("{\"deposits\":[],\"consolidations\":[],\"withdrawals\":[{\"source_address\":\"0x"
        + "11".repeat(20) + "\",\"validator_pubkey\":\"0x" + "22".repeat(48) + "\",\"amount\":\"5\"}]}");
    assertEquals(Hash32.fromHex("0x75ad9d67dfcebb09bb969102ab13b18f85e69640a069e6e3411ade55cfb593e9"),
        BeaconPayloadVerifier.requestsHash(one));
    final JsonNode bad = RpcJson.parse("{\"deposits\":[{\"pubkey\":\"0x00\"}],\"withdrawals\":[],\"consolidations\":[]}");
    assertEquals(Reason.PAYLOAD_MALFORMED, reasonOf(() -> BeaconPayloadVerifier.requestsHash(bad)));
  }

  @Test
  void withdrawalEncodesUint64Amounts() {
    final Withdrawal w = Withdrawal.fromJson(RpcJson.parse(
        "{\"index\":\"0xffffffffffffffff\",\"validatorIndex\":\"0x0\",\"address\":\"0x" + "11".repeat(20)
            + "\",\"amount\":\"0x1\"}"));
    assertEquals(new BigInteger("18446744073709551615"), new BigInteger(Long.toUnsignedString(w.index())));
    final List<RlpItem> f = Rlp.decode(w.encode()).items(4, "withdrawal");
    assertEquals(new BigInteger("18446744073709551615"), f.get(0).asUnsigned("index", 8));
  }
}
