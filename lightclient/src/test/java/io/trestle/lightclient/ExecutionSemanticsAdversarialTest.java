package io.trestle.lightclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Address;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Keccak256;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import io.trestle.proofs.execution.ExecutionHeader;
import io.trestle.proofs.execution.Receipt;
import io.trestle.proofs.execution.ReceiptProofVerifier;
import io.trestle.proofs.execution.VerifiedReceipt;
import io.trestle.proofs.json.RpcJson;
import io.trestle.proofs.mpt.TrieBuilder;
import io.trestle.proofs.rlp.RlpWriter;
import io.trestle.proofs.state.Account;
import io.trestle.proofs.execution.AccountProofResponse;
import io.trestle.proofs.execution.AccountProofVerifier;
import io.trestle.proofs.state.VerifiedAccount;
import io.trestle.testbase.Vectors;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import io.trestle.lightclient.internal.MessageVerifier;

/**
 * Catalogue section C (execution-layer semantics on top of verified proofs), one test per item, named
 * by its id. C42, C43 and C45 (bridge-adapter policy) are in {@link MessagePolicyTest}; C44 (execution
 * branch) is {@code lc_F86} in the devnet adversarial suite. Receipts are the real receipts of mainnet
 * block 21925176 (helios); accounts and slots are a small trie built here with known contents.
 */
class ExecutionSemanticsAdversarialTest {
  private static final Path RPC = Vectors.path("helios/tests/testdata/rpc");
  private static final Address A1 = Address.fromHex("0x1111111111111111111111111111111111111111");
  private static final Address MISSING = Address.fromHex("0x3333333333333333333333333333333333333333");
  private static final Hash32 SLOT1 = Hash32.fromHex("0x" + "00".repeat(31) + "01");
  private static final Hash32 SLOT2 = Hash32.fromHex("0x" + "00".repeat(31) + "02");

  /** A storage trie holding slot 1 = 0x2a, and a state trie holding A1 (nonce 7, balance 1000). */
  private static final TrieBuilder STORAGE = new TrieBuilder()
      .put(Keccak256.hash(SLOT1.toArray()).toArray(), RlpWriter.uint(0x2a));
  private static final Hash32 STORAGE_ROOT = STORAGE.root();
  private static final TrieBuilder STATE = new TrieBuilder().put(Keccak256.hash(A1.toArray()).toArray(),
      RlpWriter.list(RlpWriter.uint(7), RlpWriter.uint(1000), RlpWriter.string(STORAGE_ROOT),
          RlpWriter.string(Account.EMPTY_CODE_HASH)));
  private static final Hash32 STATE_ROOT = STATE.root();

  private static List<Bytes> accountProof(final Address a) {
    return STATE.proof(Keccak256.hash(a.toArray()).toArray());
  }

  private static List<Bytes> slotProof(final Hash32 slot) {
    return STORAGE.proof(Keccak256.hash(slot.toArray()).toArray());
  }

  private static AccountProofResponse a1(final List<AccountProofResponse.StorageProof> slots, final Hash32 storageHash) {
    return new AccountProofResponse(A1, BigInteger.valueOf(1000), 7, Account.EMPTY_CODE_HASH, storageHash,
        accountProof(A1), slots);
  }

  private static Reason reason(final ProofResult<?> r) {
    return assertInstanceOf(ProofResult.Rejected.class, r, r.toString()).reason();
  }

  @Test
  void exec_C37_absentAccountIsAbsentNeverAZeroedAccount() {
    final AccountProofResponse r = new AccountProofResponse(MISSING, BigInteger.ZERO, 0, Account.EMPTY_CODE_HASH,
        Account.EMPTY_STORAGE_ROOT, accountProof(MISSING), List.of());
    final VerifiedAccount v = AccountProofVerifier.verify(STATE_ROOT, r).orElseThrow();
    assertTrue(v.account().isEmpty(), "proven absent");
    // and a claimed non-zero balance for the absent account is a rejection, not a zeroed account
    final AccountProofResponse claimed = new AccountProofResponse(MISSING, BigInteger.ONE, 0, Account.EMPTY_CODE_HASH,
        Account.EMPTY_STORAGE_ROOT, accountProof(MISSING), List.of());
    assertEquals(Reason.ACCOUNT_FIELD_MISMATCH, reason(AccountProofVerifier.verify(STATE_ROOT, claimed)));
  }

