package io.trestle.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON-RPC recordings and the RLP chain file as suites. Expected values are the upstream recordings
 * themselves (hashes, roots, balances as recorded), never computed by the code under test; tampered
 * copies must fail at the tampered exchange, and unusable recordings must be skipped, never passed.
 */
class JsonRpcSuiteTest {
  private static final Path V = Path.of("vectors");
  private static final Path EAPI = V.resolve("execution-apis/tests");
  private static final Path HELIOS = V.resolve("helios/tests/testdata");
  private static final Path LODESTAR = V.resolve("lodestar/packages/prover/test/fixtures");

  @TempDir Path tmp;

  private static RunResult run(final Path... p) throws IOException {
    return new VectorRunner().run(List.of(p));
  }

  private static Map<String, FileResult> byName(final RunResult r) {
    return r.files().stream().collect(Collectors.toMap(FileResult::displayName, f -> f, (a, b) -> a, TreeMap::new));
  }

  private static CaseResult only(final FileResult f) {
    assertEquals(1, f.cases().size(), f.displayName());
    return f.cases().get(0);
  }

  @Test
  void executionApisRecordingsCheckAgainstTheirSet() throws IOException {
    final RunResult r = run(EAPI);
    assertEquals(0, r.failed());
    final Map<String, FileResult> f = byName(r);
    // every eth_getProof is verified against block 54 (the set's 'latest', or named by hash)
    for (final String p : List.of("get-account-proof-blockhash", "get-account-proof-default-block",
        "get-account-proof-latest", "get-account-proof-with-storage")) {
      final CaseResult c = only(f.get("eth_getProof/" + p + ".io"));
      assertEquals(Status.PASSED, c.status(), p);
      assertTrue(c.message().contains("against the state root of block 54 "
          + "(0xd226371d0b1551adb03fb52b71f08e3e11247fe9b1af994768af8cdaa8e7dcd7"), c.message());
    }
    // the receipt lists rebuild the receipts roots of blocks 0, 1 and 54
    for (final String p : List.of("0", "by-hash", "earliest", "latest", "n")) {
      assertEquals(Status.PASSED, only(f.get("eth_getBlockReceipts/get-block-receipts-" + p + ".io")).status(), p);
    }
    // eth_getStorageAt equals the value the storage proof proves (0x38 as recorded)
    final CaseResult st = only(f.get("eth_getStorageAt/get-storage.io"));
    assertEquals(Status.PASSED, st.status());
    assertTrue(st.message().startsWith("slot value 56 equals the value proven by eth_getProof"), st.message());
    // every block of chain.rlp
    assertEquals(ChainRlpSuite.NAME, f.get("chain.rlp").suite());
    assertEquals(54, f.get("chain.rlp").passed());
    // error responses and null results are skipped with the reason, never passed
    for (final String p : List.of("debug_getRawBlock/get-invalid-number.io", "eth_getLogs/filter-error-reversed-block-range.io",
        "eth_getBlockByNumber/get-block-notfound.io", "eth_getTransactionByHash/get-notfound-tx.io")) {
      final CaseResult c = only(f.get(p));
      assertEquals(Status.SKIPPED, c.status(), p);
      assertTrue(c.message().startsWith("error response") || c.message().startsWith("result is null"), c.message());
    }
    // a receipt of a 4-transaction block whose full list is not recorded cannot be tied to a root
    final CaseResult rc = only(f.get("eth_getTransactionReceipt/get-dynamic-fee.io"));
    assertEquals(Status.SKIPPED, rc.status());
    assertTrue(rc.message().startsWith("bloom checked only"), rc.message());
    // genesis.json, forkenv.json, headfcu.json are not recordings
    assertEquals(FileResult.NO_SUITE, f.get("genesis.json").suite());
    // 54 chain.rlp blocks and 39 exchanges with a check (the other 31 exchanges are skipped with a reason)
    assertEquals(54 + 39, r.passed());
    assertEquals(31, r.skipped() - (int) r.files().stream().filter(x -> x.skipReason().isPresent()).count());
  }

  @Test
  void aProofAloneHasNoBlockToCheckAgainstAndIsSkipped() throws IOException {
    final RunResult r = run(EAPI.resolve("eth_getProof/get-account-proof-latest.io"));
    final CaseResult c = only(r.files().get(0));
    assertEquals(Status.SKIPPED, c.status());
    assertTrue(c.message().contains("no eth_getBlockByNumber('latest') answer in the recording set"), c.message());
    assertEquals(0, r.passed());
  }

