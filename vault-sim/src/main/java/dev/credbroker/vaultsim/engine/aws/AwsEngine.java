package dev.credbroker.vaultsim.engine.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credbroker.vaultsim.VaultError;
import dev.credbroker.vaultsim.engine.Durations;
import dev.credbroker.vaultsim.engine.MountContext;
import dev.credbroker.vaultsim.engine.Params;
import dev.credbroker.vaultsim.engine.Randoms;
import dev.credbroker.vaultsim.engine.SecretsEngine;
import dev.credbroker.vaultsim.engine.SimRequest;
import dev.credbroker.vaultsim.engine.SimRequest.Operation;
import dev.credbroker.vaultsim.engine.SimResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code aws} secrets engine, after Vault's {@code builtin/logical/aws}.
 *
 * <p>Paths: {@code config/root}, {@code config/lease}, {@code roles/}, {@code roles/<name>}, {@code creds/<name>}
 * and {@code sts/<name>}. IAM-user credentials are leased and renewable, and revoking the lease deletes the access
 * key in the {@link dev.credbroker.vaultsim.engine.FakeCloud}. STS credentials ({@code assumed_role},
 * {@code federation_token}) are leased too, as in every supported Vault but 1.13.0–1.13.1: a lease id,
 * {@code renewable false}, {@code lease_duration} = the STS lifetime; renewing is refused and revoking does nothing
 * on AWS, so the credential stays valid in the fake cloud until its own expiry.
 */
public final class AwsEngine implements SecretsEngine {

    public static final String TYPE = "aws";
    /** FakeCloud kind of an IAM user's access key. */
    public static final String KIND_IAM_USER = "aws-iam-user";
    /** FakeCloud kind of an STS session credential. */
    public static final String KIND_STS = "aws-sts";

    /** The {@code ttl} field's default on {@code creds/} and {@code sts/} (path_user.go). */
    static final Duration DEFAULT_STS_TTL = Duration.ofHours(1);
    /** Lease TTL when {@code config/lease} was never written; Vault would use the mount's default TTL. */
    static final Duration DEFAULT_LEASE_TTL = Duration.ofHours(1);
    /** Vault's default system max lease TTL (768h), used where Vault falls back to {@code System().MaxLeaseTTL()}. */
    static final Duration SYSTEM_MAX_TTL = Duration.ofHours(768);
    /** AWS rejects STS DurationSeconds below 15 minutes. */
    static final Duration AWS_MIN_STS_TTL = Duration.ofMinutes(15);

    /** The error the AWS SDK gives when config/root is empty and the default chain finds nothing. */
    static final String NO_CREDENTIALS = "NoCredentialProviders: no valid providers in chain. Deprecated.\n"
            + "\tFor verbose messaging see aws.Config.CredentialsChainVerboseErrors";

    private static final String ROOT_KEY = "config/root";
    private static final String LEASE_KEY = "config/lease";
    private static final String ROLE_PREFIX = "role/";
    /** Vault's token display name; the SPI does not carry the caller's, so the default is used. */
    private static final String DISPLAY_NAME = "token";

    private static final ObjectMapper JSON = new ObjectMapper();

    private record RootConfig(String accessKey, String secretKey, String region, String iamEndpoint,
                              String stsEndpoint, int maxRetries) {
    }

