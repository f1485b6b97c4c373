package dev.credbroker.vaultsim.token;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a token is created with, by an auth method's login or {@code auth/token/create}.
 * {@code ttl} zero means no expiry (allowed only for root-created tokens without a TTL).
 */
public record TokenSpec(List<String> policies, Map<String, String> meta, String path, String displayName,
                        String parentId, Duration ttl, Duration maxTtl, Duration explicitMaxTtl, boolean renewable,
                        int numUses, String entityId) {
}
