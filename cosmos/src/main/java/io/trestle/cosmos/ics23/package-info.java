/**
 * ICS-23 commitment proofs (cosmos/ics23): the proof types, a strict protobuf decoder for untrusted
 * proofs ({@link io.trestle.cosmos.ics23.Ics23Codec}), the spec checks and the neighbour logic ({@link
 * io.trestle.cosmos.ics23.Ics23Ops}), and membership / non-membership verification against a trusted
 * root and spec ({@link io.trestle.cosmos.ics23.Ics23Verifier}). Results carry a stable {@link
 * io.trestle.cosmos.ics23.Ics23Reason} on rejection. No IO, no clocks, no logging except fail-closed
 * internal errors.
 */
package io.trestle.cosmos.ics23;