    private record LeaseConfig(Duration lease, Duration leaseMax) {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public SimResponse handle(SimRequest request, MountContext mount) {
        String path = request.path();
        String[] seg = request.segments();
        Operation op = request.operation();
        switch (seg[0]) {
            case "config":
                if (seg.length == 2 && seg[1].equals("root")) {
                    return switch (op) {
                        case READ -> readRoot(mount);
                        case UPDATE -> writeRoot(request, mount);
                        default -> throw VaultError.unsupportedOperation();
                    };
                }
                if (seg.length == 2 && seg[1].equals("lease")) {
                    return switch (op) {
                        case READ -> readLease(mount);
                        case UPDATE -> writeLease(request, mount);
                        default -> throw VaultError.unsupportedOperation();
                    };
                }
                break;
            case "roles":
                if (seg.length == 1 || (seg.length == 2 && seg[1].isEmpty())) {
                    if (op != Operation.LIST) {
                        throw VaultError.unsupportedOperation();
                    }
                    return listRoles(mount);
                }
                if (seg.length == 2 && Params.isGenericNameWithAt(seg[1])) {
                    return switch (op) {
                        case READ -> readRole(seg[1], mount);
                        case UPDATE -> writeRole(seg[1], request, mount);
                        case DELETE -> deleteRole(seg[1], mount);
                        default -> throw VaultError.unsupportedOperation();
                    };
                }
                break;
            case "creds":
            case "sts":
                if (seg.length == 2 && Params.isGenericNameWithAt(seg[1])) {
                    if (op != Operation.READ && op != Operation.UPDATE) {
                        throw VaultError.unsupportedOperation();
                    }
                    return issue(seg[0].equals("sts"), seg[1], request, mount);
                }
                break;
            default:
                break;
        }
        throw VaultError.unsupportedPath(path);
    }

    // ---- config/root -------------------------------------------------------------------------------------------

    private SimResponse writeRoot(SimRequest request, MountContext mount) {
        Params p = Params.of(request);
        synchronized (mount.storage()) {
            RootConfig old = (RootConfig) mount.storage().get(ROOT_KEY);
            RootConfig cfg = new RootConfig(
                    p.string("access_key").orElse(old == null ? "" : old.accessKey()),
                    p.string("secret_key").orElse(old == null ? "" : old.secretKey()),
                    p.string("region").orElse(old == null ? "" : old.region()),
                    p.string("iam_endpoint").orElse(old == null ? "" : old.iamEndpoint()),
                    p.string("sts_endpoint").orElse(old == null ? "" : old.stsEndpoint()),
                    parseMaxRetries(p, old));
            mount.storage().put(ROOT_KEY, cfg);
        }
        return SimResponse.noContent();
    }

    private static int parseMaxRetries(Params p, RootConfig old) {
        String raw = p.string("max_retries").orElse(null);
        if (raw == null) {
            return old == null ? -1 : old.maxRetries();
        }
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw VaultError.badRequest("error converting input " + raw + " for field \"max_retries\": "
                    + "cannot parse '' as int: strconv.ParseInt: parsing \"" + raw + "\": invalid syntax");
        }
    }

