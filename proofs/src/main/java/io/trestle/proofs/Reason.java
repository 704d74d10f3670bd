package io.trestle.proofs;

/**
 * Stable reason codes for every rejection. The names are API: relayers use them as metric labels and
 * in policy, and the command line prints them. Codes are never renamed; new ones may be added.
 */
public enum Reason {
  /** RLP: a non-canonical encoding (single byte wrapped as a string, long form for a short payload, leading zeros in a length or integer). */
  RLP_NON_CANONICAL,
  /** RLP: a declared length runs past the end of the input or of the enclosing list. */
  RLP_TRUNCATED,
  /** RLP: bytes left over after the top-level item. */
  RLP_TRAILING_BYTES,
  /** RLP: the structure does not match the expected schema (item count, list where a string is expected, field size). */
  RLP_SCHEMA,
  /** RLP: nesting deeper than the decoder's bound. */
  RLP_TOO_DEEP,
  /** RLP: empty input where an item is required. */
  RLP_EMPTY,
  /** RLP: a length prefix larger than any input the decoder accepts. */
  RLP_TOO_LARGE,

  /** MPT: a node's keccak does not equal the 32-byte reference in its parent. */
  MPT_HASH_MISMATCH,
  /** MPT: the first node's keccak does not equal the trusted root. */
  MPT_ROOT_MISMATCH,
  /** MPT: the proof ends before the key's path is resolved (a referenced node is missing). */
  MPT_INCOMPLETE,
  /** MPT: a leaf or extension path that does not match the key where the proof claims it does. */
  MPT_PATH_MISMATCH,
  /** MPT: an encoding no honest trie produces (oversized inline node, short node referenced by hash). */
  MPT_NON_CANONICAL,
  /** MPT: a child reference that is neither empty, an inline node, nor 32 bytes. */
  MPT_BAD_REFERENCE,
  /** MPT: a node that is not a 2-item or 17-item list, or a branch with a value in an Ethereum trie. */
  MPT_BAD_NODE,
  /** MPT: a hex-prefix path with a bad flag nibble or non-zero padding. */
  MPT_BAD_PATH_ENCODING,
  /** MPT: a leaf whose value is empty. */
  MPT_EMPTY_VALUE,
  /** MPT: nodes after the one that decides the lookup. */
  MPT_EXTRA_NODES,
  /** MPT: absence was claimed but the proof shows the key present. */
  MPT_VALUE_PRESENT,
  /** A proof with more nodes or more bytes than the configured bound; rejected before hashing. */
  PROOF_TOO_LARGE,

  /** EIP-1186: the response's address does not match the account the caller asked for. */
  ACCOUNT_ADDRESS_MISMATCH,
  /** EIP-1186: a claimed account field (nonce, balance, storageHash, codeHash) differs from what the proof proves. */
  ACCOUNT_FIELD_MISMATCH,
  /** EIP-1186: a claimed storage value differs from what the storage proof proves. */
  STORAGE_VALUE_MISMATCH,
  /** A proven account or storage value that does not decode as its schema. */
  ACCOUNT_MALFORMED,

  /** A block header field is malformed (size, count, encoding). */
  HEADER_MALFORMED,
  /** keccak(rlp(header)) differs from the claimed or expected block hash. */
  BLOCK_HASH_MISMATCH,
  /** The transactions root recomputed from the bodies differs from the header's. */
  TRANSACTIONS_ROOT_MISMATCH,
  /** The withdrawals root recomputed from the bodies differs from the header's. */
  WITHDRAWALS_ROOT_MISMATCH,
  /** The receipts root recomputed from the receipts differs from the header's. */
  RECEIPTS_ROOT_MISMATCH,
  /** A transaction is malformed or its claimed hash differs from keccak of its encoding. */
  TRANSACTION_MALFORMED,
  /** A transaction type byte that no supported fork defines. */
  UNSUPPORTED_TX_TYPE,
  /** A receipt is malformed (fields, logs, bloom) or disagrees with its claimed form. */
  RECEIPT_MALFORMED,
  /** A receipt type byte that no supported fork defines, or a legacy/typed mismatch. */
  UNSUPPORTED_RECEIPT_TYPE,
  /** The requested log index does not exist in the verified receipt. */
  LOG_INDEX_OUT_OF_RANGE,
  /** A beacon block whose fork has no execution payload this verifier understands. */
  UNSUPPORTED_FORK,
  /** A beacon execution payload (or its requests) is malformed. */
  PAYLOAD_MALFORMED,

  /** An execution header's keccak differs from the verified block hash it must match. */
  EXECUTION_HEADER_MISMATCH,
  /** A parent-hash walk over execution headers is broken, too long, or does not reach the requested block. */
  ANCESTRY_INVALID,
  /**
   * An execution header whose layout is not that of the fork its timestamp falls in: a header of a
   * pre-Amsterdam fork carrying {@code blockAccessListHash}/{@code slotNumber}, an Amsterdam header
   * without them, or any other field set that does not match the chain's fork schedule.
   */
  HEADER_FORK_MISMATCH,
  /**
   * A Gloas execution payload envelope that does not match the beacon block's committed bid (block
   * hash, builder, randao, gas limit, slot, parent hash, execution requests root) or its parent root.
   */
  ENVELOPE_MISMATCH,

  /** A verified log that is not the event the bridge expects (emitter, event signature, data shape). */
  LOG_NOT_EXPECTED,
  /** The receipt carrying the log has status 0 (the transaction failed), or no status where one is required. */
  TX_FAILED,
  /** The message is anchored on an optimistic header where the policy requires finality. */
  NOT_FINALIZED,
  /** The message id was already accepted once. */
  DUPLICATE_MESSAGE,

  /** Untrusted JSON input is malformed or misses a required field. */
  INPUT_MALFORMED,
  /** A bug: an unexpected internal exception, reported instead of thrown (fail closed). */
  INTERNAL_ERROR
}
