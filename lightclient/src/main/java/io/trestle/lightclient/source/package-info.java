/**
 * Untrusted data sources: a beacon-API light-client client ({@link io.trestle.lightclient.source.BeaconApiClient})
 * and an execution JSON-RPC client ({@link io.trestle.lightclient.source.ExecutionRpcClient}) over the JDK HTTP
 * client.
 *
 * <p>Trust contract: everything these classes return is untrusted data as a server sent it. They fetch, bound
 * (timeouts, response size caps, request counts), retry, fail over between endpoints and cross-check endpoints
 * against each other; they never verify a signature, a Merkle branch or a proof. A value returned here may be
 * forged, stale or from another network; the light client and proof verifiers decide what it is worth. The
 * network checks ({@code checkNetwork}, {@code checkChainId}) only catch misconfiguration (an honest server of the
 * wrong network), not a lying server.
 */
package io.trestle.lightclient.source;
