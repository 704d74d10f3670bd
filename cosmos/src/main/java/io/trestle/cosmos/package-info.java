/**
 * CometBFT (Tendermint) consensus family: the light client that follows validator-set signatures
 * ({@code io.trestle.cosmos.light}) and ICS-23 state proofs ({@code io.trestle.cosmos.ics23}).
 *
 * <p>Everything here is pure verification: no IO, no clocks ({@code now} is always an argument).
 */
package io.trestle.cosmos;
