package io.trestle.cosmos.ics23;

import io.trestle.crypto.Bytes;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Strict decoding (and canonical encoding) of ICS-23 proofs in their protobuf binary form: {@code
 * cosmos.ics23.v1.CommitmentProof} and {@code ibc.core.commitment.v1.MerkleProof} (a list of chained
 * commitment proofs, as IBC relays them).
 *
 * <p><b>Bounds.</b> Input at most {@value #MAX_INPUT_BYTES} bytes; at most {@value #MAX_PATH} inner ops
 * per existence proof; at most {@value #MAX_CHAINED} proofs in a Merkle proof. The schema fixes the
 * nesting depth (four levels), so no recursion depends on the input. Nothing is allocated from a
 * length prefix before the bytes are known to be present.
 *
 * <p><b>Strictness.</b> Unknown fields, wrong wire types, duplicate singular fields or oneof members,
 * enum numbers outside the enums, non-minimal varints, fields out of order and explicitly encoded
 * defaults are rejected with a {@link Ics23Reason}; batch and compressed proofs are rejected with
 * {@link Ics23Reason#UNSUPPORTED_PROOF_TYPE}. Decoding proves nothing about the proof's content.
 */
public final class Ics23Codec {
  /** The largest input accepted, in bytes. */
  public static final int MAX_INPUT_BYTES = 1 << 20;
  /** The most inner ops accepted in one existence proof (the SMT spec's max depth is 256). */
  public static final int MAX_PATH = 256;
  /** The most commitment proofs accepted in one Merkle proof. */
  public static final int MAX_CHAINED = 16;

  private Ics23Codec() {}

  /** Decodes a {@code CommitmentProof}; never throws. */
  public static Ics23Result<CommitmentProof> decodeCommitmentProof(final byte[] data) {
    Objects.requireNonNull(data, "data");
    return Ics23Result.of(() -> {
      checkSize(data);
      return commitmentProof(new ProtoReader(data, 0, data.length, "CommitmentProof"));
    });
  }

  /** Decodes an {@code ibc.core.commitment.v1.MerkleProof} into its proofs (lowest store first); never throws. */
  public static Ics23Result<List<CommitmentProof>> decodeMerkleProof(final byte[] data) {
    Objects.requireNonNull(data, "data");
    return Ics23Result.of(() -> {
      checkSize(data);
      final ProtoReader r = new ProtoReader(data, 0, data.length, "MerkleProof");
      final List<CommitmentProof> out = new ArrayList<>();
      while (r.next(f -> f == 1)) {
        if (r.field() != 1) {
          throw r.unknown();
        }
        if (out.size() >= MAX_CHAINED) {
          throw new Ics23Exception(Ics23Reason.DECODE_TOO_LARGE, "MerkleProof: more than " + MAX_CHAINED + " proofs");
        }
        out.add(commitmentProof(r.message("proofs[" + out.size() + "]")));
      }
      if (out.isEmpty()) {
        throw new Ics23Exception(Ics23Reason.DECODE_EMPTY_PROOF, "MerkleProof: no proofs");
      }
      return List.copyOf(out);
    });
  }

  private static void checkSize(final byte[] data) {
    if (data.length > MAX_INPUT_BYTES) {
      throw new Ics23Exception(Ics23Reason.DECODE_TOO_LARGE, data.length + " bytes, limit " + MAX_INPUT_BYTES);
    }
    if (data.length == 0) {
      throw new Ics23Exception(Ics23Reason.DECODE_EMPTY_PROOF, "empty input");
    }
  }

  private static CommitmentProof commitmentProof(final ProtoReader r) {
    CommitmentProof p = null;
    // oneof: the members are distinct field numbers, so "increasing order" alone would allow two of them
    while (r.next(f -> false)) {
      if (p != null) {
        throw new Ics23Exception(Ics23Reason.DECODE_DUPLICATE_FIELD, r.where() + ": two members of oneof proof");
      }
      switch (r.field()) {
        case 1 -> p = existence(r.message("exist"));
        case 2 -> p = nonExistence(r.message("nonexist"));
        case 3, 4 -> throw new Ics23Exception(Ics23Reason.UNSUPPORTED_PROOF_TYPE,
            r.where() + ": " + (r.field() == 3 ? "batch" : "compressed") + " proofs are not accepted");
        default -> throw r.unknown();
      }
    }
    if (p == null) {
      throw new Ics23Exception(Ics23Reason.DECODE_EMPTY_PROOF, r.where() + ": no proof set");
    }
    return p;
  }

  private static ExistenceProof existence(final ProtoReader r) {
    Bytes key = Bytes.EMPTY;
    Bytes value = Bytes.EMPTY;
    Optional<LeafOp> leaf = Optional.empty();
    final List<InnerOp> path = new ArrayList<>();
    while (r.next(f -> f == 4)) {
      switch (r.field()) {
        case 1 -> key = r.bytes("key");
        case 2 -> value = r.bytes("value");
        case 3 -> leaf = Optional.of(leaf(r.message("leaf")));
        case 4 -> {
          if (path.size() >= MAX_PATH) {
            throw new Ics23Exception(Ics23Reason.DECODE_TOO_LARGE, r.where() + ": more than " + MAX_PATH + " inner ops");
          }
          path.add(inner(r.message("path[" + path.size() + "]")));
        }
        default -> throw r.unknown();
      }
    }
    return new ExistenceProof(key, value, leaf, path);
  }

  private static NonExistenceProof nonExistence(final ProtoReader r) {
    Bytes key = Bytes.EMPTY;
    Optional<ExistenceProof> left = Optional.empty();
    Optional<ExistenceProof> right = Optional.empty();
    while (r.next(f -> false)) {
      switch (r.field()) {
        case 1 -> key = r.bytes("key");
        case 2 -> left = Optional.of(existence(r.message("left")));
        case 3 -> right = Optional.of(existence(r.message("right")));
        default -> throw r.unknown();
      }
    }
    return new NonExistenceProof(key, left, right);
  }

  private static LeafOp leaf(final ProtoReader r) {
    HashOp hash = HashOp.NO_HASH;
    HashOp prehashKey = HashOp.NO_HASH;
    HashOp prehashValue = HashOp.NO_HASH;
    LengthOp length = LengthOp.NO_PREFIX;
    Bytes prefix = Bytes.EMPTY;
    while (r.next(f -> false)) {
      switch (r.field()) {
        case 1 -> hash = hashOp(r, "hash");
        case 2 -> prehashKey = hashOp(r, "prehash_key");
        case 3 -> prehashValue = hashOp(r, "prehash_value");
        case 4 -> {
          final long n = r.enumValue("length");
          length = LengthOp.fromNumber(n).orElseThrow(() ->
              new Ics23Exception(Ics23Reason.DECODE_BAD_ENUM, r.where() + ".length: no LengthOp " + Long.toUnsignedString(n)));
        }
        case 5 -> prefix = r.bytes("prefix");
        default -> throw r.unknown();
      }
    }
    return new LeafOp(hash, prehashKey, prehashValue, length, prefix);
  }

  private static InnerOp inner(final ProtoReader r) {
    HashOp hash = HashOp.NO_HASH;
    Bytes prefix = Bytes.EMPTY;
    Bytes suffix = Bytes.EMPTY;
    while (r.next(f -> false)) {
      switch (r.field()) {
        case 1 -> hash = hashOp(r, "hash");
        case 2 -> prefix = r.bytes("prefix");
        case 3 -> suffix = r.bytes("suffix");
        default -> throw r.unknown();
      }
    }
    return new InnerOp(hash, prefix, suffix);
  }

  private static HashOp hashOp(final ProtoReader r, final String name) {
    final long n = r.enumValue(name);
    return HashOp.fromNumber(n).orElseThrow(() ->
        new Ics23Exception(Ics23Reason.DECODE_BAD_ENUM, r.where() + "." + name + ": no HashOp " + Long.toUnsignedString(n)));
  }

  // --- canonical encoding (for tests, tools and the demo's prover) --------------------------------

  /** The canonical protobuf encoding of a commitment proof (what {@link #decodeCommitmentProof} accepts). */
  public static byte[] encode(final CommitmentProof p) {
    final Writer w = new Writer();
    if (p instanceof ExistenceProof e) {
      w.message(1, encodeExistence(e));
    } else {
      w.message(2, encodeNonExistence((NonExistenceProof) p));
    }
    return w.toByteArray();
  }

  /** The canonical encoding of an {@code ibc.core.commitment.v1.MerkleProof} of the given proofs. */
  public static byte[] encodeMerkleProof(final List<CommitmentProof> proofs) {
    final Writer w = new Writer();
    for (final CommitmentProof p : proofs) {
      w.message(1, encode(p));
    }
    return w.toByteArray();
  }

  private static byte[] encodeExistence(final ExistenceProof e) {
    final Writer w = new Writer();
    w.bytes(1, e.key());
    w.bytes(2, e.value());
    e.leaf().ifPresent(l -> {
      final Writer lw = new Writer();
      lw.varint(1, l.hash().number());
      lw.varint(2, l.prehashKey().number());
      lw.varint(3, l.prehashValue().number());
      lw.varint(4, l.length().number());
      lw.bytes(5, l.prefix());
      w.message(3, lw.toByteArray());
    });
    for (final InnerOp op : e.path()) {
      final Writer iw = new Writer();
      iw.varint(1, op.hash().number());
      iw.bytes(2, op.prefix());
      iw.bytes(3, op.suffix());
      w.message(4, iw.toByteArray());
    }
    return w.toByteArray();
  }

  private static byte[] encodeNonExistence(final NonExistenceProof n) {
    final Writer w = new Writer();
    w.bytes(1, n.key());
    n.left().ifPresent(l -> w.message(2, encodeExistence(l)));
    n.right().ifPresent(r -> w.message(3, encodeExistence(r)));
    return w.toByteArray();
  }

  /** Proto3 writer that omits defaults. */
  private static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    void varint(final int field, final long v) {
      if (v != 0) {
        raw((long) field << 3);
        raw(v);
      }
    }

    void bytes(final int field, final Bytes b) {
      if (!b.isEmpty()) {
        message(field, b.toArray());
      }
    }

    void message(final int field, final byte[] b) {
      raw(((long) field << 3) | 2);
      raw(b.length);
      out.writeBytes(b);
    }

    private void raw(final long v) {
      long x = v;
      while ((x & ~0x7FL) != 0) {
        out.write((int) ((x & 0x7F) | 0x80));
        x >>>= 7;
      }
      out.write((int) x);
    }

    byte[] toByteArray() {
      return out.toByteArray();
    }
  }
}
