/**
 * The prover side, for tests, demos and benchmarks: in-memory trees that produce honest ICS-23 proofs
 * in the IAVL ({@link io.trestle.cosmos.ics23.tree.IavlTree}) and CometBFT simple-Merkle ({@link
 * io.trestle.cosmos.ics23.tree.SimpleMerkleMap}, the SDK multistore) formats. They trust their input
 * and verify nothing; never use their roots as trusted roots for data from elsewhere.
 */
package io.trestle.cosmos.ics23.tree;
