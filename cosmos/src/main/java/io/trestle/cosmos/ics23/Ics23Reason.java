package io.trestle.cosmos.ics23;

/**
 * Stable reason codes for every ICS-23 and IBC state-proof rejection. The names are API (metric labels,
 * relayer policy, CLI output): never renamed; new ones may be added.
 */
public enum Ics23Reason {
  // --- decoding of untrusted bytes -------------------------------------------------------------
  /** A length, varint or field runs past the end of its enclosing message. */
  DECODE_TRUNCATED,
  /** A well-formed protobuf that no canonical encoder writes: a non-minimal varint, fields out of order, an explicitly encoded default scalar. */
  DECODE_NON_CANONICAL,
  /** A field number the schema does not define (rejected, not skipped). */
  DECODE_UNKNOWN_FIELD,
  /** A known field with the wrong wire type. */
  DECODE_WIRE_TYPE,
  /** A non-repeated field (or a second member of a oneof) that occurs twice. */
  DECODE_DUPLICATE_FIELD,
  /** An enum number outside {@link HashOp} / {@link LengthOp}. */
  DECODE_BAD_ENUM,
  /** Input larger than the decoder accepts, or more inner ops / chained proofs than its bound. */
  DECODE_TOO_LARGE,
  /** A commitment proof with no member of its oneof set. */
  DECODE_EMPTY_PROOF,
  /** Hex, base64 or JSON that does not parse as the documented input shape. */
  INPUT_MALFORMED,

  // --- proof kind ------------------------------------------------------------------------------
  /** A batch or compressed batch proof: not accepted (the Go reference removed batch verification; ibc-go never used it). */
  UNSUPPORTED_PROOF_TYPE,
  /** An existence proof where absence must be shown, or the other way round. */
  WRONG_PROOF_TYPE,

  // --- spec checks -----------------------------------------------------------------------------
  /** The spec itself is unusable (no inner spec, child size below 1, max prefix not below min prefix + child size, bad child order). */
  SPEC_INVALID,
  /** An existence proof without a leaf op. */
  LEAF_MISSING,
  /** The leaf op's hash, prehash or length op differs from the spec's leaf, or its prefix does not start with the spec's prefix. */
  LEAF_SPEC_MISMATCH,
  /** IAVL rules: a leaf or inner prefix that does not start with zigzag varints height, size, version in range, or has the wrong remainder. */
  IAVL_PREFIX_INVALID,
  /** Tendermint rules: an inner prefix that is empty, does not start with {@code 01}, or is not exactly {@code 01} when a suffix is present. */
  TENDERMINT_PREFIX_INVALID,
  /** An inner op whose hash differs from the spec's inner hash. */
  INNER_HASH_MISMATCH,
  /** An inner op whose prefix starts with the leaf prefix (a leaf posing as an inner node). */
  INNER_PREFIX_LEAF_LIKE,
  /** An inner prefix shorter than min_prefix_length. */
  INNER_PREFIX_TOO_SHORT,
  /** An inner prefix longer than max_prefix_length plus the room for the left siblings. */
  INNER_PREFIX_TOO_LONG,
  /** An inner suffix whose length is not a multiple of child_size. */
  INNER_SUFFIX_MALFORMED,
  /** Stricter than upstream: an inner op whose prefix/suffix lengths fit no child position of the spec (more or fewer siblings than the node can have). */
  INNER_PADDING_INVALID,
  /** Fewer inner ops than min_depth. */
  DEPTH_TOO_SHORT,
  /** More inner ops than max_depth (default 128). */
  DEPTH_TOO_LONG,

  // --- computation -----------------------------------------------------------------------------
  /** A hash op the Go reference does not implement ({@code KECCAK256}, {@code BLAKE3}) or {@code NO_HASH} where a hash is required. */
  UNSUPPORTED_HASH,
  /** A length op the Go reference does not implement ({@code VAR_RLP}). */
  UNSUPPORTED_LENGTH_OP,
  /** Data of the wrong size for {@code REQUIRE_32_BYTES} / {@code REQUIRE_64_BYTES}. */
  LENGTH_OP_FAILED,
  /** An empty key or value given to a leaf op, or an empty child to an inner op. */
  EMPTY_INPUT,
  /** An intermediate hash longer than the spec's child size (upstream {@code calculate} with a spec). */
  INTERMEDIATE_TOO_LONG,

  // --- the claim -------------------------------------------------------------------------------
  /** The proof is for another key than the one asked about. */
  KEY_MISMATCH,
  /** The proof proves another value than the one claimed. */
  VALUE_MISMATCH,
  /** The recomputed root differs from the trusted root. */
  ROOT_MISMATCH,

  // --- non-existence ---------------------------------------------------------------------------
  /** A non-existence proof with neither a left nor a right neighbour. */
  NONEXIST_NO_NEIGHBOURS,
  /** The key is not strictly greater than the left neighbour's key. */
  KEY_NOT_RIGHT_OF_LEFT,
  /** The key is not strictly less than the right neighbour's key. */
  KEY_NOT_LEFT_OF_RIGHT,
  /** Only a right neighbour, and its path is not the left-most path of the tree. */
  NOT_LEFT_MOST,
  /** Only a left neighbour, and its path is not the right-most path of the tree. */
  NOT_RIGHT_MOST,
  /** The two neighbours' paths are not adjacent leaves. */
  NOT_NEIGHBOURS,

  // --- chained (IBC) proofs --------------------------------------------------------------------
  /** The number of proofs, specs and path elements differ, or the path is empty. */
  PATH_MISMATCH,
  /** A non-existence proof inside the membership chain (above the lowest store). */
  CHAINED_NONEXIST,
  /** The trusted root or the claimed value is empty. */
  EMPTY_ARGUMENT,

  /** A bug: an unexpected internal exception, reported instead of thrown (fail closed). */
  INTERNAL_ERROR
}
