package dev.credbroker.vault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Base64;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One Vault the broker may talk to ({@code broker.vault.targets.<name>.*}). A workspace's
 * {@code TFC_VAULT_ADDR} must name one of these; its namespace and auth path must be allowed here. The
 * reaper's token is the broker's own identity on this Vault: it may only revoke (vault-policies/broker-reaper.hcl).
 */
@EachProperty("broker.vault.targets")
public class VaultTarget {
    private final String name;
    private String address;
    private List<String> allowedNamespaces = List.of();
    private List<String> allowedAuthPaths = List.of("jwt");
    private String reaperToken;
    private String reaperTokenFile;
    private Duration requestTimeout = Duration.ofSeconds(10);
    private String reaperApprolePath = "approle";
    private String reaperApproleRoleIdFile;
    private String reaperApproleSecretIdFile;
    private String caCertFile;
    private volatile CaBundle caBundle;

    /** The CA file as last read; read again once it changed on disk. */
    private record CaBundle(FileTime modified, String encoded) {
    }

    public VaultTarget(@Parameter String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    /** Null when unset or blank: the stock {@code main} target stays inert until BROKER_VAULT_ADDR is given. */
    public URI getAddress() {
        return blank(address) ? null : URI.create(address.trim());
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public List<String> getAllowedNamespaces() {
        return allowedNamespaces;
    }

    public void setAllowedNamespaces(List<String> allowedNamespaces) {
        this.allowedNamespaces = List.copyOf(allowedNamespaces);
    }

    public List<String> getAllowedAuthPaths() {
        return allowedAuthPaths;
    }

    public void setAllowedAuthPaths(List<String> allowedAuthPaths) {
        this.allowedAuthPaths = List.copyOf(allowedAuthPaths);
    }

    /** Not a getter on purpose: configuration dumps must not show it. Set it, or a file, or AppRole files. */
    Optional<String> reaperToken() {
        return Optional.ofNullable(reaperToken).filter(t -> !blank(t));
    }

    public void setReaperToken(String reaperToken) {
        this.reaperToken = reaperToken;
    }

    public Optional<String> getReaperTokenFile() {
        return Optional.ofNullable(reaperTokenFile).filter(f -> !blank(f));
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

    /** With the secret id file: the reaper logs in with AppRole (terraform/ and docker/ set this up). */
    public Optional<String> getReaperApproleRoleIdFile() {
        return Optional.ofNullable(reaperApproleRoleIdFile).filter(f -> !blank(f));
    }

    public void setReaperApproleRoleIdFile(String reaperApproleRoleIdFile) {
        this.reaperApproleRoleIdFile = reaperApproleRoleIdFile;
    }

    public Optional<String> getReaperApproleSecretIdFile() {
        return Optional.ofNullable(reaperApproleSecretIdFile).filter(f -> !blank(f));
    }

    public void setReaperApproleSecretIdFile(String reaperApproleSecretIdFile) {
        this.reaperApproleSecretIdFile = reaperApproleSecretIdFile;
    }

    /** A PEM bundle of the CAs that sign this Vault's certificate, for a Vault behind a private CA. */
    public Optional<String> getCaCertFile() {
        return Optional.ofNullable(caCertFile).filter(f -> !blank(f));
    }

    public void setCaCertFile(String caCertFile) {
        this.caCertFile = caCertFile;
    }

    /**
     * The CA file in the form {@code TFC_VAULT_ENCODED_CACERT} takes (base64 of the PEM), for every call to this
     * Vault: the reaper's, and a workspace's that names no CA of its own.
     */
    public Optional<String> encodedCaCert() {
        return getCaCertFile().map(file -> {
            try {
                FileTime modified = Files.getLastModifiedTime(Path.of(file));
                CaBundle bundle = caBundle;
                if (bundle == null || !bundle.modified().equals(modified)) {
                    bundle = new CaBundle(modified, Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(file))));
                    caBundle = bundle;
                }
                return bundle.encoded();
            } catch (IOException e) {
                throw new VaultUnavailableException("the CA file of Vault target " + name + " cannot be read: " + file);
            }
        });
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
