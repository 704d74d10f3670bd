package io.trestle.testkit.devnet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.crypto.Address;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Keccak256;
import io.trestle.proofs.mpt.MptVerifier;
import io.trestle.proofs.mpt.TrieBuilder;
import io.trestle.proofs.rlp.RlpWriter;
import io.trestle.proofs.state.Account;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The devnet's execution world state: the bridge contract (with code and a small storage trie) and a
 * few externally owned accounts, as a secure state trie ({@code keccak(address) -> rlp(account)}) from
 * which {@code eth_getProof} responses are cut.
 */
final class WorldState {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final Map<Address, Account> accounts = new LinkedHashMap<>();
  private final Map<Address, TrieBuilder> storageTries = new LinkedHashMap<>();
  private final Map<Address, Map<BigInteger, BigInteger>> storage = new LinkedHashMap<>();
  private final TrieBuilder state = new TrieBuilder();

  /** Adds an account with optional storage (slot to non-zero value) and code. */
  void put(final Address a, final long nonce, final BigInteger balance, final Map<BigInteger, BigInteger> slots,
      final Bytes code) {
    final TrieBuilder st = new TrieBuilder();
    for (final Map.Entry<BigInteger, BigInteger> e : slots.entrySet()) {
      st.put(slotKey(e.getKey()).toArray(), RlpWriter.uint(e.getValue()));
    }
    final Account acc = new Account(nonce, balance, st.root(), Keccak256.hash(code.toArray()));
    accounts.put(a, acc);
    storageTries.put(a, st);
    storage.put(a, new LinkedHashMap<>(slots));
    state.put(Keccak256.hash(a.toArray()).toArray(), RlpWriter.list(RlpWriter.uint(acc.nonce()),
        RlpWriter.uint(acc.balance()), RlpWriter.string(acc.storageRoot()), RlpWriter.string(acc.codeHash())));
  }

  Hash32 root() {
    return state.root();
  }

  Account account(final Address a) {
    return accounts.get(a);
  }

  BigInteger slot(final Address a, final BigInteger slot) {
    final Map<BigInteger, BigInteger> m = storage.get(a);
    return m == null ? BigInteger.ZERO : m.getOrDefault(slot, BigInteger.ZERO);
  }

  /** The 32-byte big-endian slot key (before hashing). */
  static Hash32 slotPosition(final BigInteger slot) {
    final byte[] be = slot.toByteArray();
    final byte[] out = new byte[32];
    final int n = Math.min(32, be.length);
    System.arraycopy(be, be.length - n, out, 32 - n, n);
    return Hash32.of(out);
  }

  private static Hash32 slotKey(final BigInteger slot) {
    return Keccak256.hash(slotPosition(slot).toArray());
  }

  /** An {@code eth_getProof} result for {@code a} and {@code slots} (present or absent account). */
  ObjectNode proofJson(final Address a, final List<BigInteger> slots) {
    final Account acc = accounts.get(a);
    final ObjectNode o = F.objectNode();
    o.put("address", a.toHex());
    o.set("accountProof", nodes(state.proof(Keccak256.hash(a.toArray()).toArray())));
    o.put("balance", RpcFormat.quantity(acc == null ? BigInteger.ZERO : acc.balance()));
    o.put("codeHash", (acc == null ? Account.EMPTY_CODE_HASH : acc.codeHash()).toHex());
    o.put("nonce", RpcFormat.quantity(acc == null ? 0 : acc.nonce()));
    o.put("storageHash", (acc == null ? MptVerifier.EMPTY_TRIE_ROOT : acc.storageRoot()).toHex());
    final ArrayNode sp = o.putArray("storageProof");
    final TrieBuilder st = acc == null ? new TrieBuilder() : storageTries.get(a);
    for (final BigInteger s : slots) {
      final ObjectNode e = sp.addObject();
      e.put("key", slotPosition(s).toHex());
      e.put("value", RpcFormat.quantity(slot(a, s)));
      e.set("proof", nodes(st.proof(slotKey(s).toArray())));
    }
    return o;
  }

  private static ArrayNode nodes(final List<Bytes> proof) {
    final ArrayNode arr = F.arrayNode();
    final List<String> hex = new ArrayList<>();
    proof.forEach(b -> hex.add(b.toHex()));
    hex.forEach(arr::add);
    return arr;
  }
}
