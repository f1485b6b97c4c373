/**
 * Verifying workload tokens: trusted issuers, JWKS, claims → {@link dev.credbroker.workload.RunIdentity}.
 */
package dev.credbroker.workload;
