package dev.credbroker.vaultsim.engine.azure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code azure} secrets engine, after hashicorp/vault-plugin-secrets-azure.
 *
 * <p>Paths: {@code config}, {@code roles/}, {@code roles/<name>} and {@code creds/<role>}. A role with Azure roles or
 * groups yields a new service principal per lease ({@code client_id} is its application id); a role with an
 * {@code application_object_id} adds a password to that existing application, so its leases share one
 * {@code client_id} and are told apart in the fake cloud by the password's key id.
 */
public final class AzureEngine implements SecretsEngine {

    public static final String TYPE = "azure";
    /** FakeCloud kind of a dynamic service principal, keyed by its client (application) id. */
    public static final String KIND_SERVICE_PRINCIPAL = "azure-sp";
    /** FakeCloud kind of a password added to an existing application, keyed by the password's key id. */
    public static final String KIND_APP_PASSWORD = "azure-app-password";

    /** Lease TTL when the role sets none; Vault would use the mount's default TTL. */
    static final Duration DEFAULT_TTL = Duration.ofHours(1);
    /** Vault's default system max lease TTL. */
    static final Duration SYSTEM_MAX_TTL = Duration.ofHours(768);

    private static final String CONFIG_KEY = "config";
    private static final String ROLE_PREFIX = "roles/";
    private static final String SECRET_ALPHABET = Randoms.ALNUM + "~._-";

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Config(String subscriptionId, String tenantId, String clientId, String clientSecret,
                          String environment) {
    }

