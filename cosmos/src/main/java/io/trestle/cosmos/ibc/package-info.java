/**
 * IBC state proofs on top of ICS-23: commitment paths (ICS-24 host keys, v1 and v2/Eureka), packet
 * commitment values (v1 and v2), and chained proofs from a store key to a light-client-verified {@link
 * io.trestle.cosmos.AppHash} ({@link io.trestle.cosmos.ibc.StateProofVerifier}).
 */
package io.trestle.cosmos.ibc;