  @Test
  void exec_C38_storageIsCheckedOnlyAgainstTheProvenStorageRoot() {
    // the proof of slot 1 is honest, but the response claims another storage root for the account
    final Hash32 otherRoot = new TrieBuilder().put(Keccak256.hash(SLOT1.toArray()).toArray(), RlpWriter.uint(0x2b)).root();
    final AccountProofResponse claimsOtherRoot = a1(List.of(new AccountProofResponse.StorageProof(SLOT1,
        BigInteger.valueOf(0x2a), slotProof(SLOT1))), otherRoot);
    assertEquals(Reason.ACCOUNT_FIELD_MISMATCH, reason(AccountProofVerifier.verify(STATE_ROOT, claimsOtherRoot)));
    // a storage proof from another trie is checked against the proven root, and fails there
    final List<Bytes> foreign = new TrieBuilder().put(Keccak256.hash(SLOT1.toArray()).toArray(), RlpWriter.uint(0x2b))
        .proof(Keccak256.hash(SLOT1.toArray()).toArray());
    final AccountProofResponse foreignProof = a1(List.of(new AccountProofResponse.StorageProof(SLOT1,
        BigInteger.valueOf(0x2b), foreign)), STORAGE_ROOT);
    assertEquals(Reason.MPT_ROOT_MISMATCH, reason(AccountProofVerifier.verify(STATE_ROOT, foreignProof)));
  }

  @Test
  void exec_C39_zeroMeansAbsentAndTheClaimMustMatchTheProof() {
    final AccountProofResponse nonZeroForAbsent = a1(List.of(new AccountProofResponse.StorageProof(SLOT2,
        BigInteger.ONE, slotProof(SLOT2))), STORAGE_ROOT);
    assertEquals(Reason.STORAGE_VALUE_MISMATCH, reason(AccountProofVerifier.verify(STATE_ROOT, nonZeroForAbsent)));
    final AccountProofResponse zeroForPresent = a1(List.of(new AccountProofResponse.StorageProof(SLOT1,
        BigInteger.ZERO, slotProof(SLOT1))), STORAGE_ROOT);
    assertEquals(Reason.STORAGE_VALUE_MISMATCH, reason(AccountProofVerifier.verify(STATE_ROOT, zeroForPresent)));
    final VerifiedAccount ok = AccountProofVerifier.verify(STATE_ROOT, a1(List.of(
        new AccountProofResponse.StorageProof(SLOT1, BigInteger.valueOf(0x2a), slotProof(SLOT1)),
        new AccountProofResponse.StorageProof(SLOT2, BigInteger.ZERO, slotProof(SLOT2))), STORAGE_ROOT)).orElseThrow();
    assertTrue(ok.storage().get(0).present());
    assertTrue(!ok.storage().get(1).present());
    assertEquals(BigInteger.ZERO, ok.storage().get(1).value());
  }

  private static final class RealReceipts {
    final Hash32 root;
    final TrieBuilder trie = new TrieBuilder();
    final List<Receipt> receipts = new java.util.ArrayList<>();

    RealReceipts() throws IOException {
      final JsonNode rs = RpcJson.parse(Files.readString(RPC.resolve("receipts.json")));
      for (int i = 0; i < rs.size(); i++) {
        final Receipt r = Receipt.fromJson(rs.get(i));
        receipts.add(r);
        trie.put(RlpWriter.uint(i), r.encode());
      }
      root = RpcJson.hash(RpcJson.parse(Files.readString(RPC.resolve("block.json"))), "receiptsRoot");
      assertEquals(root, trie.root());
    }
  }

