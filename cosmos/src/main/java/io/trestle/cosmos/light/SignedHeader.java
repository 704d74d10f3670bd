package io.trestle.cosmos.light;

import java.util.Objects;

/**
 * A header with the commit that claims to sign it, untrusted.
 *
 * @param header the header
 * @param commit the commit for it
 */
public record SignedHeader(Header header, Commit commit) {
  /** Checks for nulls. */
  public SignedHeader {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(commit, "commit");
  }
}
