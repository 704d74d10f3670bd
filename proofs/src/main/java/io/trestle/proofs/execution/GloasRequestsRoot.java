package io.trestle.proofs.execution;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Hash32;
import io.trestle.proofs.Reason;
import io.trestle.proofs.VerificationException;
import io.trestle.proofs.json.RpcJson;
import io.trestle.proofs.ssz.Merkle;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code hash_tree_root} of a Gloas {@code ExecutionRequests} (consensus-specs gloas beacon-chain.md, EIP-7688
 * and EIP-8282): a {@code ProgressiveContainer(active_fields=[1] * 5)} of five {@code ProgressiveList}s ({@code
 * deposits}, {@code withdrawals}, {@code consolidations}, {@code builder_deposits}, {@code builder_exits}) of
 * plain containers, merkleized as ssz/simple-serialize.md defines {@code merkleize_progressive}, {@code
 * mix_in_length} and {@code mix_in_active_fields}. Read from beacon-API JSON; a malformed element is {@code
 * PAYLOAD_MALFORMED}.
 */
final class GloasRequestsRoot {
  private GloasRequestsRoot() {}

  /** The five fields' JSON names, in container order. */
  static final List<String> FIELDS = List.of("deposits", "withdrawals", "consolidations", "builder_deposits",
      "builder_exits");

  static Hash32 of(final JsonNode requests) {
    Codec.object(requests, "execution_requests");
    final List<Hash32> fieldRoots = new ArrayList<>(FIELDS.size());
    for (int type = 0; type < FIELDS.size(); type++) {
      final String name = FIELDS.get(type);
      final List<JsonNode> items = RpcJson.array(requests, name);
      final List<Hash32> roots = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        final JsonNode r = Codec.object(items.get(i), name + "[" + i + "]");
        try {
          roots.add(elementRoot(type, r));
        } catch (VerificationException e) {
          throw new VerificationException(Reason.PAYLOAD_MALFORMED,
              "execution_requests." + name + "[" + i + "]: " + e.reason() + ": " + e.detail());
        }
      }
      fieldRoots.add(Merkle.mixInLength(progressive(roots), items.size()));
    }
    return mixInActiveFields(progressive(fieldRoots), FIELDS.size());
  }

  /** {@code hash_tree_root} of one request container (all plain {@code Container}s). */
  private static Hash32 elementRoot(final int type, final JsonNode r) {
    return switch (type) {
      case 0 -> Merkle.container(bytes(r, "pubkey", 48), bytes(r, "withdrawal_credentials", 32),
          Merkle.uint64(RpcJson.decimal(r, "amount", 64).longValue()), bytes(r, "signature", 96),
          Merkle.uint64(RpcJson.decimal(r, "index", 64).longValue()));
      case 1 -> Merkle.container(bytes(r, "source_address", 20), bytes(r, "validator_pubkey", 48),
          Merkle.uint64(RpcJson.decimal(r, "amount", 64).longValue()));
      case 2 -> Merkle.container(bytes(r, "source_address", 20), bytes(r, "source_pubkey", 48),
          bytes(r, "target_pubkey", 48));
      case 3 -> Merkle.container(bytes(r, "pubkey", 48), bytes(r, "withdrawal_credentials", 32),
          Merkle.uint64(RpcJson.decimal(r, "amount", 64).longValue()), bytes(r, "signature", 96));
      default -> Merkle.container(bytes(r, "source_address", 20), bytes(r, "pubkey", 48));
    };
  }

  /** {@code hash_tree_root} of a fixed-size byte vector: its bytes packed into chunks, merkleized. */
  private static Hash32 bytes(final JsonNode r, final String name, final int size) {
    return Merkle.merkleizeBytes(RpcJson.fixed(r, name, size).toArray(), -1);
  }

  /** {@code merkleize_progressive(chunks)}: the SSZ engine's {@link Merkle#merkleizeProgressive}. */
  static Hash32 progressive(final List<Hash32> chunks) {
    return Merkle.merkleizeProgressive(chunks);
  }

  /** {@code mix_in_active_fields(root, [1] * n)}, n at most 256. */
  static Hash32 mixInActiveFields(final Hash32 root, final int allActive) {
    return Merkle.mixInActiveFields(root, java.util.Collections.nCopies(allActive, Boolean.TRUE));
  }
}
