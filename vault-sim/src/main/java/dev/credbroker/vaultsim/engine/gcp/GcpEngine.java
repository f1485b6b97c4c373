package dev.credbroker.vaultsim.engine.gcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credbroker.vaultsim.VaultError;
import dev.credbroker.vaultsim.engine.MountContext;
import dev.credbroker.vaultsim.engine.Params;
import dev.credbroker.vaultsim.engine.Randoms;
import dev.credbroker.vaultsim.engine.SecretsEngine;
import dev.credbroker.vaultsim.engine.SimRequest;
import dev.credbroker.vaultsim.engine.SimRequest.Operation;
import dev.credbroker.vaultsim.engine.SimResponse;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code gcp} secrets engine, after hashicorp/vault-plugin-secrets-gcp.
 *
 * <p>Paths: {@code config}; {@code roleset/<n>}, {@code rolesets/}; {@code static-account/<n>},
 * {@code static-accounts/}; {@code impersonated-account/<n>}, {@code impersonated-accounts/}; and the secrets
 * {@code roleset/<n>/token}, {@code roleset/<n>/key}, {@code static-account/<n>/token},
 * {@code static-account/<n>/key}, {@code impersonated-account/<n>/token} (plus the deprecated {@code token/<n>} and
 * {@code key/<n>}). Access tokens are returned without a lease, because Google cannot revoke them; keys are leased,
 * renewable, and revoking the lease deletes the key in the fake cloud. Rebinding or deleting a roleset replaces its
 * service account, so every key and token minted for the old one stops working, as in GCP.
 */
public final class GcpEngine implements SecretsEngine {

    public static final String TYPE = "gcp";
    /** FakeCloud kind of a service-account key, keyed by {@code private_key_id}. */
    public static final String KIND_SA_KEY = "gcp-sa-key";
    /** FakeCloud kind of an OAuth2 access token, keyed by {@link #tokenId(String)}. */
    public static final String KIND_ACCESS_TOKEN = "gcp-access-token";

    static final String ACCESS_TOKEN = "access_token";
    static final String SERVICE_ACCOUNT_KEY = "service_account_key";
    static final String KEY_ALG_RSA_2048 = "KEY_ALG_RSA_2048";
    static final String KEY_ALG_RSA_1024 = "KEY_ALG_RSA_1024";
    static final String TYPE_CREDENTIALS_FILE = "TYPE_GOOGLE_CREDENTIALS_FILE";
    static final String TYPE_PKCS12 = "TYPE_PKCS12_FILE";

    /** Lifetime of a token minted from a service-account key (Google's JWT-bearer exchange gives one hour). */
    static final Duration TOKEN_TTL = Duration.ofHours(1);
    /** Key lease TTL when config sets none; Vault would use the mount's default TTL. */
    static final Duration DEFAULT_TTL = Duration.ofHours(1);
    /** Vault's default system max lease TTL. */
    static final Duration SYSTEM_MAX_TTL = Duration.ofHours(768);

    /** Google's answer to an unknown key algorithm or type, relayed by Vault as a 400. */
    static final String GOOGLE_BAD_REQUEST = "googleapi: Error 400: Request contains an invalid argument., badRequest";
    /** What the Google client libraries say when neither config nor the environment has credentials. */
    static final String NO_CREDENTIALS = "google: could not find default credentials. See "
            + "https://cloud.google.com/docs/authentication/external/set-up-adc for more information";

