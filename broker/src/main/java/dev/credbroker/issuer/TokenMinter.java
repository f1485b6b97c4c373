package dev.credbroker.issuer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.credbroker.workload.ClaimLimits;
import dev.credbroker.workload.RunPhase;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Mints workload tokens shaped exactly like HCP Terraform's (header {@code typ=JWT, alg, kid}; claims
 * {@code iss sub aud jti iat nbf exp} plus the {@code terraform_*} set), signed with the
 * {@link KeyRing}'s active key. The one minting path for both {@code POST /v1/issuer/tokens} and the
 * {@code mint-token} command. Never logs the token.
 *
 * @see <a href="https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/workload-identity-tokens">HCP workload identity tokens</a>
 */
@Singleton
@Requires(property = IssuerConfiguration.ENABLED, notEquals = "false")
public class TokenMinter {
    private static final Logger LOG = LoggerFactory.getLogger(TokenMinter.class);

    private final IssuerConfiguration config;
    private final KeyRing ring;
    private final Clock clock;

    @Inject
    public TokenMinter(IssuerConfiguration config, KeyRing ring, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.ring = Objects.requireNonNull(ring, "ring");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @throws InvalidMintRequestException naming the first missing or malformed field (its wire name)
     */
    public MintedToken mint(MintRequest r) {
        String runId = required("run_id", r.runId(), ClaimLimits.RUN_ID);
        String organization = name("organization", r.organization());
        String workspace = name("workspace", r.workspace());
        SubjectFormat format = r.subjectFormat() == null ? SubjectFormat.HCP : SubjectFormat.of(r.subjectFormat())
                .orElseThrow(() -> new InvalidMintRequestException("subject_format", "must be \"hcp\" or \"otf\""));
        String project = format == SubjectFormat.HCP || r.project() != null ? name("project", r.project()) : null;
        RunPhase phase = RunPhase.fromClaim(required("phase", r.phase(), ClaimLimits.NAME))
                .orElseThrow(() -> new InvalidMintRequestException("phase", "must be \"plan\" or \"apply\""));
        String audience = required("audience", r.audience(), ClaimLimits.NAME);
        if (!config.audiences().contains(audience)) {
            // A token for another audience (sts.amazonaws.com, another Vault) would be a credential for a system
            // that never agreed to trust this issuer for it.
            throw new InvalidMintRequestException("audience", "must be one of the configured audiences "
                    + config.audiences() + " (" + IssuerConfiguration.PREFIX + ".audiences)");
        }
        String workspaceId = optional("workspace_id", r.workspaceId());
        String organizationId = optional("organization_id", r.organizationId());
        String projectId = optional("project_id", r.projectId());
        Duration ttl = ttl(r.ttlSeconds());

        String fullWorkspace = format == SubjectFormat.HCP
                ? "organization:" + organization + ":project:" + project + ":workspace:" + workspace
                : "organization:" + organization + ":workspace:" + workspace;
        String subject = fullWorkspace + ":run_phase:" + phase.claimValue();
        if (subject.length() > ClaimLimits.SUBJECT) {
            throw new InvalidMintRequestException("workspace", "organization, project and workspace together make a sub "
                    + "longer than " + ClaimLimits.SUBJECT + " characters");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant exp = now.plus(ttl);
        String jti = UUID.randomUUID().toString();

        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .jwtID(jti)
                .issuer(config.url())
                .audience(audience)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(exp))
                .subject(subject)
                .claim("terraform_organization_name", organization);
        if (organizationId != null) {
            claims.claim("terraform_organization_id", organizationId);
        }
        if (project != null) {
            claims.claim("terraform_project_name", project);
        }
        if (projectId != null) {
            claims.claim("terraform_project_id", projectId);
        }
        claims.claim("terraform_workspace_name", workspace);
        if (workspaceId != null) {
            claims.claim("terraform_workspace_id", workspaceId);
        }
        claims.claim("terraform_full_workspace", fullWorkspace)
                .claim("terraform_run_id", runId)
                .claim("terraform_run_phase", phase.claimValue());

        IssuerKey key = ring.activeKey();
        JWSHeader header = new JWSHeader.Builder(key.algorithm()).type(JOSEObjectType.JWT).keyID(key.kid()).build();
        SignedJWT jwt = new SignedJWT(header, claims.build());
        try {
            jwt.sign(signer(key));
        } catch (JOSEException e) {
            throw new IssuerKeyException("signing with issuer key " + key.kid() + " failed", e);
        }
        LOG.info("minted workload token jti={} run={} phase={} sub={} aud={} kid={} exp={}", jti, runId,
                phase.claimValue(), subject, audience, key.kid(), exp);
        return new MintedToken(jwt.serialize(), exp, key.kid(), jti);
    }

    private static JWSSigner signer(IssuerKey key) throws JOSEException {
        if (key.jwk() instanceof RSAKey rsa) {
            return new RSASSASigner(rsa);
        }
        if (key.jwk() instanceof ECKey ec) {
            return new ECDSASigner(ec);
        }
        throw new IssuerKeyException("issuer key " + key.kid() + " has an unsupported type");
    }

    private Duration ttl(Long seconds) {
        if (seconds == null) {
            return config.defaultTtl();
        }
        if (seconds <= 0) {
            throw new InvalidMintRequestException("ttl_seconds", "must be positive");
        }
        if (seconds > config.maxTtl().toSeconds()) {
            throw new InvalidMintRequestException("ttl_seconds", "must not exceed " + config.maxTtl().toSeconds()
                    + " (" + IssuerConfiguration.PREFIX + ".max-ttl)");
        }
        return Duration.ofSeconds(seconds);
    }

    /** Limits are the verifier's ({@link ClaimLimits}): the broker never mints a token it would refuse. */
    private static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidMintRequestException(field, "is required");
        }
        if (value.length() > max) {
            throw new InvalidMintRequestException(field, "must not exceed " + max + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidMintRequestException(field, "must not contain control characters");
        }
        return value;
    }

    private static String optional(String field, String value) {
        return value == null ? null : required(field, value, ClaimLimits.NAME);
    }

    /** A name that becomes a segment of {@code sub}: a ':' would let it pose as another segment. */
    private static String name(String field, String value) {
        String v = required(field, value, ClaimLimits.NAME);
        if (v.contains(":")) {
            throw new InvalidMintRequestException(field, "must not contain ':' (it separates the segments of sub)");
        }
        return v;
    }

    /** The claims a minted token carries, for the discovery document's {@code claims_supported}. */
    public static List<String> claimsSupported() {
        return List.of("iss", "sub", "aud", "jti", "iat", "nbf", "exp",
                "terraform_organization_id", "terraform_organization_name",
                "terraform_project_id", "terraform_project_name",
                "terraform_workspace_id", "terraform_workspace_name", "terraform_full_workspace",
                "terraform_run_id", "terraform_run_phase");
    }
}
