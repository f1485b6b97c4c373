package dev.credbroker.workload;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies workload tokens with Nimbus JOSE, in this order: well-formed signed JWT; algorithm asymmetric
 * (never {@code none} or HMAC) and accepted by the issuer; {@code iss} names a {@link TrustedIssuer}; a key
 * with the header's {@code kid} (re-reading a remote JWKS once if unknown) verifies the signature; then
 * {@code exp}/{@code nbf}/{@code iat} with {@code broker.workload.clock-skew} leeway (default 60s), {@code aud}
 * holding an accepted audience, and the claims the broker needs ({@code jti sub terraform_run_id
 * terraform_run_phase terraform_organization_name terraform_workspace_name}).
 *
 * <p>Each failure is an {@link InvalidWorkloadTokenException} naming the check; no message contains the
 * token. {@code jti} single use is the phase store's job, not this class's.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7519#section-7.2">RFC 7519 §7.2 (validating a JWT)</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8725#section-3.1">RFC 8725 §3.1 (algorithm verification)</a>
 */
@Singleton
public class NimbusWorkloadTokenVerifier implements WorkloadTokenVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(NimbusWorkloadTokenVerifier.class);
    /** The only algorithms any issuer may be configured with. */
    public static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    /** Larger bearer values are refused before parsing. */
    static final int MAX_TOKEN_LENGTH = 16 * 1024;
    static final List<String> REQUIRED_CLAIMS = List.of("jti", "sub", "terraform_run_id", "terraform_run_phase",
            "terraform_organization_name", "terraform_workspace_name");
    /** Optional or required name claims that reach the audit trail. */
    private static final List<String> NAME_CLAIMS = List.of("terraform_organization_name", "terraform_project_name",
            "terraform_workspace_name", "terraform_workspace_id");

    private final List<TrustedIssuer> issuers;
    private final Duration clockSkew;
    private final Clock clock;
    private final RefusalLog refusals;

    @Inject
    public NimbusWorkloadTokenVerifier(List<TrustedIssuer> issuers, WorkloadSettings settings, Clock clock,
                                       RefusalLog refusals) {
        this.refusals = Objects.requireNonNull(refusals, "refusals");
        this.issuers = List.copyOf(issuers);
        this.clockSkew = Objects.requireNonNull(settings.clockSkew(), "clockSkew");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (this.issuers.isEmpty()) {
            LOG.warn("no trusted issuer is configured: every workload token will be refused");
        }
    }

    @Override
    public WorkloadToken verify(String compactJwt) {
        Facts facts = new Facts();
        try {
            return verify(compactJwt, facts);
        } catch (InvalidWorkloadTokenException | JwksUnavailableException e) {
            refusals.refused(e.getMessage(), facts.snapshot());
            throw e;
        }
    }

    private WorkloadToken verify(String compactJwt, Facts facts) {
        if (compactJwt == null || compactJwt.isBlank()) {
            throw invalid("no workload token was presented");
        }
        if (compactJwt.length() > MAX_TOKEN_LENGTH) {
            throw invalid("the workload token is longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        SignedJWT jwt = parse(compactJwt.strip());
        facts.kid = jwt.getHeader().getKeyID();
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
            throw invalid("HMAC-signed tokens (" + alg + ") are never accepted");
        }
        if (!ASYMMETRIC.contains(alg)) {
            throw invalid("signature algorithm " + printable(alg.getName()) + " is not accepted");
        }
        if (jwt.getHeader().getCriticalParams() != null && !jwt.getHeader().getCriticalParams().isEmpty()) {
            // RFC 7515 §4.1.11: a header parameter marked critical that we don't implement makes the JWS invalid
            throw invalid("the token's header marks parameters the broker does not understand as critical (crit: "
                    + jwt.getHeader().getCriticalParams().stream().sorted().map(NimbusWorkloadTokenVerifier::printable)
                    .collect(java.util.stream.Collectors.joining(", ")) + ")");
        }
        JWTClaimsSet claims = ClaimsDocument.parse(jwt.getPayload().toString());
        facts.jti = claims.getJWTID();
        String iss = claims.getIssuer();
        facts.issuer = iss;
        if (iss == null || iss.isBlank()) {
            throw invalid("the token has no iss claim");
        }
        List<TrustedIssuer> candidates = issuers.stream().filter(i -> i.issuer().equals(iss)).toList();
        if (candidates.isEmpty()) {
            throw invalid("issuer " + printable(iss) + " is not trusted");
        }
        TrustedIssuer issuer = verifySignature(jwt, alg, candidates);

        checkTimes(claims);
        List<String> aud = claims.getAudience();
        if (aud == null || aud.isEmpty()) {
            throw invalid("the token has no aud claim");
        }
        if (aud.stream().noneMatch(issuer.audiences()::contains)) {
            throw invalid("the token's audience is not accepted for issuer " + printable(iss));
        }
        return new WorkloadToken(identity(claims, iss, aud), compactJwt.strip());
    }

    /** What the refusal log may say about a token: filled in as the token is read. */
    private static final class Facts {
        String issuer;
        String kid;
        String jti;

        TokenFacts snapshot() {
            return new TokenFacts(issuer, kid, jti);
        }
    }

    private static SignedJWT parse(String compact) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(compact);
        } catch (ParseException e) {
            throw invalid("the workload token is not a well-formed JWT");
        }
        if (jwt instanceof PlainJWT) {
            throw invalid("unsigned tokens (alg none) are never accepted");
        }
        if (jwt instanceof EncryptedJWT || !(jwt instanceof SignedJWT signed)) {
            throw invalid("encrypted tokens are not accepted");
        }
        return signed;
    }

    private TrustedIssuer verifySignature(SignedJWT jwt, JWSAlgorithm alg, List<TrustedIssuer> candidates) {
        String kid = jwt.getHeader().getKeyID();
        boolean algAccepted = false;
        boolean keyFound = false;
        for (TrustedIssuer issuer : candidates) {
            if (!issuer.algorithms().contains(alg)) {
                continue;
            }
            algAccepted = true;
            List<JWK> keys = select(issuer.keys(), alg, kid);
            if (keys.isEmpty() && issuer instanceof RefreshableTrustedIssuer refreshable) {
                keys = select(refreshable.refreshKeys(), alg, kid);
            }
            for (JWK key : keys) {
                keyFound = true;
                if (verifies(jwt, key)) {
                    return issuer;
                }
            }
        }
        if (!algAccepted) {
            throw invalid("signature algorithm " + alg + " is not accepted for issuer " + printable(candidates.get(0).issuer()));
        }
        if (!keyFound) {
            throw invalid(kid == null ? "the token has no kid and no key of the issuer matches its algorithm"
                    : "no key of the issuer has kid " + printable(kid));
        }
        throw invalid("the token's signature does not verify");
    }

    private static List<JWK> select(JWKSet keys, JWSAlgorithm alg, String kid) {
        JWKMatcher.Builder m = new JWKMatcher.Builder()
                .keyType(KeyType.forAlgorithm(alg))
                .keyUses(KeyUse.SIGNATURE, null)
                .algorithms(alg, null);
        if (kid != null) {
            m.keyID(kid);
        }
        return new JWKSelector(m.build()).select(keys);
    }

    private static boolean verifies(SignedJWT jwt, JWK key) {
        try {
            JWSVerifier verifier;
            if (key instanceof RSAKey rsa) {
                verifier = new RSASSAVerifier(rsa);
            } else if (key instanceof ECKey ec) {
                verifier = new ECDSAVerifier(ec);
            } else {
                return false;
            }
            return jwt.verify(verifier);
        } catch (JOSEException | IllegalStateException e) {
            return false;
        }
    }

    private void checkTimes(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw invalid("the token has no exp claim");
        }
        if (!exp.toInstant().plus(clockSkew).isAfter(now)) {
            throw invalid("the token expired at " + exp.toInstant());
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().minus(clockSkew).isAfter(now)) {
            throw invalid("the token is not valid before " + nbf.toInstant() + " (nbf)");
        }
        Date iat = claims.getIssueTime();
        if (iat != null && iat.toInstant().minus(clockSkew).isAfter(now)) {
            throw invalid("the token was issued in the future (iat " + iat.toInstant() + ")");
        }
    }

    private static RunIdentity identity(JWTClaimsSet claims, String iss, List<String> aud) {
        for (String name : REQUIRED_CLAIMS) {
            Object value = claims.getClaim(name);
            if (value == null) {
                throw invalid("the token lacks the claim " + name);
            }
            if (!(value instanceof String s)) {
                throw invalid("claim " + name + " must be a string, not " + ClaimsDocument.kind(value));
            }
            if (s.isBlank()) {
                throw invalid("claim " + name + " is empty");
            }
        }
        bounded(claims, "iss", ClaimLimits.ISSUER);
        bounded(claims, "jti", ClaimLimits.JTI);
        bounded(claims, "sub", ClaimLimits.SUBJECT);
        bounded(claims, "terraform_run_id", ClaimLimits.RUN_ID);
        for (String name : NAME_CLAIMS) {
            bounded(claims, name, ClaimLimits.NAME);
        }
        String phaseClaim = (String) claims.getClaim("terraform_run_phase");
        RunPhase phase = RunPhase.fromClaim(phaseClaim)
                .orElseThrow(() -> invalid("terraform_run_phase must be plan or apply"));
        return new RunIdentity(iss, claims.getSubject(), claims.getJWTID(),
                (String) claims.getClaim("terraform_run_id"), phase,
                (String) claims.getClaim("terraform_organization_name"),
                optionalString(claims, "terraform_project_name"),
                (String) claims.getClaim("terraform_workspace_name"),
                optionalString(claims, "terraform_workspace_id"),
                aud,
                claims.getIssueTime() == null ? null : claims.getIssueTime().toInstant(),
                claims.getExpirationTime().toInstant());
    }

    /**
     * A claim the broker stores or audits: within its column ({@link ClaimLimits}) and free of control characters
     * (PostgreSQL refuses NUL in text), checked here so neither can surface as a database failure later.
     */
    private static void bounded(JWTClaimsSet claims, String name, int max) {
        Object value = claims.getClaim(name);
        if (value == null) {
            return;
        }
        if (!(value instanceof String s)) {
            throw invalid("claim " + name + " must be a string, not " + ClaimsDocument.kind(value));
        }
        if (s.length() > max) {
            throw invalid("claim " + name + " is longer than " + max + " characters");
        }
        if (s.chars().anyMatch(Character::isISOControl)) {
            throw invalid("claim " + name + " contains control characters");
        }
    }

    private static Optional<String> optionalString(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }

    /** Claim values quoted in messages: bounded and free of control characters. */
    private static String printable(String value) {
        String v = value.length() > 120 ? value.substring(0, 120) + "…" : value;
        return "\"" + v.replaceAll("\\p{Cntrl}", "?") + "\"";
    }

    private static InvalidWorkloadTokenException invalid(String reason) {
        return new InvalidWorkloadTokenException(reason);
    }
}