    private static final String CONFIG_KEY = "config";
    private static final String CREDS_PREFIX = "sa-creds/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Config(String credentials, String projectId, Duration ttl, Duration maxTtl) {
    }

    /** What a path prefix stores and how Vault names it in messages. */
    private enum Kind {
        ROLESET("roleset", "rolesets", "role set"),
        STATIC("static-account", "static-accounts", "static account"),
        IMPERSONATED("impersonated-account", "impersonated-accounts", "impersonated account");

        final String prefix;
        final String listPath;
        final String label;

        Kind(String prefix, String listPath, String label) {
            this.prefix = prefix;
            this.listPath = listPath;
            this.label = label;
        }

        static Kind of(String segment) {
            for (Kind k : values()) {
                if (k.prefix.equals(segment)) {
                    return k;
                }
            }
            return null;
        }
    }

    /** A roleset, static account or impersonated account. Immutable. */
    private record Account(Kind kind, String name, String secretType, String email, String project,
                           Map<String, List<String>> bindings, List<String> tokenScopes, Duration ttl) {
        String bindingHash() {
            return sha256Hex(String.valueOf(new TreeMap<>(bindings))); // order-independent
        }
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

        if (seg.length == 1 && seg[0].equals("config")) {
            return switch (op) {
                case READ -> readConfig(mount);
                case UPDATE -> writeConfig(request, mount);
                default -> throw VaultError.unsupportedOperation();
            };
        }
        for (Kind k : Kind.values()) {
            if (seg[0].equals(k.listPath) && (seg.length == 1 || (seg.length == 2 && seg[1].isEmpty()))) {
                if (op != Operation.LIST) {
                    throw VaultError.unsupportedOperation();
                }
                return list(k, mount);
            }
        }
        // Deprecated roleset secret paths, still served by the plugin.
        if ((seg[0].equals("token") || seg[0].equals("key")) && seg.length == 2 && Params.isGenericName(seg[1])) {
            requireSecretOperation(op);
            return secret(Kind.ROLESET, seg[1], seg[0], request, mount);
        }
        Kind kind = Kind.of(seg[0]);
        if (kind != null && seg.length >= 2 && Params.isGenericName(seg[1])) {
            String name = seg[1];
            if (seg.length == 2) {
                return switch (op) {
                    case READ -> read(kind, name, mount);
                    case UPDATE -> write(kind, name, request, mount);
                    case DELETE -> delete(kind, name, mount);
                    default -> throw VaultError.unsupportedOperation();
                };
            }
            boolean known = seg.length == 3 && (seg[2].equals("token")
                    || (seg[2].equals("key") && kind != Kind.IMPERSONATED));
            if (known) {
                requireSecretOperation(op);
                return secret(kind, name, seg[2], request, mount);
            }
        }
        throw VaultError.unsupportedPath(path);
    }

    private static void requireSecretOperation(Operation op) {
        if (op != Operation.READ && op != Operation.UPDATE) {
            throw VaultError.unsupportedOperation();
        }
    }

    // ---- config ------------------------------------------------------------------------------------------------

    private SimResponse writeConfig(SimRequest request, MountContext mount) {
        Params p = Params.of(request);
        synchronized (mount.storage()) {
            Config old = (Config) mount.storage().get(CONFIG_KEY);
            String credentials = old == null ? "" : old.credentials();
            String projectId = old == null ? "" : old.projectId();
            if (p.has("credentials")) {
                credentials = p.string("credentials").orElseThrow();
                try {
                    JsonNode node = JSON.readTree(credentials);
                    if (node == null || !node.isObject()) {
                        throw VaultError.badRequest("invalid credentials JSON file: expected a JSON object");
                    }
                    projectId = node.path("project_id").asText("");
                } catch (JsonProcessingException e) {
                    throw VaultError.badRequest("invalid credentials JSON file: " + e.getOriginalMessage());
                }
            }
            Duration ttl = p.duration("ttl").orElse(old == null ? Duration.ZERO : old.ttl());
            Duration maxTtl = p.duration("max_ttl").orElse(old == null ? Duration.ZERO : old.maxTtl());
            mount.storage().put(CONFIG_KEY, new Config(credentials, projectId, ttl, maxTtl));
        }
        return SimResponse.noContent();
    }

    /** Never returns {@code credentials}: the plugin's config read shows only the TTLs. */
    private SimResponse readConfig(MountContext mount) {
        Config cfg = (Config) mount.storage().get(CONFIG_KEY);
        if (cfg == null) {
            throw VaultError.notFound();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ttl", cfg.ttl().toSeconds());
        data.put("max_ttl", cfg.maxTtl().toSeconds());
        return SimResponse.data(data);
    }

    /**
     * Every call to Google needs credentials. With none in config the client libraries fall back to Application
     * Default Credentials, which the sim does not have, so it fails as such a Vault does, with a 400.
     */
    private static Config requireCredentials(MountContext mount) {
        Config cfg = (Config) mount.storage().get(CONFIG_KEY);
        if (cfg == null || cfg.credentials().isEmpty()) {
            throw VaultError.badRequest(NO_CREDENTIALS);
        }
        return cfg;
    }

    // ---- rolesets and accounts ---------------------------------------------------------------------------------

    private SimResponse list(Kind kind, MountContext mount) {
        String prefix = kind.prefix + "/";
        List<String> keys = mount.storage().keySet().stream()
                .filter(k -> k.startsWith(prefix))
                .map(k -> k.substring(prefix.length()))
                .sorted()
                .toList();
        if (keys.isEmpty()) {
            throw VaultError.notFound();
        }
        return SimResponse.data(Map.of("keys", keys));
    }

    private SimResponse read(Kind kind, String name, MountContext mount) {
        Account a = (Account) mount.storage().get(kind.prefix + "/" + name);
        if (a == null) {
            throw VaultError.notFound();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        if (kind != Kind.IMPERSONATED) {
            data.put("secret_type", a.secretType());
            data.put("bindings", a.bindings());
        }
        data.put("service_account_email", a.email());
        data.put("service_account_project", a.project());
        if (ACCESS_TOKEN.equals(a.secretType())) {
            data.put("token_scopes", a.tokenScopes());
        }
        if (kind == Kind.IMPERSONATED) {
            data.put("ttl", a.ttl().toSeconds());
        }
        return SimResponse.data(data);
    }

    private SimResponse delete(Kind kind, String name, MountContext mount) {
        synchronized (mount.storage()) {
            Account a = (Account) mount.storage().remove(kind.prefix + "/" + name);
            if (a != null && kind == Kind.ROLESET) {
                retireServiceAccount(a.email(), mount); // Vault deletes the roleset's service account
            }
        }
        return SimResponse.noContent();
    }

    private SimResponse write(Kind kind, String name, SimRequest request, MountContext mount) {
        Config cfg = requireCredentials(mount);
        Params p = Params.of(request);
        synchronized (mount.storage()) {
            Account old = (Account) mount.storage().get(kind.prefix + "/" + name);
            Account updated = switch (kind) {
                case ROLESET -> writeRoleset(name, old, p, mount);
                case STATIC -> writeStatic(name, old, p, cfg);
                case IMPERSONATED -> writeImpersonated(name, old, p, cfg);
            };
            mount.storage().put(kind.prefix + "/" + name, updated);
        }
        return SimResponse.noContent();
    }

    /** The checks and messages of {@code pathRoleSetCreateUpdate}. */
    private Account writeRoleset(String name, Account old, Params p, MountContext mount) {
        boolean create = old == null;
        // Vault defaults secret_type to access_token even on update, which makes an update of a key roleset
        // that omits secret_type fail; the sim keeps the stored type instead.
        String secretType = p.string("secret_type").orElse(create ? ACCESS_TOKEN : old.secretType());
        if (!secretType.equals(SERVICE_ACCOUNT_KEY) && !secretType.equals(ACCESS_TOKEN)) {
            throw VaultError.badRequest("invalid \"secret_type\" value: \"" + secretType + "\"");
        }
        if (!create && !old.secretType().equals(secretType)) {
            throw VaultError.badRequest("cannot change secret_type after roleset creation");
        }
        String project;
        if (p.has("project")) {
            project = p.string("project").orElseThrow();
            if (!create && !old.project().equals(project)) {
                throw VaultError.badRequest("cannot change project for existing role set (old: " + old.project()
                        + ", new: " + project + ")");
            }
            if (project.isEmpty()) {
                throw VaultError.badRequest("given empty project");
            }
        } else if (create) {
            throw VaultError.badRequest("project argument is required for new role set");
        } else {
            project = old.project();
        }
        List<String> scopes = create ? List.of() : old.tokenScopes();
        if (p.has("token_scopes")) {
            if (!secretType.equals(ACCESS_TOKEN)) {
                // Vault's message, typo included.
                throw VaultError.badRequest("token_scopes only valid for role set with 'access_token' secret type");
            }
            scopes = p.stringList("token_scopes").orElseThrow();
            if (scopes.isEmpty()) {
                throw VaultError.badRequest("cannot provide empty token_scopes");
            }
        } else if (create && secretType.equals(ACCESS_TOKEN)) {
            throw VaultError.badRequest("token_scopes must be provided for creating access token role set");
        }
        if (!p.has("bindings")) {
            if (create) {
                throw VaultError.badRequest("bindings are required for new role set");
            }
            return new Account(Kind.ROLESET, name, secretType, old.email(), project, old.bindings(), scopes,
                    Duration.ZERO);
        }
        String raw = p.string("bindings").orElseThrow();
        if (raw.isEmpty()) {
            throw VaultError.badRequest("given empty bindings string");
        }
        Map<String, List<String>> bindings = parseBindings(raw);
        // New bindings mean a new service account in Vault; the old one and all its credentials are deleted.
        if (!create) {
            retireServiceAccount(old.email(), mount);
        }
        String email = newServiceAccountEmail(name, project, mount.clock().instant());
        return new Account(Kind.ROLESET, name, secretType, email, project, bindings, scopes, Duration.ZERO);
    }

    private Account writeStatic(String name, Account old, Params p, Config cfg) {
        boolean create = old == null;
        String secretType = p.string("secret_type").orElse(create ? ACCESS_TOKEN : old.secretType());
        if (!create && !old.secretType().equals(secretType)) {
            throw VaultError.badRequest("cannot update secret_type");
        }
        if (!secretType.equals(SERVICE_ACCOUNT_KEY) && !secretType.equals(ACCESS_TOKEN)) {
            throw VaultError.badRequest("invalid secret_type \"" + secretType + "\"");
        }
        String email = emailParam(p, old);
        List<String> scopes = p.stringList("token_scopes").orElse(create ? List.of() : old.tokenScopes());
        if (secretType.equals(ACCESS_TOKEN) && scopes.isEmpty()) {
            throw VaultError.badRequest("non-empty token_scopes must be provided for generating access_token secrets");
        }
        Map<String, List<String>> bindings = create ? Map.of() : old.bindings();
        if (p.has("bindings")) {
            bindings = parseBindings(p.string("bindings").orElseThrow());
        }
        return new Account(Kind.STATIC, name, secretType, email, projectOf(email, cfg), bindings, scopes,
                Duration.ZERO);
    }

    private Account writeImpersonated(String name, Account old, Params p, Config cfg) {
        boolean create = old == null;
        String email = emailParam(p, old);
        List<String> scopes = p.stringList("token_scopes").orElse(create ? List.of() : old.tokenScopes());
        if (scopes.isEmpty()) {
            throw VaultError.badRequest("non-empty token_scopes must be provided for generating secrets");
        }
        Duration ttl = p.duration("ttl").orElse(create ? Duration.ZERO : old.ttl());
        return new Account(Kind.IMPERSONATED, name, ACCESS_TOKEN, email, projectOf(email, cfg), Map.of(), scopes,
                ttl);
    }

    /** {@code parseOkInputServiceAccountEmail}: required on create, immutable afterwards. */
    private static String emailParam(Params p, Account old) {
        String email = p.string("service_account_email").orElse("");
        if (email.isEmpty() && old == null) {
            throw VaultError.badRequest("email is required");
        }
        if (old != null && !email.isEmpty() && !old.email().equals(email)) {
            throw VaultError.badRequest("cannot update email");
        }
        return email.isEmpty() ? old.email() : email;
    }

    private static Map<String, List<String>> parseBindings(String raw) {
        Map<String, List<String>> bindings;
        try {
            bindings = Bindings.parse(raw);
        } catch (IllegalArgumentException e) {
            throw VaultError.badRequest("unable to parse bindings: " + e.getMessage());
        }
        if (bindings.isEmpty()) {
            throw VaultError.badRequest("unable to parse any bindings from given bindings HCL");
        }
        return Map.copyOf(bindings);
    }

    /** {@code <sa>@<project>.iam.gserviceaccount.com} gives the project; otherwise the credentials' project. */
    private static String projectOf(String email, Config cfg) {
        int at = email.indexOf('@');
        String domain = at < 0 ? "" : email.substring(at + 1);
        if (domain.endsWith(".iam.gserviceaccount.com")) {
            return domain.substring(0, domain.length() - ".iam.gserviceaccount.com".length());
        }
        return cfg.projectId();
    }

    /** Vault names a roleset's account {@code vault<name>-<unix time>}, at most 30 characters. */
    private static String newServiceAccountEmail(String name, String project, Instant now) {
        String prefix = ("vault" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-"));
        if (prefix.length() > 19) {
            prefix = prefix.substring(0, 19);
        }
        return prefix + "-" + now.getEpochSecond() + "@" + project + ".iam.gserviceaccount.com";
    }

    // ---- secrets -----------------------------------------------------------------------------------------------

    private SimResponse secret(Kind kind, String name, String what, SimRequest request, MountContext mount) {
        Account a = (Account) mount.storage().get(kind.prefix + "/" + name);
        if (a == null) {
            // Vault's wording differs between the two roleset paths: %q for keys, '%s' for tokens.
            String quoted = kind == Kind.ROLESET && what.equals("token") ? "'" + name + "'" : "\"" + name + "\"";
            throw VaultError.badRequest(kind.label + " " + quoted + " does not exists");
        }
        if (what.equals("token")) {
            if (!ACCESS_TOKEN.equals(a.secretType())) {
                String quoted = kind == Kind.ROLESET ? "'" + name + "'" : "\"" + name + "\"";
                throw VaultError.badRequest(kind.label + " " + quoted + " cannot generate access tokens (has secret type "
                        + a.secretType() + ")");
            }
            return accessToken(a, mount);
        }
        if (!SERVICE_ACCOUNT_KEY.equals(a.secretType())) {
            throw VaultError.badRequest(kind.label + " \"" + name + "\" cannot generate service account keys "
                    + "(has secret type " + a.secretType() + ")");
        }
        return serviceAccountKey(a, request, mount);
    }

    private SimResponse accessToken(Account a, MountContext mount) {
        Config cfg = requireCredentials(mount);
        Duration ttl = TOKEN_TTL;
        if (a.kind() == Kind.IMPERSONATED) {
            Duration max = cfg.maxTtl().isZero() ? SYSTEM_MAX_TTL : cfg.maxTtl();
            Duration dflt = cfg.ttl().isZero() ? TOKEN_TTL : cfg.ttl();
            ttl = a.ttl().isZero() ? dflt : a.ttl();
            if (ttl.compareTo(max) > 0) {
                ttl = max;
            }
        }
        Instant now = mount.clock().instant();
        Instant expiry = now.plus(ttl);
        String token = "ya29.c." + Base64.getUrlEncoder().withoutPadding().encodeToString(Randoms.bytes(96));
        String id = tokenId(token);
        mount.cloud().mint(id, KIND_ACCESS_TOKEN, expiry);
        recordCredential(a.email(), id, mount);

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("token", token);
        data.put("token_ttl", ttl.toSeconds());
        data.put("expires_at_seconds", expiry.getEpochSecond());
        // No lease at all (lease_id "", lease_duration 0): the lifetime is only in token_ttl / expires_at_seconds.
        return SimResponse.unleased(data);
    }

    private SimResponse serviceAccountKey(Account a, SimRequest request, MountContext mount) {
        Config cfg = requireCredentials(mount);
        Params p = Params.of(request);
        String keyAlgorithm = p.string("key_algorithm").orElse(KEY_ALG_RSA_2048);
        String keyType = p.string("key_type").orElse(TYPE_CREDENTIALS_FILE);
        if (!List.of(KEY_ALG_RSA_2048, KEY_ALG_RSA_1024).contains(keyAlgorithm)
                || !List.of(TYPE_CREDENTIALS_FILE, TYPE_PKCS12).contains(keyType)) {
            throw VaultError.badRequest(GOOGLE_BAD_REQUEST);
        }
        Duration requestedTtl = p.duration("ttl").orElse(Duration.ZERO);

        String keyId = Randoms.string(Randoms.HEX, 40);
        String privateKeyData;
        if (keyType.equals(TYPE_CREDENTIALS_FILE)) {
            privateKeyData = Base64.getEncoder().encodeToString(
                    credentialsFile(a, keyId, keyAlgorithm.equals(KEY_ALG_RSA_1024) ? 1024 : 2048)
                            .getBytes(StandardCharsets.UTF_8));
        } else {
            // A PKCS#12 file is opaque to every caller of the sim; random bytes of a plausible size stand in.
            privateKeyData = Base64.getEncoder().encodeToString(Randoms.bytes(2400));
        }
        mount.cloud().mint(keyId, KIND_SA_KEY, null); // user-managed keys do not expire on their own
        recordCredential(a.email(), keyId, mount);

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("private_key_data", privateKeyData);
        data.put("key_algorithm", keyAlgorithm);
        data.put("key_type", keyType);

        Duration ttl = requestedTtl.isZero() ? (cfg.ttl().isZero() ? DEFAULT_TTL : cfg.ttl()) : requestedTtl;
        Duration maxTtl = cfg.maxTtl().isZero() ? SYSTEM_MAX_TTL : cfg.maxTtl();
        Map<String, Object> internal = new LinkedHashMap<>();
        internal.put("key_name", "projects/" + a.project() + "/serviceAccounts/" + a.email() + "/keys/" + keyId);
        internal.put("private_key_id", keyId);
        internal.put(a.kind() == Kind.ROLESET ? "role_set" : "static_account", a.name());
        internal.put(a.kind() == Kind.ROLESET ? "role_set_bindings" : "static_account_bindings", a.bindingHash());
        return SimResponse.leased(data, new SimResponse.Lease(ttl, maxTtl, true), internal);
    }

    /** The JSON of a Google service-account key file, with a real RSA key so clients can sign with it. */
    private static String credentialsFile(Account a, String keyId, int bits) {
        String pem;
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(bits, Randoms.secureRandom());
            byte[] pkcs8 = gen.generateKeyPair().getPrivate().getEncoded();
            pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (GeneralSecurityException e) {
            throw new VaultError(500, "could not generate key: " + e.getMessage());
        }
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("type", "service_account");
        file.put("project_id", a.project());
        file.put("private_key_id", keyId);
        file.put("private_key", pem);
        file.put("client_email", a.email());
        file.put("client_id", "1" + Randoms.string(Randoms.DIGITS, 20));
        file.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
        file.put("token_uri", "https://oauth2.googleapis.com/token");
        file.put("auth_provider_x509_cert_url", "https://www.googleapis.com/oauth2/v1/certs");
        file.put("client_x509_cert_url", "https://www.googleapis.com/robot/v1/metadata/x509/" + a.email());
        file.put("universe_domain", "googleapis.com");
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(file);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- service-account bookkeeping ---------------------------------------------------------------------------

    /** Remembers which credentials belong to a service account, so deleting the account can kill them. */
    @SuppressWarnings("unchecked")
    private static void recordCredential(String email, String id, MountContext mount) {
        synchronized (mount.storage()) {
            Set<String> ids = new HashSet<>((Set<String>) mount.storage().getOrDefault(CREDS_PREFIX + email, Set.of()));
            ids.add(id);
            mount.storage().put(CREDS_PREFIX + email, Set.copyOf(ids));
        }
    }

    @SuppressWarnings("unchecked")
    private static void retireServiceAccount(String email, MountContext mount) {
        Set<String> ids = (Set<String>) mount.storage().remove(CREDS_PREFIX + email);
        if (ids != null) {
            ids.forEach(mount.cloud()::invalidate);
        }
    }

    /** The FakeCloud id of an access token: the hex SHA-256 of the token, so the token itself is never stored. */
    public static String tokenId(String token) {
        return sha256Hex(token);
    }

    private static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- lease callbacks ---------------------------------------------------------------------------------------

    /** Deletes the service-account key. */
    @Override
    public void revoke(Map<String, Object> internal, MountContext mount) {
        Object keyId = internal.get("private_key_id");
        if (keyId == null) {
            throw new VaultError(500, "secret is missing key_name internal data");
        }
        mount.cloud().invalidate(keyId.toString());
    }

    /**
     * As {@code secretKeyRenew}: refuses if the roleset or static account is gone or rebound, or the key no longer
     * exists; otherwise resets the lease to config's TTL, or keeps the request when config sets none.
     */
    @Override
    public Duration renew(Map<String, Object> internal, Duration requested, MountContext mount) {
        boolean roleset = internal.containsKey("role_set");
        Object name = roleset ? internal.get("role_set") : internal.get("static_account");
        Object hash = roleset ? internal.get("role_set_bindings") : internal.get("static_account_bindings");
        Kind kind = roleset ? Kind.ROLESET : Kind.STATIC;
        Account a = name == null ? null : (Account) mount.storage().get(kind.prefix + "/" + name);
        if (a == null) {
            throw VaultError.badRequest("could not find " + kind.label + " \"" + name + "\" to verify secret");
        }
        if (!a.bindingHash().equals(hash)) {
            throw VaultError.badRequest(kind.label + " '" + name
                    + "' bindings were updated since secret was generated, cannot renew");
        }
        Object keyId = internal.get("private_key_id");
        if (keyId == null || !mount.cloud().isLive(keyId.toString(), mount.clock().instant())) {
            throw VaultError.badRequest("could not confirm key still exists in GCP: googleapi: Error 404: "
                    + "Service account key " + keyId + " does not exist., notFound");
        }
        Config cfg = (Config) mount.storage().get(CONFIG_KEY);
        return cfg == null || cfg.ttl().isZero() ? requested : cfg.ttl();
    }
}
