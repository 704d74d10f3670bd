package io.trestle.cosmos.light;

import io.trestle.crypto.Bytes;
import java.time.Instant;
import java.util.Objects;

/**
 * A CometBFT block header ({@code tendermint.types.Header}) as parsed from untrusted input. Nothing is
 * verified here; {@link Canonical#headerHash(Header)} computes the hash a commit must sign.
 *
 * @param versionBlock {@code version.block}
 * @param versionApp {@code version.app}
 * @param chainId the chain id
 * @param height the height
 * @param time the block time (nanosecond precision)
 * @param lastBlockId the previous block's id ({@link BlockId#ZERO} when absent)
 * @param lastCommitHash hash of the previous commit
 * @param dataHash hash of the transactions
 * @param validatorsHash hash of this block's validator set
 * @param nextValidatorsHash hash of the next block's validator set
 * @param consensusHash hash of the consensus parameters
 * @param appHash the application state root after the previous block
 * @param lastResultsHash hash of the previous block's results
 * @param evidenceHash hash of the evidence
 * @param proposerAddress the proposer's 20-byte address
 */
public record Header(long versionBlock, long versionApp, String chainId, long height, Instant time,
    BlockId lastBlockId, Bytes lastCommitHash, Bytes dataHash, Bytes validatorsHash, Bytes nextValidatorsHash,
    Bytes consensusHash, Bytes appHash, Bytes lastResultsHash, Bytes evidenceHash, Bytes proposerAddress) {
  /** Checks for nulls. */
  public Header {
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(lastBlockId, "lastBlockId");
    Objects.requireNonNull(lastCommitHash, "lastCommitHash");
    Objects.requireNonNull(dataHash, "dataHash");
    Objects.requireNonNull(validatorsHash, "validatorsHash");
    Objects.requireNonNull(nextValidatorsHash, "nextValidatorsHash");
    Objects.requireNonNull(consensusHash, "consensusHash");
    Objects.requireNonNull(appHash, "appHash");
    Objects.requireNonNull(lastResultsHash, "lastResultsHash");
    Objects.requireNonNull(evidenceHash, "evidenceHash");
    Objects.requireNonNull(proposerAddress, "proposerAddress");
  }

  /** A copy with another time (tests and generators). */
  public Header withTime(final Instant t) {
    return new Header(versionBlock, versionApp, chainId, height, t, lastBlockId, lastCommitHash, dataHash,
        validatorsHash, nextValidatorsHash, consensusHash, appHash, lastResultsHash, evidenceHash, proposerAddress);
  }

  /** A copy with another chain id (tests and generators). */
  public Header withChainId(final String c) {
    return new Header(versionBlock, versionApp, c, height, time, lastBlockId, lastCommitHash, dataHash,
        validatorsHash, nextValidatorsHash, consensusHash, appHash, lastResultsHash, evidenceHash, proposerAddress);
  }

  /** A copy with another app hash (tests and generators). */
  public Header withAppHash(final Bytes h) {
    return new Header(versionBlock, versionApp, chainId, height, time, lastBlockId, lastCommitHash, dataHash,
        validatorsHash, nextValidatorsHash, consensusHash, h, lastResultsHash, evidenceHash, proposerAddress);
  }
}
