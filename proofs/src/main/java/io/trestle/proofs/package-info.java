/**
 * Execution-layer proof verification. Every verifier returns a {@link io.trestle.proofs.ProofResult}:
 * the verified value, or a rejection with a stable {@link io.trestle.proofs.Reason} and a detail naming
 * the node, field or rule. Roots passed to a verifier are trusted by the caller; everything else
 * (nodes, RLP, JSON) is treated as adversarial.
 */
package io.trestle.proofs;