  @Test
  void aTamperedProofNodeFailsAndOnlyThatCase() throws IOException {
    final Path dir = copyTree(EAPI);
    final Path p = dir.resolve("eth_getProof/get-account-proof-latest.io");
    final String text = Files.readString(p);
    // the root node's first child reference: change one nibble of it
    final String node = "\"accountProof\":[\"0xf90211a0";
    final int at = text.indexOf(node) + node.length();
    final char c = text.charAt(at);
    Files.writeString(p, text.substring(0, at) + (c == '0' ? '1' : '0') + text.substring(at + 1));
    final RunResult r = run(dir);
    assertEquals(1, r.failed());
    final FileResult f = byName(r).get("eth_getProof/get-account-proof-latest.io");
    assertTrue(f.failures().get(0).message().startsWith("MPT_"), f.failures().get(0).message());
  }

  @Test
  void aTamperedBlockFieldFailsTheBlockAndUnanchorsWhatDependsOnIt() throws IOException {
    final Path dir = copyTree(EAPI);
    final Path p = dir.resolve("eth_getBlockByNumber/get-block-shanghai-fork.io");
    final String text = Files.readString(p);
    assertTrue(text.contains("\"gasUsed\":\""));
    Files.writeString(p, text.replaceFirst("\"gasUsed\":\"0x", "\"gasUsed\":\"0x1"));
    final RunResult r = run(dir);
    assertEquals(1, r.failed());
    assertTrue(only(byName(r).get("eth_getBlockByNumber/get-block-shanghai-fork.io")).message()
        .startsWith("BLOCK_HASH_MISMATCH"));
  }

  @Test
  void aTamperedBalanceOrReceiptFails() throws IOException {
    final Path eoa = tmp.resolve("eoa.json");
    final String text = Files.readString(LODESTAR.resolve("sepolia/eth_getBalance_eoa.json"));
    assertTrue(text.contains("\"result\": \"0x198fa8f6019f0dfc20\""));
    Files.writeString(eoa, text.replace("\"result\": \"0x198fa8f6019f0dfc20\"", "\"result\": \"0x198fa8f6019f0dfc21\""));
    final RunResult r = run(eoa);
    assertEquals(1, r.failed());
    assertTrue(r.files().get(0).failures().get(0).message().startsWith("balance 471520396073073769505 differs"));

    final Path dir = copyTree(EAPI);
    final Path rc = dir.resolve("eth_getBlockReceipts/get-block-receipts-n.io");
    final String rt = Files.readString(rc);
    assertTrue(rt.contains("\"cumulativeGasUsed\":\"0x102d3\""));
    Files.writeString(rc, rt.replace("\"cumulativeGasUsed\":\"0x102d3\"", "\"cumulativeGasUsed\":\"0x102d4\""));
    final RunResult r2 = run(dir);
    assertTrue(r2.failed() >= 1);
    assertTrue(only(byName(r2).get("eth_getBlockReceipts/get-block-receipts-n.io")).message()
        .startsWith("RECEIPTS_ROOT_MISMATCH"));
  }

  @Test
  void heliosAndLodestarRecordingsPass() throws IOException {
    final RunResult h = run(HELIOS);
    assertEquals(0, h.failed());
    final Map<String, FileResult> f = byName(h);
    for (final String p : List.of("rpc/block.json", "rpc/receipts.json", "rpc/proof.json", "rpc/block_miner_proof.json",
        "rpc/receipt.json", "rpc/logs.json", "verifiable_api/receipt.json", "verifiable_api/logs.json",
        "verifiable_api/access_list.json")) {
      assertEquals(Status.PASSED, only(f.get(p)).status(), p);
    }
    assertTrue(only(f.get("rpc/receipts.json")).message().startsWith("receiptsRoot of block 21925176 (rpc/block.json)"
        + " rebuilt from 202 receipt(s)"));
    assertEquals(FileResult.NO_SUITE, f.get("rpc/fee_history.json").suite());

    // real mainnet beacon blocks: the payload rebuilds the block_hash recorded in the block
    final RunResult b = run(V.resolve("helios/ethereum/testdata/blocks"));
    assertEquals(2, b.passed());
    assertTrue(only(b.files().get(0)).message().contains(
        "rebuilds block_hash 0xbc8499537876e5406c7a65e25f99063f1cd85a17014a3aa5ade38271b1fbf64f"));

    final RunResult l = run(LODESTAR);
    assertEquals(0, l.failed());
    // eth_call: 6 checked (2 proofs, 2 code hashes, block, payload), eth_call and eth_createAccessList skipped;
    // each eth_getBalance fixture: balance, proof, block, payload
    assertEquals(6 + 4 + 4, l.passed());
    assertEquals(2, l.skipped());
  }

