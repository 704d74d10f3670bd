/**
 * Execution-layer proof verification. Exported: results and reason codes ({@code io.trestle.proofs}) and the
 * verified account and storage results ({@code io.trestle.proofs.state}). The decoders and tries (RLP, MPT, SSZ,
 * JSON-RPC values, execution objects, the EIP-1186 {@code eth_getProof} verifier) are internals of the light client,
 * exported to it only: a relayer verifies accounts through the light client's {@code ExecutionVerifier}.
 */
module io.trestle.proofs {
  requires transitive io.trestle.crypto;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports io.trestle.proofs;
  exports io.trestle.proofs.state;
  exports io.trestle.proofs.execution to io.trestle.lightclient;
  exports io.trestle.proofs.json to io.trestle.lightclient;
  exports io.trestle.proofs.mpt to io.trestle.lightclient;
  exports io.trestle.proofs.rlp to io.trestle.lightclient;
  exports io.trestle.proofs.ssz to io.trestle.lightclient;
}
