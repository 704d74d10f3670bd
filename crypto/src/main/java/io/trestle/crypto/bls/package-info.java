/**
 * BLS12-381 signatures for Ethereum's consensus layer (ciphersuite {@code
 * BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_}), backed by blst via jblst. {@link
 * io.trestle.crypto.bls.BlsPublicKey} and {@link io.trestle.crypto.bls.BlsSignature} exist only in a
 * validated state (canonical encoding, on curve, in subgroup; keys never infinity); {@link
 * io.trestle.crypto.bls.Bls} checks pairings over them and {@link io.trestle.crypto.bls.BlsSpec} offers
 * the same over raw bytes without ever throwing.
 */
package io.trestle.crypto.bls;
