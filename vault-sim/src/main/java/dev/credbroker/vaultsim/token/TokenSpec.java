package dev.credbroker.vaultsim.token;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a token is created with, by an auth method's login or {@code auth/token/create}.
 * {@code ttl} zero means no expiry (only tokens with the root policy). A non-zero {@code period} makes the
 * token periodic: its TTL is the period at creation and at every renewal, with no max TTL but an explicit one.
 */
public record TokenSpec(List<String> policies, Map<String, String> meta, String path, String displayName,
                        String parentId, Duration ttl, Duration maxTtl, Duration explicitMaxTtl, boolean renewable,
                        int numUses, String entityId, Duration period) {
}
