package io.trestle.cosmos.ics23;

import io.trestle.crypto.Bytes;
import java.util.List;
import java.util.Objects;

/**
 * {@code cosmos.ics23.v1.InnerSpec}: the shape of a tree's inner nodes, used to check every {@link
 * InnerOp} of a proof and to decide whether two paths are neighbours. Trusted configuration.
 *
 * @param childOrder the order of the child positions (a permutation of {@code 0..n-1})
 * @param childSize the byte length of one child reference inside a prefix or suffix
 * @param minPrefixLength the minimal prefix length when no sibling precedes the child
 * @param maxPrefixLength the maximal prefix length when no sibling precedes the child
 * @param emptyChild the placeholder bytes of an empty child (empty if the tree has none)
 * @param hash the hash every inner op must use
 */
public record InnerSpec(
    List<Integer> childOrder, int childSize, int minPrefixLength, int maxPrefixLength, Bytes emptyChild,
    HashOp hash) {
  /** Copies the order and rejects nulls. */
  public InnerSpec {
    childOrder = List.copyOf(childOrder);
    Objects.requireNonNull(emptyChild, "emptyChild");
    Objects.requireNonNull(hash, "hash");
  }
}
