package io.trestle.proofs.execution;

import java.util.Optional;

/**
 * The execution-layer forks that changed the block header's RLP layout, in order, with the number of
 * header fields each one has (execution-specs {@code src/ethereum/forks/<fork>/blocks.py}, {@code class
 * Header}). Forks that did not change the header share the layout of the last one that did: Homestead
 * through Berlin use {@link #FRONTIER}'s, Paris uses {@link #LONDON}'s, Osaka uses {@link #PRAGUE}'s.
 */
public enum ExecutionFork {
  /** Frontier to Berlin: the 15 original fields, ending with {@code nonce}. */
  FRONTIER(15),
  /** London (EIP-1559) and Paris: adds {@code baseFeePerGas}. */
  LONDON(16),
  /** Shanghai (EIP-4895): adds {@code withdrawalsRoot}. */
  SHANGHAI(17),
  /** Cancun (EIP-4844, EIP-4788): adds {@code blobGasUsed}, {@code excessBlobGas}, {@code parentBeaconBlockRoot}. */
  CANCUN(20),
  /** Prague (EIP-7685) and Osaka: adds {@code requestsHash}. */
  PRAGUE(21),
  /**
   * Amsterdam (Glamsterdam; EIP-7928 block-level access lists, EIP-7843 {@code SLOTNUM}): adds {@code
   * blockAccessListHash} (keccak256 of the RLP block access list) and then {@code slotNumber} (uint64, the
   * beacon slot of the block).
   */
  AMSTERDAM(23);

  private final int fieldCount;

  ExecutionFork(final int fieldCount) {
    this.fieldCount = fieldCount;
  }

  /** The number of RLP fields of a header with this layout. */
  public int fieldCount() {
    return fieldCount;
  }

  /** The layout with exactly {@code n} fields, if any fork has one. */
  public static Optional<ExecutionFork> ofFieldCount(final int n) {
    for (final ExecutionFork f : values()) {
      if (f.fieldCount == n) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The fork's name as execution-specs spells it ({@code amsterdam}). */
  public String specName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
