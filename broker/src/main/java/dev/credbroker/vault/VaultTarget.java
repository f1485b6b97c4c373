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
 * revocation identity ({@code revocation-*}, formerly {@code reaper-*}) is the broker's own on this Vault, used by
 * every close, the runner's and the reaper's: it may only revoke (vault-policies/broker-revocation.hcl).
 */
@EachProperty(VaultTarget.PREFIX)
public class VaultTarget {
    public static final String PREFIX = "broker.vault.targets";
    static final String DEFAULT_APPROLE_PATH = "approle";

    private final String name;
    private String address;
    private List<String> allowedNamespaces = List.of();
    private List<String> allowedAuthPaths = List.of("jwt");
    private String revocationToken;
    private String revocationTokenFile;
    private String revocationApprolePath;
    private String revocationApproleRoleIdFile;
    private String revocationApproleSecretIdFile;
    // The reaper-* keys, the revocation identity's names before it had its own.
    private String reaperToken;
    private String reaperTokenFile;
    private String reaperApprolePath;
    private String reaperApproleRoleIdFile;
    private String reaperApproleSecretIdFile;
    private Duration requestTimeout = Duration.ofSeconds(10);
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
    Optional<String> revocationToken() {
        return firstSet(revocationToken, reaperToken);
    }

    public void setRevocationToken(String revocationToken) {
        this.revocationToken = revocationToken;
    }

    public Optional<String> getRevocationTokenFile() {
        return firstSet(revocationTokenFile, reaperTokenFile);
    }

    public void setRevocationTokenFile(String revocationTokenFile) {
        this.revocationTokenFile = revocationTokenFile;
    }

    public String getRevocationApprolePath() {
        return firstSet(revocationApprolePath, reaperApprolePath).orElse(DEFAULT_APPROLE_PATH);
    }

    public void setRevocationApprolePath(String revocationApprolePath) {
        this.revocationApprolePath = revocationApprolePath;
    }

    /** With the secret id file: the revocation identity logs in with AppRole (terraform/ and docker/ set this up). */
    public Optional<String> getRevocationApproleRoleIdFile() {
        return firstSet(revocationApproleRoleIdFile, reaperApproleRoleIdFile);
    }

    public void setRevocationApproleRoleIdFile(String revocationApproleRoleIdFile) {
        this.revocationApproleRoleIdFile = revocationApproleRoleIdFile;
    }

    public Optional<String> getRevocationApproleSecretIdFile() {
        return firstSet(revocationApproleSecretIdFile, reaperApproleSecretIdFile);
    }

    public void setRevocationApproleSecretIdFile(String revocationApproleSecretIdFile) {
        this.revocationApproleSecretIdFile = revocationApproleSecretIdFile;
    }

    /** {@code reaper-token}: the name before {@code revocation-token}, still read; the new key wins. */
    @Deprecated(since = "0.1.0")
    public void setReaperToken(String reaperToken) {
        this.reaperToken = reaperToken;
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

    /** A PEM bundle of the CAs that sign this Vault's certificate, for a Vault behind a private CA. */
    public Optional<String> getCaCertFile() {
        return Optional.ofNullable(caCertFile).filter(f -> !blank(f));
    }

    public void setCaCertFile(String caCertFile) {
        this.caCertFile = caCertFile;
    }

    /**
     * The CA file in the form {@code TFC_VAULT_ENCODED_CACERT} takes (base64 of the PEM), for every call to this
     * Vault: the revocation identity's, and a workspace's that names no CA of its own.
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

    /** A blank key is unset: the stock configuration names both keys, filled from environment variables or not. */
    static Optional<String> firstSet(String preferred, String fallback) {
        return !blank(preferred) ? Optional.of(preferred) : Optional.ofNullable(fallback).filter(f -> !blank(f));
    }
}
