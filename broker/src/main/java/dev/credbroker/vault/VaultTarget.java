package dev.credbroker.vault;

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
    private URI address;
    private List<String> allowedNamespaces = List.of();
    private List<String> allowedAuthPaths = List.of("jwt");
    private String reaperToken;
    private String reaperTokenFile;
    private Duration requestTimeout = Duration.ofSeconds(10);

    public VaultTarget(@Parameter String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public URI getAddress() {
        return address;
    }

    public void setAddress(URI address) {
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

    /** Not a getter on purpose: configuration dumps must not show it. */
    Optional<String> reaperToken() {
        return Optional.ofNullable(reaperToken).filter(t -> !t.isBlank());
    }

    public void setReaperToken(String reaperToken) {
        this.reaperToken = reaperToken;
    }

    public Optional<String> getReaperTokenFile() {
        return Optional.ofNullable(reaperTokenFile);
    }

    public void setReaperTokenFile(String reaperTokenFile) {
        this.reaperTokenFile = reaperTokenFile;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }
}
