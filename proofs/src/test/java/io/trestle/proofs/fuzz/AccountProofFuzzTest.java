package io.trestle.proofs.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Address;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.Reason;
import io.trestle.proofs.json.RpcJson;
import io.trestle.proofs.execution.AccountProofResponse;
import io.trestle.proofs.execution.AccountProofVerifier;
import io.trestle.proofs.state.VerifiedAccount;
import io.trestle.proofs.state.VerifiedSlot;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fuzz target: EIP-1186 account and storage proofs. The input is the text of an {@code eth_getProof}
 * response (seeds: the real helios mainnet and hive responses); it is parsed and verified against the
 * two real state roots those responses were taken at.
 *
 * <p>Oracle: only INPUT_MALFORMED, account and MPT/RLP reason codes; a verified answer uses only real
 * trie nodes (nodes of the honest responses), a present account equals the honest account of that
 * address (fields as the real JSON states them), and a present storage slot equals the honest value.
 */
class AccountProofFuzzTest {
  private static final Set<Reason> ALLOWED = Oracle.union(Oracle.MPT, EnumSet.of(Reason.INPUT_MALFORMED,
      Reason.ACCOUNT_ADDRESS_MISMATCH, Reason.ACCOUNT_FIELD_MISMATCH, Reason.STORAGE_VALUE_MISMATCH,
      Reason.ACCOUNT_MALFORMED));

  private static final List<Hash32> ROOTS = List.of(
      RpcJson.hash(FuzzData.json(FuzzData.HELIOS_RPC.resolve("block.json")), "stateRoot"),
      RpcJson.hash(FuzzData.ioResponses("eth_getBlockByNumber/get-latest.io").get(0).get("result"), "stateRoot"));

  private static final Set<Bytes> REAL_NODES = new HashSet<>();
  private static final Map<Address, JsonNode> HONEST = new HashMap<>();
  private static final Map<Bytes, BigInteger> HONEST_SLOTS = new HashMap<>(); // address ++ key -> value

  static {
    final List<JsonNode> responses = new java.util.ArrayList<>();
    responses.add(FuzzData.json(FuzzData.HELIOS_RPC.resolve("proof.json")));
    responses.add(FuzzData.json(FuzzData.HELIOS_RPC.resolve("block_miner_proof.json")));
    for (final String f : List.of("get-account-proof-blockhash.io", "get-account-proof-latest.io",
        "get-account-proof-with-storage.io")) {
      responses.add(RpcJson.unwrapResult(FuzzData.ioResponses("eth_getProof/" + f).get(0)));
    }
    for (final JsonNode r : responses) {
      final Address a = RpcJson.address(r, "address");
      HONEST.put(a, r);
      r.get("accountProof").forEach(n -> REAL_NODES.add(Bytes.fromHex(n.asText())));
      for (final AccountProofResponse.StorageProof sp : AccountProofResponse.fromJson(r).storageProof()) {
        REAL_NODES.addAll(sp.proof());
        HONEST_SLOTS.put(slotId(a, sp.key()), sp.value());
      }
    }
  }

  private static Bytes slotId(final Address a, final Hash32 key) {
    return Bytes.of((a.toHex() + key.toHex().substring(2)).getBytes(StandardCharsets.US_ASCII));
  }

  @FuzzTest(maxDuration = "30m")
  void eip1186(final byte[] input) {
    final AccountProofResponse response =
        Oracle.value(ALLOWED, AccountProofResponse.parse(new String(input, StandardCharsets.UTF_8)));
    if (response == null) {
      return;
    }
    for (final Hash32 root : ROOTS) {
      final ProofResult<VerifiedAccount> r = AccountProofVerifier.verify(root, response);
      final VerifiedAccount va = Oracle.value(ALLOWED, r);
      if (va == null) {
        continue;
      }
      response.accountProof().forEach(n -> assertTrue(REAL_NODES.contains(n), "verified with a forged node " + n));
      if (va.account().isPresent()) {
        final io.trestle.proofs.state.Account pAccount = va.account().get();
        final JsonNode h = HONEST.get(va.address());
        assertTrue(h != null, "an account no honest response proves was verified present: " + va.address());
        assertEquals(RpcJson.quantity(h, "balance", 256), pAccount.balance());
        assertEquals(RpcJson.quantity(h, "nonce", 64).longValue(), pAccount.nonce());
        assertEquals(RpcJson.hash(h, "storageHash"), pAccount.storageRoot());
        assertEquals(RpcJson.hash(h, "codeHash"), pAccount.codeHash());
      }
      for (final VerifiedSlot s : va.storage()) {
        if (s.present()) {
          final BigInteger v = HONEST_SLOTS.get(slotId(va.address(), s.key()));
          assertEquals(v, s.value(), "storage slot " + s.key() + " verified with a value no honest proof shows");
        }
      }
      response.storageProof().forEach(sp -> sp.proof().forEach(
          n -> assertTrue(REAL_NODES.contains(n), "storage verified with a forged node " + n)));
    }
  }
}
