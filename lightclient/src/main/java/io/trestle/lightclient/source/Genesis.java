package io.trestle.lightclient.source;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import java.util.Objects;

/**
 * The {@code /eth/v1/beacon/genesis} answer of a server. Untrusted: it is compared with the operator's
 * {@code ChainConfig} to catch a misconfigured endpoint, never used in its place.
 *
 * @param genesisValidatorsRoot {@code genesis_validators_root}
 * @param genesisTime {@code genesis_time} (Unix seconds)
 * @param genesisForkVersion {@code genesis_fork_version} (4 bytes)
 */
public record Genesis(Hash32 genesisValidatorsRoot, long genesisTime, Bytes genesisForkVersion) {
  /** Validates fields. */
  public Genesis {
    Objects.requireNonNull(genesisValidatorsRoot, "genesisValidatorsRoot");
    if (genesisForkVersion.size() != 4) {
      throw new IllegalArgumentException("genesis fork version must be 4 bytes");
    }
  }
}
