/**
 * The broker's own OIDC issuer, for installs whose run platform mints no workload token: signing keys
 * and their rotation ({@link dev.credbroker.issuer.KeyRing}), minting HCP-shaped workload tokens
 * ({@link dev.credbroker.issuer.TokenMinter}), and the data behind the discovery document and JWKS.
 * Nothing here knows about HTTP; the controllers live in {@code api}.
 */
package dev.credbroker.issuer;
