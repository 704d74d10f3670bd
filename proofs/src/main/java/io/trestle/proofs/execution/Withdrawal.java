package io.trestle.proofs.execution;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Address;
import io.trestle.crypto.Hash32;
import io.trestle.proofs.json.RpcJson;
import io.trestle.proofs.mpt.TrieBuilder;
import io.trestle.proofs.rlp.RlpWriter;
import java.util.List;
import java.util.Objects;

/**
 * An EIP-4895 withdrawal. {@code index}, {@code validatorIndex} and {@code amount} (Gwei) are uint64
 * held as raw 64-bit values (use {@link Long#toUnsignedString(long)} to print them).
 *
 * <p>Nothing about a withdrawal is verified by itself; {@link #root(List)} recomputes the
 * withdrawals root to compare with a header's.
 */
public record Withdrawal(long index, long validatorIndex, Address address, long amount) {
  /** Requires a non-null address. */
  public Withdrawal {
    Objects.requireNonNull(address, "address");
  }

  /** From JSON-RPC form: {@code {index, validatorIndex, address, amount}} as QUANTITY/DATA. */
  public static Withdrawal fromJson(final JsonNode w) {
    Codec.object(w, "withdrawal");
    return new Withdrawal(Codec.uint64(w, "index"), Codec.uint64(w, "validatorIndex"),
        RpcJson.address(w, "address"), Codec.uint64(w, "amount"));
  }

  /** From beacon-API form: {@code {index, validator_index, address, amount}} as decimal strings. */
  public static Withdrawal fromBeaconJson(final JsonNode w) {
    Codec.object(w, "withdrawal");
    return new Withdrawal(Codec.decimalU64(w, "index"), Codec.decimalU64(w, "validator_index"),
        RpcJson.address(w, "address"), Codec.decimalU64(w, "amount"));
  }

  /** rlp([index, validatorIndex, address, amount]): the trie value. */
  public byte[] encode() {
    return RlpWriter.list(RlpWriter.uint(index), RlpWriter.uint(validatorIndex),
        RlpWriter.string(address), RlpWriter.uint(amount));
  }

  /** The withdrawals root: the trie of rlp(i) to {@link #encode()}. */
  public static Hash32 root(final List<Withdrawal> ws) {
    final TrieBuilder t = new TrieBuilder();
    for (int i = 0; i < ws.size(); i++) {
      t.put(Codec.indexKey(i), ws.get(i).encode());
    }
    return t.root();
  }
}