    /** Never returns {@code secret_key}: Vault's read of config/root omits it. */
    private SimResponse readRoot(MountContext mount) {
        RootConfig cfg = (RootConfig) mount.storage().get(ROOT_KEY);
        if (cfg == null) {
            throw VaultError.notFound();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("access_key", cfg.accessKey());
        data.put("region", cfg.region());
        data.put("iam_endpoint", cfg.iamEndpoint());
        data.put("sts_endpoint", cfg.stsEndpoint());
        data.put("max_retries", cfg.maxRetries());
        return SimResponse.data(data);
    }

    // ---- config/lease ------------------------------------------------------------------------------------------

    private SimResponse writeLease(SimRequest request, MountContext mount) {
        Params p = Params.of(request);
        String lease = p.string("lease").orElse("");
        String leaseMax = p.string("lease_max").orElse("");
        if (lease.isEmpty()) {
            throw VaultError.badRequest("'lease' is a required parameter");
        }
        if (leaseMax.isEmpty()) {
            throw VaultError.badRequest("'lease_max' is a required parameter");
        }
        // Vault parses both with Go's time.ParseDuration; bare seconds are accepted here as well.
        Duration leaseTtl = parseLeaseField("lease", lease);
        Duration leaseMaxTtl = parseLeaseField("lease_max", leaseMax);
        mount.storage().put(LEASE_KEY, new LeaseConfig(leaseTtl, leaseMaxTtl));
        return SimResponse.noContent();
    }

    private static Duration parseLeaseField(String field, String raw) {
        try {
            return Durations.parse(raw);
        } catch (IllegalArgumentException e) {
            throw VaultError.badRequest("Invalid " + field + ": " + e.getMessage());
        }
    }

    private SimResponse readLease(MountContext mount) {
        LeaseConfig cfg = (LeaseConfig) mount.storage().get(LEASE_KEY);
        if (cfg == null) {
            throw VaultError.notFound();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("lease", Durations.format(cfg.lease()));
        data.put("lease_max", Durations.format(cfg.leaseMax()));
        return SimResponse.data(data);
    }

    // ---- roles -------------------------------------------------------------------------------------------------

    private SimResponse listRoles(MountContext mount) {
        List<String> keys = mount.storage().keySet().stream()
                .filter(k -> k.startsWith(ROLE_PREFIX))
                .map(k -> k.substring(ROLE_PREFIX.length()))
                .sorted()
                .toList();
        if (keys.isEmpty()) {
            throw VaultError.notFound(); // Vault answers an empty LIST with 404
        }
        return SimResponse.data(Map.of("keys", keys));
    }

    private SimResponse readRole(String name, MountContext mount) {
        AwsRole role = (AwsRole) mount.storage().get(ROLE_PREFIX + name);
        if (role == null) {
            throw VaultError.notFound();
        }
        return SimResponse.data(role.toResponseData());
    }

    private SimResponse deleteRole(String name, MountContext mount) {
        mount.storage().remove(ROLE_PREFIX + name);
        return SimResponse.noContent();
    }

    /** Creates or updates: fields not sent keep their stored value, as in {@code pathRolesWrite}. */
    private SimResponse writeRole(String name, SimRequest request, MountContext mount) {
        Params p = Params.of(request);
        synchronized (mount.storage()) {
            AwsRole old = (AwsRole) mount.storage().get(ROLE_PREFIX + name);
            AwsRole r = old == null ? AwsRole.empty() : old;
            String policyDocument = r.policyDocument();
            if (p.has("policy_document")) {
                policyDocument = compactPolicy(p.raw("policy_document").orElseThrow());
            }
            AwsRole role = new AwsRole(
                    p.string("credential_type").orElse(r.credentialType()),
                    p.stringList("role_arns").orElse(r.roleArns()),
                    p.stringList("policy_arns").orElse(r.policyArns()),
                    policyDocument,
                    p.stringList("iam_groups").orElse(r.iamGroups()),
                    p.duration("default_sts_ttl").orElse(r.defaultStsTtl()),
                    p.duration("max_sts_ttl").orElse(r.maxStsTtl()),
                    p.string("user_path").orElse(r.userPath()),
                    p.string("permissions_boundary_arn").orElse(r.permissionsBoundaryArn()));
            List<String> errors = validate(role);
            if (!errors.isEmpty()) {
                throw VaultError.badRequest("error(s) validating supplied role data: " + goQuote(multiError(errors)));
            }
            mount.storage().put(ROLE_PREFIX + name, role);
        }
        return SimResponse.noContent();
    }

    /** Vault compacts the policy JSON and rejects what does not parse. A JSON object is accepted as-is. */
    private static String compactPolicy(Object raw) {
        if (!(raw instanceof CharSequence)) {
            try {
                return JSON.writeValueAsString(raw);
            } catch (JsonProcessingException e) {
                throw VaultError.badRequest("cannot parse policy document: " + goQuote(String.valueOf(raw)));
            }
        }
        String text = raw.toString();
        if (text.isEmpty()) {
            return "";
        }
        try {
            JsonNode node = JSON.readTree(text);
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw VaultError.badRequest("cannot parse policy document: " + goQuote(text));
        }
    }

    /** The checks of {@code awsRoleEntry.validate()}, with its messages. */
    private static List<String> validate(AwsRole r) {
        List<String> errors = new ArrayList<>();
        String type = r.credentialType();
        if (type.isEmpty()) {
            errors.add("did not supply credential_type");
        } else if (!List.of(AwsRole.IAM_USER, AwsRole.ASSUMED_ROLE, AwsRole.FEDERATION_TOKEN).contains(type)) {
            // session_token exists in Vault but needs MFA plumbing this sim does not model.
            errors.add("unrecognized credential type: " + type);
        }
        boolean sts = List.of(AwsRole.ASSUMED_ROLE, AwsRole.FEDERATION_TOKEN, AwsRole.SESSION_TOKEN).contains(type);
        String stsTypes = "assumed_role, federation_token, and session_token";
        if (!r.defaultStsTtl().isZero() && !sts) {
            errors.add("default_sts_ttl parameter only valid for " + stsTypes + " credential types");
        }
        if (!r.maxStsTtl().isZero() && !sts) {
            errors.add("max_sts_ttl parameter only valid for " + stsTypes + " credential types");
        }
        if (!r.maxStsTtl().isZero() && !r.defaultStsTtl().isZero() && r.defaultStsTtl().compareTo(r.maxStsTtl()) > 0) {
            errors.add("\"default_sts_ttl\" value must be less than or equal to \"max_sts_ttl\" value");
        }
        if (!r.userPath().isEmpty() && !AwsRole.IAM_USER.equals(type)) {
            errors.add("user_path parameter only valid for iam_user credential type");
        }
        if (!r.permissionsBoundaryArn().isEmpty() && !AwsRole.IAM_USER.equals(type)) {
            errors.add("cannot supply permissions_boundary_arn when credential_type isn't iam_user");
        }
        if (!r.roleArns().isEmpty() && !AwsRole.ASSUMED_ROLE.equals(type)) {
            errors.add("cannot supply role_arns when credential_type isn't assumed_role");
        }
        return errors;
    }

    // ---- creds/<role>, sts/<role> ------------------------------------------------------------------------------

    private SimResponse issue(boolean viaSts, String roleName, SimRequest request, MountContext mount) {
        AwsRole role = (AwsRole) mount.storage().get(ROLE_PREFIX + roleName);
        if (role == null) {
            throw VaultError.badRequest("Role \"" + roleName + "\" not found");
        }
        Params p = Params.of(request);

        Duration ttl = p.duration("ttl").orElse(
                role.defaultStsTtl().isZero() ? DEFAULT_STS_TTL : role.defaultStsTtl());
        Duration maxTtl = role.maxStsTtl().isZero() ? SYSTEM_MAX_TTL : role.maxStsTtl();
        if (ttl.compareTo(maxTtl) > 0) {
            ttl = maxTtl;
        }

        switch (role.credentialType()) {
            case AwsRole.IAM_USER:
                if (viaSts) {
                    // Vault's own message for this case. Note: Vault only refuses it for roles upgraded from the
                    // legacy format; for current roles it mints an IAM user even on sts/. The sim refuses always,
                    // because an IAM user reached through sts/ is never what a caller meant.
                    throw VaultError.badRequest("attempted to retrieve iam_user credentials through the sts path; "
                            + "this is not allowed for legacy roles");
                }
                return createIamUser(roleName, role, mount);
            case AwsRole.ASSUMED_ROLE:
                String roleArn = p.string("role_arn").orElse("");
                if (roleArn.isEmpty()) {
                    if (role.roleArns().size() != 1) {
                        throw VaultError.badRequest("did not supply a role_arn parameter and unable to determine one");
                    }
                    roleArn = role.roleArns().get(0);
                } else if (!role.roleArns().contains(roleArn)) {
                    throw VaultError.badRequest("role_arn \"" + roleArn + "\" not in allowed role arns for Vault role \""
                            + roleName + "\"");
                }
                return assumeRole(roleName, roleArn, p.string("role_session_name").orElse(""), ttl, mount);
            case AwsRole.FEDERATION_TOKEN:
                return federationToken(role, ttl, mount);
            default:
                throw VaultError.badRequest("unknown credential_type: \"" + role.credentialType() + "\"");
        }
    }

    /**
     * Vault never refuses for lack of config/root: the AWS SDK falls back to its default credential chain (env,
     * shared files, instance role). The sim has no such chain, so an unconfigured mount fails the way a Vault
     * server with no ambient AWS credentials does: a 400 carrying the SDK's NoCredentialProviders error.
     */
    private static void requireRootCredentials(MountContext mount, String prefix) {
        RootConfig cfg = (RootConfig) mount.storage().get(ROOT_KEY);
        if (cfg == null || cfg.accessKey().isEmpty() || cfg.secretKey().isEmpty()) {
            throw VaultError.badRequest(prefix + NO_CREDENTIALS);
        }
    }

    private SimResponse createIamUser(String roleName, AwsRole role, MountContext mount) {
        requireRootCredentials(mount, "Error creating IAM user: ");
        Instant now = mount.clock().instant();
        String username = truncate("vault-" + truncate(DISPLAY_NAME, 42) + "-" + truncate(roleName, 42) + "-"
                + now.getEpochSecond() + "-" + Randoms.string(Randoms.ALNUM, 20), 64);
        String accessKey = "AKIA" + Randoms.string(Randoms.UPPER_ALNUM, 16);
        String secretKey = Randoms.string(Randoms.ALNUM + "+/", 40);

        // IAM access keys have no expiry of their own: they live until the lease's revocation deletes them.
        mount.cloud().mint(accessKey, KIND_IAM_USER, null);

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("access_key", accessKey);
        data.put("secret_key", secretKey);
        data.put("security_token", null);

        LeaseConfig lease = (LeaseConfig) mount.storage().get(LEASE_KEY);
        Duration ttl = lease == null || lease.lease().isZero() ? DEFAULT_LEASE_TTL : lease.lease();
        Duration max = lease == null || lease.leaseMax().isZero() ? SYSTEM_MAX_TTL : lease.leaseMax();
        if (ttl.compareTo(max) > 0) {
            ttl = max;
        }
        Map<String, Object> internal = Map.of(
                "username", username,
                "access_key", accessKey,
                "role", roleName,
                "is_sts", false);
        return SimResponse.leased(data, new SimResponse.Lease(ttl, max, true), internal);
    }

    private SimResponse assumeRole(String roleName, String roleArn, String sessionName, Duration ttl,
                                   MountContext mount) {
        requireRootCredentials(mount, "Error assuming role: ");
        checkAwsStsTtl(ttl, "Error assuming role: ");
        Instant now = mount.clock().instant();
        if (sessionName.isEmpty()) {
            sessionName = truncate("vault-" + truncate(DISPLAY_NAME, 42) + "-" + truncate(roleName, 42) + "-"
                    + now.getEpochSecond() + "-" + Randoms.string(Randoms.ALNUM, 20), 64);
        } else {
            sessionName = sessionName.replaceAll("[^a-zA-Z0-9+=,.@_-]", "_");
            if (sessionName.length() > 64) {
                throw VaultError.badRequest("Error assuming role: ValidationError: 1 validation error detected: "
                        + "Value '" + sessionName + "' at 'roleSessionName' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 64");
            }
        }
        Map<String, Object> data = stsCredentials(now, ttl, mount);
        data.put("arn", assumedRoleArn(roleArn, sessionName));
        data.put("ttl", ttl.toSeconds());
        return stsLease(data, ttl);
    }

    private SimResponse federationToken(AwsRole role, Duration ttl, MountContext mount) {
        // Checked before the AWS call in Vault, but after the client is built, so missing root creds win.
        requireRootCredentials(mount, "Error generating STS keys: ");
        if (role.policyDocument().isEmpty() && role.policyArns().isEmpty()) {
            throw VaultError.badRequest(
                    "must specify at least one of policy_arns or policy_document with federation_token credential_type");
        }
        checkAwsStsTtl(ttl, "Error generating STS keys: ");
        Map<String, Object> data = stsCredentials(mount.clock().instant(), ttl, mount);
        data.put("ttl", ttl.toSeconds());
        return stsLease(data, ttl);
    }

    /**
     * secret_access_keys.go: STS secrets get a lease of the credential's lifetime that cannot be renewed
     * ({@code Renewable = false}, so sys/leases/renew answers 400 {@code lease is not renewable}); the
     * {@code is_sts} internal flag makes revocation a no-op. 1.13.0–1.13.1 alone returned no lease (PR #15869,
     * reverted by #20034/#20178); the {@code ttl} data field stayed.
     */
    private static SimResponse stsLease(Map<String, Object> data, Duration ttl) {
        return SimResponse.leased(data, new SimResponse.Lease(ttl, ttl, false),
                Map.of("is_sts", true, "access_key", data.get("access_key")));
    }

    /** AWS's own floor on DurationSeconds, reported as Vault relays AWS errors. */
    private static void checkAwsStsTtl(Duration ttl, String prefix) {
        if (ttl.compareTo(AWS_MIN_STS_TTL) < 0) {
            throw VaultError.badRequest(prefix + "ValidationError: 1 validation error detected: Value '"
                    + ttl.toSeconds() + "' at 'durationSeconds' failed to satisfy constraint: "
                    + "Member must have value greater than or equal to 900");
        }
    }

    private static Map<String, Object> stsCredentials(Instant now, Duration ttl, MountContext mount) {
        String accessKey = "ASIA" + Randoms.string(Randoms.UPPER_ALNUM, 16);
        // Real session tokens are opaque base64 blobs of a few hundred characters.
        String token = "IQoJb3JpZ2luX2VjE" + Base64.getEncoder().encodeToString(Randoms.bytes(300));
        mount.cloud().mint(accessKey, KIND_STS, now.plus(ttl));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("access_key", accessKey);
        data.put("secret_key", Randoms.string(Randoms.ALNUM + "+/", 40));
        data.put("security_token", token);
        return data;
    }

    /** {@code arn:aws:sts::<account>:assumed-role/<role name>/<session>} from the IAM role ARN. */
    private static String assumedRoleArn(String roleArn, String sessionName) {
        String[] parts = roleArn.split(":", 6);
        String account = parts.length == 6 ? parts[4] : "000000000000";
        String resource = parts.length == 6 ? parts[5] : roleArn;
        String roleOnly = resource.substring(resource.lastIndexOf('/') + 1);
        return "arn:aws:sts::" + account + ":assumed-role/" + roleOnly + "/" + sessionName;
    }

    // ---- lease callbacks ---------------------------------------------------------------------------------------

    /** Deletes the IAM user's access key; for an STS lease it does nothing (AWS cannot revoke a session), as in Vault. */
    @Override
    public void revoke(Map<String, Object> internal, MountContext mount) {
        if (Boolean.TRUE.equals(internal.get("is_sts"))) {
            return;
        }
        Object accessKey = internal.get("access_key");
        if (accessKey == null) {
            throw new VaultError(500, "secret is missing username internal data");
        }
        mount.cloud().invalidate(accessKey.toString());
    }

    /** Vault resets an IAM user lease to {@code config/lease}'s TTL on renewal; unset means the request stands. */
    @Override
    public Duration renew(Map<String, Object> internal, Duration requested, MountContext mount) {
        LeaseConfig lease = (LeaseConfig) mount.storage().get(LEASE_KEY);
        return lease == null || lease.lease().isZero() ? requested : lease.lease();
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    /** go-multierror's rendering: {@code 1 error occurred:\n\t* x\n\n}. */
    static String multiError(List<String> errors) {
        StringBuilder out = new StringBuilder();
        out.append(errors.size()).append(errors.size() == 1 ? " error occurred:\n" : " errors occurred:\n");
        for (String e : errors) {
            out.append("\t* ").append(e).append('\n');
        }
        return out.append('\n').toString();
    }

    /** Go's {@code %q} for the characters that occur in these messages. */
    static String goQuote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
