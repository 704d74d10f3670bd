/**
 * Execution-layer blocks: headers of every fork, EIP-2718 transactions, withdrawals, receipts and logs,
 * receipt inclusion proofs, JSON-RPC block consistency and beacon execution-payload block hashes. Every
 * public verifier returns a {@link io.trestle.proofs.ProofResult}; roots and block hashes given by the
 * caller are trusted, everything else is treated as adversarial.
 */
package io.trestle.proofs.execution;