  @Test
  void aVerifiableAccountWhoseCodeDoesNotHashToItsCodeHashFails() throws IOException {
    final Path dir = copyTree(HELIOS);
    final Path p = dir.resolve("verifiable_api/access_list.json");
    final String text = Files.readString(p);
    final int at = text.indexOf("\"code\": \"0x60") >= 0 ? text.indexOf("\"code\": \"0x60") : text.indexOf("\"code\":\"0x60");
    assertTrue(at >= 0, "code member");
    final int digit = text.indexOf("0x60", at) + 2;
    Files.writeString(p, text.substring(0, digit) + "61" + text.substring(digit + 2));
    final FileResult f = byName(run(dir)).get("verifiable_api/access_list.json");
    assertEquals(1, f.failed());
    assertTrue(f.failures().get(0).message().contains("keccak of the code is"), f.failures().get(0).message());
  }

  @Test
  void malformedTranscriptsFailTheirExchangeWithoutCrashing() throws IOException {
    final String good = Files.readString(EAPI.resolve("eth_getBlockByNumber/get-genesis.io")).strip();
    Files.writeString(tmp.resolve("a.io"), good + "\n>> {\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"eth_chainId\"\n"
        + "<< {\"jsonrpc\":\"2.0\",\"id\":2,\"result\":\"0x1\"}\n<< {\"jsonrpc\":\"2.0\"}\nnoise\n>> {\"method\":\"x\"}\n");
    final RunResult r = run(tmp.resolve("a.io"));
    final List<CaseResult> cs = r.files().get(0).cases();
    assertEquals(JsonRpcSuite.NAME, r.files().get(0).suite());
    assertEquals(Status.PASSED, cs.get(0).status());
    assertEquals(1, r.passed());
    assertEquals(cs.size() - 1, r.failed());
    for (final CaseResult c : cs.subList(1, cs.size())) {
      assertTrue(c.message().startsWith("malformed recording: "), c.name() + ": " + c.message());
    }
  }

  @Test
  void unknownShapesAreNotRecognisedAndGarbageNeverCrashes() throws IOException {
    Files.writeString(tmp.resolve("a.json"), "{\"foo\":1}");
    Files.writeString(tmp.resolve("b.json"), "[\"0x92dabfa3f61ff1c349d12f5fd0dd4c99760a0a41b77dee8f0a80f83efdcb307a\"]");
    Files.writeString(tmp.resolve("c.json"), "{\"hash\":\"0x00\",\"parentHash\":1,\"stateRoot\":[],\"transactionsRoot\":{}}");
    Files.writeString(tmp.resolve("d.io"), ">> {\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getProof\",\"params\":[1,2,3]}\n"
        + "<< {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"address\":7,\"accountProof\":\"x\"}}\n");
    Files.write(tmp.resolve("e.rlp"), new byte[] {(byte) 0xf9, 0x01, 0x00, 0x01});
    Files.writeString(tmp.resolve("f.txt"), "");
    Files.writeString(tmp.resolve("g.io"), ">> {\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"logs+receiptProofs\"}\n"
        + "<< {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":[]}\n");
    final RunResult r = run(tmp);
    final Map<String, FileResult> f = byName(r);
    assertEquals(FileResult.NO_SUITE, f.get("a.json").suite());
    assertEquals(FileResult.NO_SUITE, f.get("b.json").suite());
    assertEquals(FileResult.NO_SUITE, f.get("e.rlp").suite());
    assertEquals(FileResult.NO_SUITE, f.get("f.txt").suite());
    // a block-shaped object with wrong member types is a malformed block, and a malformed proof fails
    assertEquals(Status.FAILED, only(f.get("c.json")).status());
    assertEquals(Status.FAILED, only(f.get("d.io")).status());
    assertEquals(Status.FAILED, only(f.get("g.io")).status());
    assertTrue(only(f.get("g.io")).message().startsWith("INPUT_MALFORMED"), only(f.get("g.io")).message());
    assertEquals(0, r.passed());
    assertFalse(r.success());
  }

  @Test
  void aTruncatedChainFileFailsItsTailAndKeepsTheWholeBlocks() throws IOException {
    final byte[] all = Files.readAllBytes(EAPI.resolve("chain.rlp"));
    final Path cut = tmp.resolve("chain.rlp");
    Files.write(cut, java.util.Arrays.copyOf(all, all.length - 10));
    final RunResult r = run(cut);
    assertEquals(ChainRlpSuite.NAME, r.files().get(0).suite());
    assertEquals(53, r.passed());
    assertEquals(1, r.failed());
    assertTrue(r.files().get(0).failures().get(0).message().contains("are not a block"));
  }

  private Path copyTree(final Path from) throws IOException {
    final Path to = tmp.resolve("copy");
    try (Stream<Path> s = Files.walk(from)) {
      for (final Path p : s.toList()) {
        final Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return to;
  }
}
