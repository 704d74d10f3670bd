package io.trestle.proofs.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.proofs.state.Account;
import io.trestle.proofs.state.VerifiedAccount;
import io.trestle.proofs.state.VerifiedSlot;
import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Address;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Keccak256;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import io.trestle.proofs.json.RpcJson;
import io.trestle.proofs.mpt.TrieBuilder;
import io.trestle.proofs.rlp.RlpWriter;
import io.trestle.testbase.Vectors;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * EIP-1186 verification on real {@code eth_getProof} data (helios mainnet, lodestar mainnet/sepolia,
 * execution-apis hive chain), with expected values read from the upstream files, plus mutations.
 */
class AccountProofVerifierTest {
  static final Path VECTORS = Vectors.root();
  static final Path HELIOS_RPC = VECTORS.resolve("helios/tests/testdata/rpc");
  static final Path EXEC_APIS = VECTORS.resolve("execution-apis/tests");

  static JsonNode json(final Path p) {
    try {
      return RpcJson.parse(Files.readString(p));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Hash32 heliosStateRoot() {
    return RpcJson.hash(RpcJson.unwrapResult(json(HELIOS_RPC.resolve("block.json"))), "stateRoot");
  }

  static AccountProofResponse response(final JsonNode n) {
    return AccountProofResponse.fromJson(n);
  }

  static <T> T verified(final ProofResult<T> r) {
    assertInstanceOf(ProofResult.Verified.class, r, () -> r.toString());
    return r.orElseThrow();
  }

  static void rejected(final ProofResult<?> r, final Reason reason, final String... detailParts) {
    assertInstanceOf(ProofResult.Rejected.class, r, () -> "expected rejection " + reason + ", got " + r);
    final ProofResult.Rejected<?> rj = (ProofResult.Rejected<?>) r;
    assertEquals(reason, rj.reason(), rj.detail());
    for (final String part : detailParts) {
      assertTrue(rj.detail().contains(part), () -> "detail '" + rj.detail() + "' should mention '" + part + "'");
    }
  }

  /** Asserts that the verified present account equals the fields the upstream JSON claims. */
  static void assertMatchesJson(final VerifiedAccount va, final JsonNode result) {
    assertEquals(Address.fromHex(result.get("address").asText()), va.address());
    final Account a = va.account().orElseThrow();
    assertEquals(new BigInteger(result.get("nonce").asText().substring(2), 16).longValue(), a.nonce());
    assertEquals(new BigInteger(result.get("balance").asText().substring(2), 16), a.balance());
    assertEquals(Hash32.fromHex(result.get("storageHash").asText()), a.storageRoot());
    assertEquals(Hash32.fromHex(result.get("codeHash").asText()), a.codeHash());
  }

  // --- happy paths on real data -------------------------------------------------------------------

  @Test
  void helios_depositContract_withStorageSlot() {
    final JsonNode j = json(HELIOS_RPC.resolve("proof.json"));
    final VerifiedAccount va = verified(AccountProofVerifier.verify(heliosStateRoot(), response(j)));
    assertMatchesJson(va, RpcJson.unwrapResult(j));
    final Account a = va.account().orElseThrow();
    assertEquals(1L, a.nonce());
    assertEquals(new BigInteger("2fb161afe600a5b2605040", 16), a.balance());
    assertEquals(1, va.storage().size());
    final VerifiedSlot s = va.storage().get(0);
    assertEquals(Hash32.fromHex("0x0000000000000000000000000000000000000000000000000000000000000001"), s.key());
    assertEquals(new BigInteger("2394e3bc4086a9625ae88307145a40ff4a4bf2c9a6755435bff86b22d6175d5f", 16), s.value());
    assertTrue(s.present());
  }

  @Test
  void helios_blockMiner_eoa() {
    final JsonNode j = json(HELIOS_RPC.resolve("block_miner_proof.json"));
    final Address miner = Address.fromHex("0x4838b106fce9647bdf1e7877bf73ce8b0bad5f97");
    final VerifiedAccount va = verified(AccountProofVerifier.verify(heliosStateRoot(), miner, response(j)));
    assertMatchesJson(va, RpcJson.unwrapResult(j));
    final Account a = va.account().orElseThrow();
    assertEquals(Account.EMPTY_CODE_HASH, a.codeHash());
    assertEquals(Account.EMPTY_STORAGE_ROOT, a.storageRoot());
    assertEquals(0x13e79eL, a.nonce());
    assertTrue(va.storage().isEmpty());
  }

  @Test
  void lodestar_allGetProofResponses() {
    int count = 0;
    for (final String f : List.of("mainnet/eth_call.json", "sepolia/eth_getBalance_eoa.json",
        "sepolia/eth_getBalance_contract.json")) {
      final JsonNode fixture = json(VECTORS.resolve("lodestar/packages/prover/test/fixtures/" + f));
      final Hash32 root = RpcJson.hash(fixture.get("execution").get("block"), "stateRoot");
      for (final JsonNode dep : fixture.get("dependentRequests")) {
        final List<JsonNode> payloads = asList(dep.get("payload"));
        final List<JsonNode> responses = asList(dep.get("response"));
        for (int i = 0; i < payloads.size(); i++) {
          if (!payloads.get(i).get("method").asText().equals("eth_getProof")) {
            continue;
          }
          final JsonNode resp = responses.get(i);
          assertEquals(payloads.get(i).get("id"), resp.get("id"));
          final Address asked = Address.fromHex(payloads.get(i).get("params").get(0).asText());
          final VerifiedAccount va = verified(AccountProofVerifier.verify(root, asked, response(resp)));
          assertMatchesJson(va, resp.get("result"));
          count++;
        }
      }
    }
    assertEquals(4, count, "eth_getProof responses in the lodestar fixtures");
  }

  private static List<JsonNode> asList(final JsonNode n) {
    final List<JsonNode> out = new ArrayList<>();
    if (n.isArray()) {
      n.forEach(out::add);
    } else {
      out.add(n);
    }
    return out;
  }

  /** The {@code <<} response lines of an execution-apis {@code .io} transcript, in order. */
  static List<JsonNode> ioResponses(final String file) {
    return ioLines(file, "<< ");
  }

  static List<JsonNode> ioLines(final String file, final String prefix) {
    try {
      final List<JsonNode> out = new ArrayList<>();
      for (final String line : Files.readAllLines(EXEC_APIS.resolve(file))) {
        if (line.startsWith(prefix)) {
          out.add(RpcJson.parse(line.substring(prefix.length())));
        }
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The hive chain head (block 54): eth_getProof with "latest" or its hash is taken at this block. */
  static Hash32 hiveHeadStateRoot() {
    final JsonNode head = ioResponses("eth_getBlockByNumber/get-latest.io").get(0).get("result");
    assertEquals("0x36", head.get("number").asText());
    final JsonNode req = ioLines("eth_getProof/get-account-proof-blockhash.io", ">> ").get(0);
    assertEquals(req.get("params").get(2).asText(), head.get("hash").asText(), "proof taken at the head block");
    return RpcJson.hash(head, "stateRoot");
  }

  @Test
  void executionApis_allProofTranscripts() {
    final Hash32 root = hiveHeadStateRoot();
    final Address addr = Address.fromHex("0x7dcd17433742f4c0ca53122ab541d0ba67fc27df");
    for (final String f : List.of("get-account-proof-blockhash.io", "get-account-proof-default-block.io",
        "get-account-proof-latest.io", "get-account-proof-with-storage.io")) {
      final JsonNode resp = ioResponses("eth_getProof/" + f).get(0);
      final VerifiedAccount va = verified(AccountProofVerifier.verify(root, addr, response(resp)));
      assertMatchesJson(va, resp.get("result"));
      assertEquals(BigInteger.valueOf(0x76), va.account().orElseThrow().balance(), f);
    }
  }

  @Test
  void executionApis_storageSlotZero_quantityKey() {
    final JsonNode resp = ioResponses("eth_getProof/get-account-proof-with-storage.io").get(0);
    assertEquals("0x0", resp.get("result").get("storageProof").get(0).get("key").asText());
    final VerifiedAccount va = verified(AccountProofVerifier.verify(hiveHeadStateRoot(), response(resp)));
    assertEquals(List.of(StateResults.factory().slot(Hash32.ZERO, BigInteger.valueOf(0x38), true)), va.storage());
  }

  // --- mutations of real data ---------------------------------------------------------------------

  static AccountProofResponse helios() {
    return response(json(HELIOS_RPC.resolve("proof.json")));
  }

  static AccountProofResponse with(final AccountProofResponse r, final long nonce, final BigInteger balance,
      final Hash32 codeHash, final Hash32 storageHash) {
    return new AccountProofResponse(r.address(), balance, nonce, codeHash, storageHash, r.accountProof(),
        r.storageProof());
  }

  @Test
  void mutation_nonce() {
    final AccountProofResponse r = helios();
    rejected(AccountProofVerifier.verify(heliosStateRoot(),
        with(r, 2, r.balance(), r.codeHash(), r.storageHash())), Reason.ACCOUNT_FIELD_MISMATCH, "nonce", "2", "1");
  }

  @Test
  void mutation_balance() {
    final AccountProofResponse r = helios();
    rejected(AccountProofVerifier.verify(heliosStateRoot(),
        with(r, r.nonce(), r.balance().add(BigInteger.ONE), r.codeHash(), r.storageHash())),
        Reason.ACCOUNT_FIELD_MISMATCH, "balance");
  }

  @Test
  void mutation_storageHash() {
    final AccountProofResponse r = helios();
    rejected(AccountProofVerifier.verify(heliosStateRoot(),
        with(r, r.nonce(), r.balance(), r.codeHash(), Account.EMPTY_STORAGE_ROOT)),
        Reason.ACCOUNT_FIELD_MISMATCH, "storageHash", Account.EMPTY_STORAGE_ROOT.toString());
  }

  @Test
  void mutation_codeHash() {
    final AccountProofResponse r = helios();
    rejected(AccountProofVerifier.verify(heliosStateRoot(),
        with(r, r.nonce(), r.balance(), Account.EMPTY_CODE_HASH, r.storageHash())),
        Reason.ACCOUNT_FIELD_MISMATCH, "codeHash");
  }

  @Test
  void mutation_storageValue() {
    final AccountProofResponse r = helios();
    final AccountProofResponse.StorageProof sp = r.storageProof().get(0);
    for (final BigInteger v : List.of(sp.value().add(BigInteger.ONE), BigInteger.ZERO)) {
      final AccountProofResponse m = new AccountProofResponse(r.address(), r.balance(), r.nonce(), r.codeHash(),
          r.storageHash(), r.accountProof(), List.of(new AccountProofResponse.StorageProof(sp.key(), v, sp.proof())));
      rejected(AccountProofVerifier.verify(heliosStateRoot(), m), Reason.STORAGE_VALUE_MISMATCH, "storageProof[0]");
    }
  }

  @Test
  void mutation_storageProofForAnotherSlot() {
    final AccountProofResponse r = helios();
    final AccountProofResponse.StorageProof sp = r.storageProof().get(0);
    final AccountProofResponse m = new AccountProofResponse(r.address(), r.balance(), r.nonce(), r.codeHash(),
        r.storageHash(), r.accountProof(),
        List.of(new AccountProofResponse.StorageProof(Hash32.ZERO, sp.value(), sp.proof())));
    final ProofResult<VerifiedAccount> res = AccountProofVerifier.verify(heliosStateRoot(), m);
    assertFalse(res.isVerified(), res::toString);
  }

  @Test
  void mutation_proofOfAnotherAddress() {
    final AccountProofResponse r = helios();
    final Address miner = Address.fromHex("0x4838b106fce9647bdf1e7877bf73ce8b0bad5f97");
    final AccountProofResponse m = new AccountProofResponse(miner, r.balance(), r.nonce(), r.codeHash(),
        r.storageHash(), r.accountProof(), r.storageProof());
    // keccak(miner) and keccak(deposit contract) leave the root branch through different slots, so the
    // second node is not the one the root references for the miner's key.
    rejected(AccountProofVerifier.verify(heliosStateRoot(), m), Reason.MPT_HASH_MISMATCH, "account proof of");
    rejected(AccountProofVerifier.verify(heliosStateRoot(), miner, r), Reason.ACCOUNT_ADDRESS_MISMATCH);
  }

  @Test
  void mutation_wrongStateRoot() {
    final Hash32 other = RpcJson.hash(RpcJson.unwrapResult(json(HELIOS_RPC.resolve("block.json"))), "parentHash");
    rejected(AccountProofVerifier.verify(other, helios()), Reason.MPT_ROOT_MISMATCH);
  }

  @Test
  void mutation_truncatedAccountProof() {
    final AccountProofResponse r = helios();
    final AccountProofResponse m = new AccountProofResponse(r.address(), r.balance(), r.nonce(), r.codeHash(),
        r.storageHash(), r.accountProof().subList(0, r.accountProof().size() - 1), r.storageProof());
    rejected(AccountProofVerifier.verify(heliosStateRoot(), m), Reason.MPT_INCOMPLETE);
  }

  // --- absent accounts and synthetic state tries --------------------------------------------------

  static final Address A1 = Address.fromHex("0x1111111111111111111111111111111111111111");
  static final Address A2 = Address.fromHex("0x2222222222222222222222222222222222222222");
  static final Address MISSING = Address.fromHex("0x3333333333333333333333333333333333333333");

  static byte[] accountRlp(final long nonce, final long balance, final Hash32 storage, final Hash32 code) {
    return RlpWriter.list(RlpWriter.uint(nonce), RlpWriter.uint(balance), RlpWriter.string(storage),
        RlpWriter.string(code));
  }

  static TrieBuilder stateWith(final byte[] a1Value) {
    final TrieBuilder t = new TrieBuilder();
    t.put(Keccak256.hash(A1.toArray()).toArray(), a1Value);
    t.put(Keccak256.hash(A2.toArray()).toArray(),
        accountRlp(7, 1000, Account.EMPTY_STORAGE_ROOT, Account.EMPTY_CODE_HASH));
    return t;
  }

  static AccountProofResponse absentClaim(final TrieBuilder t, final long nonce, final BigInteger balance,
      final Hash32 code, final Hash32 storage, final List<AccountProofResponse.StorageProof> slots) {
    return new AccountProofResponse(MISSING, balance, nonce, code, storage,
        t.proof(Keccak256.hash(MISSING.toArray()).toArray()), slots);
  }

  @Test
  void absentAccount_withGethEmptyValues_isAbsentNotZeroed() {
    final TrieBuilder t = stateWith(accountRlp(1, 5, Account.EMPTY_STORAGE_ROOT, Account.EMPTY_CODE_HASH));
    final AccountProofResponse r = absentClaim(t, 0, BigInteger.ZERO, Account.EMPTY_CODE_HASH,
        Account.EMPTY_STORAGE_ROOT, List.of(new AccountProofResponse.StorageProof(Hash32.ZERO, BigInteger.ZERO,
            List.of())));
    final VerifiedAccount va = verified(AccountProofVerifier.verify(t.root(), MISSING, r));
    assertTrue(va.account().isEmpty(), "proven absent");
    assertTrue(va.account().isEmpty());
    assertEquals(List.of(StateResults.factory().slot(Hash32.ZERO, BigInteger.ZERO, false)), va.storage());
  }

  @Test
  void absentAccount_nonEmptyClaims_rejected() {
    final TrieBuilder t = stateWith(accountRlp(1, 5, Account.EMPTY_STORAGE_ROOT, Account.EMPTY_CODE_HASH));
    final Hash32 root = t.root();
    final Hash32 e = Account.EMPTY_STORAGE_ROOT;
    final Hash32 c = Account.EMPTY_CODE_HASH;
    rejected(AccountProofVerifier.verify(root, absentClaim(t, 0, BigInteger.TEN, c, e, List.of())),
        Reason.ACCOUNT_FIELD_MISMATCH, "balance", "absent");
    rejected(AccountProofVerifier.verify(root, absentClaim(t, 1, BigInteger.ZERO, c, e, List.of())),
        Reason.ACCOUNT_FIELD_MISMATCH, "nonce");
    // A hash that is neither the empty value nor geth's zero (the other field's empty value, for instance).
    rejected(AccountProofVerifier.verify(root, absentClaim(t, 0, BigInteger.ZERO, c, c, List.of())),
        Reason.ACCOUNT_FIELD_MISMATCH, "storageHash");
    rejected(AccountProofVerifier.verify(root, absentClaim(t, 0, BigInteger.ZERO, e, e, List.of())),
        Reason.ACCOUNT_FIELD_MISMATCH, "codeHash");
  }

  @Test
  void absentAccount_withGethZeroHashes_isAbsent() {
    // geth (internal/ethapi GetProof) reports codeHash = statedb.GetCodeHash and storageHash =
    // statedb.GetStorageRoot, both common.Hash{} (zero) for an account that does not exist: a liveness case.
    final TrieBuilder t = stateWith(accountRlp(1, 5, Account.EMPTY_STORAGE_ROOT, Account.EMPTY_CODE_HASH));
    final AccountProofResponse r = absentClaim(t, 0, BigInteger.ZERO, Hash32.ZERO, Hash32.ZERO,
        List.of(new AccountProofResponse.StorageProof(Hash32.ZERO, BigInteger.ZERO, List.of())));
    final VerifiedAccount va = verified(AccountProofVerifier.verify(t.root(), MISSING, r));
    assertTrue(va.account().isEmpty(), "proven absent");
    assertEquals(List.of(StateResults.factory().slot(Hash32.ZERO, BigInteger.ZERO, false)), va.storage());
    // The zero claims never become a storage root: a non-empty storage proof is still checked against the
    // empty trie root.
    final TrieBuilder storage = new TrieBuilder();
    storage.put(Keccak256.hash(new byte[32]).toArray(), RlpWriter.uint(9));
    rejected(AccountProofVerifier.verify(t.root(), absentClaim(t, 0, BigInteger.ZERO, Hash32.ZERO, Hash32.ZERO,
        List.of(new AccountProofResponse.StorageProof(Hash32.ZERO, BigInteger.valueOf(9),
            storage.proof(Keccak256.hash(new byte[32]).toArray()))))),
        Reason.MPT_ROOT_MISMATCH);
  }

  @Test
  void absentAccount_storageClaims() {
    final TrieBuilder t = stateWith(accountRlp(1, 5, Account.EMPTY_STORAGE_ROOT, Account.EMPTY_CODE_HASH));
    final Hash32 e = Account.EMPTY_STORAGE_ROOT;
    final Hash32 c = Account.EMPTY_CODE_HASH;
    // Non-zero claimed value for a slot of an absent account.
    rejected(AccountProofVerifier.verify(t.root(), absentClaim(t, 0, BigInteger.ZERO, c, e,
        List.of(new AccountProofResponse.StorageProof(Hash32.ZERO, BigInteger.ONE, List.of())))),
        Reason.STORAGE_VALUE_MISMATCH);
    // A non-empty storage proof cannot be about the empty trie.
    final TrieBuilder storage = new TrieBuilder();
    storage.put(Keccak256.hash(new byte[32]).toArray(), RlpWriter.uint(9));
    rejected(AccountProofVerifier.verify(t.root(), absentClaim(t, 0, BigInteger.ZERO, c, e,
        List.of(new AccountProofResponse.StorageProof(Hash32.ZERO, BigInteger.valueOf(9),
            storage.proof(Keccak256.hash(new byte[32]).toArray()))))),
        Reason.MPT_ROOT_MISMATCH);
  }

  /** A present account with a real storage trie: present and absent slots, each claim checked. */
  @Test
  void syntheticStorage_presentAndAbsentSlots() {
    final TrieBuilder storage = new TrieBuilder();
    final Hash32 slot1 = Hash32.fromHex("0x0000000000000000000000000000000000000000000000000000000000000001");
    final Hash32 slot2 = Hash32.fromHex("0x0000000000000000000000000000000000000000000000000000000000000002");
    for (int i = 1; i <= 20; i++) {
      if (i != 2) {
        final byte[] k = new byte[32];
        k[31] = (byte) i;
        storage.put(Keccak256.hash(k).toArray(), RlpWriter.uint(0x100L * i));
      }
    }
    final Hash32 code = Keccak256.hash(new byte[] {0x60, 0x00});
    final TrieBuilder t = stateWith(accountRlp(3, 77, storage.root(), code));
    final List<Bytes> acctProof = t.proof(Keccak256.hash(A1.toArray()).toArray());
    final List<Bytes> p1 = storage.proof(Keccak256.hash(slot1.toArray()).toArray());
    final List<Bytes> p2 = storage.proof(Keccak256.hash(slot2.toArray()).toArray());
    final AccountProofResponse ok = new AccountProofResponse(A1, BigInteger.valueOf(77), 3, code, storage.root(),
        acctProof, List.of(new AccountProofResponse.StorageProof(slot1, BigInteger.valueOf(0x100), p1),
            new AccountProofResponse.StorageProof(slot2, BigInteger.ZERO, p2)));
    final VerifiedAccount va = verified(AccountProofVerifier.verify(t.root(), A1, ok));
    assertEquals(List.of(StateResults.factory().slot(slot1, BigInteger.valueOf(0x100), true),
        StateResults.factory().slot(slot2, BigInteger.ZERO, false)), va.storage());
    // Non-zero claimed where the proof shows absence.
    final AccountProofResponse bad = new AccountProofResponse(A1, BigInteger.valueOf(77), 3, code, storage.root(),
        acctProof, List.of(new AccountProofResponse.StorageProof(slot2, BigInteger.ONE, p2)));
    rejected(AccountProofVerifier.verify(t.root(), bad), Reason.STORAGE_VALUE_MISMATCH, "storageProof[0]", "absent");
  }

  @Test
  void malformedAccountLeaf_rejected() {
    final Hash32 e = Account.EMPTY_STORAGE_ROOT;
    final Hash32 c = Account.EMPTY_CODE_HASH;
    final List<byte[]> leaves = List.of(
        RlpWriter.list(RlpWriter.uint(1), RlpWriter.uint(5), RlpWriter.string(e)), // 3 items
        RlpWriter.list(RlpWriter.uint(1), RlpWriter.uint(5), RlpWriter.string(e), RlpWriter.string(c),
            RlpWriter.uint(0)), // 5 items
        RlpWriter.list(RlpWriter.string(new byte[] {0, 1}), RlpWriter.uint(5), RlpWriter.string(e),
            RlpWriter.string(c)), // nonce with a leading zero
        RlpWriter.list(RlpWriter.uint(1), RlpWriter.uint(5), RlpWriter.string(new byte[31]),
            RlpWriter.string(c)), // 31-byte storage root
        RlpWriter.list(RlpWriter.uint(1), RlpWriter.string(new byte[33]), RlpWriter.string(e),
            RlpWriter.string(c)), // 33-byte balance
        RlpWriter.string(new byte[40])); // not a list
    for (final byte[] leaf : leaves) {
      final TrieBuilder t = stateWith(leaf);
      final AccountProofResponse r = new AccountProofResponse(A1, BigInteger.ZERO, 0, c, e,
          t.proof(Keccak256.hash(A1.toArray()).toArray()), List.of());
      rejected(AccountProofVerifier.verify(t.root(), r), Reason.ACCOUNT_MALFORMED, "account");
    }
  }

  @Test
  void malformedStorageLeaf_rejected() {
    for (final byte[] leaf : List.of(RlpWriter.uint(0), new byte[] {(byte) 0x82, 0, 1},
        RlpWriter.list(RlpWriter.uint(1)), RlpWriter.string(new byte[33]))) {
      final TrieBuilder storage = new TrieBuilder();
      storage.put(Keccak256.hash(new byte[32]).toArray(), leaf);
      storage.put(Keccak256.hash(new byte[] {1}).toArray(), RlpWriter.uint(1));
      final TrieBuilder t = stateWith(accountRlp(0, 0, storage.root(), Account.EMPTY_CODE_HASH));
      final AccountProofResponse r = new AccountProofResponse(A1, BigInteger.ZERO, 0, Account.EMPTY_CODE_HASH,
          storage.root(), t.proof(Keccak256.hash(A1.toArray()).toArray()),
          List.of(new AccountProofResponse.StorageProof(Hash32.ZERO, BigInteger.ONE,
              storage.proof(Keccak256.hash(new byte[32]).toArray()))));
      rejected(AccountProofVerifier.verify(t.root(), r), Reason.ACCOUNT_MALFORMED, "storage");
    }
  }

  // --- parsing ------------------------------------------------------------------------------------

  @Test
  void parse_bareAndFullResponseAgree() throws IOException {
    final String full = Files.readString(HELIOS_RPC.resolve("proof.json"));
    final JsonNode fullNode = RpcJson.parse(full);
    final AccountProofResponse a = AccountProofResponse.parse(full).orElseThrow();
    final JsonNode bare = RpcJson.unwrapResult(fullNode);
    assertEquals(a, AccountProofResponse.parse(bare.toString()).orElseThrow());
  }

  @Test
  void parse_storageKeyForms() {
    final Hash32 one = Hash32.fromHex("0x0000000000000000000000000000000000000000000000000000000000000001");
    for (final String k : List.of("0x1", "0x01", "0x0001", "0x" + "0".repeat(63) + "1")) {
      assertEquals(one, AccountProofResponse.slotKey(RpcJson.parse("\"" + k + "\""), "key"), k);
    }
    assertEquals(Hash32.fromHex("0x" + "0".repeat(60) + "abcd"),
        AccountProofResponse.slotKey(RpcJson.parse("\"0xABcd\""), "key"));
    for (final String bad : List.of("\"0x\"", "\"1\"", "\"0x" + "0".repeat(65) + "\"", "\"0xg1\"", "1")) {
      final ProofResult<Hash32> r = ProofResult.of(() -> AccountProofResponse.slotKey(RpcJson.parse(bad), "key"));
      rejected(r, Reason.INPUT_MALFORMED);
    }
  }

  @Test
  void parse_malformedInputs() {
    final String base = RpcJson.unwrapResult(json(HELIOS_RPC.resolve("block_miner_proof.json"))).toString();
    rejected(AccountProofResponse.parse("{"), Reason.INPUT_MALFORMED);
    rejected(AccountProofResponse.parse("[]"), Reason.INPUT_MALFORMED);
    rejected(AccountProofResponse.parse(base.replace("\"nonce\":\"0x13e79e\"", "\"nonce\":\"0x013e79e\"")),
        Reason.INPUT_MALFORMED, "nonce");
    rejected(AccountProofResponse.parse(base.replace("\"balance\"", "\"balanc\"")), Reason.INPUT_MALFORMED,
        "balance");
    rejected(AccountProofResponse.parse(base.replace("\"storageProof\":[]",
        "\"storageProof\":[{\"key\":\"0x1\",\"value\":\"0x01\",\"proof\":[]}]")),
        Reason.INPUT_MALFORMED, "storageProof[0]", "value");
    rejected(AccountProofResponse.parse("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32000}}"),
        Reason.INPUT_MALFORMED);
  }
  @Test
  void parse_nonAsciiHexDigits_rejected() {
    // QUANTITY/DATA digits are ASCII [0-9a-fA-F] only (execution-apis base-types patterns; geth hexutil):
    // Unicode digits such as U+0661 or fullwidth U+FF21 must not decode to a value.
    final String base = RpcJson.unwrapResult(json(HELIOS_RPC.resolve("block_miner_proof.json"))).toString();
    assertTrue(base.contains("\"nonce\":\"0x13e79e\""));
    rejected(AccountProofResponse.parse(base.replace("\"nonce\":\"0x13e79e\"", "\"nonce\":\"0x\u0661\u0663e79e\"")),
        Reason.INPUT_MALFORMED, "nonce");
    final String addr =
        RpcJson.unwrapResult(json(HELIOS_RPC.resolve("block_miner_proof.json"))).get("address").asText();
    rejected(AccountProofResponse.parse(base.replace(addr, "0x\uFF21" + addr.substring(3))), Reason.INPUT_MALFORMED,
        "address");
    rejected(ProofResult.of(() -> AccountProofResponse.slotKey(RpcJson.parse("\"0x\u0661\""), "key")),
        Reason.INPUT_MALFORMED);
  }
  @Test
  void parse_trailingContentAndDuplicateMembers_rejected() {
    // RFC 8259 section 2: a JSON text is exactly one value (no trailing content); RFC 7493 (I-JSON) section
    // 2.3: member names must be unique, else which claim was verified is ambiguous.
    final String base = RpcJson.unwrapResult(json(HELIOS_RPC.resolve("block_miner_proof.json"))).toString();
    verified(AccountProofResponse.parse(base));
    rejected(AccountProofResponse.parse(base + " {\"address\":\"0x00\"}"), Reason.INPUT_MALFORMED);
    rejected(AccountProofResponse.parse(base + " garbage"), Reason.INPUT_MALFORMED);
    rejected(AccountProofResponse.parse(base.replace("\"nonce\":\"0x13e79e\"",
        "\"nonce\":\"0x1\",\"nonce\":\"0x13e79e\"")), Reason.INPUT_MALFORMED);
  }
}
