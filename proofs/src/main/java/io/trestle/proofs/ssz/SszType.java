package io.trestle.proofs.ssz;

import io.trestle.crypto.Hash32;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An SSZ schema ({@code ssz/simple-serialize.md} of the consensus specs): basic types ({@code uintN},
 * {@code boolean}), byte vectors and lists, bitvectors and bitlists, vectors and lists of any element
 * type, and containers. A schema is an immutable tree built bottom-up, so it has no cycles and the
 * recursion of {@link #decode}, {@link #encode} and {@link #hashTreeRoot} is bounded by the schema's
 * depth, never by the input.
 *
 * <p>{@link #decode} is strict and treats its input as adversarial: exact sizes for fixed-size types,
 * the first offset equal to the fixed part's size, offsets non-decreasing and within bounds, list
 * lengths within their limit (a list of fixed-size elements must be an exact multiple of the element
 * size), bitlists with a delimiter bit, bitvectors without stray high bits, booleans only 0 or 1 and no
 * trailing bytes. Nothing is allocated from a length before that length is checked against the input
 * size. Every violation is an {@link SszException} whose message starts with the path of the offending
 * field ({@code BeaconBlockBody.attestations[3].aggregation_bits}). {@link #encode} and
 * {@link #hashTreeRoot} check that a value conforms to the schema and throw {@link SszException} (with a
 * path) if it does not. Nothing is trusted but the schema itself.
 */
public sealed interface SszType {

  /** True if every value of this type serializes to the same number of bytes. */
  boolean isFixedSize();

  /**
   * The serialized size of a fixed-size type.
   *
   * @throws IllegalStateException for a variable-size type
   */
  int fixedSize();

  /** The spec-style name of this type ({@code uint64}, {@code List[Attestation, 128]}, a container's name). */
  String typeName();

  /** Strictly decodes {@code bytes} (not retained) as one value of this type. */
  default SszValue decode(final byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return SszCodec.decode(this, bytes, 0, bytes.length, typeName());
  }

  /** The serialization of {@code value}; {@link SszException} if it does not conform to this type. */
  default byte[] encode(final SszValue value) {
    Objects.requireNonNull(value, "value");
    return SszCodec.encode(this, value, typeName());
  }

  /** {@code hash_tree_root(value)}; {@link SszException} if it does not conform to this type. */
  default Hash32 hashTreeRoot(final SszValue value) {
    Objects.requireNonNull(value, "value");
    return SszCodec.root(this, value, typeName());
  }

  /** True for the basic types ({@code uintN}, {@code boolean}), which are packed in vectors and lists. */
  default boolean isBasic() {
    return this instanceof Uint || this instanceof Bool;
  }

  /** {@code uint8}. */
  Uint UINT8 = new Uint(8);
  /** {@code uint16}. */
  Uint UINT16 = new Uint(16);
  /** {@code uint32}. */
  Uint UINT32 = new Uint(32);
  /** {@code uint64}. */
  Uint UINT64 = new Uint(64);
  /** {@code uint128}. */
  Uint UINT128 = new Uint(128);
  /** {@code uint256}. */
  Uint UINT256 = new Uint(256);
  /** {@code boolean}. */
  Bool BOOLEAN = new Bool();
  /** {@code Bytes32}. */
  ByteVector BYTES32 = new ByteVector(32);

  /**
   * {@code uintN} for N in 8, 16, 32, 64, 128, 256.
   *
   * @param bits N
   */
  record Uint(int bits) implements SszType {
    /** Rejects other widths. */
    public Uint {
      if (bits != 8 && bits != 16 && bits != 32 && bits != 64 && bits != 128 && bits != 256) {
        throw new IllegalArgumentException("no uint" + bits);
      }
    }

    @Override
    public boolean isFixedSize() {
      return true;
    }

    @Override
    public int fixedSize() {
      return bits / 8;
    }

    @Override
    public String typeName() {
      return "uint" + bits;
    }
  }

  /** {@code boolean}: one byte, 0 or 1. */
  record Bool() implements SszType {
    @Override
    public boolean isFixedSize() {
      return true;
    }

    @Override
    public int fixedSize() {
      return 1;
    }

    @Override
    public String typeName() {
      return "boolean";
    }
  }

  /**
   * {@code ByteVector[N]}.
   *
   * @param length N, at least 1
   */
  record ByteVector(int length) implements SszType {
    /** Rejects N below 1. */
    public ByteVector {
      if (length < 1) {
        throw new IllegalArgumentException("ByteVector length must be >= 1: " + length);
      }
    }

    @Override
    public boolean isFixedSize() {
      return true;
    }

    @Override
    public int fixedSize() {
      return length;
    }

    @Override
    public String typeName() {
      return length == 32 ? "Bytes32" : "ByteVector[" + length + "]";
    }
  }

  /**
   * {@code ByteList[N]}.
   *
   * @param limit N, at most {@link Integer#MAX_VALUE}
   */
  record ByteList(int limit) implements SszType {
    /** Rejects a negative limit. */
    public ByteList {
      if (limit < 0) {
        throw new IllegalArgumentException("negative ByteList limit " + limit);
      }
    }

    @Override
    public boolean isFixedSize() {
      return false;
    }

    @Override
    public int fixedSize() {
      throw new IllegalStateException(typeName() + " is variable-size");
    }

    @Override
    public String typeName() {
      return "ByteList[" + limit + "]";
    }
  }

  /**
   * {@code Bitvector[N]}.
   *
   * @param length N, at least 1
   */
  record Bitvector(int length) implements SszType {
    /** Rejects N below 1. */
    public Bitvector {
      if (length < 1) {
        throw new IllegalArgumentException("Bitvector length must be >= 1: " + length);
      }
    }

    @Override
    public boolean isFixedSize() {
      return true;
    }

    @Override
    public int fixedSize() {
      return (length + 7) / 8;
    }

    @Override
    public String typeName() {
      return "Bitvector[" + length + "]";
    }
  }

  /**
   * {@code Bitlist[N]}: serialized with a delimiter bit after the last bit.
   *
   * @param limit N
   */
  record Bitlist(int limit) implements SszType {
    /** Rejects a negative limit or one whose serialization could not fit an array. */
    public Bitlist {
      if (limit < 0 || limit > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("bad Bitlist limit " + limit);
      }
    }

    @Override
    public boolean isFixedSize() {
      return false;
    }

    @Override
    public int fixedSize() {
      throw new IllegalStateException(typeName() + " is variable-size");
    }

    @Override
    public String typeName() {
      return "Bitlist[" + limit + "]";
    }
  }

  /**
   * {@code Vector[T, N]}.
   *
   * @param element T
   * @param length N, at least 1
   */
  record Vector(SszType element, int length) implements SszType {
    /** Rejects N below 1 and fixed sizes beyond an array's capacity. */
    public Vector {
      Objects.requireNonNull(element, "element");
      if (length < 1) {
        throw new IllegalArgumentException("Vector length must be >= 1: " + length);
      }
      if ((long) length * (element.isFixedSize() ? element.fixedSize() : 4) > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("Vector too large: " + length + " x " + element.typeName());
      }
    }

    @Override
    public boolean isFixedSize() {
      return element.isFixedSize();
    }

    @Override
    public int fixedSize() {
      if (!element.isFixedSize()) {
        throw new IllegalStateException(typeName() + " is variable-size");
      }
      return length * element.fixedSize();
    }

    @Override
    public String typeName() {
      return "Vector[" + element.typeName() + ", " + length + "]";
    }
  }

  /**
   * {@code List[T, N]}.
   *
   * @param element T
   * @param limit N
   */
  record ListOf(SszType element, long limit) implements SszType {
    /** Rejects a negative limit or one above 2^56. */
    public ListOf {
      Objects.requireNonNull(element, "element");
      if (limit < 0 || limit > (1L << 56)) {
        throw new IllegalArgumentException("bad List limit " + limit);
      }
    }

    @Override
    public boolean isFixedSize() {
      return false;
    }

    @Override
    public int fixedSize() {
      throw new IllegalStateException(typeName() + " is variable-size");
    }

    @Override
    public String typeName() {
      return "List[" + element.typeName() + ", " + limit + "]";
    }
  }

  /**
   * One named field of a container.
   *
   * @param name the spec field name ({@code aggregation_bits})
   * @param type its type
   */
  record Field(String name, SszType type) {
    /** Rejects nulls and empty names. */
    public Field {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("empty field name");
      }
    }
  }

  /**
   * A container: named fields in order.
   *
   * @param name the container's name, used in error paths ({@code BeaconBlockBody})
   * @param fields at least one field, names unique
   */
  record Container(String name, List<Field> fields) implements SszType {
    /** Copies the fields; rejects no fields, duplicate names and oversized fixed parts. */
    public Container {
      Objects.requireNonNull(name, "name");
      fields = List.copyOf(fields);
      if (fields.isEmpty()) {
        throw new IllegalArgumentException(name + ": a container needs at least one field");
      }
      final Set<String> seen = new HashSet<>();
      long size = 0;
      for (final Field f : fields) {
        if (!seen.add(f.name())) {
          throw new IllegalArgumentException(name + ": duplicate field " + f.name());
        }
        size += f.type().isFixedSize() ? f.type().fixedSize() : 4;
      }
      if (size > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(name + ": fixed part too large");
      }
    }

    /** A container from {@code name, type, name, type, ...} pairs. */
    public static Container of(final String name, final Object... nameTypePairs) {
      if (nameTypePairs.length % 2 != 0) {
        throw new IllegalArgumentException(name + ": odd number of name/type arguments");
      }
      final java.util.ArrayList<Field> fs = new java.util.ArrayList<>();
      for (int i = 0; i < nameTypePairs.length; i += 2) {
        fs.add(new Field((String) nameTypePairs[i], (SszType) nameTypePairs[i + 1]));
      }
      return new Container(name, fs);
    }

    /** The index of the field called {@code fieldName}, if any. */
    public Optional<Integer> indexOf(final String fieldName) {
      for (int i = 0; i < fields.size(); i++) {
        if (fields.get(i).name().equals(fieldName)) {
          return Optional.of(i);
        }
      }
      return Optional.empty();
    }

    /** The type of the field called {@code fieldName}; {@link IllegalArgumentException} if absent. */
    public SszType fieldType(final String fieldName) {
      return fields.get(index(fieldName)).type();
    }

    /**
     * The value of field {@code fieldName} in {@code value}, a {@link SszValue.Composite} of this
     * container; {@link IllegalArgumentException} if the field is absent or the value has another shape.
     */
    public SszValue get(final SszValue value, final String fieldName) {
      final int i = index(fieldName);
      if (!(value instanceof SszValue.Composite) || ((SszValue.Composite) value).fields().size() != fields.size()) {
        throw new IllegalArgumentException(name + ": value is not a " + name);
      }
      return ((SszValue.Composite) value).fields().get(i);
    }

    private int index(final String fieldName) {
      return indexOf(fieldName).orElseThrow(() -> new IllegalArgumentException(name + " has no field " + fieldName));
    }

    /** The size of the fixed part: fixed fields' sizes plus 4 bytes per variable-size field. */
    public int fixedPartSize() {
      int size = 0;
      for (final Field f : fields) {
        size += f.type().isFixedSize() ? f.type().fixedSize() : 4;
      }
      return size;
    }

    @Override
    public boolean isFixedSize() {
      for (final Field f : fields) {
        if (!f.type().isFixedSize()) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int fixedSize() {
      if (!isFixedSize()) {
        throw new IllegalStateException(name + " is variable-size");
      }
      return fixedPartSize();
    }

    @Override
    public String typeName() {
      return name;
    }
  }

  /**
   * The progressive types of EIP-7916 ({@code ProgressiveList}, {@code ProgressiveBitList}) and EIP-7688
   * ({@code ProgressiveContainer}): serialized exactly like {@link #serialShape()} (decoding is as strict),
   * merkleized with {@code merkleize_progressive} instead of a fixed-depth tree.
   */
  sealed interface Progressive extends SszType permits ProgressiveList, ProgressiveBitlist, ProgressiveContainer {
    /** The type whose serialization (and JSON form) this type shares. */
    SszType serialShape();

    @Override
    default boolean isFixedSize() {
      return serialShape().isFixedSize();
    }

    @Override
    default int fixedSize() {
      return serialShape().fixedSize();
    }
  }

  /** The largest element count of a progressive list; the input size bounds a decoded list far below it. */
  long PROGRESSIVE_LIST_BOUND = 1L << 56;

  /**
   * {@code ProgressiveList[T]} (EIP-7916): a list with no declared limit, root {@code
   * mix_in_length(merkleize_progressive(pack or element roots), len)}.
   *
   * @param element T
   */
  record ProgressiveList(SszType element) implements Progressive {
    /** Rejects a null element type. */
    public ProgressiveList {
      Objects.requireNonNull(element, "element");
    }

    @Override
    public SszType serialShape() {
      return new ListOf(element, PROGRESSIVE_LIST_BOUND);
    }

    @Override
    public String typeName() {
      return "ProgressiveList[" + element.typeName() + "]";
    }
  }

  /**
   * {@code ProgressiveBitList} (EIP-7916): a bitlist with no declared limit, root {@code
   * mix_in_length(merkleize_progressive(pack_bits(bits)), len)}.
   */
  record ProgressiveBitlist() implements Progressive {
    @Override
    public SszType serialShape() {
      return new Bitlist(Integer.MAX_VALUE - 8);
    }

    @Override
    public String typeName() {
      return "ProgressiveBitList";
    }
  }

  /**
   * {@code ProgressiveContainer(active_fields)} (EIP-7688): the fields of {@code layout}, serialized like
   * that container; each field's root sits at the position of its {@code 1} in {@code active_fields}
   * (zero chunks at the {@code 0}s) and the root is {@code mix_in_active_fields(merkleize_progressive(...),
   * active_fields)}.
   *
   * @param layout the fields, in order
   * @param activeFields at most 256 entries, ending in {@code true}, with one {@code true} per field
   */
  record ProgressiveContainer(Container layout, List<Boolean> activeFields) implements Progressive {
    /** Rejects active_fields that the SSZ spec makes illegal or that do not match the fields. */
    public ProgressiveContainer {
      Objects.requireNonNull(layout, "layout");
      activeFields = List.copyOf(activeFields);
      final long ones = activeFields.stream().filter(b -> b).count();
      if (activeFields.size() > 256 || activeFields.isEmpty() || !activeFields.get(activeFields.size() - 1)
          || ones != layout.fields().size()) {
        throw new IllegalArgumentException(layout.name() + ": active_fields " + activeFields.size()
            + " entries with " + ones + " ones do not fit " + layout.fields().size() + " fields");
      }
    }

    /** A progressive container with every field active ({@code active_fields=[1] * len(fields)}). */
    public static ProgressiveContainer of(final String name, final Object... nameTypePairs) {
      final Container c = Container.of(name, nameTypePairs);
      return new ProgressiveContainer(c, java.util.Collections.nCopies(c.fields().size(), Boolean.TRUE));
    }

    @Override
    public SszType serialShape() {
      return layout;
    }

    @Override
    public String typeName() {
      return layout.name();
    }
  }
}
