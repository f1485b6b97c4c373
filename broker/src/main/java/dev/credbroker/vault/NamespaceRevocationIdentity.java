package dev.credbroker.vault;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;

import java.util.Optional;

/**
 * The broker's revocation identity inside one Vault Enterprise / HCP Vault Dedicated namespace
 * ({@code broker.vault.namespace-reapers.<name>.revocation-*}; the prefix keeps its old name). There a token and its policies live in one namespace: a
 * phase's token is revoked by accessor, and its leases revoked, only by a token of that namespace (or of a
 * parent whose policy names the child's paths). The AppRole login carries the namespace's header.
 */
@EachProperty("broker.vault.namespace-reapers")
public class NamespaceRevocationIdentity {
    private final String name;
    private String target;
    private String namespace;
    private String revocationTokenFile;
    private String revocationApprolePath;
    private String revocationApproleRoleIdFile;
    private String revocationApproleSecretIdFile;
    // The reaper-* keys, the revocation identity's names before it had its own.
    private String reaperTokenFile;
    private String reaperApprolePath;
    private String reaperApproleRoleIdFile;
    private String reaperApproleSecretIdFile;

    public NamespaceRevocationIdentity(@Parameter String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    /** The name of the Vault target ({@code broker.vault.targets.<name>}) this namespace belongs to. */
    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public Optional<String> getRevocationTokenFile() {
        return VaultTarget.firstSet(revocationTokenFile, reaperTokenFile);
    }

    public void setRevocationTokenFile(String revocationTokenFile) {
        this.revocationTokenFile = revocationTokenFile;
    }

    public String getRevocationApprolePath() {
        return VaultTarget.firstSet(revocationApprolePath, reaperApprolePath).orElse(VaultTarget.DEFAULT_APPROLE_PATH);
    }

    public void setRevocationApprolePath(String revocationApprolePath) {
        this.revocationApprolePath = revocationApprolePath;
    }

    public Optional<String> getRevocationApproleRoleIdFile() {
        return VaultTarget.firstSet(revocationApproleRoleIdFile, reaperApproleRoleIdFile);
    }

    public void setRevocationApproleRoleIdFile(String revocationApproleRoleIdFile) {
        this.revocationApproleRoleIdFile = revocationApproleRoleIdFile;
    }

    public Optional<String> getRevocationApproleSecretIdFile() {
        return VaultTarget.firstSet(revocationApproleSecretIdFile, reaperApproleSecretIdFile);
    }

    public void setRevocationApproleSecretIdFile(String revocationApproleSecretIdFile) {
        this.revocationApproleSecretIdFile = revocationApproleSecretIdFile;
    }

    /** {@code reaper-token-file}, still read; {@code revocation-token-file} wins. */
    @Deprecated(since = "0.1.0")
    public void setReaperTokenFile(String reaperTokenFile) {
        this.reaperTokenFile = reaperTokenFile;
    }

    /** {@code reaper-approle-path}, still read; {@code revocation-approle-path} wins. */
    @Deprecated(since = "0.1.0")
    public void setReaperApprolePath(String reaperApprolePath) {
        this.reaperApprolePath = reaperApprolePath;
    }

    /** {@code reaper-approle-role-id-file}, still read; {@code revocation-approle-role-id-file} wins. */
    @Deprecated(since = "0.1.0")
    public void setReaperApproleRoleIdFile(String reaperApproleRoleIdFile) {
        this.reaperApproleRoleIdFile = reaperApproleRoleIdFile;
    }

    /** {@code reaper-approle-secret-id-file}, still read; {@code revocation-approle-secret-id-file} wins. */
    @Deprecated(since = "0.1.0")
    public void setReaperApproleSecretIdFile(String reaperApproleSecretIdFile) {
        this.reaperApproleSecretIdFile = reaperApproleSecretIdFile;
    }

    /** Whether this identity is the one for {@code namespace} on {@code target}; Vault paths ignore outer slashes. */
    boolean serves(VaultTarget vaultTarget, String vaultNamespace) {
        return vaultTarget.getName().equals(target) && trim(namespace).equals(trim(vaultNamespace));
    }

    static String trim(String namespace) {
        return namespace == null ? "" : namespace.replaceAll("^/+|/+$", "");
    }
}
