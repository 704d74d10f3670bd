package io.trestle.cosmos.ics23;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Sha256;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.crypto.digests.Blake2sDigest;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;

/**
 * The ICS-23 building blocks, one method per function of the Go reference (cosmos/ics23 {@code
 * go/ops.go}, {@code go/proof.go}), with the same semantics: hashing, length ops, leaf and inner op
 * application, the spec checks and the neighbour logic. They throw {@link Ics23Exception} with a reason
 * on every failure. Use {@link Ics23Verifier} to verify a proof; these are public so that the upstream
 * unit vectors ({@code Test*Data.json}) can exercise each function on its own.
 */
public final class Ics23Ops {
  private Ics23Ops() {}

  // --- hashing ------------------------------------------------------------------------------------

  /** {@code doHash}: applies {@code op}; {@link HashOp#NO_HASH}, KECCAK256 and BLAKE3 are refused as upstream does. */
  public static byte[] doHash(final HashOp op, final byte[] preimage) {
    return switch (op) {
      case SHA256 -> Sha256.digest(preimage, 0, preimage.length);
      case SHA512 -> jdk("SHA-512", preimage);
      case SHA512_256 -> jdk("SHA-512/256", preimage);
      case RIPEMD160 -> bc(new RIPEMD160Digest(), preimage);
      case BITCOIN -> bc(new RIPEMD160Digest(), jdk("SHA-256", preimage));
      case BLAKE2B_512 -> bc(new Blake2bDigest(512), preimage);
      case BLAKE2S_256 -> bc(new Blake2sDigest(256), preimage);
      case NO_HASH, KECCAK256, BLAKE3 -> throw new Ics23Exception(Ics23Reason.UNSUPPORTED_HASH, "unsupported hash op " + op);
    };
  }

  /** {@code doHashOrNoop}: the preimage itself for {@link HashOp#NO_HASH}, else {@link #doHash}. */
  public static byte[] doHashOrNoop(final HashOp op, final byte[] preimage) {
    return op == HashOp.NO_HASH ? preimage : doHash(op, preimage);
  }

  private static byte[] jdk(final String alg, final byte[] in) {
    try {
      return MessageDigest.getInstance(alg).digest(in);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(alg + " missing from the JDK", e);
    }
  }

  private static byte[] bc(final Digest d, final byte[] in) {
    d.update(in, 0, in.length);
    final byte[] out = new byte[d.getDigestSize()];
    d.doFinal(out, 0);
    return out;
  }

