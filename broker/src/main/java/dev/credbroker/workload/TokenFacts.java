package dev.credbroker.workload;

/**
 * What is known about a presented token when it is refused, for the refusal log: each part is null until read,
 * and none is trusted (they come from an unverified token). Never holds the token itself.
 */
public record TokenFacts(String issuer, String kid, String jti) {
    public static final TokenFacts UNKNOWN = new TokenFacts(null, null, null);
}