  @Test
  void exec_C40_receiptIndexIsTheProvenKeyNotTheRelayersWord() throws IOException {
    final RealReceipts rr = new RealReceipts();
    final List<Bytes> proofOf3 = rr.trie.proof(RlpWriter.uint(3));
    final VerifiedReceipt at3 = ReceiptProofVerifier.verifyReceipt(rr.root, 3, proofOf3).orElseThrow();
    assertEquals(rr.receipts.get(3), at3.receipt());
    // in the real 202-receipt trie, index 5's child under the first branch is not the node the proof of 3
    // supplies next: the hash check fails first
    assertEquals(Reason.MPT_HASH_MISMATCH, reason(ReceiptProofVerifier.verifyReceipt(rr.root, 5, proofOf3)));
    assertEquals(Reason.MPT_HASH_MISMATCH, reason(ReceiptProofVerifier.verifyLog(rr.root, 5, 0, proofOf3)));
    // where the proof reaches a leaf whose path is another index's, it is a path mismatch
    final TrieBuilder one = new TrieBuilder().put(RlpWriter.uint(0), rr.receipts.get(0).encode());
    final List<Bytes> proofOf0 = one.proof(RlpWriter.uint(0));
    assertEquals(rr.receipts.get(0), ReceiptProofVerifier.verifyReceipt(one.root(), 0, proofOf0).orElseThrow().receipt());
    assertEquals(Reason.MPT_PATH_MISMATCH, reason(ReceiptProofVerifier.verifyReceipt(one.root(), 1, proofOf0)));
  }

  @Test
  void exec_C41_unknownReceiptTypeByteIsUnsupported() throws IOException {
    final RealReceipts rr = new RealReceipts();
    final byte[] typed = rr.receipts.get(0).encode(); // a type-2 receipt: 0x02 || rlp(...)
    assertEquals(0x02, typed[0]);
    for (final int type : new int[] {0x05, 0x7f}) {
      final byte[] unknown = typed.clone();
      unknown[0] = (byte) type;
      final TrieBuilder t = new TrieBuilder().put(RlpWriter.uint(0), unknown);
      assertEquals(Reason.UNSUPPORTED_RECEIPT_TYPE,
          reason(ReceiptProofVerifier.verifyReceipt(t.root(), 0, t.proof(RlpWriter.uint(0)))), "type " + type);
    }
  }

  @Test
  void exec_C46_anExecutionHeaderMustHashToTheVerifiedBlockHash() throws IOException {
    final JsonNode block = RpcJson.parse(Files.readString(RPC.resolve("block.json")));
    final ExecutionHeader h = ExecutionHeader.fromJson(block);
    final ExecutionAnchor hashOnly = new ExecutionAnchor(Finality.FINALIZED, 1000, Hash32.ZERO, h.number(), h.hash(),
        Optional.empty(), Optional.empty(), 0);
    final ExecutionAnchor bound = hashOnly.withHeader(Bytes.of(h.encode())).orElseThrow();
    assertEquals(Optional.of(h.receiptsRoot()), bound.receiptsRoot());
    final byte[] altered = h.encode();
    altered[altered.length - 40] ^= 1;
    assertEquals(Reason.EXECUTION_HEADER_MISMATCH, reason(hashOnly.withHeader(Bytes.of(altered))));
    assertEquals(Optional.empty(), hashOnly.receiptsRoot(), "the anchor is unchanged by the rejection");
  }

  @Test
  void exec_C47_rootsComeOnlyFromAnchorsTheLightClientVerified() {
    // Not expressible: an ExecutionAnchor has no public constructor (only LightClient#finalizedExecution /
    // #optimisticExecution, and walks from those), and MessageVerifier takes nothing else.
    assertTrue(Arrays.stream(ExecutionAnchor.class.getDeclaredConstructors())
        .noneMatch(c -> Modifier.isPublic(c.getModifiers()) || Modifier.isProtected(c.getModifiers())));
    assertTrue(Arrays.stream(MessageVerifier.class.getMethods())
        .filter(m -> m.getName().startsWith("verify"))
        .allMatch(m -> m.getParameterTypes()[0] == ExecutionAnchor.class), "every verify* starts from an anchor");
  }
}