  /** {@code doLengthOp}: {@code length(data) ‖ data} per {@code op}. */
  public static byte[] doLengthOp(final LengthOp op, final byte[] data) {
    final int n = data.length;
    return switch (op) {
      case NO_PREFIX -> data;
      case VAR_PROTO -> concat(varint(n), data);
      case REQUIRE_32_BYTES, REQUIRE_64_BYTES -> {
        final int want = op == LengthOp.REQUIRE_32_BYTES ? 32 : 64;
        if (n != want) {
          throw new Ics23Exception(Ics23Reason.LENGTH_OP_FAILED, "data was " + n + " bytes, not " + want);
        }
        yield data;
      }
      case FIXED32_BIG -> concat(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n}, data);
      case FIXED32_LITTLE -> concat(new byte[] {(byte) n, (byte) (n >>> 8), (byte) (n >>> 16), (byte) (n >>> 24)}, data);
      case FIXED64_BIG -> concat(new byte[] {0, 0, 0, 0, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n}, data);
      case FIXED64_LITTLE -> concat(new byte[] {(byte) n, (byte) (n >>> 8), (byte) (n >>> 16), (byte) (n >>> 24), 0, 0, 0, 0}, data);
      case VAR_RLP -> throw new Ics23Exception(Ics23Reason.UNSUPPORTED_LENGTH_OP, "unsupported length op VAR_RLP");
    };
  }

  static byte[] varint(final long v) {
    final byte[] tmp = new byte[10];
    int i = 0;
    long x = v;
    while ((x & ~0x7FL) != 0) {
      tmp[i++] = (byte) ((x & 0x7F) | 0x80);
      x >>>= 7;
    }
    tmp[i++] = (byte) x;
    return Arrays.copyOf(tmp, i);
  }

  static byte[] concat(final byte[]... parts) {
    int n = 0;
    for (final byte[] p : parts) {
      n += p.length;
    }
    final byte[] out = new byte[n];
    int at = 0;
    for (final byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  // --- application --------------------------------------------------------------------------------

  /** {@code LeafOp.Apply}: the leaf hash of {@code key}, {@code value}; both must be non-empty. */
  public static byte[] applyLeaf(final LeafOp op, final byte[] key, final byte[] value) {
    if (key.length == 0) {
      throw new Ics23Exception(Ics23Reason.EMPTY_INPUT, "leaf op needs key");
    }
    if (value.length == 0) {
      throw new Ics23Exception(Ics23Reason.EMPTY_INPUT, "leaf op needs value");
    }
    final byte[] pkey = doLengthOp(op.length(), doHashOrNoop(op.prehashKey(), key));
    final byte[] pvalue = doLengthOp(op.length(), doHashOrNoop(op.prehashValue(), value));
    return doHash(op.hash(), concat(op.prefix().toArray(), pkey, pvalue));
  }

  /** {@code InnerOp.Apply}: {@code hash(prefix ‖ child ‖ suffix)}; the child must be non-empty. */
  public static byte[] applyInner(final InnerOp op, final byte[] child) {
    if (child.length == 0) {
      throw new Ics23Exception(Ics23Reason.EMPTY_INPUT, "inner op needs child value");
    }
    if (op.hash() == HashOp.SHA256) {
      // streamed: no concatenated preimage
      final MessageDigest md = SHA256.get();
      md.update(op.prefix().toArray());
      md.update(child);
      md.update(op.suffix().toArray());
      return md.digest();
    }
    return doHash(op.hash(), concat(op.prefix().toArray(), child, op.suffix().toArray()));
  }

  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  });

  /**
   * {@code ExistenceProof.calculate}: the root the proof commits to. With a spec, an intermediate
   * longer than a child ({@code child_size >= 32}) is refused, as upstream does.
   */
  public static byte[] calculate(final ExistenceProof p, final java.util.Optional<ProofSpec> spec) {
    final LeafOp leaf = p.leaf().orElseThrow(() ->
        new Ics23Exception(Ics23Reason.LEAF_MISSING, "existence proof needs defined LeafOp"));
    byte[] res;
    try {
      res = applyLeaf(leaf, p.key().toArray(), p.value().toArray());
    } catch (Ics23Exception e) {
      throw e.withContext("leaf");
    }
    int i = 0;
    for (final InnerOp step : p.path()) {
      try {
        res = applyInner(step, res);
      } catch (Ics23Exception e) {
        throw e.withContext("inner op " + i);
      }
      if (spec.isPresent() && spec.get().innerSpec().isPresent()) {
        final int cs = spec.get().innerSpec().get().childSize();
        if (res.length > cs && cs >= 32) {
          throw new Ics23Exception(Ics23Reason.INTERMEDIATE_TOO_LONG,
              "inner op " + i + ": result of " + res.length + " bytes exceeds child size " + cs);
        }
      }
      i++;
    }
    return res;
  }

  // --- spec checks --------------------------------------------------------------------------------

  /** {@code LeafOp.CheckAgainstSpec}. */
  public static void checkLeaf(final LeafOp op, final ProofSpec spec) {
    final LeafOp l = spec.leafSpec();
    if (spec.specEquals(ProofSpec.IAVL)) {
      validateIavl(op.prefix(), op.hash(), 0);
    }
    if (op.hash() != l.hash()) {
      throw new Ics23Exception(Ics23Reason.LEAF_SPEC_MISMATCH, "unexpected HashOp " + op.hash() + ", spec " + l.hash());
    }
    if (op.prehashKey() != l.prehashKey()) {
      throw new Ics23Exception(Ics23Reason.LEAF_SPEC_MISMATCH, "unexpected PrehashKey " + op.prehashKey() + ", spec " + l.prehashKey());
    }
    if (op.prehashValue() != l.prehashValue()) {
      throw new Ics23Exception(Ics23Reason.LEAF_SPEC_MISMATCH,
          "unexpected PrehashValue " + op.prehashValue() + ", spec " + l.prehashValue());
    }
    if (op.length() != l.length()) {
      throw new Ics23Exception(Ics23Reason.LEAF_SPEC_MISMATCH, "unexpected LengthOp " + op.length() + ", spec " + l.length());
    }
    if (!startsWith(op.prefix(), l.prefix())) {
      throw new Ics23Exception(Ics23Reason.LEAF_SPEC_MISMATCH, "leaf prefix doesn't start with " + l.prefix().toHex());
    }
  }

  /** {@code InnerOp.CheckAgainstSpec} at layer {@code layer} (1 for the op next to the leaf). */
  public static void checkInner(final InnerOp op, final ProofSpec spec, final int layer) {
    checkInner(op, spec, layer, spec.specEquals(ProofSpec.IAVL), spec.specEquals(ProofSpec.TENDERMINT));
  }

  /** {@link #checkInner(InnerOp, ProofSpec, int)} with the spec comparisons done once per proof. */
  private static void checkInner(
      final InnerOp op, final ProofSpec spec, final int layer, final boolean iavl, final boolean tendermint) {
    final InnerSpec is = spec.inner();
    if (op.hash() != is.hash()) {
      throw new Ics23Exception(Ics23Reason.INNER_HASH_MISMATCH, "unexpected HashOp " + op.hash() + ", spec " + is.hash());
    }
    if (iavl) {
      validateIavl(op.prefix(), op.hash(), layer);
    }
    if (tendermint) {
      validateTendermint(op);
    }
    if (startsWith(op.prefix(), spec.leafSpec().prefix())) {
      throw new Ics23Exception(Ics23Reason.INNER_PREFIX_LEAF_LIKE, "inner prefix starts with leaf prefix " + spec.leafSpec().prefix().toHex());
    }
    if (op.prefix().size() < is.minPrefixLength()) {
      throw new Ics23Exception(Ics23Reason.INNER_PREFIX_TOO_SHORT, "inner prefix too short (" + op.prefix().size() + ")");
    }
    final long maxLeftChildBytes = (long) (is.childOrder().size() - 1) * is.childSize();
    if (op.prefix().size() > is.maxPrefixLength() + maxLeftChildBytes) {
      throw new Ics23Exception(Ics23Reason.INNER_PREFIX_TOO_LONG, "inner prefix too long (" + op.prefix().size() + ")");
    }
    if (is.childSize() <= 0) {
      throw new Ics23Exception(Ics23Reason.SPEC_INVALID, "child_size must be >= 1");
    }
    if ((long) is.maxPrefixLength() >= (long) is.minPrefixLength() + is.childSize()) {
      throw new Ics23Exception(Ics23Reason.SPEC_INVALID, "max_prefix_length must be < min_prefix_length + child_size");
    }
    if (op.suffix().size() % is.childSize() != 0) {
      throw new Ics23Exception(Ics23Reason.INNER_SUFFIX_MALFORMED,
          "suffix of " + op.suffix().size() + " bytes is not a multiple of child size " + is.childSize());
    }
  }

  /** {@code ExistenceProof.CheckAgainstSpec}: leaf, depth bounds, every inner op by layer. */
  public static void checkExistence(final ExistenceProof p, final ProofSpec spec) {
    final LeafOp leaf = p.leaf().orElseThrow(() ->
        new Ics23Exception(Ics23Reason.LEAF_MISSING, "existence proof needs defined LeafOp"));
    try {
      checkLeaf(leaf, spec);
    } catch (Ics23Exception e) {
      throw e.withContext("leaf");
    }
    final int depth = p.path().size();
    if (spec.minDepth() > 0 && depth < spec.minDepth()) {
      throw new Ics23Exception(Ics23Reason.DEPTH_TOO_SHORT, "inner ops depth too short: " + depth + " < " + spec.minDepth());
    }
    final int maxDepth = spec.maxDepth() == 0 ? 128 : spec.maxDepth();
    if (depth > maxDepth) {
      throw new Ics23Exception(Ics23Reason.DEPTH_TOO_LONG, "inner ops depth too long: " + depth + " > " + maxDepth);
    }
    final boolean iavl = spec.specEquals(ProofSpec.IAVL);
    final boolean tendermint = spec.specEquals(ProofSpec.TENDERMINT);
    for (int i = 0; i < depth; i++) {
      try {
        checkInner(p.path().get(i), spec, i + 1, iavl, tendermint);
      } catch (Ics23Exception e) {
        throw e.withContext("inner op " + i);
      }
    }
  }

  /**
   * Stricter than upstream (see {@link Ics23Verifier}): every inner op's prefix and suffix lengths must
   * fit exactly one child position of the spec ({@code orderFromPadding} must succeed), so no node
   * carries more or fewer siblings than the tree's nodes have.
   */
  public static void checkPadding(final ExistenceProof p, final InnerSpec spec) {
    for (int i = 0; i < p.path().size(); i++) {
      try {
        orderFromPadding(spec, p.path().get(i));
      } catch (Ics23Exception e) {
        throw new Ics23Exception(Ics23Reason.INNER_PADDING_INVALID, "inner op " + i + ": " + e.detail());
      }
    }
  }

  /**
   * {@code validateIavlOps}: the prefix starts with zigzag varints height, size, version, each
   * non-negative, height at least the layer; a leaf (layer 0) has height 0, size 1 and nothing after;
   * an inner node has 1 or 34 bytes after them and hashes with SHA-256.
   */
  static void validateIavl(final Bytes prefix, final HashOp hash, final int layer) {
    final byte[] b = prefix.toArray();
    final int[] pos = {0};
    final long height = readVarint(b, pos, "height");
    if (height < 0 || height < layer) {
      throw new Ics23Exception(Ics23Reason.IAVL_PREFIX_INVALID,
          "IAVL height (" + height + ") must be non-negative and at least the layer number (" + layer + ")");
    }
    final long size = readVarint(b, pos, "size");
    if (size < 0) {
      throw new Ics23Exception(Ics23Reason.IAVL_PREFIX_INVALID, "IAVL size must be non-negative");
    }
    final long version = readVarint(b, pos, "version");
    if (version < 0) {
      throw new Ics23Exception(Ics23Reason.IAVL_PREFIX_INVALID, "IAVL version must be non-negative");
    }
    final int rem = b.length - pos[0];
    if (layer == 0) {
      if (rem != 0) {
        throw new Ics23Exception(Ics23Reason.IAVL_PREFIX_INVALID, "leaf prefix has " + rem + " bytes after the varints, expected 0");
      }
      if (height != 0) {
        throw new Ics23Exception(Ics23Reason.IAVL_PREFIX_INVALID, "leaf height " + height + ", expected 0");
      }
      if (size != 1) {
        throw new Ics23Exception(Ics23Reason.IAVL_PREFIX_INVALID, "leaf size " + size + ", expected 1");
      }
    } else {
      if (rem != 1 && rem != 34) {
        throw new Ics23Exception(Ics23Reason.IAVL_PREFIX_INVALID, "remainder of prefix must be of length 1 or 34, got " + rem);
      }
      if (hash != HashOp.SHA256) {
        throw new Ics23Exception(Ics23Reason.IAVL_PREFIX_INVALID, "IAVL hash op must be SHA256");
      }
    }
  }

  /** Go {@code binary.ReadVarint}: a zigzag-encoded signed varint (non-minimal forms accepted, as in Go). */
  private static long readVarint(final byte[] b, final int[] pos, final String name) {
    long ux = 0;
    int shift = 0;
    for (int i = 0; i < 10; i++) {
      if (pos[0] >= b.length) {
        throw new Ics23Exception(Ics23Reason.IAVL_PREFIX_INVALID, "failed to read IAVL " + name + " varint: end of prefix");
      }
      final int x = b[pos[0]++] & 0xFF;
      if (x < 0x80) {
        if (i == 9 && x > 1) {
          break;
        }
        ux |= (long) x << shift;
        final long v = ux >>> 1;
        return (ux & 1) != 0 ? ~v : v;
      }
      ux |= (long) (x & 0x7F) << shift;
      shift += 7;
    }
    throw new Ics23Exception(Ics23Reason.IAVL_PREFIX_INVALID, "failed to read IAVL " + name + " varint: overflow");
  }

  /** {@code validateTendermintOps}: prefix non-empty, starting with {@code 01}; exactly {@code 01} if a suffix is present. */
  static void validateTendermint(final InnerOp op) {
    if (op.prefix().isEmpty()) {
      throw new Ics23Exception(Ics23Reason.TENDERMINT_PREFIX_INVALID, "inner op prefix must not be empty");
    }
    if (!op.suffix().isEmpty() && op.prefix().size() != 1) {
      throw new Ics23Exception(Ics23Reason.TENDERMINT_PREFIX_INVALID, "expected inner op prefix 01 with a suffix, got " + op.prefix().toHex());
    }
    if (op.prefix().get(0) != 1) {
      throw new Ics23Exception(Ics23Reason.TENDERMINT_PREFIX_INVALID, "expected inner op prefix to begin with 01");
    }
  }

  static boolean startsWith(final Bytes b, final Bytes prefix) {
    if (prefix.size() > b.size()) {
      return false;
    }
    for (int i = 0; i < prefix.size(); i++) {
      if (b.get(i) != prefix.get(i)) {
        return false;
      }
    }
    return true;
  }

  // --- neighbours ---------------------------------------------------------------------------------

  /** {@code IsLeftMost}: every step is left-most, or a placeholder whose left siblings are all empty children. */
  public static boolean isLeftMost(final InnerSpec spec, final List<InnerOp> path) {
    final int[] pad = padding(spec, 0);
    for (final InnerOp step : path) {
      if (!hasPadding(step, pad) && !leftBranchesAreEmpty(spec, step)) {
        return false;
      }
    }
    return true;
  }

  /** {@code IsRightMost}: every step is right-most, or a placeholder whose right siblings are all empty children. */
  public static boolean isRightMost(final InnerSpec spec, final List<InnerOp> path) {
    final int[] pad = padding(spec, spec.childOrder().size() - 1);
    for (final InnerOp step : path) {
      if (!hasPadding(step, pad) && !rightBranchesAreEmpty(spec, step)) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code IsLeftNeighbor}: after removing the common top of both paths, the first divergent steps are
   * adjacent children, the left path below is right-most and the right path below left-most. Unlike
   * upstream (which indexes out of range), identical or exhausted paths are simply not neighbours.
   */
  public static boolean isLeftNeighbor(final InnerSpec spec, final List<InnerOp> left, final List<InnerOp> right) {
    int l = left.size() - 1;
    int r = right.size() - 1;
    if (l < 0 || r < 0) {
      return false;
    }
    while (left.get(l).prefix().equals(right.get(r).prefix()) && left.get(l).suffix().equals(right.get(r).suffix())) {
      l--;
      r--;
      if (l < 0 || r < 0) {
        return false;
      }
    }
    if (!isLeftStep(spec, left.get(l), right.get(r))) {
      return false;
    }
    return isRightMost(spec, left.subList(0, l)) && isLeftMost(spec, right.subList(0, r));
  }

  private static boolean isLeftStep(final InnerSpec spec, final InnerOp left, final InnerOp right) {
    return orderFromPadding(spec, right) == orderFromPadding(spec, left) + 1;
  }

  private static boolean hasPadding(final InnerOp op, final int[] pad) {
    final int p = op.prefix().size();
    return p >= pad[0] && p <= pad[1] && op.suffix().size() == pad[2];
  }

  /** {@code getPadding}: {minPrefix, maxPrefix, suffix} for a child at {@code branch}. */
  private static int[] padding(final InnerSpec spec, final int branch) {
    final int idx = position(spec.childOrder(), branch);
    final long prefix = (long) idx * spec.childSize();
    final long suffix = (long) (spec.childOrder().size() - 1 - idx) * spec.childSize();
    return new int[] {
        clamp(prefix + spec.minPrefixLength()), clamp(prefix + spec.maxPrefixLength()), clamp(suffix)};
  }

  private static int clamp(final long v) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
  }

  private static int position(final List<Integer> order, final int branch) {
    if (branch < 0 || branch >= order.size()) {
      throw new Ics23Exception(Ics23Reason.SPEC_INVALID, "invalid branch " + branch);
    }
    for (int i = 0; i < order.size(); i++) {
      if (order.get(i) == branch) {
        return i;
      }
    }
    throw new Ics23Exception(Ics23Reason.SPEC_INVALID, "branch " + branch + " not found in child order " + order);
  }

  /** {@code orderFromPadding}: the branch whose padding the op has. */
  static int orderFromPadding(final InnerSpec spec, final InnerOp op) {
    for (int branch = 0; branch < spec.childOrder().size(); branch++) {
      if (hasPadding(op, padding(spec, branch))) {
        return branch;
      }
    }
    throw new Ics23Exception(Ics23Reason.NOT_NEIGHBOURS,
        "cannot find any valid spacing for inner op (prefix " + op.prefix().size() + " bytes, suffix " + op.suffix().size() + " bytes)");
  }

  /** {@code leftBranchesAreEmpty}: the op is a placeholder whose left siblings are all the empty child. */
  public static boolean leftBranchesAreEmpty(final InnerSpec spec, final InnerOp op) {
    final int idx;
    try {
      idx = orderFromPadding(spec, op);
    } catch (Ics23Exception e) {
      return false;
    }
    final int leftBranches = idx;
    if (leftBranches == 0) {
      return false;
    }
    final int cs = spec.childSize();
    final long actualPrefix = op.prefix().size() - (long) leftBranches * cs;
    if (actualPrefix < 0) {
      return false;
    }
    final byte[] prefix = op.prefix().toArray();
    final byte[] empty = spec.emptyChild().toArray();
    for (int i = 0; i < leftBranches; i++) {
      final int pos = position(spec.childOrder(), i);
      final long from = actualPrefix + (long) pos * cs;
      if (!sliceEquals(prefix, from, cs, empty)) {
        return false;
      }
    }
    return true;
  }

  /** {@code rightBranchesAreEmpty}: the op is a placeholder whose right siblings are all the empty child. */
  public static boolean rightBranchesAreEmpty(final InnerSpec spec, final InnerOp op) {
    final int idx;
    try {
      idx = orderFromPadding(spec, op);
    } catch (Ics23Exception e) {
      return false;
    }
    final int rightBranches = spec.childOrder().size() - 1 - idx;
    if (rightBranches == 0) {
      return false;
    }
    final int cs = spec.childSize();
    if (op.suffix().size() != (long) rightBranches * cs) {
      return false;
    }
    final byte[] suffix = op.suffix().toArray();
    final byte[] empty = spec.emptyChild().toArray();
    for (int i = 0; i < rightBranches; i++) {
      final int pos = position(spec.childOrder(), i);
      if (!sliceEquals(suffix, (long) pos * cs, cs, empty)) {
        return false;
      }
    }
    return true;
  }

  /** Go {@code bytes.Equal(empty, b[from:from+n])}; a slice out of range (a Go panic) counts as not equal. */
  private static boolean sliceEquals(final byte[] b, final long from, final int n, final byte[] empty) {
    if (from < 0 || from + n > b.length || empty.length != n) {
      return false;
    }
    return Arrays.equals(b, (int) from, (int) from + n, empty, 0, n);
  }
}
