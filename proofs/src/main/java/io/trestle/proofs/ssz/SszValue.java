package io.trestle.proofs.ssz;

import io.trestle.crypto.Bytes;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * A generic, immutable SSZ value tree, shaped by an {@link SszType} but not bound to one: the same
 * value may be encoded or hashed under any schema it conforms to, and {@link SszType#encode} and
 * {@link SszType#hashTreeRoot} check that conformance (ranges, lengths, limits) before using it. Values
 * decoded by {@link SszType#decode} always conform to the type that decoded them. Equality is
 * structural.
 */
public sealed interface SszValue {

  /**
   * An unsigned integer ({@code uintN}).
   *
   * @param value a non-negative value
   */
  record Uint(BigInteger value) implements SszValue {
    /** Rejects negative values. */
    public Uint {
      Objects.requireNonNull(value, "value");
      if (value.signum() < 0) {
        throw new IllegalArgumentException("negative uint " + value);
      }
    }

    /** A uint from the raw 64 bits of {@code v} (read as unsigned). */
    public static Uint ofUnsignedLong(final long v) {
      BigInteger b = BigInteger.valueOf(v & Long.MAX_VALUE);
      if (v < 0) {
        b = b.setBit(63);
      }
      return new Uint(b);
    }

    /** The low 64 bits (the exact value for uint8..uint64). */
    public long longValue() {
      return value.longValue();
    }
  }

  /**
   * A {@code boolean}.
   *
   * @param value the value
   */
  record Bool(boolean value) implements SszValue {}

  /**
   * The content of a {@code ByteVector[N]} or {@code ByteList[N]}.
   *
   * @param bytes the bytes
   */
  record ByteString(Bytes bytes) implements SszValue {
    /** Rejects null. */
    public ByteString {
      Objects.requireNonNull(bytes, "bytes");
    }
  }

  /**
   * The bits of a {@code Bitvector[N]} or {@code Bitlist[N]}: {@code length} bits, bit {@code i} at
   * {@code packed[i / 8] >> (i % 8)}, without the bitlist's delimiter bit. Bits at positions
   * {@code >= length} must be zero.
   *
   * @param length number of bits
   * @param packed {@code ceil(length / 8)} bytes
   */
  record Bits(int length, Bytes packed) implements SszValue {
    /** Checks the packed size and that no bit beyond {@code length} is set. */
    public Bits {
      Objects.requireNonNull(packed, "packed");
      if (length < 0 || packed.size() != (length + 7) / 8) {
        throw new IllegalArgumentException(length + " bits need " + ((length + 7) / 8) + " bytes, got "
            + packed.size());
      }
      if (length % 8 != 0 && (packed.get(packed.size() - 1) & 0xff) >>> (length % 8) != 0) {
        throw new IllegalArgumentException("bits set beyond length " + length);
      }
    }

    /** Bit {@code i}. */
    public boolean get(final int i) {
      Objects.checkIndex(i, length);
      return (packed.get(i / 8) >>> (i % 8) & 1) == 1;
    }
  }

  /**
   * The elements of a {@code Vector[T, N]} or {@code List[T, N]}.
   *
   * @param elements the elements, in order
   */
  record Sequence(List<SszValue> elements) implements SszValue {
    /** Copies the elements. */
    public Sequence {
      elements = List.copyOf(elements);
    }
  }

  /**
   * The field values of a container, in schema order.
   *
   * @param fields the field values
   */
  record Composite(List<SszValue> fields) implements SszValue {
    /** Copies the fields. */
    public Composite {
      fields = List.copyOf(fields);
    }
  }
}
