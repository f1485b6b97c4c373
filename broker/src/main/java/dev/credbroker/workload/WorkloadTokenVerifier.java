package dev.credbroker.workload;

/** Verifies a bearer workload token against the trusted issuers. */
public interface WorkloadTokenVerifier {

    /**
     * @param compactJwt the bearer value, never null
     * @return the verified token
     * @throws InvalidWorkloadTokenException when the token is malformed, untrusted, expired, not yet valid,
     *                                       for another audience, or lacks a claim the broker needs
     */
    WorkloadToken verify(String compactJwt);
}
