package io.trestle.lightclient.spec;

import io.trestle.crypto.Hash32;
import io.trestle.lightclient.types.SyncAggregate;
import io.trestle.lightclient.types.SyncCommittee;

/**
 * Verifies a sync aggregate against a committee: {@code FastAggregateVerify(participant_pubkeys,
 * signing_root, signature)}. The production implementation decompresses and subgroup-checks keys
 * (cached per committee root); a malformed key or signature is a {@code false}, never an exception.
 */
@FunctionalInterface
public interface SignatureCheck {
  /**
   * @param committee the signing committee (from the store, never from the update)
   * @param committeeRoot its {@code hash_tree_root}, usable as a cache key
   * @param aggregate participation bits and signature
   * @param signingRoot the signing root of the attested beacon header under the sync-committee domain
   * @return true only if the signature verifies
   */
  boolean verify(SyncCommittee committee, Hash32 committeeRoot, SyncAggregate aggregate, Hash32 signingRoot);
}
