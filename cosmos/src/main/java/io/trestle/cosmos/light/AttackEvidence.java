package io.trestle.cosmos.light;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.crypto.Bytes;
import java.util.Objects;

/**
 * Portable evidence that two validly signed headers conflict at one height ({@code
 * LightClientAttackEvidence}; ibc-go 07-tendermint {@code Misbehaviour}): both light blocks verified from the
 * same trusted state at {@link #commonHeight}, same chain and height, different hashes. It can be handed to
 * a full node, to an IBC client (freeze), or to an operator; {@link #toJson()} holds both light blocks in
 * RPC JSON shape so anyone can re-verify it. A light client that finds it raises an alarm and updates
 * nothing.
 *
 * <p><b>Trust contract.</b> Instances made by {@link Misbehaviour#check} and {@link Detector#crossCheck}
 * were verified as described. The record's constructor is public (records require it), so an instance
 * received from elsewhere proves nothing by itself: re-verify it with {@link Misbehaviour#check} from your
 * own trusted state (its JSON carries both light blocks for that).
 *
 * @param chainId the chain
 * @param height the height of the conflict
 * @param commonHeight the trusted height both blocks verified from
 * @param first one light block (for a detector: the primary's)
 * @param second the conflicting one (for a detector: the witness's)
 * @param attackType the kind of attack the second block shows relative to the first
 */
public record AttackEvidence(String chainId, long height, long commonHeight, LightBlock first, LightBlock second,
    AttackType attackType) {
  /** CometBFT's classification ({@code LightClientAttackEvidence.GetByzantineValidators}). */
  public enum AttackType {
    /** The conflicting header's validators, next validators, consensus, app or results hash differ: it could not be valid on the real chain. */
    LUNATIC,
    /** Same validator set, same round: validators double-signed. */
    EQUIVOCATION,
    /** Same validator set, different rounds. */
    AMNESIA
  }

  /** Checks for nulls. */
  public AttackEvidence {
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(second, "second");
    Objects.requireNonNull(attackType, "attackType");
  }

  static AttackType classify(final Header trusted, final Header conflicting, final int trustedRound,
      final int conflictingRound) {
    if (!trusted.validatorsHash().equals(conflicting.validatorsHash())
        || !trusted.nextValidatorsHash().equals(conflicting.nextValidatorsHash())
        || !trusted.consensusHash().equals(conflicting.consensusHash())
        || !trusted.appHash().equals(conflicting.appHash())
        || !trusted.lastResultsHash().equals(conflicting.lastResultsHash())) {
      return AttackType.LUNATIC;
    }
    return trustedRound == conflictingRound ? AttackType.EQUIVOCATION : AttackType.AMNESIA;
  }

  /** The first header's hash. */
  public Bytes firstHash() {
    return Canonical.headerHash(first.header());
  }

  /** The second header's hash. */
  public Bytes secondHash() {
    return Canonical.headerHash(second.header());
  }

  /**
   * {@code {"type":"cometbft/LightClientAttackEvidence","chain_id","height","common_height","attack_type",
   * "hash_1","hash_2","light_block_1","light_block_2"}}.
   */
  public ObjectNode toJson() {
    final ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("type", "cometbft/LightClientAttackEvidence");
    o.put("chain_id", chainId);
    o.put("height", Long.toString(height));
    o.put("common_height", Long.toString(commonHeight));
    o.put("attack_type", attackType.name());
    o.put("hash_1", firstHash().toHex());
    o.put("hash_2", secondHash().toHex());
    o.set("light_block_1", LightBlockJson.write(first));
    o.set("light_block_2", LightBlockJson.write(second));
    return o;
  }
}
