package dev.credbroker.vault;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;

import java.util.Optional;

/**
 * The broker's revocation identity inside one Vault Enterprise / HCP Vault Dedicated namespace
 * ({@code broker.vault.namespace-reapers.<name>.*}). There a token and its policies live in one namespace: a
 * phase's token is revoked by accessor, and its leases revoked, only by a token of that namespace (or of a
 * parent whose policy names the child's paths). The AppRole login carries the namespace's header.
 */
@EachProperty("broker.vault.namespace-reapers")
public class NamespaceReaper {
    private final String name;
    private String target;
    private String namespace;
    private String reaperTokenFile;
    private String reaperApprolePath = "approle";
    private String reaperApproleRoleIdFile;
    private String reaperApproleSecretIdFile;

    public NamespaceReaper(@Parameter String name) {
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

    public Optional<String> getReaperTokenFile() {
        return Optional.ofNullable(reaperTokenFile).filter(f -> !f.isBlank());
    }

    public void setReaperTokenFile(String reaperTokenFile) {
        this.reaperTokenFile = reaperTokenFile;
    }

    public String getReaperApprolePath() {
        return reaperApprolePath;
    }

    public void setReaperApprolePath(String reaperApprolePath) {
        this.reaperApprolePath = reaperApprolePath;
    }

    public Optional<String> getReaperApproleRoleIdFile() {
        return Optional.ofNullable(reaperApproleRoleIdFile).filter(f -> !f.isBlank());
    }

    public void setReaperApproleRoleIdFile(String reaperApproleRoleIdFile) {
        this.reaperApproleRoleIdFile = reaperApproleRoleIdFile;
    }

    public Optional<String> getReaperApproleSecretIdFile() {
        return Optional.ofNullable(reaperApproleSecretIdFile).filter(f -> !f.isBlank());
    }

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
