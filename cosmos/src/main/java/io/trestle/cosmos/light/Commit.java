package io.trestle.cosmos.light;

import java.util.List;
import java.util.Objects;

/**
 * A CometBFT commit (the +2/3 precommits for one block), untrusted.
 *
 * @param height the committed height
 * @param round the round
 * @param blockId the committed block id
 * @param signatures one entry per validator of the block's set, in the set's order
 */
public record Commit(long height, int round, BlockId blockId, List<CommitSig> signatures) {
  /** Copies the list and checks for nulls. */
  public Commit {
    Objects.requireNonNull(blockId, "blockId");
    signatures = List.copyOf(signatures);
  }
}
