/**
 * Execution-layer blocks: headers of every fork from Frontier through Amsterdam ({@link
 * io.trestle.proofs.execution.ExecutionFork}, checked per fork by {@link
 * io.trestle.proofs.execution.ExecutionForkSchedule}), EIP-2718 transactions, withdrawals, receipts and
 * logs, receipt inclusion proofs, JSON-RPC block consistency, beacon execution-payload block hashes and
 * Gloas payload envelopes bound to their bid ({@link io.trestle.proofs.execution.EnvelopeVerifier}).
 *
 * <p>Amsterdam (Glamsterdam, EIP-7773) changes the header only: {@code block_access_list_hash}
 * (EIP-7928) and {@code slot_number} (EIP-7843). It adds no transaction or receipt type (types 0-4; the
 * receipt keeps its four fields: execution-specs {@code forks/amsterdam/blocks.py}, go-ethereum {@code
 * core/types} at 02b73d4e, 2026-08-20), so transactions, receipts and their tries are read as in Prague.
 * EIP-7778 makes the header's {@code gasUsed} (before refunds) differ from the last receipt's {@code
 * cumulativeGasUsed} (after refunds); nothing here compares them. EIP-7708 ETH-transfer logs are emitted
 * by {@code 0xfffffffffffffffffffffffffffffffffffffffe} with the ERC-20 {@code Transfer} topic: callers
 * must check a log's emitter. Every
 * public verifier returns a {@link io.trestle.proofs.ProofResult}; roots and block hashes given by the
 * caller are trusted, everything else is treated as adversarial.
 */
package io.trestle.proofs.execution;
