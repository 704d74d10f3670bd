/**
 * Trestle's hashing and value types: Keccak-256, SHA-256, {@code Hash32}, {@code Address}, {@code Bytes}. The BLS
 * package is an internal of the light client (exported to it only); {@code internal} (zero-copy reads of
 * {@code Bytes}) is exported to the proof verifiers only.
 */
module io.trestle.crypto {
  requires org.slf4j;
  requires jblst;

  exports io.trestle.crypto;
  exports io.trestle.crypto.bls to io.trestle.lightclient;
  exports io.trestle.crypto.internal to io.trestle.proofs;
}
