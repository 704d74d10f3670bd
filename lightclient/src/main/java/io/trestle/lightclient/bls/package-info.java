/**
 * Sync-committee signature verification for the beacon light client: {@link
 * io.trestle.lightclient.bls.SyncCommitteeVerifier} checks a {@code SyncAggregate} against a {@code
 * SyncCommittee} with FastAggregateVerify semantics, caching each committee's decompressed, validated
 * keys by committee root.
 */
package io.trestle.lightclient.bls;