    /** One entry of a role's {@code azure_roles}. */
    record AzureRole(String roleName, String roleId, String scope) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("role_name", roleName);
            m.put("role_id", roleId);
            m.put("scope", scope);
            return m;
        }
    }

    /** One entry of a role's {@code azure_groups}. */
    record AzureGroup(String groupName, String objectId) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("group_name", groupName);
            m.put("object_id", objectId);
            return m;
        }
    }

    private record Role(List<AzureRole> azureRoles, List<AzureGroup> azureGroups, String applicationObjectId,
                        String applicationId, Duration ttl, Duration maxTtl, boolean permanentlyDelete) {
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
                case DELETE -> {
                    mount.storage().remove(CONFIG_KEY);
                    yield SimResponse.noContent();
                }
                default -> throw VaultError.unsupportedOperation();
            };
        }
        if (seg[0].equals("roles")) {
            if (seg.length == 1 || (seg.length == 2 && seg[1].isEmpty())) {
                if (op != Operation.LIST) {
                    throw VaultError.unsupportedOperation();
                }
                return listRoles(mount);
            }
            if (seg.length == 2 && Params.isGenericName(seg[1])) {
                // The plugin declares the name TypeLowerCaseString, so "Deploy" and "deploy" are one role.
                String name = seg[1].toLowerCase(Locale.ROOT);
                return switch (op) {
                    case READ -> readRole(name, mount);
                    case UPDATE -> writeRole(name, request, mount);
                    case DELETE -> {
                        mount.storage().remove(ROLE_PREFIX + name);
                        yield SimResponse.noContent();
                    }
                    default -> throw VaultError.unsupportedOperation();
                };
            }
        }
        if (seg[0].equals("creds") && seg.length == 2 && Params.isGenericName(seg[1])) {
            if (op != Operation.READ) {
                throw VaultError.unsupportedOperation(); // the plugin registers only ReadOperation on creds/
            }
            return issue(seg[1].toLowerCase(Locale.ROOT), mount);
        }
        throw VaultError.unsupportedPath(path);
    }

    // ---- config ------------------------------------------------------------------------------------------------

    private SimResponse writeConfig(SimRequest request, MountContext mount) {
        Params p = Params.of(request);
        synchronized (mount.storage()) {
            Config old = (Config) mount.storage().get(CONFIG_KEY);
            Config cfg = new Config(
                    p.string("subscription_id").orElse(old == null ? "" : old.subscriptionId()),
                    p.string("tenant_id").orElse(old == null ? "" : old.tenantId()),
                    p.string("client_id").orElse(old == null ? "" : old.clientId()),
                    p.string("client_secret").orElse(old == null ? "" : old.clientSecret()),
                    p.string("environment").orElse(old == null ? "" : old.environment()));
            mount.storage().put(CONFIG_KEY, cfg);
        }
        return SimResponse.noContent();
    }

    /** Never returns {@code client_secret}. */
    private SimResponse readConfig(MountContext mount) {
        Config cfg = (Config) mount.storage().get(CONFIG_KEY);
        if (cfg == null) {
            throw VaultError.notFound();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("subscription_id", cfg.subscriptionId());
        data.put("tenant_id", cfg.tenantId());
        data.put("client_id", cfg.clientId());
        data.put("environment", cfg.environment());
        return SimResponse.data(data);
    }

    /**
     * The plugin builds its Azure client before anything else on roles and creds, and fails with a Go error
     * (so a 500) when no config was ever written.
     */
    private static Config requireConfig(MountContext mount) {
        Config cfg = (Config) mount.storage().get(CONFIG_KEY);
        if (cfg == null) {
            throw new VaultError(500, "config is nil");
        }
        return cfg;
    }

    // ---- roles -------------------------------------------------------------------------------------------------

    private SimResponse listRoles(MountContext mount) {
        List<String> keys = mount.storage().keySet().stream()
                .filter(k -> k.startsWith(ROLE_PREFIX))
                .map(k -> k.substring(ROLE_PREFIX.length()))
                .sorted()
                .toList();
        if (keys.isEmpty()) {
            throw VaultError.notFound();
        }
        return SimResponse.data(Map.of("keys", keys));
    }

    private SimResponse readRole(String name, MountContext mount) {
        Role role = (Role) mount.storage().get(ROLE_PREFIX + name);
        if (role == null) {
            throw VaultError.notFound();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ttl", role.ttl().toSeconds());
        data.put("max_ttl", role.maxTtl().toSeconds());
        data.put("azure_roles", role.azureRoles().stream().map(AzureRole::toMap).toList());
        data.put("azure_groups", role.azureGroups().stream().map(AzureGroup::toMap).toList());
        data.put("application_object_id", role.applicationObjectId());
        data.put("permanently_delete", role.permanentlyDelete());
        return SimResponse.data(data);
    }

    private SimResponse writeRole(String name, SimRequest request, MountContext mount) {
        Config cfg = requireConfig(mount);
        Params p = Params.of(request);
        synchronized (mount.storage()) {
            Role old = (Role) mount.storage().get(ROLE_PREFIX + name);
            Duration ttl = p.duration("ttl").orElse(old == null ? Duration.ZERO : old.ttl());
            Duration maxTtl = p.duration("max_ttl").orElse(old == null ? Duration.ZERO : old.maxTtl());
            if (!maxTtl.isZero() && ttl.compareTo(maxTtl) > 0) {
                throw VaultError.badRequest("ttl cannot be greater than max_ttl");
            }

            String appObjectId = p.string("application_object_id").orElse(old == null ? "" : old.applicationObjectId());
            String appId = "";
            if (!appObjectId.isEmpty()) {
                // Vault looks the application up to learn its application (client) id; the sim derives a stable one.
                appId = UUID.nameUUIDFromBytes(("app:" + appObjectId).getBytes(StandardCharsets.UTF_8)).toString();
            }

            List<AzureRole> roles = old == null ? List.of() : old.azureRoles();
            if (p.has("azure_roles")) {
                roles = parseRoles(p.raw("azure_roles").orElseThrow(), cfg);
            }
            List<AzureGroup> groups = old == null ? List.of() : old.azureGroups();
            if (p.has("azure_groups")) {
                groups = parseGroups(p.raw("azure_groups").orElseThrow());
            }
            if (appObjectId.isEmpty() && roles.isEmpty() && groups.isEmpty()) {
                throw VaultError.badRequest(
                        "either Azure role definitions, group definitions, or an Application Object ID must be provided");
            }
            boolean permanentlyDelete = p.bool("permanently_delete").orElse(old != null && old.permanentlyDelete());
            mount.storage().put(ROLE_PREFIX + name,
                    new Role(roles, groups, appObjectId, appId, ttl, maxTtl, permanentlyDelete));
        }
        return SimResponse.noContent();
    }

    /** {@code azure_roles}: a JSON string (as Vault requires) or, leniently, an already-decoded JSON list. */
    private static List<AzureRole> parseRoles(Object raw, Config cfg) {
        List<Map<String, Object>> items = decodeList(raw, "roles");
        List<AzureRole> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Map<String, Object> item : items) {
            String roleName = string(item.get("role_name"));
            String roleId = string(item.get("role_id"));
            String scope = string(item.get("scope"));
            if (roleId.isEmpty()) {
                if (roleName.isEmpty()) {
                    throw VaultError.badRequest("no role found for role_name: ''");
                }
                // Vault resolves the name against the subscription's role definitions; the sim derives a stable id.
                roleId = "/subscriptions/" + cfg.subscriptionId()
                        + "/providers/Microsoft.Authorization/roleDefinitions/"
                        + UUID.nameUUIDFromBytes(("role:" + roleName).getBytes(StandardCharsets.UTF_8));
            } else if (roleName.isEmpty()) {
                roleName = roleId.substring(roleId.lastIndexOf('/') + 1);
            }
            if (!seen.add(roleId + "||" + scope)) {
                throw VaultError.badRequest("duplicate role_id and scope: '" + roleId + "', '" + scope + "'");
            }
            out.add(new AzureRole(roleName, roleId, scope));
        }
        return List.copyOf(out);
    }

    private static List<AzureGroup> parseGroups(Object raw) {
        List<Map<String, Object>> items = decodeList(raw, "groups");
        List<AzureGroup> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Map<String, Object> item : items) {
            String groupName = string(item.get("group_name"));
            String objectId = string(item.get("object_id"));
            if (objectId.isEmpty()) {
                if (groupName.isEmpty()) {
                    throw VaultError.badRequest("no group found for group_name: ''");
                }
                objectId = UUID.nameUUIDFromBytes(("group:" + groupName).getBytes(StandardCharsets.UTF_8)).toString();
            }
            if (!seen.add(objectId)) {
                throw VaultError.badRequest("duplicate object_id '" + objectId + "'");
            }
            out.add(new AzureGroup(groupName, objectId));
        }
        return List.copyOf(out);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> decodeList(Object raw, String what) {
        if (raw instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof Map)) {
                    throw VaultError.badRequest("error parsing Azure " + what + " '" + raw
                            + "': json: cannot unmarshal into Go value of type azuresecrets.Azure"
                            + (what.equals("roles") ? "Role" : "Group"));
                }
            }
            return (List<Map<String, Object>>) list;
        }
        String text = String.valueOf(raw);
        try {
            return JSON.readValue(text, new TypeReference<List<Map<String, Object>>>() { });
        } catch (JsonProcessingException e) {
            throw VaultError.badRequest("error parsing Azure " + what + " '" + text + "': "
                    + e.getOriginalMessage());
        }
    }

    private static String string(Object o) {
        return o == null ? "" : o.toString();
    }

    // ---- creds/<role> ------------------------------------------------------------------------------------------

    private SimResponse issue(String roleName, MountContext mount) {
        requireConfig(mount); // before the role lookup, as in pathSPRead
        Role role = (Role) mount.storage().get(ROLE_PREFIX + roleName);
        if (role == null) {
            throw VaultError.badRequest("role '" + roleName + "' does not exist");
        }
        Duration ttl = role.ttl().isZero() ? DEFAULT_TTL : role.ttl();
        Duration maxTtl = role.maxTtl().isZero() ? SYSTEM_MAX_TTL : role.maxTtl();
        String secret = Randoms.string(SECRET_ALPHABET, 40);

        Map<String, Object> data = new LinkedHashMap<>();
        Map<String, Object> internal = new LinkedHashMap<>();
        internal.put("role", roleName);
        if (!role.applicationObjectId().isEmpty()) {
            String keyId = Randoms.uuid();
            mount.cloud().mint(keyId, KIND_APP_PASSWORD, null);
            data.put("client_id", role.applicationId());
            internal.put("app_object_id", role.applicationObjectId());
            internal.put("key_id", keyId);
        } else {
            String clientId = Randoms.uuid();
            // Vault creates the service principal with a far-future Azure expiry; the lease is what ends it.
            mount.cloud().mint(clientId, KIND_SERVICE_PRINCIPAL, null);
            data.put("client_id", clientId);
            internal.put("client_id", clientId);
            internal.put("app_object_id", Randoms.uuid());
            internal.put("sp_object_id", Randoms.uuid());
            internal.put("permanently_delete", role.permanentlyDelete());
        }
        data.put("client_secret", secret);
        return SimResponse.leased(data, new SimResponse.Lease(ttl, maxTtl, true), internal);
    }

    // ---- lease callbacks ---------------------------------------------------------------------------------------

    /** Deletes the service principal's application, or only the added password for an existing application. */
    @Override
    public void revoke(Map<String, Object> internal, MountContext mount) {
        Object keyId = internal.get("key_id");
        Object clientId = internal.get("client_id");
        if (keyId != null) {
            mount.cloud().invalidate(keyId.toString());
        } else if (clientId != null) {
            mount.cloud().invalidate(clientId.toString());
        } else {
            throw new VaultError(500, "internal data 'app_object_id' not found");
        }
    }

    /** Vault resets the lease to the role's TTL on renewal; an unset TTL leaves the request as it is. */
    @Override
    public Duration renew(Map<String, Object> internal, Duration requested, MountContext mount) {
        Object roleName = internal.get("role");
        Role role = roleName == null ? null : (Role) mount.storage().get(ROLE_PREFIX + roleName);
        return role == null || role.ttl().isZero() ? requested : role.ttl();
    }
}
