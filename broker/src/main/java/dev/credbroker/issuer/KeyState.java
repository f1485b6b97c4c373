package dev.credbroker.issuer;

/**
 * Where a signing key is in its life. A key is published in the JWKS in every state, so verifiers that
 * cache the JWKS learn a key before the first token signed with it and keep it until the last one expired.
 */
public enum KeyState {
    /** Published, not yet signing: becomes {@link #ACTIVE} at the next rotation. */
    NEXT,
    /** Signs every token minted now. Exactly one key is active. */
    ACTIVE,
    /** No longer signs; published until {@code retiredAt + max-ttl}, then dropped (file deleted). */
    RETIRED
}
