/**
 * The CometBFT light client: canonical encodings ({@link io.trestle.cosmos.light.Canonical}), commit
 * verification ({@link io.trestle.cosmos.light.CommitVerifier}), one verification step ({@link
 * io.trestle.cosmos.light.LightVerifier}), the bisection scheduler ({@link io.trestle.cosmos.light.Bisection}),
 * misbehaviour and witness cross-checks ({@link io.trestle.cosmos.light.Misbehaviour}, {@link
 * io.trestle.cosmos.light.Detector}), the persisted trusted state ({@link
 * io.trestle.cosmos.light.TrustedStateStore}), and the untrusted input formats (RPC JSON, IBC protobuf).
 *
 * <p>Trust enters only through a {@link io.trestle.cosmos.light.TrustedState} made from the operator's trust
 * root; everything else is untrusted and is either verified or rejected with a stable {@link
 * io.trestle.cosmos.light.LightRejection}. No IO except {@link io.trestle.cosmos.light.TrustedStateStore}; no
 * clock ({@code now} is an argument); no logging except fail-closed internal errors.
 */
package io.trestle.cosmos.light;
