/**
 * Hash functions and fixed-size value types. Nothing here verifies anything by itself: {@link
 * io.trestle.crypto.Keccak256} and {@link io.trestle.crypto.Sha256} compute digests, and the value types
 * ({@link io.trestle.crypto.Hash32}, {@link io.trestle.crypto.Address}, {@link io.trestle.crypto.Bytes})
 * copy their input at ingress and never expose their arrays, so a checked value cannot change later.
 */
package io.trestle.crypto;
